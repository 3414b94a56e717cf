#include "app/store_access.hpp"

#include <date/tz.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "app/plan_file.hpp"
#include "engine/time_text.hpp"

namespace torikumi::app {

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string database_path(const Arguments& arguments) {
  return arguments.value("--db").value_or(kDefaultDatabase);
}

Result<store::Store, ExitCode> open_store(const std::string& command, const Arguments& arguments,
                                          std::ostream& err) {
  return open_database<store::Store>(command, arguments, err);
}

store::Actor actor_of(const Arguments& arguments, const Context& context) {
  if (auto by = arguments.value("--by"); by && !by->empty()) return store::Actor{*by, context.now};
  const char* user = std::getenv("USER");
  return store::Actor{user != nullptr && *user != '\0' ? user : "unknown", context.now};
}

Result<date::sys_seconds> parse_user_time(const std::string& text, const std::string& time_zone) {
  const Error error{"expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, got \"" + text + "\""};
  if (const auto instant = parse_rfc3339(text)) return *instant;
  const auto day = parse_iso_date(std::string_view{text}.substr(0, 10));
  if (!day) return error;
  date::local_seconds local{date::local_days{day->time_since_epoch()}};
  if (text.size() > 10) {
    // THH:MM or " HH:MM", optionally :SS.
    const std::string_view rest = std::string_view{text}.substr(10);
    if ((rest.size() != 6 && rest.size() != 9) || (rest[0] != 'T' && rest[0] != ' ') ||
        rest[3] != ':' || !all_digits(rest.substr(1, 2)) || !all_digits(rest.substr(4, 2)) ||
        (rest.size() == 9 && (rest[6] != ':' || !all_digits(rest.substr(7, 2)))))
      return error;
    const int hours = std::stoi(std::string{rest.substr(1, 2)});
    const int minutes = std::stoi(std::string{rest.substr(4, 2)});
    const int seconds = rest.size() == 9 ? std::stoi(std::string{rest.substr(7, 2)}) : 0;
    if (hours > 23 || minutes > 59 || seconds > 59) return error;
    local +=
        std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds};
  }
  try {
    return date::locate_zone(time_zone)->to_sys(local, date::choose::earliest);
  } catch (const std::exception& exception) {
    return Error{"time zone \"" + time_zone + "\": " + exception.what()};
  }
}

date::sys_days local_today(date::sys_seconds now, const std::string& time_zone) {
  try {
    const date::zoned_seconds local{time_zone, now};
    return date::sys_days{date::floor<date::days>(local.get_local_time()).time_since_epoch()};
  } catch (const std::exception&) {
    return date::floor<date::days>(now);
  }
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
