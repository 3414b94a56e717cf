#include "engine/reminders/participant_reminders.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "engine/base/fnv_hash.hpp"
#include "engine/reminders/send_days.hpp"

namespace torikumi {

namespace {

// p-3b8cd0e9a5f4c3d2: the person's part of an id, ASCII whatever the address holds.
std::string person_key(std::string_view email) {
  std::array<char, 24> text{};
  std::snprintf(text.data(), text.size(), "p-%016llx",
                static_cast<unsigned long long>(fnv1a_64(email)));
  return text.data();
}

// An answer that says the person comes: accepted, tentative, or delegated (a 代理 comes).
bool is_coming(AnswerState state) {
  return state == AnswerState::accepted || state == AnswerState::tentative ||
         state == AnswerState::delegated;
}

bool has_answered(const AttendeeAnswer& attendee) {
  return attendee.answer && attendee.answer->state != AnswerState::needs_action;
}

class ParticipantPlanner {
 public:
  ParticipantPlanner(const Plan& plan, const Expansion& expansion, const RecordedState& state,
                     const ReminderRules& rules, const Directory& directory)
      : plan_(plan),
        expansion_(expansion),
        state_(state),
        rules_(rules.participants),
        directory_(directory),
        send_days_(plan.business_calendar, expansion.zone, rules.send_time) {}

  std::vector<ParticipantReminder> run(std::span<const InvitationAnswers> invitations) {
    for (const InvitationAnswers& invitation : invitations) plan_invitation(invitation);
    for (const MeetingAction& action : state_.actions) plan_action(action, invitations);
    std::sort(reminders_.begin(), reminders_.end(),
              [](const ParticipantReminder& a, const ParticipantReminder& b) {
                return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
              });
    return std::move(reminders_);
  }

 private:
  // A reminder for each lead time of `leads` before the meeting: `base` with its lead, rule, send
  // instants and id. `person`: the attendee's part of the id (empty for a nudge).
  void add_leads(const ParticipantReminder& base, const std::vector<date::days>& leads,
                 std::string_view rule_name, const std::string& person,
                 std::optional<date::sys_seconds> anchor_instant = std::nullopt) {
    for (const LeadSend& send : lead_sends(send_days_, leads, base.anchor_day,
                                           anchor_instant.value_or(base.meeting.start))) {
      ParticipantReminder reminder = base;
      reminder.days = send.lead;
      reminder.rule =
          "participant-" + std::string{rule_name} + "-" + std::to_string(send.lead.count()) + "d";
      reminder.send_at = send.send_at;
      reminder.expires_at = send.expires_at;
      reminder.id = reminder.occurrence + "/" + reminder.rule + "/" +
                    (person.empty() ? "" : person + "/") + compact_instant(reminder.send_at);
      reminders_.push_back(std::move(reminder));
    }
  }

  void plan_invitation(const InvitationAnswers& invitation) {
    if (invitation.shape.cancelled) return;
    const Occurrence* occurrence = find_occurrence(expansion_, invitation.occurrence);
    if (occurrence == nullptr || occurrence->task->kind != TaskKind::meeting) return;
    const OccurrenceRecord* record = state_.find(occurrence->id);
    if (record != nullptr && !is_open(record->status)) return;
    ParticipantReminder base;
    base.plan = plan_.id;
    base.occurrence = occurrence->id;
    base.anchor_day = expansion_.zone.local_day(invitation.shape.start);
    base.meeting = invitation.shape;
    base.owner = occurrence->task->owner;

    std::set<std::string> seen;
    for (const AttendeeAnswer& attendee : invitation.attendees) {
      if (!attendee.invited || !seen.insert(attendee.person.email).second) continue;
      const AnswerState state =
          attendee.answer ? attendee.answer->state : AnswerState::needs_action;
      const bool unanswered = state == AnswerState::needs_action;
      if (!unanswered && !is_coming(state)) continue;  // declined
      ParticipantReminder personal = base;
      personal.kind =
          unanswered ? ParticipantReminderKind::unanswered : ParticipantReminderKind::accepted;
      personal.attendee = attendee;
      personal.recipients = {{.name = attendee.person.name, .email = attendee.person.email}};
      add_leads(personal, unanswered ? rules_.unanswered_before : rules_.accepted_before,
                to_string(personal.kind), person_key(attendee.person.email));
    }
    plan_nudge(invitation, base);
  }

