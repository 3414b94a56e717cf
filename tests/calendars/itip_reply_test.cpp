#include "calendars/itip_reply.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "calendars/itip_meaning.hpp"

using namespace date;
using namespace std::chrono_literals;
using namespace torikumi;
using namespace torikumi::calendars;

namespace {

constexpr const char* kUid = "higashi/kyosei@invitations.ward.example.jp";

std::string corpus_file(const std::string& name) {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/imip/calendars/" + name,
                     std::ios::binary};
  REQUIRE_MESSAGE(file.good(), name);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

sys_seconds at(sys_days day, std::chrono::seconds time_of_day) { return day + time_of_day; }

// A REPLY calendar around one VEVENT's lines (CRLF added).
std::string reply_with(const std::string& event_lines, const std::string& method = "REPLY",
                       const std::string& before_event = "") {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\nMETHOD:" + method + "\r\n" +
      before_event + "BEGIN:VEVENT\r\n";
  std::istringstream lines{event_lines};
  for (std::string line; std::getline(lines, line);) text += line + "\r\n";
  return text + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

std::vector<ItipReply> read_ok(const std::string& text,
                               const PlanZone& zone = PlanZone::asia_tokyo()) {
  auto replies = read_itip(text, zone);
  REQUIRE_MESSAGE(replies.ok(), (replies.ok() ? "" : replies.error().message));
  return std::move(replies.value());
}

}  // namespace

TEST_CASE(
    "every client's answer in the corpus reads to the attendee, answer and occurrence it names") {
  const std::string organizer = "jimukyoku@ward.example.jp";
  struct Case {
    std::string file;
    ItipReply expected;
  };
  const std::vector<Case> cases{
      {"outlook-reply-without-organizer.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .recurrence_id = at(2026_y / August / 12, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / July / 5, 1h + 15min),
        .attendee = {"地域包括支援センター東", "Houkatsu@example.org"},
        .partstat = PartStat::accepted,
        .comment = "出席します。"}},
      {"outlook-counter.ics",
       {.method = ReplyMethod::counter,
        .uid = kUid,
        .recurrence_id = at(2026_y / October / 14, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / September / 20, 2h),
        .attendee = {"相談支援事業所みなみ", "soudan@minami.example.org"},
        .partstat = PartStat::tentative,
        .organizer_email = organizer,
        .proposed_start = at(2026_y / October / 16, 1h),
        .proposed_end = at(2026_y / October / 16, 2h + 30min)}},
      {"google-reply-response-comment.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .recurrence_id = at(2026_y / June / 10, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / June / 1, 0s),
        .attendee = {"こども家庭センター", "c_7f3a9e21b0d44c5e@group.calendar.google.com"},
        .partstat = PartStat::declined,
        .comment = "当日は別の会議のため欠席します。資料は後日拝見します。",
        .organizer_email = organizer}},
      {"google-counter.ics",
       {.method = ReplyMethod::counter,
        .uid = kUid,
        .recurrence_id = at(2026_y / June / 10, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / June / 2, 3h + 30min),
        .attendee = {"shakyo@higashi-shakyo.example.jp", "shakyo@higashi-shakyo.example.jp"},
        .partstat = PartStat::accepted,
        .comment = "翌週の水曜日はいかがでしょうか",
        .organizer_email = organizer,
        .proposed_start = at(2026_y / June / 17, 5h),
        .proposed_end = at(2026_y / June / 17, 6h + 30min)}},
      {"apple-reply.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .sequence = 2,
        .dtstamp = at(2026_y / June / 3, 9h + 15min),
        .attendee = {"田中 太郎", "tanaka@example.org"},
        .partstat = PartStat::accepted,
        .organizer_email = organizer}},
      {"thunderbird-reply.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .sequence = 2,
        .dtstamp = at(2026_y / June / 4, 1h),
        .attendee = {"佐藤 花子", "sato@school.example.ed.jp"},
        .partstat = PartStat::accepted,
        .organizer_email = organizer}},
      {"thunderbird-counter.ics",
       {.method = ReplyMethod::counter,
        .uid = kUid,
        .recurrence_id = at(2026_y / June / 10, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / June / 4, 2h),
        .attendee = {"佐藤 花子", "sato@school.example.ed.jp"},
        .partstat = PartStat::accepted,
        .comment = "木曜日の午後でしたら参加できます",
        .organizer_email = organizer,
        .proposed_start = at(2026_y / June / 11, 6h),
        .proposed_end = at(2026_y / June / 11, 7h + 30min)}},
      {"delegated-reply.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .sequence = 0,
        .dtstamp = at(2026_y / June / 5, 0s),
        .attendee = {"", "soudan@minami.example.org"},
        .partstat = PartStat::delegated,
        .delegated_to = {"Yamada@minami.example.org"},
        .organizer_email = organizer}},
      {"tentative-with-comment.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .recurrence_id = at(2026_y / October / 14, 5h),
        .sequence = 2,
        .dtstamp = at(2026_y / June / 6, 0s),
        .attendee = {"民生委員 高橋", "takahashi@example.jp"},
        .partstat = PartStat::tentative,
        .comment = "遅れて参加します（15時頃）",
        .organizer_email = organizer}},
      {"reply-to-older-sequence.ics",
       {.method = ReplyMethod::reply,
        .uid = kUid,
        .sequence = 1,
        .dtstamp = at(2026_y / May / 20, 0s),
        .attendee = {"田中 太郎", "tanaka@example.org"},
        .partstat = PartStat::declined,
        .organizer_email = organizer}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.file);
    const std::vector<ItipReply> replies = read_ok(corpus_file(test.file));
    REQUIRE(replies.size() == 1);
    CHECK(replies.front().method == test.expected.method);
    CHECK(replies.front().recurrence_id == test.expected.recurrence_id);
    CHECK(replies.front().attendee == test.expected.attendee);
    CHECK(replies.front().comment == test.expected.comment);
    CHECK(replies.front().proposed_start == test.expected.proposed_start);
    CHECK(replies.front().proposed_end == test.expected.proposed_end);
    CHECK(replies.front() == test.expected);
  }
}

