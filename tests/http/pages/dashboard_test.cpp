#include "http/pages/dashboard.hpp"

#include <doctest/doctest.h>

#include <atomic>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <thread>
#include <vector>

#include "engine/progress/period_progress.hpp"
#include "http/api/reminder_board.hpp"
#include "http/contract/limits.hpp"
#include "http/transport/log_writer.hpp"
#include "http/transport/metrics.hpp"
#include "http/transport/request_log.hpp"
#include "tests/http/http_test_support.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace torikumi::http::testing;
using namespace date;

namespace {

PageContext context_on(sys_days day, Language language = Language::japanese) {
  PageContext context;
  context.language = language;
  context.now = sys_seconds{day} + std::chrono::hours{1};
  return context;
}

Plan hostile_plan() {
  Plan plan = higashi_plan();
  plan.initiative = "<script>alert(1)</script>";
  plan.organisation.name = "\"><img src=x onerror=alert(2)>";
  plan.tasks[0].title = "<b onmouseover=alert(3)>会議</b>";
  plan.tasks[0].owner = "'&'";
  plan.issues.push_back("</td></table><script>alert(4)</script>");
  return plan;
}

}  // namespace

TEST_CASE("a plan titled with a script tag renders harmless on every page") {
  const auto snapshot = snapshot_of(hostile_plan());
  const PageContext context = context_on(sys_days{2026_y / September / 1});
  const std::string pages[] = {render_overview_page({snapshot}, context),
                               render_plan_page(*snapshot, context),
                               render_timeline_svg(*snapshot, context)};
  for (const std::string& page : pages) {
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<b ") == std::string::npos);
    CHECK(page.find("onerror=alert(2)>") == std::string::npos);
  }
  CHECK(pages[0].find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(pages[1].find("<title>&lt;script&gt;alert(1)&lt;/script&gt; — torikumi</title>") !=
        std::string::npos);
  CHECK(pages[1].find("&#39;&amp;&#39;") != std::string::npos);
}

TEST_CASE("the overview shows each period and the next meetings") {
  const auto snapshot = snapshot_of(higashi_plan());
  const std::string page = render_overview_page({snapshot}, context_on(sys_days{2026_y / May / 1}));
  CHECK(page.find("<html lang=\"ja\">") != std::string::npos);
  CHECK(page.find("前期 (4–7月)") != std::string::npos);
  CHECK(page.find("後期 (12–3月)") != std::string::npos);
  CHECK(page.find("次の会議") != std::string::npos);
  // The second Wednesday of June 2026 at 14:00.
  CHECK(page.find("6月10日(水) 14:00") != std::string::npos);
  CHECK(page.find("/calendars/higashi-kyosei.ics") != std::string::npos);
  CHECK(page.find("/calendars/org/%E6%9D%B1%E5%8C%BA%E5%BD%B9%E6%89%80.ics") != std::string::npos);
}

TEST_CASE(
    "the overview's overdue list holds what the period bars count as overdue, oldest first, each "
    "with its owner and a link to it on the plan page") {
  Plan plan = higashi_plan();
  plan.tasks[0].owner = "";  // the 前期 meetings
  const auto snapshot = snapshot_of(std::move(plan));
  const sys_days today = 2026_y / December / 1;
  const PlanProgress progress =
      compute_period_progress(*snapshot->plan, snapshot->expansion, snapshot->recorded, today);
  std::size_t overdue = 0;
  for (const PeriodProgress& period : progress.periods) overdue += period.overdue;
  REQUIRE(overdue > 5);  // nothing recorded: 前期 and 中期 are past
  const std::string page = render_overview_page({snapshot}, context_on(today));
  CHECK(page.find("期限超過 (" + std::to_string(overdue) + ")") != std::string::npos);
  // The oldest first, though the expansion lists the 4月 meeting after the spans that begin in 4月.
  CHECK(
      page.find(
          "<h3>期限超過 (" + std::to_string(overdue) +
          ")</h3><ul class=\"plain\"><li><span class=\"tag overdue\">期限 4月30日(木)</span><a "
          "href=\"/plans/higashi-kyosei#higashi-kyosei/multi-agency-meeting/2026-04\">"
          "多機関協働担当を中心とした会議の開催</a> <span class=\"owner\">担当未定</span></li>") !=
      std::string::npos);
  CHECK(page.find("期限 6月30日") < page.find("期限 7月31日"));
  // A term-long task (4～3月) is overdue for its 前期 share, due on the period's last day, until
  // its progress note for 前期 is written.
  CHECK(page.find("<span class=\"tag overdue\">期限 7月31日(金)</span><a "
                  "href=\"/plans/higashi-kyosei#higashi-kyosei/consultation-desk-awareness/fy2026/"
                  "period-1\">区内小中学校への区役所内相談窓口等の周知</a> <span "
                  "class=\"meta\">（前期分）</span> <span class=\"owner\">担当: "
                  "学校連携担当</span><br><span "
                  "class=\"meta\">前期の進捗の記入で解消</span></li>") != std::string::npos);
  CHECK(page.find("<a href=\"/plans/higashi-kyosei/overdue\">ほか " + std::to_string(overdue - 5) +
                  " 件</a>") != std::string::npos);
  const std::string english =
      render_overview_page({snapshot}, context_on(today, Language::english));
  CHECK(english.find(
            "(前期 share)</span> <span class=\"owner\">owner: 学校連携担当</span><br><span "
            "class=\"meta\">cleared by a progress note for 前期</span>") != std::string::npos);
  CHECK(english.find("<span class=\"owner\">no owner</span>") != std::string::npos);
  CHECK(english.find("\">and " + std::to_string(overdue - 5) + " more</a>") != std::string::npos);
}

TEST_CASE("the chips and the timeline draw each item with the state the period counts give it") {
  const sys_days today = 2026_y / December / 1;
  SnapshotPointer snapshot = snapshot_of(higashi_plan());
  // The term-long サポートプラン task (4～3月) has its 中期 note, not its 前期 one.
  std::const_pointer_cast<PlanSnapshot>(snapshot)->recorded.notes.push_back(ProgressNote{
      "support-plan", "中期", "調整を実施", sys_days{2026_y / November / 20}, "tanaka"});
  std::size_t overdue = 0;
  std::size_t done = 0;
  compute_period_progress(*snapshot->plan, snapshot->expansion, snapshot->recorded, today,
                          [&](const PeriodShare& share) {
                            overdue += share.state == ShareState::overdue;
                            done += share.state == ShareState::done;
                          });
  REQUIRE(overdue > 5);
  REQUIRE(done == 1);
  const std::string page = render_plan_page(*snapshot, context_on(today));
  const auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = page.find(text); at != std::string::npos; at = page.find(text, at + 1))
      ++n;
    return n;
  };
  CHECK(count("<span class=\"tag overdue\"") == overdue);
  CHECK(count("<span class=\"tag done\"") == done);
  CHECK(count("class=\"mark overdue\"") == overdue);
  CHECK(count("class=\"mark done\"") == done);
  // Drawn whole, the span was planned until 3月31日 while its 前期 share was counted overdue; each
  // share is drawn as counted.
  const std::string chip =
      "<span class=\"tag overdue\" id=\"higashi-kyosei/support-plan/fy2026/period-1\" "
      "title=\"higashi-kyosei/support-plan/fy2026\">（前期分） 4月1日(水)–7月31日(金) · "
      "期限超過</span>";
  CHECK(page.find(chip) != std::string::npos);
  CHECK(page.find("<span class=\"tag done\" id=\"higashi-kyosei/support-plan/fy2026/period-2\" "
                  "title=\"higashi-kyosei/support-plan/fy2026\">（中期分） 8月1日(土)–11月30日(月) "
                  "· 完了</span>") != std::string::npos);
  CHECK(page.find("<span class=\"tag planned\" id=\"higashi-kyosei/support-plan/fy2026/period-3\" "
                  "title=\"higashi-kyosei/support-plan/fy2026\">（後期分） 12月1日(火)–3月31日(水) "
                  "· 予定</span>") != std::string::npos);
  const auto mark_class = [&](const std::string& tip) {
    const std::size_t title = page.find("<title>" + tip + "</title>");
    if (title == std::string::npos) return std::string{"none"};
    const std::size_t mark = page.rfind("class=\"mark ", title) + 12;
    return page.substr(mark, page.find('"', mark) - mark);
  };
  CHECK(mark_class("higashi-kyosei/support-plan/fy2026 · （前期分） · 期限超過") == "overdue");
  CHECK(mark_class("higashi-kyosei/support-plan/fy2026 · （中期分） · 完了") == "done");
  CHECK(mark_class("higashi-kyosei/support-plan/fy2026 · （後期分） · 予定") == "planned");
  CHECK(mark_class("higashi-kyosei/multi-agency-meeting/2026-04 · 期限超過") == "overdue");
  // Every id in the page is there once: the overview's links land on one chip.
  std::vector<std::string> ids;
  for (std::size_t at = page.find(" id=\""); at != std::string::npos;
       at = page.find(" id=\"", at + 1))
    ids.push_back(page.substr(at + 5, page.find('"', at + 5) - at - 5));
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  CHECK(ids.size() > overdue);
}

