// Meetings in the database (migration 11): participants per occurrence, invitations with their
// attendees and tokens, answers by token (replays and stale answers), counter-proposals, and the
// messages a send enters in the outbox beside reminders.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/meetings/meetings_meaning.hpp"
#include "store/outbox.hpp"
#include "store/store.hpp"
#include "tests/store/test_database.hpp"

using namespace date;
using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::read_test_plan;
using torikumi::store::testing::TemporaryDatabase;

namespace {

constexpr const char* kPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
 "fiscal_year": 2026,
 "participants": [{"agency": "多機関協働担当", "role": "事務局"},
                  {"agency": "東区地域包括支援センター", "role": "必須"}],
 "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）", "kind": "meeting",
   "meeting_rule": {"week": 2, "weekday": "wednesday", "start": "14:00", "duration_minutes": 90, "place": "会議室"}},
  {"id": "span", "title": "周知", "when": "（4～3月）"}]})";

constexpr const char* kJune = "p/meeting/2026-06";
const sys_seconds kNow = sys_days{2026_y / May / 20} + std::chrono::hours{1};
const Actor kOffice{"事務局", kNow};
const std::vector<std::string> kEndpoints{"http://127.0.0.1:9/hooks"};

InvitedPerson person(std::string email, std::string agency, ParticipantRole role) {
  return InvitedPerson{
      .email = std::move(email), .name = "担当者", .agency = std::move(agency), .role = role};
}
const InvitedPerson kSection =
    person("takikan@ward.example.jp", "多機関協働担当", ParticipantRole::chair);
const InvitedPerson kCentre =
    person("houkatsu@centre.example.jp", "東区地域包括支援センター", ParticipantRole::required);
constexpr const char* kSectionToken = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr const char* kCentreToken = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

MeetingShape june_shape(int day = 10) {
  return MeetingShape{.title = "会議の開催",
                      .start = sys_days{2026_y / June / day} + std::chrono::hours{5},
                      .end = sys_days{2026_y / June / day} + std::chrono::minutes{390},
                      .place = "会議室",
                      .cancelled = false};
}

InvitationMessage message(int n, std::string notice, std::string email, std::uint32_t sequence) {
  return InvitationMessage{.outbox_id = std::string{kJune} + "/invitation/" + std::to_string(n),
                           .method = notice == "cancellation" ? "CANCEL" : "REQUEST",
                           .notice = notice,
                           .sequence = sequence,
                           .email = std::move(email),
                           .subject = "会議のご案内",
                           .payload = R"({"type": "invitation.request"})"};
}

InvitationRecord first_send() {
  return InvitationRecord{
      .plan = "p",
      .occurrence = kJune,
      .uid = "p/meeting/2026-06@invitations.ward.example.jp",
      .expected_messages = 0,
      .after =
          SentInvitation{.sequence = 0, .shape = june_shape(), .attendees = {kSection, kCentre}},
      .tokens = {{kSection.email, kSectionToken}, {kCentre.email, kCentreToken}},
      .messages = {message(1, "invitation", kSection.email, 0),
                   message(2, "invitation", kCentre.email, 0)},
      .declined_counter = std::nullopt,
      .at = kNow};
}

Store store_with_plan(const std::string& path) {
  auto store = Store::open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  const auto imported = store->import_plan(
      read_test_plan(kPlan), {.actor = kOffice, .source = "p.json", .fiscal_year = {}});
  REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
  return std::move(store.value());
}

Answer answer(AnswerState state, AnswerChannel channel, std::uint32_t sequence,
              sys_seconds received, std::string comment = {}) {
  return Answer{.state = state,
                .comment = std::move(comment),
                .delegate = {},
                .channel = channel,
                .sequence = sequence,
                .stamp = received,
                .received_at = received};
}

}  // namespace

