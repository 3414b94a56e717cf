#include "mail/invitation_mail.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/base/fnv_hash.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "engine/text/html.hpp"
#include "mail/detail/mail_text.hpp"
#include "mail/mail_meaning.hpp"
#include "mail/mailbox.hpp"
#include "mail/reply_address.hpp"

namespace torikumi::mail {

namespace {

using nlohmann::json;

constexpr std::size_t kMaximumIdBytes = 100;
constexpr std::size_t kMaximumLineBytes = 1000;
constexpr std::size_t kMaximumCommentBytes = 4000;
constexpr std::size_t kMaximumLinkBytes = 2000;
constexpr std::size_t kMaximumCalendarBytes = 1 << 20;

// ---- Refusals ------------------------------------------------------------------------------

Error invalid(const std::string& where, const std::string& what, std::string_view code,
              std::vector<std::string> subjects = {}, std::vector<Meaning> causes = {}) {
  return Error{"invitation mail: " + where + ": " + what, ErrorCode::invalid,
               meaning_of(code, std::move(subjects), std::move(causes))};
}

std::optional<Error> check_size(const std::string& where, std::string_view text,
                                std::size_t limit) {
  if (text.size() <= limit) return std::nullopt;
  const std::string size = std::to_string(text.size());
  const std::string most = std::to_string(limit);
  return invalid(where, size + " bytes, more than the limit of " + most, mail_meaning::kTooLong,
                 {where, size, most});
}

std::optional<Error> check_utf8(const std::string& where, std::string_view text) {
  if (std::optional<Error> error = detail::first_invalid_utf8(text))
    return invalid(where, error->message, mail_meaning::kInvalidUtf8, {where}, {error->meaning});
  return std::nullopt;
}

// The 0-based byte of the first control character of UTF-8 `text`: C0 (line feed and carriage
// return among them) and DEL, or, unless `blanks` allows them, C1 (NEL among them) and the
// Unicode line and paragraph separators U+2028 and U+2029, which some readers break lines at.
// `allowed` lists the C0 characters let through (a comment's line breaks and tabs).
std::optional<std::size_t> first_control(std::string_view text, std::string_view allowed = {}) {
  for (std::size_t index = 0; index < text.size(); ++index) {
    const auto byte = static_cast<unsigned char>(text[index]);
    if (byte < 0x20 || byte == 0x7F) {
      if (allowed.find(static_cast<char>(byte)) == std::string_view::npos) return index;
      continue;
    }
    if (index + 1 >= text.size()) continue;
    const auto next = static_cast<unsigned char>(text[index + 1]);
    if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) return index;  // U+0080 to U+009F
    if (byte == 0xE2 && next == 0x80 && index + 2 < text.size() &&
        (static_cast<unsigned char>(text[index + 2]) == 0xA8 ||
         static_cast<unsigned char>(text[index + 2]) == 0xA9))
      return index;  // U+2028, U+2029
  }
  return std::nullopt;
}

enum class Presence { required, optional };

// A one-line text: within the limit, UTF-8, no line break or other control character, and not
// empty when required (`noun` names what was expected: "a title").
std::optional<Error> check_line(const std::string& where, std::string_view text,
                                Presence presence = Presence::optional,
                                std::string_view noun = {}) {
  if (auto error = check_size(where, text, kMaximumLineBytes)) return error;
  if (auto error = check_utf8(where, text)) return error;
  if (const auto index = first_control(text)) {
    const std::string byte = std::to_string(*index + 1);
    return invalid(where, "a line break or control character at byte " + byte,
                   mail_meaning::kControlCharacter, {where, byte});
  }
  if (presence == Presence::required && text.empty())
    return invalid(where, "expected " + std::string{noun} + ", got \"\"",
                   mail_meaning::kMissingField, {where});
  return std::nullopt;
}

std::optional<Error> check_comment(std::string_view text) {
  if (auto error = check_size("comment", text, kMaximumCommentBytes)) return error;
  if (auto error = check_utf8("comment", text)) return error;
  if (const auto index = first_control(text, "\t\r\n")) {
    const std::string byte = std::to_string(*index + 1);
    return invalid("comment", "a control character at byte " + byte,
                   mail_meaning::kControlCharacter, {"comment", byte});
  }
  return std::nullopt;
}

std::optional<Error> check_address(const std::string& where, std::string_view address) {
  if (is_mail_address(address)) return std::nullopt;
  const std::string text = detail::valid_utf8(address);
  return invalid(where, "expected an address like name@example.jp, got " + in_quotes(text),
                 mail_meaning::kInvalidAddress, {where, text});
}

std::optional<Error> check_domain(const std::string& where, std::string_view domain) {
  if (is_host_name(domain)) return std::nullopt;
  const std::string text = detail::valid_utf8(domain);
  return invalid(where, "expected a host name, got " + in_quotes(text),
                 mail_meaning::kInvalidDomain, {text});
}

bool is_printable_ascii(std::string_view text) {
  for (const char character : text)
    if (character <= ' ' || character >= 0x7F) return false;
  return true;
}

bool is_hex_digit(char character) {
  return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f') ||
         (character >= 'A' && character <= 'F');
}

// RFC 3986's unreserved and reserved characters, which a URL holds unescaped.
bool is_url_character(char character) {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
         (character >= '0' && character <= '9') ||
         std::string_view{"-._~:/?#[]@!$&'()*+,;="}.find(character) != std::string_view::npos;
}

// An IPv6 literal in brackets, as a URL writes it: hex digits, colons and dots (an embedded
// IPv4) between [ and ].
bool is_ip_literal(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  for (const char character : host.substr(1, host.size() - 2))
    if (!is_hex_digit(character) && character != ':' && character != '.') return false;
  return true;
}

// http:// or https:// (lowercase), a host name or bracketed IPv6 address, an optional port, then
// a path, query and fragment of URL characters and %XX escapes. No user name or password: a
// link torikumi sends never carries one.
bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://"))
    rest = url.substr(8);
  else if (url.starts_with("http://"))
    rest = url.substr(7);
  else
    return false;
  const std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  const std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  std::string_view host = authority;
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (const char digit : port)
      if (digit < '0' || digit > '9') return false;
    host = authority.substr(0, colon);
  }
  if (!is_host_name(host) && !is_ip_literal(host)) return false;
  for (std::size_t index = 0; index < tail.size(); ++index) {
    if (tail[index] == '%') {
      if (index + 2 >= tail.size() || !is_hex_digit(tail[index + 1]) ||
          !is_hex_digit(tail[index + 2]))
        return false;
      index += 2;
      continue;
    }
    if (!is_url_character(tail[index])) return false;
  }
  return true;
}

