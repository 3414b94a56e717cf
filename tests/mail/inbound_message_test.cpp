#include "mail/inbound_message.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mail/mail_meaning.hpp"
#include "mail/reply_address.hpp"

namespace torikumi::mail {
namespace {

const std::string kToken = "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp";

std::string read_message(const std::string& name) {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/imip/messages/" + name,
                     std::ios::binary};
  REQUIRE(file);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// A calendar part as expected: all of it but the text, of which one line it must hold.
struct ExpectedCalendar {
  std::string section;
  std::string content_type;
  std::string method;
  std::string charset;
  std::string file_name;
  CalendarPlacement placement;
  std::string line;  // a whole line of the text, without its CRLF
};

struct Expected {
  std::string file;
  std::vector<Mailbox> from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::vector<std::string> delivered_to;
  std::vector<std::string> original_to;
  std::string subject;
  std::string message_id;
  std::vector<std::string> authentication_results;
  std::vector<ExpectedCalendar> calendars;
};

TEST_CASE("replies as each client writes them are read: senders, recipients, subject, calendars") {
  const Mailbox office{"東区役所 福祉課", kToken};
  const Mailbox token_only{"", kToken};
  const std::vector<Expected> cases{
      {"outlook-reply-accepted.eml",
       {{"山田 太郎", "yamada@houkatsu.example.jp"}},
       {office},
       {},
       {kToken},
       {},
       "承諾: 第1回 重層的支援会議（5月12日）",
       "TYCPR01MB1234ABCD5678EF90@TYCPR01MB1234.jpnprd01.prod.outlook.com",
       {"mx.gateway.example.net; dkim=pass header.d=houkatsu.example.jp header.s=selector1; "
        "spf=pass smtp.mailfrom=houkatsu.example.jp; dmarc=pass header.from=houkatsu.example.jp"},
       {{"3", "text/calendar", "REPLY", "utf-8", "", CalendarPlacement::inline_part,
         "ATTENDEE;PARTSTAT=ACCEPTED;CN=山田 太郎:mailto:yamada@houkatsu.example.jp"}}},
      {"outlook-reply-attachment-only.eml",
       {{"Sato Jiro", "sato@soudan.example.jp"}},
       {token_only},
       {},
       {},
       {kToken},
       "Declined: 第1回 重層的支援会議",
       "000001dcd5a1$2b3c4d50$81e5e7f0$@soudan.example.jp",
       {"mx.gateway.example.net; dkim=none; spf=softfail smtp.mailfrom=soudan.example.jp"},
       {{"2", "text/calendar", "REPLY", "utf-8", "meeting.ics", CalendarPlacement::attachment,
         "ATTENDEE;PARTSTAT=DECLINED;CN=山田 太郎:mailto:yamada@houkatsu.example.jp"}}},
      {"outlook-counter.eml",
       {{"山田 太郎", "yamada@houkatsu.example.jp"}},
       {office},
       {},
       {},
       {},
       "新しい日時の提案: 第1回 重層的支援会議",
       "TYCPR01MB1234COUNTER0001@TYCPR01MB1234.jpnprd01.prod.outlook.com",
       {"mx.gateway.example.net; dkim=pass header.d=houkatsu.example.jp; spf=pass "
        "smtp.mailfrom=houkatsu.example.jp"},
       {{"2", "text/calendar", "COUNTER", "utf-8", "", CalendarPlacement::inline_part,
         "DTSTART;TZID=Tokyo Standard Time:20260512T150000"}}},
      {"gmail-reply-with-comment.eml",
       {{"鈴木 花子", "calendar-notification@google.com"}},
       {token_only},
       {},
       {kToken},
       {},
       "承諾: 第1回 重層的支援会議 @ 2026/05/12 (14:00〜16:00)",
       "calendar-0f6a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b@google.com",
       {"mx.gateway.example.net;       dkim=pass header.i=@google.com header.s=20230601 "
        "header.b=AbCdEfGh;       spf=pass (gateway: domain of "
        "3abc@calendar-server.bounces.google.com designates 209.85.220.73 as permitted sender) "
        "smtp.mailfrom=3abc@calendar-server.bounces.google.com;       dmarc=pass (p=REJECT "
        "sp=REJECT dis=NONE) header.from=google.com"},
       {{"1.3", "text/calendar", "REPLY", "UTF-8", "", CalendarPlacement::inline_part,
         " X-RESPONSE-COMMENT=\"少し遅れて参加します\";X-NUM-GUESTS=0:mailto:suzuki.hanako"},
        {"2", "application/ics", "", "", "invite.ics", CalendarPlacement::attachment,
         " X-RESPONSE-COMMENT=\"少し遅れて参加します\";X-NUM-GUESTS=0:mailto:suzuki.hanako"}}},
      {"apple-mail-reply.eml",
       {{"高橋 三郎", "takahashi@kodomo.example.jp"}},
       {token_only},
       {},
       {},
       {},
       "仮承諾: 第1回 重層的支援会議",
       "8A2B3C4D-5E6F-4A1B-8C9D-0E1F2A3B4C5D@kodomo.example.jp",
       {"mx.gateway.example.net; dkim=pass header.d=kodomo.example.jp; spf=pass "
        "smtp.mailfrom=kodomo.example.jp"},
       {{"2", "text/calendar", "REPLY", "utf-8", "iCal-20260501-140000.ics",
         CalendarPlacement::inline_part,
         "ORGANIZER;CN=\"東区役所 福祉課\":mailto:jimukyoku@higashi.example.jp"}}},
      {"thunderbird-reply.eml",
       {{"伊藤 四郎", "ito@shakyo.example.jp"}},
       {token_only},
       {{"社協 事務局", "jimu@shakyo.example.jp"}},
       {},
       {},
       "承諾: 第1回 重層的支援会議",
       "3f9e2a7c-1d4b-4e8a-b5c6-7d8e9f0a1b2c@shakyo.example.jp",
       {"mx.gateway.example.net; dkim=pass header.d=shakyo.example.jp; spf=pass "
        "smtp.mailfrom=shakyo.example.jp"},
       {{"1.2", "text/calendar", "REPLY", "UTF-8", "", CalendarPlacement::inline_part,
         "ORGANIZER;ROLE=CHAIR;CN=東区役所 福祉課:mailto:jimukyoku@higashi.example.jp"},
        {"2", "application/ics", "", "", "invite.ics", CalendarPlacement::attachment,
         "ORGANIZER;ROLE=CHAIR;CN=東区役所 福祉課:mailto:jimukyoku@higashi.example.jp"}}},
      // RFC 2047 §6.2: the space between two encoded-words is not part of the text.
      {"iso-2022-jp-reply.eml",
       {{"渡辺 五郎", "watanabe@school.example.jp"}},
       {token_only},
       {},
       {},
       {},
       "辞退: 第1回重層的支援会議",
       "20260501160000.A1B2C3@school.example.jp",
       {},
       {{"2", "text/calendar", "REPLY", "ISO-2022-JP", "", CalendarPlacement::inline_part,
         "COMMENT:学校行事と重なるため欠席します"}}},
      // ① is Windows-31J, not JIS X 0208: Shift_JIS is read as CP932.
      {"shift-jis-calendar.eml",
       {{"", "nakamura@houkatsu.example.jp"}},
       {token_only},
       {},
       {},
       {},
       "Accepted",
       "sjis-0001@groupware.houkatsu.example.jp",
       {},
       {{"1", "text/calendar", "REPLY", "Shift_JIS", "", CalendarPlacement::inline_part,
         "LOCATION:東区役所 会議室①"}}},
  };
  for (const Expected& expected : cases) {
    CAPTURE(expected.file);
    const auto message = read_inbound_message(read_message(expected.file));
    REQUIRE_MESSAGE(message, (message ? "" : message.error().message));
    CHECK(message->from == expected.from);
    CHECK(message->to == expected.to);
    CHECK(message->cc == expected.cc);
    CHECK(message->delivered_to == expected.delivered_to);
    CHECK(message->original_to == expected.original_to);
    CHECK(message->subject == expected.subject);
    CHECK(message->message_id == expected.message_id);
    CHECK(message->authentication_results == expected.authentication_results);
    REQUIRE(message->calendars.size() == expected.calendars.size());
    for (std::size_t index = 0; index < expected.calendars.size(); ++index) {
      const CalendarPart& part = message->calendars[index];
      const ExpectedCalendar& calendar = expected.calendars[index];
      CAPTURE(index);
      CHECK(part.section == calendar.section);
      CHECK(part.content_type == calendar.content_type);
      CHECK(part.method == calendar.method);
      CHECK(part.charset == calendar.charset);
      CHECK(part.file_name == calendar.file_name);
      CHECK(part.placement == calendar.placement);
      CHECK(part.text.starts_with("BEGIN:VCALENDAR\r\n"));
      CHECK(part.text.find("\r\n" + calendar.line + "\r\n") != std::string::npos);
    }
    CHECK(find_reply_token(message->recipient_addresses(), "higashi.example.jp").value() ==
          "k7q2m9x4w8e3r6t1");
  }
}

TEST_CASE("a calendar inside a forwarded message is not the sender's and is not read") {
  const std::string forwarded = read_message("outlook-reply-accepted.eml");
  const std::string message =
      "From: someone@example.jp\r\nTo: " + kToken +
      "\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=f\r\n\r\n"
      "--f\r\nContent-Type: text/plain\r\n\r\nsee below\r\n--f\r\nContent-Type: message/rfc822\r\n"
      "\r\n" +
      forwarded + "\r\n--f--\r\n";
  const auto read = read_inbound_message(message);
  REQUIRE_FALSE(read);
  CHECK(read.error().meaning.code == mail_meaning::kNoCalendarPart);
}

TEST_CASE("a message that is not a reply, or not whole, or too much, is refused with its reason") {
  struct Case {
    std::string file;
    Error error;
  };
  const std::vector<Case> cases{
      {"no-calendar-part.eml",
       Error{"inbound message: no calendar part (text/calendar, application/ics or a .ics file)",
             ErrorCode::invalid, meaning_of(mail_meaning::kNoCalendarPart)}},
      {"truncated-multipart.eml",
       Error{"inbound message: truncated: the message ends inside its headers or a multipart",
             ErrorCode::invalid, meaning_of(mail_meaning::kTruncated)}},
      {"not-a-message.eml",
       Error{"inbound message: not a message: no From address", ErrorCode::invalid,
             meaning_of(mail_meaning::kNotAMessage, {"no From address"})}},
      {"no-from.eml", Error{"inbound message: not a message: no From address", ErrorCode::invalid,
                            meaning_of(mail_meaning::kNotAMessage, {"no From address"})}},
      {"unknown-charset.eml",
       Error{"inbound message: part 1 (text/calendar): unknown charset \"x-unknown-charset\"",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kUnknownCharset, {"1", "x-unknown-charset"})}},
      {"nested-twelve-deep.eml",
       Error{"inbound message: part 1.1.1.1.1.1.1.1: nested deeper than 8 levels",
             ErrorCode::invalid, meaning_of(mail_meaning::kTooDeep, {"8"})}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.file);
    const auto message = read_inbound_message(read_message(test.file));
    REQUIRE_FALSE(message);
    CHECK(message.error() == test.error);
  }
}

std::string calendar_message(std::string_view content_type, std::string_view body) {
  return "From: a@example.jp\r\nTo: " + kToken +
         "\r\nMIME-Version: 1.0\r\nContent-Type: " + std::string{content_type} + "\r\n\r\n" +
         std::string{body};
}

TEST_CASE("limits and undecodable calendars are refused with exact messages") {
  struct Case {
    std::string name;
    std::string raw;
    InboundLimits limits;
    Error error;
  };
  std::string many_parts =
      "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
      "boundary=p\r\n\r\n";
  for (int part = 0; part < 100; ++part)
    many_parts += "--p\r\nContent-Type: text/plain\r\n\r\nx\r\n";
  many_parts += "--p--\r\n";
  std::string empty_parts =
      "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
      "boundary=p\r\n\r\n";
  while (empty_parts.size() < 10 * 1024 * 1024 - 100) empty_parts += "--p\r\n\r\n\r\n";
  std::string attached = "From: a@example.jp\r\n";
  for (int level = 0; level < 401; ++level) attached += "Content-type: message/rfc822\r\n\r\n";
  const std::vector<Case> cases{
      {"nearly ten mebibytes of empty parts", empty_parts, InboundLimits{},
       Error{"inbound message: more than 100 MIME parts: more than 400 lines start with \"--\"",
             ErrorCode::invalid, meaning_of(mail_meaning::kTooManyParts, {"100"})}},
      {"messages attached 401 deep", attached, InboundLimits{},
       Error{"inbound message: more than 100 MIME parts: more than 400 lines start with "
             "Content-Type",
             ErrorCode::invalid, meaning_of(mail_meaning::kTooManyParts, {"100"})}},
      {"a message attached to a message nine deep",
       "From: a@example.jp\r\n" +
           [] {
             std::string levels;
             for (int level = 0; level < 9; ++level)
               levels += "Content-Type: message/rfc822\r\n\r\n";
             return levels;
           }(),
       InboundLimits{},
       Error{"inbound message: part 1: nested deeper than 8 levels", ErrorCode::invalid,
             meaning_of(mail_meaning::kTooDeep, {"8"})}},
      {"over ten mebibytes", std::string(10 * 1024 * 1024 + 1, 'a'), InboundLimits{},
       Error{"inbound message: 10485761 bytes, more than the limit of 10485760", ErrorCode::invalid,
             meaning_of(mail_meaning::kTooLarge, {"10485761", "10485760"})}},
      {"nothing at all", "", InboundLimits{},
       Error{"inbound message: not a message: no header fields", ErrorCode::invalid,
             meaning_of(mail_meaning::kNotAMessage, {"no header fields"})}},
      {"a multipart of a hundred parts and itself", many_parts, InboundLimits{},
       Error{"inbound message: more than 100 MIME parts", ErrorCode::invalid,
             meaning_of(mail_meaning::kTooManyParts, {"100"})}},
      {"a smaller size limit", calendar_message("text/calendar", "BEGIN:VCALENDAR\r\n"),
       InboundLimits{.maximum_bytes = 10},
       Error{"inbound message: 133 bytes, more than the limit of 10", ErrorCode::invalid,
             meaning_of(mail_meaning::kTooLarge, {"133", "10"})}},
      {"bytes that are not UTF-8",
       calendar_message("text/calendar; method=REPLY", "BEGIN:VCALENDAR\r\n\x93\x8C\r\n"),
       InboundLimits{},
       Error{"inbound message: part 1 (text/calendar): not UTF-8 text at byte 18",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kUndecodableCalendar, {"1", "UTF-8", "18"})}},
      {"bytes that are not ISO-2022-JP",
       calendar_message("text/calendar; charset=ISO-2022-JP",
                        "BEGIN:VCALENDAR\r\n\xE6\x9D\xB1\r\n"),
       InboundLimits{},
       Error{"inbound message: part 1 (text/calendar): not ISO-2022-JP text at byte 18",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kUndecodableCalendar, {"1", "ISO-2022-JP", "18"})}},
      {"a multipart without a boundary",
       calendar_message("multipart/mixed", "--x\r\nContent-Type: text/calendar\r\n\r\nBEGIN\r\n"),
       InboundLimits{},
       Error{"inbound message: malformed at byte 86: a multipart without a boundary",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kMalformed, {"86", "a multipart without a boundary"})}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.name);
    const auto message = read_inbound_message(test.raw, test.limits);
    REQUIRE_FALSE(message);
    CHECK(message.error() == test.error);
  }
}