  void plan_nudge(const InvitationAnswers& invitation, ParticipantReminder base) {
    std::vector<std::string> required;  // in the order first invited
    std::set<std::string> answered;
    std::vector<Recipient> chairs;
    for (const AttendeeAnswer& attendee : invitation.attendees) {
      if (!attendee.invited) continue;
      const InvitedPerson& person = attendee.person;
      if (person.role == ParticipantRole::required &&
          std::find(required.begin(), required.end(), person.agency) == required.end())
        required.push_back(person.agency);
      if (has_answered(attendee)) answered.insert(person.agency);
      const Recipient recipient{.name = person.name, .email = person.email};
      if (person.role == ParticipantRole::chair &&
          std::find(chairs.begin(), chairs.end(), recipient) == chairs.end())
        chairs.push_back(recipient);
    }
    std::erase_if(required, [&](const std::string& agency) { return answered.contains(agency); });
    if (required.empty()) return;
    if (chairs.empty()) {
      const DirectoryEntry* entry = directory_.find(base.owner);
      if (entry == nullptr || entry->recipients.empty()) return;
      chairs = entry->recipients;
    }
    base.kind = ParticipantReminderKind::nudge;
    base.unanswered_agencies = std::move(required);
    base.recipients = std::move(chairs);
    add_leads(base, rules_.nudge_before, to_string(base.kind), "");
  }

  // An open action's reminders before its due day (ending with it), to the owning agency's
  // attendees still invited to the meeting that raised it, else its contacts in the directory,
  // else the meeting owner's recipients.
  void plan_action(const MeetingAction& action, std::span<const InvitationAnswers> invitations) {
    if (!action.open()) return;
    const Occurrence* occurrence = find_occurrence(expansion_, action.occurrence);
    if (occurrence == nullptr) return;
    const auto invitation = std::find_if(
        invitations.begin(), invitations.end(),
        [&](const InvitationAnswers& sent) { return sent.occurrence == occurrence->id; });
    ParticipantReminder base;
    base.plan = plan_.id;
    base.occurrence = occurrence->id;
    base.kind = ParticipantReminderKind::action;
    base.anchor_day = action.due;
    base.owner = occurrence->task->owner;
    base.action = RemindedAction{.id = action.id, .owner = action.owner, .due = action.due};
    if (invitation != invitations.end()) {
      base.meeting = invitation->shape;
      for (const AttendeeAnswer& attendee : invitation->attendees) {
        const Recipient recipient{.name = attendee.person.name, .email = attendee.person.email};
        if (attendee.invited && attendee.person.agency == action.owner &&
            std::find(base.recipients.begin(), base.recipients.end(), recipient) ==
                base.recipients.end())
          base.recipients.push_back(recipient);
      }
    } else {
      const date::sys_seconds start =
          occurrence->scheduled_start.value_or(date::sys_seconds{occurrence->start});
      base.meeting = MeetingShape{.title = occurrence->task->title,
                                  .start = start,
                                  .end = occurrence->scheduled_end.value_or(start),
                                  .place = {},
                                  .cancelled = false};
    }
    if (base.recipients.empty()) {
      // The owning agency's current contacts when the directory lists it (the agencies make
      // it), else the meeting owner's recipients.
      const auto listed = directory_.owners.find(action.owner);
      const DirectoryEntry* entry =
          listed != directory_.owners.end() && !listed->second.recipients.empty()
              ? &listed->second
              : directory_.find(base.owner);
      if (entry == nullptr || entry->recipients.empty()) return;
      base.recipients = entry->recipients;
    }
    // Worth sending until the due day ends in the plan's zone.
    const date::sys_seconds due_ends = expansion_.zone.zone().to_sys(
        date::local_days{(action.due + date::days{1}).time_since_epoch()}, date::choose::earliest);
    add_leads(base, rules_.action_before, to_string(base.kind), "a-" + std::to_string(action.id),
              due_ends);
  }

  const Plan& plan_;
  const Expansion& expansion_;
  const RecordedState& state_;
  const ParticipantReminderRule& rules_;
  const Directory& directory_;
  SendDays send_days_;
  std::vector<ParticipantReminder> reminders_;
};

}  // namespace

std::string_view to_string(ParticipantReminderKind kind) {
  switch (kind) {
    case ParticipantReminderKind::unanswered:
      return "unanswered";
    case ParticipantReminderKind::accepted:
      return "accepted";
    case ParticipantReminderKind::nudge:
      return "nudge";
    case ParticipantReminderKind::action:
      return "action";
  }
  return "nudge";
}

std::vector<ParticipantReminder> plan_participant_reminders(
    const Plan& plan, const Expansion& expansion, const RecordedState& state,
    const ReminderRules& rules, const Directory& directory,
    std::span<const InvitationAnswers> invitations) {
  return ParticipantPlanner{plan, expansion, state, rules, directory}.run(invitations);
}

ParticipantReminder as_entered_on(ParticipantReminder reminder, date::sys_days today,
                                  const PlanZone& zone) {
  if (today <= zone.today(reminder.send_at)) return reminder;
  reminder.days = std::max(date::days{0}, reminder.anchor_day - today);
  return reminder;
}

}  // namespace torikumi
