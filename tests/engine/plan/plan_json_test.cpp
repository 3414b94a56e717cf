#include "engine/plan/plan_json.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace torikumi;
using nlohmann::json;

namespace {

json minimal_plan() {
  return json::parse(R"({
    "id": "test-plan",
    "organisation": {"name": "東区役所"},
    "initiative": "地域共生社会の実現に向けた取組の推進",
    "measures": [{"id": "m1", "title": "重層的支援体制整備事業の推進"}],
    "tasks": [
      {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）"},
      {"id": "awareness", "title": "周知", "period": "前期", "when": "4～3月", "measure": "m1"}
    ]
  })");
}

std::vector<std::string> errors_of(const json& document) {
  const auto plan = read_plan_document(document);
  std::vector<std::string> messages;
  if (plan) return messages;
  for (const auto& diagnostic : plan.error()) messages.push_back(diagnostic.to_string());
  return messages;
}

std::string read_file(const std::string& path) {
  std::ifstream file{path};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a minimal plan reads with defaults") {
  const auto plan = read_plan_document(minimal_plan());
  REQUIRE(plan.ok());
  CHECK(plan->id == "test-plan");
  CHECK(plan->time_zone.name() == "Asia/Tokyo");
  CHECK(plan->fiscal_year_start == date::April);
  CHECK(plan->periods == default_periods());
  REQUIRE(plan->tasks.size() == 2);
  CHECK(plan->tasks[0].kind == TaskKind::meeting);  // inferred: a month list whose title names 会議
  CHECK(plan->tasks[1].kind == TaskKind::campaign);
  REQUIRE(plan->tasks[0].when.has_value());
  CHECK(std::get<when::Months>(plan->tasks[0].when->rule).months ==
        std::vector<date::month>{date::April, date::June});
}

TEST_CASE("a plan written and read back is equal") {
  const auto plan =
      read_plan_json(read_file(std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"));
  REQUIRE(plan.ok());
  const auto again = read_plan_document(plan_to_json(*plan));
  REQUIRE(again.ok());
  CHECK(*again == *plan);
}

TEST_CASE("the Higashi example plan is valid") {
  const auto plan =
      read_plan_json(read_file(std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"));
  REQUIRE(plan.ok());
  CHECK(plan->tasks.size() == 15);
  CHECK(plan->measures.size() == 3);
  REQUIRE(plan->meeting_rule.has_value());
  CHECK(plan->meeting_rule->start_time == std::chrono::minutes{14 * 60});
  CHECK(plan->meeting_rule->duration == std::chrono::minutes{90});
  REQUIRE(plan->kpis.size() == 1);
  CHECK(plan->kpis[0].baseline == KpiFigure{2019, 14.9});
  CHECK(plan->kpis[0].target == KpiFigure{2025, 14.2});
  CHECK(plan->sdg_goals == std::vector<SdgGoal>{{1, "貧困をなくそう"}});
}

TEST_CASE("invalid JSON is reported with its line and column") {
  const auto plan = read_plan_json("{\n  \"id\": \"x\",\n}");
  REQUIRE_FALSE(plan.ok());
  REQUIRE(plan.error().size() == 1);
  CHECK(plan.error()[0].to_string() ==
        "plan: invalid JSON: parse error at line 3, column 1: syntax error while parsing object "
        "key - "
        "unexpected '}'; expected string literal");
}

TEST_CASE("a number no double or integer holds is an error with its path, not a crash") {
  const auto overflow = read_plan_json(R"({"id": "x", "fiscal_year": 1e999})");
  REQUIRE_FALSE(overflow.ok());
  REQUIRE(overflow.error().size() == 1);
  CHECK(overflow.error()[0].to_string() == "plan: invalid JSON: number overflow parsing '1e999'");
  json document = minimal_plan();
  document["fiscal_year"] = json::parse("18446744073709551615");
  document["fiscal_year_start_month"] = json::parse("-9223372036854775808");
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.fiscal_year: expected an integer from 1949 to 2099, got 18446744073709551615",
            "plan.fiscal_year_start_month: expected an integer from 1 to 12, got "
            "-9223372036854775808",
        });
  document = minimal_plan();
  document["fiscal_year"] = 2147485674LL;  // 2026 + 2^31: an int would take it for 2026
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.fiscal_year: expected an integer from 1949 to 2099, got 2147485674"});
}

TEST_CASE("every bad-plan error is reported at once with its path") {
  json document = minimal_plan();
  document["fiscal_year"] = "2026";
  document["time_zone"] = "Asia/Tokio";
  document["tasks"][0]["when"] = "（13月）";
  document["tasks"][1]["title"] = "";
  document["tasks"].push_back({{"id", "meeting"}, {"title", "重複"}, {"period", "夏期"}});
  document["tasks"].push_back({{"id", 7}, {"title", "x"}, {"kind", "party"}, {"measure", "m9"}});
  document["measures"].push_back({{"id", "m1"}, {"title", "again"}});
  document["kpis"] = json::array(
      {{{"id", "k"}, {"name", "自殺死亡率"}, {"baseline", {{"year", 2019}, {"value", "14.9"}}}}});
  document["sdg_goals"] = json::array({{{"number", 18}, {"name", "x"}}});
  document["titel"] = "typo";
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.titel: unknown field",
            "plan.fiscal_year: expected an integer, got string \"2026\"",
            "plan.time_zone: unknown time zone \"Asia/Tokio\"",
            "plan.measures[1].id: duplicate id \"m1\" (also plan.measures[0].id)",
            "plan.tasks[0].when: unknown month \"13\" at character 2 in \"（13月）\"",
            "plan.tasks[1].title: expected a non-empty string, got \"\"",
            "plan.tasks[2].period: unknown period \"夏期\", expected one of 前期, 中期, 後期, "
            "次年度以降",
            "plan.tasks[3].id: expected a string, got number 7",
            "plan.tasks[3].kind: expected one of meeting, campaign, deliverable, as-needed, "
            "next-year, got \"party\"",
            "plan.tasks[3].measure: unknown measure \"m9\"",
            "plan.tasks[2].id: duplicate id \"meeting\" (also plan.tasks[0].id)",
            "plan.kpis[0].baseline.value: expected a number, got string \"14.9\"",
            "plan.sdg_goals[0].number: expected an integer from 1 to 17, got 18",
        });
}

TEST_CASE("missing required fields are named") {
  CHECK(errors_of(json::object()) == std::vector<std::string>{
                                         "plan.id: missing",
                                         "plan.organisation: missing",
                                         "plan.initiative: missing",
                                     });
  CHECK(errors_of(json::array()) ==
        std::vector<std::string>{"plan: expected an object, got array []"});
}

TEST_CASE("a value in an error is cut at 60 bytes, never inside a character, however deep") {
  json document = minimal_plan();
  document["id"] = json::array({std::string(30 * 3, 'x')});
  document["initiative"] =
      json::array({"ああああああああああああああああああああああああああああああ"});
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.id: expected a string, got array [\"" + std::string(55, 'x') + "...",
            // 57 bytes would end inside the 19th あ (3 bytes each, after the 2 bytes of [")
            "plan.initiative: expected a string, got array "
            "[\"ああああああああああああああああああ...",
        });
  // Nested deeper than any stack holds a recursive dump of it: 200,000 levels.
  const std::size_t depth = 200'000;
  const std::string text = R"({"id": )" + std::string(depth, '[') + std::string(depth, ']') +
                           R"(, "organisation": {"name": "x"}, "initiative": "x"})";
  const auto plan = read_plan_json(text);
  REQUIRE_FALSE(plan.ok());
  REQUIRE(plan.error().size() == 1);
  CHECK(plan.error()[0].to_string() ==
        "plan.id: expected a string, got array " + std::string(57, '[') + "...");
}