TEST_CASE("the overdue page lists every overdue item, narrowed by owner, period and kind") {
  const sys_days today = 2026_y / December / 1;
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  const Plan& plan = *snapshot->plan;
  PageContext context = context_on(today);
  const std::string all = render_overdue_page(*snapshot, {}, context);
  CHECK(all.find("<h2>期限超過 (14)</h2>") != std::string::npos);
  CHECK(all.find("<span class=\"tag overdue\">期限 11月30日(月)") != std::string::npos);
  CHECK(all.find("action=\"/plans/higashi-kyosei/actions/note\"") == std::string::npos);

  const auto filtered = [&](std::string_view owner, std::string_view period,
                            std::string_view kind) {
    const auto filter = read_overdue_filter(plan, owner, period, kind, Language::japanese);
    REQUIRE(filter.ok());
    return render_overdue_page(*snapshot, *filter, context);
  };
  const std::string meetings = filtered("多機関協働担当", "", "");
  CHECK(meetings.find("<h2>期限超過 (4 / 14)</h2>") != std::string::npos);
  CHECK(meetings.find("<option value=\"多機関協働担当\" selected>多機関協働担当</option>") !=
        std::string::npos);
  CHECK(meetings.find("#higashi-kyosei/multi-agency-meeting/2026-10\"") != std::string::npos);
  CHECK(meetings.find("support-plan") == std::string::npos);
  const std::string shares = filtered("", "中期", "campaign");
  CHECK(shares.find("<option value=\"中期\" selected>中期 (8–11月)</option>") != std::string::npos);
  CHECK(shares.find("<option value=\"campaign\" selected>期間内の取組</option>") !=
        std::string::npos);
  CHECK(shares.find("#higashi-kyosei/support-plan/fy2026/period-2\"") != std::string::npos);
  CHECK(shares.find("period-1") == std::string::npos);
  CHECK(shares.find("multi-agency-meeting") == std::string::npos);
  CHECK(shares.find("<a href=\"/plans/higashi-kyosei/overdue\">すべて表示</a>") !=
        std::string::npos);

  // An editor clears a span's share right there, with the progress note of its task and period.
  context.visitor = Visitor{"編集者", true, "csrf-1"};
  const std::string editor =
      render_overdue_page(*snapshot, {.owner = {}, .period = 1, .kind = {}}, context);
  CHECK(editor.find("<input type=\"hidden\" name=\"period\" value=\"中期\"><select name=\"task\" "
                    "aria-label=\"取組\"><option value=\"\">（期間全体）</option>") !=
        std::string::npos);
  CHECK(editor.find("<option value=\"support-plan\" selected>") != std::string::npos);
}

TEST_CASE("the overdue page's filter says which value it does not know, in the page's language") {
  const Plan plan = higashi_plan();
  struct Case {
    const char* owner;
    const char* period;
    const char* kind;
    Language language;
    const char* error;
  };
  const Case cases[] = {
      {"山田", "", "", Language::english,
       "owner: expected 多機関協働担当, こども家庭センター, 学校連携担当, 企画総務課 or - (no "
       "owner), "
       "got \"山田\""},
      {"山田", "", "", Language::japanese,
       "owner: "
       "「山田」は選べません。多機関協働担当、こども家庭センター、学校連携担当、企画総務課、-"
       "（担当未定）のいずれかを指定してください。"},
      {"", "夏期", "", Language::english, "period: expected 前期, 中期 or 後期, got \"夏期\""},
      {"", "夏期", "", Language::japanese,
       "period: 「夏期」は選べません。前期、中期、後期のいずれかを指定してください。"},
      {"", "", "as-needed", Language::english,
       "kind: expected meeting, campaign or deliverable, got \"as-needed\""},
      {"", "", "x", Language::japanese,
       "kind: 「x」は選べません。meeting（会議）、campaign（期間内の取組）、deliverable"
       "（期限のある取組）のいずれかを指定してください。"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.error);
    const auto filter = read_overdue_filter(plan, c.owner, c.period, c.kind, c.language);
    REQUIRE_FALSE(filter.ok());
    CHECK(filter.error().message == c.error);
  }
  const auto none = read_overdue_filter(plan, "-", "後期", "deliverable", Language::japanese);
  REQUIRE(none.ok());
  CHECK(none->owner == std::string{});
  CHECK(none->period == std::size_t{2});
  CHECK(none->kind == TaskKind::deliverable);
  const auto any = read_overdue_filter(plan, "", "", "", Language::japanese);
  REQUIRE(any.ok());
  CHECK_FALSE(any->owner);
  CHECK_FALSE(any->period);
  CHECK_FALSE(any->kind);
}

TEST_CASE("the english switch changes the labels but not the plan's text") {
  const auto snapshot = snapshot_of(higashi_plan());
  const std::string page =
      render_plan_page(*snapshot, context_on(sys_days{2026_y / May / 1}, Language::english));
  CHECK(page.find("<html lang=\"en\">") != std::string::npos);
  CHECK(page.find("Progress by period") != std::string::npos);
  CHECK(page.find("前期 (Apr–Jul)") != std::string::npos);
  CHECK(page.find("Wed 10 Jun 14:00") != std::string::npos);
  CHECK(page.find(snapshot->plan->initiative) != std::string::npos);
}

