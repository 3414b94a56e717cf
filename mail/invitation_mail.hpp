#pragma once

// One invitation to one recipient as the email gateway's webhook takes it (docs/mail.md,
// docs/config.md): a JSON payload with the recipients, the subject, text and HTML bodies in
// Japanese and English, the text/calendar part and the ready RFC 5322 message that
// build_imip_message makes of them. The outbox signs and sends the payload's bytes as they are.
//
// The envelope rule (DESIGN.md, "Meetings: orchestration"): what leaves says the meeting's
// generic title, time and place, the organiser, the recipient's own name and agency, and links;
// never the agenda, other attendees or anything personal. The bodies name nothing else, and
// the calendar, written by calendars/invitation.hpp, is the caller's to keep so.

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "calendars/itip.hpp"
#include "engine/base/language.hpp"
#include "engine/base/result.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "mail/imip_message.hpp"

namespace torikumi::mail {

// What the message tells its recipient.
enum class InvitationNotice {
  // A new meeting: answer, please (REQUEST).
  invitation,
  // Its time, place or series changed: answer again (REQUEST, SEQUENCE raised).
  update,
  // The meeting, or one occurrence of it, is not held (CANCEL).
  cancellation,
  // The recipient is no longer invited; the others still meet (CANCEL).
  attendee_cancellation,
  // The recipient's proposed time is turned down (DECLINECOUNTER).
  declined_counter,
};

// The iTIP method a notice is sent as: REQUEST for an invitation and an update, CANCEL for both
// cancellations, DECLINECOUNTER for a declined counter.
ItipMethod itip_method(InvitationNotice notice);

// The payload's "type": invitation.request, invitation.update, invitation.cancel,
// invitation.attendee-cancel, invitation.declinecounter.
std::string_view invitation_event_type(InvitationNotice notice);

// What the bodies say of the meeting: the envelope, nothing more.
struct InvitationEnvelope {
  std::string plan_id;       // higashi-kyosei
  std::string initiative;    // 地域共生社会の実現に向けた取組の推進; may be empty
  std::string organisation;  // 東区役所; may be empty (the subject then names none)
  std::string occurrence_id;  // higashi-kyosei/multi-agency-meeting/2026-06
  std::string title;          // the generic meeting title (the task's), one line
  // The meeting's start and end (after the start), or those of the occurrence the notice is
  // about, shown in `zone`: 2026年6月10日(水) 14:00〜15:30.
  date::sys_seconds start;
  date::sys_seconds end;
  PlanZone zone = PlanZone::asia_tokyo();
  std::string place;         // one line; empty: the bodies name no place
  std::string meeting_page;  // absolute http(s) URL of the meeting's page (behind sign-in)
  // The meeting's type when it is not 定例会議 (支援会議), one line; empty: the bodies name none.
  std::string meeting_type{};
  // A confidential type's: the bodies ask that what the meeting shares be kept confidential.
  bool confidential = false;
  bool operator==(const InvitationEnvelope&) const = default;
};

// One notice of one version of a meeting, the same for every recipient.
struct InvitationMail {
  // The notice's id (higashi-kyosei/multi-agency-meeting/2026-06/invitation/3): 1 to 100 of
  // printable ASCII without blanks; each recipient's item has an id made from it.
  std::string id;
  InvitationNotice notice = InvitationNotice::invitation;
  std::string uid;             // the calendar's UID (calendars::invitation_uid)
  std::uint32_t sequence = 0;  // the calendar's SEQUENCE
  // The occurrence a notice is about (its RECURRENCE-ID, as planned), when the calendar names
  // one (write_occurrence_cancel); unset for a meeting or a whole series.
  std::optional<date::sys_seconds> recurrence_id;
  std::string calendar;         // iCalendar text whose METHOD is itip_method(notice)
  calendars::Person organizer;  // From, and the calendar's ORGANIZER: a mailbox the office reads
  std::string reply_domain;     // Reply-To is rsvp+TOKEN@reply_domain
  std::string message_domain;   // the Message-ID's host (message_id_for)
  InvitationEnvelope envelope;
  // The subject's language, and the bodies' first: both bodies say everything in Japanese and
  // in English, in this language first.
  Language language = Language::japanese;
  date::sys_seconds now;  // the Date header and the payload's timestamp
  // The organiser's words, shown under a label (理由 for a cancellation, 連絡事項 otherwise);
  // may hold line breaks; empty: none shown.
  std::string comment;
  bool operator==(const InvitationMail&) const = default;
};

struct InvitationRecipient {
  calendars::Person person;  // To, and an ATTENDEE of the calendar; the name may be empty
  std::string agency;        // the bodies greet "<agency> <name> 様"; may be empty
  std::string reply_token;   // 16 to 64 of a-z 0-9 (reply_address.hpp)
  // Absolute signed http(s) URL of the answer page, for terminals without a calendar client
  // (LGWAN): a GET shows the choices, a POST records one. In the payload always; in the bodies
  // when the notice asks for an answer (invitation, update, declined counter).
  std::string answer_link;
  bool operator==(const InvitationRecipient&) const = default;
};

// What the outbox keeps and the dispatcher sends.
struct OutgoingInvitation {
  // The item's outbox id and webhook-id: the notice's id, "/to-", and 16 hex digits of the
  // recipient's address (FNV-1a 64 of calendars::normalise_email): the same for every retry
  // and every composition of this notice to this address.
  std::string id;
  std::string subject;
  std::string message_id;    // the Message-ID, without angle brackets
  std::string payload_json;  // the webhook's body (docs/config.md), UTF-8
  std::string raw_message;   // the RFC 5322 message, also in the payload as message.raw
  bool operator==(const OutgoingInvitation&) const = default;
};

// The item of one notice to one recipient: its id, subject, Message-ID, payload and raw
// message; the same input always gives the same bytes. Errors, each with a mail_meaning code;
// the first found is given, in this order:
//   invitation mail: id: expected 1 to 100 printable ASCII characters without blanks, got "a b"
//                                                                          (invalid_message_id)
//   invitation mail: uid: expected a UID, got ""                                 (missing_field)
//   invitation mail: calendar: 1048577 bytes, more than the limit of 1048576          (too_long)
//   invitation mail: calendar: invalid UTF-8 at byte 4: expected a continuation byte, got 0x47
//                                                                                 (invalid_utf8)
//   invitation mail: calendar: expected a line METHOD:CANCEL, got METHOD:REQUEST
//                                                                              (method_mismatch)
//   invitation mail: calendar: expected UID:other@invitations.example.jp, got UID:higashi/...
//     (and SEQUENCE:3, got SEQUENCE:0; ORGANIZER:mailto:..., got ...; or got none)
//                                                                            (calendar_mismatch)
//   invitation mail: organizer: expected an address like name@example.jp, got "jimukyoku"
//                                                                              (invalid_address)
//   invitation mail: organizer.name: a line break or control character at byte 7
//                                                                            (control_character)
//   invitation mail: reply_domain: expected a host name, got "example..jp"      (invalid_domain)
//   invitation mail: message_domain: expected a host name, got ""               (invalid_domain)
//   invitation mail: envelope.plan_id: expected an id, got ""   (also occurrence_id; title:
//     expected a title)                                                          (missing_field)
//   invitation mail: envelope.title: a line break or control character at byte 7 (any one-line
//     field: plan_id, initiative, organisation, occurrence_id, title, place, and the names;
//     CR, LF, other C0 and C1 controls, DEL, U+2028 and U+2029)             (control_character)
//   invitation mail: envelope.title: 1001 bytes, more than the limit of 1000 (each one-line
//     field; comment 4000, links 2000)                                                (too_long)
//   invitation mail: envelope.end: expected an instant after the start
//     2026-06-10T14:00:00+09:00, got 2026-06-10T14:00:00+09:00             (end_not_after_start)
//   invitation mail: envelope.meeting_page: expected an absolute http or https URL, got
//     "javascript:alert(1)"                                                       (invalid_link)
//   invitation mail: comment: a control character at byte 7 (line breaks and tabs are allowed)
//                                                                            (control_character)
//   invitation mail: recipient: expected an address like name@example.jp, got "yamada"
//                                                                              (invalid_address)
//   invitation mail: recipient: not an ATTENDEE of the calendar: "tanaka@example.org"
//                                                                              (not_an_attendee)
//   invitation mail: recipient.name: a line break or control character at byte 7 (also agency)
//                                                                            (control_character)
//   invitation mail: recipient.reply_token: expected 16 to 64 of a-z 0-9, got "abc"
//                                                                          (invalid_reply_token)
//   invitation mail: recipient.answer_link: expected an absolute http or https URL, got
//     "/answer/abc"                                                               (invalid_link)
// Texts that are not UTF-8 are refused as the calendar is (invalid_utf8), so the payload is
// always UTF-8. A link is http:// or https://, a host name or bracketed IPv6 address, an
// optional port, then only URL characters and %XX escapes: no user name, blank or non-ASCII.
Result<OutgoingInvitation> compose_invitation(const InvitationMail& mail,
                                              const InvitationRecipient& recipient);

}  // namespace torikumi::mail
