#include "http/pages/templates/reminder_email.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "engine/reminders/reminder_payload.hpp"
#include "tests/engine/test_plans.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;

namespace {

Plan higashi() { return testing::higashi_plan(); }

Reminder reminder_of(const Plan& plan, const std::string& id) {
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  Directory directory;
  directory.unlisted = DirectoryEntry{{{"東 花子", "hanako@example.org"}}, {}};
  const auto planned = plan_reminders(plan, *expansion, {}, ReminderRules{}, directory);
  const auto found = std::find_if(planned.reminders.begin(), planned.reminders.end(),
                                  [&](const Reminder& r) { return r.id == id; });
  REQUIRE(found != planned.reminders.end());
  return *found;
}

const ReminderLinks kLinks{.dashboard = "https://torikumi.example.org/plans/higashi-kyosei",
                           .feed = "https://torikumi.example.org/calendars/higashi-kyosei.ics"};

}  // namespace

TEST_CASE("a meeting reminder in Japanese") {
  const Plan plan = higashi();
  const Reminder reminder =
      reminder_of(plan, "higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z");
  const auto message = render_reminder_message(plan, reminder, Language::japanese, kLinks);
  CHECK(message.subject ==
        "【14日前】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");
  CHECK(message.text ==
        "多機関協働担当 ご担当者様\n\n"
        "「多機関協働担当を中心とした会議の開催」は2026年4月8日(水) 14:00に開催されます。\n\n"
        "取組: 地域共生社会の実現に向けた取組の推進（東区役所）\n"
        "項目: 多機関協働担当を中心とした会議の開催\n"
        "担当: 多機関協働担当\n"
        "期: 前期\n"
        "期間: 2026年4月1日(水) – 2026年4月30日(木)\n"
        "日時: 2026年4月8日(水) 14:00–15:30\n"
        "場所: 東区役所 3階 会議室\n\n"
        "ダッシュボード: https://torikumi.example.org/plans/higashi-kyosei\n"
        "カレンダー: https://torikumi.example.org/calendars/higashi-kyosei.ics\n");
  CHECK(message.html.find(
            "<a href=\"https://torikumi.example.org/plans/higashi-kyosei\">ダッシュボード</a>") !=
        std::string::npos);
}

TEST_CASE("deadline, progress note and overdue reminders in English") {
  const Plan plan = higashi();
  const auto english = [&](const std::string& id) {
    return render_reminder_message(plan, reminder_of(plan, id), Language::english, kLinks);
  };
  CHECK(english("higashi-kyosei/platform-setup/fy2026/deadline-7d/20260623T0000Z").subject ==
        "Due in 7 days: "
        "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォー"
        "ム）の整備 — due Tue 30 Jun 2026");
  CHECK(english("higashi-kyosei/platform-setup/fy2026/deadline-0d/20260630T0000Z")
            .subject.starts_with("Due today: "));
  CHECK(english("higashi-kyosei/support-plan/fy2026/note-2026-07-31-7d/20260724T0000Z").subject ==
        "Progress note: こども家庭センターにおけるサポートプランの調整や助言等の実施 — 前期, by "
        "Fri 31 Jul 2026");
  const auto overdue =
      english("higashi-kyosei/platform-setup/fy2026/deadline-overdue-14d/20260714T0000Z");
  CHECK(overdue.subject.starts_with("Overdue by 14 days: "));
  CHECK(overdue.text.find(
            "is 14 days past its due day (Tue 30 Jun 2026). Please record it once done. "
            "As it is long overdue, the escalation list hears of it too.") != std::string::npos);
}

TEST_CASE("user text is escaped in the HTML body") {
  Plan plan = higashi();
  plan.tasks[0].title = "会議 <script>alert(\"x\")</script> & 協議";
  plan.meeting_rule->place = "3階 \"A\" & 'B'";
  const Reminder reminder =
      reminder_of(plan, "higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z");
  const auto message = render_reminder_message(plan, reminder, Language::japanese, kLinks);
  CHECK(message.html.find("<script>") == std::string::npos);
  CHECK(message.html.find("会議 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 協議") !=
        std::string::npos);
  CHECK(message.html.find("3階 &quot;A&quot; &amp; &#39;B&#39;") != std::string::npos);
  CHECK(message.text.find("会議 <script>") != std::string::npos);  // text stays as written
}