TEST_CASE("a calendar named .ics under application/octet-stream counts, a BOM is dropped") {
  const std::string raw =
      "From: a@example.jp\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream; "
      "name=REPLY.ICS\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "77u/QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNCkVORDpWQ0FMRU5EQVINCg==\r\n";
  const auto message = read_inbound_message(raw);
  REQUIRE(message);
  REQUIRE(message->calendars.size() == 1);
  CHECK(message->calendars[0] ==
        CalendarPart{.section = "1",
                     .content_type = "application/octet-stream",
                     .method = "",
                     .charset = "",
                     .file_name = "REPLY.ICS",
                     .placement = CalendarPlacement::inline_part,
                     .text = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n"});
  const auto octets = read_inbound_message(
      "From: a@example.jp\r\nContent-Type: application/octet-stream; name=a.bin\r\n\r\nx\r\n");
  REQUIRE_FALSE(octets);
  CHECK(octets.error().meaning.code == mail_meaning::kNoCalendarPart);
}

}  // namespace
}  // namespace torikumi::mail

namespace torikumi::mail {
namespace {

TEST_CASE("threads that read the same reply at once all read it alike") {
  const std::string raw = read_message("gmail-reply-with-comment.eml");
  const auto expected = read_inbound_message(raw);
  REQUIRE(expected);
  std::vector<int> agreed(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t thread = 0; thread < agreed.size(); ++thread)
    threads.emplace_back([&raw, &expected, &agreed, thread] {
      for (int round = 0; round < 50; ++round) {
        const auto message = read_inbound_message(raw);
        if (message && *message == *expected) ++agreed[thread];
      }
    });
  for (std::thread& thread : threads) thread.join();
  CHECK(agreed == std::vector<int>(4, 50));
}

}  // namespace
}  // namespace torikumi::mail
