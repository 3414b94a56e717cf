#pragma once

// Whether a series of monthly meetings can be one RRULE, and what that rule generates.

#include <date/date.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/plan/plan.hpp"

namespace torikumi::calendars {

// A monthly RRULE and the local start of each instance a client computes from it.
struct MonthlyRecurrence {
  std::string rule;                 // FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE;COUNT=6
  date::local_seconds first_start;  // DTSTART: the rule's day in the first month, before any move
  std::vector<date::local_seconds> instance_starts;  // one per month, in order
  bool operator==(const MonthlyRecurrence&) const = default;
};

// The rule for meetings on `day` at `start_time` in each of `months` (in order). Nullopt unless
// the months are evenly spaced and the rule, expanded as a client would, gives exactly one
// instance in each of them: a day 31 rule, say, skips short months, so it is not a rule here.
// The instances are the rule's days; days the business calendar moved are the caller's overrides.
std::optional<MonthlyRecurrence> monthly_recurrence(const MeetingDay& day,
                                                    std::chrono::minutes start_time,
                                                    std::span<const date::year_month> months);

// The day a meeting rule names in a month before any business-day move: the nth weekday (a
// fifth the month lacks being the last), or the day of the month clamped to its last day.
date::sys_days rule_day(date::year_month month, const MeetingDay& day);

}  // namespace torikumi::calendars
