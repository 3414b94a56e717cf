#pragma once

// What a plan's own progress section (進捗の状況) says of its occurrences: a line naming
// months marks those months of its task's series done; a line naming none marks the task's
// share of its period as reported; a line matching no task is a note of its period.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"

namespace torikumi {

struct ProgressMarks {
  std::vector<bool> done;  // parallel to Expansion::occurrences
  // For each task (parallel to Plan::tasks), for each period (parallel to Plan::periods): the
  // progress lines that report on the task's share of that period.
  std::vector<std::vector<std::vector<const ProgressLine*>>> reports;
  // For each period: the lines that match no task.
  std::vector<std::vector<const ProgressLine*>> notes;

  // Whether every occurrence of a task is done (false for a task with none).
  bool task_done(const Plan& plan, const Expansion& expansion, std::size_t task_index) const;
};

// REQUIRES: expansion came from expand_plan(plan, ...).
ProgressMarks mark_progress(const Plan& plan, const Expansion& expansion);

}  // namespace torikumi