TEST_CASE("what is not an answer is refused with a message and a meaning") {
  const std::string event = std::string{"VEVENT 1 (UID \""} + kUid + "\")";
  struct Case {
    std::string file;
    std::string message;
    std::string_view code;
    std::vector<std::string> subjects;
  };
  const std::vector<Case> cases{
      {"request-sent-back.ics",
       "itip: METHOD REQUEST, expected REPLY or COUNTER",
       itip_meaning::kUnexpectedMethod,
       {"REQUEST"}},
      {"reply-without-uid.ics", "itip: VEVENT 1: no UID", itip_meaning::kNoUid, {"1"}},
      {"reply-with-two-attendees.ics",
       "itip: " + event + ": 2 ATTENDEEs in a REPLY, expected one",
       itip_meaning::kSeveralAttendees,
       {"1", kUid, "2"}},
      {"reply-without-attendee.ics",
       "itip: " + event + ": no ATTENDEE",
       itip_meaning::kNoAttendee,
       {"1", kUid}},
      {"reply-without-method.ics",
       "itip: no METHOD, expected REPLY or COUNTER",
       itip_meaning::kNoMethod,
       {}},
      {"reply-without-vevent.ics",
       "itip: a REPLY without VEVENT",
       itip_meaning::kNoEvent,
       {"REPLY"}},
      {"reply-with-unknown-partstat.ics",
       "itip: " + event + ": unknown PARTSTAT \"X-MAYBE\"",
       itip_meaning::kUnknownPartStat,
       {"1", kUid, "X-MAYBE"}},
      {"reply-attendee-not-mailto.ics",
       "itip: " + event +
           ": ATTENDEE \"urn:uuid:5f0c7e9a-0b1d-4c2e-9a57-1d2e3f405060\" is not a mailto: address",
       itip_meaning::kAttendeeNotEmail,
       {"1", kUid, "urn:uuid:5f0c7e9a-0b1d-4c2e-9a57-1d2e3f405060"}},
      {"reply-with-unknown-zone.ics",
       "itip: " + event + ": RECURRENCE-ID has unknown time zone \"Mars Standard Time\"",
       itip_meaning::kUnknownTimeZone,
       {"1", kUid, "RECURRENCE-ID", "Mars Standard Time"}},
      {"counter-without-dtstart.ics",
       "itip: " + event + ": a COUNTER without DTSTART proposes no time",
       itip_meaning::kCounterWithoutTime,
       {"1", kUid}},
      {"garbage.ics",
       "itip: not an iCalendar object: expected BEGIN:VCALENDAR",
       itip_meaning::kNotICalendar,
       {}},
  };
  for (const Case& test : cases) {
    CAPTURE(test.file);
    const auto replies = read_itip(corpus_file(test.file), PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message == test.message);
    CHECK(replies.error().code == ErrorCode::invalid);
    CHECK(replies.error().meaning == meaning_of(test.code, test.subjects));
  }
}