TEST_CASE("a title's line breaks and control characters become one space each in the subject") {
  struct Case {
    std::string title;
    std::string subject;
  };
  const std::string tail = " — 2026年4月8日(水) 14:00";
  const Case cases[] = {
      {"会議の開催", "【14日前】会議の開催" + tail},
      {"会議\r\nBcc: all@example.org", "【14日前】会議 Bcc: all@example.org" + tail},
      {"会議\n\n\n開催", "【14日前】会議 開催" + tail},
      {"会議\t\x01\x1f\x7f開催", "【14日前】会議 開催" + tail},
      {std::string{"会議"} + '\0' + "開催", "【14日前】会議 開催" + tail},
      {"会議\xc2\x85開催", "【14日前】会議 開催" + tail},  // U+0085, next line
      {"\r\n会議\r\n", "【14日前】 会議 " + tail},
      {"会議 \n 開催", "【14日前】会議   開催" + tail},  // spaces are text: kept
      {"café — ü", "【14日前】café — ü" + tail},         // other non-ASCII stays
  };
  for (const Case& c : cases) {
    CAPTURE(c.title);
    Plan plan = higashi();
    plan.tasks[0].title = c.title;
    const Reminder reminder =
        reminder_of(plan, "higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z");
    const auto message = render_reminder_message(plan, reminder, Language::japanese, kLinks);
    CHECK(message.subject == c.subject);
    const json payload =
        json::parse(reminder_payload_json(plan, reminder, message, kLinks, Language::japanese));
    CHECK(payload["subject"] == c.subject);
  }
}

TEST_CASE("the webhook payload carries the occurrence, recipients, bodies and links") {
  const Plan plan = higashi();
  const Reminder reminder =
      reminder_of(plan, "higashi-kyosei/multi-agency-meeting/2026-04/meeting-1d/20260407T0000Z");
  const auto message = render_reminder_message(plan, reminder, Language::japanese, kLinks);
  const json payload =
      json::parse(reminder_payload_json(plan, reminder, message, kLinks, Language::japanese));
  CHECK(payload["type"] == "reminder.due");
  CHECK(payload["id"] == reminder.id);
  CHECK(payload["plan"]["id"] == "higashi-kyosei");
  CHECK(payload["occurrence"] == json{{"id", "higashi-kyosei/multi-agency-meeting/2026-04"},
                                      {"task", "multi-agency-meeting-zenki"},
                                      {"title", "多機関協働担当を中心とした会議の開催"},
                                      {"kind", "meeting"},
                                      {"owner", "多機関協働担当"},
                                      {"period", {"前期"}},
                                      {"window", {{"start", "2026-04-01"}, {"due", "2026-04-30"}}},
                                      {"scheduled_start", "2026-04-08T14:00:00+09:00"},
                                      {"scheduled_end", "2026-04-08T15:30:00+09:00"},
                                      {"place", "東区役所 3階 会議室"}});
  CHECK(payload["reminder"]["send_at"] == "2026-04-07T09:00:00+09:00");
  CHECK(payload["recipients"] ==
        json::array({{{"name", "東 花子"}, {"email", "hanako@example.org"}}}));
  CHECK(payload["subject"] == message.subject);
  CHECK(payload["text"] == message.text);
  CHECK(payload["html"] == message.html);
  CHECK(payload["links"] == json{{"dashboard", kLinks.dashboard}, {"feed", kLinks.feed}});
}

TEST_CASE("a first import's summary lays out its items and links in HTML, escaped") {
  Plan plan = higashi();
  plan.tasks[0].title = "<b>会議</b>";
  OverdueSummary summary{.id = "higashi-kyosei/first-import/owner-8baa27d3/20261207",
                         .plan = plan.id,
                         .owner = "多機関協働担当",
                         .send_at = sys_days{2026_y / December / 7} + std::chrono::hours{1},
                         .day = 2026_y / December / 7,
                         .recipients = {{"東 花子", "hanako@example.org"}},
                         .escalated = false,
                         .items = {{.reminder = "r",
                                    .occurrence = "o",
                                    .task = "t",
                                    .title = plan.tasks[0].title,
                                    .task_kind = TaskKind::deliverable,
                                    .periods = {"前期"},
                                    .period = "",
                                    .due = 2026_y / June / 30,
                                    .overdue = days{160},
                                    .escalated = false}}};
  const OverdueSummaryLinks links{
      .plan = kLinks,
      .overdue = "https://torikumi.example.org/plans/higashi-kyosei/overdue?owner=%E5%A4%9A"};
  const auto message = render_overdue_summary_message(plan, summary, Language::japanese, links);
  CHECK(message.subject == "【東区役所】取組の期限超過 1件のまとめ");
  CHECK(message.html.find("<li>&lt;b&gt;会議&lt;/b&gt; — 期限 2026年6月30日(火)、160日超過</li>") !=
        std::string::npos);
  CHECK(message.html.find("<a href=\"https://torikumi.example.org/plans/higashi-kyosei/overdue?"
                          "owner=%E5%A4%9A\">期限超過の一覧</a>") != std::string::npos);
  CHECK(message.html.find("<title>【東区役所】取組の期限超過 1件のまとめ</title>") !=
        std::string::npos);
  CHECK(message.text.find("・<b>会議</b> — 期限 2026年6月30日(火)、160日超過\n") !=
        std::string::npos);
}
