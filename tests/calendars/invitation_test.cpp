#include "calendars/invitation.hpp"

#include <doctest/doctest.h>
#include <libical/ical.h>

#include <memory>

#include "calendars/content_lines.hpp"
#include "calendars/feed_reader.hpp"

using namespace date;
using namespace std::chrono_literals;
using namespace torikumi;
using namespace torikumi::calendars;

namespace {

constexpr const char* kUid = "higashi/kyosei@invitations.ward.example.jp";

struct FreeComponent {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, FreeComponent>;

const std::vector<year_month> kMonths{2026_y / June, 2026_y / August, 2026_y / October};

local_seconds local(year_month_day day, std::chrono::minutes time) {
  return local_days{day} + time;
}

// 東区多機関協働推進会議: a monthly series on the second Wednesday at 14:00, 90 minutes.
Invitation series_invitation() {
  Invitation invitation;
  invitation.uid = kUid;
  invitation.sequence = 2;
  invitation.dtstamp = sys_days{2026_y / May / 1} + 1h;
  invitation.summary = "東区多機関協働推進会議";
  invitation.location = "東区役所 3階 第1会議室; 本館";
  invitation.description =
      "東区多機関協働推進会議\n日時: 第2水曜日 14:00〜15:30\nhttps://torikumi.example.jp/m/abc";
  invitation.url = "https://torikumi.example.jp/meetings/kyosei";
  invitation.organizer = {"東区役所 福祉課, 事務局", "jimukyoku@ward.example.jp"};
  invitation.attendees = {
      {.person = {"地域包括支援センター \"東\"", "houkatsu@example.org"},
       .role = AttendeeRole::required},
      {.person = {"田中 太郎", "tanaka@example.org"},
       .role = AttendeeRole::optional,
       .partstat = PartStat::accepted,
       .rsvp = AnswerWanted::no},
      {.person = {"福祉課長", "kacho@ward.example.jp"},
       .role = AttendeeRole::chair,
       .partstat = PartStat::accepted},
  };
  invitation.schedule = MeetingSeries{series_instances(NthWeekday{2, Wednesday}, 14h, kMonths), {}};
  invitation.duration = 90min;
  return invitation;
}

Invitation single_invitation() {
  Invitation invitation = series_invitation();
  invitation.uid = "higashi/meeting/2026-06@invitations.ward.example.jp";
  invitation.schedule = SingleMeeting{local(2026_y / June / 10, 14h)};
  return invitation;
}

std::string written(const Result<std::string>& text) {
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
  return text.value();
}

// The calendar as libical reads it back, with no parse errors anywhere.
Component parsed(const std::string& text) {
  Component calendar{icalparser_parse_string(text.c_str())};
  REQUIRE(calendar);
  REQUIRE(icalcomponent_isa(calendar.get()) == ICAL_VCALENDAR_COMPONENT);
  CHECK(icalcomponent_count_errors(calendar.get()) == 0);
  return calendar;
}

std::vector<icalcomponent*> events_of(icalcomponent* calendar) {
  std::vector<icalcomponent*> events;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event != nullptr; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
    events.push_back(event);
  return events;
}

std::string parameter(icalproperty* property, const char* name) {
  const char* value = icalproperty_get_parameter_as_string(property, name);
  return value == nullptr ? std::string{} : value;
}

std::string value_of(icalcomponent* component, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(component, kind);
  return property == nullptr ? std::string{} : icalproperty_get_value_as_string(property);
}

// The unfolded content line of a property as written: `SUMMARY:...`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  const std::string unfolded = unfold_lines(text);
  std::size_t begin = 0;
  while (begin < unfolded.size()) {
    const std::size_t end = unfolded.find("\r\n", begin);
    const std::string line = unfolded.substr(begin, end - begin);
    if (line.rfind(prefix, 0) == 0) found.push_back(line);
    if (end == std::string::npos) break;
    begin = end + 2;
  }
  return found;
}

struct AttendeeSeen {
  std::string address, cn, role, partstat, rsvp;
  bool operator==(const AttendeeSeen&) const = default;
};

std::vector<AttendeeSeen> attendees_of(icalcomponent* event) {
  std::vector<AttendeeSeen> seen;
  for (icalproperty* property = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY);
       property != nullptr;
       property = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY))
    seen.push_back({icalproperty_get_attendee(property), parameter(property, "CN"),
                    parameter(property, "ROLE"), parameter(property, "PARTSTAT"),
                    parameter(property, "RSVP")});
  return seen;
}

}  // namespace

