#pragma once

// A plan's first import, for its reminders: a plan that comes in the middle of its fiscal year
// (in December, say) has items long overdue, and a reminder each would reach the inboxes all at
// once. What a pass does with them is the config's choice (reminders.on_first_import,
// FirstImportReminders): by default one summary per owner (担当) lists them in place of a
// reminder each.
//
// The first import is the first pass that enters a reminder of the plan into the outbox: the
// outbox holding none of the plan's reminders is what says a pass is it (a re-import of an
// edited plan finds the reminders of the earlier one there, and is not). Its reminders of the
// past are the overdue repeats (ReminderKind::overdue) planned up to the end of its day (local
// to the plan) and not expired when it runs: one an item, the one that would go out. Those due
// at later passes are held back too: a pass later on the same day, or a run of `remind` twice,
// neither sends them one by one nor makes a second summary. Repeats planned for a later day, and
// every reminder of an item still ahead (a lead time before a meeting or a deadline), go out as
// usual. Pure: no clock, no I/O.

#include <date/date.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/config.hpp"
#include "engine/plan/plan.hpp"
#include "engine/reminders/reminder_planning.hpp"
#include "engine/reminders/reminder_rules.hpp"

namespace torikumi {

// The rule of a first import's summaries in the outbox (their reminders' `rule`).
inline constexpr std::string_view kFirstImportSummaryRule = "first-import-summary";

// An overdue item a summary lists: what its overdue reminder would have said.
struct OverdueItem {
  std::string reminder;  // the id of the reminder it stands for
  std::string occurrence;
  std::string task;
  std::string title;
  TaskKind task_kind = TaskKind::campaign;
  std::vector<std::string> periods;  // the periods its window overlaps
  std::string period;                // a span's share: the period whose progress note is late
  date::sys_days due;                // the due day (a share's: the period's last day, or sooner)
  date::days overdue{0};             // days past it on the summary's day
  bool escalated = false;            // overdue long enough for the escalation list
  bool operator==(const OverdueItem&) const = default;
};

// One owner's summary of the first import.
struct OverdueSummary {
  // PLAN/first-import/OWNER_KEY/YYYYMMDD: higashi-kyosei/first-import/owner-8baa27d3/20261207,
  // the owner's key the FNV-1a hash of its name (ASCII, as ids go into HTTP headers and paths).
  std::string id;
  std::string plan;
  std::string owner;
  date::sys_seconds send_at;          // the first import's pass
  date::sys_days day;                 // its day in the plan's zone
  std::vector<Recipient> recipients;  // everyone its items' reminders would have gone to, once
  bool escalated = false;             // some item's reminder would have gone to the escalation list
  std::vector<OverdueItem> items;     // by due day, then title, then occurrence
  bool operator==(const OverdueSummary&) const = default;
};

struct FirstImportPass {
  FirstImportReminders choice = FirstImportReminders::summary;
  // When the outbox took the plan's first reminder; none: this pass is the first import.
  std::optional<date::sys_seconds> first_entered;
  date::sys_seconds now;
};

// What a pass enters of a plan's reminders.
struct PassReminders {
  std::vector<Reminder> due;              // due now, to enter one by one
  std::vector<OverdueSummary> summaries;  // the first import's: on its pass only, one an owner
  std::vector<std::string> held_back;     // ids of reminders due now not entered one by one
};

// Splits the plan's planned reminders (plan_reminders, any order) at `pass.now`: with `each`
// every due one is entered; otherwise the first import's reminders of the past are held back,
// and on the first import's pass itself, with `summary`, listed in one summary per owner.
// Summaries come in the order the plan's tasks name their owners.
PassReminders settle_first_import(const Plan& plan, std::span<const Reminder> planned,
                                  const FirstImportPass& pass);

}  // namespace torikumi
