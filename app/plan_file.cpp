#include "app/plan_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>

namespace torikumi::app {

Result<std::string> read_text_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream file{path, std::ios::binary};
  if (!file) return Error{std::string{"cannot read: "} + std::strerror(errno)};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

Result<LoadedPlan, Diagnostics> read_plan_file(const std::string& path) {
  const auto bytes = read_text_file(path);
  if (!bytes) return Diagnostics{{"", bytes.error().message}};
  return read_plan_source(*bytes, path);
}

Result<Plan, Diagnostics> load_plan_file(const std::string& path) {
  auto loaded = read_plan_file(path);
  if (!loaded) return loaded.error();
  return std::move(loaded->plan);
}

Result<LoadedPlan, ExitCode> open_plan_file(const std::string& path, std::ostream& err) {
  auto loaded = read_plan_file(path);
  if (!loaded) {
    print_diagnostics(err, path, loaded.error());
    return kExitBadInput;
  }
  print_warnings(err, loaded->warnings);
  return std::move(*loaded);
}

void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) err << path << ": " << diagnostic.to_string() << '\n';
}

void print_warnings(std::ostream& err, const std::vector<SheetWarning>& warnings) {
  for (const auto& warning : warnings) err << warning.to_string() << '\n';
}

std::string refused_schedules_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " schedule" : " schedules") + " refused";
}

Result<std::optional<int>> requested_fiscal_year(const Arguments& arguments) {
  const auto text = arguments.value("--fy");
  if (!text) return std::optional<int>{};
  const bool digits =
      text->size() == 4 && text->find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(*text) < 1949 || std::stoi(*text) > 2099)
    return Error{"--fy: expected a year from 1949 to 2099, got \"" + *text + "\""};
  return std::optional<int>{std::stoi(*text)};
}

date::year choose_fiscal_year(const Plan& plan, std::optional<int> requested,
                              date::sys_seconds now) {
  if (requested) return date::year{*requested};
  if (plan.fiscal_year) return date::year{*plan.fiscal_year};
  return FiscalYear::containing(plan.time_zone.today(now), plan.fiscal_year_start).year();
}

}  // namespace torikumi::app