std::optional<Error> check_link(const std::string& where, std::string_view link) {
  if (auto error = check_size(where, link, kMaximumLinkBytes)) return error;
  if (is_http_url(link)) return std::nullopt;
  const std::string text = detail::valid_utf8(link);
  return invalid(where, "expected an absolute http or https URL, got " + in_quotes(text),
                 mail_meaning::kInvalidLink, {where, text});
}

// ---- What the calendar says of itself ------------------------------------------------------

bool equal_ignoring_case(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (std::size_t index = 0; index < left.size(); ++index) {
    char a = left[index];
    char b = right[index];
    if (a >= 'a' && a <= 'z') a = static_cast<char>(a - 'a' + 'A');
    if (b >= 'a' && b <= 'z') b = static_cast<char>(b - 'a' + 'A');
    if (a != b) return false;
  }
  return true;
}

// A TEXT value as written (RFC 5545 §3.3.11): \\ \; \, \n and \N unescaped.
std::string unescaped_text(std::string_view value) {
  std::string text;
  text.reserve(value.size());
  for (std::size_t index = 0; index < value.size(); ++index) {
    if (value[index] != '\\' || index + 1 == value.size()) {
      text += value[index];
      continue;
    }
    const char next = value[++index];
    text += next == 'n' || next == 'N' ? '\n' : next;
  }
  return text;
}

// The properties compose_invitation compares with what it is told, each as written, unfolded.
struct CalendarFacts {
  std::optional<std::string> method;  // the first METHOD's value
  std::vector<std::string> uids;
  std::vector<std::string> sequences;
  std::vector<std::string> organizers;
  bool names_recipient = false;  // an ATTENDEE is the recipient's address
};

enum class Property { method, uid, sequence, organizer, attendee };

constexpr std::array<std::pair<std::string_view, Property>, 5> kWanted{{
    {"METHOD", Property::method},
    {"UID", Property::uid},
    {"SEQUENCE", Property::sequence},
    {"ORGANIZER", Property::organizer},
    {"ATTENDEE", Property::attendee},
}};

// One pass over the content lines (RFC 5545 §3.1: a line break then a blank or tab continues a
// line). Only the lines of the properties wanted are unfolded and split; a value starts after
// the first colon outside a quoted parameter value.
CalendarFacts calendar_facts(std::string_view calendar, std::string_view recipient) {
  CalendarFacts facts;
  std::size_t start = 0;
  std::string unfolded;
  while (start < calendar.size()) {
    std::size_t end = calendar.find('\n', start);
    while (end != std::string_view::npos && end + 1 < calendar.size() &&
           (calendar[end + 1] == ' ' || calendar[end + 1] == '\t'))
      end = calendar.find('\n', end + 1);
    if (end == std::string_view::npos) end = calendar.size();
    std::string_view line = calendar.substr(start, end - start);
    start = end + 1;
    const std::size_t name_end = line.find_first_of(";:\r\n");
    const std::string_view name = line.substr(0, name_end);
    const auto wanted = std::find_if(kWanted.begin(), kWanted.end(), [&](const auto& entry) {
      return equal_ignoring_case(name, entry.first);
    });
    if (wanted == kWanted.end()) continue;
    unfolded.clear();
    for (std::size_t index = 0; index < line.size(); ++index) {
      if (line[index] == '\r' && index + 1 < line.size() && line[index + 1] == '\n') continue;
      if (line[index] == '\n') {
        ++index;  // the blank or tab that continues the line
        continue;
      }
      unfolded += line[index];
    }
    bool quoted = false;
    std::size_t colon = std::string::npos;
    for (std::size_t index = name.size(); index < unfolded.size(); ++index) {
      if (unfolded[index] == '"') quoted = !quoted;
      if (unfolded[index] == ':' && !quoted) {
        colon = index;
        break;
      }
    }
    if (colon == std::string::npos) continue;
    std::string value = unfolded.substr(colon + 1);
    if (!value.empty() && value.back() == '\r') value.pop_back();
    switch (wanted->second) {
      case Property::method:
        if (!facts.method) facts.method = std::move(value);
        break;
      case Property::uid:
        facts.uids.push_back(unescaped_text(value));
        break;
      case Property::sequence:
        facts.sequences.push_back(std::move(value));
        break;
      case Property::organizer:
        facts.organizers.push_back(std::move(value));
        break;
      case Property::attendee:
        if (calendars::normalise_email(value) == recipient) facts.names_recipient = true;
        break;
    }
  }
  return facts;
}