TEST_CASE("an occurrence's participant changes are kept in order, checked and audited") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  CHECK(store.participant_changes(kJune).value().empty());
  const std::vector<ParticipantChange> changes{{.kind = ParticipantChange::Kind::add,
                                                .agency = "こども家庭センター",
                                                .role = ParticipantRole::optional},
                                               {.kind = ParticipantChange::Kind::drop,
                                                .agency = "東区地域包括支援センター",
                                                .role = ParticipantRole::required}};
  REQUIRE(store.set_participant_changes(kJune, changes, kOffice).ok());
  CHECK(store.participant_changes(kJune).value() == changes);
  CHECK(store.plan_participant_changes("p", 2026).value().at(kJune) == changes);
  CHECK(store.plan_participant_changes("p", 2027).value().empty());
  // The plan's recorded state carries them, so its snapshot and feeds follow them.
  CHECK(store.load_state("p", 2026).value().find(kJune)->participant_changes == changes);
  const auto history = store.history(std::string_view{kJune}).value();
  REQUIRE_FALSE(history.empty());
  CHECK(history.back().action == "participants set");

  const auto refused = store.set_participant_changes(kJune,
                                                     {{.kind = ParticipantChange::Kind::drop,
                                                       .agency = "東区社会福祉協議会",
                                                       .role = ParticipantRole::required}},
                                                     kOffice);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "changes[0]: drop \"東区社会福祉協議会\": not a participant of the occurrence");
  const auto not_meeting = store.set_participant_changes("p/span/fy2026", changes, kOffice);
  REQUIRE_FALSE(not_meeting.ok());
  CHECK(not_meeting.error().message == "occurrence \"p/span/fy2026\" is not a meeting");
  CHECK(store.participant_changes(kJune).value() == changes);
}

TEST_CASE("a send keeps the invitation, its attendees' tokens and its messages in the outbox") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  CHECK_FALSE(store.invitation(kJune).value());
  REQUIRE(store.record_invitation(first_send(), kEndpoints, kOffice).ok());

  const auto stored = store.invitation(kJune).value();
  REQUIRE(stored);
  CHECK(stored->uid == "p/meeting/2026-06@invitations.ward.example.jp");
  CHECK(stored->sent.sequence == 0);
  CHECK(stored->sent.shape == june_shape());
  CHECK(stored->sent.attendees == std::vector{kSection, kCentre});
  CHECK(stored->messages == 2);
  REQUIRE(stored->attendees.size() == 2);
  CHECK(stored->attendees[1].token == kCentreToken);
  CHECK_FALSE(stored->attendees[1].answer);
  CHECK(store.invitation_by_token(kCentreToken).value()->occurrence == kJune);
  CHECK_FALSE(store.invitation_by_token("cccccccccccccccccccccccccccccccc").value());

  const auto sent = store.invitation_messages(kJune).value();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].outbox_id == "p/meeting/2026-06/invitation/2");
  CHECK(sent[0].delivery == "pending");
  CHECK(sent[1].email == kSection.email);

  // The messages wait in the outbox like reminders, and a reminder pass does not withdraw them.
  auto outbox = Outbox::open(file.path());
  REQUIRE(outbox.ok());
  const auto due = outbox->claim(kEndpoints[0], kNow, 10).value();
  CHECK(due.size() == 2);
  const auto reconciled = outbox->reconcile("p", {}, {}, kEndpoints, kNow).value();
  CHECK(reconciled.withdrawn == 0);
  CHECK_FALSE(outbox->first_entered_at("p").value());

  // A second send made from what was read before the first is refused: its ids are taken.
  const auto again = store.record_invitation(first_send(), kEndpoints, kOffice);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::conflict);
  CHECK(again.error().message ==
        "the invitation of occurrence \"p/meeting/2026-06\" was sent by someone else meanwhile; "
        "look at it again before sending");
}

