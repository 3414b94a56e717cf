// The reminder dispatcher against a real receiver on loopback that checks signatures and records
// webhook-ids, driven by a fake clock.

#include "http/delivery/dispatcher.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <sstream>

#include "engine/calendar/business_calendar.hpp"
#include "engine/calendar/time_text.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "store/outbox.hpp"
#include "store/store.hpp"
#include "tests/engine/test_plans.hpp"
#include "tests/http/webhook_receiver.hpp"
#include "tests/store/test_database.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace std::chrono_literals;
using nlohmann::json;
using torikumi::http::testing::ReceiverAnswer;
using torikumi::http::testing::WebhookReceiver;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::string key() { return webhook_key(kSecret).value(); }

date::sys_seconds at(const char* rfc3339) { return parse_rfc3339(rfc3339).value(); }

// A database with the Higashi plan, a config that sends to `url`, a fake clock and a dispatcher.
class Fixture {
 public:
  explicit Fixture(const std::string& url) {
    auto store = store::Store::open(database_.path());
    REQUIRE(store.ok());
    REQUIRE(
        store
            ->import_plan(
                torikumi::testing::higashi_plan(),
                {.actor = {"test", at("2026-03-01T00:00:00Z")}, .source = "", .fiscal_year = 2026})
            .ok());
    config_ = default_config();
    config_.webhooks.push_back({.url = parse_http_url(url).value(), .secret = kSecret});
    config_.directory.unlisted =
        DirectoryEntry{{{"担当者", "owner@example.org"}}, {{"課長", "chief@example.org"}}};
    // What `torikumi remind` and `serve` do at their first start: the dispatcher reads the
    // database's directory.
    REQUIRE(store
                ->import_first_directory(config_.directory, {"test", at("2026-03-01T00:00:00Z")},
                                         "config")
                .value());
    dispatcher_ = make_dispatcher(config_);
  }

  std::unique_ptr<Dispatcher> make_dispatcher(const Config& config) {
    return std::make_unique<Dispatcher>(DispatcherOptions{.database = database_.path(),
                                                          .config = config,
                                                          .clock = [this] { return now_; },
                                                          .transport = &transport_,
                                                          .log = &log_,
                                                          .retry = RetryPolicy{},
                                                          .random = [] { return 0.5; },
                                                          .interval = std::chrono::milliseconds{10},
                                                          .batch = 64,
                                                          .mode = DispatchMode::send});
  }

  PassSummary pass_at(date::sys_seconds now) {
    now_ = now;
    auto pass = dispatcher_->run_once();
    REQUIRE_MESSAGE(pass.ok(), (pass.ok() ? "" : pass.error().message));
    return *pass;
  }

  // The dispatcher from now on runs with `config`.
  void reconfigure(const Config& config) {
    config_ = config;
    dispatcher_ = make_dispatcher(config_);
  }

  store::Store store() { return std::move(store::Store::open(database_.path()).value()); }
  store::Outbox outbox() { return std::move(store::Outbox::open(database_.path()).value()); }
  const std::string& path() const { return database_.path(); }
  const Config& config() const { return config_; }
  std::string log() const { return log_.str(); }

 private:
  store::testing::TemporaryDatabase database_;
  Config config_;
  date::sys_seconds now_;
  HttpTransport transport_{
      HttpTransportOptions{.connect_timeout = 1s, .read_timeout = 2s, .write_timeout = 2s}};
  std::ostringstream log_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

// Every reminder planning gives Higashi with send instants in [from, to).
std::map<std::string, date::sys_seconds> planned_between(date::sys_seconds from,
                                                         date::sys_seconds to) {
  const Plan plan = torikumi::testing::higashi_plan();
  Directory directory;
  directory.unlisted = DirectoryEntry{{{"担当者", "owner@example.org"}}, {}};
  std::map<std::string, date::sys_seconds> planned;
  for (const int year : {2026, 2027}) {
    const auto expansion = expand_plan(plan, date::year{year});
    REQUIRE(expansion.ok());
    for (const auto& r : plan_reminders(plan, *expansion, {}, ReminderRules{}, directory).reminders)
      if (r.send_at >= from && r.send_at < to) planned[r.id] = r.send_at;
  }
  return planned;
}

}  // namespace

