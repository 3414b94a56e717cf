#include "calendars/recurrence.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "calendars/detail/libical.hpp"

using namespace date;
using std::chrono::hours;
using std::chrono::minutes;
using namespace torikumi;
using namespace torikumi::calendars;

namespace {

std::vector<year_month> months_of(int first_year, std::vector<unsigned> months) {
  std::vector<year_month> result;
  int y = first_year;
  unsigned previous = 0;
  for (const unsigned m : months) {
    if (m < previous) ++y;
    result.push_back(year{y} / month{m});
    previous = m;
  }
  return result;
}

local_seconds at(int y, unsigned m, unsigned d, hours h) { return local_days{year{y} / m / d} + h; }

}  // namespace

TEST_CASE("the bimonthly second Wednesday meeting is one RRULE with six instances") {
  const auto months = months_of(2026, {4, 6, 8, 10, 12, 2});
  const auto recurrence = monthly_recurrence(NthWeekday{2, Wednesday}, hours{14}, months);
  REQUIRE(recurrence);
  CHECK(recurrence->rule == "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE;COUNT=6");
  CHECK(recurrence->first_start == at(2026, 4, 8, hours{14}));
  CHECK(recurrence->instance_starts ==
        std::vector<local_seconds>{at(2026, 4, 8, hours{14}), at(2026, 6, 10, hours{14}),
                                   at(2026, 8, 12, hours{14}), at(2026, 10, 14, hours{14}),
                                   at(2026, 12, 9, hours{14}), at(2027, 2, 10, hours{14})});
}

TEST_CASE("a fifth weekday rule becomes the last weekday of the month") {
  const auto recurrence =
      monthly_recurrence(NthWeekday{5, Friday}, hours{10}, months_of(2026, {4, 5, 6}));
  REQUIRE(recurrence);
  CHECK(recurrence->rule == "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3");
  CHECK(recurrence->instance_starts.back() == at(2026, 6, 26, hours{10}));
}

TEST_CASE("months that are not evenly spaced have no rule") {
  CHECK_FALSE(monthly_recurrence(NthWeekday{2, Wednesday}, hours{14}, months_of(2026, {4, 5, 7})));
  CHECK_FALSE(monthly_recurrence(NthWeekday{2, Wednesday}, hours{14}, months_of(2026, {4})));
}

TEST_CASE("a day of month that short months lack has no rule") {
  // BYMONTHDAY=31 skips June, so a client would not see the June meeting.
  CHECK_FALSE(monthly_recurrence(DayOfMonth{31}, hours{10}, months_of(2026, {5, 6, 7})));
  const auto fifteenth = monthly_recurrence(DayOfMonth{15}, hours{10}, months_of(2026, {5, 6, 7}));
  REQUIRE(fifteenth);
  CHECK(fifteenth->rule == "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3");
}

TEST_CASE("the rule day ignores business days and clamps to the month") {
  CHECK(rule_day(year{2026} / October, NthWeekday{2, Monday}) == sys_days{year{2026} / 10 / 12});
  CHECK(rule_day(year{2027} / February, DayOfMonth{31}) == sys_days{year{2027} / 2 / 28});
}

TEST_CASE("the computed instances agree with libical's recurrence iterator") {
  // Every weekday rule (1st to 4th and the last) and a few days of the month, monthly to
  // quarterly, from each month of 2026 and 2027, against what libical makes of the same RRULE.
  std::vector<MeetingDay> rules;
  for (unsigned n = 1; n <= 5; ++n)
    for (unsigned weekday = 0; weekday < 7; ++weekday)
      rules.push_back(NthWeekday{n, date::weekday{weekday}});
  for (const unsigned day : {1u, 15u, 28u, 29u, 30u, 31u}) rules.push_back(DayOfMonth{day});
  std::size_t compared = 0;
  for (const MeetingDay& rule : rules) {
    for (int interval = 1; interval <= 3; ++interval) {
      for (unsigned first = 1; first <= 24; ++first) {
        std::vector<year_month> months;
        for (int i = 0; i < 6; ++i)
          months.push_back(year{2026} / January + date::months{first - 1 + i * interval});
        const auto recurrence = monthly_recurrence(rule, hours{14}, months);
        const icalrecurrencetype parsed_rule = icalrecurrencetype_from_string(
            recurrence ? recurrence->rule.c_str() : "FREQ=MONTHLY;COUNT=1");
        std::vector<local_seconds> from_libical;
        if (recurrence) {
          const torikumi::calendars::detail::RecurrenceIteratorHandle iterator{
              icalrecur_iterator_new(parsed_rule, torikumi::calendars::detail::ical_local_time(
                                                      recurrence->first_start))};
          REQUIRE(iterator);
          for (icaltimetype next = icalrecur_iterator_next(iterator.get());
               !icaltime_is_null_time(next); next = icalrecur_iterator_next(iterator.get()))
            from_libical.push_back(torikumi::calendars::detail::local_time_of(next));
          CHECK(recurrence->instance_starts == from_libical);
          ++compared;
        } else {
          // Only a day of the month that some of the months lack has no rule.
          const auto* fixed = std::get_if<DayOfMonth>(&rule);
          REQUIRE(fixed != nullptr);
          CHECK(fixed->day > 28);
        }
      }
    }
  }
  CHECK(compared > 2000);
}