TEST_CASE("a request reads back with its method, zone, organiser and the meeting as given") {
  const std::string text = written(write_request(single_invitation()));
  const Component calendar = parsed(text);
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_REQUEST);
  CHECK(value_of(calendar.get(), ICAL_PRODID_PROPERTY) == "-//torikumi//torikumi//JA");
  CHECK(value_of(calendar.get(), ICAL_VERSION_PROPERTY) == "2.0");
  icalcomponent* zone = icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  REQUIRE(zone != nullptr);
  CHECK(value_of(zone, ICAL_TZID_PROPERTY) == "Asia/Tokyo");

  const auto events = events_of(calendar.get());
  REQUIRE(events.size() == 1);
  icalcomponent* event = events.front();
  CHECK(std::string{icalcomponent_get_uid(event)} ==
        "higashi/meeting/2026-06@invitations.ward.example.jp");
  CHECK(value_of(event, ICAL_SEQUENCE_PROPERTY) == "2");
  CHECK(value_of(event, ICAL_DTSTAMP_PROPERTY) == "20260501T010000Z");
  icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY);
  CHECK(std::string{icalproperty_get_organizer(organizer)} == "mailto:jimukyoku@ward.example.jp");
  CHECK(parameter(organizer, "CN") == "東区役所 福祉課, 事務局");
  icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  CHECK(parameter(start, "TZID") == "Asia/Tokyo");
  CHECK(value_of(event, ICAL_DTSTART_PROPERTY) == "20260610T140000");
  CHECK(value_of(event, ICAL_DTEND_PROPERTY) == "20260610T153000");
  CHECK(std::string{icalcomponent_get_summary(event)} == "東区多機関協働推進会議");
  CHECK(std::string{icalcomponent_get_location(event)} == "東区役所 3階 第1会議室; 本館");
  CHECK(std::string{icalcomponent_get_description(event)} ==
        "東区多機関協働推進会議\n日時: 第2水曜日 14:00〜15:30\nhttps://torikumi.example.jp/m/abc");
  CHECK(value_of(event, ICAL_URL_PROPERTY) == "https://torikumi.example.jp/meetings/kyosei");
  CHECK(value_of(event, ICAL_CLASS_PROPERTY) == "PUBLIC");
  CHECK(value_of(event, ICAL_STATUS_PROPERTY) == "CONFIRMED");
  CHECK(icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) == nullptr);
  CHECK(icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) == nullptr);
  // Escaped as RFC 5545 wants: the semicolon of the place, the line ends of the description.
  CHECK(lines_starting(text, "LOCATION") ==
        std::vector<std::string>{"LOCATION:東区役所 3階 第1会議室\\; 本館"});
  CHECK(lines_starting(text, "DESCRIPTION").front().find("推進会議\\n日時") != std::string::npos);
}

TEST_CASE("each attendee carries ROLE, PARTSTAT, RSVP and a Japanese CN quoted where it must be") {
  const Component calendar = parsed(written(write_request(single_invitation())));
  const std::vector<AttendeeSeen> expected{
      {"mailto:houkatsu@example.org", "地域包括支援センター ＂東＂", "REQ-PARTICIPANT",
       "NEEDS-ACTION", "TRUE"},
      {"mailto:tanaka@example.org", "田中 太郎", "OPT-PARTICIPANT", "ACCEPTED", "FALSE"},
      {"mailto:kacho@ward.example.jp", "福祉課長", "CHAIR", "ACCEPTED", "TRUE"},
  };
  CHECK(attendees_of(events_of(calendar.get()).front()) == expected);

  // A comma in a name is quoted; a double quote, which a parameter cannot hold, is full-width.
  const std::string text = written(write_request(single_invitation()));
  CHECK(lines_starting(text, "ORGANIZER") ==
        std::vector<std::string>{
            "ORGANIZER;CN=\"東区役所 福祉課, 事務局\":mailto:jimukyoku@ward.example.jp"});
  CHECK(lines_starting(text,
                       "ATTENDEE;CN=地域包括支援センター ＂東＂;CUTYPE=INDIVIDUAL;"
                       "ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:")
            .size() == 1);
}

