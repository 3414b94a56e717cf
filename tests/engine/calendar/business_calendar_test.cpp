#include "engine/calendar/business_calendar.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace date;
using namespace torikumi;

namespace {

std::string format_day(sys_days day) { return date::format("%F", day); }

std::string format_day(std::optional<sys_days> day) {
  return day ? format_day(*day) : std::string{"(none)"};
}

// Options built by assignment: GCC 12 warns (-Wmissing-field-initializers) on a designated
// initializer that leaves out a member, even one with a default.
BusinessCalendarOptions with_closure(month_day first, month_day last) {
  BusinessCalendarOptions options;
  options.closure = YearEndClosure{first, last};
  return options;
}

BusinessCalendarOptions with_extra_closed_days(std::vector<sys_days> days) {
  BusinessCalendarOptions options;
  options.extra_closed_days = std::move(days);
  return options;
}

enum class Open { yes, no };

struct DayRow {
  sys_days day;
  Open open;
  const char* why;
};

void check_days(const BusinessCalendar& calendar, const std::vector<DayRow>& rows) {
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    CAPTURE(row.why);
    CHECK(calendar.is_business_day(row.day) == (row.open == Open::yes));
  }
}

struct MoveRow {
  sys_days day;
  std::optional<sys_days> expected;
};

void check_nearest(const BusinessCalendar& calendar, const std::vector<MoveRow>& rows) {
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    CHECK(format_day(calendar.nearest_business_day_in_month(row.day)) == format_day(row.expected));
  }
}

}  // namespace

TEST_CASE("weekends holidays and the year-end closure are not business days") {
  const BusinessCalendar calendar;
  check_days(calendar, {
                           {2026_y / April / 1, Open::yes, "Wednesday"},
                           {2026_y / April / 3, Open::yes, "Friday"},
                           {2026_y / April / 4, Open::no, "Saturday"},
                           {2026_y / April / 5, Open::no, "Sunday"},
                           {2026_y / April / 29, Open::no, "昭和の日 on a Wednesday"},
                           {2026_y / May / 6, Open::no, "振替休日 for 憲法記念日"},
                           {2026_y / May / 7, Open::yes, "Thursday after Golden Week"},
                           {2026_y / September / 22, Open::no, "国民の休日"},
                           {2026_y / December / 28, Open::yes, "Monday before the closure"},
                           {2026_y / December / 29, Open::no, "closure begins"},
                           {2026_y / December / 30, Open::no, "closure"},
                           {2026_y / December / 31, Open::no, "closure"},
                           {2027_y / January / 1, Open::no, "元日 and closure"},
                           {2027_y / January / 4, Open::yes, "closure ended"},
                           {2025_y / December / 29, Open::no, "closure on a Monday"},
                           {2025_y / January / 3, Open::no, "closure on a Friday"},
                           {2025_y / January / 6, Open::yes, "first business day of 2025"},
                           {2100_y / January / 4, Open::yes, "past the holiday table"},
                       });
}

TEST_CASE(
    "the default business calendar closes from 29 December to 3 January across the year end") {
  const BusinessCalendar calendar;
  struct Row {
    sys_days day;
    bool closed;
  };
  const Row rows[] = {
      {2026_y / December / 28, false}, {2026_y / December / 29, true},
      {2026_y / December / 31, true},  {2027_y / January / 1, true},
      {2027_y / January / 3, true},    {2027_y / January / 4, false},
      {2026_y / June / 15, false},     {2024_y / February / 29, false},
  };
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    CHECK(calendar.is_year_end_closure(row.day) == row.closed);
  }
}

TEST_CASE("a business calendar closure may stay inside one year or wrap the year end") {
  SUBCASE("28 to 31 December does not wrap") {
    const BusinessCalendar calendar{with_closure(December / 28, December / 31)};
    CHECK_FALSE(calendar.is_year_end_closure(2026_y / December / 27));
    CHECK(calendar.is_year_end_closure(2026_y / December / 28));
    CHECK(calendar.is_year_end_closure(2026_y / December / 31));
    CHECK_FALSE(calendar.is_year_end_closure(2027_y / January / 1));
    CHECK_FALSE(calendar.is_year_end_closure(2026_y / June / 1));
    check_days(calendar, {
                             {2025_y / December / 26, Open::yes, "Friday before"},
                             {2025_y / December / 29, Open::no, "closure"},
                             {2025_y / January / 2, Open::yes, "Thursday after 元日"},
                             {2025_y / January / 3, Open::yes, "Friday"},
                         });
  }
  SUBCASE("2 to 3 January does not wrap either") {
    const BusinessCalendar calendar{with_closure(January / 2, January / 3)};
    CHECK(calendar.is_year_end_closure(2025_y / January / 2));
    CHECK(calendar.is_year_end_closure(2025_y / January / 3));
    CHECK_FALSE(calendar.is_year_end_closure(2025_y / January / 1));
    CHECK_FALSE(calendar.is_year_end_closure(2024_y / December / 31));
    CHECK(calendar.is_business_day(2024_y / December / 31));
  }
  SUBCASE("27 December to 5 January wraps") {
    const BusinessCalendar calendar{with_closure(December / 27, January / 5)};
    CHECK_FALSE(calendar.is_year_end_closure(2024_y / December / 26));
    CHECK(calendar.is_year_end_closure(2024_y / December / 27));
    CHECK(calendar.is_year_end_closure(2025_y / January / 5));
    CHECK_FALSE(calendar.is_year_end_closure(2025_y / January / 6));
    CHECK(calendar.next_business_day(2024_y / December / 27) == sys_days{2025_y / January / 6});
  }
}

