// The commands that record what happened: done, undo, skip, cancel, schedule, log, note, kpi.
// Each is one transaction in the store; on error nothing is written.

#include <charconv>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kDatabaseHelp =
    "  --db FILE     the database (default ./torikumi.db)\n"
    "  --by NAME     who records it (default: the system user, $USER or $LOGNAME)\n";

// Prints a store error (`torikumi done: torikumi.db: unknown occurrence ...`) and gives exit 1.
int report_error(const std::string& command, const Arguments& arguments, const Error& error,
                 std::ostream& err) {
  err << "torikumi " << command << ": " << database_path(arguments) << ": " << error.message
      << '\n';
  return kExitBadInput;
}

void print_store_warnings(const std::string& command, const store::Warnings& warnings,
                          std::ostream& err) {
  for (const auto& warning : warnings)
    err << "torikumi " << command << ": warning: " << warning << '\n';
}

// PLAN/TASK split at its first slash; the task is empty when there is none.
std::pair<std::string, std::string> split_task(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return {text, ""};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

// A time option read in the zone, or the command's clock reading when absent.
Result<date::sys_seconds> time_option(const Arguments& arguments, const std::string& option,
                                      const PlanZone& time_zone, const Context& context) {
  const auto text = arguments.value(option);
  if (!text) return context.now;
  auto instant = parse_user_time(*text, time_zone);
  if (!instant) return Error{option + ": " + instant.error().message};
  return *instant;
}

// A usage error for a time option the user wrote wrong.
int time_usage_error(const std::string& command, const Error& error, std::ostream& err) {
  err << "torikumi " << command << ": " << error.message << '\n';
  return kExitUsage;
}

constexpr const char* kDoneUsage =
    "usage: torikumi done OCCURRENCE [--note TEXT] [--by NAME] [--at WHEN] [--db FILE]\n"
    "\n"
    "Records that an occurrence (an id as `torikumi expand` prints it, such as\n"
    "higashi-kyosei/multi-agency-meeting/2026-04) is done. A completion before the\n"
    "occurrence's window opens is recorded with a warning; one outside its fiscal year is "
    "refused.\n"
    "\n"
    "  --note TEXT   what was done\n"
    "  --at WHEN     when: YYYY-MM-DD, YYYY-MM-DDTHH:MM (the plan's zone) or RFC 3339; default "
    "now\n";

constexpr const char* kUndoUsage =
    "usage: torikumi undo OCCURRENCE [--by NAME] [--db FILE]\n"
    "\n"
    "Takes back a done, skip or cancel: the occurrence is planned again (scheduled, if it has a\n"
    "schedule set). The completion stays in the history.\n";

constexpr const char* kSkipUsage =
    "usage: torikumi skip OCCURRENCE --reason TEXT [--by NAME] [--db FILE]\n"
    "\n"
    "Records that an occurrence will not happen this time; it leaves the period's planned count.\n"
    "\n"
    "  --reason TEXT why (required, not empty)\n";

constexpr const char* kCancelUsage =
    "usage: torikumi cancel OCCURRENCE --reason TEXT [--by NAME] [--db FILE]\n"
    "\n"
    "Records that an occurrence is called off; calendars show it cancelled.\n"
    "\n"
    "  --reason TEXT why (required, not empty)\n";

constexpr const char* kScheduleUsage =
    "usage: torikumi schedule OCCURRENCE --start WHEN [--end WHEN] [--place TEXT] [--by NAME] "
    "[--db FILE]\n"
    "\n"
    "Sets when and where an occurrence takes place, overriding the plan's meeting rule.\n"
    "\n"
    "  --start WHEN  YYYY-MM-DDTHH:MM (the plan's zone), YYYY-MM-DD or RFC 3339; inside the\n"
    "                occurrence's fiscal year (outside its window: a warning)\n"
    "  --end WHEN    default: the start plus the length it had, if any\n"
    "  --place TEXT  where\n";

constexpr const char* kLogUsage =
    "usage: torikumi log PLAN/TASK [--at WHEN] [--note TEXT] [--by NAME] [--db FILE]\n"
    "\n"
    "Logs one instance of an as-needed (随時) task; progress counts it as logged activity in the\n"
    "period it falls in.\n"
    "\n"
    "  --at WHEN     YYYY-MM-DD, YYYY-MM-DDTHH:MM (the plan's zone) or RFC 3339; default now\n"
    "  --note TEXT   what happened\n";

constexpr const char* kNoteUsage =
    "usage: torikumi note PLAN[/TASK] --period PERIOD TEXT [--fy YEAR] [--by NAME] [--db FILE]\n"
    "\n"
    "Writes a progress note (進捗の状況) of a task's share of a period, or of the period itself\n"
    "when no task is named. A note on a span's period marks that period's share done.\n"
    "\n"
    "  --period P    前期, 中期 or 後期 (the plan's periods)\n"
    "  --fy YEAR     the fiscal year (default: the plan's)\n";

constexpr const char* kKpiUsage =
    "usage: torikumi kpi set PLAN KPI YEAR VALUE [--by NAME] [--db FILE]\n"
    "       torikumi kpi list PLAN [--db FILE]\n"
    "\n"
    "Records a KPI's value for a fiscal year (setting it again replaces it; the history keeps\n"
    "the old), or lists the values recorded.\n";

}  // namespace