TEST_CASE("a later send updates the invitation and marks a dropped attendee, keeping tokens") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  REQUIRE(store.record_invitation(first_send(), kEndpoints, kOffice).ok());
  InvitationRecord moved = first_send();
  moved.expected_messages = 2;
  moved.after = SentInvitation{.sequence = 1, .shape = june_shape(17), .attendees = {kSection}};
  moved.messages = {message(3, "update", kSection.email, 1),
                    message(4, "attendee-cancellation", kCentre.email, 1)};
  REQUIRE(store.record_invitation(moved, kEndpoints, kOffice).ok());
  const auto stored = store.invitation(kJune).value();
  REQUIRE(stored);
  CHECK(stored->sent.sequence == 1);
  CHECK(stored->sent.shape == june_shape(17));
  CHECK(stored->sent.attendees == std::vector{kSection});
  REQUIRE(stored->attendees.size() == 2);
  CHECK_FALSE(stored->attendees[1].invited);
  CHECK(stored->attendees[1].token == kCentreToken);
  CHECK(stored->messages == 4);

  // A dropped attendee's answer is refused.
  const auto late =
      store.record_answer({.token = kCentreToken,
                           .answer = answer(AnswerState::accepted, AnswerChannel::email, 1, kNow),
                           .fingerprint = "late"},
                          kOffice);
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().code == ErrorCode::conflict);
}

TEST_CASE("answers by token: applied, replayed, stale and unchanged, each kept in the history") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  REQUIRE(store.record_invitation(first_send(), kEndpoints, kOffice).ok());
  const auto first = store.record_answer(
      {.token = kCentreToken,
       .answer = answer(AnswerState::accepted, AnswerChannel::email, 0, kNow, "出席します"),
       .fingerprint = "message-1"},
      {"inbound email", kNow});
  REQUIRE(first.ok());
  CHECK(first->verdict == AnswerVerdict::applied);
  CHECK_FALSE(first->replay);
  CHECK(first->occurrence == kJune);
  CHECK(first->attendee == kCentre);

  // The same message again changes nothing.
  const auto replay =
      store.record_answer({.token = kCentreToken,
                           .answer = answer(AnswerState::declined, AnswerChannel::email, 0, kNow),
                           .fingerprint = "message-1"},
                          {"inbound email", kNow});
  REQUIRE(replay.ok());
  CHECK(replay->replay);
  CHECK(replay->verdict == AnswerVerdict::applied);

  // An answer made before the kept one is stale; the same answer by the link is unchanged.
  const auto stale =
      store.record_answer({.token = kCentreToken,
                           .answer = answer(AnswerState::declined, AnswerChannel::email, 0,
                                            kNow - std::chrono::hours{1}),
                           .fingerprint = "message-0"},
                          {"inbound email", kNow});
  CHECK(stale.value().verdict == AnswerVerdict::stale);
  const auto same =
      store.record_answer({.token = kCentreToken,
                           .answer = answer(AnswerState::accepted, AnswerChannel::link, 0,
                                            kNow + std::chrono::hours{1}, "出席します"),
                           .fingerprint = "link-1"},
                          {"answer link", kNow});
  CHECK(same.value().verdict == AnswerVerdict::unchanged);

  // A phone answer the 事務局 records replaces it.
  Answer phone = answer(AnswerState::delegated, AnswerChannel::phone, 0,
                        kNow + std::chrono::hours{2}, "  代わりに出ます  ");
  phone.delegate = "南 三郎";
  REQUIRE(store
              .record_answer({.token = kCentreToken, .answer = phone, .fingerprint = "phone-1"},
                             kOffice)
              .ok());
  const auto stored = store.invitation(kJune).value();
  const StoredAttendee* centre = stored->attendee_with_email(kCentre.email);
  REQUIRE(centre);
  REQUIRE(centre->answer);
  CHECK(centre->answer->state == AnswerState::delegated);
  CHECK(centre->answer->channel == AnswerChannel::phone);
  CHECK(centre->answer->comment == "代わりに出ます");
  CHECK(centre->answer->delegate == "南 三郎");

  const auto history = store.answer_history(kJune).value();
  REQUIRE(history.size() == 4);
  CHECK(history[0].verdict == AnswerVerdict::applied);
  CHECK(history[1].verdict == AnswerVerdict::stale);
  CHECK(history[2].verdict == AnswerVerdict::unchanged);
  CHECK(history[3].recorded_by == "事務局");

  const auto unknown =
      store.record_answer({.token = "cccccccccccccccccccccccccccccccc",
                           .answer = answer(AnswerState::accepted, AnswerChannel::link, 0, kNow),
                           .fingerprint = "x"},
                          kOffice);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::not_found);
  CHECK(unknown.error().message == "no invitation has this reply token");
}

