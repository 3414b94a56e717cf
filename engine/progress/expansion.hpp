#pragma once

// Expansion: a plan and a fiscal year in, dated occurrences out. Pure: no clock, no I/O (the
// plan's zone was looked up when the plan was read).

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/calendar/fiscal_year.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

// One dated instance of a task.
struct Occurrence {
  // Stable across re-imports and re-expansions: plan id, series (or task) id and a key from the
  // fiscal year: `higashi-kyosei/multi-agency-meeting/2026-04` for a month, `.../fy2026` for a
  // task with one window a year.
  std::string id;
  const Task* task = nullptr;  // points into the plan given to expand_plan
  date::sys_days start;        // the window's first day
  date::sys_days due;          // the window's last day, included
  // Bit i set: the window overlaps the plan's periods[i].
  std::uint32_t periods = 0;
  // For a meeting with a rule: when it is held, moved off non-business days within its month.
  std::optional<date::sys_seconds> scheduled_start;
  std::optional<date::sys_seconds> scheduled_end;
  // The scheduled day was chosen in a month whose equinox day is not yet published.
  bool provisional = false;
  bool operator==(const Occurrence&) const = default;
};

// Tasks whose occurrences are one recurring activity: the rows of a plan that share a series
// id (the 会議の開催 lines of 前期, 中期 and 後期), or one row that lists several months.
struct Series {
  std::string id;
  std::vector<const Task*> tasks;
  std::vector<std::size_t> occurrences;  // indexes into Expansion::occurrences, in date order
  // Months between consecutive occurrences when they are evenly spaced: 2 for 4, 6, 8, 10, 12, 2.
  std::optional<unsigned> interval_months;
};

struct Expansion {
  FiscalYear fiscal_year{date::year{2026}};
  PlanZone zone;  // the plan's time zone
  // Sorted by window start, then by scheduled start, then by id.
  std::vector<Occurrence> occurrences;
  std::vector<Series> series;        // only series of two occurrences or more
  std::vector<const Task*> undated;  // as-needed and next-year tasks, in plan order
};

// Expands every task of the plan inside fiscal year `year`.
// REQUIRES: the plan is valid (read_plan_json accepted it), and outlives the result.
// Does not fail today (the zone, its one failure, moved to where the plan is read); the Result
// is where a refusal found only while dating would go.
Result<Expansion> expand_plan(const Plan& plan, date::year year);

// The occurrence of the expansion with that id, or nullptr.
const Occurrence* find_occurrence(const Expansion& expansion, std::string_view id);

// The series id an occurrence of this task belongs to, or empty when it stands alone.
std::string_view series_id(const Task& task);
// The activity an occurrence of this task is part of: its series, else the task itself. Two
// occurrences with the same one are the same meeting held again (an agenda carries over).
std::string_view activity_id(const Task& task);

// The period names an occurrence's window touches, in plan order.
std::vector<std::string> period_names(const Plan& plan, const Occurrence& occurrence);

}  // namespace torikumi