TEST_CASE("task ids must be slugs") {
  json document = minimal_plan();
  document["tasks"][0]["id"] = "会議 1";
  CHECK(errors_of(document) ==
        std::vector<std::string>{"plan.tasks[0].id: expected 1 to 64 of A-Z a-z 0-9 . _ - not "
                                 "starting with . or -, got \"会議 1\""});
}

TEST_CASE("a series may not list the same month twice") {
  json document = minimal_plan();
  document["tasks"][0]["series"] = "meetings";
  document["tasks"].push_back({{"id", "meeting-2"},
                               {"title", "会議の開催"},
                               {"period", "中期"},
                               {"when", "（6、8月）"},
                               {"series", "meetings"}});
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.tasks[2].when: month 6 is already in series \"meetings\" (plan.tasks[0])"});
}

TEST_CASE("only month-list tasks can form a series") {
  json document = minimal_plan();
  document["tasks"][1]["series"] = "meetings";
  CHECK(
      errors_of(document) ==
      std::vector<std::string>{"plan.tasks[1].series: only a task dated by listed months (such as "
                               "（4、6月）) can be part of a series, got when \"4～3月\""});
}

TEST_CASE("a span that crosses the end of the fiscal year is refused") {
  json document = minimal_plan();
  document["tasks"][1]["when"] = "3～4月";
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.tasks[1].when: \"3～4月\" crosses the end of the fiscal year (3月): write two "
            "lines, （3月） and （4月） under 次年度以降"});
  document["fiscal_year_start_month"] = 1;
  CHECK(errors_of(document).empty());
}

TEST_CASE("a schedule dated in another fiscal year than the plan's is refused") {
  json document = minimal_plan();
  document["fiscal_year"] = 2026;
  document["tasks"][1]["when"] = "令和9年度中";
  CHECK(errors_of(document) ==
        std::vector<std::string>{"plan.tasks[1].when: 令和9年度 (2027) is not this plan's fiscal "
                                 "year 令和8年度 (2026)"});
  document["tasks"][1]["when"] = "令和8年度中";
  CHECK(errors_of(document).empty());
}

TEST_CASE("a next-year task has no schedule") {
  json document = minimal_plan();
  document["tasks"].push_back(
      {{"id", "later"}, {"title", "継続"}, {"period", "次年度以降"}, {"when", "4月～"}});
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.tasks[2].when: a 次年度以降 task has no schedule in the fiscal "
            "year, got \"4月～\""});
}

