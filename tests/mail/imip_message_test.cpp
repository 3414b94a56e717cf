#include "mail/imip_message.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mail/inbound_message.hpp"
#include "mail/mail_meaning.hpp"

namespace torikumi::mail {
namespace {

using namespace std::chrono_literals;

// 2026-05-12 08:00 in Tokyo.
constexpr date::sys_seconds kSent{1778540400s};

std::string with_crlf(std::string_view text) {
  std::string result;
  for (const char character : text) {
    if (character == '\n') result += '\r';
    result += character;
  }
  return result;
}

ImipMessage cancellation() {
  return ImipMessage{
      .from = {"東区役所 福祉課", "jimukyoku@higashi.example.jp"},
      .to = {{"山田 太郎", "yamada@houkatsu.example.jp"}},
      .reply_to = Mailbox{"", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
      .subject = "会議のご案内",
      .text_body = "出席をお願いします。\n",
      .html_body = "<p>出席をお願いします。</p>\n",
      .method = ItipMethod::cancel,
      .calendar = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n",
      .attachment_file_name = "invite.ics",
      .date = kSent,
      .message_id = "meeting-42@higashi.example.jp",
  };
}

TEST_CASE(
    "an invitation is mixed, holding plain, html and calendar as alternatives, then the file") {
  const auto message = build_imip_message(cancellation());
  REQUIRE(message);
  CHECK(*message == with_crlf(R"(Date: Mon, 11 May 2026 23:00:00 +0000
From: =?UTF-8?B?5p2x5Yy65b255omAIOemj+elieiqsg==?=
 <jimukyoku@higashi.example.jp>
Reply-To: rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp
Subject: =?UTF-8?B?5Lya6K2w44Gu44GU5qGI5YaF?=
To: =?UTF-8?B?5bGx55SwIOWkqumDjg==?=
 <yamada@houkatsu.example.jp>
Message-Id: <meeting-42@higashi.example.jp>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_torikumi_mixed_3097ede8"

--=_torikumi_mixed_3097ede8
Content-Type: multipart/alternative; boundary="=_torikumi_alt_3097ede8"

--=_torikumi_alt_3097ede8
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

5Ye65bit44KS44GK6aGY44GE44GX44G+44GZ44CCDQo=

--=_torikumi_alt_3097ede8
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

PHA+5Ye65bit44KS44GK6aGY44GE44GX44G+44GZ44CCPC9wPg0K

--=_torikumi_alt_3097ede8
Content-Type: text/calendar; method=CANCEL; charset=UTF-8
Content-Transfer-Encoding: base64

QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6Q0FOQ0VMDQpFTkQ6VkNBTEVOREFSDQo=

--=_torikumi_alt_3097ede8--

--=_torikumi_mixed_3097ede8
Content-Type: application/ics; name=invite.ics
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename=invite.ics

QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6Q0FOQ0VMDQpFTkQ6VkNBTEVOREFSDQo=

--=_torikumi_mixed_3097ede8--
)"));
}

TEST_CASE("the same invitation is the same bytes, and another Message-ID other boundaries") {
  const auto first = build_imip_message(cancellation());
  const auto second = build_imip_message(cancellation());
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first == *second);
  ImipMessage other = cancellation();
  other.message_id = "meeting-43@higashi.example.jp";
  const auto third = build_imip_message(other);
  REQUIRE(third);
  CHECK(third->find("=_torikumi_mixed_3097ede8") == std::string::npos);
}

TEST_CASE("a long Japanese invitation reads back whole: subject, names, bodies and calendar") {
  ImipMessage message = cancellation();
  message.method = ItipMethod::request;
  message.subject =
      "【会議のご案内】令和8年度 第1回 重層的支援会議（5月12日 14時から 東区役所 3階）";
  message.to.push_back(
      {"地域包括支援センター ひがし 相談員 佐藤 次郎", "sato@houkatsu.example.jp"});
  message.text_body = std::string(40, 'x') + "\n" + std::string(300, 'y') + "\n会議です\n";
  std::string calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n";
  for (int line = 0; line < 50; ++line)
    calendar += "DESCRIPTION:第" + std::to_string(line) + "行 重層的支援会議の案内\r\n";
  calendar += "END:VCALENDAR\r\n";
  message.calendar = calendar;
  const auto built = build_imip_message(message);
  REQUIRE(built);

  std::size_t longest = 0;
  std::size_t start = 0;
  bool bare_line_feed = false;
  while (start < built->size()) {
    std::size_t end = built->find('\n', start);
    if (end == std::string::npos) end = built->size();
    if (end < built->size() && (end == 0 || (*built)[end - 1] != '\r')) bare_line_feed = true;
    longest = std::max(longest, end - start - (end < built->size() ? 1 : 0));
    start = end + 1;
  }
  CHECK_FALSE(bare_line_feed);
  CHECK(longest <= 78);

  const auto read = read_inbound_message(*built);
  REQUIRE(read);
  CHECK(read->subject == message.subject);
  CHECK(read->from == std::vector<Mailbox>{message.from});
  CHECK(read->to == message.to);
  CHECK(read->message_id == "meeting-42@higashi.example.jp");
  REQUIRE(read->calendars.size() == 2);
  CHECK(read->calendars[0] == CalendarPart{.section = "1.3",
                                           .content_type = "text/calendar",
                                           .method = "REQUEST",
                                           .charset = "UTF-8",
                                           .file_name = "",
                                           .placement = CalendarPlacement::inline_part,
                                           .text = calendar});
  CHECK(read->calendars[1] == CalendarPart{.section = "2",
                                           .content_type = "application/ics",
                                           .method = "",
                                           .charset = "",
                                           .file_name = "invite.ics",
                                           .placement = CalendarPlacement::attachment,
                                           .text = calendar});
}

TEST_CASE("a calendar with bare line feeds is sent with CRLF, as RFC 5545 wants") {
  ImipMessage message = cancellation();
  message.calendar = "BEGIN:VCALENDAR\nMETHOD:CANCEL\nEND:VCALENDAR\n";
  const auto built = build_imip_message(message);
  REQUIRE(built);
  const auto read = read_inbound_message(*built);
  REQUIRE(read);
  REQUIRE(read->calendars.size() == 2);
  CHECK(read->calendars[0].text == "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n");
}

TEST_CASE("every organiser's method is written in the part's parameter") {
  const std::vector<std::pair<ItipMethod, std::string>> methods{
      {ItipMethod::publish, "PUBLISH"},
      {ItipMethod::request, "REQUEST"},
      {ItipMethod::add, "ADD"},
      {ItipMethod::cancel, "CANCEL"},
      {ItipMethod::declinecounter, "DECLINECOUNTER"},
  };
  for (const auto& [method, text] : methods) {
    CAPTURE(text);
    CHECK(to_string(method) == text);
    ImipMessage message = cancellation();
    message.method = method;
    message.calendar = "BEGIN:VCALENDAR\r\nMETHOD:" + text + "\r\nEND:VCALENDAR\r\n";
    const auto built = build_imip_message(message);
    REQUIRE(built);
    CHECK(built->find("Content-Type: text/calendar; method=" + text + "; charset=UTF-8\r\n") !=
          std::string::npos);
  }
}

TEST_CASE("what cannot be sent is refused, naming the field") {
  struct Case {
    std::string name;
    void (*change)(ImipMessage&);
    Error error;
  };
  const std::vector<Case> cases{
      {"from without a host", [](ImipMessage& m) { m.from.address = "jimukyoku"; },
       Error{"imip message: from: expected an address like name@example.jp, got \"jimukyoku\"",
             ErrorCode::invalid, meaning_of(mail_meaning::kInvalidAddress, {"from", "jimukyoku"})}},
      {"no recipient", [](ImipMessage& m) { m.to.clear(); },
       Error{"imip message: to: expected at least one recipient", ErrorCode::invalid,
             meaning_of(mail_meaning::kNoRecipients)}},
      {"a recipient's address with a space",
       [](ImipMessage& m) {
         m.to.push_back({"", "a b@example.jp"});
       },
       Error{
           "imip message: to[1]: expected an address like name@example.jp, got \"a b@example.jp\"",
           ErrorCode::invalid,
           meaning_of(mail_meaning::kInvalidAddress, {"to[1]", "a b@example.jp"})}},
      {"a name that would start a header of its own",
       [](ImipMessage& m) { m.to[0].name = "山田\r\nBcc: x@example.jp"; },
       Error{"imip message: to[0].name: a line break or control character at byte 7",
             ErrorCode::invalid, meaning_of(mail_meaning::kControlCharacter, {"to[0].name", "7"})}},
      {"a reply-to that is no address",
       [](ImipMessage& m) {
         m.reply_to = Mailbox{"", "rsvp+@"};
       },
       Error{"imip message: reply_to: expected an address like name@example.jp, got \"rsvp+@\"",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kInvalidAddress, {"reply_to", "rsvp+@"})}},
      {"a subject of two lines", [](ImipMessage& m) { m.subject = "会議\nのご案内"; },
       Error{"imip message: subject: a line break or control character at byte 7",
             ErrorCode::invalid, meaning_of(mail_meaning::kControlCharacter, {"subject", "7"})}},
      {"a subject in Shift_JIS", [](ImipMessage& m) { m.subject = "\x89\xEF\x8B\x63"; },
       Error{"imip message: subject: invalid UTF-8 at byte 1: expected the start of a character, "
             "got 0x89",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kInvalidUtf8, {"subject"},
                        {meaning_of("text.invalid_utf8", {"1"})})}},
      {"a calendar for another method", [](ImipMessage& m) { m.method = ItipMethod::request; },
       Error{"imip message: calendar: expected a line METHOD:REQUEST, got METHOD:CANCEL",
             ErrorCode::invalid, meaning_of(mail_meaning::kMethodMismatch, {"REQUEST", "CANCEL"})}},
      {"a calendar without METHOD",
       [](ImipMessage& m) { m.calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"; },
       Error{"imip message: calendar: expected a line METHOD:CANCEL, got none", ErrorCode::invalid,
             meaning_of(mail_meaning::kMethodMismatch, {"CANCEL", ""})}},
      {"a Japanese file name", [](ImipMessage& m) { m.attachment_file_name = "招待.ics"; },
       Error{"imip message: attachment_file_name: expected 1 to 64 of A-Z a-z 0-9 . _ - ending "
             "in .ics, got \"招待.ics\"",
             ErrorCode::invalid, meaning_of(mail_meaning::kInvalidFileName, {"招待.ics"})}},
      {"a file name that is no calendar", [](ImipMessage& m) { m.attachment_file_name = "a.exe"; },
       Error{"imip message: attachment_file_name: expected 1 to 64 of A-Z a-z 0-9 . _ - ending "
             "in .ics, got \"a.exe\"",
             ErrorCode::invalid, meaning_of(mail_meaning::kInvalidFileName, {"a.exe"})}},
      {"a Message-ID in brackets", [](ImipMessage& m) { m.message_id = "<abc@example.jp>"; },
       Error{"imip message: message_id: expected local@host, got \"<abc@example.jp>\"",
             ErrorCode::invalid,
             meaning_of(mail_meaning::kInvalidMessageId, {"<abc@example.jp>"})}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.name);
    ImipMessage message = cancellation();
    test.change(message);
    const auto built = build_imip_message(message);
    REQUIRE_FALSE(built);
    CHECK(built.error() == test.error);
  }
}

TEST_CASE("a Message-ID made from an id keeps different ids apart") {
  struct Case {
    std::string id;
    std::string domain;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"meeting/42.3", "higashi.example.jp", "meeting=2F42=2E3@higashi.example.jp"},
      {"meeting_42-3", "higashi.example.jp", "meeting_42-3@higashi.example.jp"},
      {"会議", "example.jp", "=E4=BC=9A=E8=AD=B0@example.jp"},
  };
  for (const Case& test : cases) {
    CAPTURE(test.id);
    const auto id = message_id_for(test.id, test.domain);
    REQUIRE(id);
    CHECK(*id == test.expected);
  }
  CHECK(message_id_for("", "example.jp").error() ==
        Error{"message id: id: expected 1 to 128 bytes, got \"\"", ErrorCode::invalid,
              meaning_of(mail_meaning::kInvalidMessageId, {""})});
  CHECK(message_id_for("a", "example..jp").error() ==
        Error{"message id: domain: expected a host name, got \"example..jp\"", ErrorCode::invalid,
              meaning_of(mail_meaning::kInvalidDomain, {"example..jp"})});
}

}  // namespace
}  // namespace torikumi::mail