TEST_CASE("a counter-proposal is kept open until accepted or declined by a send, once") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  REQUIRE(store.record_invitation(first_send(), kEndpoints, kOffice).ok());
  const CounterRequest request{.token = kCentreToken,
                               .proposed_start = june_shape(17).start,
                               .proposed_end = june_shape(17).end,
                               .comment = "17日ならば出席できます",
                               .sequence = 0,
                               .stamp = kNow,
                               .received_at = kNow,
                               .fingerprint = "counter-1"};
  const auto first = store.record_counter(request, {"inbound email", kNow});
  REQUIRE(first.ok());
  CHECK_FALSE(first->replay);
  CHECK(store.record_counter(request, {"inbound email", kNow}).value().replay);
  CounterRequest second = request;
  second.fingerprint = "counter-2";
  const auto other = store.record_counter(second, {"inbound email", kNow}).value();

  auto counters = store.counters(kJune).value();
  REQUIRE(counters.size() == 2);
  CHECK(counters[1].comment == "17日ならば出席できます");
  CHECK(counters[1].state == CounterState::open);
  CHECK(counters[1].email == kCentre.email);

  const auto accepted = store.accept_counter(first->id, kOffice);
  REQUIRE_MESSAGE(accepted.ok(), accepted.error().message);
  CHECK(store.counter(first->id).value().state == CounterState::accepted);
  const auto twice = store.accept_counter(first->id, kOffice);
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message == "counter-proposal " + std::to_string(first->id) + " is not open");

  InvitationRecord decline = first_send();
  decline.expected_messages = 2;
  decline.messages = {message(3, "declined-counter", kCentre.email, 0)};
  decline.messages[0].method = "DECLINECOUNTER";
  decline.declined_counter = other.id;
  REQUIRE(store.record_invitation(decline, kEndpoints, kOffice).ok());
  CHECK(store.counter(other.id).value().state == CounterState::declined);
  CHECK(store.counter(other.id).value().decided_by == "事務局");
  CHECK(store.counter(999).error().code == ErrorCode::not_found);
}

TEST_CASE("a server key is made once and kept for every later use") {
  TemporaryDatabase file;
  std::string first;
  {
    Store store = store_with_plan(file.path());
    first = store.server_key("answer-links", kNow).value();
    CHECK(first.size() == 43);
    CHECK(store.server_key("answer-links", kNow).value() == first);
    CHECK(store.server_key("other", kNow).value() != first);
  }
  auto again = Store::open(file.path());
  REQUIRE(again.ok());
  CHECK(again->server_key("answer-links", kNow).value() == first);
}

namespace {

AgendaItemText agenda_text(std::string title, std::string presenter = {},
                           std::optional<ItemVisibility> visibility = std::nullopt,
                           std::vector<std::string> agencies = {}) {
  return AgendaItemText{.title = std::move(title),
                        .presenter = std::move(presenter),
                        .minutes = 20,
                        .visibility = visibility,
                        .agencies = std::move(agencies)};
}

std::vector<std::string> titles(const std::vector<AgendaItem>& items) {
  std::vector<std::string> out;
  for (const AgendaItem& item : items)
    out.push_back(std::to_string(item.position) + " " + item.title);
  return out;
}

constexpr const char* kApril = "p/meeting/2026-04";
constexpr const char* kCaseTitle = "山田太郎さん（仮名）の支援方針";

}  // namespace

