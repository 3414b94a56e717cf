#pragma once

// What has happened to each occurrence since the plan was expanded: the part of a feed that is
// not in the plan. Today it comes from the plan's own progress lines; the store will keep it.

#include <date/date.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/progress_marks.hpp"

namespace torikumi {
struct RecordedState;  // engine/progress/recorded_state.hpp: what the store recorded
}  // namespace torikumi

namespace torikumi::calendars {

enum class OccurrenceStatus {
  open,       // planned or scheduled, not yet done
  done,       // shown with a ✓; its to-do COMPLETED
  skipped,    // dropped: left out of the feed (an EXDATE in a recurring series)
  cancelled,  // kept, STATUS:CANCELLED
};

struct OccurrenceState {
  OccurrenceStatus status = OccurrenceStatus::open;
  std::optional<date::sys_seconds> completed_at;  // when it was done, if known
  // Share done, 0..100, for an occurrence reported on in part (a span over several periods).
  std::optional<unsigned> percent_complete;
  // The occurrence's revision: the store raises it whenever its time, place or status changes,
  // and the feed's SEQUENCE follows it.
  std::uint32_t sequence = 0;
  std::optional<date::sys_seconds> last_modified;  // its last change; default: the feed's
  std::string note;   // why it was skipped or cancelled, or a progress note
  std::string place;  // where it meets when set for this occurrence; empty: the meeting rule's
  // A meeting's own changes to its standing participants: who it invites, for the agencies'
  // feeds (occurrence_participants_for).
  std::vector<ParticipantChange> participant_changes{};
  bool operator==(const OccurrenceState&) const = default;
};

// Keyed by occurrence id (Occurrence::id); an occurrence missing from the map is open, revision 0.
using OccurrenceStates = std::map<std::string, OccurrenceState, std::less<>>;

// The states the plan's progress section (進捗の状況) implies: an occurrence whose month a line
// names is done, completed at its scheduled end (or the end of its due day, in the plan's zone);
// a span that lines report on in some of its periods is that share complete.
// REQUIRES: expansion and marks come from this plan.
OccurrenceStates states_from_progress(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks);

// The states what the store recorded gives: done, skipped and cancelled as recorded, a place
// set for one occurrence, a meeting's changes to its participants, the revision as SEQUENCE, and a
// span's share of the periods its task has progress notes for. REQUIRES: expansion comes from this
// plan (with apply_schedule_overrides applied).
OccurrenceStates states_from_record(const Plan& plan, const Expansion& expansion,
                                    const RecordedState& recorded);

}  // namespace torikumi::calendars