int run_done(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "done",
       .options = {.with_value = {"--db", "--by", "--at", "--note"}, .flags = {}},
       .positionals = 1,
       .positional_names = "OCCURRENCE",
       .usage = std::string{kDoneUsage} + kDatabaseHelp},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  auto store = open_store("done", *arguments, context.err);
  if (!store) return store.error();
  const std::string& id = arguments->positionals().front();
  const auto occurrence = store->occurrence(id);
  if (!occurrence) return report_error("done", *arguments, occurrence.error(), context.err);
  const auto at = time_option(*arguments, "--at", occurrence->time_zone, context);
  if (!at) return time_usage_error("done", at.error(), context.err);
  const auto written = store->mark_done({.occurrence = id,
                                         .completed_at = *at,
                                         .note = arguments->value("--note").value_or(""),
                                         .actor = actor_of(*arguments, context)});
  if (!written) return report_error("done", *arguments, written.error(), context.err);
  print_store_warnings("done", *written, context.err);
  context.out << "done: " << id << '\n';
  return kExitOk;
}

int run_undo(const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = "undo",
                          .options = {.with_value = {"--db", "--by"}, .flags = {}},
                          .positionals = 1,
                          .positional_names = "OCCURRENCE",
                          .usage = std::string{kUndoUsage} + kDatabaseHelp},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  auto store = open_store("undo", *arguments, context.err);
  if (!store) return store.error();
  const std::string& id = arguments->positionals().front();
  const auto written = store->undo(id, actor_of(*arguments, context));
  if (!written) return report_error("undo", *arguments, written.error(), context.err);
  context.out << "undone: " << id << '\n';
  return kExitOk;
}

namespace {

int run_set_status(const std::string& command, const char* usage,
                   const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = command,
                          .options = {.with_value = {"--db", "--by", "--reason"}, .flags = {}},
                          .positionals = 1,
                          .positional_names = "OCCURRENCE",
                          .usage = std::string{usage} + kDatabaseHelp},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto reason = arguments->value("--reason");
  if (!reason) {
    context.err << "torikumi " << command << ": --reason is required\n" << usage;
    return kExitUsage;
  }
  auto store = open_store(command, *arguments, context.err);
  if (!store) return store.error();
  const std::string& id = arguments->positionals().front();
  const auto written = command == "skip"
                           ? store->skip(id, *reason, actor_of(*arguments, context))
                           : store->cancel(id, *reason, actor_of(*arguments, context));
  if (!written) return report_error(command, *arguments, written.error(), context.err);
  context.out << (command == "skip" ? "skipped: " : "cancelled: ") << id << '\n';
  return kExitOk;
}

}  // namespace

int run_skip(const std::vector<std::string>& args, Context& context) {
  return run_set_status("skip", kSkipUsage, args, context);
}

int run_cancel(const std::vector<std::string>& args, Context& context) {
  return run_set_status("cancel", kCancelUsage, args, context);
}

int run_schedule(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "schedule",
       .options = {.with_value = {"--db", "--by", "--start", "--end", "--place"}, .flags = {}},
       .positionals = 1,
       .positional_names = "OCCURRENCE",
       .usage = std::string{kScheduleUsage} + kDatabaseHelp},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  if (!arguments->value("--start")) {
    context.err << "torikumi schedule: --start is required\n" << kScheduleUsage;
    return kExitUsage;
  }
  auto store = open_store("schedule", *arguments, context.err);
  if (!store) return store.error();
  const std::string& id = arguments->positionals().front();
  const auto occurrence = store->occurrence(id);
  if (!occurrence) return report_error("schedule", *arguments, occurrence.error(), context.err);
  const auto start = time_option(*arguments, "--start", occurrence->time_zone, context);
  if (!start) return time_usage_error("schedule", start.error(), context.err);
  std::optional<date::sys_seconds> end;
  if (arguments->value("--end")) {
    const auto read = time_option(*arguments, "--end", occurrence->time_zone, context);
    if (!read) return time_usage_error("schedule", read.error(), context.err);
    end = *read;
  }
  const auto written = store->schedule({.occurrence = id,
                                        .start = *start,
                                        .end = end,
                                        .place = arguments->value("--place"),
                                        .actor = actor_of(*arguments, context)});
  if (!written) return report_error("schedule", *arguments, written.error(), context.err);
  print_store_warnings("schedule", *written, context.err);
  context.out << "scheduled: " << id << '\n';
  return kExitOk;
}

