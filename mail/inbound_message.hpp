#pragma once

// An inbound reply as the email gateway hands it over raw (Mailgun's body-mime, SendGrid's raw
// mode, Postmark's RawEmail): who sent it, to which addresses it was delivered (so the caller
// finds the rsvp+TOKEN@ address, reply_address.hpp), and every calendar part wherever the
// sending client put it (docs/mail.md). The iCalendar inside is read by calendars/, not here.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "mail/mailbox.hpp"

namespace torikumi::mail {

// What a hostile message may cost. The defaults hold any client's reply with room to spare.
struct InboundLimits {
  std::size_t maximum_bytes = 10 * 1024 * 1024;  // the raw message, headers included
  std::size_t maximum_depth = 8;    // nesting: a top-level body is 1, mixed > alternative > x is 3
  std::size_t maximum_parts = 100;  // MIME entities in the whole tree, containers included
};

enum class CalendarPlacement { inline_part, attachment };  // Content-Disposition: attachment

// One calendar part: text/calendar, application/ics, or application/octet-stream named *.ics.
struct CalendarPart {
  std::string section;       // where it sits, as IMAP numbers parts: "1.3", "2"; "1" if alone
  std::string content_type;  // lowercase: text/calendar
  std::string method;        // the method parameter, uppercased: REPLY; empty when absent
  std::string charset;       // the charset parameter as written; empty when absent (UTF-8)
  std::string file_name;     // Content-Disposition filename or Content-Type name; may be empty
  CalendarPlacement placement = CalendarPlacement::inline_part;
  std::string text;  // transfer encoding undone, converted to UTF-8, a leading BOM dropped
  bool operator==(const CalendarPart&) const = default;
};

struct InboundMessage {
  std::vector<Mailbox> from;  // From, groups flattened; names decoded (RFC 2047) to UTF-8
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::vector<std::string> delivered_to;  // every Delivered-To header's addresses, in order
  std::vector<std::string> original_to;   // X-Original-To (Postfix)
  std::string subject;                    // decoded to UTF-8
  std::string message_id;                 // without angle brackets; empty when absent
  // Each Authentication-Results header (RFC 8601), unfolded, top first (the nearest hop's),
  // as written: the gateway's DKIM, SPF and DMARC verdicts, for the caller to log and weigh.
  std::vector<std::string> authentication_results;
  std::vector<CalendarPart> calendars;  // in the order they appear; never empty
  bool operator==(const InboundMessage&) const = default;

  // Every address the message names as its recipient, where the token is looked for:
  // Delivered-To, X-Original-To, To, then Cc.
  std::vector<std::string> recipient_addresses() const;
};

// Reads a raw message (RFC 5322 with MIME). Calendar parts are looked for in the message's own
// tree, not inside attached messages (message/rfc822: someone else's mail, forwarded). Every
// text the result holds is UTF-8 (undecodable header bytes become U+FFFD). Errors, each with a
// mail_meaning code, the first found:
//   inbound message: 10485761 bytes, more than the limit of 10485760       (too_large)
//   inbound message: not a message: no header fields                        (not_a_message)
//   inbound message: not a message: no From address                         (not_a_message)
//   inbound message: truncated: the message ends inside its headers or a multipart
//   inbound message: malformed at byte 300: a multipart without a boundary  (malformed)
//   inbound message: part 1.1.1.1.1.1.1.1.1: nested deeper than 8 levels    (too_deep)
//   inbound message: more than 100 MIME parts                               (too_many_parts)
//   inbound message: more than 100 MIME parts: more than 400 lines start with "--"
//     (or Content-Type: refused before parsing, so that GMime never builds them)
//   inbound message: no calendar part (text/calendar, application/ics or a .ics file)
//   inbound message: part 1.2 (text/calendar): unknown charset "x-unknown"  (unknown_charset)
//   inbound message: part 1.2 (text/calendar): not Shift_JIS text at byte 17
//                                                                    (undecodable_calendar)
Result<InboundMessage> read_inbound_message(std::string_view raw, const InboundLimits& limits = {});

}  // namespace torikumi::mail