TEST_CASE("the plan page ticks done tasks and draws the timeline") {
  Plan plan = higashi_plan();
  // 進捗の状況: the first period's two meetings were held.
  ProgressLine held;
  held.period = "前期";
  held.text = "多機関協働担当を中心とした会議を開催";
  held.months = {April, June};
  held.task = "multi-agency-meeting-zenki";
  held.score = 1;
  plan.progress.push_back(held);
  const auto snapshot = snapshot_of(std::move(plan));
  const std::string page = render_plan_page(*snapshot, context_on(sys_days{2027_y / March / 1}));
  CHECK(page.find("<svg") != std::string::npos);
  CHECK(page.find("今日") != std::string::npos);
  CHECK(page.find("☑") != std::string::npos);
  CHECK(page.find("☐") != std::string::npos);
  CHECK(page.find("寄与するKPI") != std::string::npos);
  // The number does not run into the unit's words.
  CHECK(page.find("14.9（人口10万人当たり自殺者数）") != std::string::npos);
  CHECK(page.find("14.9人口") == std::string::npos);
  CHECK(page.find("SDGsのゴール") != std::string::npos);
  CHECK(page.find("class=\"tag done\"") != std::string::npos);
}

TEST_CASE("the language comes from the parameter then the cookie") {
  CHECK(choose_language("en", "") == Language::english);
  CHECK(choose_language("ja", "lang=en") == Language::japanese);
  CHECK(choose_language("", "a=1; lang=en; b=2") == Language::english);
  CHECK(choose_language("", "lang=fr") == Language::japanese);
  CHECK(choose_language("", "") == Language::japanese);
}

TEST_CASE("metrics render counters and a cumulative histogram") {
  Metrics metrics;
  metrics.record_request("/healthz", "GET", 200, std::chrono::microseconds{300});
  metrics.record_request("/healthz", "GET", 200, std::chrono::milliseconds{3});
  metrics.record_request("/calendars/{plan}.ics", "GET", 304, std::chrono::seconds{2});
  const std::string text = metrics.render(7);
  CHECK(text.find(
            "torikumi_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2\n") !=
        std::string::npos);
  CHECK(
      text.find(
          "torikumi_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0005\"} 1\n") !=
      std::string::npos);
  CHECK(text.find(
            "torikumi_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.005\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("torikumi_http_request_duration_seconds_bucket{route=\"/calendars/"
                  "{plan}.ics\",le=\"1\"} 0\n") != std::string::npos);
  CHECK(text.find("torikumi_http_request_duration_seconds_bucket{route=\"/calendars/"
                  "{plan}.ics\",le=\"+Inf\"} 1\n") != std::string::npos);
  CHECK(text.find("torikumi_feed_renders_total 7\n") != std::string::npos);
}

TEST_CASE("only a peer on this machine is a loopback peer for /metrics") {
  struct Case {
    const char* address;
    bool loopback;
  };
  const Case cases[] = {
      {"127.0.0.1", true},
      {"127.1.2.3", true},
      {"127.255.255.255", true},
      {"::1", true},
      {"::ffff:127.0.0.1", true},
      {"0:0:0:0:0:0:0:1", true},
      {"128.0.0.1", false},
      {"10.0.0.1", false},
      {"192.168.1.127", false},
      {"::ffff:10.0.0.1", false},
      {"::2", false},
      {"fe80::1", false},
      {"::", false},
      {"0.0.0.0", false},
      {"127.0.0.1.evil", false},
      {"localhost", false},
      {"", false},
      {"127.0.0.1 ", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.address);
    CHECK(is_loopback_address(c.address) == c.loopback);
  }
}

TEST_CASE("a log line is one JSON object without the query") {
  RequestLogEntry entry;
  entry.time = sys_days{2026_y / April / 1} + std::chrono::milliseconds{1500};
  entry.method = "GET";
  entry.path = "/calendars/higashi-kyosei.ics";
  entry.route = "/calendars/{plan}.ics";
  entry.status = 200;
  entry.bytes = 14700;
  entry.latency = std::chrono::microseconds{250};
  entry.remote = "127.0.0.1:50000";
  CHECK(
      format_log_line(entry) ==
      R"({"time":"2026-04-01T00:00:01.500Z","method":"GET","path":"/calendars/higashi-kyosei.ics",)"
      R"("route":"/calendars/{plan}.ics","status":200,"bytes":14700,"ms":0.25,"remote":"127.0.0.1:50000"})");
}

TEST_CASE("an editor's plan page carries the recording forms, each with the session's CSRF token") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PageContext context;
  context.now = sys_days{2026_y / September / 1};
  const std::string read_only = render_plan_page(*snapshot, context);
  CHECK(read_only.find("<form class=\"action\"") == std::string::npos);
  CHECK(read_only.find("href=\"/signin\"") != std::string::npos);

  context.visitor = Visitor{"編集者", false, "csrf-123"};
  const std::string viewer = render_plan_page(*snapshot, context);
  CHECK(viewer.find("/actions/done") == std::string::npos);
  CHECK(viewer.find("サインアウト") != std::string::npos);

  context.visitor = Visitor{"<b>編集者</b>", true, "csrf-123"};
  const std::string editor = render_plan_page(*snapshot, context);
  CHECK(editor.find("<b>編集者") == std::string::npos);
  CHECK(editor.find("&lt;b&gt;編集者") != std::string::npos);
  for (const char* action : {"done", "skip", "schedule", "note", "subscribe"})
    CHECK(editor.find(std::string{"action=\"/plans/higashi-kyosei/actions/"} + action + "\"") !=
          std::string::npos);
  // Every form, the sign-out one too, carries the token.
  std::size_t forms = 0;
  std::size_t tokens = 0;
  for (std::size_t at = editor.find("<form"); at != std::string::npos;
       at = editor.find("<form", at + 1))
    ++forms;
  for (std::size_t at = editor.find("name=\"csrf\" value=\"csrf-123\""); at != std::string::npos;
       at = editor.find("name=\"csrf\" value=\"csrf-123\"", at + 1))
    ++tokens;
  CHECK(forms > 10);
  CHECK(tokens == forms);
  // A meeting gets a date-and-place form; a span does not.
  CHECK(editor.find("data-occurrence=\"higashi-kyosei/multi-agency-meeting/2026-08\"") !=
        std::string::npos);
}

TEST_CASE("the forms' maxlengths are the limits the server enforces") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PageContext context;
  context.now = sys_days{2026_y / September / 1};
  context.visitor = Visitor{"編集者", true, "csrf-123"};
  // Every limited field is on the editor's plan page or the admin's account page.
  const std::string pages =
      render_plan_page(*snapshot, context) +
      render_account_page({}, Principal{.token_id = 1, .role = store::Role::admin, .label = ""},
                          {snapshot}, context);
  for (const limits::FieldLimit& field : limits::kFields) {
    CAPTURE(field.field);
    const std::string named = "name=\"" + std::string{field.field} + "\"";
    const std::size_t at = pages.find(named);
    REQUIRE(at != std::string::npos);
    const std::size_t tag_end = pages.find('>', at);
    const std::string tag = pages.substr(at, tag_end - at);
    CHECK(tag.find("maxlength=\"" + std::to_string(field.max_characters) + "\"") !=
          std::string::npos);
  }
}