TEST_CASE(
    "an agenda keeps its items in order through adds, moves, edits and removals, audited "
    "without titles") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  CHECK(store.agenda(kJune).value().empty());
  const auto report =
      store.add_agenda_item(kJune, agenda_text("活動報告", "多機関協働担当"), kOffice);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  CHECK(report->position == 1);
  CHECK(report->visibility == ItemVisibility::participants);
  const auto case_item = store.add_agenda_item(
      kJune,
      agenda_text(kCaseTitle, "東区地域包括支援センター", ItemVisibility::named_agencies,
                  {"東区地域包括支援センター", "多機関協働担当"}),
      kOffice);
  REQUIRE(case_item.ok());
  // Named agencies in the participants' order.
  CHECK(case_item->agencies ==
        std::vector<std::string>{"多機関協働担当", "東区地域包括支援センター"});
  const auto other = store.add_agenda_item(kJune, agenda_text("その他"), kOffice);
  REQUIRE(other.ok());
  CHECK(titles(store.agenda(kJune).value()) ==
        std::vector<std::string>{"1 活動報告", "2 " + std::string{kCaseTitle}, "3 その他"});

  const auto moved = store.move_agenda_item(other->id, 1, kOffice);
  REQUIRE(moved.ok());
  CHECK(titles(store.agenda(kJune).value()) ==
        std::vector<std::string>{"1 その他", "2 活動報告", "3 " + std::string{kCaseTitle}});
  const auto out_of_range = store.move_agenda_item(other->id, 4, kOffice);
  REQUIRE_FALSE(out_of_range.ok());
  CHECK(out_of_range.error().message == "an agenda item's position is 1 to 3, got 4");

  AgendaItemText longer = agenda_text(kCaseTitle, "東区地域包括支援センター",
                                      ItemVisibility::named_agencies, {"東区地域包括支援センター"});
  longer.minutes = 40;
  const auto edited = store.edit_agenda_item(case_item->id, longer, kOffice);
  REQUIRE(edited.ok());
  CHECK(edited->minutes == 40);
  CHECK(store.agenda_item(case_item->id).value().agencies ==
        std::vector<std::string>{"東区地域包括支援センター"});

  const auto removed = store.remove_agenda_item(moved->id, kOffice);
  REQUIRE(removed.ok());
  CHECK(removed->title == "その他");
  CHECK(titles(store.agenda(kJune).value()) ==
        std::vector<std::string>{"1 活動報告", "2 " + std::string{kCaseTitle}});
  const auto gone = store.remove_agenda_item(moved->id, kOffice);
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == ErrorCode::not_found);
  CHECK(gone.error().message == "no agenda item " + std::to_string(moved->id));

  // The occurrence's history has every change, and no title anywhere in it.
  std::vector<std::string> actions;
  const std::vector<AuditEntry> history = store.history(std::string_view{kJune}).value();
  for (const AuditEntry& entry : history) {
    if (!entry.action.starts_with("agenda")) continue;
    actions.push_back(entry.action);
    CHECK(entry.before.find("山田") == std::string::npos);
    CHECK(entry.after.find("山田") == std::string::npos);
    CHECK(entry.after.find("活動報告") == std::string::npos);
  }
  CHECK(actions == std::vector<std::string>{"agenda add", "agenda add", "agenda add", "agenda move",
                                            "agenda edit", "agenda remove"});
}

TEST_CASE("an agenda write is refused with what is wrong, and changes nothing") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  const auto not_meeting = store.add_agenda_item("p/span/fy2026", agenda_text("報告"), kOffice);
  REQUIRE_FALSE(not_meeting.ok());
  CHECK(not_meeting.error().message ==
        "occurrence \"p/span/fy2026\" is not a meeting: it has no "
        "agenda");
  const auto unknown = store.add_agenda_item("p/meeting/2026-05", agenda_text("報告"), kOffice);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::not_found);
  const auto stranger =
      store.add_agenda_item(kJune, agenda_text("報告", "東区社会福祉協議会"), kOffice);
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().message ==
        "presenter \"東区社会福祉協議会\" takes no part in this meeting");
  // An agency added to this occurrence takes part in it.
  REQUIRE(store
              .set_participant_changes(kJune,
                                       {{.kind = ParticipantChange::Kind::add,
                                         .agency = "東区社会福祉協議会",
                                         .role = ParticipantRole::optional}},
                                       kOffice)
              .ok());
  CHECK(store.add_agenda_item(kJune, agenda_text("報告", "東区社会福祉協議会"), kOffice).ok());
  for (std::size_t i = 1; i < kMaxAgendaItems; ++i)
    REQUIRE(store.add_agenda_item(kJune, agenda_text("議題" + std::to_string(i)), kOffice).ok());
  const auto full = store.add_agenda_item(kJune, agenda_text("もう一つ"), kOffice);
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().code == ErrorCode::conflict);
  CHECK(store.agenda(kJune).value().size() == kMaxAgendaItems);
}

