#include "engine/calendar/business_calendar.hpp"

#include <algorithm>
#include <utility>

#include "engine/calendar/japanese_holidays.hpp"

namespace torikumi {

using namespace date;

namespace {

// How far next_business_day looks before giving up on a calendar that closes every day.
constexpr days kLongestSearch{3660};

}  // namespace

BusinessCalendar::BusinessCalendar(BusinessCalendarOptions options) : options_(std::move(options)) {
  auto& closed = options_.extra_closed_days;
  std::sort(closed.begin(), closed.end());
  closed.erase(std::unique(closed.begin(), closed.end()), closed.end());
}

bool BusinessCalendar::is_year_end_closure(sys_days day) const {
  const year_month_day ymd{day};
  const month_day today{ymd.month(), ymd.day()};
  const auto& closure = options_.closure;
  if (closure.first <= closure.last) return closure.first <= today && today <= closure.last;
  // Wraps the year end: 29 December .. 31 December and 1 January .. 3 January.
  return closure.first <= today || today <= closure.last;
}

bool BusinessCalendar::is_business_day(sys_days day) const {
  const weekday day_of_week{day};
  return day_of_week != Saturday && day_of_week != Sunday && !is_closed(day);
}

bool BusinessCalendar::is_closed(sys_days day) const {
  if (is_japanese_holiday(day) || is_year_end_closure(day)) return true;
  const auto& closed = options_.extra_closed_days;
  return !closed.empty() && std::binary_search(closed.begin(), closed.end(), day);
}

std::optional<sys_days> BusinessCalendar::nearest_earlier_business_day_in_month(
    sys_days day) const {
  const year_month month_of_day = year_month_day{day}.year() / year_month_day{day}.month();
  const sys_days first{month_of_day / 1};
  for (sys_days candidate = day; candidate >= first; candidate -= days{1})
    if (is_business_day(candidate)) return candidate;
  return nearest_business_day_in_month(day);
}

std::optional<sys_days> BusinessCalendar::nearest_business_day_in_month(sys_days day) const {
  const year_month month_of_day = year_month_day{day}.year() / year_month_day{day}.month();
  const sys_days first{month_of_day / 1};
  const sys_days last{month_of_day / date::last};
  for (sys_days candidate = day; candidate <= last; candidate += days{1}) {
    if (is_business_day(candidate)) return candidate;
  }
  for (sys_days candidate = day - days{1}; candidate >= first; candidate -= days{1}) {
    if (is_business_day(candidate)) return candidate;
  }
  return std::nullopt;
}

sys_days BusinessCalendar::next_business_day(sys_days day) const {
  for (sys_days candidate = day; candidate < day + kLongestSearch; candidate += days{1}) {
    if (is_business_day(candidate)) return candidate;
  }
  return day;
}

}  // namespace torikumi
