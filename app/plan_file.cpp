#include "app/plan_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "engine/plan_json.hpp"

#include <date/tz.h>

namespace torikumi::app {

Result<Plan, Diagnostics> load_plan_file(const std::string& path) {
  std::ifstream file{path, std::ios::binary};
  if (!file) return Diagnostics{{"", std::string{"cannot read: "} + std::strerror(errno)}};
  std::ostringstream text;
  text << file.rdbuf();
  return read_plan_json(text.str());
}

void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) err << path << ": " << diagnostic.to_string() << '\n';
}

Result<std::optional<int>> requested_fiscal_year(const Arguments& arguments) {
  const auto text = arguments.value("--fy");
  if (!text) return std::optional<int>{};
  const bool digits = text->size() == 4 && text->find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(*text) < 1949 || std::stoi(*text) > 2099)
    return Error{"--fy: expected a year from 1949 to 2099, got \"" + *text + "\""};
  return std::optional<int>{std::stoi(*text)};
}

date::year choose_fiscal_year(const Plan& plan, std::optional<int> requested, date::sys_seconds now) {
  if (requested) return date::year{*requested};
  const date::zoned_seconds local{plan.time_zone, now};
  const date::sys_days today{date::floor<date::days>(local.get_local_time()).time_since_epoch()};
  return FiscalYear::containing(today, plan.fiscal_year_start).year();
}

}  // namespace torikumi::app
