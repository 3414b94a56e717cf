#pragma once

// Reminders to a meeting's participants (参加者), once the occurrence's invitation was sent: to
// each invited person who has not answered (ご回答のお願い), to each who is coming shortly before
// (明日の 会議のご案内), and to the 事務局 while a required agency has not answered (a nudge). The
// lead times are the rules' (ReminderRules::participants); send instants are business-day mornings
// in the plan's zone as for the owners' reminders (send_days.hpp).
//
// Planned from the invitation as last sent (its title, time and place: what the attendees'
// calendars hold) and each attendee's kept answer, given as values (the dispatcher reads them from
// the store). Ids derive from the occurrence, the rule, the person and the send instant only, so
// a pass plans the same ids again, and an answer that comes makes the person's unanswered
// reminder no longer planned: the pass withdraws it if it was not yet sent. Pure: no clock, no I/O.

#include <date/date.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/plan_zone.hpp"
#include "engine/meetings/answers.hpp"
#include "engine/meetings/invitation_plan.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"
#include "engine/reminders/reminder_rules.hpp"

namespace torikumi {

// One person a meeting occurrence's invitation went to, with the answer kept for them.
struct AttendeeAnswer {
  InvitedPerson person;
  bool invited = true;             // false: dropped since (their CANCEL was sent): no reminders
  std::optional<Answer> answer{};  // none: no answer yet
  bool operator==(const AttendeeAnswer&) const = default;
};

// A meeting occurrence's invitation as last sent, with every attendee's kept answer.
struct InvitationAnswers {
  std::string occurrence;
  MeetingShape shape;                     // the title, time and place last sent; cancelled or not
  std::vector<AttendeeAnswer> attendees;  // everyone ever invited, in the order first invited
  bool operator==(const InvitationAnswers&) const = default;
};

enum class ParticipantReminderKind {
  unanswered,  // to an attendee with no answer, or needs-action: please answer
  accepted,    // to an attendee coming (accepted, tentative, delegated): the meeting is near
  nudge,       // to the 事務局: required agencies none of whose attendees has answered
  action,      // to an action's owning agency: its due day is near (宿題の期限)
};
// "unanswered", "accepted", "nudge", "action".
std::string_view to_string(ParticipantReminderKind kind);

// The action an action reminder is for: never what it says (it may name a case).
struct RemindedAction {
  std::int64_t id = 0;
  std::string owner;  // the owning agency
  date::sys_days due;
  bool operator==(const RemindedAction&) const = default;
};

struct ParticipantReminder {
  // OCCURRENCE/RULE/PERSON/SEND_AT, PERSON p- and the FNV-1a 64 hash of the address in hex (ids
  // are ASCII: they go into HTTP headers):
  // higashi-kyosei/multi-agency-meeting/2026-04/participant-unanswered-7d/p-3b8cd0e9a5f4c3d2/20260401T0000Z.
  // A nudge has no person: .../participant-nudge-5d/20260403T0000Z; an action has its number:
  // .../participant-action-3d/a-12/20260526T0000Z.
  std::string id;
  std::string plan;
  std::string occurrence;
  // participant-unanswered-7d, participant-accepted-1d, participant-nudge-5d,
  // participant-action-3d.
  std::string rule;
  ParticipantReminderKind kind = ParticipantReminderKind::unanswered;
  date::days days{0};            // the lead time (as_entered_on: the days left when entered)
  date::sys_days anchor_day;     // the meeting's day in the plan's zone; an action's due day
  date::sys_seconds send_at;     // the business-day morning it is due at
  date::sys_seconds expires_at;  // not worth sending if not entered by then (the meeting began,
                                 // the action's due day ended)
  MeetingShape meeting;          // as last sent
  std::string owner;             // the meeting task's owner (担当)
  // unanswered, accepted: the person it goes to and their answer (none: no answer yet).
  std::optional<AttendeeAnswer> attendee{};
  // nudge: the required agencies none of whose attendees still invited has answered (declined
  // is an answer), each once, in the order the invitation first invited them.
  std::vector<std::string> unanswered_agencies{};
  // action: which one.
  std::optional<RemindedAction> action{};
  // The attendee; a nudge's: the chair agencies' attendees still invited, else the owner's
  // recipients from the directory; an action's: the owning agency's attendees still invited to
  // the meeting that raised it, else the agency's contacts (its directory entry), else the
  // meeting's owner's recipients (who pass it on).
  std::vector<Recipient> recipients{};
  bool operator==(const ParticipantReminder&) const = default;
};

// The participant reminders of the expansion's meeting occurrences whose invitation was sent, and
// of the state's open actions (ReminderRules::participants.action_before their due day, the
// meeting as last sent or else as the expansion has it), by send instant, then id. Nothing for an
// invitation whose meeting was cancelled (the shape says so, or the occurrence is done, skipped or
// cancelled), for one of an occurrence not in the expansion, for attendees dropped since or who
// declined; a nudge with no chair attendee goes to the owner's recipients, and with none there is
// not planned (plan_reminders warns of the owner). REQUIRES: the expansion and state come from this
// plan.
std::vector<ParticipantReminder> plan_participant_reminders(
    const Plan& plan, const Expansion& expansion, const RecordedState& state,
    const ReminderRules& rules, const Directory& directory,
    std::span<const InvitationAnswers> invitations);

// As entered into the outbox on `today` (the plan's local day): one entered on a later day than
// it was planned for counts its lead from that day (【明日】, not 【7日後】, the day before the
// meeting); never fewer than 0 days. Its id and rule stay the same.
ParticipantReminder as_entered_on(ParticipantReminder reminder, date::sys_days today,
                                  const PlanZone& zone);

// Due: its send instant has come and it has not expired.
inline bool is_due(const ParticipantReminder& reminder, date::sys_seconds now) {
  return reminder.send_at <= now && now < reminder.expires_at;
}

}  // namespace torikumi