TEST_CASE("a confidential meeting's envelope is CLASS:CONFIDENTIAL") {
  Invitation invitation = single_invitation();
  invitation.confidentiality = Confidentiality::confidential;
  const Component calendar = parsed(written(write_request(invitation)));
  CHECK(value_of(events_of(calendar.get()).front(), ICAL_CLASS_PROPERTY) == "CONFIDENTIAL");
}

TEST_CASE("Japanese text is folded at 75 octets without splitting a character") {
  Invitation invitation = single_invitation();
  invitation.summary =
      "東区多機関協働推進会議（定例会議）令和8年度第1回のご案内：地域包括支援センター・相談支援事業"
      "所";
  const std::string text = written(write_request(invitation));
  // SUMMARY: (8 octets), 21 three-octet characters and the 8 of 令和8年度 fill the first line to
  // exactly 75; the continuation is a space and the rest, 74 octets. Counted by hand.
  const std::string expected =
      "SUMMARY:東区多機関協働推進会議（定例会議）令和8年度第\r\n"
      " 1回のご案内：地域包括支援センター・相談支援事業所\r\n";
  CHECK(text.find(expected) != std::string::npos);
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find("\r\n", begin);
    REQUIRE(end != std::string::npos);
    CHECK(end - begin <= 75);
    // No line starts with a continuation byte: no character was split.
    if (end > begin + 1) CHECK((static_cast<unsigned char>(text[begin + 1]) & 0xC0) != 0x80);
    begin = end + 2;
  }
  const Component calendar = parsed(text);
  CHECK(std::string{icalcomponent_get_summary(events_of(calendar.get()).front())} ==
        invitation.summary);
}

TEST_CASE("a monthly series is one RRULE whose instances are the meetings") {
  const std::string text = written(write_request(series_invitation()));
  const Component calendar = parsed(text);
  const auto events = events_of(calendar.get());
  REQUIRE(events.size() == 1);
  CHECK(value_of(events.front(), ICAL_RRULE_PROPERTY) ==
        "FREQ=MONTHLY;COUNT=3;INTERVAL=2;BYDAY=2WE");
  const auto instances = expand_feed(text, 2026_y / April / 1, 2027_y / April / 1);
  REQUIRE(instances.ok());
  std::vector<sys_seconds> starts;
  for (const FeedInstance& instance : *instances) starts.push_back(*instance.start);
  CHECK(starts == std::vector<sys_seconds>{sys_days{2026_y / June / 10} + 5h,
                                           sys_days{2026_y / August / 12} + 5h,
                                           sys_days{2026_y / October / 14} + 5h});
}

TEST_CASE("a series no rule gives lists its instances as RDATE") {
  Invitation invitation = series_invitation();
  const std::vector<year_month> months{2026_y / June, 2026_y / July, 2026_y / September};
  invitation.schedule = MeetingSeries{series_instances(NthWeekday{2, Wednesday}, 14h, months), {}};
  REQUIRE(std::holds_alternative<ListedInstances>(
      std::get<MeetingSeries>(invitation.schedule).instances));
  const Component calendar = parsed(written(write_request(invitation)));
  icalcomponent* event = events_of(calendar.get()).front();
  CHECK(icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) == nullptr);
  CHECK(value_of(event, ICAL_DTSTART_PROPERTY) == "20260610T140000");
  std::vector<std::string> rdates;
  for (icalproperty* rdate = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY);
       rdate != nullptr; rdate = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)) {
    CHECK(parameter(rdate, "TZID") == "Asia/Tokyo");
    rdates.push_back(icalproperty_get_value_as_string(rdate));
  }
  CHECK(rdates == std::vector<std::string>{"20260708T140000", "20260909T140000"});
}

