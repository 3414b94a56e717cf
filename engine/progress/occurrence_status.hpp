#pragma once

// An occurrence's status and the rules read from it, written once: whether it is open, whether
// it is overdue, and the status it is shown with. The API, the pages, the feed and the reminders
// all ask here (DESIGN.md: "overdue is derived: due before today, not done").

#include <date/date.h>

#include <optional>
#include <string_view>

namespace torikumi {

struct Occurrence;

// An occurrence's status. Overdue is not a status: it is derived (due before today, not done).
enum class OccurrenceStatus {
  planned,    // nothing recorded yet
  scheduled,  // a date, time or place was set for it
  done,       // completed (see OccurrenceRecord::completed_at)
  skipped,    // dropped this time, with a reason
  cancelled,  // called off, with a reason
};

std::string_view to_string(OccurrenceStatus status);  // "planned", "scheduled", ...
std::optional<OccurrenceStatus> parse_occurrence_status(std::string_view text);

// Open: still to be done (planned or scheduled). Done, skipped and cancelled close it.
constexpr bool is_open(OccurrenceStatus status) {
  return status == OccurrenceStatus::planned || status == OccurrenceStatus::scheduled;
}

// Overdue: open and due before `today` (the plan's local day); on its due day it is not yet.
bool is_overdue(const Occurrence& occurrence, OccurrenceStatus status, date::sys_days today);

// The status an occurrence is shown with: its recorded status, or overdue in place of an open
// one that is overdue.
enum class ShownStatus { planned, scheduled, done, skipped, cancelled, overdue };

ShownStatus shown_status(const Occurrence& occurrence, OccurrenceStatus status,
                         date::sys_days today);

// "planned", "scheduled", "done", "skipped", "cancelled" or "overdue" (the stylesheet's classes).
std::string_view to_string(ShownStatus status);

}  // namespace torikumi