Error calendar_mismatch(const std::string& property, const std::string& expected,
                        const std::optional<std::string>& written) {
  const std::string got = written ? detail::valid_utf8(*written) : "";
  return invalid("calendar",
                 "expected " + property + ":" + expected + ", got " +
                     (written ? property + ":" + got : "none"),
                 mail_meaning::kCalendarMismatch, {property, expected, got});
}

// METHOD, then every UID and SEQUENCE (a series' overrides repeat them).
std::optional<Error> check_calendar_identity(const InvitationMail& mail,
                                             const CalendarFacts& facts) {
  const std::string method{to_string(itip_method(mail.notice))};
  if (!facts.method || detail::ascii_uppercase(*facts.method) != method)
    return invalid("calendar",
                   "expected a line METHOD:" + method + ", got " +
                       (facts.method ? "METHOD:" + detail::valid_utf8(*facts.method) : "none"),
                   mail_meaning::kMethodMismatch,
                   {method, facts.method ? detail::valid_utf8(*facts.method) : ""});
  if (facts.uids.empty()) return calendar_mismatch("UID", mail.uid, std::nullopt);
  for (const std::string& uid : facts.uids)
    if (uid != mail.uid) return calendar_mismatch("UID", mail.uid, uid);
  const std::string sequence = std::to_string(mail.sequence);
  if (facts.sequences.empty() && mail.sequence != 0)  // RFC 5545 §3.8.7.4: none is 0
    return calendar_mismatch("SEQUENCE", sequence, std::nullopt);
  for (const std::string& written : facts.sequences)
    if (written != sequence) return calendar_mismatch("SEQUENCE", sequence, written);
  return std::nullopt;
}

std::optional<Error> check_calendar_organizer(const InvitationMail& mail,
                                              const CalendarFacts& facts) {
  const std::string expected = "mailto:" + mail.organizer.email;
  if (facts.organizers.empty()) return calendar_mismatch("ORGANIZER", expected, std::nullopt);
  const std::string organizer = calendars::normalise_email(mail.organizer.email);
  for (const std::string& written : facts.organizers)
    if (calendars::normalise_email(written) != organizer)
      return calendar_mismatch("ORGANIZER", expected, written);
  return std::nullopt;
}

std::optional<Error> check_envelope(const InvitationEnvelope& envelope) {
  if (auto error = check_line("envelope.plan_id", envelope.plan_id, Presence::required, "an id"))
    return error;
  if (auto error = check_line("envelope.initiative", envelope.initiative)) return error;
  if (auto error = check_line("envelope.organisation", envelope.organisation)) return error;
  if (auto error =
          check_line("envelope.occurrence_id", envelope.occurrence_id, Presence::required, "an id"))
    return error;
  if (auto error = check_line("envelope.title", envelope.title, Presence::required, "a title"))
    return error;
  if (envelope.end <= envelope.start) {
    const std::string start = format_rfc3339(envelope.start, envelope.zone);
    const std::string end = format_rfc3339(envelope.end, envelope.zone);
    return invalid("envelope.end", "expected an instant after the start " + start + ", got " + end,
                   mail_meaning::kEndNotAfterStart, {start, end});
  }
  if (auto error = check_line("envelope.place", envelope.place)) return error;
  if (auto error = check_line("envelope.meeting_type", envelope.meeting_type)) return error;
  return check_link("envelope.meeting_page", envelope.meeting_page);
}

// The mail's id and UID, and its calendar's size and encoding: what the calendar's facts are
// compared with, and the text they are read from.
std::optional<Error> check_mail_head(const InvitationMail& mail) {
  if (mail.id.empty() || mail.id.size() > kMaximumIdBytes || !is_printable_ascii(mail.id)) {
    const std::string text = detail::valid_utf8(mail.id);
    return invalid("id",
                   "expected 1 to " + std::to_string(kMaximumIdBytes) +
                       " printable ASCII characters without blanks, got " + in_quotes(text),
                   mail_meaning::kInvalidMessageId, {text});
  }
  if (auto error = check_line("uid", mail.uid, Presence::required, "a UID")) return error;
  if (auto error = check_size("calendar", mail.calendar, kMaximumCalendarBytes)) return error;
  return check_utf8("calendar", mail.calendar);
}

