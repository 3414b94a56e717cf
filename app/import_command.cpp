#include <algorithm>
#include <fstream>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "engine/plan/meeting_rule_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/sheet/sheet_additions.hpp"
#include "engine/sheet/sheet_import.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi import SHEET [--fy YEAR] [--id PLAN_ID] [-o plan.json] [--lenient]\n"
    "                       [--meeting-rule RULE] [--on-closed-day CHOICE]\n"
    "                       [--owner KEY=担当]... [--with FILE]\n"
    "\n"
    "Reads a 重要取組シート as offices export it (tab-separated text, or an Excel .xlsx\n"
    "workbook of the same rows and columns, see docs/sheet-format.md) and writes it as a plan\n"
    "(JSON, see docs/plan-format.md): organisation, initiative, issues, measures, the schedule's\n"
    "tasks, the progress lines matched to the tasks they report on, the KPI, the city plan and\n"
    "the SDG goal.\n"
    "Ids are the titles' first words in Latin letters (区内小中学校の訪問 →\n"
    "kunai-shochugakko-homon), read with MeCab's IPAdic.\n"
    "\n"
    "  --fy YEAR     the fiscal year the sheet is for (2026 = 令和8年度); default: the year its\n"
    "                title names, if it names one\n"
    "  --id PLAN_ID  the plan's id (A-Z a-z 0-9 . _ -); default: the organisation's first\n"
    "                word and the initiative's (higashi-chiiki-kyosei-shakai)\n"
    "  -o FILE       write the plan to FILE instead of standard output\n"
    "  --lenient     import a sheet with refused schedules anyway (see below)\n"
    "\n"
    "What the sheet does not say (it has no 担当 and no meeting times):\n"
    "  --meeting-rule RULE  the plan's meeting rule: DAY TIME LENGTH [PLACE], such as\n"
    "                \"第2水曜日 14:00 90分 3階会議室\"; DAY 第N曜日 or 毎月N日, TIME 14:00 or\n"
    "                14時30分, LENGTH 90分, 1時間30分 or 1.5時間\n"
    "  --on-closed-day CHOICE  what a meeting whose day is a holiday or 年末年始 does:\n"
    "                next_business_day (the default), previous_business_day or skip\n"
    "  --owner KEY=担当  the 担当 of the tasks KEY names, tried in turn: a task id, a task\n"
    "                title, a measure id or title (the tasks linked to it), then the tasks\n"
    "                whose title contains KEY. A sheet links no task to a measure, so a\n"
    "                measure names only tasks whose titles contain its title. Repeatable;\n"
    "                a later one wins\n"
    "  --with FILE   a companion file (JSON): {\"meeting_rule\": \"RULE\", \"on_closed_day\":\n"
    "                \"CHOICE\", \"owners\": {\"KEY\": \"担当\"}}; the options override it\n"
    "\n"
    "What cannot be placed is reported on standard error as SHEET:LINE: message, each once;\n"
    "then a line each when tasks have no 担当 or meetings no time, and a last line saying what\n"
    "was imported (plan id, tasks, measures, progress lines, KPIs). A schedule the importer\n"
    "refuses (not understood, running backwards through the fiscal year, or a bracket without\n"
    "its partner) stops the import: nothing is written and the last line says how many; with\n"
    "--lenient the plan is written and the last line says how many were refused.\n"
    "Exit status: 0 imported (also with warnings, or with --lenient), 1 not a sheet,\n"
    "unreadable or empty, refused schedules, a bad companion file or a KEY that names no task,\n"
    "2 usage.\n";

// The companion file's additions (--with), or none.
Result<SheetAdditions, ExitCode> companion_additions(const Arguments& arguments,
                                                     std::ostream& err) {
  const auto path = arguments.value("--with");
  if (!path) return SheetAdditions{};
  const auto text = read_text_file(*path);
  if (!text) {
    err << *path << ": " << text.error().message << '\n';
    return kExitBadInput;
  }
  auto read = read_sheet_additions_json(*text);
  if (!read) {
    print_diagnostics(err, *path, read.error());
    return kExitBadInput;
  }
  for (OwnerAssignment& owner : read->owners) owner.where = *path + ": " + owner.where;
  if (read->on_closed_day) read->on_closed_day_where = *path + ": " + read->on_closed_day_where;
  return std::move(*read);
}

// The companion file's additions, then the command line's over them.
Result<SheetAdditions, ExitCode> requested_additions(const Arguments& arguments,
                                                     std::ostream& err) {
  auto file = companion_additions(arguments, err);
  if (!file) return file.error();
  SheetAdditions line;
  if (const auto text = arguments.value("--meeting-rule")) {
    auto rule = parse_meeting_rule_text(*text);
    if (!rule) {
      err << "torikumi import: --meeting-rule: " << rule.error().message << '\n';
      return kExitUsage;
    }
    line.meeting_rule = std::move(*rule);
  }
  if (const auto text = arguments.value("--on-closed-day")) {
    line.on_closed_day = parse_on_closed_day(*text);
    line.on_closed_day_where = "torikumi import: --on-closed-day";
    if (!line.on_closed_day) {
      err << "torikumi import: --on-closed-day: " << kOnClosedDayChoices << ", got "
          << in_quotes(*text) << '\n';
      return kExitUsage;
    }
  }
  for (const std::string& owner : arguments.values("--owner")) {
    const std::size_t equals = owner.find('=');
    if (equals == std::string::npos || owner.find_first_not_of(" =", equals) == owner.npos) {
      err << "torikumi import: --owner: expected KEY=担当, got \"" << owner << "\"\n";
      return kExitUsage;
    }
    line.owners.push_back(
        {owner.substr(0, equals), owner.substr(equals + 1), "torikumi import: --owner"});
  }
  return merge_additions(std::move(*file), line);
}

