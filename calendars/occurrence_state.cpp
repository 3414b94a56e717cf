#include "calendars/occurrence_state.hpp"

#include <date/tz.h>

#include <bit>

#include "engine/progress/recorded_state.hpp"

namespace torikumi::calendars {

namespace {

// The instant a day in the plan's zone ends: the next day's local midnight.
}  // namespace

OccurrenceStates states_from_progress(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks) {
  OccurrenceStates states;
  for (std::size_t i = 0; i < expansion.occurrences.size(); ++i) {
    const Occurrence& occurrence = expansion.occurrences[i];
    if (i < marks.done.size() && marks.done[i]) {
      OccurrenceState state;
      state.status = OccurrenceStatus::done;
      state.completed_at = occurrence.scheduled_end ? *occurrence.scheduled_end
                                                    : expansion.zone.end_of(occurrence.due);
      state.percent_complete = 100;
      states.emplace(occurrence.id, std::move(state));
      continue;
    }
    // A span reported on in some of the periods it overlaps.
    const auto task_index = static_cast<std::size_t>(occurrence.task - plan.tasks.data());
    if (task_index >= marks.reports.size()) continue;
    const int overlapped = std::popcount(occurrence.periods);
    if (overlapped < 2) continue;
    int reported = 0;
    for (std::size_t p = 0; p < marks.reports[task_index].size() && p < 32; ++p)
      if ((occurrence.periods & (std::uint32_t{1} << p)) && !marks.reports[task_index][p].empty())
        ++reported;
    if (reported == 0) continue;
    OccurrenceState state;
    state.percent_complete = static_cast<unsigned>(100 * reported / overlapped);
    states.emplace(occurrence.id, std::move(state));
  }
  return states;
}

OccurrenceStates states_from_record(const Plan& plan, const Expansion& expansion,
                                    const RecordedState& recorded) {
  OccurrenceStates states;
  for (const Occurrence& occurrence : expansion.occurrences) {
    OccurrenceState state;
    const OccurrenceRecord* record = recorded.find(occurrence.id);
    if (record != nullptr) {
      state.sequence = record->revision;
      state.last_modified = record->changed_at;
      state.note = record->reason;
      state.place = record->place;
      state.participant_changes = record->participant_changes;
      switch (record->status) {
        case torikumi::OccurrenceStatus::done:
          state.status = OccurrenceStatus::done;
          state.completed_at = record->completed_at;
          state.percent_complete = 100;
          state.note = record->note;
          break;
        case torikumi::OccurrenceStatus::skipped:
          state.status = OccurrenceStatus::skipped;
          break;
        case torikumi::OccurrenceStatus::cancelled:
          state.status = OccurrenceStatus::cancelled;
          break;
        case torikumi::OccurrenceStatus::planned:
        case torikumi::OccurrenceStatus::scheduled:
          break;
      }
    }
    const int overlapped = std::popcount(occurrence.periods);
    if (state.status == OccurrenceStatus::open && overlapped > 1) {
      int reported = 0;
      for (std::size_t p = 0; p < plan.periods.size() && p < 32; ++p) {
        if ((occurrence.periods & (std::uint32_t{1} << p)) == 0) continue;
        for (const ProgressNote& note : recorded.notes) {
          if (note.task == occurrence.task->id && note.period == plan.periods[p].name) {
            ++reported;
            break;
          }
        }
      }
      if (reported > 0) state.percent_complete = static_cast<unsigned>(100 * reported / overlapped);
    }
    if (record != nullptr || state.percent_complete)
      states.emplace(occurrence.id, std::move(state));
  }
  return states;
}

}  // namespace torikumi::calendars
