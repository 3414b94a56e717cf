#pragma once

// Fiscal years (年度) and their periods, and the Japanese era names used to label them.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// 年度: a twelve-month year named after the calendar year it begins in. With the default
// first month, April, FY2026 (令和8年度) runs 2026-04-01..2027-03-31.
class FiscalYear {
 public:
  constexpr FiscalYear(date::year begins, date::month first_month = date::April)
      : begins_(begins), first_month_(first_month) {}

  // The fiscal year a day falls in.
  static FiscalYear containing(date::sys_days day, date::month first_month = date::April);

  constexpr date::year year() const { return begins_; }
  constexpr date::month first_month() const { return first_month_; }
  constexpr bool ok() const { return begins_.ok() && first_month_.ok(); }

  date::year_month first_year_month() const { return begins_ / first_month_; }
  date::year_month last_year_month() const { return first_year_month() + date::months{11}; }
  date::sys_days first_day() const { return date::sys_days{first_year_month() / 1}; }
  date::sys_days last_day() const { return date::sys_days{last_year_month() / date::last}; }
  // The half-open range of days [first_day(), end()).
  date::sys_days end() const { return last_day() + date::days{1}; }
  bool contains(date::sys_days day) const { return first_day() <= day && day < end(); }

  // A month number as written in a plan, resolved inside this year: in FY2026 with an April
  // start, 4 is 2026-04 and 3 is 2027-03.
  date::year_month resolve(date::month month) const;

  // Months from the first month of the year: April is 0 and March is 11 for an April start.
  unsigned index_of(date::month month) const;

  bool operator==(const FiscalYear&) const = default;

 private:
  date::year begins_;
  date::month first_month_;
};

// A named part of the fiscal year, covering whole months: 前期 (April to July),
// 中期 (August to November), 後期 (December to March) by default.
struct PeriodDefinition {
  std::string name;
  date::month first_month;
  date::month last_month;
  bool operator==(const PeriodDefinition&) const = default;
};

// The name of the beyond-the-year backlog row, 次年度以降; it has no months.
inline constexpr std::string_view kNextYearPeriod = "次年度以降";

std::vector<PeriodDefinition> default_periods();

// "前期, 中期, 後期": the names in order, for messages that list what was expected.
std::string list_period_names(const std::vector<PeriodDefinition>& periods);

// The periods of one fiscal year, resolved to days.
class FiscalCalendar {
 public:
  // REQUIRES: the periods tile the year, checked by validate_periods().
  FiscalCalendar(FiscalYear year, std::vector<PeriodDefinition> periods);

  const FiscalYear& fiscal_year() const { return year_; }
  const std::vector<PeriodDefinition>& periods() const { return periods_; }

  // The period a day falls in, or nullptr outside the fiscal year.
  const PeriodDefinition* period_of(date::sys_days day) const;
  const PeriodDefinition* find_period(std::string_view name) const;
  date::sys_days period_first_day(const PeriodDefinition& period) const;
  date::sys_days period_last_day(const PeriodDefinition& period) const;

 private:
  FiscalYear year_;
  std::vector<PeriodDefinition> periods_;
};

// Checks that the periods have distinct non-empty names and cover each month of a year
// starting at first_month exactly once, in order. Returns nothing when they do, else what is
// wrong, with its meaning (calendar_meaning).
std::optional<Error> validate_periods(const std::vector<PeriodDefinition>& periods,
                                      date::month first_month);

// 令和8年度 for FY2026. A fiscal year takes the era in force at the end of the calendar year it
// begins in, as the government names them: FY2019 is 令和元年度, FY1988 is 昭和63年度.
// The first year of an era is written 元年. Years before 昭和 have no label (empty string).
std::string era_fiscal_year_label(const FiscalYear& year);

// 令和元年5月1日 for 2019-05-01, 平成31年4月30日 for the day before.
std::string era_date_label(date::year_month_day day);

}  // namespace torikumi