TEST_CASE("a moved instance is an override by RECURRENCE-ID and a cancelled one an EXDATE") {
  Invitation invitation = series_invitation();
  invitation.sequence = 3;
  std::get<MeetingSeries>(invitation.schedule).exceptions = {
      MovedInstance{local(2026_y / August / 12, 14h), local(2026_y / August / 13, 10h),
                    "東区役所 別館 大会議室"},
      CancelledInstance{local(2026_y / October / 14, 14h)},
  };
  const std::string text = written(write_request(invitation));
  const Component calendar = parsed(text);
  const auto events = events_of(calendar.get());
  REQUIRE(events.size() == 2);
  CHECK(value_of(events[0], ICAL_EXDATE_PROPERTY) == "20261014T140000");
  icalproperty* recurrence =
      icalcomponent_get_first_property(events[1], ICAL_RECURRENCEID_PROPERTY);
  REQUIRE(recurrence != nullptr);
  CHECK(parameter(recurrence, "TZID") == "Asia/Tokyo");
  CHECK(value_of(events[1], ICAL_RECURRENCEID_PROPERTY) == "20260812T140000");
  CHECK(std::string{icalcomponent_get_uid(events[1])} == kUid);
  CHECK(value_of(events[1], ICAL_SEQUENCE_PROPERTY) == "3");
  CHECK(attendees_of(events[1]).size() == 3);

  const auto instances = expand_feed(text, 2026_y / April / 1, 2027_y / April / 1);
  REQUIRE(instances.ok());
  REQUIRE(instances->size() == 2);
  CHECK((*instances)[0].start == sys_days{2026_y / June / 10} + 5h);
  CHECK((*instances)[0].location == "東区役所 3階 第1会議室; 本館");
  CHECK((*instances)[1].start == sys_days{2026_y / August / 13} + 1h);
  CHECK((*instances)[1].end == sys_days{2026_y / August / 13} + 2h + 30min);
  CHECK((*instances)[1].location == "東区役所 別館 大会議室");
}

TEST_CASE("a zone with daylight saving gets its observances and the instants they give") {
  Invitation invitation = series_invitation();
  auto zone = PlanZone::locate("America/New_York");
  REQUIRE(zone.ok());
  invitation.zone = *zone;
  const std::vector<year_month> months{2026_y / October, 2026_y / November, 2026_y / December};
  invitation.schedule = MeetingSeries{series_instances(NthWeekday{2, Wednesday}, 14h, months), {}};
  const std::string text = written(write_request(invitation));
  const Component calendar = parsed(text);
  icalcomponent* vtimezone =
      icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  REQUIRE(vtimezone != nullptr);
  CHECK(value_of(vtimezone, ICAL_TZID_PROPERTY) == "America/New_York");
  CHECK(icalcomponent_count_components(vtimezone, ICAL_XDAYLIGHT_COMPONENT) >= 1);
  CHECK(icalcomponent_count_components(vtimezone, ICAL_XSTANDARD_COMPONENT) >= 1);
  const auto instances = expand_feed(text, 2026_y / April / 1, 2027_y / April / 1);
  REQUIRE(instances.ok());
  REQUIRE(instances->size() == 3);
  CHECK((*instances)[0].start == sys_days{2026_y / October / 14} + 18h);   // EDT, UTC-4
  CHECK((*instances)[1].start == sys_days{2026_y / November / 11} + 19h);  // EST, UTC-5
}

TEST_CASE("an update keeps the UID and writes the SEQUENCE given") {
  Invitation invitation = single_invitation();
  const std::string first = written(write_request(invitation));
  invitation.sequence = 3;
  invitation.schedule = SingleMeeting{local(2026_y / June / 11, 10h)};
  const std::string update = written(write_request(invitation));
  const Component before = parsed(first);
  const Component after = parsed(update);
  icalcomponent* old_event = events_of(before.get()).front();
  icalcomponent* new_event = events_of(after.get()).front();
  CHECK(std::string{icalcomponent_get_uid(old_event)} == icalcomponent_get_uid(new_event));
  CHECK(value_of(old_event, ICAL_SEQUENCE_PROPERTY) == "2");
  CHECK(value_of(new_event, ICAL_SEQUENCE_PROPERTY) == "3");
  CHECK(value_of(new_event, ICAL_DTSTART_PROPERTY) == "20260611T100000");
}

TEST_CASE("a cancel of the whole series is METHOD:CANCEL, STATUS:CANCELLED, to every attendee") {
  Invitation invitation = series_invitation();
  invitation.sequence = 4;
  const Component calendar = parsed(written(write_cancel(invitation)));
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_CANCEL);
  const auto events = events_of(calendar.get());
  REQUIRE(events.size() == 1);
  CHECK(std::string{icalcomponent_get_uid(events[0])} == kUid);
  CHECK(value_of(events[0], ICAL_SEQUENCE_PROPERTY) == "4");
  CHECK(value_of(events[0], ICAL_STATUS_PROPERTY) == "CANCELLED");
  CHECK(icalcomponent_get_first_property(events[0], ICAL_RECURRENCEID_PROPERTY) == nullptr);
  CHECK(attendees_of(events[0]).size() == 3);
  CHECK(icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT) != nullptr);
}