// The options of the importer: the fiscal year, the plan id, the name warnings are located by.
Result<SheetImportOptions, ExitCode> import_options(const Arguments& arguments, std::ostream& err) {
  SheetImportOptions options;
  const auto requested_year = requested_fiscal_year(arguments);
  if (!requested_year) {
    err << "torikumi import: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  options.fiscal_year = *requested_year;
  if (const auto id = arguments.value("--id")) {
    if (!is_valid_id(*id)) {
      err << "torikumi import: --id: expected 1 to 64 of A-Z a-z 0-9 . _ - not starting "
             "with . or -, got \""
          << *id << "\"\n";
      return kExitUsage;
    }
    options.plan_id = *id;
  }
  options.name = arguments.positionals().front();
  return options;
}

// One line for each thing the plan still lacks that the command line could give.
void print_gaps(std::ostream& err, const std::string& path, const Plan& plan) {
  const SheetGaps gaps = gaps_of(plan);
  if (gaps.tasks_without_owner > 0)
    err << path << ": no 担当 (owner) for " << gaps.tasks_without_owner
        << (gaps.tasks_without_owner == 1 ? " task" : " tasks")
        << ": give --owner TASK_OR_MEASURE=担当 or a companion file (--with FILE)\n";
  if (gaps.meetings_without_time > 0)
    err << path << ": " << gaps.meetings_without_time
        << (gaps.meetings_without_time == 1 ? " meeting task has" : " meeting tasks have")
        << " no time: give --meeting-rule \"第2水曜日 14:00 90分 3階会議室\" or a companion "
           "file (--with FILE)\n";
}

int write_plan(const Plan& plan, const Arguments& arguments, Context& context) {
  const std::string document = plan_to_json(plan).dump(2) + "\n";
  const auto output = arguments.value("-o");
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

// What a plan holds, in one line: plan ID: 15 tasks (3 meetings), 3 measures, 11 progress
// lines, 1 KPI.
std::string summary_of(const Plan& plan) {
  const auto meetings = std::count_if(plan.tasks.begin(), plan.tasks.end(), [](const Task& task) {
    return task.kind == TaskKind::meeting;
  });
  const auto counted = [](std::size_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
  };
  return "plan " + plan.id + ": " + counted(plan.tasks.size(), "task", "tasks") + " (" +
         counted(static_cast<std::size_t>(meetings), "meeting", "meetings") + "), " +
         counted(plan.measures.size(), "measure", "measures") + ", " +
         counted(plan.progress.size(), "progress line", "progress lines") + ", " +
         counted(plan.kpis.size(), "KPI", "KPIs");
}

}  // namespace

int run_import(const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = "import",
                          .options = {.with_value = {"--fy", "--id", "-o", "--meeting-rule",
                                                     "--on-closed-day", "--owner", "--with"},
                                      .flags = {"--lenient"}},
                          .positionals = 1,
                          .positional_names = "SHEET",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto options = import_options(*arguments, context.err);
  if (!options) return options.error();
  const auto additions = requested_additions(*arguments, context.err);
  if (!additions) return additions.error();
  const std::string& path = options->name;
  const auto bytes = read_text_file(path);
  if (!bytes) {
    context.err << path << ": " << bytes.error().message << '\n';
    return kExitBadInput;
  }
  if (is_blank(*bytes)) {
    context.err << path << ": the file is empty: expected a 重要取組シート\n";
    return kExitBadInput;
  }
  const auto text = sheet_text_of(*bytes);
  if (!text) {
    context.err << path << ": " << text.error().message << '\n';
    return kExitBadInput;
  }
  auto imported = import_sheet(*text, *options);
  if (!imported) {
    context.err << path << ": " << imported.error().message << '\n';
    return kExitBadInput;
  }
  print_warnings(context.err, imported->warnings);
  if (const Status added = apply_additions(imported->plan, *additions); !added) {
    context.err << added.error().message << '\n';
    return kExitBadInput;
  }
  print_gaps(context.err, path, imported->plan);
  const std::size_t refused =
      count_warnings(imported->warnings, SheetWarningKind::schedule_refused);
  if (refused > 0 && !arguments->flag("--lenient")) {
    context.err << path << ": " << refused_schedules_text(refused)
                << " (above); nothing written: correct the sheet, or give --lenient to import "
                   "anyway\n";
    return kExitBadInput;
  }
  const int written = write_plan(imported->plan, *arguments, context);
  if (written != kExitOk) return written;
  if (refused > 0)
    context.err << "--lenient: imported " << path << " with " << refused_schedules_text(refused)
                << " (above)\n";
  else
    context.err << "imported " << path << ": " << summary_of(imported->plan)
                << (arguments->value("-o") ? "; written to " + *arguments->value("-o") : "")
                << '\n';
  return written;
}

}  // namespace torikumi::app
