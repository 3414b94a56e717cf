#pragma once

// What was recorded about an expansion: each occurrence's status, schedule overrides and
// completion, the progress notes of tasks and periods (進捗の状況), and the activity of
// as-needed (随時) tasks. The store loads it from SQLite; for a plain plan file it comes from
// the plan's own progress lines (recorded_state_from_progress). The progress form, the expand
// JSON and period progress read it, so a file and the store are shown the same way.

#include <date/date.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/meetings/action.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/occurrence_status.hpp"
#include "engine/progress/progress_marks.hpp"

namespace torikumi {

// The recorded state of one occurrence.
struct OccurrenceRecord {
  OccurrenceStatus status = OccurrenceStatus::planned;
  std::string reason;  // why it was skipped or cancelled
  // Overrides of the expansion's schedule, set by `torikumi schedule`.
  std::optional<date::sys_seconds> scheduled_start;
  std::optional<date::sys_seconds> scheduled_end;
  std::string place;
  // The completion in force when status is done.
  std::optional<date::sys_seconds> completed_at;
  std::string completed_by;
  std::string note;
  // Raised whenever its time, place or status changes; a calendar's SEQUENCE follows it.
  std::uint32_t revision = 0;
  std::optional<date::sys_seconds> changed_at;
  // A meeting's own changes to its task's standing participants, in order
  // (occurrence_participants_for, engine/meetings/participants.hpp).
  std::vector<ParticipantChange> participant_changes{};
  bool operator==(const OccurrenceRecord&) const = default;
};

// A progress note (a 進捗の状況 line) of a task's share of a period, or of the period itself.
struct ProgressNote {
  std::string task;    // the task's id; empty: a note of the period
  std::string period;  // 前期, 中期, 後期 (the plan's own period names)
  std::string text;
  std::optional<date::sys_seconds> written_at;  // unknown for lines read from a plan file
  std::string written_by;
  std::int64_t id = 0;  // the store's (Store::edit_note); 0 for lines read from a plan file
  bool operator==(const ProgressNote&) const = default;
};

// One logged instance of an as-needed (随時) task.
struct ActivityEntry {
  std::string task;
  date::sys_seconds at;
  std::string by;
  std::string note;
  bool operator==(const ActivityEntry&) const = default;
};

struct RecordedState {
  // By occurrence id; an occurrence without a record is planned, revision 0.
  std::map<std::string, OccurrenceRecord, std::less<>> occurrences;
  std::vector<ProgressNote> notes;      // in the order written
  std::vector<ActivityEntry> activity;  // in the order logged
  // Actions the year's meetings raised (tracked items of the plan), by due day, then as raised.
  std::vector<MeetingAction> actions{};

  // The record of an occurrence, or nullptr when nothing was recorded.
  const OccurrenceRecord* find(std::string_view occurrence_id) const;
  OccurrenceStatus status_of(std::string_view occurrence_id) const;
};

// The state the plan's own progress section implies (mark_progress): the occurrences its lines
// mark done are done, completed at their scheduled end or else at the end of their due day in
// the plan's zone; every line becomes a note of its task's share of its period, or of the
// period when it matches no task. REQUIRES: expansion and marks come from this plan.
RecordedState recorded_state_from_marks(const Plan& plan, const Expansion& expansion,
                                        const ProgressMarks& marks);

// recorded_state_from_marks(plan, expansion, mark_progress(plan, expansion)).
RecordedState recorded_state_from_progress(const Plan& plan, const Expansion& expansion);

// Times set with `torikumi schedule` replace the meeting rule's; a meeting given no end keeps
// the length its rule gave it (an hour when it had none).
void apply_schedule_overrides(Expansion& expansion, const RecordedState& recorded);

}  // namespace torikumi