// The rest of the mail, in the order the header lists; `facts` are the calendar's.
std::optional<Error> check_mail(const InvitationMail& mail, const CalendarFacts& facts) {
  if (auto error = check_calendar_identity(mail, facts)) return error;
  if (auto error = check_address("organizer", mail.organizer.email)) return error;
  if (auto error = check_line("organizer.name", mail.organizer.name)) return error;
  if (auto error = check_calendar_organizer(mail, facts)) return error;
  if (auto error = check_domain("reply_domain", mail.reply_domain)) return error;
  if (auto error = check_domain("message_domain", mail.message_domain)) return error;
  if (auto error = check_envelope(mail.envelope)) return error;
  return check_comment(mail.comment);
}

std::optional<Error> check_recipient(const InvitationRecipient& recipient,
                                     const CalendarFacts& facts) {
  if (auto error = check_address("recipient", recipient.person.email)) return error;
  if (!facts.names_recipient)
    return invalid("recipient",
                   "not an ATTENDEE of the calendar: " + in_quotes(recipient.person.email),
                   mail_meaning::kNotAnAttendee, {recipient.person.email});
  if (auto error = check_line("recipient.name", recipient.person.name)) return error;
  if (auto error = check_line("recipient.agency", recipient.agency)) return error;
  if (!is_reply_token(recipient.reply_token)) {
    const std::string text = detail::valid_utf8(recipient.reply_token);
    return invalid("recipient.reply_token",
                   "expected " + std::to_string(kMinimumReplyTokenLength) + " to " +
                       std::to_string(kMaximumReplyTokenLength) + " of a-z 0-9, got " +
                       in_quotes(text),
                   mail_meaning::kInvalidReplyToken, {text});
  }
  return check_link("recipient.answer_link", recipient.answer_link);
}

// ---- What the message says -----------------------------------------------------------------

struct Fact {
  std::string label;
  std::string value;
};

// One language's half of the bodies.
struct Section {
  Language language = Language::japanese;
  std::string greeting;
  std::vector<std::string> sentences;
  std::vector<Fact> facts;
  std::string comment_heading;  // empty: no comment
  std::vector<std::string> comment_lines;
  std::string answer_heading;  // empty: no answer asked
  std::string answer_by_calendar;
  std::string answer_by_link;
  std::string meeting_heading;  // empty: no meeting page shown
  std::string meeting_sentence;
  std::string contact;
};

bool asks_answer(InvitationNotice notice) {
  return notice == InvitationNotice::invitation || notice == InvitationNotice::update ||
         notice == InvitationNotice::declined_counter;
}

bool is_cancellation(InvitationNotice notice) {
  return notice == InvitationNotice::cancellation ||
         notice == InvitationNotice::attendee_cancellation;
}

date::sys_days day_of(date::local_seconds local) {
  return date::sys_days{date::floor<date::days>(local).time_since_epoch()};
}

// 2026年6月10日(水) 14:00〜15:30, Wed 10 Jun 2026 14:00–15:30 (Japan time); a meeting that
// ends on another day names both days.
std::string when_text(const InvitationEnvelope& envelope, Language language) {
  const date::local_seconds start = envelope.zone.to_local(envelope.start);
  const date::local_seconds end = envelope.zone.to_local(envelope.end);
  const bool japanese = language == Language::japanese;
  const std::string from = reminder_time_text(envelope.start, envelope.zone);
  const std::string to = reminder_time_text(envelope.end, envelope.zone);
  std::string text = reminder_day_text(day_of(start), language) + " " + from;
  if (day_of(start) == day_of(end))
    text += (japanese ? "〜" : "–") + to;
  else
    text += (japanese ? "〜" : " – ") + reminder_day_text(day_of(end), language) + " " + to;
  const bool tokyo = envelope.zone.name() == "Asia/Tokyo";
  if (japanese) return tokyo ? text : text + "（" + envelope.zone.name() + "）";
  return text + (tokyo ? " (Japan time)" : " (" + envelope.zone.name() + ")");
}

// 6月10日, 10 Jun: the start's day in the subject.
std::string short_day_text(const InvitationEnvelope& envelope, Language language) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const date::year_month_day day{day_of(envelope.zone.to_local(envelope.start))};
  const auto month = static_cast<unsigned>(day.month());
  const auto number = std::to_string(static_cast<unsigned>(day.day()));
  if (language == Language::japanese) return std::to_string(month) + "月" + number + "日";
  return number + " " + kMonths[month - 1];
}

