#pragma once

// The meanings (engine/base/meaning.hpp) of what read_plan_json says of a plan's own rules, past
// the shape every JSON document has (json_meaning, engine/base/json_reader.hpp), each with the
// subjects it names in order; the diagnostic's `where` is the path (`plan.tasks[2].kind`).

#include <string_view>

namespace torikumi::plan_meaning {

// An id (of the plan, a task, a measure, a KPI, or a series) that is not 1 to 64 of A-Z a-z 0-9
// . _ - not starting with . or -: the id as written.
inline constexpr std::string_view kInvalidId = "plan.invalid_id";
// An id a list has twice: the id, the path of the element that has it first (plan.tasks[0]).
inline constexpr std::string_view kDuplicateId = "plan.duplicate_id";
// A task's kind: the kind as written, then each kind expected.
inline constexpr std::string_view kUnknownKind = "plan.unknown_kind";
// A task's or a progress line's period: the period as written, then each period expected.
inline constexpr std::string_view kUnknownPeriod = "plan.unknown_period";
// A series on a task not dated by listed months: the series, the task's when.
inline constexpr std::string_view kSeriesNeedsMonths = "plan.series_needs_months";
// A month a series lists twice: the month ("6"), the series, the path of the task that has it.
inline constexpr std::string_view kSeriesMonthTwice = "plan.series_month_twice";
// A 次年度以降 task with a schedule: its when.
inline constexpr std::string_view kNextYearDated = "plan.next_year_dated";
// A meeting rule with both or neither of a weekday (week and weekday) and a day of the month.
inline constexpr std::string_view kDayOrWeekday = "plan.day_or_weekday";
inline constexpr std::string_view kUnknownWeekday = "plan.unknown_weekday";  // the text
// What to do on a closed day, other than next_business_day, previous_business_day or skip: the
// text.
inline constexpr std::string_view kUnknownOnClosedDay = "plan.unknown_on_closed_day";
// A progress line's score (a match's) on a line that names no task.
inline constexpr std::string_view kScoreNeedsTask = "plan.score_needs_task";
// A format_version this torikumi does not read: the one it reads, the one written.
inline constexpr std::string_view kFormatVersion = "plan.format_version";
inline constexpr std::string_view kUnknownMeasure = "plan.unknown_measure";  // the measure
inline constexpr std::string_view kUnknownTask = "plan.unknown_task";        // the task

}  // namespace torikumi::plan_meaning