TEST_CASE(
    "every reminder of the seed plan over a fiscal year is delivered once, on its business-day "
    "morning") {
  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  const date::sys_seconds from = at("2026-03-01T00:00:00Z");
  const date::sys_seconds to = at("2027-04-01T00:00:00Z");
  std::size_t passes = 0;
  for (date::sys_seconds now = from; now < to; now += 6h) {  // 09:00, 15:00, 21:00, 03:00 in Tokyo
    fixture.pass_at(now);
    ++passes;
  }
  const auto expected = planned_between(from, to);
  const auto received = receiver.received();
  MESSAGE(passes << " passes, " << received.size() << " webhooks for " << expected.size()
                 << " reminders");
  CHECK(expected.size() > 70);
  CHECK(receiver.bad_signatures() == 0);
  CHECK(received.size() == expected.size());
  std::map<std::string, int> seen;
  const BusinessCalendar calendar;
  for (const auto& webhook : received) {
    ++seen[webhook.id];
    const json payload = json::parse(webhook.body);
    CHECK(payload["id"] == webhook.id);
    const auto planned = expected.find(webhook.id);
    REQUIRE_MESSAGE(planned != expected.end(), webhook.id);
    // Sent at the very pass its instant came: 09:00 in Tokyo, on a business day.
    CHECK(webhook.timestamp == planned->second.time_since_epoch().count());
    const auto local = format_rfc3339(planned->second, PlanZone::asia_tokyo());
    CHECK(local.substr(10) == "T09:00:00+09:00");
    CHECK(calendar.is_business_day(parse_iso_date(local.substr(0, 10)).value()));
    CHECK(payload["reminder"]["send_at"] == local);
  }
  for (const auto& [id, count] : seen) CHECK_MESSAGE(count == 1, id);
  // Spot checks of the rule: the April meeting (Wed 8 April, 14:00) 14 days and 1 day before; a
  // 14-day lead on 昭和の日 would move to the day before (reminder_planning_test covers it).
  CHECK(seen.contains("higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z"));
  CHECK(seen.contains("higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z"));
  CHECK(seen.contains("higashi-kyosei/support-plan/fy2026/note-2026-11-30-7d/20261120T0000Z"));
  auto outbox = fixture.outbox();
  const auto dead = outbox.deliveries({.plan = std::nullopt,
                                       .state = store::DeliveryState::dead,
                                       .reminder = std::nullopt,
                                       .limit = 10});
  CHECK(dead->empty());
}

TEST_CASE("with the receiver down for a while, every reminder is delivered once it is up") {
  int port = 0;
  { port = WebhookReceiver{key()}.port(); }  // a free port, closed again
  Fixture fixture{"http://127.0.0.1:" + std::to_string(port) + "/hooks"};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  auto first = fixture.pass_at(start);
  CHECK(first.entered > 0);
  CHECK(first.retried == first.entered);
  const std::size_t due = first.entered;
  fixture.pass_at(start + 10s);
  fixture.pass_at(start + 7min);
  fixture.pass_at(start + 45min);
  WebhookReceiver receiver{key(), port};
  REQUIRE(receiver.port() == port);
  for (date::sys_seconds now = start + 1h; now < start + 30h; now += 1h) fixture.pass_at(now);
  const auto accepted = receiver.accepted();
  CHECK(accepted.size() == due);
  for (const auto& [id, count] : accepted) CHECK(count == 1);
  auto outbox = fixture.outbox();
  const auto rows = outbox.deliveries(
      {.plan = "higashi-kyosei", .state = std::nullopt, .reminder = std::nullopt, .limit = 1000});
  for (const auto& row : *rows) {
    if (row.send_at != start) continue;
    CHECK(row.state == store::DeliveryState::delivered);
    CHECK(row.attempts == 5);  // refused four times (0 s, 10 s, 7 min, 45 min), then delivered
    const auto tries = outbox.attempts(row.reminder, row.endpoint);
    REQUIRE(tries->size() == 5);
    CHECK_FALSE((*tries)[0].status.has_value());
    CHECK((*tries)[0].error.starts_with("connection: "));
    CHECK((*tries)[4].outcome == "delivered");
  }
}

