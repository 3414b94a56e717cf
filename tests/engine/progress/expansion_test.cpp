#include "engine/progress/expansion.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "engine/progress/occurrence_json.hpp"
#include "tests/engine/test_plans.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;

namespace {

Plan plan_from(const json& tasks, const json& meeting_rule = nullptr) {
  json document = {{"id", "p"},
                   {"organisation", {{"name", "東区役所"}}},
                   {"initiative", "取組"},
                   {"tasks", tasks}};
  if (!meeting_rule.is_null()) document["meeting_rule"] = meeting_rule;
  auto plan = read_plan_document(document);
  if (!plan) {
    for (const auto& d : plan.error()) MESSAGE(d.to_string());
  }
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

Plan higashi() { return testing::higashi_plan(); }

const Occurrence& find(const Expansion& expansion, const std::string& id) {
  const auto found = std::find_if(expansion.occurrences.begin(), expansion.occurrences.end(),
                                  [&](const Occurrence& o) { return o.id == id; });
  REQUIRE_MESSAGE(found != expansion.occurrences.end(), id);
  return *found;
}

std::string iso(sys_days d) { return format("%F", d); }

// The local day of a meeting's scheduled start, in Tokyo.
std::string scheduled_day(const Occurrence& occurrence) {
  REQUIRE(occurrence.scheduled_start.has_value());
  return format("%F", floor<days>(*occurrence.scheduled_start + std::chrono::hours{9}));
}

}  // namespace

TEST_CASE("the Higashi plan has six meetings on business days every two months") {
  const Plan plan = higashi();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const json occurrences = occurrences_to_json(plan, *expansion);
  std::vector<std::string> starts;
  for (const auto& occurrence : occurrences)
    if (occurrence["kind"] == "meeting") starts.push_back(occurrence["scheduled_start"]);
  CHECK(starts == std::vector<std::string>{"2026-04-08T14:00:00+09:00", "2026-06-10T14:00:00+09:00",
                                           "2026-08-12T14:00:00+09:00", "2026-10-14T14:00:00+09:00",
                                           "2026-12-09T14:00:00+09:00",
                                           "2027-02-10T14:00:00+09:00"});
  const auto& april = find(*expansion, "higashi-kyosei/multi-agency-meeting/2026-04");
  CHECK(iso(april.start) == "2026-04-01");
  CHECK(iso(april.due) == "2026-04-30");
  CHECK(*april.scheduled_end - *april.scheduled_start == std::chrono::minutes{90});

  REQUIRE(expansion->series.size() == 1);
  const Series& series = expansion->series[0];
  CHECK(series.id == "multi-agency-meeting");
  CHECK(series.tasks.size() == 3);
  CHECK(series.occurrences.size() == 6);
  CHECK(series.interval_months == 2u);
  CHECK(expansion->undated.size() == 4);
  CHECK(expansion->occurrences.size() == 14);
}

TEST_CASE("the Higashi plan's spans and deadlines have the windows of the design") {
  const Plan plan = higashi();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  struct Row {
    const char* id;
    const char* start;
    const char* due;
  };
  const Row rows[] = {
      {"higashi-kyosei/support-plan/fy2026", "2026-04-01", "2027-03-31"},   // （4～3月）
      {"higashi-kyosei/school-visits/fy2026", "2026-04-01", "2027-03-31"},  // （4月～）
      {"higashi-kyosei/consultation-desk-awareness/fy2026", "2026-04-01",
       "2027-03-31"},                                                        // （4～3月）
      {"higashi-kyosei/platform-setup/fy2026", "2026-04-01", "2026-06-30"},  // 前期（～6月）
      {"higashi-kyosei/platform-support/fy2026", "2026-04-01", "2027-03-31"},  // 前期（～3月）
      {"higashi-kyosei/community-resources/fy2026", "2026-08-01", "2027-03-31"},  // （8～3月）
      {"higashi-kyosei/truancy-parent-support/fy2026", "2026-12-01",
       "2027-03-31"},                                                       // 後期（～3月）
      {"higashi-kyosei/annual-review/fy2026", "2026-12-01", "2027-03-31"},  // 後期（～3月）
  };
  for (const auto& row : rows) {
    CAPTURE(row.id);
    const auto& occurrence = find(*expansion, row.id);
    CHECK(iso(occurrence.start) == row.start);
    CHECK(iso(occurrence.due) == row.due);
    CHECK_FALSE(occurrence.scheduled_start.has_value());
  }
  const auto& span = find(*expansion, "higashi-kyosei/community-resources/fy2026");
  CHECK(period_names(plan, span) == std::vector<std::string>{"中期", "後期"});
}

TEST_CASE("occurrence ids do not depend on task order or re-expansion") {
  Plan plan = higashi();
  const auto first = expand_plan(plan, 2026_y);
  std::reverse(plan.tasks.begin(), plan.tasks.end());
  const auto second = expand_plan(plan, 2026_y);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  std::vector<std::string> a, b;
  for (const auto& o : first->occurrences) a.push_back(o.id);
  for (const auto& o : second->occurrences) b.push_back(o.id);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  CHECK(std::adjacent_find(a.begin(), a.end()) == a.end());
}

TEST_CASE("a meeting on a non-business day moves within its month") {
  struct Row {
    json rule;
    const char* when;
    const char* expected_key;
    const char* expected_day;
  };
  const Row rows[] = {
      // 2026-05-03 is 憲法記念日 (Sunday), then みどりの日, こどもの日 and 振替休日 on the 6th.
      {{{"day_of_month", 3}, {"start", "10:00"}}, "5月", "p/m/2026-05", "2026-05-07"},
      // The fourth Wednesday of September 2026 is 秋分の日 (the 23rd).
      {{{"week", 4}, {"weekday", "wednesday"}, {"start", "10:00"}},
       "9月",
       "p/m/2026-09",
       "2026-09-24"},
      // 2027-01-31 is a Sunday with no business day after it in January: back to Friday.
      {{{"day_of_month", 31}, {"start", "10:00"}}, "1月", "p/m/2027-01", "2027-01-29"},
      // 29 to 31 December are in the year-end closure.
      {{{"day_of_month", 29}, {"start", "10:00"}}, "12月", "p/m/2026-12", "2026-12-28"},
      // 1 to 3 January are closed, 4 January 2027 is a Monday.
      {{{"day_of_month", 1}, {"start", "10:00"}}, "1月", "p/m/2027-01", "2027-01-04"},
      // No fifth Wednesday in June 2026: the last one.
      {{{"week", 5}, {"weekday", "wednesday"}, {"start", "10:00"}},
       "6月",
       "p/m/2026-06",
       "2026-06-24"},
      // day_of_month past the month's end is its last day: 2027-02-28 is a Sunday.
      {{{"day_of_month", 31}, {"start", "10:00"}}, "2月", "p/m/2027-02", "2027-02-26"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.expected_key);
    const Plan plan = plan_from(
        json::array({{{"id", "m"}, {"title", "会議"}, {"kind", "meeting"}, {"when", row.when}}}),
        row.rule);
    const auto expansion = expand_plan(plan, 2026_y);
    REQUIRE(expansion.ok());
    REQUIRE(expansion->occurrences.size() == 1);
    CHECK(expansion->occurrences[0].id == row.expected_key);
    CHECK(scheduled_day(expansion->occurrences[0]) == row.expected_day);
  }
}

TEST_CASE("a day written in the schedule dates a task without a meeting rule") {
  const Plan plan = plan_from(json::array(
      {{{"id", "t"}, {"title", "会議"}, {"when", "毎月第2水曜日"}, {"period", "前期"}}}));
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  std::vector<std::string> days;
  for (const auto& o : expansion->occurrences) {
    CHECK(o.start == o.due);
    CHECK_FALSE(o.scheduled_start.has_value());
    days.push_back(iso(o.start));
  }
  CHECK(days == std::vector<std::string>{"2026-04-08", "2026-05-13", "2026-06-10", "2026-07-08"});
}

TEST_CASE("idioms expand inside the row's period or the fiscal year") {
  struct Row {
    const char* when;
    const char* period;
    std::vector<std::string> windows;  // start..due
  };
  const Row rows[] = {
      {"毎月",
       "中期",
       {"2026-08-01..2026-08-31", "2026-09-01..2026-09-30", "2026-10-01..2026-10-31",
        "2026-11-01..2026-11-30"}},
      {"隔月", "後期", {"2026-12-01..2026-12-31", "2027-02-01..2027-02-28"}},
      {"四半期ごと",
       "",
       {"2026-04-01..2026-04-30", "2026-07-01..2026-07-31", "2026-10-01..2026-10-31",
        "2027-01-01..2027-01-31"}},
      {"通年", "前期", {"2026-04-01..2027-03-31"}},
      {"年度末", "中期", {"2026-08-01..2027-03-31"}},
      {"6月上旬", "前期", {"2026-06-01..2026-06-10"}},
      {"6月中旬", "前期", {"2026-06-11..2026-06-20"}},
      {"2月下旬", "後期", {"2027-02-21..2027-02-28"}},
      {"6月頃", "前期", {"2026-06-01..2026-06-30"}},
      {"年2回", "", {"2026-04-01..2026-09-30", "2026-10-01..2027-03-31"}},
      {"～6月", "", {"2026-04-01..2026-06-30"}},
      {"～11月", "中期", {"2026-08-01..2026-11-30"}},
      {"4月～", "後期", {"2026-04-01..2027-03-31"}},
      {"12、2月", "後期", {"2026-12-01..2026-12-31", "2027-02-01..2027-02-28"}},
      {"", "中期", {"2026-08-01..2026-11-30"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.when);
    json task = {{"id", "t"}, {"title", "取組"}};
    if (*row.when) task["when"] = row.when;
    if (*row.period) task["period"] = row.period;
    const Plan plan = plan_from(json::array({task}));
    const auto expansion = expand_plan(plan, 2026_y);
    REQUIRE(expansion.ok());
    std::vector<std::string> windows;
    for (const auto& o : expansion->occurrences)
      windows.push_back(iso(o.start) + ".." + iso(o.due));
    CHECK(windows == row.windows);
  }
}

TEST_CASE("as-needed and next-year tasks are not dated") {
  const Plan plan = plan_from(json::array(
      {{{"id", "a"}, {"title", "個別支援の実施"}, {"when", "（隨時）"}, {"period", "前期"}},
       {{"id", "b"}, {"title", "継続"}, {"period", "次年度以降"}}}));
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  CHECK(expansion->occurrences.empty());
  REQUIRE(expansion->undated.size() == 2);
  CHECK(expansion->undated[0]->kind == TaskKind::as_needed);
  CHECK(expansion->undated[1]->kind == TaskKind::next_year);
}

TEST_CASE("an irregular series knows no interval") {
  const Plan plan =
      plan_from(json::array({{{"id", "a"}, {"title", "会議"}, {"when", "4、5、9月"}}}));
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  REQUIRE(expansion->series.size() == 1);
  CHECK(expansion->series[0].id == "a");
  CHECK_FALSE(expansion->series[0].interval_months.has_value());
}

TEST_CASE("a fiscal year starting in July resolves its months") {
  json document = {
      {"id", "p"},
      {"organisation", {{"name", "x"}}},
      {"initiative", "y"},
      {"fiscal_year_start_month", 7},
      {"periods", json::array({{{"name", "上半期"}, {"first_month", 7}, {"last_month", 12}},
                               {{"name", "下半期"}, {"first_month", 1}, {"last_month", 6}}})},
      {"tasks",
       json::array({{{"id", "t"}, {"title", "報告"}, {"when", "～6月"}, {"period", "下半期"}}})}};
  const auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  const auto expansion = expand_plan(*plan, 2026_y);
  REQUIRE(expansion.ok());
  REQUIRE(expansion->occurrences.size() == 1);
  CHECK(iso(expansion->occurrences[0].start) == "2027-01-01");
  CHECK(iso(expansion->occurrences[0].due) == "2027-06-30");
}

TEST_CASE("meetings in equinox months beyond the published almanac are provisional") {
  const Plan plan = plan_from(
      json::array({{{"id", "m"}, {"title", "会議"}, {"kind", "meeting"}, {"when", "9、10、3月"}}}),
      {{"week", 3}, {"weekday", "monday"}, {"start", "10:00"}});
  const auto later = expand_plan(plan, 2028_y);
  REQUIRE(later.ok());
  CHECK(find(*later, "p/m/2028-09").provisional);
  CHECK_FALSE(find(*later, "p/m/2028-10").provisional);
  CHECK(find(*later, "p/m/2029-03").provisional);
  const auto published = expand_plan(plan, 2026_y);
  REQUIRE(published.ok());
  CHECK_FALSE(find(*published, "p/m/2026-09").provisional);
  // 2026-09-21 is 敬老の日, the third Monday: the meeting moves to Thursday the 24th
  // (22 is 国民の休日, 23 is 秋分の日).
  CHECK(scheduled_day(find(*published, "p/m/2026-09")) == "2026-09-24");
}

TEST_CASE("every window lies inside the fiscal year") {
  const Plan plan = higashi();
  for (int y = 2019; y <= 2030; ++y) {
    const auto expansion = expand_plan(plan, year{y});
    REQUIRE(expansion.ok());
    const FiscalYear fy{year{y}};
    for (const auto& o : expansion->occurrences) {
      CHECK(fy.contains(o.start));
      CHECK(fy.contains(o.due));
      CHECK(o.start <= o.due);
    }
  }
}

TEST_CASE("an expansion is in the plan's zone") {
  Plan plan = higashi();
  plan.time_zone = PlanZone::locate("America/New_York").value();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  CHECK(expansion->zone.name() == "America/New_York");
}
