#include "engine/plan/plan_changes.hpp"

#include <doctest/doctest.h>

#include "engine/plan/meeting_rule_text.hpp"
#include "engine/plan/plan_json.hpp"

using namespace torikumi;

namespace {

Plan plan_of(const char* text) {
  auto plan = read_plan_json(text);
  REQUIRE(plan.ok());
  return std::move(*plan);
}

constexpr const char* kPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組", "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）", "kind": "meeting"},
  {"id": "span", "title": "周知", "when": "（4～3月）"},
  {"id": "deadline", "title": "整備", "period": "前期", "when": "（～6月）"}]})";

}  // namespace

TEST_CASE("the same plan has no changes") {
  CHECK(compare_plans(plan_of(kPlan), plan_of(kPlan)).empty());
}

TEST_CASE("changes name the tasks removed, added and changed with their fields") {
  const Plan before = plan_of(kPlan);
  Plan after = before;
  after.tasks[0].owner = "多機関協働担当";
  after.tasks[0].meeting_rule = parse_meeting_rule_text("第2水曜日 14:00 90分 3階会議室").value();
  after.tasks.erase(after.tasks.begin() + 2);
  after.tasks.push_back(before.tasks[1]);
  after.tasks.back().id = "span2";
  after.tasks.back().title = "周知（学校）";
  after.initiative = "取組の推進";
  const PlanChanges changes = compare_plans(before, after);
  CHECK(changes.plan_fields == std::vector<std::string>{"initiative"});
  REQUIRE(changes.tasks.size() == 3);
  CHECK(changes.tasks[0] == TaskChange{TaskChangeKind::removed, "deadline", "整備", {}});
  CHECK(changes.tasks[1] ==
        TaskChange{TaskChangeKind::changed, "meeting", "会議の開催", {"meeting_rule", "owner"}});
  CHECK(changes.tasks[2] == TaskChange{TaskChangeKind::added, "span2", "周知（学校）", {}});
  CHECK(joined_fields(changes.tasks[1].fields) == "meeting_rule, owner");
}