TEST_CASE("a recurrence id in any zone form reads to the same instant") {
  const sys_seconds expected = at(2026_y / August / 12, 5h);  // 14:00 in Tokyo
  const std::string custom_zone =
      "BEGIN:VTIMEZONE\r\nTZID:(UTC+09:00) Osaka\\, Sapporo\\, Tokyo\r\nBEGIN:STANDARD\r\n"
      "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\n"
      "END:VTIMEZONE\r\n";
  struct Case {
    std::string line;
    std::string before_event;
  };
  const std::vector<Case> cases{
      {"RECURRENCE-ID;TZID=Asia/Tokyo:20260812T140000", ""},
      {"RECURRENCE-ID;TZID=Tokyo Standard Time:20260812T140000", ""},
      {"RECURRENCE-ID;TZID=\"Tokyo Standard Time\":20260812T140000", ""},
      {"RECURRENCE-ID:20260812T050000Z", ""},
      {"RECURRENCE-ID:20260812T140000", ""},  // floating: the meeting's zone
      {"RECURRENCE-ID;TZID=Korea Standard Time:20260812T140000", ""},
      {"RECURRENCE-ID;TZID=W. Europe Standard Time:20260812T070000", ""},  // Berlin, summer
      {"RECURRENCE-ID;TZID=\"(UTC+09:00) Osaka, Sapporo, Tokyo\":20260812T140000", custom_zone},
  };
  for (const Case& test : cases) {
    CAPTURE(test.line);
    const auto replies = read_ok(reply_with(std::string{"UID:x\nDTSTAMP:20260801T000000Z\n"} +
                                                "ATTENDEE:mailto:a@example.jp\n" + test.line,
                                            "REPLY", test.before_event));
    REQUIRE(replies.size() == 1);
    CHECK(replies.front().recurrence_id == expected);
  }
  // A floating time is read in the zone given: 14:00 in New York is 18:00 UTC in August.
  const auto new_york = PlanZone::locate("America/New_York");
  REQUIRE(new_york.ok());
  const auto floating = read_ok(
      reply_with("UID:x\nATTENDEE:mailto:a@example.jp\nRECURRENCE-ID:20260812T140000"), *new_york);
  CHECK(floating.front().recurrence_id == at(2026_y / August / 12, 18h));
}

TEST_CASE("a reply with an override per occurrence gives one answer each") {
  const std::string text = reply_with(
      "UID:x\nSEQUENCE:3\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.jp\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:x\nSEQUENCE:3\nRECURRENCE-ID;TZID=Asia/Tokyo:20260812T140000\n"
      "ATTENDEE;PARTSTAT=DECLINED:mailto:a@example.jp");
  const auto replies = read_ok(text);
  REQUIRE(replies.size() == 2);
  CHECK(replies[0].partstat == PartStat::accepted);
  CHECK_FALSE(replies[0].recurrence_id);
  CHECK(replies[1].partstat == PartStat::declined);
  CHECK(replies[1].recurrence_id == at(2026_y / August / 12, 5h));
  CHECK(replies[1].sequence == 3);
  CHECK_FALSE(replies[1].dtstamp);
}

