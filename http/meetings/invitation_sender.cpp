#include "http/meetings/invitation_sender.hpp"

#include <algorithm>
#include <map>

#include "calendars/invitation.hpp"
#include "http/meetings/answer_link.hpp"
#include "http/meetings/meeting_paths.hpp"
#include "http/meetings/meetings_http_meaning.hpp"
#include "mail/invitation_mail.hpp"
#include "store/secrets.hpp"

namespace torikumi::http {

namespace {

using namespace std::chrono_literals;

// An answer link stays good this long after the meeting's day: a late "I could not come" still
// lands, and the link of an old message does not answer for ever.
constexpr date::days kLinkGrace{7};

calendars::AttendeeRole attendee_role(ParticipantRole role) {
  switch (role) {
    case ParticipantRole::chair:
      return calendars::AttendeeRole::chair;
    case ParticipantRole::required:
      return calendars::AttendeeRole::required;
    case ParticipantRole::optional:
      return calendars::AttendeeRole::optional;
  }
  return calendars::AttendeeRole::required;
}

calendars::PartStat partstat_of(AnswerState state) {
  switch (state) {
    case AnswerState::needs_action:
      return calendars::PartStat::needs_action;
    case AnswerState::accepted:
      return calendars::PartStat::accepted;
    case AnswerState::declined:
      return calendars::PartStat::declined;
    case AnswerState::tentative:
      return calendars::PartStat::tentative;
    case AnswerState::delegated:
      return calendars::PartStat::delegated;
  }
  return calendars::PartStat::needs_action;
}

std::string_view notice_name(mail::InvitationNotice notice) {
  switch (notice) {
    case mail::InvitationNotice::invitation:
      return "invitation";
    case mail::InvitationNotice::update:
      return "update";
    case mail::InvitationNotice::cancellation:
      return "cancellation";
    case mail::InvitationNotice::attendee_cancellation:
      return "attendee-cancellation";
    case mail::InvitationNotice::declined_counter:
      return "declined-counter";
  }
  return "invitation";
}

Status check_settings(const InvitationSettings& settings) {
  if (settings.endpoints.empty())
    return Error{"no webhook endpoint in the config: invitations are sent through one",
                 ErrorCode::conflict, meaning_of(meetings_http_meaning::kNoEndpoint)};
  if (settings.organizer.email.empty() || settings.reply_domain.empty())
    return Error{"no organiser in the config (meetings.organizer): invitations need one",
                 ErrorCode::conflict, meaning_of(meetings_http_meaning::kNoOrganizer)};
  return {};
}

// What one send writes and composes, shared by send_invitation and decline_counter.
class Composer {
 public:
  Composer(const PlanSnapshot& snapshot, const InvitationSettings& settings,
           const std::optional<store::StoredInvitation>& stored, std::string occurrence,
           date::sys_seconds now)
      : snapshot_(snapshot),
        settings_(settings),
        stored_(stored),
        occurrence_(std::move(occurrence)),
        now_(now) {
    if (stored_)
      for (const store::StoredAttendee& attendee : stored_->attendees)
        tokens_.emplace_back(attendee.person.email, attendee.token);
  }

  Result<std::string> uid() const {
    if (stored_) return stored_->uid;
    return calendars::invitation_uid(occurrence_, settings_.reply_domain);
  }

  // The attendee's token: the one kept, else a new one. Tokens are kept in the order people were
  // first invited, which the store keeps as the attendees' order.
  const std::string& token_of(const std::string& email) {
    auto found = std::find_if(tokens_.begin(), tokens_.end(),
                              [&](const auto& token) { return token.first == email; });
    if (found == tokens_.end()) {
      tokens_.emplace_back(email, store::make_reply_token());
      return tokens_.back().second;
    }
    return found->second;
  }

  const std::vector<std::pair<std::string, std::string>>& tokens() const { return tokens_; }

