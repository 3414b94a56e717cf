#pragma once

// The torikumi subcommands. Each takes its arguments (after the subcommand name) and returns
// an exit code: 0 ok, 1 bad input, 2 usage.

#include <date/date.h>

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace torikumi::app {

struct Context {
  std::ostream& out;
  std::ostream& err;
  date::sys_seconds now;  // the one clock reading, taken in main
};

int run_check(const std::vector<std::string>& args, Context& context);
int run_expand(const std::vector<std::string>& args, Context& context);
int run_holidays(const std::vector<std::string>& args, Context& context);
int run_ics(const std::vector<std::string>& args, Context& context);
int run_import(const std::vector<std::string>& args, Context& context);
int run_report(const std::vector<std::string>& args, Context& context);

// The store (store/): plans, what was done, progress.
int run_plan(const std::vector<std::string>& args, Context& context);
int run_done(const std::vector<std::string>& args, Context& context);
int run_undo(const std::vector<std::string>& args, Context& context);
int run_skip(const std::vector<std::string>& args, Context& context);
int run_cancel(const std::vector<std::string>& args, Context& context);
int run_schedule(const std::vector<std::string>& args, Context& context);
int run_log(const std::vector<std::string>& args, Context& context);
int run_note(const std::vector<std::string>& args, Context& context);
int run_kpi(const std::vector<std::string>& args, Context& context);
int run_progress(const std::vector<std::string>& args, Context& context);
int run_history(const std::vector<std::string>& args, Context& context);

// Who 担当 is (the directory in the database): show it, or import it whole.
int run_directory(const std::vector<std::string>& args, Context& context);
// Agencies (機関) and their members: list, show, import from a file, remove.
int run_agency(const std::vector<std::string>& args, Context& context);
// Who may use the server (store/access.hpp): API tokens and calendar subscriptions.
int run_token(const std::vector<std::string>& args, Context& context);
int run_subscription(const std::vector<std::string>& args, Context& context);

// The server (http/): feeds, JSON API, dashboard.
int run_serve(const std::vector<std::string>& args, Context& context);
// Reminder webhooks (http/delivery/dispatcher.hpp): the dispatcher, its log and dead letters.
int run_remind(const std::vector<std::string>& args, Context& context);

}  // namespace torikumi::app