TEST_CASE("meeting rules are checked field by field") {
  json document = minimal_plan();
  document["meeting_rule"] = {
      {"week", 6}, {"weekday", "wed"}, {"start", "25:00"}, {"duration_minutes", 0}};
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.meeting_rule.week: expected an integer from 1 to 5, got 6",
            "plan.meeting_rule.weekday: expected a weekday (monday..sunday or 月..日), got \"wed\"",
            "plan.meeting_rule.start: expected a time HH:MM, got \"25:00\"",
            "plan.meeting_rule.duration_minutes: expected an integer from 1 to 1440, got 0",
        });
  document["meeting_rule"] = {{"week", 2}, {"day_of_month", 10}, {"start", "10:00"}};
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.meeting_rule: expected either \"week\" and \"weekday\" or \"day_of_month\""});
}

TEST_CASE("custom periods are read and checked") {
  json document = minimal_plan();
  document["periods"] = json::array({{{"name", "上半期"}, {"first_month", 4}, {"last_month", 9}},
                                     {{"name", "下半期"}, {"first_month", 10}, {"last_month", 2}}});
  document["tasks"][0]["period"] = "上半期";
  document["tasks"][1]["period"] = "上半期";
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.periods: periods end in month 2, expected them to cover the whole year",
            "plan.tasks[0].period: unknown period \"上半期\", expected one of 前期, 中期, 後期, "
            "次年度以降",
            "plan.tasks[1].period: unknown period \"上半期\", expected one of 前期, 中期, 後期, "
            "次年度以降",
        });
  document["periods"][1]["last_month"] = 3;
  const auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  CHECK(plan->periods.size() == 2);
}

TEST_CASE("business calendar settings are read") {
  json document = minimal_plan();
  document["business_calendar"] = {{"year_end_closure", {{"first", "12-28"}, {"last", "01-04"}}},
                                   {"closed_days", {"2026-08-14", "2026-08-13"}}};
  const auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  CHECK(plan->business_calendar.closure.first == date::December / 28);
  CHECK(plan->business_calendar.closure.last == date::January / 4);
  CHECK(plan->business_calendar.extra_closed_days ==
        std::vector<date::sys_days>{date::sys_days{date::year{2026} / 8 / 13},
                                    date::sys_days{date::year{2026} / 8 / 14}});
  document["business_calendar"] = {{"year_end_closure", {{"first", "12-32"}}},
                                   {"closed_days", {"2026/08/14"}}};
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.business_calendar.year_end_closure.first: expected a month and day MM-DD, got "
            "\"12-32\"",
            "plan.business_calendar.year_end_closure.last: missing",
            "plan.business_calendar.closed_days[0]: expected a date YYYY-MM-DD, got \"2026/08/14\"",
        });
}

TEST_CASE("progress lines are read and checked") {
  json document = minimal_plan();
  document["progress"] = json::array({
      {{"period", "前期"},
       {"text", "会議の開催"},
       {"months", {4, 6}},
       {"task", "meeting"},
       {"score", 0.8}},
      {{"period", "前期"}, {"text", "個別支援"}},
  });
  const auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  REQUIRE(plan->progress.size() == 2);
  CHECK(plan->progress[0].months == std::vector<date::month>{date::April, date::June});
  CHECK(plan->progress[0].task == "meeting");
  CHECK(plan->progress[1].task.empty());
  const auto again = read_plan_document(plan_to_json(*plan));
  REQUIRE(again.ok());
  CHECK(*again == *plan);

  document["progress"] = json::array({
      {{"period", "次年度以降"},
       {"text", "x"},
       {"months", {13}},
       {"task", "nothing"},
       {"score", 2}},
  });
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.progress[0].period: unknown period \"次年度以降\", expected one of 前期, 中期, "
            "後期",
            "plan.progress[0].months[0]: expected a month from 1 to 12, got number 13",
            "plan.progress[0].task: unknown task \"nothing\"",
            "plan.progress[0].score: expected a number from 0 to 1, got number 2",
        });
}

TEST_CASE("a progress line's score needs the task it scores the match with") {
  json document = minimal_plan();
  document["progress"] = json::array({{{"period", "前期"}, {"text", "x"}, {"score", 0.851}}});
  CHECK(errors_of(document) ==
        std::vector<std::string>{
            "plan.progress[0].score: a score is a match's, and this line names no task"});
}

TEST_CASE("a KPI figure keeps a one-character unit and brackets a longer one") {
  CHECK(kpi_figure_text(45, "%") == "45%");
  CHECK(kpi_figure_text(12, "人") == "12人");
  CHECK(kpi_figure_text(14.9, "人口10万人当たり自殺者数") == "14.9（人口10万人当たり自殺者数）");
  CHECK(kpi_figure_text(0.35, "") == "0.35");
  CHECK(kpi_figure_text(1250, "件数") == "1250（件数）");
  CHECK(kpi_figure_text(1.0 / 3.0, "") == "0.333333");
}