TEST_CASE("reminder rules and delivery states are words of the page's language") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PlanReminders reminders;
  reminders.endpoints = 1;
  Reminder before;
  before.rule = "meeting-14d";
  before.kind = ReminderKind::before_meeting;
  before.days = date::days{14};
  before.title = "会議の開催";
  before.send_at = sys_days{2026_y / October / 2};
  Reminder overdue = before;
  overdue.rule = "deadline-overdue-14d";
  overdue.kind = ReminderKind::overdue;
  overdue.escalated = true;
  Reminder note = before;
  note.rule = "note-2026-11-30-7d";
  note.kind = ReminderKind::before_period_end;
  note.days = date::days{7};
  note.period = "中期";
  reminders.upcoming = {before, overdue, note};
  store::DeliveryInfo delivery;
  delivery.subject = "【14日前】会議の開催";
  delivery.send_at = sys_days{2026_y / September / 30};
  delivery.state = store::DeliveryState::delivered;
  reminders.deliveries.push_back(delivery);
  PageContext context;
  context.now = sys_days{2026_y / October / 1};
  const std::string japanese = render_plan_page(*snapshot, context, &reminders);
  CHECK(japanese.find("title=\"meeting-14d\">会議の14日前") != std::string::npos);
  CHECK(japanese.find(">期限超過14日・上長にも") != std::string::npos);
  CHECK(japanese.find(">中期の進捗の記入（7日前）") != std::string::npos);
  CHECK(japanese.find("<td>送信済み</td>") != std::string::npos);
  context.language = Language::english;
  const std::string english = render_plan_page(*snapshot, context, &reminders);
  CHECK(english.find(">14 days before the meeting") != std::string::npos);
  CHECK(english.find(">14 days overdue, escalated") != std::string::npos);
  CHECK(english.find(">progress note for 中期, 7 days before it ends") != std::string::npos);
  CHECK(english.find("<td>delivered</td>") != std::string::npos);
}

TEST_CASE("the plan page says when a first import's overdue items went out as summaries") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PlanReminders reminders;
  reminders.endpoints = 1;
  PageContext context;
  context.now = sys_days{2026_y / December / 8};
  const std::string japanese_line =
      "<p class=\"meta\">年度途中の取り込みのため、期限超過 7 件は担当ごとに 1 "
      "通のまとめで送りました（3 通、2026-12-07）</p>";
  const std::string english_line =
      "<p class=\"meta\">As the plan came in mid-year, its 7 overdue items went out as one "
      "summary per owner (3 summaries, 2026-12-07).</p>";
  CHECK(render_plan_page(*snapshot, context, &reminders).find("年度途中") == std::string::npos);
  reminders.first_import =
      FirstImportNote{.items = 7, .summaries = 3, .day = sys_days{2026_y / December / 7}};
  CHECK(render_plan_page(*snapshot, context, &reminders).find(japanese_line) != std::string::npos);
  context.language = Language::english;
  CHECK(render_plan_page(*snapshot, context, &reminders).find(english_line) != std::string::npos);
  reminders.first_import =
      FirstImportNote{.items = 1, .summaries = 1, .day = sys_days{2026_y / December / 7}};
  CHECK(render_plan_page(*snapshot, context, &reminders)
            .find("<p class=\"meta\">As the plan came in mid-year, its 1 overdue item went out as "
                  "one summary per owner (1 summary, 2026-12-07).</p>") != std::string::npos);
}

TEST_CASE("a viewer's plan page shows the delivery log without webhook URLs or answers") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PlanReminders reminders;
  reminders.endpoints = 1;
  store::DeliveryInfo delivery;
  delivery.reminder = "higashi-kyosei/multi-agency-meeting/2026-10/meeting-14d/20260930T0000Z";
  delivery.plan = "higashi-kyosei";
  delivery.subject = "【14日前】会議の開催";
  delivery.send_at = sys_days{2026_y / September / 30};
  delivery.endpoint = "https://hooks.example.org/torikumi/s3cret";
  delivery.state = store::DeliveryState::dead;
  delivery.attempts = 1;
  delivery.last_status = 400;
  delivery.last_error = "HTTP 400: bad recipient hanako@example.org";
  reminders.deliveries.push_back(delivery);
  PageContext context;
  context.now = sys_days{2026_y / October / 1};
  struct Case {
    std::optional<Visitor> visitor;
    bool shows_personal_data;
  };
  const Case cases[] = {
      {std::nullopt, false},  // reading without sign-in
      {Visitor{"閲覧者", false, "csrf-1"}, false},
      {Visitor{"編集者", true, "csrf-1"}, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.shows_personal_data);
    context.visitor = c.visitor;
    const std::string page = render_plan_page(*snapshot, context, &reminders);
    CHECK(page.find("【14日前】会議の開催") != std::string::npos);
    CHECK(page.find("<td>400 ") != std::string::npos);
    CHECK((page.find("hooks.example.org") != std::string::npos) == c.shows_personal_data);
    CHECK((page.find("hanako@example.org") != std::string::npos) == c.shows_personal_data);
  }
}

TEST_CASE("the sign-in page keeps only a path of this server to go on to") {
  PageContext context;
  context.now = sys_days{2026_y / September / 1};
  const std::string page = render_sign_in_page("csrf-9", "/plans/x\"><script>", "", context);
  CHECK(page.find("value=\"csrf-9\"") != std::string::npos);
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("type=\"password\" name=\"token\"") != std::string::npos);
}

TEST_CASE("a log line escapes what a client sent and replaces bytes that are not UTF-8") {
  RequestLogEntry entry;
  entry.time = sys_days{2026_y / April / 1} + std::chrono::milliseconds{7};
  entry.method = "GET";
  entry.path = std::string{"/a\"b\\c\n/東区/"} + '\xff' + "x";
  entry.route = "other";
  entry.status = 404;
  entry.latency = std::chrono::microseconds{12000};
  entry.remote = "[::1]:1";
  const std::string line = format_log_line(entry);
  CHECK(line ==
        "{\"time\":\"2026-04-01T00:00:00.007Z\",\"method\":\"GET\",\"path\":\"/a\\\"b\\\\c\\u000a/"
        "東区/\xEF\xBF\xBDx\","
        "\"route\":\"other\",\"status\":404,\"bytes\":0,\"ms\":12.0,\"remote\":\"[::1]:1\"}");
  CHECK(nlohmann::json::parse(line)["path"] == "/a\"b\\c\n/東区/\xEF\xBF\xBDx");
}

TEST_CASE("flushing while the writer's thread writes never deadlocks") {
  // The writer's thread once took its two locks in one order and flush() in the other: a flush
  // that came while a batch was being written waited forever (seen as a test timing out under
  // load). A slow stream keeps each batch being written long enough for a flush to come.
  struct SlowBuffer : std::stringbuf {
    std::streamsize xsputn(const char* text, std::streamsize count) override {
      std::this_thread::sleep_for(std::chrono::microseconds{200});
      return std::stringbuf::xsputn(text, count);
    }
  };
  SlowBuffer buffer;
  std::ostream out{&buffer};
  constexpr int kLines = 2000;
  {
    LogWriter writer{out, {.interval = std::chrono::milliseconds{1}, .batch_bytes = 1}};
    std::atomic<bool> writing{true};
    std::vector<std::thread> flushers;
    for (int f = 0; f < 2; ++f)
      flushers.emplace_back([&] {
        while (writing) writer.flush();
      });
    for (int i = 0; i < kLines; ++i) writer.write_line("x");
    writing = false;
    for (auto& flusher : flushers) flusher.join();
    writer.flush();
    CHECK(buffer.str().size() == 2 * kLines);
  }
}

TEST_CASE("the log writer writes every line, in order, by the time it is flushed") {
  std::ostringstream out;
  {
    LogWriter writer{out, {.interval = std::chrono::milliseconds{1000}, .batch_bytes = 100}};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&writer, t] {
        for (int i = 0; i < 250; ++i)
          writer.write_line("line " + std::to_string(t) + " " + std::to_string(i));
      });
    for (auto& thread : threads) thread.join();
    writer.flush();
    const std::string text = out.str();
    CHECK(std::count(text.begin(), text.end(), '\n') == 1000);
    // Each thread's lines keep their order.
    for (int t = 0; t < 4; ++t) {
      std::size_t last = 0;
      for (int i = 0; i < 250; ++i) {
        const std::size_t at =
            text.find("line " + std::to_string(t) + " " + std::to_string(i) + "\n");
        REQUIRE(at != std::string::npos);
        CHECK(at >= last);
        last = at;
      }
    }
    writer.write_line("after");
  }
  CHECK(out.str().ends_with("after\n"));
}

