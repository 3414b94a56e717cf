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
  const std::string editor = render_plan_page(*snapshot, context);
  for (const limits::FieldLimit& field : limits::kFields) {
    CAPTURE(field.field);
    const std::string named = "name=\"" + std::string{field.field} + "\"";
    const std::size_t at = editor.find(named);
    REQUIRE(at != std::string::npos);
    const std::size_t tag_end = editor.find('>', at);
    const std::string tag = editor.substr(at, tag_end - at);
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