std::string subject_of(const InvitationMail& mail) {
  const InvitationEnvelope& envelope = mail.envelope;
  if (mail.language == Language::japanese) {
    std::string subject;
    switch (mail.notice) {
      case InvitationNotice::invitation:
        break;
      case InvitationNotice::update:
        subject += "【変更】";
        break;
      case InvitationNotice::cancellation:
        subject += "【中止】";
        break;
      case InvitationNotice::attendee_cancellation:
        subject += "【取消】";
        break;
      case InvitationNotice::declined_counter:
        subject += "【日時のご提案について】";
        break;
    }
    if (!envelope.organisation.empty()) subject += "【" + envelope.organisation + "】";
    subject +=
        mail.notice == InvitationNotice::cancellation ? "会議のお知らせ：" : "会議のご案内：";
    return subject + envelope.title + "（" + short_day_text(envelope, mail.language) + "）";
  }
  std::string subject;
  switch (mail.notice) {
    case InvitationNotice::invitation:
      break;
    case InvitationNotice::update:
      subject += "[Updated] ";
      break;
    case InvitationNotice::cancellation:
      subject += "[Cancelled] ";
      break;
    case InvitationNotice::attendee_cancellation:
      subject += "[Withdrawn] ";
      break;
    case InvitationNotice::declined_counter:
      subject += "[About your proposed time] ";
      break;
  }
  if (!envelope.organisation.empty()) subject += "[" + envelope.organisation + "] ";
  subject += mail.notice == InvitationNotice::cancellation ? "Meeting: " : "Invitation: ";
  return subject + envelope.title + " (" + short_day_text(envelope, mail.language) + ")";
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  const std::string canonical = detail::with_crlf_line_ends(text);
  std::string_view rest = canonical;
  while (!rest.empty()) {
    const std::size_t end = rest.find("\r\n");
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
  }
  return lines;
}

Section japanese_section(const InvitationMail& mail, const InvitationRecipient& recipient) {
  Section section;
  section.language = Language::japanese;
  const std::string& name = recipient.person.name;
  const std::string& agency = recipient.agency;
  section.greeting = !name.empty()     ? (agency.empty() ? "" : agency + " ") + name + " 様"
                     : !agency.empty() ? agency + " ご担当者様"
                                       : "ご担当者様";
  switch (mail.notice) {
    case InvitationNotice::invitation:
      section.sentences = {"下記のとおり会議を開催いたしますので、ご案内申し上げます。",
                           "ご多用のところ恐れ入りますが、ご出席の可否をご回答くださいますよう"
                           "お願いいたします。"};
      break;
    case InvitationNotice::update:
      section.sentences = {
          "先にご案内した会議の内容に変更がありましたので、変更後の内容を改めて"
          "ご案内申し上げます。",
          "お手数をおかけしますが、あらためてご出席の可否をご回答くださいますよう"
          "お願いいたします。"};
      break;
    case InvitationNotice::cancellation:
      section.sentences = {"先にご案内した下記の会議は、中止となりました。",
                           "ご予定を調整いただいていたところ誠に申し訳ございませんが、ご了承くだ"
                           "さいますようお願いいたします。ご回答は不要です。",
                           "この会議をカレンダーに登録されている場合は、お使いのカレンダーでこの通"
                           "知を開くと予定を削除できます。"};
      break;
    case InvitationNotice::attendee_cancellation:
      section.sentences = {
          "先にお送りした下記の会議へのご出席のお願いを、取り消させていただきます。",
          "ご予定を調整いただいていた場合は、誠に申し訳ございません。ご回答は不要"
          "です。",
          "この会議をカレンダーに登録されている場合は、お使いのカレンダーでこの通"
          "知を開くと予定を削除できます。"};
      break;
    case InvitationNotice::declined_counter:
      section.sentences = {"会議の日時についてご提案をいただき、ありがとうございました。",
                           "検討いたしましたが、誠に恐縮ながら、会議は下記の日時のまま開催させてい"
                           "ただきます。",
                           "ご出席の可否をあらためてご回答くださいますようお願いいたします。"};
      break;
  }
  if (mail.envelope.confidential && !is_cancellation(mail.notice))
    section.sentences.push_back(
        "この会議で共有される情報には守秘義務があります。取り扱いにご注意ください。");
  section.facts.push_back({"会議", mail.envelope.title});
  if (!mail.envelope.meeting_type.empty())
    section.facts.push_back({"種類", mail.envelope.meeting_type});
  section.facts.push_back({"日時", when_text(mail.envelope, Language::japanese)});
  if (!mail.envelope.place.empty()) section.facts.push_back({"場所", mail.envelope.place});
  if (!mail.comment.empty()) {
    section.comment_heading = is_cancellation(mail.notice) ? "理由" : "連絡事項";
    section.comment_lines = lines_of(mail.comment);
  }
  if (asks_answer(mail.notice)) {
    section.answer_heading = "ご回答の方法";
    // A DECLINECOUNTER has no buttons: the invitation sent before has them.
    section.answer_by_calendar =
        mail.notice == InvitationNotice::declined_counter
            ? "カレンダーをお使いの場合は、先にお送りした招待を開き、「承諾」「辞退」などのボタン"
              "からご回答ください。"
            : "お使いのカレンダー（Outlook など）でこの招待を開き、「承諾」「辞退」などのボタンから"
              "ご回答ください。";
    section.answer_by_link =
        "カレンダーをお使いになれない場合は、次のページを開き、ページ上のボタンでご回答ください"
        "（ページを開くだけでは回答になりません）。";
  }
  if (mail.notice != InvitationNotice::attendee_cancellation) {
    section.meeting_heading = "会議ページ（サインインが必要です）";
    section.meeting_sentence =
        is_cancellation(mail.notice)
            ? "会議の状況は、参加機関の職員の方がサインインしてご覧いただけます。"
            : "議題や資料などの詳細は、参加機関の職員の方がサインインしてご覧いただけます。";
  }
  const std::string& office =
      mail.organizer.name.empty() ? mail.envelope.organisation : mail.organizer.name;
  section.contact =
      "ご不明な点は、" +
      (office.empty() ? mail.organizer.email + " " : office + "（" + mail.organizer.email + "）") +
      "までお問い合わせください。";
  return section;
}

