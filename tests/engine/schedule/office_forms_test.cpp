// Issue 14: schedules as offices write them. Each written form → its windows in FY2026 (and
// FY2027, whose February has a 29th), the forms refused with their whole messages, and days as
// written kept where they fall.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/schedule/when_expression.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;

namespace {

Plan one_task_plan(std::string_view when, std::string_view period, std::string_view kind,
                   const json& meeting_rule = nullptr) {
  json task = {{"id", "t"}, {"title", "会議"}, {"when", std::string{when}}};
  if (!period.empty()) task["period"] = std::string{period};
  if (!kind.empty()) task["kind"] = std::string{kind};
  json document = {{"id", "p"},
                   {"organisation", {{"name", "東区役所"}}},
                   {"initiative", "取組"},
                   {"tasks", json::array({task})}};
  if (!meeting_rule.is_null()) document["meeting_rule"] = meeting_rule;
  auto plan = read_plan_document(document);
  if (!plan)
    for (const auto& problem : plan.error()) MESSAGE(problem.to_string());
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

// "2026-06-21..2026-07-10" per occurrence, "undated" for a task without any.
std::vector<std::string> windows_of(const Plan& plan, int fiscal_year) {
  const auto expansion = expand_plan(plan, year{fiscal_year});
  REQUIRE(expansion.ok());
  std::vector<std::string> windows;
  for (const Occurrence& occurrence : expansion->occurrences)
    windows.push_back(format("%F", occurrence.start) + ".." + format("%F", occurrence.due));
  if (!expansion->undated.empty()) windows.emplace_back("undated");
  return windows;
}

struct Form {
  std::string_view written;
  std::string_view period;  // the row's period; empty: none
  std::string_view canonical;
  std::vector<std::string> fy2026;
  std::vector<std::string> fy2027;
};

void check_forms(const std::vector<Form>& forms) {
  for (const Form& form : forms) {
    CAPTURE(form.written);
    const auto parsed = parse_when(form.written);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(to_string(*parsed) == form.canonical);
    const auto again = parse_when(to_string(*parsed));
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(*again == *parsed);
    const Plan plan = one_task_plan(form.written, form.period, "campaign");
    CHECK(windows_of(plan, 2026) == form.fy2026);
    CHECK(windows_of(plan, 2027) == form.fy2027);
  }
}

}  // namespace

TEST_CASE("days as offices write them: a day, a month with its year, spans of days and parts") {
  check_forms({
      {"（7月20日）", "", "7月20日", {"2026-07-20..2026-07-20"}, {"2027-07-20..2027-07-20"}},
      {"（11/3）", "", "11月3日", {"2026-11-03..2026-11-03"}, {"2027-11-03..2027-11-03"}},
      {"（6/25）", "", "6月25日", {"2026-06-25..2026-06-25"}, {"2027-06-25..2027-06-25"}},
      {"（7月20日、8月3日）",
       "",
       "7月20日、8月3日",
       {"2026-07-20..2026-07-20", "2026-08-03..2026-08-03"},
       {"2027-07-20..2027-07-20", "2027-08-03..2027-08-03"}},
      {"（2月29日）", "", "2月29日", {"undated"}, {"2028-02-29..2028-02-29"}},
      {"（令和8年11月）", "", "2026年11月", {"2026-11-01..2026-11-30"}, {}},
      {"（2026年11月）", "", "2026年11月", {"2026-11-01..2026-11-30"}, {}},
      {"（R9.2）", "", "2027年2月", {"2027-02-01..2027-02-28"}, {}},
      {"（9月1日～9月30日）",
       "",
       "9月1日～9月30日",
       {"2026-09-01..2026-09-30"},
       {"2027-09-01..2027-09-30"}},
      {"（6月下旬～7月上旬）",
       "",
       "6月下旬～7月上旬",
       {"2026-06-21..2026-07-10"},
       {"2027-06-21..2027-07-10"}},
      {"（1月中旬～2月末）",
       "",
       "1月中旬～2月末",
       {"2027-01-11..2027-02-28"},
       {"2028-01-11..2028-02-29"}},
  });
}

TEST_CASE("parts of the year") {
  check_forms({
      {"（上半期）", "", "上半期", {"2026-04-01..2026-09-30"}, {"2027-04-01..2027-09-30"}},
      {"（下半期）", "", "下半期", {"2026-10-01..2027-03-31"}, {"2027-10-01..2028-03-31"}},
      {"（第1四半期）", "", "第1四半期", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"（第２四半期）", "", "第2四半期", {"2026-07-01..2026-09-30"}, {"2027-07-01..2027-09-30"}},
      {"（第3四半期）", "", "第3四半期", {"2026-10-01..2026-12-31"}, {"2027-10-01..2027-12-31"}},
      {"（第4四半期）", "", "第4四半期", {"2027-01-01..2027-03-31"}, {"2028-01-01..2028-03-31"}},
      {"（年度内）", "", "通年", {"2026-04-01..2027-03-31"}, {"2027-04-01..2028-03-31"}},
      {"（年度中）", "", "通年", {"2026-04-01..2027-03-31"}, {"2027-04-01..2028-03-31"}},
      {"（令和8年度中）", "", "2026年度中", {"2026-04-01..2027-03-31"}, {}},
      {"（2027年度内）", "", "2027年度中", {}, {"2027-04-01..2028-03-31"}},
  });
}

TEST_CASE("qualifiers around a month: 頃, 末, 目途, 時点, 着手, 開始, から, まで") {
  check_forms({
      {"（6月中旬頃から）",
       "前期",
       "6月中旬頃～",
       {"2026-06-11..2027-03-31"},
       {"2027-06-11..2028-03-31"}},
      {"（12月末頃まで）",
       "中期",
       "～12月末頃",
       {"2026-08-01..2026-12-31"},
       {"2027-08-01..2027-12-31"}},
      {"（5月末着手）", "前期", "5月末～", {"2026-05-31..2027-03-31"}, {"2027-05-31..2028-03-31"}},
      {"（10月開始）", "中期", "10月～", {"2026-10-01..2027-03-31"}, {"2027-10-01..2028-03-31"}},
      {"（9月上旬を目途）",
       "前期",
       "～9月上旬",
       {"2026-04-01..2026-09-10"},
       {"2027-04-01..2027-09-10"}},
      {"（12月末時点）",
       "中期",
       "～12月末",
       {"2026-08-01..2026-12-31"},
       {"2027-08-01..2027-12-31"}},
      {"（6月末）", "前期", "～6月末", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"（2月末）", "後期", "～2月末", {"2026-12-01..2027-02-28"}, {"2027-12-01..2028-02-29"}},
      {"（6月頃）", "", "6月頃", {"2026-06-01..2026-06-30"}, {"2027-06-01..2027-06-30"}},
      {"（4月から6月まで）", "", "4～6月", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"（6月中旬から7月末まで）",
       "",
       "6月中旬～7月末",
       {"2026-06-11..2026-07-31"},
       {"2027-06-11..2027-07-31"}},
  });
}

TEST_CASE("as needed, and text as offices type it") {
  check_forms({
      {"（適宜）", "前期", "随時", {"undated"}, {"undated"}},
      {"（随時）", "前期", "随時", {"undated"}, {"undated"}},
      {"（隨時）", "前期", "随時", {"undated"}, {"undated"}},
      // ⽉ and ⽇: the Kangxi radicals PDF-to-text gives for 月 and 日.
      {"（4、6\u2F49）",
       "",
       "4、6月",
       {"2026-04-01..2026-04-30", "2026-06-01..2026-06-30"},
       {"2027-04-01..2027-04-30", "2027-06-01..2027-06-30"}},
      {"（7\u2F4920\u2F47）",
       "",
       "7月20日",
       {"2026-07-20..2026-07-20"},
       {"2027-07-20..2027-07-20"}},
      {"（４－６月）", "", "4～6月", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"（4‐6月）", "", "4～6月", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"(4-6月)", "", "4～6月", {"2026-04-01..2026-06-30"}, {"2027-04-01..2027-06-30"}},
      {"（ 9 月 1 日 ～ 9 月 3 0 日 ）",
       "",
       "9月1日～9月30日",
       {"2026-09-01..2026-09-30"},
       {"2027-09-01..2027-09-30"}},
      {"（年2回（例年6月と12月））",
       "",
       "年2回",
       {"2026-04-01..2026-09-30", "2026-10-01..2027-03-31"},
       {"2027-04-01..2027-09-30", "2027-10-01..2028-03-31"}},
  });
}

TEST_CASE("forms with no one reading are refused with the text, where, and what would work") {
  struct Refused {
    std::string_view written;
    std::string_view message;
  };
  const Refused parse_refusals[] = {
      {"（8月は休み）",
       "unrecognised schedule \"は休み\" at character 4 in \"（8月は休み）\": exceptions are not "
       "read; list the months it happens in, such as （4、5、6、7、9月）"},
      {"（8月を除く毎月）",
       "unrecognised schedule \"を除く毎月\" at character 4 in \"（8月を除く毎月）\": exceptions "
       "are not read; list the months it happens in, such as （4、5、6、7、9月）"},
      {"（年3〜4回）",
       "unrecognised schedule \"年3〜4回\" at character 2 in \"（年3〜4回）\": a count of times "
       "must be one number (年2回, 年4回), or list the months"},
      {"（夏頃）",
       "unrecognised schedule \"夏頃\" at character 2 in \"（夏頃）\": seasons are not read; "
       "write the months, such as （7～8月）"},
      {"（秋以降）",
       "unrecognised schedule \"秋以降\" at character 2 in \"（秋以降）\": seasons are not read; "
       "write the months, such as （7～8月）"},
      {"（2月30日）", "unknown day \"30\" of 2月 at character 4 in \"（2月30日）\""},
      {"（6/31）", "unknown day \"31\" of 6月 at character 4 in \"（6/31）\""},
      {"（7月20）", "expected 日, got \"）\" at character 6 in \"（7月20）\""},
      {"（7月20日、8月）",
       "expected a day, such as 7月20日, got \"8月\" at character 8 in \"（7月20日、8月）\""},
      {"（第5四半期）",
       "unknown quarter \"5\" (expected 1 to 4) at character 3 in \"（第5四半期）\""},
      {"（26年度中）", "unknown month \"26\" at character 2 in \"（26年度中）\""},
      {"（226年4月）",
       "unknown year \"226\" (expected four digits, such as 2026) at character 2 in "
       "\"（226年4月）\""},
  };
  for (const Refused& refused : parse_refusals) {
    CAPTURE(refused.written);
    const auto parsed = parse_when(refused.written);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == refused.message);
  }
  // Read, but not in this plan's fiscal year (2026, 令和8年度, beginning in April).
  const Refused year_refusals[] = {
      {"（2月頃から5月頃まで）",
       "\"2～5月\" crosses the end of the fiscal year (3月): write two lines, （2～3月） and "
       "（4～5月） under 次年度以降"},
      {"（3～4月）",
       "\"3～4月\" crosses the end of the fiscal year (3月): write two lines, （3月） and "
       "（4月） under 次年度以降"},
      {"（9月30日～9月1日）", "\"9月30日～9月1日\" ends before it starts"},
      {"（H30.4）",
       "2018年4月 is not in this plan's fiscal year 令和8年度 (2026): write the month alone, "
       "（4月）"},
      {"（令和9年度中）", "令和9年度 (2027) is not this plan's fiscal year 令和8年度 (2026)"},
      {"（1999年度中）", "平成11年度 (1999) is not this plan's fiscal year 令和8年度 (2026)"},
      {"（2026年2月）",
       "2026年2月 is not in this plan's fiscal year 令和8年度 (2026): write the month alone, "
       "（2月）"},
      {"（2月29日）", "2月29日 does not exist in 令和8年度 (2026) (2027 is not a leap year)"},
  };
  for (const Refused& refused : year_refusals) {
    CAPTURE(refused.written);
    const auto parsed = parse_when(refused.written);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    const auto problem = check_fiscal_year(*parsed, April, 2026);
    REQUIRE(problem.has_value());
    CHECK(problem->message == refused.message);
  }
  CHECK(check_fiscal_year(*parse_when("（2月29日）"), April, 2027) == std::nullopt);
  CHECK(check_fiscal_year(*parse_when("（令和9年度中）"), April, std::nullopt) == std::nullopt);
}