TEST_CASE("an editor edits and deletes each stored progress note and enters a KPI figure") {
  SnapshotPointer snapshot = snapshot_of(higashi_plan());
  auto& changed = *std::const_pointer_cast<PlanSnapshot>(snapshot);
  changed.recorded.notes.push_back(ProgressNote{"support-plan", "中期", "調整を<b>実施</b>",
                                                sys_days{2026_y / November / 20}, "tanaka", 12});
  changed.kpi_values.push_back({"suicide-rate", 2026, 13.5});
  PageContext context = context_on(sys_days{2026_y / December / 1});
  context.visitor = Visitor{"閲覧者", false, "csrf-1"};
  const std::string viewer = render_plan_page(*snapshot, context);
  CHECK(viewer.find("<li id=\"note-12\">") != std::string::npos);
  CHECK(viewer.find("/actions/editnote") == std::string::npos);
  CHECK(viewer.find("/actions/kpi") == std::string::npos);
  // Everyone who sees the page finds each occurrence's history.
  CHECK(viewer.find("<a class=\"history\" href=\"/plans/higashi-kyosei/history?occurrence="
                    "higashi-kyosei%2Fmulti-agency-meeting%2F2026-04\" title=\"higashi-kyosei/"
                    "multi-agency-meeting/2026-04\">履歴</a>") != std::string::npos);
  CHECK(viewer.find("<a href=\"/plans/higashi-kyosei/history\">履歴</a>") != std::string::npos);

  context.visitor = Visitor{"編集者", true, "csrf-1"};
  const std::string editor = render_plan_page(*snapshot, context);
  CHECK(editor.find(
            "<div class=\"note-actions\"><details class=\"edit\"><summary>編集</summary><form "
            "class=\"action\" method=\"post\" action=\"/plans/higashi-kyosei/actions/editnote\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"csrf-1\"><input type=\"hidden\" "
            "name=\"note\" value=\"12\"><textarea name=\"text\" required maxlength=\"2000\" "
            "aria-label=\"進捗の記入\">調整を&lt;b&gt;実施&lt;/b&gt;</textarea><button name=\"do\" "
            "value=\"editnote\">保存</button></form></details><form class=\"action\" "
            "method=\"post\" action=\"/plans/higashi-kyosei/actions/deletenote\"><input "
            "type=\"hidden\" name=\"csrf\" value=\"csrf-1\"><input type=\"hidden\" name=\"note\" "
            "value=\"12\"><button class=\"secondary\" name=\"do\" "
            "value=\"deletenote\">削除</button></form></div>") != std::string::npos);
  // Lines read from the plan's own progress section are not stored notes: nothing to edit.
  std::size_t edit_forms = 0;
  for (std::size_t at = editor.find("/actions/editnote"); at != std::string::npos;
       at = editor.find("/actions/editnote", at + 1))
    ++edit_forms;
  CHECK(edit_forms == 1);
  // The KPI's years run from its baseline (2019) to the year after the one shown, 2026 chosen,
  // the figure recorded for it filled in; the figure is shown beside baseline and target.
  CHECK(editor.find("<select name=\"year\" aria-label=\"年度\"><option "
                    "value=\"2019\">2019年度</option>") != std::string::npos);
  CHECK(editor.find("<option value=\"2026\" selected>2026年度</option><option "
                    "value=\"2027\">2027年度</option></select><input type=\"number\" "
                    "name=\"value\" step=\"any\" required value=\"13.5\" aria-label=\"実績値\">") !=
        std::string::npos);
  CHECK(editor.find(
            "実績値: 13.5（人口10万人当たり自殺者数） <span class=\"meta\">(2026年度)</span>") !=
        std::string::npos);
  const std::string english = render_plan_page(*snapshot, [&] {
    PageContext english_context = context;
    english_context.language = Language::english;
    return english_context;
  }());
  CHECK(english.find("<option value=\"2026\" selected>FY2026</option>") != std::string::npos);
  CHECK(english.find("<summary>Edit</summary>") != std::string::npos);
}

TEST_CASE("the history page says who changed what and when, in the page's language") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  const sys_seconds at = sys_days{2026_y / September / 1} + std::chrono::hours{1};  // 10:00 JST
  const std::vector<store::AuditEntry> entries{
      {1, at, "import", "plan import", "higashi-kyosei", "", R"({"revision":1,"source":"h.txt"})"},
      {2, at, "編集者", "done", "higashi-kyosei/multi-agency-meeting/2026-04",
       R"({"revision":0,"status":"planned"})",
       R"({"completed_at":"2026-09-01T01:00:00Z","completed_by":"編集者","note":"12名参加","revision":1,"status":"done"})"},
      {3, at, "編集者", "note edit", "higashi-kyosei/support-plan",
       R"({"fiscal_year":2026,"id":4,"period":"中期","text":"調整"})",
       R"({"fiscal_year":2026,"id":4,"period":"中期","text":"<i>調整を実施</i>"})"},
      {4, at, "編集者", "kpi set", "higashi-kyosei/suicide-rate/2026", "", R"({"value":13.5})"},
      {6, at, "編集者", "note delete", "higashi-kyosei",
       R"({"fiscal_year":2026,"id":5,"period":"後期","text":"その他"})", ""},
      {5, at, "robot", "meeting poll", "higashi-kyosei", "", ""},
  };
  const PageContext context = context_on(sys_days{2026_y / September / 2});
  const std::string page = render_history_page(*snapshot, entries, "", 1, context);
  CHECK(page.find("<h2>変更履歴 (6)</h2>") != std::string::npos);
  // A note of the period names its period; its deletion what it said.
  CHECK(page.find("<strong>進捗の記入を削除</strong> 後期（期間全体）<br><span "
                  "class=\"change\">記入: 「その他」、期間: 後期 → （削除）</span>") !=
        std::string::npos);
  // Newest first: the unknown action as it is, then the KPI, the note, the completion, the import.
  CHECK(page.find("<li><span class=\"meta\">2026年9月1日(火) 10:00 · robot</span><br><strong>"
                  "meeting poll</strong> 計画全体</li>") != std::string::npos);
  CHECK(page.find("<strong>KPIの実績値を記録</strong> 自殺死亡率 2026年度<br><span "
                  "class=\"change\">値: 13.5</span>") != std::string::npos);
  CHECK(page.find("<strong>進捗の記入を編集</strong> "
                  "こども家庭センターにおけるサポートプランの調整や助言等の実施<br><span "
                  "class=\"change\">記入: 「調整」 → 「&lt;i&gt;調整を実施&lt;/i&gt;」</span>") !=
        std::string::npos);
  CHECK(
      page.find(
          "<strong>完了を記録</strong> <a href=\"/plans/higashi-kyosei/history?occurrence="
          "higashi-kyosei%2Fmulti-agency-meeting%2F2026-04\">多機関協働担当を中心とした会議の開催 "
          "2026-04</a><br><span class=\"change\">状態: 予定 → 完了、完了日時: — → "
          "9月1日(火) 10:00、メモ: — → 「12名参加」</span>") != std::string::npos);
  CHECK(page.find("<strong>計画の取り込み</strong> 計画全体<br><span class=\"change\">版: 1、"
                  "取り込み元: h.txt</span>") != std::string::npos);
  CHECK(page.find("page=") == std::string::npos);  // one page only
  CHECK(page.find("meeting poll") < page.find("KPIの実績値を記録"));
  CHECK(page.find("KPIの実績値を記録") < page.find("計画の取り込み"));

  const std::string english = render_history_page(
      *snapshot, entries, "", 1, context_on(sys_days{2026_y / September / 2}, Language::english));
  CHECK(english.find("Tue 1 Sep 2026 10:00 · 編集者") != std::string::npos);
  CHECK(english.find("<strong>marked done</strong>") != std::string::npos);
  CHECK(english.find("status: planned → done; completed: — → Tue 1 Sep 10:00; note: — → "
                     "\u201c12名参加\u201d") != std::string::npos);
}