TEST_CASE("extra closed days are not business days and are kept sorted without duplicates") {
  const BusinessCalendar calendar{with_extra_closed_days({
      2026_y / June / 30,
      2026_y / June / 1,
      2026_y / June / 30,
  })};
  CHECK(calendar.options().extra_closed_days ==
        std::vector<sys_days>{2026_y / June / 1, 2026_y / June / 30});
  check_days(calendar, {
                           {2026_y / June / 1, Open::no, "extra closed Monday"},
                           {2026_y / June / 2, Open::yes, "Tuesday"},
                           {2026_y / June / 29, Open::yes, "Monday"},
                           {2026_y / June / 30, Open::no, "extra closed Tuesday"},
                           {2027_y / June / 30, Open::yes, "same date next year"},
                       });
}

TEST_CASE("a closed day moves to the next business day in its month") {
  check_nearest(BusinessCalendar{}, {
                                        {2026_y / April / 1, 2026_y / April / 1},
                                        {2026_y / August / 1, 2026_y / August / 3},
                                        {2026_y / April / 4, 2026_y / April / 6},
                                        {2026_y / April / 29, 2026_y / April / 30},
                                        {2026_y / May / 2, 2026_y / May / 7},
                                        {2026_y / September / 19, 2026_y / September / 24},
                                        {2021_y / August / 7, 2021_y / August / 10},
                                    });
}

TEST_CASE("a closed day with no business day left in its month moves back") {
  check_nearest(BusinessCalendar{}, {
                                        {2026_y / May / 30, 2026_y / May / 29},
                                        {2026_y / October / 31, 2026_y / October / 30},
                                        {2026_y / February / 28, 2026_y / February / 27},
                                        {2026_y / December / 29, 2026_y / December / 28},
                                        {2026_y / December / 31, 2026_y / December / 28},
                                        {2027_y / December / 29, 2027_y / December / 28},
                                    });
}

TEST_CASE("the first days of January move past the closure to the first business day") {
  check_nearest(BusinessCalendar{}, {
                                        {2026_y / January / 1, 2026_y / January / 5},
                                        {2026_y / January / 3, 2026_y / January / 5},
                                        {2027_y / January / 1, 2027_y / January / 4},
                                        {2028_y / January / 1, 2028_y / January / 4},
                                        {2028_y / January / 10, 2028_y / January / 11},
                                    });
}

TEST_CASE("extra closed days count when moving to the nearest business day") {
  const BusinessCalendar calendar{with_extra_closed_days({2026_y / June / 29, 2026_y / June / 30})};
  check_nearest(calendar, {
                              {2026_y / June / 27, 2026_y / June / 26},
                              {2026_y / June / 30, 2026_y / June / 26},
                              {2026_y / June / 26, 2026_y / June / 26},
                          });
}

TEST_CASE("a month without a business day has no nearest business day") {
  std::vector<sys_days> closed;
  for (sys_days day = 2026_y / February / 1; day <= sys_days{2026_y / February / 28};
       day += days{1}) {
    closed.push_back(day);
  }
  const BusinessCalendar calendar{with_extra_closed_days(closed)};
  CHECK_FALSE(calendar.nearest_business_day_in_month(2026_y / February / 1).has_value());
  CHECK_FALSE(calendar.nearest_business_day_in_month(2026_y / February / 28).has_value());
  CHECK(format_day(calendar.nearest_business_day_in_month(2026_y / March / 1)) == "2026-03-02");
  CHECK(calendar.next_business_day(2026_y / February / 1) == sys_days{2026_y / March / 2});
}

TEST_CASE("the next business day may cross months and years") {
  const BusinessCalendar calendar;
  struct Row {
    sys_days day;
    sys_days expected;
  };
  const Row rows[] = {
      {2026_y / April / 1, 2026_y / April / 1},
      {2026_y / May / 2, 2026_y / May / 7},
      {2026_y / May / 30, 2026_y / June / 1},
      {2026_y / December / 29, 2027_y / January / 4},
      {2025_y / December / 27, 2026_y / January / 5},
  };
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    CHECK(format_day(calendar.next_business_day(row.day)) == format_day(row.expected));
  }
}

TEST_CASE("a business calendar closed all year gives the day back instead of searching forever") {
  const BusinessCalendar calendar{with_closure(January / 1, December / 31)};
  CHECK_FALSE(calendar.is_business_day(2026_y / June / 1));
  CHECK(calendar.next_business_day(2026_y / June / 1) == sys_days{2026_y / June / 1});
}
