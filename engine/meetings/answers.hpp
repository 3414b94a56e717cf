#pragma once

// Answers (回答) to a meeting invitation: what each invited person said, by which channel, and
// the rule that decides whether a new answer replaces the one kept. An answer comes by email (an
// iTIP REPLY), by the signed web link of the invitation (for terminals with no calendar client),
// or is recorded by the 事務局 from a phone call or a FAX; the channel is kept with it.

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace torikumi {

// An invited person's answer. delegated is 代理: someone else goes in their place.
enum class AnswerState { needs_action, accepted, declined, tentative, delegated };
// "needs-action", "accepted", "declined", "tentative", "delegated".
std::string_view to_string(AnswerState state);
std::optional<AnswerState> parse_answer_state(std::string_view text);

// How an answer came.
enum class AnswerChannel {
  email,   // an iTIP REPLY through the gateway's inbound webhook
  link,    // the invitation's signed web link
  phone,   // recorded by the 事務局
  fax,     // recorded by the 事務局
  office,  // recorded by the 事務局 otherwise (in person, a note)
};
// "email", "link", "phone", "fax", "office".
std::string_view to_string(AnswerChannel channel);
std::optional<AnswerChannel> parse_answer_channel(std::string_view text);

// The most bytes of an answer's comment and of a 代理's name; longer ones are cut at a character.
inline constexpr std::size_t kMaxAnswerCommentBytes = 2000;
inline constexpr std::size_t kMaxDelegateBytes = 200;

struct Answer {
  AnswerState state = AnswerState::needs_action;
  std::string comment{};   // may be empty
  std::string delegate{};  // 代理: who goes instead; only with delegated, may be empty
  AnswerChannel channel = AnswerChannel::email;
  std::uint32_t sequence = 0;  // the invitation's SEQUENCE it answers
  // When the answerer made it: an email's DTSTAMP (none when it had none), else when it came.
  std::optional<date::sys_seconds> stamp{};
  date::sys_seconds received_at{};
  bool operator==(const Answer&) const = default;
};

enum class AnswerVerdict {
  applied,    // it replaces the answer kept (or is the first)
  stale,      // it answers an older SEQUENCE, or was made before the answer kept: ignored
  unchanged,  // it says what the answer kept says
};
std::string_view to_string(AnswerVerdict verdict);  // "applied", "stale", "unchanged"

// Whether `incoming` replaces `current` (RFC 5546 §2.1.5, notes/itip-interop.md 3 and 14): an
// answer to an older SEQUENCE never overwrites one to a newer; at the same SEQUENCE one stamped
// before the kept answer's stamp does not either (an email delayed behind a later web answer).
// An answer saying the same state, comment and 代理 is unchanged, whatever its channel.
AnswerVerdict weigh_answer(const std::optional<Answer>& current, const Answer& incoming);

// `text` cut to at most `bytes` bytes without splitting a UTF-8 character, blanks at both ends
// trimmed. REQUIRES: `text` is valid UTF-8.
std::string bounded_answer_text(std::string_view text, std::size_t bytes);

}  // namespace torikumi
