#pragma once

// Replies by email (issue 16 point 3a; notes/itip-interop.md 9-14): a message the gateway passed
// on, read (mail/inbound_message.hpp), matched to its invitation by the rsvp+TOKEN@ address it
// was sent to (never by From), each REPLY or COUNTER in it checked against the invitation (UID,
// RECURRENCE-ID, attendee) and recorded (Store::record_answer, record_counter). The same message
// again changes nothing: each answer's fingerprint is the message's digest and its place in it.

#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/meetings/answers.hpp"
#include "mail/inbound_message.hpp"
#include "store/store.hpp"

namespace torikumi::http {

// What became of one answer of a message.
struct TakenReply {
  enum class Kind { answer, counter };
  Kind kind = Kind::answer;
  std::string occurrence;
  std::string agency;                              // the attendee's
  AnswerState state = AnswerState::needs_action;   // an answer's
  AnswerVerdict verdict = AnswerVerdict::applied;  // an answer's
  bool replay = false;                             // the message came before: nothing was written
  bool operator==(const TakenReply&) const = default;
};

// Records what `message` answers. `digest` identifies the raw message (its SHA-256): the
// fingerprint of each answer in it. `reply_domain` is the host of the rsvp+TOKEN@ addresses.
// Errors, each refusing the whole message before anything is written:
//   reply token: no recipient is rsvp+TOKEN@higashi.example.jp       (not_found)
//   reply: no invitation has this reply token                        (not_found)
//   itip: METHOD REQUEST, expected REPLY or COUNTER                  (invalid; read_itip's)
//   reply: UID "x@y" is not this invitation's ("higashi-kyosei/...@invitations...")   (invalid)
//   reply: RECURRENCE-ID 2026-06-17T05:00:00Z names no occurrence of this invitation (invalid)
//   reply: ATTENDEE "b@x" answers for another attendee than the token's "a@x"        (invalid)
// and the store's (an attendee no longer invited: conflict).
Result<std::vector<TakenReply>> take_reply(store::Store& store, const mail::InboundMessage& message,
                                           std::string_view digest, std::string_view reply_domain,
                                           const store::Actor& actor);

}  // namespace torikumi::http