int run_log(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "log",
       .options = {.with_value = {"--db", "--by", "--at", "--note"}, .flags = {}},
       .positionals = 1,
       .positional_names = "PLAN/TASK",
       .usage = std::string{kLogUsage} + kDatabaseHelp},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto [plan, task] = split_task(arguments->positionals().front());
  if (task.empty()) {
    context.err << "torikumi log: expected PLAN/TASK, such as higashi-kyosei/consultation, got \""
                << arguments->positionals().front() << "\"\n";
    return kExitUsage;
  }
  auto store = open_store("log", *arguments, context.err);
  if (!store) return store.error();
  const auto zone = store->plan_time_zone(plan);
  if (!zone) return report_error("log", *arguments, zone.error(), context.err);
  const auto at = time_option(*arguments, "--at", *zone, context);
  if (!at) return time_usage_error("log", at.error(), context.err);
  const auto written = store->log_activity({.plan = plan,
                                            .task = task,
                                            .happened_at = *at,
                                            .note = arguments->value("--note").value_or(""),
                                            .actor = actor_of(*arguments, context)});
  if (!written) return report_error("log", *arguments, written.error(), context.err);
  context.out << "logged: " << plan << '/' << task << '\n';
  return kExitOk;
}

int run_note(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "note",
       .options = {.with_value = {"--db", "--by", "--period", "--fy"}, .flags = {}},
       .positionals = 2,
       .positional_names = "PLAN[/TASK] and TEXT",
       .usage = std::string{kNoteUsage} + kDatabaseHelp},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto period = arguments->value("--period");
  if (!period) {
    context.err << "torikumi note: --period is required\n" << kNoteUsage;
    return kExitUsage;
  }
  const auto requested_year = requested_fiscal_year(*arguments);
  if (!requested_year) {
    context.err << "torikumi note: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  const auto [plan, task] = split_task(arguments->positionals()[0]);
  auto store = open_store("note", *arguments, context.err);
  if (!store) return store.error();
  const auto stored = store->load_plan(plan);
  if (!stored) return report_error("note", *arguments, stored.error(), context.err);
  const int year = requested_year->value_or(stored->fiscal_year);
  const auto written = store->write_note({.plan = plan,
                                          .task = task,
                                          .fiscal_year = year,
                                          .period = *period,
                                          .text = arguments->positionals()[1],
                                          .actor = actor_of(*arguments, context)});
  if (!written) return report_error("note", *arguments, written.error(), context.err);
  context.out << "noted: " << arguments->positionals()[0] << " " << *period << " FY" << year
              << '\n';
  return kExitOk;
}

int run_kpi(const std::vector<std::string>& args, Context& context) {
  const std::string usage = std::string{kKpiUsage} + kDatabaseHelp;
  if (args.empty() || (args.front() != "set" && args.front() != "list" &&
                       args.front() != "--help" && args.front() != "-h")) {
    context.err << "torikumi kpi: expected set or list\n" << usage;
    return kExitUsage;
  }
  const bool list = args.front() == "list";
  const std::vector<std::string> rest =
      args.front() == "--help" || args.front() == "-h"
          ? args
          : std::vector<std::string>(args.begin() + 1, args.end());
  const auto arguments =
      parse_command_line({.name = list ? "kpi list" : "kpi set",
                          .options = {.with_value = {"--db", "--by"}, .flags = {}},
                          .positionals = list ? 1u : 4u,
                          .positional_names = list ? "PLAN" : "PLAN KPI YEAR VALUE",
                          .usage = usage},
                         rest, context.out, context.err);
  if (!arguments) return arguments.error();
  auto store = open_store("kpi", *arguments, context.err);
  if (!store) return store.error();
  const auto& positionals = arguments->positionals();
  if (list) {
    const auto values = store->kpi_values(positionals[0]);
    if (!values) return report_error("kpi", *arguments, values.error(), context.err);
    for (const auto& value : *values)
      context.out << value.kpi << '\t' << value.year << '\t' << value.value << '\n';
    return kExitOk;
  }
  int year = 0;
  const std::string& year_text = positionals[2];
  if (year_text.size() != 4 ||
      std::from_chars(year_text.data(), year_text.data() + 4, year).ec != std::errc{} ||
      year < 1949 || year > 2099) {
    context.err << "torikumi kpi set: YEAR: expected a year from 1949 to 2099, got \"" << year_text
                << "\"\n";
    return kExitUsage;
  }
  double value = 0;
  const std::string& value_text = positionals[3];
  const auto parsed =
      std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
  if (parsed.ec != std::errc{} || parsed.ptr != value_text.data() + value_text.size()) {
    context.err << "torikumi kpi set: VALUE: expected a number such as 14.2, got \"" << value_text
                << "\"\n";
    return kExitUsage;
  }
  const auto written = store->set_kpi({.plan = positionals[0],
                                       .kpi = positionals[1],
                                       .year = year,
                                       .value = value,
                                       .actor = actor_of(*arguments, context)});
  if (!written) return report_error("kpi", *arguments, written.error(), context.err);
  context.out << "kpi: " << positionals[0] << '/' << positionals[1] << ' ' << year << " = "
              << value_text << '\n';
  return kExitOk;
}

}  // namespace torikumi::app
