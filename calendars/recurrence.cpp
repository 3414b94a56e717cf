#include "calendars/recurrence.hpp"

#include <algorithm>

namespace torikumi::calendars {

namespace {

constexpr const char* kWeekdayCodes[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

std::string by_day_part(const MeetingDay& day) {
  if (const auto* nth = std::get_if<NthWeekday>(&day)) {
    // A month has at most five of a weekday, so "the fifth, else the last" is always the last.
    const std::string ordinal = nth->n >= 5 ? "-1" : std::to_string(nth->n);
    return "BYDAY=" + ordinal + kWeekdayCodes[nth->weekday.c_encoding()];
  }
  return "BYMONTHDAY=" + std::to_string(std::get<DayOfMonth>(day).day);
}

}  // namespace

date::sys_days rule_day(date::year_month month, const MeetingDay& day) {
  if (const auto* nth = std::get_if<NthWeekday>(&day)) {
    const date::year_month_weekday wanted{month.year(), month.month(), nth->weekday[nth->n]};
    if (wanted.ok()) return date::sys_days{wanted};
    return date::sys_days{date::year_month_weekday_last{month.year(), month.month(),
                                                        date::weekday_last{nth->weekday}}};
  }
  const unsigned last = static_cast<unsigned>(
      date::year_month_day_last{month.year(), date::month_day_last{month.month()}}.day());
  return date::sys_days{month / date::day{std::min(std::get<DayOfMonth>(day).day, last)}};
}

std::optional<MonthlyRecurrence> monthly_recurrence(const MeetingDay& day,
                                                    std::chrono::minutes start_time,
                                                    std::span<const date::year_month> months) {
  if (months.size() < 2) return std::nullopt;
  const auto interval = (months[1] - months[0]).count();
  if (interval <= 0) return std::nullopt;
  for (std::size_t i = 1; i < months.size(); ++i)
    if ((months[i] - months[i - 1]).count() != interval) return std::nullopt;

  MonthlyRecurrence recurrence;
  recurrence.rule = "FREQ=MONTHLY";
  if (interval > 1) recurrence.rule += ";INTERVAL=" + std::to_string(interval);
  recurrence.rule += ";" + by_day_part(day) + ";COUNT=" + std::to_string(months.size());
  recurrence.first_start =
      date::local_days{rule_day(months.front(), day).time_since_epoch()} + start_time;

  // The instances a client computes. MONTHLY with BYDAY=nWD (n 1..4, or -1) or BYMONTHDAY=d from
  // a DTSTART on the rule's day gives the rule's day in every interval-th month, except that a
  // BYMONTHDAY a month lacks yields nothing in it (RFC 5545 3.3.10) and COUNT then reaches past
  // the last month. Computed here rather than with libical's iterator, which builds an ICU
  // calendar per series and would cost more than the rest of the feed; the tests check that
  // the two agree.
  for (const date::year_month month : months) {
    if (const auto* fixed = std::get_if<DayOfMonth>(&day)) {
      const unsigned last = static_cast<unsigned>(
          date::year_month_day_last{month.year(), date::month_day_last{month.month()}}.day());
      if (fixed->day > last) return std::nullopt;
    }
    recurrence.instance_starts.push_back(date::local_days{rule_day(month, day).time_since_epoch()} +
                                         start_time);
  }
  return recurrence;
}

}  // namespace torikumi::calendars
