// Sending a meeting occurrence's invitation: who it goes to, what a first send, a move, a
// cancellation, a dropped agency and a declined counter-proposal enter in the outbox, and the
// answer links' signatures.

#include "http/meetings/invitation_sender.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "http/meetings/answer_link.hpp"
#include "http/meetings/reply_intake.hpp"
#include "mail/inbound_message.hpp"
#include "store/outbox.hpp"
#include "tests/example_files.hpp"
#include "tests/store/test_database.hpp"

using namespace date;
using namespace torikumi;
using namespace torikumi::http;
using nlohmann::json;
using torikumi::store::testing::TemporaryDatabase;

namespace {

constexpr const char* kJune = "higashi-kyosei/multi-agency-meeting/2026-06";
const sys_seconds kNow = sys_days{2026_y / May / 20} + std::chrono::hours{1};
const store::Actor kOffice{"東 花子", kNow};

InvitationSettings settings() {
  return InvitationSettings{
      .organizer = {"東区役所 多機関協働 事務局", "takikan@higashi.example.jp"},
      .reply_domain = "higashi.example.jp",
      .base_url = parse_http_url("https://torikumi.higashi.example.jp").value(),
      .language = Language::japanese,
      .endpoints = {"http://127.0.0.1:9/hooks"},
      .link_key = "a-key-for-tests"};
}

struct Fixture {
  Fixture() = default;
  explicit Fixture(std::string plan) : plan_text(std::move(plan)) {}

  std::string plan_text = torikumi::testing::example_text("higashi/plan.json");
  TemporaryDatabase file;
  store::Store store = open();

  store::Store open() {
    auto opened = store::Store::open(file.path());
    REQUIRE(opened.ok());
    auto plan = read_plan_json(plan_text);
    REQUIRE(plan.ok());
    REQUIRE(opened->import_plan(*plan, {.actor = kOffice, .source = "plan.json"}).ok());
    auto agencies =
        read_agencies_json(torikumi::testing::example_text("agencies.json"), "agencies");
    REQUIRE(agencies.ok());
    REQUIRE(opened->import_agencies(*agencies, kOffice, "agencies.json").ok());
    return std::move(*opened);
  }

  SnapshotPointer snapshot() {
    auto stored = store.load_plan("higashi-kyosei");
    REQUIRE(stored.ok());
    auto recorded = store.load_state("higashi-kyosei", 2026);
    REQUIRE(recorded.ok());
    auto made = snapshot_from_record(stored->plan, year{2026}, *recorded, 1, kNow);
    REQUIRE(made.ok());
    return *made;
  }

  InvitationOutcome send(InvitationSend mode, sys_seconds at = kNow) {
    auto sent =
        send_invitation(store, *snapshot(), settings(),
                        {.occurrence = kJune, .send = mode, .comment = {}}, {"東 花子", at});
    REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
    return *sent;
  }