TEST_CASE("a day as written is kept where it falls, Saturday or holiday") {
  const json rule = {{"week", 2}, {"weekday", "水"}, {"start", "14:00"}, {"duration_minutes", 90}};
  // 2026-10-17 is a Saturday, 2026-11-03 文化の日, 2026-07-20 海の日.
  for (const auto& [written, expected] :
       std::vector<std::pair<std::string_view, std::string>>{{"（10月17日）", "2026-10-17"},
                                                             {"（11/3）", "2026-11-03"},
                                                             {"（7月20日）", "2026-07-20"}}) {
    CAPTURE(written);
    const Plan plan = one_task_plan(written, "", "meeting", rule);
    const auto expansion = expand_plan(plan, year{2026});
    REQUIRE(expansion.ok());
    REQUIRE(expansion->occurrences.size() == 1);
    const Occurrence& occurrence = expansion->occurrences.front();
    CHECK(format("%F", occurrence.start) == expected);
    REQUIRE(occurrence.scheduled_start.has_value());
    CHECK(format("%F %R", *occurrence.scheduled_start + std::chrono::hours{9}) ==
          expected + " 14:00");
  }
}

namespace {

// Each occurrence as "id-key day" (the scheduled day of a meeting, else the window's start).
std::vector<std::string> held_days(const Plan& plan) {
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  std::vector<std::string> days;
  for (const Occurrence& occurrence : expansion->occurrences) {
    const std::string key = occurrence.id.substr(occurrence.id.rfind('/') + 1);
    const sys_days day =
        occurrence.scheduled_start
            ? floor<date::days>(*occurrence.scheduled_start + std::chrono::hours{9})
            : occurrence.start;
    days.push_back(key + " " + format("%F", day));
  }
  return days;
}

json wednesday_rule(std::string_view on_closed_day = "") {
  json rule = {{"week", 2}, {"weekday", "水"}, {"start", "14:00"}, {"duration_minutes", 90}};
  if (!on_closed_day.empty()) rule["on_closed_day"] = std::string{on_closed_day};
  return rule;
}

}  // namespace