TEST_CASE("an item of an earlier meeting is carried over once, settled against the later one") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  const auto april = store.add_agenda_item(
      kApril,
      agenda_text(kCaseTitle, "東区地域包括支援センター", ItemVisibility::named_agencies,
                  {"東区地域包括支援センター"}),
      kOffice);
  REQUIRE(april.ok());
  REQUIRE(store.add_agenda_item(kJune, agenda_text("活動報告"), kOffice).ok());
  const auto carried = store.carry_over_agenda_item(april->id, kJune, kOffice);
  REQUIRE_MESSAGE(carried.ok(), (carried.ok() ? "" : carried.error().message));
  CHECK(carried->position == 2);
  CHECK(carried->carried_from == april->id);
  CHECK(carried->title == kCaseTitle);
  CHECK(carried->agencies == std::vector<std::string>{"東区地域包括支援センター"});
  const auto again = store.carry_over_agenda_item(april->id, kJune, kOffice);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::conflict);
  // Backwards, or into itself, is no carry-over.
  const auto june_item = store.agenda(kJune).value().front();
  const auto backwards = store.carry_over_agenda_item(june_item.id, kApril, kOffice);
  REQUIRE_FALSE(backwards.ok());
  CHECK(backwards.error().message ==
        "agenda item " + std::to_string(june_item.id) +
            " is of \"p/meeting/2026-06\", not of an earlier occurrence of \"p/meeting/2026-04\"'s "
            "meeting");
  // The April item removed, the June copy stays and forgets where it came from.
  REQUIRE(store.remove_agenda_item(april->id, kOffice).ok());
  CHECK_FALSE(store.agenda_item(carried->id).value().carried_from.has_value());
  CHECK(store.history(std::string_view{kJune}).value().back().action == "agenda carry");
}

namespace {

// The outcomes of the first version, approved.
std::vector<MinutesOutcome> approved_outcomes(Store& store) {
  return store.minutes("p/meeting/2026-06").value().front().outcomes;
}

Attendance attended(std::string email, std::string agency, Presence presence,
                    std::string proxy = {}) {
  return Attendance{.email = std::move(email),
                    .name = "担当者",
                    .agency = std::move(agency),
                    .presence = presence,
                    .proxy = std::move(proxy)};
}

}  // namespace

TEST_CASE("attendance is recorded whole, checked, and audited by its counts alone") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  const std::vector<Attendance> record{
      attended(kSection.email, "多機関協働担当", Presence::present),
      attended("chiiki@ward.example.jp", "多機関協働担当", Presence::present),
      attended(kCentre.email, "東区地域包括支援センター", Presence::proxy, "主任 山本"),
      attended("other@centre.example.jp", "東区地域包括支援センター", Presence::absent)};
  REQUIRE(store.record_attendance(kJune, record, kOffice).ok());
  CHECK(store.attendance(kJune).value() == record);
  CHECK(count_attendance(record) == AttendanceCount{.agencies = 2, .people = 3});
  const auto history = store.history(std::string_view{kJune}).value();
  REQUIRE_FALSE(history.empty());
  CHECK(history.back().action == "attendance record");
  CHECK(history.back().after == R"({"absent":1,"agencies":2,"people":3})");
  CHECK(history.back().after.find("山本") == std::string::npos);

  std::vector<Attendance> twice = record;
  twice.push_back(attended("TAKIKAN@ward.example.jp", "多機関協働担当", Presence::absent));
  const auto refused = store.record_attendance(kJune, twice, kOffice);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "attendance: \"TAKIKAN@ward.example.jp\" is listed twice");
  const auto nameless = store.record_attendance(
      kJune, {attended(kCentre.email, "東区地域包括支援センター", Presence::proxy, " ")}, kOffice);
  REQUIRE_FALSE(nameless.ok());
  CHECK(nameless.error().meaning.code == meetings_meaning::kProxyNameNeeded);
  CHECK(store.attendance(kJune).value() == record);
  CHECK_FALSE(store.record_attendance("p/span/fy2026", record, kOffice).ok());
}

