#include <fstream>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/sheet/sheet_import.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi import SHEET [--fy YEAR] [--id PLAN_ID] [-o plan.json]\n"
    "\n"
    "Reads a 重要取組シート as offices export it (tab-separated text, see docs/sheet-format.md)\n"
    "and writes it as a plan (JSON, see docs/plan-format.md): organisation, initiative, issues,\n"
    "measures, the schedule's tasks with ids derived from their text, the progress lines matched\n"
    "to the tasks they report on, the KPI, the city plan and the SDG goal.\n"
    "\n"
    "  --fy YEAR     the fiscal year the sheet is for (2026 = 令和8年度); default: the year its\n"
    "                title names, if it names one\n"
    "  --id PLAN_ID  the plan's id (A-Z a-z 0-9 . _ -); default: plan-<hash of organisation\n"
    "                and initiative>\n"
    "  -o FILE       write the plan to FILE instead of standard output\n"
    "\n"
    "What cannot be placed is reported on standard error as SHEET:LINE: message.\n"
    "Exit status: 0 imported (also with warnings), 1 not a sheet or unreadable, 2 usage.\n";

}  // namespace

int run_import(const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = "import",
                          .options = {.with_value = {"--fy", "--id", "-o"}, .flags = {}},
                          .positionals = 1,
                          .positional_names = "SHEET",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  SheetImportOptions options;
  const auto requested_year = requested_fiscal_year(*arguments);
  if (!requested_year) {
    context.err << "torikumi import: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  options.fiscal_year = *requested_year;
  if (const auto id = arguments->value("--id")) {
    if (!is_valid_id(*id)) {
      context.err << "torikumi import: --id: expected 1 to 64 of A-Z a-z 0-9 . _ - not starting "
                     "with . or -, got \""
                  << *id << "\"\n";
      return kExitUsage;
    }
    options.plan_id = *id;
  }
  const std::string& path = arguments->positionals().front();
  options.name = path;
  const auto text = read_text_file(path);
  if (!text) {
    context.err << path << ": " << text.error().message << '\n';
    return kExitBadInput;
  }
  const auto imported = import_sheet(*text, options);
  if (!imported) {
    context.err << path << ": " << imported.error().message << '\n';
    return kExitBadInput;
  }
  print_warnings(context.err, imported->warnings);
  const std::string document = plan_to_json(imported->plan).dump(2) + "\n";
  const auto output = arguments->value("-o");
  if (!output) {
    context.out << document;
    return kExitOk;
  }
  std::ofstream file{*output, std::ios::binary};
  file << document;
  file.close();
  if (!file) {
    context.err << *output << ": cannot write\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace torikumi::app
