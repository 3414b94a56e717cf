#include "engine/progress/progress_form.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "engine/text/html.hpp"
#include "tests/engine/progress/higashi_with_progress.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;
using torikumi::testing::higashi_with_progress;

TEST_CASE("progress lines naming months mark those meetings of the series done") {
  const Plan plan = higashi_with_progress();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const ProgressMarks marks = mark_progress(plan, *expansion);
  std::vector<std::string> done;
  for (std::size_t i = 0; i < expansion->occurrences.size(); ++i)
    if (marks.done[i]) done.push_back(expansion->occurrences[i].id);
  CHECK(done == std::vector<std::string>{"higashi-kyosei/multi-agency-meeting/2026-04",
                                         "higashi-kyosei/multi-agency-meeting/2026-06",
                                         "higashi-kyosei/multi-agency-meeting/2026-08",
                                         "higashi-kyosei/multi-agency-meeting/2026-10"});
  const std::size_t support_plan =
      static_cast<std::size_t>(plan.find_task("support-plan") - plan.tasks.data());
  CHECK(marks.reports[support_plan][0].size() == 1);  // its 前期 share is reported
  CHECK(marks.reports[support_plan][1].empty());
  CHECK_FALSE(marks.task_done(plan, *expansion, support_plan));
  REQUIRE(marks.notes[1].size() == 1);
  CHECK(marks.notes[1][0]->text == "夏休み中の見守り支援");
}

TEST_CASE("the text form ticks the rows that are done and keeps the sheet layout") {
  const Plan plan = higashi_with_progress();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const std::string form =
      render_progress_form(plan, *expansion, mark_progress(plan, *expansion),
                           {.format = FormFormat::text, .up_to_period = "中期"});
  CHECK(form.find("令和8年度 中期 (~11月) 時点") != std::string::npos);
  CHECK(form.find("スケジュール\t前期 (~7月)\t ☑ 多機関協働担当を中心とした会議の開催（4、6月） ☐ "
                  "こども家庭センター") != std::string::npos);
  CHECK(
      form.find("\t中期 (~11月)\t ☑ 多機関協働担当を中心とした会議の開催（8、10月） ☐ 地域資源") !=
      std::string::npos);
  CHECK(form.find("\t後期 (~3月)\t ☐ 多機関協働担当を中心とした会議の開催（12、2月）") !=
        std::string::npos);
  CHECK(form.find("進捗の状況\t前期 (~7月)\t ☑ "
                  "多機関協働のための会議の開催（4、6月）、個別支援の実施（隨時）") !=
        std::string::npos);
  CHECK(form.find("\t中期 (~11月)\t ☑ 多機関協働のための会議の開催（8月、10月）") !=
        std::string::npos);
  CHECK(form.find("\t寄与する KPI\t自殺死亡率 "
                  "【2019年度：14.9（人口10万人当たり自殺者数）】\t目標値（2025 年度） 14.2") !=
        std::string::npos);
  CHECK(form.find("最も貢献する SDGsのゴール\tゴール番号 1\t貧困をなくそう") != std::string::npos);
}

TEST_CASE("a form up to 前期 leaves later progress empty") {
  const Plan plan = higashi_with_progress();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const std::string form =
      render_progress_form(plan, *expansion, mark_progress(plan, *expansion),
                           {.format = FormFormat::markdown, .up_to_period = "前期"});
  CHECK(form.find("- [x] 多機関協働のための会議の開催（4、6月）") != std::string::npos);
  CHECK(form.find("8月、10月") == std::string::npos);
  CHECK(form.find("### 中期 (~11月)\n\n（未記入）") != std::string::npos);
  CHECK(form.find("- [ ] 今年度の検証と次年度に向けた取組の検討（～3月）") != std::string::npos);
}

