#pragma once

// Japanese public holidays (国民の祝日), computed from the Act on National Holidays
// (国民の祝日に関する法律) as it stood in each year.

#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

namespace torikumi {

// Whether an equinox day's date comes from a published almanac (暦要項) or is computed ahead.
enum class HolidayCertainty { official, provisional };

struct Holiday {
  date::sys_days day;
  std::string name;  // as the Cabinet Office writes it: 元日, 振替休日, 国民の休日, ...
  HolidayCertainty certainty = HolidayCertainty::official;
  bool operator==(const Holiday&) const = default;
};

// The last year whose equinox days are published in an almanac. Dates computed for a later
// year are marked provisional: the National Astronomical Observatory publishes the next
// year's 暦要項 each February.
inline constexpr date::year kLastPublishedAlmanacYear{2027};

// The years holidays are computed for.
inline constexpr date::year kFirstHolidayYear{1949};
inline constexpr date::year kLastHolidayYear{2099};

// Every public holiday of a calendar year, in date order, including 振替休日 (substitute
// holidays), 国民の休日 (a weekday between two holidays) and the one-off days of 1959, 1989,
// 1990, 1993, 2019, 2020 and 2021. Empty outside [kFirstHolidayYear, kLastHolidayYear].
std::vector<Holiday> japanese_holidays(date::year year);

// Whether a day is a public holiday. Fast: a table built once for all supported years, O(1)
// per call and safe to call from several threads. False outside the supported years.
bool is_japanese_holiday(date::sys_days day);

// The public holiday on a day, with its name and certainty (to say why a date moved); nullopt
// if the day is not one or lies outside the supported years.
std::optional<Holiday> japanese_holiday_on(date::sys_days day);

}  // namespace torikumi
