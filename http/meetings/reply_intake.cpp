#include "http/meetings/reply_intake.hpp"

#include "calendars/itip_reply.hpp"
#include "engine/calendar/time_text.hpp"
#include "mail/reply_address.hpp"

namespace torikumi::http {

namespace {

AnswerState answer_state(calendars::PartStat partstat) {
  switch (partstat) {
    case calendars::PartStat::needs_action:
      return AnswerState::needs_action;
    case calendars::PartStat::accepted:
      return AnswerState::accepted;
    case calendars::PartStat::declined:
      return AnswerState::declined;
    case calendars::PartStat::tentative:
      return AnswerState::tentative;
    case calendars::PartStat::delegated:
      return AnswerState::delegated;
  }
  return AnswerState::needs_action;
}

Error refused(std::string message) { return Error{"reply: " + std::move(message)}; }

}  // namespace

Result<std::vector<TakenReply>> take_reply(store::Store& store, const mail::InboundMessage& message,
                                           std::string_view digest, std::string_view reply_domain,
                                           const store::Actor& actor) {
  auto token = mail::find_reply_token(message.recipient_addresses(), reply_domain);
  if (!token) return token.error();
  auto invitation = store.invitation_by_token(*token);
  if (!invitation) return invitation.error();
  if (!*invitation) return not_found_error("reply: no invitation has this reply token");
  const store::StoredInvitation& sent = **invitation;
  const store::StoredAttendee* attendee = sent.attendee_with_token(*token);
  if (!attendee) return internal_error("reply: a token without its attendee");
  auto zone = store.plan_time_zone(sent.plan);
  if (!zone) return zone.error();

  // Read and check every answer before recording any: a message is taken whole or not at all.
  struct Checked {
    calendars::ItipReply reply;
    std::string fingerprint;
  };
  std::vector<Checked> checked;
  for (std::size_t part = 0; part < message.calendars.size(); ++part) {
    auto replies = calendars::read_itip(message.calendars[part].text, *zone);
    if (!replies) return replies.error();
    for (std::size_t i = 0; i < replies->size(); ++i) {
      calendars::ItipReply& reply = (*replies)[i];
      if (reply.uid != sent.uid)
        return refused("UID " + in_quotes(reply.uid) + " is not this invitation's (" +
                       in_quotes(sent.uid) + ")");
      // Each occurrence is an invitation of its own: a RECURRENCE-ID, when a client writes one,
      // must name its start.
      if (reply.recurrence_id && *reply.recurrence_id != sent.sent.shape.start)
        return refused("RECURRENCE-ID " + format_utc_instant(*reply.recurrence_id) +
                       " names no occurrence of this invitation");
      const std::string email = calendars::normalise_email(reply.attendee.email);
      if (email != attendee->person.email && sent.attendee_with_email(email))
        return refused("ATTENDEE " + in_quotes(email) +
                       " answers for another attendee than the token's " +
                       in_quotes(attendee->person.email));
      checked.push_back({std::move(reply), std::string{digest} + "#" + std::to_string(part) + "." +
                                               std::to_string(i)});
    }
  }

  std::vector<TakenReply> taken;
  for (const Checked& each : checked) {
    const calendars::ItipReply& reply = each.reply;
    if (reply.method == calendars::ReplyMethod::counter) {
      auto counter = store.record_counter(
          {.token = *token,
           .proposed_start = reply.proposed_start.value_or(date::sys_seconds{}),
           .proposed_end = reply.proposed_end,
           .comment = reply.comment,
           .sequence = reply.sequence,
           .stamp = reply.dtstamp,
           .received_at = actor.at,
           .fingerprint = each.fingerprint},
          actor);
      if (!counter) return counter.error();
      taken.push_back({.kind = TakenReply::Kind::counter,
                       .occurrence = counter->occurrence,
                       .agency = attendee->person.agency,
                       .state = AnswerState::needs_action,
                       .verdict = AnswerVerdict::applied,
                       .replay = counter->replay});
      continue;
    }
    const AnswerState state = answer_state(reply.partstat);
    auto answered = store.record_answer(
        {.token = *token,
         .answer = Answer{.state = state,
                          .comment = reply.comment,
                          .delegate = reply.delegated_to.empty() ? std::string{}
                                                                 : reply.delegated_to.front(),
                          .channel = AnswerChannel::email,
                          .sequence = reply.sequence,
                          .stamp = reply.dtstamp,
                          .received_at = actor.at},
         .fingerprint = each.fingerprint},
        actor);
    if (!answered) return answered.error();
    taken.push_back({.kind = TakenReply::Kind::answer,
                     .occurrence = answered->occurrence,
                     .agency = attendee->person.agency,
                     .state = state,
                     .verdict = answered->verdict,
                     .replay = answered->replay});
  }
  return taken;
}

}  // namespace torikumi::http
