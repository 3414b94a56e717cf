// torikumi: key-initiative plans (重要取組シート) as living schedules.

#include <date/date.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "engine/calendar/time_text.hpp"

namespace {

constexpr const char* kUsage =
    "usage: torikumi COMMAND [ARGS...]\n"
    "\n"
    "Turns a ward office's key-initiative plan into a schedule inside the Japanese fiscal year.\n"
    "\n"
    "commands:\n"
    "  check PLAN                     report every problem in a plan file\n"
    "  expand PLAN [--fy YEAR] [--json]  list the plan's dated occurrences\n"
    "  holidays YEAR [--json]         list Japan's public holidays of a year\n"
    "  ics PLAN [--fy YEAR] [--owner NAME] [--kind K] [--period P] [--no-todos] [-o FILE]\n"
    "                                 write the plan's iCalendar feed\n"
    "  import SHEET [--fy YEAR] [--id PLAN_ID] [-o FILE]\n"
    "                                 read a 重要取組シート into a plan (JSON)\n"
    "  report PLAN [--fy YEAR] [--period P] [--format html|md|text] [-o FILE]\n"
    "                                 write the progress form (様式4)\n"
    "\n"
    "recording what was done (in --db FILE, default ./torikumi.db):\n"
    "  plan import FILE | list | export ID | orphans ID   plans in the database\n"
    "  done OCCURRENCE [--note T] [--at WHEN]  record an occurrence done\n"
    "  undo OCCURRENCE                take back a done, skip or cancel\n"
    "  skip|cancel OCCURRENCE --reason T  drop an occurrence, saying why\n"
    "  schedule OCCURRENCE --start WHEN [--end WHEN] [--place P]  set when and where\n"
    "  log PLAN/TASK [--at WHEN] [--note T]  log an as-needed (随時) activity\n"
    "  note PLAN[/TASK] --period P TEXT  write a progress note (進捗の状況)\n"
    "  kpi set PLAN KPI YEAR VALUE    record a KPI value\n"
    "  progress PLAN [--fy YEAR] [--as-of DATE] [--json]  progress against each period\n"
    "  history [SUBJECT]              the audit log\n"
    "\n"
    "who may use the server (in --db FILE too):\n"
    "  token create --role viewer|editor|secretariat|admin [--name N] [--person EMAIL]\n"
    "               [--label T] | list | revoke ID\n"
    "                                 API tokens, each for a person\n"
    "  token revoke --all [--subscriptions]  revoke every token (and every subscription)\n"
    "  subscription create PLAN [--owner NAME] | create --org NAME | create --agency NAME\n"
    "               | create --person EMAIL | list | revoke ID\n"
    "                                 calendar feed URLs with a secret each (--config FILE:\n"
    "                                 printed from its server.base_url)\n"
    "  directory show | import FILE | import --config FILE\n"
    "                                 who each owner (担当) is: reminders' recipients\n"
    "  agency list | show NAME | import FILE | remove NAME\n"
    "                                 agencies (機関): sections and partners, their members\n"
    "\n"
    "  serve [--db FILE] [--listen HOST:PORT] [--config FILE] [PLAN_OR_SHEET...]\n"
    "                                 the main job: feeds, JSON API, dashboard and reminders\n"
    "  remind --config FILE [--once] [--dry-run] [--now INSTANT]  send due reminders as signed\n"
    "                                 webhooks; remind upcoming|log|dead-letters|replay|enable\n"
    "\n"
    "A PLAN is a plan JSON file or a 重要取組シート, imported on the fly; expand, report, ics and\n"
    "progress also take the id of a plan in the database.\n"
    "\n"
    "  torikumi COMMAND --help        help on one command\n"
    "  torikumi --version             the version\n";

// The one place the wall clock is read. TORIKUMI_NOW=YYYY-MM-DD or an RFC 3339 instant
// (2026-04-01T09:00:00+09:00) sets it, for tests and for replaying a day.
torikumi::Result<date::sys_seconds> read_clock() {
  const char* fixed = std::getenv("TORIKUMI_NOW");
  if (fixed == nullptr || *fixed == '\0')
    return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::string text{fixed};
  if (const auto day = torikumi::parse_iso_date(text)) return date::sys_seconds{*day};
  if (const auto instant = torikumi::parse_rfc3339(text)) return *instant;
  return torikumi::Error{"TORIKUMI_NOW: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM, got \"" +
                         text + "\""};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace torikumi::app;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "torikumi " << TORIKUMI_VERSION << '\n';
    return kExitOk;
  }
  const auto now = read_clock();
  if (!now) {
    std::cerr << "torikumi: " << now.error().message << '\n';
    return kExitUsage;
  }
  Context context{std::cout, std::cerr, *now};
  if (command == "check") return run_check(args, context);
  if (command == "expand") return run_expand(args, context);
  if (command == "holidays") return run_holidays(args, context);
  if (command == "ics") return run_ics(args, context);
  if (command == "import") return run_import(args, context);
  if (command == "report") return run_report(args, context);
  if (command == "plan") return run_plan(args, context);
  if (command == "done") return run_done(args, context);
  if (command == "undo") return run_undo(args, context);
  if (command == "skip") return run_skip(args, context);
  if (command == "cancel") return run_cancel(args, context);
  if (command == "schedule") return run_schedule(args, context);
  if (command == "log") return run_log(args, context);
  if (command == "note") return run_note(args, context);
  if (command == "kpi") return run_kpi(args, context);
  if (command == "progress") return run_progress(args, context);
  if (command == "history") return run_history(args, context);
  if (command == "token") return run_token(args, context);
  if (command == "directory") return run_directory(args, context);
  if (command == "agency") return run_agency(args, context);
  if (command == "subscription") return run_subscription(args, context);
  if (command == "serve") return run_serve(args, context);
  if (command == "remind") return run_remind(args, context);
  std::cerr << "torikumi: unknown command \"" << command << "\"\n" << kUsage;
  return kExitUsage;
}
