#include "engine/sheet/sheet_additions.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_import.hpp"

namespace torikumi {
namespace {

using namespace date;
using std::chrono::minutes;

// Two measures, a meeting series in two periods, a campaign and a 次年度以降 item.
Plan small_plan() {
  const std::string text =
      "北区役所\n取組項目\t見守り\n"
      "取組の内容\t○見守りネットワークの拡充 連携する。 ○相談体制の充実 相談に応じる。\n"
      "スケジュール\t前期\t<input type=\"checkbox\"/> 見守り連絡会の開催（4、6月） "
      "<input type=\"checkbox\"/> 協力事業者の募集（5～7月）\n"
      "\t後期\t<input type=\"checkbox\"/> 見守り連絡会の開催（12、2月）\n"
      "\t次年度以降\t<input type=\"checkbox\"/> 相談体制の見直し\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  REQUIRE(imported->plan.tasks.size() == 4);
  return std::move(imported->plan);
}

std::vector<std::size_t> named(const Plan& plan, std::string_view key) {
  auto found = tasks_named_by(plan, key);
  REQUIRE_MESSAGE(found.ok(), found.error().message);
  return *found;
}

TEST_CASE("an owner's key names tasks by id, title, measure or part of a title") {
  Plan plan = small_plan();
  const std::string series = "mimamori-renrakukai-kaisai";
  CHECK(named(plan, series + "-3") == std::vector<std::size_t>{2});
  CHECK(named(plan, "見守り連絡会の開催") == std::vector<std::size_t>{0, 2});
  CHECK(named(plan, "見守り 連絡会の開催") == std::vector<std::size_t>{0, 2});  // as text_key
  CHECK(named(plan, "募集") == std::vector<std::size_t>{1});
  CHECK(named(plan, "相談体制") == std::vector<std::size_t>{3});
  // A sheet links no task to a measure: its title names the tasks whose titles contain it.
  plan.tasks[3].title = "相談体制の充実に向けた見直し";
  CHECK(named(plan, "相談体制の充実") == std::vector<std::size_t>{3});
  plan.tasks[1].measure = plan.measures[0].id;
  CHECK(named(plan, plan.measures[0].id) == std::vector<std::size_t>{1});
  CHECK(named(plan, "見守りネットワークの拡充") == std::vector<std::size_t>{1});
}

TEST_CASE("a key that names nothing is refused, listing what it could name") {
  const Plan plan = small_plan();
  const auto found = tasks_named_by(plan, "防災訓練");
  REQUIRE_FALSE(found.ok());
  const std::string series = "mimamori-renrakukai-kaisai";
  CHECK(found.error().message ==
        "no task or measure matches \"防災訓練\": expected a task id, a task title or part of "
        "one, or a measure id or title; tasks: " +
            series + "-1 \"見守り連絡会の開催\", " + plan.tasks[1].id + " \"協力事業者の募集\", " +
            series + "-3 \"見守り連絡会の開催\", " + plan.tasks[3].id +
            " \"相談体制の見直し\"; measures: " + plan.measures[0].id +
            " \"見守りネットワークの拡充\", " + plan.measures[1].id + " \"相談体制の充実\"");
}

TEST_CASE("a measure no task serves or names is refused, saying so") {
  const Plan plan = small_plan();
  const auto found = tasks_named_by(plan, "相談体制の充実");
  REQUIRE_FALSE(found.ok());
  CHECK(found.error().message.starts_with(
      "measure \"相談体制の充実\" (" + plan.measures[1].id +
      ") serves no task and no task title contains it: a sheet links no task to a measure; "
      "give a task id, a task title or part of one; tasks: "));
}

TEST_CASE("additions set the plan's meeting rule and the owners, a later owner winning") {
  Plan plan = small_plan();
  CHECK(gaps_of(plan) == SheetGaps{.tasks_without_owner = 3, .meetings_without_time = 2});
  SheetAdditions additions;
  additions.meeting_rule = MeetingRule{.day = NthWeekday{2, Wednesday},
                                       .start_time = minutes{840},
                                       .duration = minutes{90},
                                       .place = "3階会議室"};
  additions.owners = {{"見守り連絡会", "地域福祉担当", "--owner"},
                      {"募集", "地域福祉担当", "--owner"},
                      {"見守り連絡会の開催", "見守り担当", "--owner"}};
  REQUIRE(apply_additions(plan, additions).ok());
  CHECK(plan.meeting_rule == additions.meeting_rule);
  CHECK(plan.tasks[0].owner == "見守り担当");
  CHECK(plan.tasks[1].owner == "地域福祉担当");
  CHECK(plan.tasks[2].owner == "見守り担当");
  CHECK(plan.tasks[3].owner.empty());  // 次年度以降 items are not counted as lacking one
  CHECK(gaps_of(plan) == SheetGaps{});
  additions.owners.push_back({"防災", "x", "owners.\"防災\""});
  const Status failed = apply_additions(plan, additions);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message.starts_with(
      "owners.\"防災\": no task or measure matches \"防災\": expected a task id"));
}

TEST_CASE("what a closed day does goes on the meeting rule, and needs one") {
  Plan plan = small_plan();
  SheetAdditions additions;
  additions.on_closed_day = OnClosedDay::skip;
  additions.on_closed_day_where = "--on-closed-day";
  const Status failed = apply_additions(plan, additions);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message ==
        "--on-closed-day: needs a meeting rule to go with: give --meeting-rule \"第2水曜日 14:00 "
        "90分\" or the companion file's meeting_rule");
  CHECK_FALSE(plan.meeting_rule.has_value());
  additions.meeting_rule = MeetingRule{.day = NthWeekday{2, Wednesday},
                                       .start_time = minutes{840},
                                       .duration = minutes{90},
                                       .place = ""};
  REQUIRE(apply_additions(plan, additions).ok());
  REQUIRE(plan.meeting_rule.has_value());
  CHECK(plan.meeting_rule->on_closed_day == OnClosedDay::skip);
  CHECK(plan.meeting_rule->start_time == minutes{840});
}

