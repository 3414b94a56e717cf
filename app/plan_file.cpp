#include "app/plan_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "engine/sheet/sheet_import.hpp"

namespace torikumi::app {

namespace {

// The first character that is not a space, after an optional UTF-8 BOM; npos for none.
std::size_t first_written(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const std::size_t start = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  return text.find_first_not_of(" \t\r\n", start);
}

// JSON starts with "{" after an optional BOM and spaces; anything else is taken for a sheet.
bool looks_like_json(std::string_view text) {
  const std::size_t first = first_written(text);
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace

bool is_blank(std::string_view text) { return first_written(text) == std::string_view::npos; }

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
  const auto text = read_text_file(path);
  if (!text) return Diagnostics{{"", text.error().message}};
  if (is_blank(*text))
    return Diagnostics{{"", "the file is empty: expected a plan JSON or a 重要取組シート"}};
  if (looks_like_json(*text)) {
    auto plan = read_plan_json(*text);
    if (!plan) return plan.error();
    return LoadedPlan{std::move(*plan), {}};
  }
  SheetImportOptions options;
  options.name = path;
  auto imported = import_sheet(*text, options);
  if (!imported) return Diagnostics{{"", imported.error().message}};
  return LoadedPlan{std::move(imported->plan), std::move(imported->warnings), true};
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