TEST_CASE("the history page shows fifty entries a page, and one occurrence's when asked") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  std::vector<store::AuditEntry> entries;
  for (int i = 1; i <= 120; ++i)
    entries.push_back({i, sys_days{2026_y / April / 1} + std::chrono::hours{i}, "編集者", "undo",
                       "higashi-kyosei/multi-agency-meeting/2026-04",
                       R"({"revision":1,"status":"done"})",
                       R"({"revision":2,"status":"planned"})"});
  const PageContext context = context_on(sys_days{2026_y / September / 2});
  const std::string middle = render_history_page(*snapshot, entries, "", 2, context);
  std::size_t items = 0;
  for (std::size_t at = middle.find("<strong>取り消し</strong>"); at != std::string::npos;
       at = middle.find("<strong>取り消し</strong>", at + 1))
    ++items;
  CHECK(items == 50);
  CHECK(
      middle.find(
          "<nav class=\"pages\" aria-label=\"ページ\"><a "
          "href=\"/plans/higashi-kyosei/history?page=1\" rel=\"prev\">← 新しい変更</a><span>2 / 3 "
          "ページ</span><a href=\"/plans/higashi-kyosei/history?page=3\" rel=\"next\">以前の変更 "
          "→</a></nav>") != std::string::npos);
  const std::string one = render_history_page(
      *snapshot, entries, "higashi-kyosei/multi-agency-meeting/2026-04", 3, context);
  CHECK(one.find("<h2>変更履歴: 多機関協働担当を中心とした会議の開催 2026-04 (120)</h2>") !=
        std::string::npos);
  CHECK(one.find("href=\"/plans/higashi-kyosei/history?occurrence=higashi-kyosei%2Fmulti-agency-"
                 "meeting%2F2026-04&amp;page=2\" rel=\"prev\"") != std::string::npos);
  CHECK(one.find("<a href=\"/plans/higashi-kyosei/history\">計画全体の履歴を表示</a>") !=
        std::string::npos);

  const Plan& plan = *snapshot->plan;
  CHECK(read_history_page("", 0, Language::japanese).value() == 1);
  CHECK(read_history_page("3", 120, Language::japanese).value() == 3);
  CHECK(read_history_page("4", 120, Language::english).error().message ==
        "page: expected a page from 1 to 3, got \"4\"");
  CHECK(read_history_page("x", 120, Language::japanese).error().message ==
        "page: 「x」は選べません。1～3のページを指定してください。");
  CHECK(read_history_page("0", 0, Language::english).error().message ==
        "page: expected a page from 1 to 1, got \"0\"");
  CHECK(read_history_occurrence(plan, "higashi-kyosei/support-plan/fy2026", Language::english)
            .value() == "higashi-kyosei/support-plan/fy2026");
  CHECK(read_history_occurrence(plan, "other/x/2026-04", Language::english).error().message ==
        "occurrence: expected an occurrence of plan \"higashi-kyosei\" (higashi-kyosei/TASK/KEY), "
        "got \"other/x/2026-04\"");
  CHECK(read_history_occurrence(plan, "higashi-kyosei/", Language::japanese).error().message ==
        "occurrence: 「higashi-kyosei/」はこの計画（higashi-kyosei）の予定ではありません。");
}

TEST_CASE("the page after a note was deleted says what it said") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  const std::string page =
      render_note_deleted_page(*snapshot, "中期", "support-plan", "調整を<b>実施</b>",
                               context_on(sys_days{2026_y / September / 2}));
  CHECK(page.find("<h1>進捗の記入を削除しました</h1>") != std::string::npos);
  CHECK(page.find("<blockquote class=\"deleted\">調整を&lt;b&gt;実施&lt;/b&gt;</blockquote>") !=
        std::string::npos);
  CHECK(page.find("<a href=\"/plans/higashi-kyosei\">取組へ戻る</a>") != std::string::npos);
}

namespace {

// The part of a page inside <main>.
std::string main_of(const std::string& page) {
  const std::size_t begin = page.find("<main>\n");
  const std::size_t end = page.find("</main>");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return page.substr(begin + 7, end - begin - 7);
}

const sys_seconds kMade = sys_days{2026_y / April / 8} + std::chrono::hours{5};  // 14:00 in Tokyo

}  // namespace

