#include "engine/progress/progress_marks.hpp"

#include <algorithm>

namespace torikumi {

ProgressMarks mark_progress(const Plan& plan, const Expansion& expansion) {
  ProgressMarks marks;
  marks.done.assign(expansion.occurrences.size(), false);
  marks.reports.assign(plan.tasks.size(),
                       std::vector<std::vector<const ProgressLine*>>(plan.periods.size()));
  marks.notes.assign(plan.periods.size(), {});

  for (const ProgressLine& line : plan.progress) {
    const std::size_t period = period_index(plan, line.period);
    const Task* task = line.task.empty() ? nullptr : plan.find_task(line.task);
    if (task == nullptr) {
      if (period < plan.periods.size()) marks.notes[period].push_back(&line);
      continue;
    }
    const auto task_index = static_cast<std::size_t>(task - plan.tasks.data());
    if (period < plan.periods.size()) marks.reports[task_index][period].push_back(&line);
    if (line.months.empty()) continue;
    // The months name occurrences of the task's series: 会議の開催（4、6月） in 前期.
    const std::string_view series = series_id(*task);
    for (std::size_t i = 0; i < expansion.occurrences.size(); ++i) {
      const Occurrence& occurrence = expansion.occurrences[i];
      const bool same_activity =
          occurrence.task == task || (!series.empty() && series_id(*occurrence.task) == series);
      if (!same_activity) continue;
      const date::month month = date::year_month_day{occurrence.start}.month();
      if (std::find(line.months.begin(), line.months.end(), month) != line.months.end())
        marks.done[i] = true;
    }
  }
  return marks;
}

bool ProgressMarks::task_done(const Plan& plan, const Expansion& expansion,
                              std::size_t task_index) const {
  bool any = false;
  for (std::size_t i = 0; i < expansion.occurrences.size(); ++i) {
    if (expansion.occurrences[i].task != &plan.tasks[task_index]) continue;
    if (!done[i]) return false;
    any = true;
  }
  return any;
}

}  // namespace torikumi
