#include "engine/calendar/fiscal_year.hpp"

#include <doctest/doctest.h>

#include <tuple>

using namespace date;
using namespace torikumi;

TEST_CASE("fiscal year 2026 runs from April 2026 to March 2027") {
  const FiscalYear fy{2026_y};
  CHECK(fy.first_day() == sys_days{2026_y / April / 1});
  CHECK(fy.last_day() == sys_days{2027_y / March / 31});
  CHECK(fy.end() == sys_days{2027_y / April / 1});
  CHECK(fy.contains(sys_days{2027_y / March / 31}));
  CHECK_FALSE(fy.contains(sys_days{2027_y / April / 1}));
  CHECK_FALSE(fy.contains(sys_days{2026_y / March / 31}));
}

TEST_CASE("month numbers resolve inside the fiscal year") {
  const FiscalYear fy{2026_y};
  CHECK(fy.resolve(April) == 2026_y / April);
  CHECK(fy.resolve(December) == 2026_y / December);
  CHECK(fy.resolve(January) == 2027_y / January);
  CHECK(fy.resolve(March) == 2027_y / March);
  CHECK(fy.index_of(April) == 0);
  CHECK(fy.index_of(March) == 11);
}

TEST_CASE("the fiscal year containing a day depends on the first month") {
  struct Row {
    sys_days day;
    month first_month;
    int expected;
  };
  const Row rows[] = {
      {sys_days{2026_y / April / 1}, April, 2026},
      {sys_days{2026_y / March / 31}, April, 2025},
      {sys_days{2027_y / January / 5}, April, 2026},
      {sys_days{2026_y / January / 1}, January, 2026},
      {sys_days{2026_y / June / 30}, July, 2025},
      {sys_days{2026_y / July / 1}, July, 2026},
  };
  for (const auto& row : rows) {
    CAPTURE(format("%F", row.day));
    CHECK(static_cast<int>(FiscalYear::containing(row.day, row.first_month).year()) ==
          row.expected);
  }
}

TEST_CASE("a fiscal year starting in July resolves months across the calendar year") {
  const FiscalYear fy{2026_y, July};
  CHECK(fy.first_day() == sys_days{2026_y / July / 1});
  CHECK(fy.last_day() == sys_days{2027_y / June / 30});
  CHECK(fy.resolve(June) == 2027_y / June);
}

TEST_CASE("the default periods find the period of any day") {
  const FiscalCalendar calendar{FiscalYear{2026_y}, default_periods()};
  struct Row {
    sys_days day;
    const char* expected;
  };
  const Row rows[] = {
      {sys_days{2026_y / April / 1}, "前期"},    {sys_days{2026_y / July / 31}, "前期"},
      {sys_days{2026_y / August / 1}, "中期"},   {sys_days{2026_y / November / 30}, "中期"},
      {sys_days{2026_y / December / 1}, "後期"}, {sys_days{2027_y / March / 31}, "後期"},
  };
  for (const auto& row : rows) {
    CAPTURE(format("%F", row.day));
    const PeriodDefinition* period = calendar.period_of(row.day);
    REQUIRE(period != nullptr);
    CHECK(period->name == row.expected);
  }
  CHECK(calendar.period_of(sys_days{2027_y / April / 1}) == nullptr);
  const PeriodDefinition* late = calendar.find_period("後期");
  REQUIRE(late != nullptr);
  CHECK(calendar.period_first_day(*late) == sys_days{2026_y / December / 1});
  CHECK(calendar.period_last_day(*late) == sys_days{2027_y / March / 31});
}

TEST_CASE("custom periods must tile the year") {
  CHECK_FALSE(validate_periods(default_periods(), April));
  CHECK_FALSE(validate_periods({{"上半期", April, September}, {"下半期", October, March}}, April));
  // Each refusal: its English message, its meaning's code and subjects.
  const auto refusal = [](const std::vector<PeriodDefinition>& periods) {
    const std::optional<Error> error = validate_periods(periods, April);
    REQUIRE(error);
    return std::tuple{error->message, error->meaning.code, error->meaning.subjects};
  };
  using Subjects = std::vector<std::string>;
  CHECK(refusal({}) ==
        std::tuple{"expected at least one period", std::string{"periods.none"}, Subjects{}});
  CHECK(refusal({{"上半期", April, September}, {"下半期", November, March}}) ==
        std::tuple{"period 2 (下半期): expected to start in month 10, starts in 11",
                   std::string{"periods.wrong_start"}, Subjects{"2", "下半期", "10", "11"}});
  CHECK(refusal({{"上半期", April, September}, {"下半期", October, January}}) ==
        std::tuple{"periods end in month 1, expected them to cover the whole year",
                   std::string{"periods.short_of_year"}, Subjects{"1"}});
  CHECK(refusal({{"前期", April, September}, {"前期", October, March}}) ==
        std::tuple{"period 2: duplicate name \"前期\"", std::string{"periods.duplicate_name"},
                   Subjects{"2", "前期"}});
  CHECK(refusal({{"", April, March}}) ==
        std::tuple{"period 1: empty name", std::string{"periods.empty_name"}, Subjects{"1"}});
  CHECK(refusal({{"次年度以降", April, March}}) ==
        std::tuple{"period 1: \"次年度以降\" is reserved for the backlog",
                   std::string{"periods.reserved_name"}, Subjects{"1"}});
  CHECK(refusal({{"前期", April, September}, {"後期", October, August}}) ==
        std::tuple{"period 2 (後期): ends before it starts",
                   std::string{"periods.ends_before_start"}, Subjects{"2", "後期"}});
}

TEST_CASE("fiscal years carry the era name in force at the end of their first calendar year") {
  CHECK(era_fiscal_year_label(FiscalYear{2026_y}) == "令和8年度");
  CHECK(era_fiscal_year_label(FiscalYear{2019_y}) == "令和元年度");
  CHECK(era_fiscal_year_label(FiscalYear{2020_y}) == "令和2年度");
  CHECK(era_fiscal_year_label(FiscalYear{2018_y}) == "平成30年度");
  CHECK(era_fiscal_year_label(FiscalYear{1989_y}) == "平成元年度");
  CHECK(era_fiscal_year_label(FiscalYear{1988_y}) == "昭和63年度");
  CHECK(era_fiscal_year_label(FiscalYear{1925_y}) == "");
}

TEST_CASE("dates carry the era name of the day itself") {
  CHECK(era_date_label(2019_y / April / 30) == "平成31年4月30日");
  CHECK(era_date_label(2019_y / May / 1) == "令和元年5月1日");
  CHECK(era_date_label(1989_y / January / 7) == "昭和64年1月7日");
  CHECK(era_date_label(1989_y / January / 8) == "平成元年1月8日");
  CHECK(era_date_label(2026_y / November / 24) == "令和8年11月24日");
}