TEST_CASE("a cancel of one occurrence names it by its RECURRENCE-ID in the zone") {
  Invitation invitation = series_invitation();
  invitation.sequence = 3;
  std::get<MeetingSeries>(invitation.schedule).exceptions = {
      MovedInstance{local(2026_y / August / 12, 14h), local(2026_y / August / 13, 10h), {}}};
  SUBCASE("an instance as the rule gives it") {
    const Component calendar =
        parsed(written(write_occurrence_cancel(invitation, local(2026_y / October / 14, 14h))));
    CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_CANCEL);
    const auto events = events_of(calendar.get());
    REQUIRE(events.size() == 1);
    icalproperty* recurrence =
        icalcomponent_get_first_property(events[0], ICAL_RECURRENCEID_PROPERTY);
    REQUIRE(recurrence != nullptr);
    CHECK(parameter(recurrence, "TZID") == "Asia/Tokyo");
    CHECK(value_of(events[0], ICAL_RECURRENCEID_PROPERTY) == "20261014T140000");
    CHECK(value_of(events[0], ICAL_DTSTART_PROPERTY) == "20261014T140000");
    CHECK(value_of(events[0], ICAL_STATUS_PROPERTY) == "CANCELLED");
    CHECK(value_of(events[0], ICAL_SEQUENCE_PROPERTY) == "3");
    CHECK(icalcomponent_get_first_property(events[0], ICAL_RRULE_PROPERTY) == nullptr);
  }
  SUBCASE("a moved instance: its RECURRENCE-ID is the rule's start, its DTSTART the new one") {
    const Component calendar =
        parsed(written(write_occurrence_cancel(invitation, local(2026_y / August / 12, 14h))));
    icalcomponent* event = events_of(calendar.get()).front();
    CHECK(value_of(event, ICAL_RECURRENCEID_PROPERTY) == "20260812T140000");
    CHECK(value_of(event, ICAL_DTSTART_PROPERTY) == "20260813T100000");
  }
}

TEST_CASE("a cancel for a dropped attendee lists that attendee alone") {
  const Component calendar =
      parsed(written(write_attendee_cancel(series_invitation(), "mailto:tanaka@EXAMPLE.org")));
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_CANCEL);
  icalcomponent* event = events_of(calendar.get()).front();
  CHECK(attendees_of(event) == std::vector<AttendeeSeen>{{"mailto:tanaka@example.org", "田中 太郎",
                                                          "OPT-PARTICIPANT", "ACCEPTED", "FALSE"}});
  CHECK(value_of(event, ICAL_STATUS_PROPERTY) == "CANCELLED");
  CHECK(value_of(event, ICAL_RRULE_PROPERTY) == "FREQ=MONTHLY;COUNT=3;INTERVAL=2;BYDAY=2WE");
}

TEST_CASE("a declined counter answers the proposer about the occurrence proposed for") {
  const ItipReply counter{.method = ReplyMethod::counter,
                          .uid = kUid,
                          .recurrence_id = sys_days{2026_y / June / 10} + 5h,
                          .sequence = 2,
                          .attendee = {"佐藤 花子", "sato@school.example.ed.jp"},
                          .partstat = PartStat::accepted,
                          .comment = "木曜日の午後でしたら参加できます",
                          .organizer_email = "jimukyoku@ward.example.jp",
                          .proposed_start = sys_days{2026_y / June / 11} + 6h};
  const Component calendar = parsed(
      written(write_decline_counter(series_invitation(), counter, "その日は会議室が使えません")));
  CHECK(icalcomponent_get_method(calendar.get()) == ICAL_METHOD_DECLINECOUNTER);
  const auto events = events_of(calendar.get());
  REQUIRE(events.size() == 1);
  CHECK(std::string{icalcomponent_get_uid(events[0])} == kUid);
  CHECK(value_of(events[0], ICAL_RECURRENCEID_PROPERTY) == "20260610T140000");
  CHECK(value_of(events[0], ICAL_COMMENT_PROPERTY) == "その日は会議室が使えません");
  CHECK(attendees_of(events[0]) ==
        std::vector<AttendeeSeen>{{"mailto:sato@school.example.ed.jp", "佐藤 花子",
                                   "REQ-PARTICIPANT", "ACCEPTED", "TRUE"}});
  CHECK(std::string{icalproperty_get_organizer(icalcomponent_get_first_property(
            events[0], ICAL_ORGANIZER_PROPERTY))} == "mailto:jimukyoku@ward.example.jp");
}