TEST_CASE("recurrence as offices write it, with an explicit weekday kept as written") {
  CHECK(held_days(one_task_plan("（毎週金曜日）", "前期", "meeting", wednesday_rule())) ==
        std::vector<std::string>{
            "2026-04-03 2026-04-03", "2026-04-10 2026-04-10", "2026-04-17 2026-04-17",
            "2026-04-24 2026-04-24", "2026-05-01 2026-05-01", "2026-05-08 2026-05-08",
            "2026-05-15 2026-05-15", "2026-05-22 2026-05-22", "2026-05-29 2026-05-29",
            "2026-06-05 2026-06-05", "2026-06-12 2026-06-12", "2026-06-19 2026-06-19",
            "2026-06-26 2026-06-26", "2026-07-03 2026-07-03", "2026-07-10 2026-07-10",
            "2026-07-17 2026-07-17", "2026-07-24 2026-07-24", "2026-07-31 2026-07-31"});
  // 2026-04-29 is 昭和の日: the next business day by default, nothing when the rule skips.
  CHECK(held_days(one_task_plan("（隔週水曜日）", "前期", "meeting", wednesday_rule())) ==
        std::vector<std::string>{
            "2026-04-01 2026-04-01", "2026-04-15 2026-04-15", "2026-04-29 2026-04-30",
            "2026-05-13 2026-05-13", "2026-05-27 2026-05-27", "2026-06-10 2026-06-10",
            "2026-06-24 2026-06-24", "2026-07-08 2026-07-08", "2026-07-22 2026-07-22"});
  CHECK(held_days(one_task_plan("（隔週水曜日）", "前期", "meeting", wednesday_rule("skip")))
            .size() == 8);
  CHECK(held_days(one_task_plan("（第2・第4木曜日）", "中期", "meeting", wednesday_rule())) ==
        std::vector<std::string>{"2026-08-w2 2026-08-13", "2026-08-w4 2026-08-27",
                                 "2026-09-w2 2026-09-10", "2026-09-w4 2026-09-24",
                                 "2026-10-w2 2026-10-08", "2026-10-w4 2026-10-22",
                                 "2026-11-w2 2026-11-12", "2026-11-w4 2026-11-26"});
  // A day of the month is a business-day rule: 2026-05-10 is a Sunday.
  CHECK(held_days(one_task_plan("（毎月10日）", "前期", "campaign")) ==
        std::vector<std::string>{"2026-04 2026-04-10", "2026-05 2026-05-11", "2026-06 2026-06-10",
                                 "2026-07 2026-07-10"});
  CHECK(held_days(one_task_plan("（月2回）", "前期", "campaign")) ==
        std::vector<std::string>{"2026-04-1 2026-04-01", "2026-04-2 2026-04-16",
                                 "2026-05-1 2026-05-01", "2026-05-2 2026-05-16",
                                 "2026-06-1 2026-06-01", "2026-06-2 2026-06-16",
                                 "2026-07-1 2026-07-01", "2026-07-2 2026-07-16"});
  // A Saturday meeting stays on Saturday; 2027-01-02 is in the year-end closure.
  CHECK(held_days(one_task_plan("（毎月第1土曜日）", "後期", "meeting", wednesday_rule())) ==
        std::vector<std::string>{"2026-12 2026-12-05", "2027-01 2027-01-04", "2027-02 2027-02-06",
                                 "2027-03 2027-03-06"});
  CHECK(held_days(one_task_plan("（毎月第1土曜日）", "後期", "meeting", wednesday_rule("skip"))) ==
        std::vector<std::string>{"2026-12 2026-12-05", "2027-02 2027-02-06", "2027-03 2027-03-06"});
  // The plan's own rule, a Wednesday: 2026-05-13 is open, the first Wednesday 2026-05-06 is
  // 振替休日 and moves to Thursday, or to Friday 2026-05-01 before it.
  json first_wednesday = wednesday_rule();
  first_wednesday["week"] = 1;
  CHECK(held_days(one_task_plan("（5月）", "", "meeting", first_wednesday)) ==
        std::vector<std::string>{"2026-05 2026-05-07"});
  first_wednesday["on_closed_day"] = "previous_business_day";
  CHECK(held_days(one_task_plan("（5月）", "", "meeting", first_wednesday)) ==
        std::vector<std::string>{"2026-05 2026-05-01"});
}