TEST_CASE("the header shows the visitor's name and links to the account page") {
  PageContext context = context_on(sys_days{2026_y / May / 1});
  context.visitor = Visitor{"田中 花子", true, "csrf-1"};
  const std::string page = render_overview_page({}, context);
  CHECK(page.find("<a class=\"who\" href=\"/account\" "
                  "title=\"アカウント（トークンとカレンダー購読リンク）\">"
                  "田中 花子</a>") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE(
    "the account page lists the visitor's tokens and calendar links, each but their own with a "
    "revoke form") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PageContext context = context_on(sys_days{2026_y / May / 1});
  context.visitor = Visitor{"山田 太郎", true, "csrf-1"};
  Account account;
  account.tokens.push_back({.id = 2,
                            .hash = "",
                            .role = store::Role::admin,
                            .label = "管理",
                            .created_at = kMade,
                            .created_by = "cli",
                            .revoked_at = std::nullopt,
                            .name = "山田 太郎",
                            .created_by_token = std::nullopt});
  account.tokens.push_back({.id = 5,
                            .hash = "",
                            .role = store::Role::viewer,
                            .label = "掲示板",
                            .created_at = kMade,
                            .created_by = "山田 太郎",
                            .revoked_at = std::nullopt,
                            .name = "",
                            .created_by_token = 2});
  account.subscriptions.push_back({.id = 7,
                                   .hash = "",
                                   .scope = {"higashi-kyosei", "学校連携担当", ""},
                                   .label = "私のOutlook",
                                   .created_at = kMade,
                                   .created_by = "山田 太郎",
                                   .revoked_at = std::nullopt,
                                   .created_by_token = 2});
  const Principal admin{
      .token_id = 2, .role = store::Role::admin, .label = "管理", .name = "山田 太郎"};
  const std::string page = main_of(render_account_page(account, admin, {snapshot}, context));
  CHECK(page.find("<ul class=\"plain\"><li><strong>山田 太郎</strong> <span class=\"tag "
                  "planned\">サインイン中の"
                  "トークン</span><br><span class=\"meta\">トークン 2 · 管理者 · 作成 2026-04-08 "
                  "14:00 · 用途: "
                  "管理</span></li><li><strong>掲示板</strong><br><span class=\"meta\">トークン 5 "
                  "· 閲覧者 · 作成 "
                  "2026-04-08 14:00</span><form class=\"action\" method=\"post\" "
                  "action=\"/account/tokens/5/revoke\"><input type=\"hidden\" name=\"csrf\" "
                  "value=\"csrf-1\"><button class=\"secondary\" aria-label=\"失効させる: トークン "
                  "5\">失効させる</button></form></li></ul>") != std::string::npos);
  CHECK(
      page.find(
          "<li><strong>地域共生社会の実現に向けた取組の推進 — 担当: 学校連携担当</strong><br><span "
          "class=\"meta\">リンク 7 · 作成 2026-04-08 14:00 · 用途: 私のOutlook</span><form "
          "class=\"action\" method=\"post\" action=\"/account/subscriptions/7/revoke\">") !=
      std::string::npos);
  CHECK(page.find("action=\"/account/tokens\"") != std::string::npos);  // an admin makes tokens
  CHECK(page.find("<option value=\"higashi-kyosei/学校連携担当\">担当: 学校連携担当</option>") !=
        std::string::npos);

  // An editor makes calendar links but no token; a viewer neither.
  const Principal editor{.token_id = 5, .role = store::Role::editor, .label = "", .name = ""};
  const std::string editors = render_account_page({}, editor, {snapshot}, context);
  CHECK(editors.find("action=\"/account/tokens\"") == std::string::npos);
  CHECK(editors.find("action=\"/account/subscriptions\"") != std::string::npos);
  CHECK(editors.find("<li class=\"meta\">このトークンで作ったリンクはありません</li>") !=
        std::string::npos);
  const Principal viewer{.token_id = 5, .role = store::Role::viewer, .label = "", .name = ""};
  CHECK(render_account_page({}, viewer, {snapshot}, context)
            .find("action=\"/account/subscriptions\"") == std::string::npos);
  const std::string english = render_account_page(
      account, admin, {snapshot}, context_on(sys_days{2026_y / May / 1}, Language::english));
  CHECK(english.find("<span class=\"meta\">token 5 · viewer · created 2026-04-08 14:00</span>") !=
        std::string::npos);
}

TEST_CASE(
    "an admin's account page makes links to an agency's meetings and a current member's; the "
    "links made say what they open") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PageContext context = context_on(sys_days{2026_y / May / 1});
  context.visitor = Visitor{"山田 太郎", true, "csrf-1"};
  const Member current{.name = "中村 美咲",
                       .email = "nakamura@example.jp",
                       .role = MemberRole::contact,
                       .since = sys_days{2025_y / April / 1},
                       .until = std::nullopt,
                       .pledged = std::nullopt};
  Member former = current;
  former.name = "大野 健";
  former.email = "ono@example.jp";
  former.until = sys_days{2025_y / March / 31};
  Member also_in_council = current;
  also_in_council.email = "Nakamura@example.jp";
  const std::vector<Agency> agencies{
      {"東区地域包括支援センター", AgencyKind::community_support_center, {current, former}},
      {"堺市社会福祉協議会東区事務所", AgencyKind::social_welfare_council, {also_in_council}}};
  Account account;
  account.subscriptions.push_back({.id = 8,
                                   .hash = "",
                                   .scope = {.plan = "",
                                             .owner = "",
                                             .organisation = "",
                                             .agency = "堺市社会福祉協議会東区事務所",
                                             .person = ""},
                                   .label = "",
                                   .created_at = kMade,
                                   .created_by = "山田 太郎",
                                   .revoked_at = std::nullopt,
                                   .created_by_token = 2});
  account.subscriptions.push_back({.id = 9,
                                   .hash = "",
                                   .scope = {.plan = "",
                                             .owner = "",
                                             .organisation = "",
                                             .agency = "",
                                             .person = "nakamura@example.jp"},
                                   .label = "",
                                   .created_at = kMade,
                                   .created_by = "山田 太郎",
                                   .revoked_at = std::nullopt,
                                   .created_by_token = 2});
  const Principal admin{.token_id = 2, .role = store::Role::admin, .label = "", .name = ""};
  const std::string page =
      main_of(render_account_page(account, admin, {snapshot}, context, agencies));
  CHECK(page.find(
            "<optgroup label=\"機関の会議\"><option "
            "value=\"agency:東区地域包括支援センター\">東区地域包括支援センター</option><option "
            "value=\"agency:堺市社会福祉協議会東区事務所\">堺市社会福祉協議会東区事務所</"
            "option></optgroup><optgroup label=\"個人の会議（今所属する機関の会議）\"><option "
            "value=\"person:nakamura@example.jp\">中村 美咲 &lt;nakamura@example.jp&gt;（東区地域"
            "包括支援センター、堺市社会福祉協議会東区事務所）</option></optgroup></select>") !=
        std::string::npos);
  CHECK(page.find("<strong>堺市社会福祉協議会東区事務所の会議（機関）</strong>") !=
        std::string::npos);
  CHECK(page.find("<strong>nakamura@example.jp の会議（所属機関）</strong>") != std::string::npos);

  // An editor's form has the plans only; without agencies, an admin's too.
  const Principal editor{.token_id = 5, .role = store::Role::editor, .label = "", .name = ""};
  CHECK(render_account_page({}, editor, {snapshot}, context, agencies).find("agency:") ==
        std::string::npos);
  CHECK(
      render_account_page({}, admin, {snapshot}, context).find("<optgroup label=\"機関の会議\">") ==
      std::string::npos);
  // With agencies and no plan, an admin still makes an agency's link.
  CHECK(render_account_page({}, admin, {}, context, agencies).find("value=\"agency:") !=
        std::string::npos);

  context.script = "/assets/copy.js?v=1";
  const std::string feed = "http://127.0.0.1:8080/calendars/agency/%E5%A0%BA.ics?token=tks_secret";
  const std::string made = main_of(
      render_meetings_subscription_page(account.subscriptions.front().scope, feed, context));
  CHECK(made.find("<section class=\"card\"><p>堺市社会福祉協議会東区事務所の会議（機関）</p>") !=
        std::string::npos);
  CHECK(made.find("<p class=\"links\"><a href=\"/account\">") != std::string::npos);
  CHECK(made.find("/plans/") == std::string::npos);
  CHECK(made.find("<code class=\"secret\" id=\"https\">" + feed + "</code>") != std::string::npos);
}

TEST_CASE("a secret made on the account page is shown once, with copy buttons its script shows") {
  const SnapshotPointer snapshot = snapshot_of(higashi_plan());
  PageContext context = context_on(sys_days{2026_y / May / 1});
  context.visitor = Visitor{"山田 太郎", true, "csrf-1"};
  context.script = "/assets/copy.js?v=1";
  const std::string token_page = render_new_token_page({.token = {.id = 5,
                                                                  .hash = "",
                                                                  .role = store::Role::editor,
                                                                  .label = "CI",
                                                                  .created_at = kMade,
                                                                  .created_by = "山田 太郎",
                                                                  .revoked_at = std::nullopt,
                                                                  .name = "鈴木 一郎",
                                                                  .created_by_token = 2},
                                                        .secret = "tkm_secret"},
                                                       context);
  CHECK(token_page.find("<script src=\"/assets/copy.js?v=1\" defer></script>") !=
        std::string::npos);
  CHECK(
      main_of(token_page) ==
      "<h1>トークンを作りました</h1>\n<section class=\"card\"><p><strong>鈴木 一郎</strong> <span "
      "class=\"meta\">トークン 5 · 編集者</span></p><p>このトークンは今回だけ表示されます。使う人に"
      "安全な方法で渡してください。サインインの画面で入力します。</p><code class=\"secret\" "
      "id=\"token\">tkm_secret</code><p><button type=\"button\" class=\"copy secondary\" "
      "data-copy=\"token\" data-copied=\"コピーしました\" hidden>コピー</button></p><p><a "
      "href=\"/account\">アカウントへ戻る</a></p></section>\n");

  const std::string feed = "http://127.0.0.1:8080/calendars/higashi-kyosei.ics?token=tks_secret";
  const std::string subscription = main_of(render_subscription_page(*snapshot, feed, context));
  CHECK(subscription.find("<h3>http://</h3><code class=\"secret\" id=\"https\">" + feed +
                          "</code><p><button type=\"button\" class=\"copy secondary\" "
                          "data-copy=\"https\" data-copied=\"コピーしました\" "
                          "hidden>コピー</button></p>") != std::string::npos);
  CHECK(subscription.find("<code class=\"secret\" id=\"webcal\">webcal://127.0.0.1:8080/calendars/"
                          "higashi-kyosei.ics?token=tks_secret</code>") != std::string::npos);
  context.script.clear();  // no script: no button, the URL still there to select
  const std::string without = render_subscription_page(*snapshot, feed, context);
  CHECK(without.find("class=\"copy") == std::string::npos);
  CHECK(without.find("<script") == std::string::npos);
  CHECK(without.find(feed) != std::string::npos);
}