Section english_section(const InvitationMail& mail, const InvitationRecipient& recipient) {
  Section section;
  section.language = Language::english;
  const std::string& name = recipient.person.name;
  const std::string& agency = recipient.agency;
  section.greeting = !name.empty() ? "Dear " + name + (agency.empty() ? "" : " (" + agency + ")")
                     : !agency.empty() ? "Dear colleagues at " + agency
                                       : "Dear colleague";
  section.greeting += ",";
  const std::string remove_it =
      "If the meeting is in your calendar, open this notice there to remove it.";
  switch (mail.notice) {
    case InvitationNotice::invitation:
      section.sentences = {"You are invited to the meeting below.",
                           "Please let us know whether you will attend."};
      break;
    case InvitationNotice::update:
      section.sentences = {
          "The meeting below, to which you were invited, has changed; here it is "
          "as it is now.",
          "Please let us know again whether you will attend."};
      break;
    case InvitationNotice::cancellation:
      section.sentences = {"The meeting below has been cancelled.",
                           "We are sorry for any trouble this causes. No answer is needed.",
                           remove_it};
      break;
    case InvitationNotice::attendee_cancellation:
      section.sentences = {"We withdraw our invitation to the meeting below; you need not attend.",
                           "We are sorry for any trouble this causes. No answer is needed.",
                           remove_it};
      break;
    case InvitationNotice::declined_counter:
      section.sentences = {"Thank you for proposing another time for the meeting.",
                           "We considered it, but the meeting stays at the time below.",
                           "Please let us know whether you will attend."};
      break;
  }
  if (mail.envelope.confidential && !is_cancellation(mail.notice))
    section.sentences.push_back(
        "What is shared at this meeting is confidential; please handle it with care.");
  section.facts.push_back({"Meeting", mail.envelope.title});
  if (!mail.envelope.meeting_type.empty())
    section.facts.push_back({"Type", mail.envelope.meeting_type});
  section.facts.push_back({"When", when_text(mail.envelope, Language::english)});
  if (!mail.envelope.place.empty()) section.facts.push_back({"Place", mail.envelope.place});
  if (!mail.comment.empty()) {
    section.comment_heading = is_cancellation(mail.notice) ? "Reason" : "Note";
    section.comment_lines = lines_of(mail.comment);
  }
  if (asks_answer(mail.notice)) {
    section.answer_heading = "How to answer";
    section.answer_by_calendar =
        mail.notice == InvitationNotice::declined_counter
            ? "If you use a calendar, open the invitation we sent before and answer with its "
              "buttons (Accept, Decline, ...)."
            : "Open this invitation in your calendar (Outlook or another) and answer with its "
              "buttons (Accept, Decline, ...).";
    section.answer_by_link =
        "If you cannot use a calendar, open this page and answer with its buttons (opening the "
        "page alone records nothing):";
  }
  if (mail.notice != InvitationNotice::attendee_cancellation) {
    section.meeting_heading = "Meeting page (sign-in needed)";
    section.meeting_sentence =
        is_cancellation(mail.notice)
            ? "Staff of the participating agencies can see the meeting's status there after "
              "signing in."
            : "Staff of the participating agencies can see the agenda, papers and other details "
              "there after signing in.";
  }
  const std::string& office =
      mail.organizer.name.empty() ? mail.envelope.organisation : mail.organizer.name;
  section.contact =
      "For questions, please write to " +
      (office.empty() ? mail.organizer.email : office + " (" + mail.organizer.email + ")") + ".";
  return section;
}

std::string heading_text(const Section& section, const std::string& heading) {
  return section.language == Language::japanese ? "【" + heading + "】" : heading + ":";
}

void append_text(std::string& text, const Section& section, const InvitationMail& mail,
                 const InvitationRecipient& recipient) {
  const std::string_view separator = section.language == Language::japanese ? "：" : ": ";
  text += section.greeting + "\n\n";
  for (const std::string& sentence : section.sentences) text += sentence + "\n";
  text += "\n";
  for (const Fact& fact : section.facts)
    text.append(fact.label).append(separator).append(fact.value) += "\n";
  if (!section.comment_heading.empty()) {
    text += "\n" + heading_text(section, section.comment_heading) + "\n";
    for (const std::string& line : section.comment_lines) text += line + "\n";
  }
  if (!section.answer_heading.empty())
    text += "\n" + heading_text(section, section.answer_heading) + "\n" +
            section.answer_by_calendar + "\n" + section.answer_by_link + "\n" +
            recipient.answer_link + "\n";
  if (!section.meeting_heading.empty())
    text += "\n" + heading_text(section, section.meeting_heading) + "\n" +
            section.meeting_sentence + "\n" + mail.envelope.meeting_page + "\n";
  text += "\n" + section.contact + "\n";
}