  // The occurrence's meeting type (定例会議 for one the expansion no longer has).
  const MeetingType& type() const {
    const Occurrence* occurrence = find_occurrence(snapshot_.expansion, occurrence_);
    return occurrence ? meeting_type_of(*snapshot_.plan, *occurrence->task)
                      : builtin_meeting_types().front();
  }
  // Its name for the messages, when it is not 定例会議.
  std::string type_name() const {
    const std::string& name = type().name;
    return name == kRegularMeeting ? std::string{} : name;
  }

  // The calendar's invitation of `shape` at `sequence` with `people` as its attendees; an
  // attendee's answer is written when it answers this SEQUENCE.
  Result<calendars::Invitation> invitation(const MeetingShape& shape, std::uint32_t sequence,
                                           const std::vector<InvitedPerson>& people) const {
    auto made_uid = uid();
    if (!made_uid) return made_uid.error();
    calendars::Invitation invitation;
    invitation.uid = std::move(*made_uid);
    invitation.sequence = sequence;
    invitation.dtstamp = now_;
    invitation.summary = shape.title;
    invitation.location = shape.place;
    invitation.url = meeting_page_url(settings_.base_url, occurrence_);
    invitation.description = shape.title + "\n" + invitation.url;
    invitation.zone = snapshot_.expansion.zone;
    invitation.organizer = settings_.organizer;
    // 支援会議 and 重層的支援会議 (or a plan's own confidential type) mark the envelope.
    if (type().confidential) invitation.confidentiality = calendars::Confidentiality::confidential;
    for (const InvitedPerson& person : people) {
      calendars::Attendee attendee{.person = {person.name, person.email},
                                   .role = attendee_role(person.role)};
      if (stored_)
        if (const auto* kept = stored_->attendee_with_email(person.email);
            kept && kept->answer && kept->answer->sequence == sequence)
          attendee.partstat = partstat_of(kept->answer->state);
      invitation.attendees.push_back(std::move(attendee));
    }
    invitation.schedule = calendars::SingleMeeting{invitation.zone.to_local(shape.start)};
    invitation.duration = std::chrono::duration_cast<std::chrono::minutes>(shape.end - shape.start);
    return invitation;
  }

  // One item per recipient of `notice`, its calendar given.
  Status compose(mail::InvitationNotice notice, const std::string& calendar,
                 const MeetingShape& shape, std::uint32_t sequence,
                 const std::vector<InvitedPerson>& recipients, std::string_view comment) {
    auto made_uid = uid();
    if (!made_uid) return made_uid.error();
    const Plan& plan = *snapshot_.plan;
    mail::InvitationMail mail{
        .id = occurrence_ + "/invitation/" + std::to_string(stored_ ? stored_->messages : 0) + "/" +
              std::string{notice_name(notice)},
        .notice = notice,
        .uid = std::move(*made_uid),
        .sequence = sequence,
        .recurrence_id = std::nullopt,
        .calendar = calendar,
        .organizer = settings_.organizer,
        .reply_domain = settings_.reply_domain,
        .message_domain = settings_.reply_domain,
        .envelope = mail::InvitationEnvelope{.plan_id = plan.id,
                                             .initiative = plan.initiative,
                                             .organisation = plan.organisation.name,
                                             .occurrence_id = occurrence_,
                                             .title = shape.title,
                                             .start = shape.start,
                                             .end = shape.end,
                                             .zone = snapshot_.expansion.zone,
                                             .place = shape.place,
                                             .meeting_page =
                                                 meeting_page_url(settings_.base_url, occurrence_),
                                             .meeting_type = type_name(),
                                             .confidential = type().confidential},
        .language = settings_.language,
        .now = now_,
        .comment = std::string{comment}};
    const date::sys_days until{
        date::floor<date::days>(snapshot_.expansion.zone.to_local(shape.start)).time_since_epoch() +
        kLinkGrace};
    for (const InvitedPerson& person : recipients) {
      const std::string token = token_of(person.email);
      auto item = mail::compose_invitation(
          mail,
          mail::InvitationRecipient{
              .person = {person.name, person.email},
              .agency = person.agency,
              .reply_token = token,
              .answer_link = answer_link(settings_.base_url, settings_.link_key, token, until)});
      if (!item) return item.error();
      messages_.push_back(store::InvitationMessage{
          .outbox_id = std::move(item->id),
          .method = std::string{mail::to_string(mail::itip_method(notice))},
          .notice = std::string{notice_name(notice)},
          .sequence = sequence,
          .email = person.email,
          .subject = std::move(item->subject),
          .payload = std::move(item->payload_json)});
    }
    return {};
  }

