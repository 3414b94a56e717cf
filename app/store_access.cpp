#include "app/store_access.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "app/plan_file.hpp"
#include "engine/calendar/time_text.hpp"

namespace torikumi::app {

std::string database_path(const Arguments& arguments) {
  return arguments.value("--db").value_or(kDefaultDatabase);
}

Result<store::Store, ExitCode> open_store(const std::string& command, const Arguments& arguments,
                                          std::ostream& err, const store::OpenOptions& options) {
  return open_database<store::Store>(command, arguments, err, options);
}

std::string system_user_name() {
  for (const char* variable : {"USER", "LOGNAME"})  // cron sets LOGNAME, not always USER
    if (const char* name = std::getenv(variable); name != nullptr && *name != '\0') return name;
  const uid_t uid = ::geteuid();
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && *found->pw_name != '\0')
    return found->pw_name;
  return "uid " + std::to_string(uid);  // a user the system has no name for
}

store::Actor actor_of(const Arguments& arguments, const Context& context) {
  if (auto by = arguments.value("--by"); by && !by->empty()) return store::Actor{*by, context.now};
  return store::Actor{system_user_name(), context.now};
}

Result<PlanWithState, ExitCode> load_plan_with_state(const std::string& command,
                                                     const std::string& plan_argument,
                                                     const Arguments& arguments,
                                                     const Context& context) {
  const auto requested_year = requested_fiscal_year(arguments);
  if (!requested_year) {
    context.err << "torikumi " << command << ": " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  PlanWithState loaded;
  std::error_code ignored;
  const bool is_file = std::filesystem::exists(plan_argument, ignored);
  const bool database_named = arguments.value("--db").has_value();
  const bool use_store = !is_file && is_valid_id(plan_argument) &&
                         (database_named || std::filesystem::exists(kDefaultDatabase, ignored));
  if (!use_store) {
    auto file = open_plan_file(plan_argument, context.err);
    if (!file) return file.error();
    loaded.plan = std::make_unique<Plan>(std::move(file->plan));
  } else {
    auto opened = open_store(command, arguments, context.err);
    if (!opened) return opened.error();
    auto stored = opened->load_plan(plan_argument);
    if (!stored) {
      context.err << "torikumi " << command << ": " << database_path(arguments) << ": "
                  << stored.error().message << '\n';
      return kExitBadInput;
    }
    loaded.plan = std::make_unique<Plan>(std::move(stored->plan));
    loaded.plan->fiscal_year = stored->fiscal_year;
    loaded.from_store = true;
    const date::year year = choose_fiscal_year(*loaded.plan, *requested_year, context.now);
    auto state = opened->load_state(plan_argument, static_cast<int>(year));
    if (!state) {
      context.err << "torikumi " << command << ": " << database_path(arguments) << ": "
                  << state.error().message << '\n';
      return kExitBadInput;
    }
    loaded.state = std::move(*state);
  }
  auto expansion =
      expand_plan(*loaded.plan, choose_fiscal_year(*loaded.plan, *requested_year, context.now));
  if (!expansion) {
    context.err << plan_argument << ": " << expansion.error().message << '\n';
    return kExitBadInput;
  }
  loaded.expansion = std::move(*expansion);
  if (!loaded.from_store)
    loaded.state = recorded_state_from_progress(*loaded.plan, loaded.expansion);
  return loaded;
}

}  // namespace torikumi::app