TEST_CASE("invitations that cannot be written are refused with the whole message") {
  const std::string where = std::string{"invitation \""} + kUid + "\": ";
  struct Case {
    std::string name;
    Invitation invitation;
    std::string message;
  };
  std::vector<Case> cases;
  {
    Invitation invitation = series_invitation();
    invitation.uid.clear();
    cases.push_back({"no uid", invitation, "invitation \"\": no UID"});
  }
  {
    Invitation invitation = series_invitation();
    invitation.organizer.email.clear();
    cases.push_back({"no organiser", invitation, where + "the organiser has no address"});
  }
  {
    Invitation invitation = series_invitation();
    invitation.attendees[1].person.email.clear();
    cases.push_back(
        {"an attendee without address", invitation, where + "attendees[1] has no address"});
  }
  {
    Invitation invitation = series_invitation();
    invitation.duration = 0min;
    cases.push_back({"no duration", invitation, where + "duration 0 min, expected more than 0"});
  }
  {
    Invitation invitation = series_invitation();
    invitation.schedule = MeetingSeries{ListedInstances{}, {}};
    cases.push_back({"no instances", invitation, where + "a series without instances"});
  }
  {
    Invitation invitation = series_invitation();
    std::get<MeetingSeries>(invitation.schedule).exceptions = {
        CancelledInstance{local(2026_y / July / 8, 14h)}};
    cases.push_back({"an exception of no instance", invitation,
                     where + "an exception for 2026-07-08T14:00, which is no instance of the "
                             "series"});
  }
  {
    Invitation invitation = series_invitation();
    std::get<MeetingSeries>(invitation.schedule).exceptions = {
        CancelledInstance{local(2026_y / June / 10, 14h)},
        MovedInstance{local(2026_y / June / 10, 14h), local(2026_y / June / 11, 14h), {}}};
    cases.push_back({"two exceptions of one instance", invitation,
                     where + "two exceptions for the instance of 2026-06-10T14:00"});
  }
  for (const Case& test : cases) {
    CAPTURE(test.name);
    const auto text = write_request(test.invitation);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().message == test.message);
  }

  const auto single = write_occurrence_cancel(single_invitation(), local(2026_y / June / 10, 14h));
  REQUIRE_FALSE(single.ok());
  CHECK(single.error().message ==
        "invitation \"higashi/meeting/2026-06@invitations.ward.example.jp\": a meeting held once "
        "has no occurrence to cancel; cancel it whole");
  const auto no_instance =
      write_occurrence_cancel(series_invitation(), local(2026_y / June / 10, 15h));
  REQUIRE_FALSE(no_instance.ok());
  CHECK(no_instance.error().message == where + "2026-06-10T15:00 is no instance of the series");
  const auto stranger = write_attendee_cancel(series_invitation(), "nobody@example.org");
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().message == where + "no attendee \"nobody@example.org\"");
  ItipReply reply;
  reply.uid = kUid;
  const auto not_counter = write_decline_counter(series_invitation(), reply, "");
  REQUIRE_FALSE(not_counter.ok());
  CHECK(not_counter.error().message == where + "only a COUNTER is declined, got a REPLY");
  reply.method = ReplyMethod::counter;
  reply.uid = "other@invitations.ward.example.jp";
  const auto other = write_decline_counter(series_invitation(), reply, "");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message ==
        where + "the COUNTER is for UID \"other@invitations.ward.example.jp\"");
}

TEST_CASE("what the builders write is not taken back as an answer") {
  const auto request =
      read_itip(written(write_request(series_invitation())), PlanZone::asia_tokyo());
  REQUIRE_FALSE(request.ok());
  CHECK(request.error().message == "itip: METHOD REQUEST, expected REPLY or COUNTER");
  const auto cancel = read_itip(written(write_cancel(series_invitation())), PlanZone::asia_tokyo());
  REQUIRE_FALSE(cancel.ok());
  CHECK(cancel.error().message == "itip: METHOD CANCEL, expected REPLY or COUNTER");
}
