#include "engine/progress/tracked_actions.hpp"

#include <algorithm>

namespace torikumi {

date::sys_days meeting_day(const Expansion& expansion, const Occurrence& occurrence) {
  return occurrence.scheduled_start ? expansion.zone.local_day(*occurrence.scheduled_start)
                                    : occurrence.start;
}

std::vector<const MeetingAction*> open_actions_before(const Expansion& expansion,
                                                      std::span<const MeetingAction> actions,
                                                      const Occurrence& meeting) {
  const auto starts = [&](const Occurrence& occurrence) {
    return occurrence.scheduled_start ? *occurrence.scheduled_start
                                      : date::sys_seconds{occurrence.start};
  };
  std::vector<const MeetingAction*> open;
  for (const MeetingAction& action : actions) {
    if (!action.open()) continue;
    const Occurrence* raised_by = find_occurrence(expansion, action.occurrence);
    if (raised_by == nullptr || raised_by == &meeting) continue;
    if (activity_id(*raised_by->task) != activity_id(*meeting.task)) continue;
    if (starts(*raised_by) >= starts(meeting)) continue;
    open.push_back(&action);
  }
  std::stable_sort(open.begin(), open.end(),
                   [](const MeetingAction* a, const MeetingAction* b) { return a->due < b->due; });
  return open;
}

}  // namespace torikumi
