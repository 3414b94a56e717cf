#include <fstream>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "engine/expansion.hpp"
#include "engine/progress_form.hpp"
#include "engine/progress_marks.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi report PLAN [--fy YEAR] [--period 前期|中期|後期] [--format html|md|text] [-o FILE]\n"
    "\n"
    "Writes the sheet's progress form (様式4) from the plan and what was recorded: the\n"
    "schedule by period with each checkbox ticked when done, the progress lines per period,\n"
    "the KPI with its baseline and target, and the SDG goal.\n"
    "\n"
    "  --fy YEAR     the fiscal year (default: the plan's own, else the current one)\n"
    "  --period P    the form as of the end of period P: later periods' progress left empty\n"
    "  --format F    html (default: one A4 page, print-ready), md, or text (the sheet's own\n"
    "                tab-separated layout with ☑/☐ ticks, which torikumi import reads back)\n"
    "  -o FILE       write to FILE instead of standard output\n"
    "\n"
    "PLAN is a plan JSON file or a 重要取組シート, imported on the fly.\n";

}  // namespace

int run_report(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line({.name = "report",
                                             .options = {.with_value = {"--fy", "--period", "--format", "-o"}, .flags = {}},
                                             .positionals = 1,
                                             .positional_names = "PLAN",
                                             .usage = kUsage},
                                            args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto requested_year = requested_fiscal_year(*arguments);
  if (!requested_year) {
    context.err << "torikumi report: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  ProgressFormOptions options;
  const std::string format = arguments->value("--format").value_or("html");
  if (format == "html") {
    options.format = FormFormat::html;
  } else if (format == "md" || format == "markdown") {
    options.format = FormFormat::markdown;
  } else if (format == "text") {
    options.format = FormFormat::text;
  } else {
    context.err << "torikumi report: --format: expected html, md or text, got \"" << format << "\"\n";
    return kExitUsage;
  }

  const std::string& path = arguments->positionals().front();
  const auto loaded = open_plan_file(path, context.err);
  if (!loaded) return loaded.error();
  const Plan* plan = &loaded->plan;
  if (const auto period = arguments->value("--period")) {
    if (period_index(*plan, *period) == plan->periods.size()) {
      std::string names;
      for (const auto& known : plan->periods) names += (names.empty() ? "" : ", ") + known.name;
      context.err << "torikumi report: --period: unknown period \"" << *period << "\", expected one of "
                  << names << '\n';
      return kExitUsage;
    }
    options.up_to_period = *period;
  }
  const auto expansion = expand_plan(*plan, choose_fiscal_year(*plan, *requested_year, context.now));
  if (!expansion) {
    context.err << path << ": " << expansion.error().message << '\n';
    return kExitBadInput;
  }
  const std::string form = render_progress_form(*plan, *expansion, mark_progress(*plan, *expansion), options);
  if (const auto output = arguments->value("-o")) {
    std::ofstream file{*output, std::ios::binary | std::ios::trunc};
    file << form;
    file.close();
    if (!file) {
      context.err << "torikumi report: cannot write " << *output << '\n';
      return kExitBadInput;
    }
    return kExitOk;
  }
  context.out << form;
  return kExitOk;
}

}  // namespace torikumi::app