TEST_CASE(
    "minutes go draft, submitted, approved and locked; a correction is a new version with a "
    "reason, and approval marks the meeting done") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  const AgendaItem report = store.add_agenda_item(kJune, agenda_text("活動報告"), kOffice).value();
  const AgendaItem case_item =
      store
          .add_agenda_item(kJune,
                           agenda_text(kCaseTitle, {}, ItemVisibility::named_agencies,
                                       {"東区地域包括支援センター"}),
                           kOffice)
          .value();
  CHECK(store.minutes(kJune).value().empty());
  const auto draft = store.save_minutes(
      kJune, {{report.id, "各機関から報告があった。"}, {case_item.id, "支援方針を確認した。"}},
      kOffice);
  REQUIRE_MESSAGE(draft.ok(), (draft.ok() ? "" : draft.error().message));
  CHECK(draft->version == 1);
  CHECK(draft->state == MinutesState::draft);
  REQUIRE(draft->outcomes.size() == 2);
  CHECK(draft->outcomes[1].title == kCaseTitle);
  CHECK(draft->outcomes[1].visibility == ItemVisibility::named_agencies);
  // A draft changes in place; an empty text removes an outcome.
  const auto edited = store.save_minutes(kJune, {{report.id, ""}}, kOffice);
  REQUIRE(edited.ok());
  CHECK(edited->outcomes.size() == 1);
  REQUIRE(store.save_minutes(kJune, {{report.id, "各機関から報告があった。"}}, kOffice).ok());
  const auto unknown = store.save_minutes(kJune, {{9999, "x"}}, kOffice);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::not_found);

  // Approval needs a submission first.
  const sys_seconds held = sys_days{2026_y / June / 10} + std::chrono::hours{5};
  const auto early = store.approve_minutes(kJune, held, "会議を開催", kOffice);
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().code == ErrorCode::conflict);
  REQUIRE(store.submit_minutes(kJune, kOffice).ok());
  const auto locked_draft = store.save_minutes(kJune, {{report.id, "書き換え"}}, kOffice);
  REQUIRE_FALSE(locked_draft.ok());
  CHECK(locked_draft.error().code == ErrorCode::conflict);
  const std::string note = "会議を開催（6月10日、2機関3名出席）";
  const auto approved = store.approve_minutes(kJune, held, note, kOffice);
  REQUIRE(approved.ok());
  CHECK(approved->completed);
  const OccurrenceInfo done = store.occurrence(kJune).value();
  CHECK(done.record.status == OccurrenceStatus::done);
  CHECK(done.record.note == note);
  CHECK(done.record.completed_at == held);

  // Approved is locked: a write is refused, a correction needs a reason, and makes version 2.
  const auto locked = store.save_minutes(kJune, {{report.id, "書き換え"}}, kOffice);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().message ==
        "the minutes of \"p/meeting/2026-06\" are version 1, approved; approved minutes are "
        "locked: correct them with a new version");
  CHECK_FALSE(store.correct_minutes(kJune, "  ", kOffice).ok());
  const auto corrected = store.correct_minutes(kJune, "出席者数の誤り", kOffice);
  REQUIRE(corrected.ok());
  CHECK(corrected->version == 2);
  CHECK(corrected->reason == "出席者数の誤り");
  CHECK(corrected->outcomes == approved_outcomes(store));
  REQUIRE(store.save_minutes(kJune, {{case_item.id, "支援方針を修正した。"}}, kOffice).ok());
  const auto versions = store.minutes(kJune).value();
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].state == MinutesState::approved);
  CHECK(versions[0].outcomes[1].outcome == "支援方針を確認した。");
  CHECK(versions[1].outcomes[1].outcome == "支援方針を修正した。");
  // A second approval finds the meeting done: it stays as it was.
  REQUIRE(store.submit_minutes(kJune, kOffice).ok());
  const auto again = store.approve_minutes(kJune, held, "別の文", kOffice);
  REQUIRE(again.ok());
  CHECK_FALSE(again->completed);
  CHECK(store.occurrence(kJune).value().record.note == note);
  // No outcome and no title in the audit log.
  const std::vector<AuditEntry> history = store.history(std::string_view{kJune}).value();
  for (const AuditEntry& entry : history) {
    CHECK(entry.after.find("支援方針") == std::string::npos);
    CHECK(entry.after.find("山田") == std::string::npos);
  }
}

