#include "engine/reminders/first_import.hpp"

#include <doctest/doctest.h>

#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/reminders/overdue_summary_message.hpp"
#include "engine/reminders/reminder_payload.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;

namespace {

const Recipient kHanako{"東 花子", "takikan@example.org"};
const Recipient kChief{"地域福祉課長", "chiiki-fukushi@example.org"};
const Recipient kSaburo{"北野 三郎", "gakko-renkei@example.org"};
const Recipient kPlanning{"企画総務課長", "kikaku-somu@example.org"};

// Five deliverables of two owners: four overdue by 7 December 2026, one due on the 31st.
Plan two_owner_plan() {
  const auto task = [](const char* id, const char* title, const char* period, const char* when,
                       const char* owner) {
    return json{{"id", id},     {"title", title},        {"period", period},
                {"when", when}, {"kind", "deliverable"}, {"owner", owner}};
  };
  json document{{"id", "p"},
                {"organisation", {{"name", "東区役所"}}},
                {"initiative", "地域共生社会の実現に向けた取組の推進"},
                {"tasks",
                 {task("d1", "相談支援体制の整備", "前期", "（～5月）", "多機関協働担当"),
                  task("d3", "学校への周知", "中期", "（～11月）", "学校連携担当"),
                  task("d2", "支援プランの作成", "中期", "（～9月）", "多機関協働担当"),
                  task("d4", "連絡会の報告", "中期", "（～10月）", "学校連携担当"),
                  task("d5", "年度末の振り返り", "後期", "（～12月）", "多機関協働担当")}}};
  auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

Directory directory() {
  Directory directory;
  directory.owners["多機関協働担当"] = DirectoryEntry{{kHanako}, {kChief}};
  directory.owners["学校連携担当"] = DirectoryEntry{{kSaburo}, {kPlanning}};
  return directory;
}

std::vector<Reminder> planned(const Plan& plan) {
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  return plan_reminders(plan, *expansion, {}, ReminderRules{}, directory()).reminders;
}

// An instant written in Tokyo's time.
sys_seconds tokyo(const char* local) {
  return parse_rfc3339(std::string{local} + "+09:00").value();
}

std::vector<std::string> ids_of(const std::vector<Reminder>& reminders) {
  std::vector<std::string> ids;
  for (const Reminder& reminder : reminders) ids.push_back(reminder.id);
  return ids;
}

std::vector<std::string> summary_ids(const PassReminders& pass) {
  std::vector<std::string> ids;
  for (const OverdueSummary& summary : pass.summaries) ids.push_back(summary.id);
  return ids;
}

// The overdue repeats that 7 December 2026 finds due (from 09:00 in Tokyo).
constexpr const char* kD1 = "p/d1/fy2026/deadline-overdue-189d/20261207T0000Z";  // 6 Dec: Sunday
constexpr const char* kD2 = "p/d2/fy2026/deadline-overdue-63d/20261202T0000Z";
constexpr const char* kD3 = "p/d3/fy2026/deadline-overdue-7d/20261207T0000Z";
constexpr const char* kD4 = "p/d4/fy2026/deadline-overdue-35d/20261207T0000Z";  // 5 Dec: Saturday
constexpr const char* kSummaryA = "p/first-import/owner-8baa27d3/20261207";
constexpr const char* kSummaryB = "p/first-import/owner-7f0299d7/20261207";

}  // namespace

TEST_CASE(
    "a first import in December sends one summary per owner in place of the overdue reminders") {
  const Plan plan = two_owner_plan();
  const auto reminders = planned(plan);
  const sys_seconds now = tokyo("2026-12-07T10:00:00");
  // As before (each): a reminder per overdue item.
  const PassReminders each = settle_first_import(
      plan, reminders,
      {.choice = FirstImportReminders::each, .first_entered = std::nullopt, .now = now});
  CHECK(ids_of(each.due) == std::vector<std::string>{kD2, kD1, kD3, kD4});
  CHECK(each.held_back.empty());
  CHECK(each.summaries.empty());

  const PassReminders pass = settle_first_import(
      plan, reminders,
      {.choice = FirstImportReminders::summary, .first_entered = std::nullopt, .now = now});
  CHECK(pass.due.empty());
  CHECK(pass.held_back == std::vector<std::string>{kD2, kD1, kD3, kD4});
  const sys_days day = 2026_y / December / 7;
  const std::vector<OverdueSummary> expected{{.id = kSummaryA,
                                              .plan = "p",
                                              .owner = "多機関協働担当",
                                              .send_at = now,
                                              .day = day,
                                              .recipients = {kHanako, kChief},
                                              .escalated = true,
                                              .items = {{.reminder = kD1,
                                                         .occurrence = "p/d1/fy2026",
                                                         .task = "d1",
                                                         .title = "相談支援体制の整備",
                                                         .task_kind = TaskKind::deliverable,
                                                         .periods = {"前期"},
                                                         .period = "",
                                                         .due = 2026_y / May / 31,
                                                         .overdue = days{190},
                                                         .escalated = true},
                                                        {.reminder = kD2,
                                                         .occurrence = "p/d2/fy2026",
                                                         .task = "d2",
                                                         .title = "支援プランの作成",
                                                         .task_kind = TaskKind::deliverable,
                                                         .periods = {"中期"},
                                                         .period = "",
                                                         .due = 2026_y / September / 30,
                                                         .overdue = days{68},
                                                         .escalated = true}}},
                                             {.id = kSummaryB,
                                              .plan = "p",
                                              .owner = "学校連携担当",
                                              .send_at = now,
                                              .day = day,
                                              .recipients = {kSaburo, kPlanning},
                                              .escalated = true,
                                              .items = {{.reminder = kD4,
                                                         .occurrence = "p/d4/fy2026",
                                                         .task = "d4",
                                                         .title = "連絡会の報告",
                                                         .task_kind = TaskKind::deliverable,
                                                         .periods = {"中期"},
                                                         .period = "",
                                                         .due = 2026_y / October / 31,
                                                         .overdue = days{37},
                                                         .escalated = true},
                                                        {.reminder = kD3,
                                                         .occurrence = "p/d3/fy2026",
                                                         .task = "d3",
                                                         .title = "学校への周知",
                                                         .task_kind = TaskKind::deliverable,
                                                         .periods = {"中期"},
                                                         .period = "",
                                                         .due = 2026_y / November / 30,
                                                         .overdue = days{7},
                                                         .escalated = false}}}};
  CHECK(pass.summaries == expected);
}

TEST_CASE("what a pass enters of a plan's first import, by choice and by pass") {
  const Plan plan = two_owner_plan();
  const auto reminders = planned(plan);
  const sys_seconds first = tokyo("2026-12-07T10:00:00");
  struct Case {
    const char* name;
    FirstImportReminders choice;
    std::optional<sys_seconds> first_entered;
    sys_seconds now;
    std::vector<std::string> due;
    std::vector<std::string> held_back;
    std::vector<std::string> summaries;
  };
  const std::vector<Case> cases{
      {"the first import: a summary per owner",
       FirstImportReminders::summary,
       std::nullopt,
       first,
       {},
       {kD2, kD1, kD3, kD4},
       {kSummaryA, kSummaryB}},
      {"remind run again that afternoon: nothing more",
       FirstImportReminders::summary,
       first,
       tokyo("2026-12-07T15:00:00"),
       {},
       {kD2, kD1, kD3, kD4},
       {}},
      {"the next morning: the day's repeats as usual",
       FirstImportReminders::summary,
       first,
       tokyo("2026-12-09T09:00:00"),
       {"p/d2/fy2026/deadline-overdue-70d/20261209T0000Z"},
       {kD1, kD3, kD4},
       {}},
      {"a week on: every repeat as usual",
       FirstImportReminders::summary,
       first,
       tokyo("2026-12-14T09:00:00"),
       {"p/d2/fy2026/deadline-overdue-70d/20261209T0000Z",
        "p/d1/fy2026/deadline-overdue-196d/20261214T0000Z",
        "p/d3/fy2026/deadline-overdue-14d/20261214T0000Z",
        "p/d4/fy2026/deadline-overdue-42d/20261214T0000Z"},
       {},
       {}},
      {"an item due after the first import: its reminders ahead as usual",
       FirstImportReminders::summary,
       first,
       tokyo("2026-12-24T09:00:00"),
       {"p/d1/fy2026/deadline-overdue-203d/20261221T0000Z",
        "p/d3/fy2026/deadline-overdue-21d/20261221T0000Z",
        "p/d4/fy2026/deadline-overdue-49d/20261221T0000Z",
        "p/d2/fy2026/deadline-overdue-84d/20261223T0000Z",
        "p/d5/fy2026/deadline-7d/20261224T0000Z"},
       {},
       {}},
      {"an item overdue after the first import: its repeats as usual",
       FirstImportReminders::summary,
       first,
       tokyo("2027-01-07T09:00:00"),
       {"p/d1/fy2026/deadline-overdue-217d/20270104T0000Z",
        "p/d3/fy2026/deadline-overdue-35d/20270104T0000Z",
        "p/d4/fy2026/deadline-overdue-63d/20270104T0000Z",
        "p/d2/fy2026/deadline-overdue-98d/20270106T0000Z",
        "p/d5/fy2026/deadline-overdue-7d/20270107T0000Z"},
       {},
       {}},
      {"none: nothing of the past",
       FirstImportReminders::none,
       std::nullopt,
       first,
       {},
       {kD2, kD1, kD3, kD4},
       {}},
      {"none, run again: still nothing",
       FirstImportReminders::none,
       first,
       tokyo("2026-12-07T15:00:00"),
       {},
       {kD2, kD1, kD3, kD4},
       {}},
      {"each: today's behaviour",
       FirstImportReminders::each,
       std::nullopt,
       first,
       {kD2, kD1, kD3, kD4},
       {},
       {}},
      {"a plan reminded since April is no first import",
       FirstImportReminders::summary,
       tokyo("2026-04-01T09:00:00"),
       first,
       {kD2, kD1, kD3, kD4},
       {},
       {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const PassReminders pass = settle_first_import(
        plan, reminders, {.choice = c.choice, .first_entered = c.first_entered, .now = c.now});
    CHECK(ids_of(pass.due) == c.due);
    CHECK(pass.held_back == c.held_back);
    CHECK(summary_ids(pass) == c.summaries);
  }
}

TEST_CASE("a first import before the morning's send time lists the repeats of later that day") {
  const Plan plan = two_owner_plan();
  const auto reminders = planned(plan);
  const sys_seconds early = tokyo("2026-12-07T08:00:00");
  // At 08:00 the repeat of 30 November is due for d1, nothing yet for d3 (due 30 November).
  const PassReminders pass = settle_first_import(
      plan, reminders,
      {.choice = FirstImportReminders::summary, .first_entered = std::nullopt, .now = early});
  CHECK(pass.due.empty());
  CHECK(pass.held_back ==
        std::vector<std::string>{"p/d1/fy2026/deadline-overdue-182d/20261130T0000Z",
                                 "p/d4/fy2026/deadline-overdue-28d/20261130T0000Z", kD2});
  REQUIRE(pass.summaries.size() == 2);
  std::vector<std::string> items;
  for (const auto& summary : pass.summaries)
    for (const auto& item : summary.items) items.push_back(item.reminder);
  CHECK(items == std::vector<std::string>{kD1, kD2, kD4, kD3});  // the 09:00 ones stand for them
  // At 09:00 those of 09:00 are due: held back, as the summary told of them.
  const PassReminders nine = settle_first_import(plan, reminders,
                                                 {.choice = FirstImportReminders::summary,
                                                  .first_entered = early,
                                                  .now = tokyo("2026-12-07T09:00:00")});
  CHECK(nine.due.empty());
  CHECK(nine.held_back == std::vector<std::string>{kD2, kD1, kD3, kD4});
  CHECK(nine.summaries.empty());
}

TEST_CASE("a summary's subject and bodies, in Japanese and in English") {
  const Plan plan = two_owner_plan();
  const PassReminders pass = settle_first_import(plan, planned(plan),
                                                 {.choice = FirstImportReminders::summary,
                                                  .first_entered = std::nullopt,
                                                  .now = tokyo("2026-12-07T10:00:00")});
  REQUIRE(pass.summaries.size() == 2);
  const OverdueSummary& summary = pass.summaries[0];
  const OverdueSummaryLinks links{
      .plan = {.dashboard = "https://torikumi.example.org/plans/p",
               .feed = "https://torikumi.example.org/calendars/p.ics"},
      .overdue = "https://torikumi.example.org/plans/p/overdue?owner=%E5%A4%9A"};
  const auto japanese = overdue_summary_wording(plan, summary, Language::japanese);
  CHECK(japanese.subject == "【東区役所】取組の期限超過 2件のまとめ");
  CHECK(
      overdue_summary_text(japanese, links) ==
      "多機関協働担当 ご担当者様\n\n"
      "この取組は年度の途中から torikumi に取り込まれました。期限を過ぎている次の 2 件は、"
      "1件ずつのリマインダーに代えて、このまとめでお知らせします。完了したものは記録してください。"
      "期限を大きく過ぎている項目があるため、エスカレーション先にもお知らせしています。\n\n"
      "取組: 地域共生社会の実現に向けた取組の推進（東区役所）\n"
      "担当: 多機関協働担当\n\n"
      "・相談支援体制の整備 — 期限 2026年5月31日(日)、190日超過\n"
      "・支援プランの作成 — 期限 2026年9月30日(水)、68日超過\n\n"
      "期限超過の一覧: https://torikumi.example.org/plans/p/overdue?owner=%E5%A4%9A\n"
      "ダッシュボード: https://torikumi.example.org/plans/p\n"
      "カレンダー: https://torikumi.example.org/calendars/p.ics\n");
  const auto english = overdue_summary_wording(plan, summary, Language::english);
  CHECK(english.subject == "[東区役所] A summary of 2 overdue items");
  CHECK(overdue_summary_text(english, links) ==
        "To 多機関協働担当,\n\n"
        "This plan came into torikumi in the middle of its fiscal year. The 2 items below are "
        "past their due days: this one summary tells of them in place of a reminder each. Please "
        "record each once done. As some are long overdue, the escalation list hears of them "
        "too.\n\n"
        "Initiative: 地域共生社会の実現に向けた取組の推進 (東区役所)\n"
        "Owner: 多機関協働担当\n\n"
        "- 相談支援体制の整備 — due Sun 31 May 2026, 190 days overdue\n"
        "- 支援プランの作成 — due Wed 30 Sep 2026, 68 days overdue\n\n"
        "Overdue items: https://torikumi.example.org/plans/p/overdue?owner=%E5%A4%9A\n"
        "Dashboard: https://torikumi.example.org/plans/p\n"
        "Calendar: https://torikumi.example.org/calendars/p.ics\n");
  // One item of one owner, none escalated: singular, no escalation sentence.
  OverdueSummary one = pass.summaries[1];
  one.items.erase(one.items.begin());
  one.escalated = false;
  CHECK(overdue_summary_wording(plan, one, Language::english).subject ==
        "[東区役所] A summary of 1 overdue item");
  CHECK(overdue_summary_wording(plan, one, Language::english).sentence ==
        "This plan came into torikumi in the middle of its fiscal year. The 1 item below is past "
        "its due day: this one summary tells of it in place of a reminder each. Please record "
        "each once done.");
  CHECK(overdue_summary_wording(plan, one, Language::japanese).items ==
        std::vector<std::string>{"学校への周知 — 期限 2026年11月30日(月)、7日超過"});
}

TEST_CASE("a summary's webhook body lists its items and whom it goes to") {
  const Plan plan = two_owner_plan();
  const PassReminders pass = settle_first_import(plan, planned(plan),
                                                 {.choice = FirstImportReminders::summary,
                                                  .first_entered = std::nullopt,
                                                  .now = tokyo("2026-12-07T10:00:00")});
  REQUIRE(pass.summaries.size() == 2);
  const OverdueSummaryLinks links{.plan = {.dashboard = "https://t.example.org/plans/p",
                                           .feed = "https://t.example.org/calendars/p.ics"},
                                  .overdue = "https://t.example.org/plans/p/overdue?owner=x"};
  const ReminderMessage message{.subject = "s", .text = "t", .html = "h"};
  const json payload = json::parse(
      overdue_summary_payload_json(plan, pass.summaries[1], message, links, Language::japanese));
  CHECK(payload == json::parse(R"({
    "type": "reminder.summary", "id": "p/first-import/owner-7f0299d7/20261207",
    "timestamp": "2026-12-07T10:00:00+09:00", "language": "ja",
    "plan": {"id": "p", "initiative": "地域共生社会の実現に向けた取組の推進", "organisation": "東区役所"},
    "summary": {"reason": "first-import", "rule": "first-import-summary", "owner": "学校連携担当",
                "day": "2026-12-07", "escalated": true,
                "items": [
                  {"reminder": "p/d4/fy2026/deadline-overdue-35d/20261207T0000Z", "occurrence": "p/d4/fy2026",
                   "task": "d4", "title": "連絡会の報告", "kind": "deliverable", "period": ["中期"], "share": null,
                   "due": "2026-10-31", "days_overdue": 37, "escalated": true},
                  {"reminder": "p/d3/fy2026/deadline-overdue-7d/20261207T0000Z", "occurrence": "p/d3/fy2026",
                   "task": "d3", "title": "学校への周知", "kind": "deliverable", "period": ["中期"], "share": null,
                   "due": "2026-11-30", "days_overdue": 7, "escalated": false}]},
    "recipients": [{"name": "北野 三郎", "email": "gakko-renkei@example.org"},
                   {"name": "企画総務課長", "email": "kikaku-somu@example.org"}],
    "subject": "s", "text": "t", "html": "h",
    "links": {"dashboard": "https://t.example.org/plans/p", "feed": "https://t.example.org/calendars/p.ics",
              "overdue": "https://t.example.org/plans/p/overdue?owner=x"}})"));
}