TEST_CASE("a companion file gives the meeting rule, what a closed day does and owners") {
  const auto read = read_sheet_additions_json(
      R"({"meeting_rule": "毎月15日 10:00 1時間 2階", "on_closed_day": "skip",
          "owners": {"募集": "地域福祉担当"}})");
  REQUIRE(read.ok());
  CHECK(*read == SheetAdditions{.meeting_rule = MeetingRule{.day = DayOfMonth{15},
                                                            .start_time = minutes{600},
                                                            .duration = minutes{60},
                                                            .place = "2階"},
                                .on_closed_day = OnClosedDay::skip,
                                .on_closed_day_where = "on_closed_day",
                                .owners = {{"募集", "地域福祉担当", "owners.\"募集\""}}});
  CHECK(read_sheet_additions_json("{}").value() == SheetAdditions{});
}

TEST_CASE("a companion file's bad content names the field and what was expected") {
  struct Case {
    std::string text;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {R"({"meeting_rule": "第2水曜日 14:00 90"})",
       {"meeting_rule: length \"90\" not understood: expected 90分 or 1時間30分"}},
      {R"({"meeting_rule": {"week": 2}})",
       {"meeting_rule: expected a text such as \"第2水曜日 14:00 90分 3階会議室\", got object "
        "{\"week\":2}"}},
      {R"({"owners": {"募集": 3, "会議": " "}})",
       {"owners.\"会議\": expected the 担当 as a non-empty string, got string \" \"",
        "owners.\"募集\": expected the 担当 as a non-empty string, got number 3"}},
      {R"({"owners": ["募集"]})",
       {"owners: expected an object of KEY: 担当, got array [\"募集\"]"}},
      {R"({"tasks": 1})", {"tasks: unknown field: expected meeting_rule, on_closed_day or owners"}},
      {R"({"on_closed_day": "moved"})",
       {"on_closed_day: expected next_business_day, previous_business_day or skip, got string "
        "\"moved\""}},
      {R"({"on_closed_day": 1})",
       {"on_closed_day: expected next_business_day, previous_business_day or skip, got number "
        "1"}},
      {R"(["x"])", {"expected an object with meeting_rule and owners, got array [\"x\"]"}},
      {R"({"owners": )",
       {"invalid JSON: parse error at line 1, column 12: syntax error while parsing value - "
        "unexpected end of input; expected '[', '{', or a literal"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto read = read_sheet_additions_json(c.text);
    REQUIRE_FALSE(read.ok());
    std::vector<std::string> messages;
    for (const Diagnostic& problem : read.error()) messages.push_back(problem.to_string());
    CHECK(messages == c.messages);
  }
}

TEST_CASE("the command line's additions go over the file's") {
  const SheetAdditions file{.meeting_rule = MeetingRule{.place = "file"},
                            .on_closed_day = OnClosedDay::skip,
                            .on_closed_day_where = "on_closed_day",
                            .owners = {{"a", "file", "owners.\"a\""}}};
  const SheetAdditions line{.meeting_rule = MeetingRule{.place = "line"},
                            .on_closed_day = OnClosedDay::previous_business_day,
                            .on_closed_day_where = "--on-closed-day",
                            .owners = {{"a", "line", "--owner"}}};
  const SheetAdditions merged = merge_additions(file, line);
  CHECK(merged.meeting_rule->place == "line");
  CHECK(merged.on_closed_day == OnClosedDay::previous_business_day);
  CHECK(merged.on_closed_day_where == "--on-closed-day");
  CHECK(merge_additions(file, SheetAdditions{}).on_closed_day == OnClosedDay::skip);
  CHECK(merged.owners == std::vector<OwnerAssignment>{file.owners[0], line.owners[0]});
  CHECK(merge_additions(file, SheetAdditions{}).meeting_rule->place == "file");
}

}  // namespace
}  // namespace torikumi
