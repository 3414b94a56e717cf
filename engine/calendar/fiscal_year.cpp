#include "engine/calendar/fiscal_year.hpp"

#include <array>

#include "engine/calendar/calendar_meaning.hpp"

namespace torikumi {

using namespace date;

FiscalYear FiscalYear::containing(sys_days day, month first_month) {
  const year_month_day ymd{day};
  const date::year begins = ymd.month() >= first_month ? ymd.year() : ymd.year() - years{1};
  return FiscalYear{begins, first_month};
}

unsigned FiscalYear::index_of(month m) const {
  return static_cast<unsigned>((m - first_month_).count());
}

year_month FiscalYear::resolve(month m) const { return first_year_month() + months{index_of(m)}; }

std::vector<PeriodDefinition> default_periods() {
  return {{"前期", April, July}, {"中期", August, November}, {"後期", December, March}};
}

std::string list_period_names(const std::vector<PeriodDefinition>& periods) {
  std::string names;
  for (const auto& period : periods) names += (names.empty() ? "" : ", ") + period.name;
  return names;
}

FiscalCalendar::FiscalCalendar(FiscalYear year, std::vector<PeriodDefinition> periods)
    : year_(year), periods_(std::move(periods)) {}

const PeriodDefinition* FiscalCalendar::period_of(sys_days day) const {
  if (!year_.contains(day)) return nullptr;
  const unsigned index = year_.index_of(year_month_day{day}.month());
  for (const auto& period : periods_) {
    if (year_.index_of(period.first_month) <= index && index <= year_.index_of(period.last_month))
      return &period;
  }
  return nullptr;
}

const PeriodDefinition* FiscalCalendar::find_period(std::string_view name) const {
  for (const auto& period : periods_)
    if (period.name == name) return &period;
  return nullptr;
}

sys_days FiscalCalendar::period_first_day(const PeriodDefinition& period) const {
  return sys_days{year_.resolve(period.first_month) / 1};
}

sys_days FiscalCalendar::period_last_day(const PeriodDefinition& period) const {
  return sys_days{year_.resolve(period.last_month) / last};
}

std::optional<Error> validate_periods(const std::vector<PeriodDefinition>& periods,
                                      month first_month) {
  namespace meaning = calendar_meaning;
  if (periods.empty())
    return Error{"expected at least one period", ErrorCode::invalid,
                 meaning_of(meaning::kNoPeriods)};
  const FiscalYear any_year{date::year{2000}, first_month};
  const auto month_text = [](month m) { return std::to_string(static_cast<unsigned>(m)); };
  unsigned next_index = 0;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& period = periods[i];
    const std::string place = std::to_string(i + 1);
    const std::string label = "period " + place;
    const auto refuse = [&](std::string message, std::string_view code,
                            std::vector<std::string> subjects) {
      subjects.insert(subjects.begin(), place);
      return Error{std::move(message), ErrorCode::invalid, meaning_of(code, std::move(subjects))};
    };
    if (period.name.empty()) return refuse(label + ": empty name", meaning::kPeriodNameEmpty, {});
    if (period.name == kNextYearPeriod)
      return refuse(label + ": \"次年度以降\" is reserved for the backlog",
                    meaning::kPeriodNameReserved, {});
    for (std::size_t j = 0; j < i; ++j)
      if (periods[j].name == period.name)
        return refuse(label + ": duplicate name " + in_quotes(period.name),
                      meaning::kPeriodNameTwice, {period.name});
    if (!period.first_month.ok() || !period.last_month.ok())
      return refuse(label + ": month out of range", meaning::kPeriodMonth, {});
    const unsigned first = any_year.index_of(period.first_month);
    const unsigned last = any_year.index_of(period.last_month);
    if (first != next_index) {
      const std::string expected = month_text(first_month + months{next_index});
      const std::string got = month_text(period.first_month);
      return refuse(label + " (" + period.name + "): expected to start in month " + expected +
                        ", starts in " + got,
                    meaning::kPeriodStart, {period.name, expected, got});
    }
    if (last < first)
      return refuse(label + " (" + period.name + "): ends before it starts",
                    meaning::kPeriodBackwards, {period.name});
    next_index = last + 1;
  }
  if (next_index != 12) {
    const std::string end = month_text(first_month + months{next_index - 1});
    return Error{"periods end in month " + end + ", expected them to cover the whole year",
                 ErrorCode::invalid, meaning_of(meaning::kPeriodsShort, {end})};
  }
  return std::nullopt;
}

namespace {

struct Era {
  const char* name;
  sys_days first_day;
};

// Newest first. 昭和 began 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
constexpr std::array<Era, 3> kEras{{
    {"令和", sys_days{2019_y / May / 1}},
    {"平成", sys_days{1989_y / January / 8}},
    {"昭和", sys_days{1926_y / December / 25}},
}};

const Era* era_of(sys_days day) {
  for (const auto& era : kEras)
    if (day >= era.first_day) return &era;
  return nullptr;
}

std::string era_year(const Era& era, year y) {
  const int number =
      static_cast<int>(y) - static_cast<int>(year_month_day{era.first_day}.year()) + 1;
  return std::string{era.name} + (number == 1 ? std::string{"元"} : std::to_string(number)) + "年";
}

}  // namespace

std::string era_fiscal_year_label(const FiscalYear& fiscal_year) {
  const Era* era = era_of(sys_days{fiscal_year.year() / December / 31});
  if (era == nullptr) return {};
  return era_year(*era, fiscal_year.year()) + "度";
}

std::string era_date_label(year_month_day day) {
  const Era* era = era_of(sys_days{day});
  if (era == nullptr) return {};
  return era_year(*era, day.year()) + std::to_string(static_cast<unsigned>(day.month())) + "月" +
         std::to_string(static_cast<unsigned>(day.day())) + "日";
}

}  // namespace torikumi