TEST_CASE(
    "an action a meeting raises is kept until done, with its item's visibility, and audited "
    "without what it says") {
  TemporaryDatabase file;
  Store store = store_with_plan(file.path());
  const AgendaItem case_item =
      store
          .add_agenda_item(kJune,
                           agenda_text(kCaseTitle, {}, ItemVisibility::named_agencies,
                                       {"東区地域包括支援センター"}),
                           kOffice)
          .value();
  const sys_days june_10 = sys_days{2026_y / June / 10};
  const ActionText visit{.what = "山田さん宅を訪問し、状況を確認する",
                         .owner = "東区地域包括支援センター",
                         .due = sys_days{2026_y / July / 31}};
  const auto raised = store.add_action(kJune, visit, case_item.id, june_10, kOffice);
  REQUIRE_MESSAGE(raised.ok(), (raised.ok() ? "" : raised.error().message));
  CHECK(raised->visibility == ItemVisibility::named_agencies);
  CHECK(raised->agencies == std::vector<std::string>{"東区地域包括支援センター"});
  CHECK(raised->open());
  CHECK(store.actions(kJune).value() == std::vector<MeetingAction>{*raised});
  CHECK(store.load_state("p", 2026).value().actions == std::vector<MeetingAction>{*raised});
  CHECK(store.action(raised->id).value() == *raised);
  CHECK_FALSE(may_see(*raised, AgendaReader{.sees_all = false, .agencies = {"多機関協働担当"}}));

  const auto stranger =
      store.add_action(kJune, {.what = "報告", .owner = "東区社会福祉協議会", .due = june_10},
                       std::nullopt, june_10, kOffice);
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().meaning.code == meetings_meaning::kActionOwner);
  const auto early = store.add_action(
      kJune, {.what = "報告", .owner = "多機関協働担当", .due = june_10 - date::days{1}},
      std::nullopt, june_10, kOffice);
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().message ==
        "the action is due on 2026-06-09, before the meeting (2026-06-10)");

  const auto done = store.complete_action(raised->id, kOffice);
  REQUIRE(done.ok());
  CHECK_FALSE(done->open());
  CHECK(done->revision == 1);
  CHECK(store.action(raised->id).value() == *done);
  CHECK(store.complete_action(raised->id, kOffice).error().code == ErrorCode::conflict);
  REQUIRE(store.reopen_action(raised->id, kOffice).ok());
  REQUIRE(store.remove_action(raised->id, kOffice).ok());
  CHECK(store.actions(kJune).value().empty());
  CHECK(store.remove_action(raised->id, kOffice).error().code == ErrorCode::not_found);
  const std::vector<AuditEntry> history = store.history(std::string_view{kJune}).value();
  std::vector<std::string> actions;
  for (const AuditEntry& entry : history) {
    if (!entry.action.starts_with("action ")) continue;
    actions.push_back(entry.action);
    CHECK(entry.before.find("訪問") == std::string::npos);
    CHECK(entry.after.find("訪問") == std::string::npos);
  }
  CHECK(actions ==
        std::vector<std::string>{"action add", "action done", "action reopen", "action remove"});
}
