#pragma once

// Business days of a Japanese public office: not a weekend, not a public holiday, not in the
// year-end closure (年末年始, 29 December to 3 January by default), not an extra closed day.

#include <date/date.h>

#include <optional>
#include <vector>

namespace torikumi {

struct YearEndClosure {
  date::month_day first{date::December / 29};
  date::month_day last{date::January / 3};  // the last closed day, included
  bool operator==(const YearEndClosure&) const = default;
};

struct BusinessCalendarOptions {
  YearEndClosure closure;
  std::vector<date::sys_days> extra_closed_days;  // office-specific closures
  bool operator==(const BusinessCalendarOptions&) const = default;
};

class BusinessCalendar {
 public:
  explicit BusinessCalendar(BusinessCalendarOptions options = {});

  // Not a Saturday or Sunday, not a public holiday, not in the year-end closure and not an
  // extra closed day. Fast: no allocation, O(log n) in the extra closed days. Outside the
  // years holidays are computed for, only the other rules apply.
  bool is_business_day(date::sys_days day) const;

  // Whether the day is in the closure, both ends included. A closure whose first day comes
  // after its last in the year (29 December to 3 January) wraps the year end; one that does
  // not (say 28 to 31 December) covers the days between.
  bool is_year_end_closure(date::sys_days day) const;

  // A public holiday, in the year-end closure or an extra closed day, whatever its weekday:
  // closed for a meeting whose weekday is written (a Saturday meeting is not closed by being on
  // a Saturday).
  bool is_closed(date::sys_days day) const;

  // The day itself if it is a business day, else the next business day in the same month,
  // else the nearest earlier business day in the same month; nullopt if the month has none.
  std::optional<date::sys_days> nearest_business_day_in_month(date::sys_days day) const;
  // The same, earlier first: the business day before in the same month, else the next one.
  std::optional<date::sys_days> nearest_earlier_business_day_in_month(date::sys_days day) const;

  // The first business day on or after `day`. REQUIRES: the options leave some day open (a
  // closure that covers the whole year does not); if none is found within ten years, `day`.
  date::sys_days next_business_day(date::sys_days day) const;

  const BusinessCalendarOptions& options() const { return options_; }

 private:
  BusinessCalendarOptions options_;  // extra_closed_days kept sorted
};

}  // namespace torikumi
