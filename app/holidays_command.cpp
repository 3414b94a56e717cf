#include <nlohmann/json.hpp>

#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "engine/calendar/japanese_holidays.hpp"
#include "engine/calendar/time_text.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi holidays YEAR [--json]\n"
    "\n"
    "Lists Japan's public holidays of a calendar year (1949-2099), computed from the Act on\n"
    "National Holidays as it stood that year: fixed days, happy Mondays, equinox days,\n"
    "振替休日, 国民の休日 and the one-off days. Equinox days after the last published almanac\n"
    "(暦要項) are marked provisional.\n"
    "\n"
    "  --json   an array of {\"date\": \"YYYY-MM-DD\", \"name\": ..., \"provisional\": bool}\n";

constexpr const char* kJapaneseWeekdays[] = {"日", "月", "火", "水", "木", "金", "土"};

}  // namespace

int run_holidays(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line({.name = "holidays",
                                             .options = {.with_value = {}, .flags = {"--json"}},
                                             .positionals = 1,
                                             .positional_names = "YEAR",
                                             .usage = kUsage},
                                            args, context.out, context.err);
  if (!arguments) return arguments.error();
  const std::string& text = arguments->positionals().front();
  int year = 0;
  const bool digits = !text.empty() && text.size() <= 4 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) year = std::stoi(text);
  if (!digits || year < static_cast<int>(kFirstHolidayYear) ||
      year > static_cast<int>(kLastHolidayYear)) {
    context.err << "torikumi holidays: expected a year from " << static_cast<int>(kFirstHolidayYear)
                << " to " << static_cast<int>(kLastHolidayYear) << ", got \"" << text << "\"\n";
    return kExitUsage;
  }
  const auto holidays = japanese_holidays(date::year{year});
  if (arguments->flag("--json")) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& holiday : holidays)
      array.push_back({{"date", format_iso_date(holiday.day)},
                       {"name", holiday.name},
                       {"provisional", holiday.certainty == HolidayCertainty::provisional}});
    context.out << array.dump(2) << '\n';
    return kExitOk;
  }
  for (const auto& holiday : holidays) {
    context.out << format_iso_date(holiday.day) << " ("
                << kJapaneseWeekdays[date::weekday{holiday.day}.c_encoding()] << ") "
                << holiday.name;
    if (holiday.certainty == HolidayCertainty::provisional) context.out << " (provisional)";
    context.out << '\n';
  }
  return kExitOk;
}

}  // namespace torikumi::app