TEST_CASE("html escaping covers the five special characters") {
  CHECK(escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(escape_html("東区役所") == "東区役所");
}

TEST_CASE("periods are labelled as on the sheet") {
  CHECK(period_label({"前期", April, July}) == "前期 (~7月)");
  CHECK(period_label({"後期", December, March}) == "後期 (~3月)");
}

TEST_CASE("the period a form is filled in for is the latest that has ended") {
  const Plan plan = higashi_with_progress();
  const FiscalYear year{2026_y};
  struct Case {
    sys_days today;
    std::string period;
  };
  const Case cases[] = {
      {sys_days{2026_y / April / 10}, "前期"},     // none has ended: the first
      {sys_days{2026_y / July / 31}, "前期"},      // 前期's last day: not ended yet
      {sys_days{2026_y / August / 1}, "前期"},     // 中期 has just begun
      {sys_days{2026_y / November / 30}, "前期"},  // 中期's last day
      {sys_days{2026_y / December / 1}, "中期"},  {sys_days{2027_y / March / 31}, "中期"},
      {sys_days{2027_y / April / 10}, "後期"},  // the year is over: its last period
  };
  for (const Case& c : cases) {
    CAPTURE(c.today);
    CHECK(period_being_reported(plan, year, c.today) == c.period);
  }
}

TEST_CASE("completion notes reach the progress of their period beside the task's line") {
  const auto plan = read_plan_json(
      R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
 "fiscal_year": 2026, "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6、8月）", "kind": "meeting"},
  {"id": "span", "title": "周知", "period": "前期", "when": "（4～3月）"},
  {"id": "deadline", "title": "整備", "period": "前期", "when": "（～6月）"}]})");
  REQUIRE(plan.ok());
  const auto expansion = expand_plan(*plan, 2026_y);
  REQUIRE(expansion.ok());
  const auto done = [](sys_days day, std::string note) {
    OccurrenceRecord record;
    record.status = OccurrenceStatus::done;
    record.completed_at = sys_seconds{day} + std::chrono::hours{3};  // noon in Tokyo
    record.note = std::move(note);
    return record;
  };
  RecordedState state;
  state.occurrences["p/meeting/2026-04"] = done(2026_y / April / 8, "12名参加");
  // Recorded in August, held in June: reported in 前期 still.
  state.occurrences["p/meeting/2026-06"] = done(2026_y / August / 3, "9名参加");
  state.occurrences["p/meeting/2026-08"] = done(2026_y / August / 12, "");  // no note: no line
  // A span finished in 中期 is reported there.
  state.occurrences["p/span/fy2026"] = done(2026_y / October / 1, "全校に配布");
  state.occurrences["p/deadline/fy2026"] = done(2026_y / June / 30, "規程を制定");
  state.notes.push_back(ProgressNote{"", "前期", "会議を2回開催", std::nullopt, ""});
  const std::string form = render_progress_form(*plan, *expansion, state,
                                                {.format = FormFormat::text, .up_to_period = ""});
  CHECK(form ==
        "重要取組シート\t令和8年度 後期 (~3月) 時点\n\n東区役所\n\n"
        "取組項目\t取組\t\n現状・課題\t\t\n取組の内容\t\t\n"
        "スケジュール\t前期 (~7月)\t ☑ 会議の開催（4、6、8月） ☑ 周知（4～3月） ☑ 整備（～6月）\n"
        "\t中期 (~11月)\t\n\t後期 (~3月)\t\n\t次年度 以降\t\n\n(様式 4)\n\n"
        "進捗の状況\t前期 (~7月)\t ☑ 会議を2回開催 ☑ 会議の開催：4月 12名参加、6月 "
        "9名参加 ☑ 整備：規程を制定\t\t\n"
        "\t中期 (~11月)\t ☑ 周知：全校に配布\t\t\n"
        "\t後期 (~3月)\t\t\t\n");
  const ProgressFormContent content = progress_form_content(
      *plan, *expansion, state, {.format = FormFormat::text, .up_to_period = "前期"});
  CHECK(content.progress[0].notes ==
        std::vector<std::string>{"会議を2回開催", "会議の開催：4月 12名参加、6月 9名参加",
                                 "整備：規程を制定"});
  CHECK(content.progress[1].notes.empty());  // after the form's period
}
