#pragma once

// Matching a progress line (進捗の状況) to the task it reports on, by text similarity: the
// sheet's progress lines are worded differently from its schedule lines (DESIGN.md).

#include <string>

#include "engine/plan/plan.hpp"

namespace torikumi {

// Below this similarity a progress line matches no task and stays a note of its period.
inline constexpr double kProgressMatchThreshold = 0.15;

struct ProgressMatch {
  std::string task;  // the task's id; empty: no task reaches the threshold
  double score = 0;  // the best similarity, 0..1, rounded to three decimals
  bool operator==(const ProgressMatch&) const = default;
};

// The task a progress line reports on: the highest TextSimilarity (weighted over the plan's task
// titles) between the task's title and the line's text, or any one of the line's parts when it
// reports on several things (会議の開催（4、6月）、個別支援の実施（隨時）). Next-year items are not
// candidates. Ties go to the task in the line's own period, then to the first in the plan, so a
// line about a series matches the series' row of its period.
ProgressMatch match_progress_line(const Plan& plan, const ProgressLine& line);

}  // namespace torikumi
