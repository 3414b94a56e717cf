#pragma once

// The meanings (engine/base/meaning.hpp) of what the mail module refuses, each with the subjects
// it names in order. The message's own text says where (`imip message: subject`, `inbound
// message: part 1.2 (text/calendar)`).

#include <string_view>

namespace torikumi::mail_meaning {

// An outgoing message's address that is not local@host: the field (from, to[1], reply_to), the
// address as given.
inline constexpr std::string_view kInvalidAddress = "mail.invalid_address";
// An outgoing message without recipients.
inline constexpr std::string_view kNoRecipients = "mail.no_recipients";
// A line break or other control character in a header's text: the field, the 1-based byte.
inline constexpr std::string_view kControlCharacter = "mail.control_character";
// A text (subject, name, body, calendar) that is not UTF-8: the field; its cause is the
// decoder's text.invalid_utf8.
inline constexpr std::string_view kInvalidUtf8 = "mail.invalid_utf8";
// A calendar whose METHOD line is not the message's method: the method expected, the METHOD
// written (empty when there is none).
inline constexpr std::string_view kMethodMismatch = "mail.method_mismatch";
// An attachment file name outside the accepted form: the name as given.
inline constexpr std::string_view kInvalidFileName = "mail.invalid_file_name";
// A Message-ID, or the id and domain it is made of, outside the accepted form: the text.
inline constexpr std::string_view kInvalidMessageId = "mail.invalid_message_id";
// A host name that is not one: the domain as given.
inline constexpr std::string_view kInvalidDomain = "mail.invalid_domain";
// A reply token outside its alphabet or length: the token as given.
inline constexpr std::string_view kInvalidReplyToken = "mail.invalid_reply_token";
// A field an invitation needs that is empty: the field.
inline constexpr std::string_view kMissingField = "mail.missing_field";
// A field longer than its limit: the field, its size in bytes, the limit.
inline constexpr std::string_view kTooLong = "mail.too_long";
// A calendar property that is not what the invitation says of itself (UID, SEQUENCE,
// ORGANIZER): the property, the value expected, the value written (empty when there is none).
inline constexpr std::string_view kCalendarMismatch = "mail.calendar_mismatch";
// A meeting whose end is not after its start: the start, the end (RFC 3339 in the plan's zone).
inline constexpr std::string_view kEndNotAfterStart = "mail.end_not_after_start";
// A link that is not an absolute http or https URL: the field, the link as given.
inline constexpr std::string_view kInvalidLink = "mail.invalid_link";
// A recipient the calendar does not name as an ATTENDEE: the address.
inline constexpr std::string_view kNotAnAttendee = "mail.not_an_attendee";
// No recipient of an inbound message is a reply address of the domain: the domain.
inline constexpr std::string_view kNoReplyToken = "mail.no_reply_token";
// Two recipients carry different reply tokens: the first token, the second.
inline constexpr std::string_view kTwoReplyTokens = "mail.two_reply_tokens";

// An inbound message larger than the limit: its size in bytes, the limit.
inline constexpr std::string_view kTooLarge = "mail.too_large";
// Bytes that are not an Internet message: what is missing (no header fields, no From).
inline constexpr std::string_view kNotAMessage = "mail.not_a_message";
// A message that ends inside its headers or a multipart (no closing boundary).
inline constexpr std::string_view kTruncated = "mail.truncated";
// A message whose MIME structure other readers would read differently (a multipart without a
// boundary, conflicting headers or parameters): the byte offset, what the parser said.
inline constexpr std::string_view kMalformed = "mail.malformed";
// Parts nested deeper than the limit: the limit.
inline constexpr std::string_view kTooDeep = "mail.too_deep";
// More MIME parts than the limit: the limit.
inline constexpr std::string_view kTooManyParts = "mail.too_many_parts";
// A message without a calendar part.
inline constexpr std::string_view kNoCalendarPart = "mail.no_calendar_part";
// A calendar part in a charset this machine cannot convert: the part (1.2), the charset.
inline constexpr std::string_view kUnknownCharset = "mail.unknown_charset";
// A calendar part whose bytes are not text in its charset: the part, the charset, the 1-based
// byte of the decoded part where conversion stopped.
inline constexpr std::string_view kUndecodableCalendar = "mail.undecodable_calendar";

}  // namespace torikumi::mail_meaning
