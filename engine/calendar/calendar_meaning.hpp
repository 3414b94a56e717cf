#pragma once

// The meanings (engine/base/meaning.hpp) of what the calendar module says of a plan's periods
// (validate_periods) and its time zone (PlanZone::locate), each with the subjects it names in
// order. A period is named by its place in the list, from 1.

#include <string_view>

namespace torikumi::calendar_meaning {

inline constexpr std::string_view kNoPeriods = "periods.none";              // (none)
inline constexpr std::string_view kPeriodNameEmpty = "periods.empty_name";  // the period's place
// A period named 次年度以降, the backlog's name: the period's place.
inline constexpr std::string_view kPeriodNameReserved = "periods.reserved_name";
// A name a second period has: the second's place, the name.
inline constexpr std::string_view kPeriodNameTwice = "periods.duplicate_name";
inline constexpr std::string_view kPeriodMonth = "periods.month_out_of_range";  // the place
// A period that does not start where the one before it ends: its place, its name, the month it
// should start in, the month it starts in ("10", "11").
inline constexpr std::string_view kPeriodStart = "periods.wrong_start";
// A period whose last month comes before its first in the fiscal year: its place, its name.
inline constexpr std::string_view kPeriodBackwards = "periods.ends_before_start";
// Periods that stop before the year ends: the month the last one ends in.
inline constexpr std::string_view kPeriodsShort = "periods.short_of_year";
inline constexpr std::string_view kUnknownTimeZone = "calendar.unknown_time_zone";  // the name

}  // namespace torikumi::calendar_meaning