TEST_CASE("an answer of 500 is retried after the first backoff, then 200 delivers") {
  WebhookReceiver receiver{key()};
  std::set<std::string> failed_once;
  receiver.answer_with([&](const std::string& id) {
    return failed_once.insert(id).second ? ReceiverAnswer{500, std::nullopt}
                                         : ReceiverAnswer{200, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.retried == first.entered);
  CHECK(fixture.pass_at(start + 4s).attempted == 0);  // the first wait is 5 s
  const auto second = fixture.pass_at(start + 5s);
  CHECK(second.delivered == first.entered);
  auto outbox = fixture.outbox();
  const std::string id = "higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z";
  const auto tries = outbox.attempts(id, receiver.url());
  REQUIRE(tries->size() == 2);
  CHECK((*tries)[0] == store::AttemptInfo{1, start, 500, "HTTP 500: {}", "retry"});
  CHECK((*tries)[1] == store::AttemptInfo{2, start + 5s, 200, "", "delivered"});
  CHECK(receiver.attempts().at(id) == 2);
}

TEST_CASE("a redirect is retried as a failure, saying where it pointed, not a dead letter") {
  WebhookReceiver receiver{key()};
  std::set<std::string> moved_once;
  receiver.answer_with([&](const std::string& id) {
    return moved_once.insert(id).second
               ? ReceiverAnswer{302, std::nullopt, "https://mail.example.org/hooks/torikumi"}
               : ReceiverAnswer{204, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.retried == first.entered);
  CHECK(first.failed == 0);
  const auto second = fixture.pass_at(start + 5s);
  CHECK(second.delivered == first.entered);
  auto outbox = fixture.outbox();
  const std::string id = "higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z";
  const auto tries = outbox.attempts(id, receiver.url());
  REQUIRE(tries->size() == 2);
  CHECK((*tries)[0] == store::AttemptInfo{1, start, 302,
                                          "HTTP 302 redirect to "
                                          "https://mail.example.org/hooks/torikumi, not followed: "
                                          "correct the webhook's url in the config: {}",
                                          "retry"});
}

TEST_CASE("an answer of 429 waits as long as Retry-After says") {
  WebhookReceiver receiver{key()};
  std::set<std::string> limited;
  receiver.answer_with([&](const std::string& id) {
    return limited.insert(id).second ? ReceiverAnswer{429, "120"}
                                     : ReceiverAnswer{200, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.retried == first.entered);
  auto outbox = fixture.outbox();
  const auto pending = outbox.deliveries({.plan = std::nullopt,
                                          .state = store::DeliveryState::pending,
                                          .reminder = std::nullopt,
                                          .limit = 100});
  REQUIRE_FALSE(pending->empty());
  for (const auto& row : *pending) {
    CHECK(row.next_attempt_at == start + 120s);
    CHECK(row.last_status == 429);
  }
  CHECK(fixture.pass_at(start + 60s).attempted == 0);
  CHECK(fixture.pass_at(start + 120s).delivered == first.entered);
}

TEST_CASE(
    "an answer of 410 disables the endpoint and makes dead letters, replayable once enabled") {
  WebhookReceiver receiver{key()};
  bool gone = true;
  receiver.answer_with([&](const std::string&) {
    return gone ? ReceiverAnswer{410, std::nullopt} : ReceiverAnswer{200, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  // 24 July, a week before 前期 ends: the progress-note reminders of every term-long task are
  // due together.
  const date::sys_seconds start = at("2026-07-24T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.entered > 1);
  CHECK(first.attempted == 1);  // the first answer disables the endpoint
  CHECK(first.failed == 1);
  auto outbox = fixture.outbox();
  const auto disabled = outbox.disabled_endpoints();
  REQUIRE(disabled->size() == 1);
  CHECK((*disabled)[0].url == receiver.url());
  CHECK((*disabled)[0].reason == "HTTP 410: {}");
  const auto dead = outbox.deliveries({.plan = std::nullopt,
                                       .state = store::DeliveryState::dead,
                                       .reminder = std::nullopt,
                                       .limit = 100});
  CHECK(dead->size() == first.entered);
  CHECK(fixture.pass_at(start + 1h).attempted == 0);
  std::size_t total = 0;
  for (const auto& [id, count] : receiver.attempts()) total += count;
  CHECK(total == 1);
  // Enabled again and replayed, they go out.
  gone = false;
  CHECK(outbox.enable_endpoint(receiver.url()).value());
  for (const auto& row : *dead) CHECK(outbox.replay(row.reminder, start + 2h).value() == 1);
  CHECK(fixture.pass_at(start + 2h).delivered == first.entered);
  CHECK(outbox.replay(dead->front().reminder, start + 3h).error().message ==
        "reminder \"" + dead->front().reminder + "\" has no dead deliveries to replay");
  CHECK(outbox.replay("nope", start).error().message == "unknown reminder \"nope\"");
}

TEST_CASE("another 4xx is a dead letter at once, listed and replayable") {
  WebhookReceiver receiver{key()};
  bool refuse = true;
  receiver.answer_with([&](const std::string&) {
    return refuse ? ReceiverAnswer{422, std::nullopt} : ReceiverAnswer{204, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.failed == first.entered);
  CHECK(first.retried == 0);
  auto outbox = fixture.outbox();
  const std::string id = "higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z";
  const auto dead = outbox.deliveries(
      {.plan = std::nullopt, .state = store::DeliveryState::dead, .reminder = id, .limit = 10});
  REQUIRE(dead->size() == 1);
  CHECK((*dead)[0].last_status == 422);
  CHECK((*dead)[0].last_error == "HTTP 422: {}");
  CHECK(fixture.pass_at(start + 1h).attempted == 0);
  refuse = false;
  CHECK(outbox.replay(id, start + 2h).value() == 1);
  const auto replayed = fixture.pass_at(start + 2h);
  CHECK(replayed.attempted == 1);
  CHECK(replayed.delivered == 1);
  CHECK(receiver.accepted().at(id) == 1);
}

TEST_CASE(
    "a reminder whose occurrence is done before it is sent is withdrawn; a moved meeting moves "
    "it") {
  WebhookReceiver receiver{key()};
  bool down = true;
  receiver.answer_with([&](const std::string&) {
    return down ? ReceiverAnswer{503, std::nullopt} : ReceiverAnswer{200, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-03-25T00:00:00Z");
  const std::string april = "higashi-kyosei/multi-agency-meeting/2026-04";
  const std::string old_id = april + "/meeting-14d/20260325T0000Z";
  CHECK(fixture.pass_at(start).retried >= 1);
  {
    auto store = fixture.store();
    REQUIRE(store
                .schedule({.occurrence = april,
                           .start = at("2026-04-20T10:00:00+09:00"),
                           .end = std::nullopt,
                           .place = std::nullopt,
                           .actor = {"test", start}})
                .ok());
  }
  down = false;
  const auto after_move = fixture.pass_at(start + 1h);
  CHECK(after_move.withdrawn == 1);
  CHECK_FALSE(receiver.accepted().contains(old_id));
  fixture.pass_at(at("2026-04-06T00:00:00Z"));
  CHECK(receiver.accepted().contains(april + "/meeting-14d/20260406T0000Z"));
  // Done before its 1-day reminder: nothing more about it is sent.
  {
    auto store = fixture.store();
    REQUIRE(store
                .mark_done({.occurrence = april,
                            .completed_at = at("2026-04-06T01:00:00Z"),
                            .note = "",
                            .actor = {"test", at("2026-04-06T01:00:00Z")}})
                .ok());
  }
  fixture.pass_at(at("2026-04-17T00:00:00Z"));
  fixture.pass_at(at("2026-04-19T00:00:00Z"));
  for (const auto& [id, count] : receiver.accepted())
    CHECK_FALSE(id.starts_with(april + "/meeting-1d"));
  auto outbox = fixture.outbox();
  const auto withdrawn = outbox.deliveries({.plan = std::nullopt,
                                            .state = store::DeliveryState::withdrawn,
                                            .reminder = old_id,
                                            .limit = 10});
  CHECK(withdrawn->size() == 1);
}

TEST_CASE("re-importing the plan and restarting the dispatcher never makes a second reminder") {
  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  const auto first = fixture.pass_at(start);
  CHECK(first.delivered == first.entered);
  {
    auto store = fixture.store();
    auto document = plan_to_json(torikumi::testing::higashi_plan());
    std::reverse(document["tasks"].begin(), document["tasks"].end());
    REQUIRE(store
                .import_plan(read_plan_document(document).value(),
                             {.actor = {"test", start}, .source = "", .fiscal_year = 2026})
                .ok());
  }
  auto restarted = fixture.make_dispatcher(fixture.config());
  auto again = restarted->run_once();
  REQUIRE(again.ok());
  CHECK(again->due == first.due);
  CHECK(again->entered == 0);
  CHECK(again->attempted == 0);
  for (const auto& [id, count] : receiver.accepted()) CHECK(count == 1);
}

TEST_CASE(
    "endpoints come only from the config: another config's dispatcher sends nothing of them") {
  WebhookReceiver receiver{key()};
  WebhookReceiver other{key()};
  receiver.answer_with([](const std::string&) { return ReceiverAnswer{503, std::nullopt}; });
  Fixture fixture{receiver.url()};
  const date::sys_seconds start = at("2026-04-07T00:00:00Z");
  CHECK(fixture.pass_at(start).retried > 0);
  Config elsewhere = fixture.config();
  elsewhere.webhooks = {{.url = parse_http_url(other.url()).value(), .secret = kSecret}};
  auto dispatcher = fixture.make_dispatcher(elsewhere);
  const auto pass = dispatcher->run_once();
  REQUIRE(pass.ok());
  CHECK(pass->attempted == 0);  // what entered for the first endpoint stays with it
  CHECK(other.attempts().empty());
}

namespace {

// One pass of a dispatcher that only says what it would send, at `now`.
Result<PassSummary> dry_run_at(Fixture& fixture, date::sys_seconds now) {
  Dispatcher dry{DispatcherOptions{.database = fixture.path(),
                                   .config = fixture.config(),
                                   .clock = [now] { return now; },
                                   .transport = nullptr,
                                   .log = nullptr,
                                   .retry = RetryPolicy{},
                                   .random = {},
                                   .interval = std::chrono::milliseconds{10},
                                   .batch = 64,
                                   .mode = DispatchMode::dry_run}};
  return dry.run_once();
}

}  // namespace

TEST_CASE("a dry run says what would be sent and writes nothing") {
  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  const auto pass = dry_run_at(fixture, at("2026-04-07T00:00:00Z"));
  REQUIRE(pass.ok());
  CHECK(pass->due > 0);
  CHECK(pass->entered == 0);
  CHECK(std::find(pass->dry_run_lines.begin(), pass->dry_run_lines.end(),
                  "due higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z at "
                  "2026-04-07T09:00:00+09:00: 【明日】多機関協働担当を中心とした会議の開催 — "
                  "2026年4月8日(水) 14:00") != pass->dry_run_lines.end());
  auto outbox = fixture.outbox();
  CHECK(
      outbox
          .deliveries(
              {.plan = std::nullopt, .state = std::nullopt, .reminder = std::nullopt, .limit = 10})
          ->empty());
  CHECK(receiver.attempts().empty());
}

TEST_CASE("a reminder entered days late says the days actually left, not its rule's") {
  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  // The 14-day reminder of the 8 April meeting was planned for 25 March; the dispatcher first
  // runs on 3 April (a first import, a server down for a week).
  const auto pass = dry_run_at(fixture, at("2026-04-03T00:00:00Z"));
  REQUIRE(pass.ok());
  CHECK(std::find(pass->dry_run_lines.begin(), pass->dry_run_lines.end(),
                  "due higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z at "
                  "2026-03-25T09:00:00+09:00: 【5日前】多機関協働担当を中心とした会議の開催 — "
                  "2026年4月8日(水) 14:00") != pass->dry_run_lines.end());
}

TEST_CASE(
    "a plan first reminded of in December sends one summary per owner, once, in place of a "
    "reminder per overdue item") {
  const date::sys_seconds december = at("2026-12-07T01:00:00Z");  // Monday 10:00 in Tokyo
  // An office that is reminded weekly of meetings not recorded and progress notes not written,
  // as of deadlines (with the defaults Higashi has one overdue item with a reminder: a deadline).
  const auto weekly = [](Config config, FirstImportReminders choice) {
    config.reminders.meeting.overdue = OverdueRule{};
    config.reminders.progress_note.overdue = OverdueRule{};
    config.on_first_import = choice;
    return config;
  };
  // As before: every overdue item's reminder at once.
  WebhookReceiver flooded{key()};
  Fixture each{flooded.url()};
  each.reconfigure(weekly(each.config(), FirstImportReminders::each));
  const PassSummary before = each.pass_at(december);
  CHECK(before.held_back == 0);
  CHECK(before.summaries == 0);
  CHECK(before.entered == before.due);

  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  fixture.reconfigure(weekly(fixture.config(), FirstImportReminders::summary));
  const PassSummary first = fixture.pass_at(december);
  MESSAGE("December first import of Higashi: "
          << before.entered << " reminders entered one by one"
          << " before; now " << first.entered << " (" << first.summaries << " summaries of "
          << first.summarised << " overdue items, " << first.held_back << " reminders held back)");
  CHECK(before.entered == 15);  // 14 overdue items, and the 14-day reminder of 9 December's meeting
  CHECK(first.summaries == 3);  // 多機関協働担当, こども家庭センター, 学校連携担当
  CHECK(first.summarised == 14);
  CHECK(first.entered == 4);
  CHECK(first.due == before.due);
  CHECK(first.held_back == first.summarised);  // at 10:00 each item's repeat of the day is due
  CHECK(first.entered == first.due - first.held_back + first.summaries);
  CHECK(first.delivered == first.entered);
  CHECK(first.entered < before.entered);
  std::set<std::string> owners;
  std::size_t items = 0;
  std::size_t overdue_reminders = 0;
  for (const auto& webhook : receiver.received()) {
    const json payload = json::parse(webhook.body);
    if (payload["type"] == "reminder.due") {
      CHECK(payload["reminder"]["kind"] != "overdue");  // what is still ahead goes out as usual
      continue;
    }
    CHECK(payload["type"] == "reminder.summary");
    CHECK(owners.insert(payload["summary"]["owner"].get<std::string>()).second);
    items += payload["summary"]["items"].size();
    CHECK(payload["subject"] == "【東区役所】取組の期限超過 " +
                                    std::to_string(payload["summary"]["items"].size()) +
                                    "件のまとめ");
  }
  for (const auto& webhook : flooded.received())
    if (json::parse(webhook.body)["reminder"]["kind"] == "overdue") ++overdue_reminders;
  CHECK(owners.size() == first.summaries);
  CHECK(items == overdue_reminders);  // each item the summaries list, once, for each reminder

  // remind again that afternoon: nothing more, and the summaries are not withdrawn.
  const PassSummary again = fixture.pass_at(december + 5h);
  CHECK(again.entered == 0);
  CHECK(again.withdrawn == 0);
  CHECK(again.summaries == 0);
  CHECK(again.attempted == 0);
  // An edited plan imported again is no first import.
  {
    auto store = fixture.store();
    Plan edited = torikumi::testing::higashi_plan();
    edited.tasks[0].title += "（改）";
    REQUIRE(store
                .import_plan(edited,
                             {.actor = {"test", december + 6h}, .source = "", .fiscal_year = 2026})
                .ok());
  }
  const PassSummary reimported = fixture.pass_at(december + 6h);
  CHECK(reimported.entered == 0);
  CHECK(reimported.summaries == 0);
  // A week on, each overdue item's next repeat goes out as usual, one by one.
  const PassSummary week = fixture.pass_at(december + date::days{7});
  CHECK(week.summaries == 0);
  CHECK(week.entered > 0);
  std::size_t repeats = 0;
  for (const auto& webhook : receiver.received()) {
    const json payload = json::parse(webhook.body);
    if (payload["type"] == "reminder.due" && payload["reminder"]["kind"] == "overdue") ++repeats;
  }
  CHECK(repeats > 0);
  for (const auto& [id, count] : receiver.accepted()) CHECK(count == 1);
}

TEST_CASE("the background loop delivers and stops") {
  WebhookReceiver receiver{key()};
  Fixture fixture{receiver.url()};
  auto dispatcher = fixture.make_dispatcher(fixture.config());
  fixture.pass_at(at("2026-04-06T00:00:00Z"));  // sets the fake clock; sends the 6 April ones
  const auto before = receiver.accepted().size();
  dispatcher->start();
  dispatcher->stop();
  dispatcher->start();  // a second start after a stop runs again
  dispatcher->stop();
  CHECK(receiver.accepted().size() == before);  // nothing new was due
}

namespace {

// The April meeting's invitation as a send records it: four people of four agencies, sent on 20
// March, its messages entered for no endpoint (this test follows the reminders alone).
store::InvitationRecord april_invitation_sent(const std::string& april) {
  const auto invited = [](std::string email, std::string name, std::string agency,
                          ParticipantRole role) {
    return InvitedPerson{.email = std::move(email),
                         .name = std::move(name),
                         .agency = std::move(agency),
                         .role = role};
  };
  const std::vector<InvitedPerson> attendees{
      invited("takikan@ward.example.jp", "東 花子", "多機関協働担当", ParticipantRole::chair),
      invited("kikan@kikan.example.jp", "北 四郎", "障害者基幹相談支援センター",
              ParticipantRole::required),
      invited("houkatsu@centre.example.jp", "西 次郎", "東区地域包括支援センター",
              ParticipantRole::required),
      invited("kodomo@ward.example.jp", "南 六子", "こども家庭センター", ParticipantRole::required),
  };
  store::InvitationRecord record{
      .plan = "higashi-kyosei",
      .occurrence = april,
      .uid = april + "@invitations.ward.example.jp",
      .expected_messages = 0,
      .after = SentInvitation{.sequence = 0,
                              .shape = {.title = "多機関協働担当を中心とした会議の開催",
                                        .start = at("2026-04-08T14:00:00+09:00"),
                                        .end = at("2026-04-08T15:30:00+09:00"),
                                        .place = "東区役所 3階 会議室",
                                        .cancelled = false},
                              .attendees = attendees},
      .tokens = {},
      .messages = {},
      .declined_counter = std::nullopt,
      .at = at("2026-03-20T01:00:00Z")};
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    record.tokens.emplace_back(attendees[i].email, std::string(32, static_cast<char>('a' + i)));
    record.messages.push_back({.outbox_id = april + "/invitation/" + std::to_string(i + 1),
                               .method = "REQUEST",
                               .notice = "invitation",
                               .sequence = 0,
                               .email = attendees[i].email,
                               .subject = "会議のご案内",
                               .payload = R"({"type": "invitation.request"})"});
  }
  return record;
}

void answer_april(store::Store& store, char token, AnswerState state, const char* when) {
  const auto outcome = store.record_answer({.token = std::string(32, token),
                                            .answer = {.state = state,
                                                       .comment = "",
                                                       .delegate = "",
                                                       .channel = AnswerChannel::link,
                                                       .sequence = 0,
                                                       .stamp = at(when),
                                                       .received_at = at(when)},
                                            .fingerprint = std::string{"answer-"} + token + when},
                                           {"test", at(when)});
  REQUIRE_MESSAGE(outcome.ok(), (outcome.ok() ? "" : outcome.error().message));
}

}  // namespace

TEST_CASE(
    "participant reminders enter the outbox once; an answer withdraws the one not yet sent, and "
    "the nudge names the agency still silent") {
  const std::string april = "higashi-kyosei/multi-agency-meeting/2026-04";
  const std::string kikan_key = "p-c637ab8c455f2195";  // FNV-1a 64 of kikan@kikan.example.jp
  WebhookReceiver receiver{key()};
  receiver.answer_with([&](const std::string& id) {  // 基幹's gateway is down
    return id.find(kikan_key) != std::string::npos ? ReceiverAnswer{503, std::nullopt}
                                                   : ReceiverAnswer{200, std::nullopt};
  });
  Fixture fixture{receiver.url()};
  Config config = fixture.config();  // the owners' reminders off: only the participants'
  config.reminders.meeting.before = {};
  config.reminders.deadline = {.before = {}, .overdue = std::nullopt};
  config.reminders.progress_note.before = {};
  fixture.reconfigure(config);
  {
    auto store = fixture.store();
    REQUIRE(store
                .record_invitation(april_invitation_sent(april), {},
                                   {"test", at("2026-03-20T01:00:00Z")})
                .ok());
    answer_april(store, 'c', AnswerState::accepted, "2026-03-23T01:00:00Z");  // the centre
  }

  // 31 March: nothing due yet. Three unanswered, one coming, and a nudge (基幹, こども).
  const auto before = fixture.pass_at(at("2026-03-31T00:00:00Z"));
  CHECK(before.planned == 5);
  CHECK(before.due == 0);
  CHECK(before.entered == 0);

  // 1 April 09:00, 7 days before: each who has not answered, one webhook each.
  const auto seventh = fixture.pass_at(at("2026-04-01T00:00:00Z"));
  CHECK(seventh.due == 3);
  CHECK(seventh.entered == 3);
  CHECK(seventh.delivered == 2);
  CHECK(seventh.retried == 1);  // 基幹's
  const std::string chair_id =
      april + "/participant-unanswered-7d/p-85136a71e6f0d0e6/20260401T0000Z";
  const std::string kikan_id =
      april + "/participant-unanswered-7d/" + kikan_key + "/20260401T0000Z";
  json chair_payload;
  for (const auto& webhook : receiver.received())
    if (webhook.id == chair_id) chair_payload = json::parse(webhook.body);
  REQUIRE(chair_payload.is_object());
  CHECK(chair_payload["type"] == "reminder.participant");
  CHECK(chair_payload["reminder"] == json{{"rule", "participant-unanswered-7d"},
                                          {"kind", "unanswered"},
                                          {"days", 7},
                                          {"send_at", "2026-04-01T09:00:00+09:00"}});
  CHECK(chair_payload["attendee"] ==
        json{{"agency", "多機関協働担当"}, {"role", "chair"}, {"answer", "needs-action"}});
  CHECK(chair_payload["recipients"] ==
        json::array({{{"name", "東 花子"}, {"email", "takikan@ward.example.jp"}}}));
  CHECK(chair_payload["links"] == json{{"meeting", "http://127.0.0.1:8080/meetings/" + april}});
  CHECK(chair_payload["subject"] ==
        "【ご回答のお願い】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");

  // 基幹 answers by phone before its reminder got through: withdrawn, never sent; its 1-day
  // reminder comes instead. A second pass enters nothing twice.
  {
    auto store = fixture.store();
    answer_april(store, 'b', AnswerState::accepted, "2026-04-01T02:00:00Z");
  }
  const auto answered = fixture.pass_at(at("2026-04-01T03:00:00Z"));
  CHECK(answered.withdrawn == 1);
  CHECK(answered.entered == 0);
  CHECK(answered.planned == 5);  // 2 unanswered, 2 coming, the nudge (こども only now)
  CHECK(answered.attempted == 0);
  auto outbox = fixture.outbox();
  const auto withdrawn = outbox.deliveries({.plan = std::nullopt,
                                            .state = store::DeliveryState::withdrawn,
                                            .reminder = kikan_id,
                                            .limit = 10});
  CHECK(withdrawn->size() == 1);

  // 3 April, 5 days before: the chair hears こども家庭センター has not answered.
  const auto fifth = fixture.pass_at(at("2026-04-03T00:00:00Z"));
  CHECK(fifth.entered == 1);
  CHECK(fifth.delivered == 1);
  const std::string nudge_id = april + "/participant-nudge-5d/20260403T0000Z";
  json nudge;
  for (const auto& webhook : receiver.received())
    if (webhook.id == nudge_id) nudge = json::parse(webhook.body);
  REQUIRE(nudge.is_object());
  CHECK(nudge["type"] == "reminder.nudge");
  CHECK(nudge["unanswered_agencies"] == json::array({"こども家庭センター"}));
  CHECK(nudge["recipients"] ==
        json::array({{{"name", "東 花子"}, {"email", "takikan@ward.example.jp"}}}));

  // 7 April, the day before: the two coming (基幹's gateway still down: retried, not doubled).
  const auto eve = fixture.pass_at(at("2026-04-07T00:00:00Z"));
  CHECK(eve.entered == 2);
  std::set<std::string> accepted;
  for (const auto& [id, count] : receiver.accepted()) {
    CHECK(count == 1);
    accepted.insert(id);
  }
  CHECK(accepted == std::set<std::string>{
                        chair_id,
                        april + "/participant-unanswered-7d/p-55742881458ec558/20260401T0000Z",
                        nudge_id,
                        april + "/participant-accepted-1d/p-f4e3c347e64d1e8c/20260407T0000Z",
                    });
  CHECK(receiver.attempts().at(kikan_id) == 1);
  CHECK(receiver.attempts().at(april + "/participant-accepted-1d/" + kikan_key +
                               "/20260407T0000Z") == 1);
}