  // The payloads entered for the June meeting, the latest send first.
  std::vector<json> payloads() {
    auto outbox = store::Outbox::open(file.path());
    REQUIRE(outbox.ok());
    const auto due =
        outbox->claim("http://127.0.0.1:9/hooks", kNow + std::chrono::hours{24 * 400}, 100000);
    REQUIRE(due.ok());
    const auto messages = store.invitation_messages(kJune);
    REQUIRE(messages.ok());
    std::vector<json> out;
    for (const auto& message : *messages) {
      const auto delivery = std::find_if(due->begin(), due->end(), [&](const auto& each) {
        return each.reminder == message.outbox_id;
      });
      REQUIRE(delivery != due->end());
      out.push_back(json::parse(delivery->payload));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("a meeting invites each participant agency's current members, once each") {
  Fixture fixture;
  auto agencies = fixture.store.agencies().value();
  const auto invitees =
      meeting_invitees(*fixture.snapshot(), kJune, {}, agencies, sys_days{2026_y / May / 20});
  REQUIRE(invitees.ok());
  CHECK(invitees->desired.shape.title == "多機関協働担当を中心とした会議の開催");
  CHECK(invitees->desired.shape.place == "東区役所 3階 会議室");
  CHECK(invitees->desired.shape.start == sys_days{2026_y / June / 10} + std::chrono::hours{5});
  CHECK(invitees->desired.shape.end == invitees->desired.shape.start + std::chrono::minutes{90});
  std::vector<std::string> emails;
  for (const auto& person : invitees->desired.attendees) emails.push_back(person.email);
  // 大野 健 left the centre on 2025-03-31: not invited.
  CHECK(emails == std::vector<std::string>{
                      "takikan@example.org", "chiiki-fukushi@example.org",
                      "nakamura@houkatsu-higashi.example.jp", "center@houkatsu-higashi.example.jp",
                      "nishida@kikan-soudan.example.jp", "soudan@kikan-soudan.example.jp",
                      "kodomo-katei@example.org", "kosodate@example.org",
                      "mori@shakyo-higashi.example.jp", "coordinator@shakyo-higashi.example.jp"});
  CHECK(invitees->desired.attendees.front().role == ParticipantRole::chair);
  CHECK(invitees->unreached.empty());

  std::erase_if(agencies, [](const Agency& agency) { return agency.name == "こども家庭センター"; });
  const auto without =
      meeting_invitees(*fixture.snapshot(), kJune, {}, agencies, sys_days{2026_y / May / 20});
  CHECK(without->unreached == std::vector<std::string>{"こども家庭センター"});
  const auto campaign = meeting_invitees(*fixture.snapshot(), "higashi-kyosei/awareness/fy2026", {},
                                         agencies, sys_days{2026_y / May / 20});
  CHECK_FALSE(campaign.ok());
}

TEST_CASE("a first send enters one item per person; a move is an update with SEQUENCE raised") {
  Fixture fixture;
  CHECK(fixture.send(InvitationSend::changes).entered == 0);  // never sent: nothing to follow
  const auto first = fixture.send(InvitationSend::first);
  CHECK(first.entered == 10);
  CHECK(first.messages.sequence == 0);
  auto stored = fixture.store.invitation(kJune).value();
  REQUIRE(stored);
  CHECK(stored->uid ==
        "higashi-kyosei/multi-agency-meeting/2026-06@invitations.higashi.example.jp");
  CHECK(stored->attendees.size() == 10);
  const auto payloads = fixture.payloads();
  REQUIRE(payloads.size() == 10);
  const json& one = payloads.back();
  CHECK(one["type"] == "invitation.request");
  CHECK(one["invitation"]["sequence"] == 0);
  CHECK(one["calendar"]["method"] == "REQUEST");
  const std::string link = one["links"]["answer"];
  CHECK(link.starts_with("https://torikumi.higashi.example.jp/answer/"));
  CHECK(link.find("until=2026-06-17&sig=") != std::string::npos);

  // Nothing changed: nothing sent.
  CHECK(fixture.send(InvitationSend::changes).entered == 0);

  // Moved a week on: everyone gets an update at SEQUENCE 1.
  REQUIRE(fixture.store
              .schedule({.occurrence = kJune,
                         .start = sys_days{2026_y / June / 17} + std::chrono::hours{5},
                         .end = std::nullopt,
                         .place = std::nullopt,
                         .actor = kOffice})
              .ok());
  const auto moved = fixture.send(InvitationSend::changes);
  CHECK(moved.entered == 10);
  CHECK(moved.messages.sequence == 1);
  CHECK(moved.messages.update);
  const auto after = fixture.payloads();
  REQUIRE(after.size() == 20);
  CHECK(after.front()["type"] == "invitation.update");
  CHECK(after.front()["invitation"]["sequence"] == 1);
  CHECK(fixture.store.invitation(kJune).value()->sent.sequence == 1);
}

TEST_CASE("a dropped agency's people get a CANCEL for them alone; a cancelled meeting, everyone") {
  Fixture fixture;
  fixture.send(InvitationSend::first);
  REQUIRE(fixture.store
              .set_participant_changes(kJune,
                                       {{.kind = ParticipantChange::Kind::drop,
                                         .agency = "堺市社会福祉協議会東区事務所",
                                         .role = ParticipantRole::optional}},
                                       kOffice)
              .ok());
  const auto dropped = fixture.send(InvitationSend::changes);
  CHECK(dropped.entered == 2);
  CHECK(dropped.messages.sequence == 0);
  REQUIRE(dropped.messages.dropped.size() == 2);
  const auto payloads = fixture.payloads();
  CHECK(payloads.front()["type"] == "invitation.attendee-cancel");
  CHECK(payloads.front()["calendar"]["method"] == "CANCEL");

  REQUIRE(fixture.store.cancel(kJune, "台風のため", kOffice).ok());
  const auto cancelled = fixture.send(InvitationSend::changes);
  CHECK(cancelled.entered == 8);
  CHECK(cancelled.messages.sequence == 1);
  CHECK(fixture.payloads().front()["type"] == "invitation.cancel");
  CHECK(fixture.send(InvitationSend::changes).entered == 0);
  const auto stored = fixture.store.invitation(kJune).value();
  CHECK(stored->sent.shape.cancelled);
}

TEST_CASE("a declined counter-proposal is a DECLINECOUNTER to its author, and decides it") {
  Fixture fixture;
  fixture.send(InvitationSend::first);
  const auto stored = fixture.store.invitation(kJune).value();
  const std::string token =
      stored->attendee_with_email("nakamura@houkatsu-higashi.example.jp")->token;
  const auto counter = fixture.store.record_counter(
      {.token = token,
       .proposed_start = sys_days{2026_y / June / 11} + std::chrono::hours{5},
       .proposed_end = std::nullopt,
       .comment = "11日を希望します",
       .sequence = 0,
       .stamp = kNow,
       .received_at = kNow,
       .fingerprint = "c1"},
      {"inbound email", kNow});
  REQUIRE(counter.ok());
  REQUIRE(decline_counter(fixture.store, *fixture.snapshot(), settings(), counter->id,
                          "他機関の都合により", kOffice)
              .ok());
  CHECK(fixture.store.counter(counter->id).value().state == store::CounterState::declined);
  const auto payloads = fixture.payloads();
  CHECK(payloads.front()["type"] == "invitation.declinecounter");
  CHECK(payloads.front()["recipients"][0]["email"] == "nakamura@houkatsu-higashi.example.jp");
  const auto again =
      decline_counter(fixture.store, *fixture.snapshot(), settings(), counter->id, "", kOffice);
  CHECK_FALSE(again.ok());
}

TEST_CASE("sending needs an endpoint and an organiser") {
  Fixture fixture;
  InvitationSettings none = settings();
  none.endpoints.clear();
  const auto refused =
      send_invitation(fixture.store, *fixture.snapshot(), none,
                      {.occurrence = kJune, .send = InvitationSend::first, .comment = {}}, kOffice);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "no webhook endpoint in the config: invitations are sent through one");
}

TEST_CASE("an answer link is good with its signature, until its day, and for nothing else") {
  const std::string key = "a-key-for-tests";
  const std::string token = "abcdefghijklmnopqrstuvwxyz012345";
  const auto base = parse_http_url("https://torikumi.example.jp").value();
  const std::string link = answer_link(base, key, token, sys_days{2026_y / June / 17});
  const std::string prefix =
      "https://torikumi.example.jp/answer/" + token + "?until=2026-06-17&sig=";
  REQUIRE(link.starts_with(prefix));
  const std::string signature = link.substr(prefix.size());
  CHECK(signature.size() == 32);
  CHECK(check_answer_link(key, token, "2026-06-17", signature, sys_days{2026_y / June / 17}).ok());

  const auto expired =
      check_answer_link(key, token, "2026-06-17", signature, sys_days{2026_y / June / 18});
  CHECK(expired.error().message ==
        "answer link: it answered until 2026-06-17 and that day has passed");
  const auto longer =
      check_answer_link(key, token, "2026-06-30", signature, sys_days{2026_y / June / 17});
  CHECK(longer.error().message == "answer link: the signature does not match");
  CHECK(longer.error().code == ErrorCode::forbidden);
  const auto other_key =
      check_answer_link("other", token, "2026-06-17", signature, sys_days{2026_y / June / 1});
  CHECK(other_key.error().message == "answer link: the signature does not match");
  CHECK(check_answer_link(key, "ABC", "2026-06-17", signature, sys_days{2026_y / June / 1})
            .error()
            .message == "answer link: the reply token is malformed");
  CHECK(check_answer_link(key, token, "2026-6-17", signature, sys_days{2026_y / June / 1})
            .error()
            .message == "answer link: expected until=YYYY-MM-DD, got \"2026-6-17\"");
}

namespace {

// An email reply as a client sends it to the invitation's Reply-To: the calendar inline.
std::string reply_email(const std::string& token, const std::string& from,
                        const std::string& calendar) {
  return "From: " + from + "\r\nTo: <rsvp+" + token +
         "@higashi.example.jp>\r\nSubject: Re: invitation\r\nMessage-ID: <m1@example.org>\r\n"
         "MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=UTF-8; method=" +
         (calendar.find("METHOD:COUNTER") != std::string::npos ? "COUNTER" : "REPLY") + "\r\n\r\n" +
         calendar;
}

// Outlook: no ORGANIZER, a Windows zone name.
std::string outlook_reply(const std::string& uid, const std::string& email,
                          const std::string& partstat, int sequence) {
  return "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\n"
         "VERSION:2.0\r\nBEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" +
         partstat + ";CN=中村 美咲:mailto:" + email +
         "\r\nDTSTART;TZID=Tokyo Standard Time:20260610T140000\r\nUID:" + uid +
         "\r\nSEQUENCE:" + std::to_string(sequence) +
         "\r\nDTSTAMP:20260520T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

mail::InboundMessage read_message(const std::string& raw) {
  auto message = mail::read_inbound_message(raw);
  REQUIRE_MESSAGE(message.ok(), (message.ok() ? "" : message.error().message));
  return *message;
}

}  // namespace

TEST_CASE("an email reply is matched by its reply address, checked and recorded once") {
  Fixture fixture;
  fixture.send(InvitationSend::first);
  const auto stored = fixture.store.invitation(kJune).value();
  const std::string email = "nakamura@houkatsu-higashi.example.jp";
  const std::string token = stored->attendee_with_email(email)->token;
  const store::Actor gateway{"inbound email", kNow + std::chrono::hours{1}};

  // From an alias: the reply address decides, not From.
  const auto message = read_message(reply_email(token, "<m.nakamura@alias.example.org>",
                                                outlook_reply(stored->uid, email, "ACCEPTED", 0)));
  const auto taken = take_reply(fixture.store, message, "digest-1", "higashi.example.jp", gateway);
  REQUIRE_MESSAGE(taken.ok(), (taken.ok() ? "" : taken.error().message));
  REQUIRE(taken->size() == 1);
  CHECK(taken->front().state == AnswerState::accepted);
  CHECK(taken->front().verdict == AnswerVerdict::applied);
  CHECK(taken->front().agency == "東区地域包括支援センター");
  const auto replay = take_reply(fixture.store, message, "digest-1", "higashi.example.jp", gateway);
  CHECK(replay->front().replay);
  CHECK(fixture.store.answer_history(kJune).value().size() == 1);
  CHECK(fixture.store.invitation(kJune).value()->attendee_with_email(email)->answer->state ==
        AnswerState::accepted);

  // Refusals: another invitation's UID, an answer for another attendee, no reply address.
  const auto other_uid =
      take_reply(fixture.store,
                 read_message(reply_email(
                     token, "<a@example.org>",
                     outlook_reply("other@invitations.example.jp", email, "DECLINED", 0))),
                 "digest-2", "higashi.example.jp", gateway);
  REQUIRE_FALSE(other_uid.ok());
  CHECK(other_uid.error().message ==
        "reply: UID \"other@invitations.example.jp\" is not this invitation's (\"" + stored->uid +
            "\")");
  const auto for_other = take_reply(
      fixture.store,
      read_message(reply_email(token, "<a@example.org>",
                               outlook_reply(stored->uid, "takikan@example.org", "DECLINED", 0))),
      "digest-3", "higashi.example.jp", gateway);
  CHECK(for_other.error().message ==
        "reply: ATTENDEE \"takikan@example.org\" answers for another attendee than the token's "
        "\"nakamura@houkatsu-higashi.example.jp\"");
  const auto no_token =
      take_reply(fixture.store,
                 read_message(reply_email(token, "<a@example.org>",
                                          outlook_reply(stored->uid, email, "DECLINED", 0))),
                 "digest-4", "other.example.jp", gateway);
  CHECK(no_token.error().code == ErrorCode::not_found);
  CHECK(fixture.store.answer_history(kJune).value().size() == 1);
}

TEST_CASE("a confidential type's invitation is CLASS:CONFIDENTIAL; a 定例会議's is PUBLIC") {
  auto document = json::parse(torikumi::testing::example_text("higashi/plan.json"));
  for (auto& task : document["tasks"])
    if (task["id"] == "multi-agency-meeting-zenki") task["meeting_type"] = "支援会議";
  Fixture support{document.dump()};
  support.send(InvitationSend::first);
  const auto sent = support.payloads();
  REQUIRE(sent.size() == 10);
  for (const json& payload : sent) {
    const std::string calendar = payload["calendar"]["text"];
    CHECK(calendar.find("CLASS:CONFIDENTIAL\r\n") != std::string::npos);
    // The bodies name the type and ask for confidentiality; the payload says so too.
    CHECK(payload["occurrence"]["meeting_type"] == "支援会議");
    CHECK(payload["occurrence"]["confidential"] == true);
    const std::string text = payload["text"];
    CHECK(text.find("種類：支援会議") != std::string::npos);
    CHECK(text.find("守秘義務があります") != std::string::npos);
  }
  Fixture regular;
  regular.send(InvitationSend::first);
  const json payload = regular.payloads().front();
  const std::string calendar = payload["calendar"]["text"];
  CHECK(calendar.find("CLASS:PUBLIC\r\n") != std::string::npos);
  CHECK(payload["occurrence"]["meeting_type"].is_null());
  CHECK(payload["occurrence"]["confidential"] == false);
  CHECK(std::string{payload["text"]}.find("守秘義務") == std::string::npos);
}
