#pragma once

// An invitation as a ready RFC 5322 message (iMIP, RFC 6047), for gateways that send raw mail
// and for clients that only read an invitation in a certain shape (docs/mail.md;
// notes/itip-interop.md points 1, 2 and 7):
//
//   multipart/mixed
//     multipart/alternative           (first: older Outlook looks only at the first child)
//       text/plain; charset=UTF-8
//       text/html; charset=UTF-8
//       text/calendar; method=REQUEST; charset=UTF-8
//     application/ics; name="invite.ics"  (Content-Disposition: attachment; the same calendar)
//
// The iCalendar text comes ready-made (calendars/ writes it); this module only wraps it.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "mail/mailbox.hpp"

namespace torikumi::mail {

// The iTIP methods an organiser sends (RFC 5546 §1.4); the replies' REPLY, COUNTER and REFRESH
// are read, never written, here.
enum class ItipMethod { publish, request, add, cancel, declinecounter };

// "PUBLISH", "REQUEST", "ADD", "CANCEL", "DECLINECOUNTER".
std::string_view to_string(ItipMethod method);

struct ImipMessage {
  Mailbox from;                     // the office's mailbox that really receives mail
  std::vector<Mailbox> to;          // at least one
  std::optional<Mailbox> reply_to;  // the invitation's rsvp+TOKEN@ address (reply_address.hpp)
  std::string subject;              // UTF-8, Japanese as a rule; no line breaks
  std::string text_body;            // UTF-8
  std::string html_body;            // UTF-8, a whole document or a fragment, already escaped
  ItipMethod method = ItipMethod::request;
  std::string calendar;  // the iCalendar object; its METHOD line must say `method`
  std::string attachment_file_name = "invite.ics";
  date::sys_seconds date{};  // the Date header: the caller's instant, never the wall clock
  std::string message_id;    // local@host without angle brackets (message_id_for makes one)
  bool operator==(const ImipMessage&) const = default;
};

// A Message-ID (without angle brackets) made from an id of the caller's and a host name:
// `id` with every byte outside A-Z a-z 0-9 _ - written as =XX (its hex value, so different ids
// give different Message-IDs), then @domain. message_id_for("meeting/42.3", "higashi.example.jp")
// is "meeting=2F42=2E3@higashi.example.jp". Errors (mail_meaning):
//   message id: id: expected 1 to 128 bytes, got ""                     (invalid_message_id)
//   message id: domain: expected a host name, got "example..jp"        (invalid_domain)
Result<std::string> message_id_for(std::string_view id, std::string_view domain);

// The whole message, CRLF line ends, ready to be sent as is: headers encoded per RFC 2047 in
// UTF-8 and folded at 78 columns, every body base64 (its lines of 76 characters) after its line
// breaks are made CRLF (so a calendar given with CRLF decodes to the same bytes), boundaries
// derived from the Message-ID so the same message is always the same bytes. Errors, each with a
// mail_meaning code; the first found is given:
//   imip message: from: expected an address like name@example.jp, got "jimukyoku"
//   imip message: to: expected at least one recipient
//   imip message: to[2].name: a line break or control character at byte 5
//   imip message: subject: invalid UTF-8 at byte 3: expected a continuation byte, got 0x41
//   imip message: calendar: expected a line METHOD:CANCEL, got METHOD:REQUEST
//   imip message: attachment_file_name: expected 1 to 64 of A-Z a-z 0-9 . _ - ending in .ics,
//     got "招待.ics"
//   imip message: message_id: expected local@host, got "<abc@example.jp>"
Result<std::string> build_imip_message(const ImipMessage& message);

}  // namespace torikumi::mail
