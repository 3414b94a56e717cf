#pragma once

// What the store keeps of meetings (schema migration 11, docs/store.md): each occurrence's changes
// to its standing participants, and each meeting occurrence's invitation: the people it went to
// with their reply tokens and answers, every answer that came (so a replay changes nothing), the
// counter-proposals, and the messages entered in the outbox for it. The values here; Store's
// methods (store.hpp) read and write them.

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/meetings/agenda.hpp"
#include "engine/meetings/answers.hpp"
#include "engine/meetings/invitation_plan.hpp"

namespace torikumi::store {

// One person an invitation went to, with the answer kept for them.
struct StoredAttendee {
  InvitedPerson person;
  std::string token;    // the reply token: rsvp+TOKEN@ and the answer link name them by it
  bool invited = true;  // false: dropped since (their CANCEL was sent)
  std::optional<Answer> answer{};  // none: no answer yet
  bool operator==(const StoredAttendee&) const = default;
};

// A meeting occurrence's invitation as last sent.
struct StoredInvitation {
  std::string plan;
  std::string occurrence;
  std::string uid;
  SentInvitation sent;                    // its attendees are those still invited
  std::vector<StoredAttendee> attendees;  // everyone ever invited, in the order first invited
  int messages = 0;                       // messages entered for it so far
  date::sys_seconds first_sent_at{};
  date::sys_seconds last_sent_at{};
  bool operator==(const StoredInvitation&) const = default;

  // The attendee of that reply token or address; null when none.
  const StoredAttendee* attendee_with_token(std::string_view token) const;
  const StoredAttendee* attendee_with_email(std::string_view email) const;
};

// One message for the outbox: a webhook to every endpoint, like a reminder.
struct InvitationMessage {
  std::string outbox_id;  // the webhook-id: <occurrence>/invitation/<n>/to-<recipient key>
  std::string method;     // REQUEST, CANCEL, DECLINECOUNTER
  std::string notice;     // invitation, update, cancellation, attendee-cancellation, ...
  std::uint32_t sequence = 0;
  std::string email;  // the recipient
  std::string subject;
  std::string payload;  // the JSON body, signed and sent as it is
  bool operator==(const InvitationMessage&) const = default;
};

// What a send writes, all or nothing (Store::record_invitation).
struct InvitationRecord {
  std::string plan;
  std::string occurrence;
  std::string uid;
  // The messages entered before these, as read when they were made: another send in between
  // makes this one a conflict (its webhook ids would be taken).
  int expected_messages = 0;
  SentInvitation after;  // the invitation after sending: SEQUENCE, shape, who is invited
  // Every attendee's reply token, those of attendees invited before included (kept as they are).
  std::vector<std::pair<std::string, std::string>> tokens;  // email, token
  std::vector<InvitationMessage> messages;
  // A counter-proposal this send answers (a DECLINECOUNTER), decided with it.
  std::optional<std::int64_t> declined_counter{};
  date::sys_seconds at{};
};

// A message entered for an invitation: its history on the meeting page.
struct SentMessage {
  std::string outbox_id;
  std::string method;
  std::string notice;
  std::uint32_t sequence = 0;
  std::string email;
  date::sys_seconds entered_at{};
  std::string entered_by;
  std::string delivery;  // the state of its deliveries: pending, delivered, dead, withdrawn
  bool operator==(const SentMessage&) const = default;
};

// An answer to record: by reply token, from any channel.
struct AnswerRequest {
  std::string token;
  Answer answer;
  // What makes two arrivals the same answer (an email's Message-ID and calendar, a form post's
  // nonce): a second arrival with the same fingerprint changes nothing.
  std::string fingerprint;
};

struct AnswerOutcome {
  AnswerVerdict verdict = AnswerVerdict::applied;
  bool replay = false;  // the same fingerprint came before: nothing was written
  std::string occurrence;
  InvitedPerson attendee;
  bool operator==(const AnswerOutcome&) const = default;
};

// One answer as it came, kept or not.
struct AnswerHistoryEntry {
  std::string email;
  Answer answer;
  AnswerVerdict verdict = AnswerVerdict::applied;
  std::string recorded_by;
  bool operator==(const AnswerHistoryEntry&) const = default;
};

enum class CounterState { open, accepted, declined };
std::string_view to_string(CounterState state);  // "open", "accepted", "declined"

// A COUNTER: an attendee proposes another time.
struct CounterRequest {
  std::string token;
  date::sys_seconds proposed_start{};
  std::optional<date::sys_seconds> proposed_end{};
  std::string comment;
  std::uint32_t sequence = 0;
  std::optional<date::sys_seconds> stamp{};
  date::sys_seconds received_at{};
  std::string fingerprint;
};

struct StoredCounter {
  std::int64_t id = 0;
  std::string occurrence;
  std::string email;
  date::sys_seconds proposed_start{};
  std::optional<date::sys_seconds> proposed_end{};
  std::string comment;
  std::uint32_t sequence = 0;
  date::sys_seconds received_at{};
  CounterState state = CounterState::open;
  std::optional<date::sys_seconds> decided_at{};
  std::string decided_by;
  bool operator==(const StoredCounter&) const = default;
};

struct CounterOutcome {
  std::int64_t id = 0;
  bool replay = false;
  std::string occurrence;
};

// Minutes (会議録, migration 15): a version goes draft → submitted → approved; approved is locked.
enum class MinutesState { draft, submitted, approved };
std::string_view to_string(MinutesState state);  // "draft", "submitted", "approved"

inline constexpr std::size_t kMaxOutcomeBytes = 4000;

// One agenda item's outcome in a version, with the item as it was when the outcome was written.
struct MinutesOutcome {
  std::int64_t item = 0;
  int position = 0;
  std::string title;
  ItemVisibility visibility = ItemVisibility::participants;
  std::vector<std::string> agencies;
  std::string outcome;
  bool operator==(const MinutesOutcome&) const = default;
};

struct MinutesVersion {
  int version = 0;
  MinutesState state = MinutesState::draft;
  std::string reason;  // a correction's: why the approved version before it is corrected
  std::vector<MinutesOutcome> outcomes;  // in the agenda's order
  date::sys_seconds created_at{};
  std::string created_by;
  date::sys_seconds changed_at{};
  std::string changed_by;
  std::optional<date::sys_seconds> approved_at{};
  std::string approved_by{};
  bool operator==(const MinutesVersion&) const = default;
};

// What approving the minutes recorded: the version, and whether it marked the occurrence done
// (false when it was done already).
struct MinutesApproval {
  int version = 0;
  bool completed = false;
  std::string note;  // the completion's note: 「…を開催（8月12日、6機関9名出席）」
};

}  // namespace torikumi::store
