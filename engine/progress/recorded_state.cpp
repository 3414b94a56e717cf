#include "engine/progress/recorded_state.hpp"

#include <date/tz.h>

namespace torikumi {

const OccurrenceRecord* RecordedState::find(std::string_view occurrence_id) const {
  const auto found = occurrences.find(occurrence_id);
  return found == occurrences.end() ? nullptr : &found->second;
}

OccurrenceStatus RecordedState::status_of(std::string_view occurrence_id) const {
  const OccurrenceRecord* record = find(occurrence_id);
  return record ? record->status : OccurrenceStatus::planned;
}

RecordedState recorded_state_from_marks(const Plan& plan, const Expansion& expansion,
                                        const ProgressMarks& marks) {
  RecordedState state;
  for (std::size_t i = 0; i < expansion.occurrences.size() && i < marks.done.size(); ++i) {
    if (!marks.done[i]) continue;
    const Occurrence& occurrence = expansion.occurrences[i];
    OccurrenceRecord record;
    record.status = OccurrenceStatus::done;
    record.completed_at = occurrence.scheduled_end ? *occurrence.scheduled_end
                                                   : expansion.zone.end_of(occurrence.due);
    state.occurrences.emplace(occurrence.id, std::move(record));
  }
  for (const ProgressLine& line : plan.progress) {
    if (period_index(plan, line.period) == plan.periods.size()) continue;
    ProgressNote note;
    note.task = !line.task.empty() && plan.find_task(line.task) ? line.task : "";
    note.period = line.period;
    note.text = line.source_text.empty() ? line.text : line.source_text;
    state.notes.push_back(std::move(note));
  }
  return state;
}

RecordedState recorded_state_from_progress(const Plan& plan, const Expansion& expansion) {
  return recorded_state_from_marks(plan, expansion, mark_progress(plan, expansion));
}

void apply_schedule_overrides(Expansion& expansion, const RecordedState& recorded) {
  for (Occurrence& occurrence : expansion.occurrences) {
    const OccurrenceRecord* record = recorded.find(occurrence.id);
    if (record == nullptr || !record->scheduled_start) continue;
    // Without an end of its own, the meeting keeps the length its rule gave it (else an hour).
    const auto length = occurrence.scheduled_start && occurrence.scheduled_end
                            ? *occurrence.scheduled_end - *occurrence.scheduled_start
                            : date::sys_seconds::duration{std::chrono::hours{1}};
    occurrence.scheduled_start = record->scheduled_start;
    occurrence.scheduled_end =
        record->scheduled_end ? *record->scheduled_end : *record->scheduled_start + length;
  }
}

}  // namespace torikumi