// The HTML body's template (kainjow mustache): `{{x}}` escapes with escape_html, and nothing here
// uses `{{{x}}}`. Sections end their lines inside the tags, since kainjow keeps the line of a
// standalone tag.
constexpr std::string_view kHtmlTemplate =
    R"(<!DOCTYPE html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body>
{{#sections}}{{#rule}}<hr>
{{/rule}}<div lang="{{lang}}">
<p>{{greeting}}</p>
{{#sentences}}<p>{{.}}</p>
{{/sentences}}<table>
{{#facts}}<tr><th>{{label}}</th><td>{{value}}</td></tr>
{{/facts}}</table>
{{#comment}}<h2>{{heading}}</h2>
<p>{{#lines}}{{.}}<br>
{{/lines}}</p>
{{/comment}}{{#answer}}<h2>{{heading}}</h2>
<p>{{by_calendar}}</p>
<p>{{by_link}}<br>
<a href="{{link}}">{{link}}</a></p>
{{/answer}}{{#meeting}}<h2>{{heading}}</h2>
<p>{{sentence}}<br>
<a href="{{link}}">{{link}}</a></p>
{{/meeting}}<p>{{contact}}</p>
</div>
{{/sections}}</body>
</html>
)";

using View = kainjow::mustache::data;

// The template parsed once per thread (a kainjow template keeps the state of its last render, so
// threads do not share one), escaping as every page does.
kainjow::mustache::mustache& html_template() {
  thread_local kainjow::mustache::mustache parsed = [] {
    kainjow::mustache::mustache page{std::string{kHtmlTemplate}};
    if (!page.is_valid())
      throw std::logic_error("invitation mail template: " + page.error_message());
    page.set_custom_escape([](const std::string& text) { return escape_html(text); });
    return page;
  }();
  return parsed;
}

View list_of_strings(const std::vector<std::string>& items) {
  View list{View::type::list};
  for (const std::string& item : items) list.push_back(View{item});
  return list;
}

View section_view(const Section& section, const InvitationMail& mail,
                  const InvitationRecipient& recipient, bool first) {
  View view{View::type::object};
  view.set("rule", View{!first});
  view.set("lang", section.language == Language::japanese ? "ja" : "en");
  view.set("greeting", section.greeting);
  view.set("sentences", list_of_strings(section.sentences));
  View facts{View::type::list};
  for (const Fact& fact : section.facts) {
    View item{View::type::object};
    item.set("label", fact.label);
    item.set("value", fact.value);
    facts.push_back(item);
  }
  view.set("facts", facts);
  View comment{View::type::list};
  if (!section.comment_heading.empty()) {
    View item{View::type::object};
    item.set("heading", section.comment_heading);
    item.set("lines", list_of_strings(section.comment_lines));
    comment.push_back(item);
  }
  view.set("comment", comment);
  View answer{View::type::list};
  if (!section.answer_heading.empty()) {
    View item{View::type::object};
    item.set("heading", section.answer_heading);
    item.set("by_calendar", section.answer_by_calendar);
    item.set("by_link", section.answer_by_link);
    item.set("link", recipient.answer_link);
    answer.push_back(item);
  }
  view.set("answer", answer);
  View meeting{View::type::list};
  if (!section.meeting_heading.empty()) {
    View item{View::type::object};
    item.set("heading", section.meeting_heading);
    item.set("sentence", section.meeting_sentence);
    item.set("link", mail.envelope.meeting_page);
    meeting.push_back(item);
  }
  view.set("meeting", meeting);
  view.set("contact", section.contact);
  return view;
}

struct Bodies {
  std::string text;
  std::string html;
};

Bodies bodies_of(const InvitationMail& mail, const InvitationRecipient& recipient,
                 const std::string& subject) {
  const Section japanese = japanese_section(mail, recipient);
  const Section english = english_section(mail, recipient);
  const bool japanese_first = mail.language == Language::japanese;
  const Section& first = japanese_first ? japanese : english;
  const Section& second = japanese_first ? english : japanese;

  Bodies bodies;
  append_text(bodies.text, first, mail, recipient);
  bodies.text += "\n----------------------------------------\n\n";
  append_text(bodies.text, second, mail, recipient);

  View view{View::type::object};
  view.set("lang", japanese_first ? "ja" : "en");
  view.set("subject", subject);
  View sections{View::type::list};
  sections.push_back(section_view(first, mail, recipient, true));
  sections.push_back(section_view(second, mail, recipient, false));
  view.set("sections", sections);
  bodies.html = html_template().render(view);
  return bodies;
}

// ---- The item ------------------------------------------------------------------------------

std::string recipient_key(std::string_view email) {
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx",
                static_cast<unsigned long long>(fnv1a_64(calendars::normalise_email(email))));
  return hex.data();
}

json person_json(const calendars::Person& person) {
  return {{"name", person.name}, {"email", person.email}};
}

}  // namespace

ItipMethod itip_method(InvitationNotice notice) {
  switch (notice) {
    case InvitationNotice::invitation:
    case InvitationNotice::update:
      return ItipMethod::request;
    case InvitationNotice::cancellation:
    case InvitationNotice::attendee_cancellation:
      return ItipMethod::cancel;
    case InvitationNotice::declined_counter:
      return ItipMethod::declinecounter;
  }
  return ItipMethod::request;
}

std::string_view invitation_event_type(InvitationNotice notice) {
  switch (notice) {
    case InvitationNotice::invitation:
      return "invitation.request";
    case InvitationNotice::update:
      return "invitation.update";
    case InvitationNotice::cancellation:
      return "invitation.cancel";
    case InvitationNotice::attendee_cancellation:
      return "invitation.attendee-cancel";
    case InvitationNotice::declined_counter:
      return "invitation.declinecounter";
  }
  return "invitation.request";
}

Result<OutgoingInvitation> compose_invitation(const InvitationMail& mail,
                                              const InvitationRecipient& recipient) {
  if (auto error = check_mail_head(mail)) return *error;
  const CalendarFacts facts =
      calendar_facts(mail.calendar, calendars::normalise_email(recipient.person.email));
  if (auto error = check_mail(mail, facts)) return *error;
  if (auto error = check_recipient(recipient, facts)) return *error;

  OutgoingInvitation item;
  item.id = mail.id + "/to-" + recipient_key(recipient.person.email);
  auto message_id = message_id_for(item.id, mail.message_domain);
  if (!message_id) return message_id.error();
  item.message_id = std::move(*message_id);
  auto reply_address = reply_address_for(recipient.reply_token, mail.reply_domain);
  if (!reply_address) return reply_address.error();
  item.subject = subject_of(mail);
  Bodies bodies = bodies_of(mail, recipient, item.subject);

  const ItipMethod method = itip_method(mail.notice);
  const std::string calendar = detail::with_crlf_line_ends(mail.calendar);
  const ImipMessage message{
      .from = {mail.organizer.name, mail.organizer.email},
      .to = {{recipient.person.name, recipient.person.email}},
      .reply_to = Mailbox{mail.organizer.name, *reply_address},
      .subject = item.subject,
      .text_body = bodies.text,
      .html_body = bodies.html,
      .method = method,
      .calendar = calendar,
      .attachment_file_name = "invite.ics",
      .date = mail.now,
      .message_id = item.message_id,
  };
  auto raw = build_imip_message(message);
  if (!raw) return raw.error();
  item.raw_message = std::move(*raw);

  const std::string method_text{to_string(method)};
  const InvitationEnvelope& envelope = mail.envelope;
  json payload{
      {"type", invitation_event_type(mail.notice)},
      {"id", item.id},
      {"timestamp", format_rfc3339(mail.now, envelope.zone)},
      {"language", mail.language == Language::english ? "en" : "ja"},
      {"plan",
       {{"id", envelope.plan_id},
        {"initiative", envelope.initiative},
        {"organisation", envelope.organisation}}},
      {"occurrence",
       {{"id", envelope.occurrence_id},
        {"title", envelope.title},
        {"meeting_type",
         envelope.meeting_type.empty() ? json(nullptr) : json(envelope.meeting_type)},
        {"confidential", envelope.confidential},
        {"start", format_rfc3339(envelope.start, envelope.zone)},
        {"end", format_rfc3339(envelope.end, envelope.zone)},
        {"place", envelope.place.empty() ? json(nullptr) : json(envelope.place)}}},
      {"invitation",
       {{"uid", mail.uid},
        {"sequence", mail.sequence},
        {"method", method_text},
        {"recurrence_id", mail.recurrence_id
                              ? json(format_rfc3339(*mail.recurrence_id, envelope.zone))
                              : json(nullptr)}}},
      {"from", person_json(mail.organizer)},
      {"reply_to", *reply_address},
      {"recipients", json::array({person_json(recipient.person)})},
      {"subject", item.subject},
      {"text", std::move(bodies.text)},
      {"html", std::move(bodies.html)},
      {"calendar",
       {{"method", method_text},
        {"content_type", "text/calendar; method=" + method_text + "; charset=UTF-8"},
        {"text", calendar}}},
      {"message", {{"format", "rfc5322"}, {"raw", item.raw_message}}},
      {"links", {{"answer", recipient.answer_link}, {"meeting", envelope.meeting_page}}},
  };
  try {
    item.payload_json = payload.dump();
  } catch (const json::exception& error) {  // invalid UTF-8, which the checks above refuse
    return internal_error(std::string{"invitation mail: payload: "} + error.what());
  }
  return item;
}

}  // namespace torikumi::mail
