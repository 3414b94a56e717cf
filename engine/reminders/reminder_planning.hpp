#pragma once

// Reminder planning: a plan's expansion, what was recorded of it, the rules and the directory in;
// every reminder of the fiscal year out, each with an id that derives from its occurrence, its
// rule and its send instant only, so re-expanding or re-importing the plan, or restarting, gives
// the same ids. Pure: no clock (the caller asks is_due with its own), no I/O but the time-zone
// lookup of the plan's zone.
//
// Send instants are business-day mornings (ReminderRules::send_time, 09:00) in the plan's zone.
// A lead time whose day is not a business day moves to the business day before it, so a
// reminder never comes later than promised; an overdue repeat moves to the business day after.
// Occurrences done, skipped or cancelled have no reminders (so a pending one is withdrawn), and a
// span's share of a period has no note reminder once a progress note of that period was written.
// A meeting moved with `torikumi schedule` is reminded of at its new time (new ids).

#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "engine/plan/config.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"
#include "engine/reminders/reminder_rules.hpp"

namespace torikumi {

enum class ReminderKind {
  before_meeting,     // a lead time before a meeting's day
  before_deadline,    // a lead time before a deadline's due day
  before_period_end,  // a lead time before a period's last day, for a span's progress note
  overdue,            // a repeat after the due day while not done
};

std::string_view to_string(ReminderKind kind);  // "before-meeting", "overdue", ...

struct Reminder {
  // OCCURRENCE/RULE/SEND_AT:
  // higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z.
  std::string id;
  std::string plan;
  std::string occurrence;
  // meeting-14d, deadline-0d, note-2026-07-31-7d (the share's last day), deadline-overdue-14d.
  std::string rule;
  ReminderKind kind = ReminderKind::before_meeting;
  date::days days{0};            // the lead time, or for an overdue repeat the days overdue
  date::sys_days anchor_day;     // the meeting's day, the due day or the share's last day
  date::sys_seconds send_at;     // the business-day morning it is due at
  date::sys_seconds expires_at;  // not worth sending if not enqueued by then (the meeting began)
  std::string period;            // before_period_end: the period whose progress note is asked for
  bool escalated = false;        // overdue long enough for the escalation list
  // What the message says of the occurrence.
  std::string task;
  std::string title;
  TaskKind task_kind = TaskKind::campaign;
  std::string owner;
  std::vector<std::string> periods;  // the periods its window overlaps
  date::sys_days window_start;
  date::sys_days due;
  std::optional<date::sys_seconds> scheduled_start;  // after any `torikumi schedule`
  std::optional<date::sys_seconds> scheduled_end;
  std::string place;
  std::vector<Recipient> recipients;  // the owner's, then the escalation list when escalated
  bool operator==(const Reminder&) const = default;
};

struct ReminderPlan {
  std::vector<Reminder> reminders;  // by send instant, then id
  // Owners the directory does not know (their items get no reminders): `task "x": owner "y" is
  // not in the directory`.
  std::vector<std::string> warnings;
  // Those owners, each once in the order met ("" for the tasks without one).
  std::vector<std::string> unreached_owners{};
};

// Every reminder of the expansion's fiscal year (overdue repeats stop at its last day).
// REQUIRES: the expansion and state come from this plan; its zone exists (expand_plan checked).
ReminderPlan plan_reminders(const Plan& plan, const Expansion& expansion,
                            const RecordedState& state, const ReminderRules& rules,
                            const Directory& directory);

// The reminder as worded when it is entered into the outbox on `today` (the plan's local day).
// One entered on a later day than it was planned for (the server was down, the plan came in
// mid-year) counts its lead, or the days overdue, from that day: 【2日前】, not 【14日前】 two
// days before; never fewer than 0. Its id and rule stay the same. Any other is returned as is.
Reminder as_entered_on(Reminder reminder, date::sys_days today, const PlanZone& zone);

// Due: its send instant has come and it has not expired.
inline bool is_due(const Reminder& reminder, date::sys_seconds now) {
  return reminder.send_at <= now && now < reminder.expires_at;
}

}  // namespace torikumi