TEST_CASE(
    "a refusal is in the page's language: a sentence of its own, else a lead-in and the text") {
  struct Row {
    HttpError error;
    const char* japanese;
    const char* original;  // shown after a Japanese lead-in, marked lang="en", as escaped
  };
  const Row rows[] = {
      {{ErrorKind::conflict,
        "occurrence \"p/m/2026-06\" is done already",
        KnownRefusal::occurrence_closed,
        {"p/m/2026-06", "done"}},
       "「p/m/2026-06」はすでに完了です。取り消してから記録し直してください。",
       ""},
      {{ErrorKind::conflict,
        "occurrence \"p/m/2026-06\" is skipped already",
        KnownRefusal::occurrence_closed,
        {"p/m/2026-06", "skipped"}},
       "「p/m/2026-06」はすでに見送りです。取り消してから記録し直してください。",
       ""},
      {{ErrorKind::conflict,
        "occurrence \"p/m/2026-06\" has nothing to undo: it is planned",
        KnownRefusal::nothing_to_undo,
        {"p/m/2026-06", "planned"}},
       "「p/m/2026-06」は予定のままで、取り消す記録がありません。",
       ""},
      {{ErrorKind::unprocessable,
        "note: 501 characters, over the limit of 500",
        KnownRefusal::field_too_long,
        {"note", "501", "500"}},
       "メモが501文字です。500文字以内で入力してください。",
       ""},
      {{ErrorKind::not_found, "no plan \"nope\"", KnownRefusal::no_plan, {"nope"}},
       "取組「nope」はありません。",
       ""},
      {{ErrorKind::forbidden, "A viewer's token cannot record.",
        KnownRefusal::viewer_cannot_record},
       "閲覧者のトークンでは記録できません。",
       ""},
      {{ErrorKind::unprocessable, "no task of the owner \"山田\" in the plan \"p\""},
       "この内容では記録できません。",
       "no task of the owner &quot;山田&quot; in the plan &quot;p&quot;"},
      {{ErrorKind::unprocessable,
        "completion day 2028-01-01 is outside FY2026 (2026-04-01 to 2027-03-31) of occurrence "
        "\"p/m/2026-06\""},
       "この内容では記録できません。",
       "completion day 2028-01-01 is outside FY2026 (2026-04-01 to 2027-03-31) of occurrence "
       "&quot;p/m/2026-06&quot;"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.error.message);
    const std::string japanese =
        main_of(render_refused_page(row.error, "/plans/p", context_on(sys_days{2026_y / May / 1})));
    const std::string original =
        *row.original ? "<p class=\"card meta\" lang=\"en\">" + std::string{row.original} + "</p>"
                      : std::string{};
    CHECK(japanese == "<h1>記録できませんでした</h1><p class=\"card notice\">" +
                          std::string{row.japanese} + "</p>" + original +
                          "<p><a href=\"/plans/p\">戻る</a></p>\n");
    const std::string english = main_of(render_refused_page(
        row.error, "/plans/p", context_on(sys_days{2026_y / May / 1}, Language::english)));
    CHECK(english.find("<h1>Not recorded</h1><p class=\"card notice\">") == 0);
    CHECK(english.find("lang=\"en\"") == std::string::npos);
  }
}

TEST_CASE("a page that names nothing says so in the page's language") {
  const HttpError missing{
      ErrorKind::not_found, "no such page: /nope", KnownRefusal::no_such_page, {"/nope"}};
  CHECK(main_of(render_missing_page(missing, context_on(sys_days{2026_y / May / 1}))) ==
        "<h1>見つかりません</h1><p class=\"card\">ページ「/nope」はありません。</p><p><a "
        "href=\"/\">一覧へ戻る</a></p>\n");
  CHECK(main_of(render_missing_page(missing,
                                    context_on(sys_days{2026_y / May / 1}, Language::english))) ==
        "<h1>Not found</h1><p class=\"card\">no such page: /nope</p><p><a href=\"/\">Back to the "
        "overview</a></p>\n");
  const HttpError period{
      ErrorKind::not_found, "unknown period \"夏期\"", KnownRefusal::unknown_period, {"夏期"}};
  CHECK(main_of(render_missing_page(period, context_on(sys_days{2026_y / May / 1})))
            .find("<p class=\"card\">期間「夏期」はありません。</p>") != std::string::npos);
}

TEST_CASE("two plans of the same initiative are told apart by their units, else by their ids") {
  Plan first = higashi_plan();
  first.id = "higashi-kyosei";
  first.organisation.unit = "東保健福祉総合センター";
  Plan second = higashi_plan();
  second.id = "higashi-kyosei-2";
  second.organisation.unit = "企画総務課";
  Plan other = higashi_plan();
  other.id = "other";
  other.initiative = "別の取組";
  const std::vector<SnapshotPointer> plans{snapshot_of(first), snapshot_of(second),
                                           snapshot_of(other)};
  CHECK(plan_distinction(first, plans) == "東保健福祉総合センター");
  CHECK(plan_distinction(second, plans) == "企画総務課");
  CHECK(plan_distinction(other, plans) == "");
  const std::string overview = render_overview_page(plans, context_on(sys_days{2026_y / May / 1}));
  CHECK(overview.find(
            "<h2><a href=\"/plans/higashi-kyosei-2\">地域共生社会の実現に向けた取組の推進</a> "
            "<span class=\"meta\">（企画総務課）</span></h2>") != std::string::npos);
  CHECK(overview.find("<h2><a href=\"/plans/other\">別の取組</a></h2>") != std::string::npos);

  // The same unit: the ids tell them apart, on the overview and in the plan page's title.
  second.organisation.unit = first.organisation.unit;
  const std::vector<SnapshotPointer> same_unit{snapshot_of(first), snapshot_of(second)};
  CHECK(plan_distinction(second, same_unit) == "higashi-kyosei-2");
  const std::string page = render_plan_page(*same_unit[1], context_on(sys_days{2026_y / May / 1}),
                                            nullptr, plan_distinction(second, same_unit));
  CHECK(page.find(
            "<title>地域共生社会の実現に向けた取組の推進（higashi-kyosei-2） — torikumi</title>") !=
        std::string::npos);
  CHECK(page.find("<h1>地域共生社会の実現に向けた取組の推進 <span "
                  "class=\"meta\">（higashi-kyosei-2）</span></h1>") != std::string::npos);
}
