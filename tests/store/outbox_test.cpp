// The outbox on its own: what it says of a plan's first reminders, and a first import's summary
// entered once however often it is entered.

#include "store/outbox.hpp"

#include <doctest/doctest.h>

#include "engine/calendar/time_text.hpp"
#include "tests/store/test_database.hpp"

using namespace torikumi;
using namespace torikumi::store;

namespace {

date::sys_seconds at(const char* rfc3339) { return parse_rfc3339(rfc3339).value(); }

OutboxEntry summary_entry() {
  return {.id = "p/first-import/owner-8baa27d3/20261207",
          .plan = "p",
          .occurrence = "",
          .rule = "first-import-summary",
          .send_at = at("2026-12-07T01:00:00Z"),
          .subject = "【東区役所】取組の期限超過 2件のまとめ",
          .payload = R"({"type": "reminder.summary"})"};
}

OutboxEntry reminder_entry() {
  return {.id = "p/d5/fy2026/deadline-7d/20261224T0000Z",
          .plan = "p",
          .occurrence = "p/d5/fy2026",
          .rule = "deadline-7d",
          .send_at = at("2026-12-24T00:00:00Z"),
          .subject = "【期限まで7日】年度末の振り返り — 期限 2026年12月31日(木)",
          .payload = "{}"};
}

}  // namespace

TEST_CASE("the outbox says when it took a plan's first reminder, none before") {
  testing::TemporaryDatabase database;
  auto outbox = Outbox::open(database.path());
  REQUIRE(outbox.ok());
  CHECK(outbox->first_entered_at("p").value() == std::nullopt);
  const std::vector<std::string> endpoints{"http://127.0.0.1:9/hooks"};
  const date::sys_seconds first = at("2026-12-07T01:00:00Z");
  const OutboxEntry summary = summary_entry();
  REQUIRE(outbox->reconcile("p", {&summary, 1}, {summary.id}, endpoints, first).ok());
  const OutboxEntry later = reminder_entry();
  REQUIRE(outbox
              ->reconcile("p", {&later, 1}, {summary.id, later.id}, endpoints,
                          at("2026-12-24T00:00:00Z"))
              .ok());
  CHECK(outbox->first_entered_at("p").value() == first);
  CHECK(outbox->first_entered_at("q").value() == std::nullopt);  // another plan's are not its
}

TEST_CASE("a first import's summary enters once, however many passes enter it") {
  testing::TemporaryDatabase database;
  auto outbox = Outbox::open(database.path());
  REQUIRE(outbox.ok());
  const std::vector<std::string> endpoints{"http://127.0.0.1:9/hooks"};
  const OutboxEntry summary = summary_entry();
  const date::sys_seconds first = at("2026-12-07T01:00:00Z");
  const auto entered = outbox->reconcile("p", {&summary, 1}, {summary.id}, endpoints, first);
  REQUIRE(entered.ok());
  CHECK(*entered == ReconcileSummary{.entered = 1, .withdrawn = 0, .revived = 0});
  // `remind` run again that afternoon, or after a restart: the same id enters nothing.
  const auto again =
      outbox->reconcile("p", {&summary, 1}, {summary.id}, endpoints, at("2026-12-07T06:00:00Z"));
  REQUIRE(again.ok());
  CHECK(*again == ReconcileSummary{.entered = 0, .withdrawn = 0, .revived = 0});
  const auto rows = outbox->entered_under_rule("p", "first-import-summary");
  REQUIRE(rows.ok());
  CHECK(*rows == std::vector<EnteredReminder>{{.id = summary.id,
                                               .occurrence = "",
                                               .rule = "first-import-summary",
                                               .send_at = summary.send_at,
                                               .entered_at = first,
                                               .subject = summary.subject,
                                               .payload = summary.payload,
                                               .withdrawn = false}});
  const auto deliveries = outbox->deliveries(
      {.plan = "p", .state = std::nullopt, .reminder = std::nullopt, .limit = 10});
  REQUIRE(deliveries.ok());
  REQUIRE(deliveries->size() == 1);  // one delivery: signed, retried and logged as any reminder's
  CHECK((*deliveries)[0].subject == "【東区役所】取組の期限超過 2件のまとめ");
  CHECK((*deliveries)[0].state == DeliveryState::pending);
  CHECK(outbox->entered_under_rule("p", "deadline-7d").value().empty());
}