TEST_CASE("hostile calendars are refused within bounds") {
  SUBCASE("text over 256 KiB never reaches libical") {
    const std::string text =
        reply_with("UID:x\nATTENDEE:mailto:a@example.jp\nCOMMENT:" + std::string(300'000, 'a'));
    const auto replies = read_itip(text, PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message == "itip: calendar text of " + std::to_string(text.size()) +
                                         " bytes is over the limit of 262144");
    CHECK(replies.error().meaning ==
          meaning_of(itip_meaning::kTooLarge, {std::to_string(text.size()), "262144"}));
  }
  SUBCASE("more than 100 VEVENTs") {
    std::string events = "UID:x\nATTENDEE:mailto:a@example.jp";
    for (int i = 0; i < 100; ++i)
      events += "\nEND:VEVENT\nBEGIN:VEVENT\nUID:x\nATTENDEE:mailto:a@example.jp";
    const auto replies = read_itip(reply_with(events), PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message == "itip: 101 VEVENTs, more than the 100 the reader takes");
    CHECK(replies.error().meaning == meaning_of(itip_meaning::kTooManyEvents, {"101", "100"}));
  }
  SUBCASE("more than 1000 components, nested") {
    std::string events = "UID:x\nATTENDEE:mailto:a@example.jp";
    for (int i = 0; i < 1000; ++i) events += "\nBEGIN:VALARM";
    for (int i = 0; i < 1000; ++i) events += "\nEND:VALARM";
    const auto replies = read_itip(reply_with(events), PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message == "itip: more than 1000 components, the most the reader takes");
  }
  SUBCASE("a date-time libical cannot read") {
    const auto replies = read_itip(reply_with("UID:x\nATTENDEE:mailto:a@example.jp\nDTSTAMP:soon"),
                                   PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    const std::string libical_says =
        "Can't parse as DATE-TIME value in DTSTAMP property. Removing entire property: soon";
    CHECK(replies.error().message == "itip: libical reports \"" + libical_says + "\"");
    CHECK(replies.error().meaning == meaning_of(itip_meaning::kUnreadable, {libical_says}));
  }
  SUBCASE("a year no meeting has") {
    const auto replies =
        read_itip(reply_with("UID:x\nATTENDEE:mailto:a@example.jp\nRECURRENCE-ID:99991231T000000Z"),
                  PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message ==
          "itip: VEVENT 1 (UID \"x\"): RECURRENCE-ID 99991231T000000Z is outside the years 1970 "
          "to 2200");
    CHECK(replies.error().meaning == meaning_of(itip_meaning::kTimeOutOfRange,
                                                {"1", "x", "RECURRENCE-ID", "99991231T000000Z"}));
  }
  SUBCASE("a NUL ends what is read, which then has no END:VCALENDAR") {
    std::string text = reply_with("UID:x\nATTENDEE:mailto:a@example.jp");
    text.insert(text.find("BEGIN:VEVENT"), std::string{"\0", 1});
    const auto replies = read_itip(text, PlanZone::asia_tokyo());
    REQUIRE_FALSE(replies.ok());
    CHECK(replies.error().message == "itip: not an iCalendar object: expected BEGIN:VCALENDAR");
  }
}

TEST_CASE("an attendee's address is read whatever the case of its mailto:") {
  const auto replies =
      read_ok(reply_with("UID:x\nATTENDEE;PARTSTAT=accepted:MAILTO:Suzuki@Example.JP"));
  REQUIRE(replies.size() == 1);
  CHECK(replies.front().attendee.email == "Suzuki@example.jp");
  CHECK(replies.front().partstat == PartStat::accepted);
  CHECK_FALSE(replies.front().organizer_email);
}