  std::vector<store::InvitationMessage>& messages() { return messages_; }

 private:
  const PlanSnapshot& snapshot_;
  const InvitationSettings& settings_;
  const std::optional<store::StoredInvitation>& stored_;
  std::string occurrence_;
  date::sys_seconds now_;
  std::vector<std::pair<std::string, std::string>> tokens_;  // email, token
  std::vector<store::InvitationMessage> messages_;
};

}  // namespace

Result<InvitationSettings> invitation_settings(const MeetingsOptions& options, store::Store& store,
                                               std::string_view base_url, date::sys_seconds now) {
  auto base = parse_http_url(base_url);
  if (!base) return base.error();
  auto key = store.server_key(kAnswerLinkKeyName, now);
  if (!key) return key.error();
  return InvitationSettings{.organizer = options.organizer,
                            .reply_domain = options.reply_domain,
                            .base_url = std::move(*base),
                            .language = options.language,
                            .endpoints = options.endpoints,
                            .link_key = std::move(*key)};
}

Result<MeetingInvitees> meeting_invitees(const PlanSnapshot& snapshot,
                                         std::string_view occurrence_id,
                                         const std::vector<ParticipantChange>& changes,
                                         const std::vector<Agency>& agencies, date::sys_days day) {
  const Occurrence* occurrence = find_occurrence(snapshot.expansion, occurrence_id);
  if (!occurrence)
    return not_found_error("no occurrence " + in_quotes(occurrence_id) + " in plan " +
                           in_quotes(snapshot.plan->id));
  const Plan& plan = *snapshot.plan;
  const Task& task = *occurrence->task;
  if (task.kind != TaskKind::meeting)
    return Error{"occurrence " + in_quotes(occurrence_id) + " is not a meeting", ErrorCode::invalid,
                 meaning_of(meetings_http_meaning::kNotAMeeting, {std::string{occurrence_id}})};
  const MeetingRule* rule = plan.meeting_rule_for(task);
  if (!occurrence->scheduled_start || !rule)
    return Error{"meeting " + in_quotes(occurrence_id) +
                     " has no time: give it a meeting rule "
                     "or schedule it",
                 ErrorCode::conflict,
                 meaning_of(meetings_http_meaning::kNoMeetingTime, {std::string{occurrence_id}})};

  MeetingInvitees invitees;
  MeetingShape& shape = invitees.desired.shape;
  shape.title = task.title;
  shape.start = *occurrence->scheduled_start;
  shape.end = occurrence->scheduled_end.value_or(shape.start + rule->duration);
  const OccurrenceRecord* record = snapshot.recorded.find(occurrence_id);
  shape.place = record && !record->place.empty() ? record->place : rule->place;
  shape.cancelled = record && (record->status == OccurrenceStatus::cancelled ||
                               record->status == OccurrenceStatus::skipped);

  auto participants = occurrence_participants(standing_participants(plan, task), changes);
  if (!participants) return participants.error();
  invitees.participants = std::move(*participants);
  for (const Participant& participant : invitees.participants) {
    const auto agency = std::find_if(agencies.begin(), agencies.end(), [&](const Agency& each) {
      return each.name == participant.agency;
    });
    bool reached = false;
    if (agency != agencies.end())
      for (const Member& member : agency->members) {
        if (!member.active_on(day) || member.email.empty()) continue;
        const std::string email = calendars::normalise_email(member.email);
        reached = true;
        const bool listed =
            std::any_of(invitees.desired.attendees.begin(), invitees.desired.attendees.end(),
                        [&](const InvitedPerson& person) { return person.email == email; });
        if (listed) continue;
        invitees.desired.attendees.push_back(InvitedPerson{
            .email = email, .name = member.name, .agency = agency->name, .role = participant.role});
      }
    if (!reached) invitees.unreached.push_back(participant.agency);
  }
  return invitees;
}

Result<InvitationOutcome> send_invitation(store::Store& store, const PlanSnapshot& snapshot,
                                          const InvitationSettings& settings,
                                          const InvitationRequest& request,
                                          const store::Actor& actor) {
  if (auto checked = check_settings(settings); !checked) return checked.error();
  auto changes = store.participant_changes(request.occurrence);
  if (!changes) return changes.error();
  auto agencies = store.agencies();
  if (!agencies) return agencies.error();
  auto invitees =
      meeting_invitees(snapshot, request.occurrence, *changes, *agencies, membership_day(actor.at));
  if (!invitees) return invitees.error();
  auto stored = store.invitation(request.occurrence);
  if (!stored) return stored.error();

  InvitationOutcome outcome;
  outcome.unreached = invitees->unreached;
  const std::optional<SentInvitation> sent =
      *stored ? std::optional{(*stored)->sent} : std::nullopt;
  outcome.messages = plan_invitation_messages(sent, invitees->desired, request.send);
  const InvitationMessages& messages = outcome.messages;
  if (messages.empty()) {
    if (!*stored && request.send != InvitationSend::changes && !invitees->desired.shape.cancelled &&
        invitees->desired.attendees.empty())
      return Error{"nobody to invite to " + in_quotes(request.occurrence) +
                       ": no participant agency has a current member with an address",
                   ErrorCode::conflict,
                   meaning_of(meetings_http_meaning::kNobodyToInvite, {request.occurrence})};
    return outcome;
  }

  Composer composer{snapshot, settings, *stored, request.occurrence, actor.at};
  const MeetingShape& shape = invitees->desired.shape;
  if (!messages.requests.empty()) {
    auto invitation = composer.invitation(shape, messages.sequence, messages.attendees);
    if (!invitation) return invitation.error();
    auto calendar = calendars::write_request(*invitation);
    if (!calendar) return calendar.error();
    if (auto composed = composer.compose(
            messages.update ? mail::InvitationNotice::update : mail::InvitationNotice::invitation,
            *calendar, shape, messages.sequence, messages.requests, request.comment);
        !composed)
      return composed.error();
  }
  if (!messages.cancellations.empty()) {
    // The meeting as last sent, at the new SEQUENCE, to those it was sent to.
    const MeetingShape& was = (*stored)->sent.shape;
    auto invitation = composer.invitation(was, messages.sequence, messages.cancellations);
    if (!invitation) return invitation.error();
    auto calendar = calendars::write_cancel(*invitation);
    if (!calendar) return calendar.error();
    if (auto composed =
            composer.compose(mail::InvitationNotice::cancellation, *calendar, was,
                             messages.sequence, messages.cancellations, request.comment);
        !composed)
      return composed.error();
  }
  for (const InvitedPerson& person : messages.dropped) {
    std::vector<InvitedPerson> with_them = messages.attendees;
    with_them.push_back(person);
    auto invitation = composer.invitation(shape, messages.sequence, with_them);
    if (!invitation) return invitation.error();
    auto calendar = calendars::write_attendee_cancel(*invitation, person.email);
    if (!calendar) return calendar.error();
    if (auto composed = composer.compose(mail::InvitationNotice::attendee_cancellation, *calendar,
                                         shape, messages.sequence, {person}, request.comment);
        !composed)
      return composed.error();
  }
  // Tokens for everyone invited now or sent to (the dropped keep theirs).
  for (const InvitedPerson& person : messages.attendees) composer.token_of(person.email);

  auto uid = composer.uid();
  if (!uid) return uid.error();
  store::InvitationRecord record{
      .plan = snapshot.plan->id,
      .occurrence = request.occurrence,
      .uid = std::move(*uid),
      .expected_messages = *stored ? (*stored)->messages : 0,
      .after = SentInvitation{.sequence = messages.sequence,
                              .shape = shape.cancelled && *stored ? (*stored)->sent.shape : shape,
                              .attendees = messages.attendees},
      .tokens = composer.tokens(),
      .messages = std::move(composer.messages()),
      .declined_counter = std::nullopt,
      .at = actor.at};
  record.after.shape.cancelled = shape.cancelled;
  outcome.entered = record.messages.size();
  if (auto recorded = store.record_invitation(record, settings.endpoints, actor); !recorded)
    return recorded.error();
  return outcome;
}

Status decline_counter(store::Store& store, const PlanSnapshot& snapshot,
                       const InvitationSettings& settings, std::int64_t counter_id,
                       std::string_view comment, const store::Actor& actor) {
  if (auto checked = check_settings(settings); !checked) return checked.error();
  auto counter = store.counter(counter_id);
  if (!counter) return counter.error();
  if (counter->state != store::CounterState::open)
    return conflict_error("counter-proposal " + std::to_string(counter_id) + " is not open");
  auto stored = store.invitation(counter->occurrence);
  if (!stored) return stored.error();
  if (!*stored) return internal_error("a counter-proposal of an invitation never sent");
  const store::StoredAttendee* proposer = (*stored)->attendee_with_email(counter->email);
  if (!proposer) return internal_error("a counter-proposal from nobody invited");

  Composer composer{snapshot, settings, *stored, counter->occurrence, actor.at};
  const SentInvitation& sent = (*stored)->sent;
  std::vector<InvitedPerson> people = sent.attendees;
  if (!proposer->invited) people.push_back(proposer->person);
  auto invitation = composer.invitation(sent.shape, sent.sequence, people);
  if (!invitation) return invitation.error();
  const calendars::ItipReply proposal{.method = calendars::ReplyMethod::counter,
                                      .uid = (*stored)->uid,
                                      .sequence = counter->sequence,
                                      .attendee = {proposer->person.name, proposer->person.email},
                                      .partstat = calendars::PartStat::needs_action,
                                      .proposed_start = counter->proposed_start,
                                      .proposed_end = counter->proposed_end};
  auto calendar = calendars::write_decline_counter(*invitation, proposal, comment);
  if (!calendar) return calendar.error();
  if (auto composed = composer.compose(mail::InvitationNotice::declined_counter, *calendar,
                                       sent.shape, sent.sequence, {proposer->person}, comment);
      !composed)
    return composed.error();
  store::InvitationRecord record{.plan = (*stored)->plan,
                                 .occurrence = counter->occurrence,
                                 .uid = (*stored)->uid,
                                 .expected_messages = (*stored)->messages,
                                 .after = sent,
                                 .tokens = composer.tokens(),
                                 .messages = std::move(composer.messages()),
                                 .declined_counter = counter_id,
                                 .at = actor.at};
  return store.record_invitation(record, settings.endpoints, actor);
}

Result<std::size_t> follow_invitations(store::Store& store, const PlanSnapshot& snapshot,
                                       const InvitationSettings& settings,
                                       const store::Actor& actor,
                                       std::vector<std::string>& problems) {
  auto invitations = store.invitations(snapshot.plan->id);
  if (!invitations) return invitations.error();
  std::size_t entered = 0;
  for (const store::StoredInvitation& invitation : *invitations) {
    // A meeting over is not moved or cancelled any more: its attendees need no update.
    if (invitation.sent.shape.end < actor.at) continue;
    auto sent = send_invitation(
        store, snapshot, settings,
        {.occurrence = invitation.occurrence, .send = InvitationSend::changes, .comment = {}},
        actor);
    if (!sent) {
      problems.push_back(invitation.occurrence + ": " + sent.error().message);
      continue;
    }
    entered += sent->entered;
  }
  return entered;
}

}  // namespace torikumi::http
