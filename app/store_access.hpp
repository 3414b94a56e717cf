#pragma once

// What the store commands share: opening the database named by --db, who is acting, reading
// the dates and times a user writes, and loading a plan with what was recorded of it from a
// file or from the store.

#include <date/date.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"
#include "store/store.hpp"
#include "store/stored_ids.hpp"

namespace torikumi::app {

inline constexpr const char* kDefaultDatabase = "torikumi.db";

// The --db option's file, or ./torikumi.db.
std::string database_path(const Arguments& arguments);

// Opens the file --db names with Database::open (store::Store, store::Access), printing
// `torikumi COMMAND: FILE: message` on failure.
template <typename Database>
Result<Database, ExitCode> open_database(const std::string& command, const Arguments& arguments,
                                         std::ostream& err,
                                         const store::OpenOptions& options = {}) {
  const std::string path = database_path(arguments);
  auto opened = Database::open(path, options);
  if (!opened) {
    err << "torikumi " << command << ": " << path << ": " << opened.error().message << '\n';
    return kExitBadInput;
  }
  return std::move(*opened);
}

// Opens the store, printing `torikumi COMMAND: FILE: message` on failure. The commands keep
// SQLite's automatic checkpoints; serve asks for background ones.
Result<store::Store, ExitCode> open_store(const std::string& command, const Arguments& arguments,
                                          std::ostream& err,
                                          const store::OpenOptions& options = {});

using store::keep_stored_sheet_ids;
using store::PlanIdFrom;

// The name of the user running the command: $USER, else $LOGNAME (what cron sets), else the
// system's name for the effective user, else "uid N".
std::string system_user_name();

// Who acts (--by, else system_user_name(), never "unknown") and when (the command's clock
// reading).
store::Actor actor_of(const Arguments& arguments, const Context& context);

// A plan with its expansion for one fiscal year and what was recorded of it: from a plan file
// or sheet (the recorded state its progress lines imply), or, when PLAN is not a file but a plan
// id in the database (--db, default ./torikumi.db), from the store.
struct PlanWithState {
  std::unique_ptr<Plan> plan;  // the expansion points into it
  Expansion expansion;
  RecordedState state;
  bool from_store = false;
};

// Prints errors as the file commands do and returns kExitBadInput (or kExitUsage for a bad --fy).
Result<PlanWithState, ExitCode> load_plan_with_state(const std::string& command,
                                                     const std::string& plan_argument,
                                                     const Arguments& arguments,
                                                     const Context& context);

}  // namespace torikumi::app