TEST_CASE("the recurrence forms parse and print back") {
  struct Case {
    std::string_view written;
    std::string_view canonical;
  };
  const Case cases[] = {
      {"毎週金曜日", "毎週金曜日"},
      {"毎週金曜", "毎週金曜日"},
      {"隔週", "隔週"},
      {"隔週水曜日", "隔週水曜日"},
      {"第2・第4木曜日", "毎月第2・第4木曜日"},
      {"第2、4木曜", "毎月第2・第4木曜日"},
      {"毎月10日", "毎月10日"},
      {"月2回", "月2回"},
      {"月1回", "毎月"},
      {"毎月第3土曜日", "毎月第3土曜日"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.written);
    const auto parsed = parse_when(c.written);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(to_string(*parsed) == c.canonical);
    const auto again = parse_when(c.canonical);
    REQUIRE(again.ok());
    CHECK(*again == *parsed);
  }
  const std::pair<std::string_view, std::string_view> refused[] = {
      {"毎週", "expected a weekday (月火水木金土日), got the end at character 3 in \"毎週\""},
      {"月3回",
       "count \"3\" a month: expected 1 or 2 (月2回: once in each half of the month); for a "
       "weekly meeting write 毎週 and its weekday, such as 毎週金曜日 at character 2 in \"月3回\""},
      {"第2・第2木曜日", "duplicate week \"2\" at character 5 in \"第2・第2木曜日\""},
      {"毎月32日", "unknown day \"32\" at character 3 in \"毎月32日\""},
  };
  for (const auto& [written, message] : refused) {
    CAPTURE(written);
    const auto parsed = parse_when(written);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == message);
  }
}
