#include "engine/progress/period_progress.hpp"

#include <doctest/doctest.h>

#include "engine/plan/plan_json.hpp"

using namespace date;
using namespace std::chrono_literals;
using namespace torikumi;

namespace {

// Two 前期 meetings, a span over the whole year, a 前期 deadline and an as-needed task.
constexpr const char* kPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
 "fiscal_year": 2026, "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）", "kind": "meeting"},
  {"id": "span", "title": "周知", "when": "（4～3月）"},
  {"id": "deadline", "title": "整備", "period": "前期", "when": "（～6月）"},
  {"id": "consult", "title": "相談", "period": "前期", "when": "（随時）"}]})";

// The plan; each test expands it where it keeps it, since occurrences point into it.
struct Fixture {
  Plan plan;
};

Fixture make_fixture() {
  auto plan = read_plan_json(kPlan);
  REQUIRE(plan.ok());
  return Fixture{std::move(plan.value())};
}

// Noon in Tokyo on a day.
sys_seconds tokyo_noon(sys_days day) { return sys_seconds{day} + std::chrono::hours{3}; }

OccurrenceRecord done_on(sys_days day) {
  OccurrenceRecord record;
  record.status = OccurrenceStatus::done;
  record.completed_at = tokyo_noon(day);
  return record;
}

}  // namespace

TEST_CASE(
    "with nothing recorded each item is planned once in its period and overdue once its due day "
    "passed") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  const PlanProgress progress =
      compute_period_progress(fixture.plan, *expansion, RecordedState{}, 2026_y / May / 15);
  REQUIRE(progress.periods.size() == 3);
  const PeriodProgress& first = progress.periods[0];
  CHECK(first.period == "前期");
  CHECK(first.first_day == sys_days{2026_y / April / 1});
  CHECK(first.last_day == sys_days{2026_y / July / 31});
  CHECK(first.planned == 4);  // two meetings, the span's share, the deadline
  CHECK(first.done == 0);
  CHECK(first.pending == 4);
  CHECK(first.overdue == 1);  // April's meeting
  CHECK(first.percent == 0.0);
  CHECK(progress.periods[1].planned == 1);  // the span's share of 中期
  CHECK(progress.periods[2].planned == 1);
  CHECK(progress.periods[1].overdue == 0);
  CHECK(progress_to_json(progress)["periods"][0] ==
        nlohmann::json::parse(
            R"({"period": "前期", "start": "2026-04-01", "end": "2026-07-31", "planned": 4,
          "done": 0, "pending": 4, "overdue": 1, "skipped": 0, "cancelled": 0, "percent": 0.0, "logged": 0,
          "actions": {"due": 0, "done": 0, "overdue": 0}})"));
}

TEST_CASE("an action a meeting raised counts in the period it is due in, apart from the plan's") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  const auto action = [](std::int64_t id, sys_days due, std::optional<sys_seconds> done_at) {
    return MeetingAction{.id = id,
                         .occurrence = "p/meeting/2026-04",
                         .what = "報告書を作る",
                         .owner = "東区社会福祉協議会",
                         .due = due,
                         .done_at = done_at};
  };
  // JST 2026-08-31 23:30 is 14:30 UTC: done on the as-of day, in the plan's zone.
  state.actions = {
      action(1, sys_days{2026_y / June / 30}, std::nullopt),
      action(2, sys_days{2026_y / July / 31}, sys_days{2026_y / August / 31} + 14h + 30min),
      action(3, sys_days{2026_y / September / 30}, std::nullopt),
      action(4, sys_days{2026_y / August / 31}, sys_days{2026_y / September / 2} + 1h)};
  const PlanProgress progress =
      compute_period_progress(fixture.plan, *expansion, state, sys_days{2026_y / August / 31});
  CHECK(progress.periods[0].actions == 2);
  CHECK(progress.periods[0].actions_done == 1);
  CHECK(progress.periods[0].actions_overdue == 1);
  CHECK(progress.periods[1].actions == 2);
  CHECK(progress.periods[1].actions_done == 0);     // the 4th: done after the as-of day
  CHECK(progress.periods[1].actions_overdue == 0);  // due on the as-of day is not overdue
  CHECK(progress.periods[0].planned == 4);          // the plan's own items as they were
  CHECK(progress_to_json(progress)["periods"][0]["actions"] ==
        nlohmann::json::parse(R"({"due": 2, "done": 1, "overdue": 1})"));
}

TEST_CASE("a span's share is done in the periods its task has a note for") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  state.occurrences["p/meeting/2026-04"] = done_on(2026_y / April / 8);
  state.notes.push_back(
      ProgressNote{"span", "前期", "周知した", tokyo_noon(2026_y / May / 1), "tanaka"});
  const PlanProgress progress =
      compute_period_progress(fixture.plan, *expansion, state, 2026_y / May / 15);
  CHECK(progress.periods[0].done == 2);
  CHECK(progress.periods[0].pending == 2);
  CHECK(progress.periods[0].overdue == 0);
  CHECK(progress.periods[0].percent == 50.0);
  CHECK(progress.periods[1].done == 0);  // the note is about 前期 only
  CHECK(progress.periods[2].done == 0);
}

TEST_CASE("a span done as a whole counts as done in every period it overlaps") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  state.occurrences["p/span/fy2026"] = done_on(2026_y / May / 1);
  const PlanProgress progress =
      compute_period_progress(fixture.plan, *expansion, state, 2026_y / May / 15);
  CHECK(progress.periods[0].done == 1);
  CHECK(progress.periods[1].done == 1);
  CHECK(progress.periods[2].done == 1);
  CHECK(progress.periods[1].percent == 100.0);
}

TEST_CASE("completions and notes after the as-of day do not count yet") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  state.occurrences["p/meeting/2026-04"] = done_on(2026_y / April / 20);
  state.notes.push_back(
      ProgressNote{"span", "前期", "周知した", tokyo_noon(2026_y / May / 1), "tanaka"});
  CHECK(compute_period_progress(fixture.plan, *expansion, state, 2026_y / April / 19)
            .periods[0]
            .done == 0);
  CHECK(compute_period_progress(fixture.plan, *expansion, state, 2026_y / April / 20)
            .periods[0]
            .done == 1);
  CHECK(
      compute_period_progress(fixture.plan, *expansion, state, 2026_y / May / 1).periods[0].done ==
      2);
}

TEST_CASE("skipped and cancelled occurrences leave the planned count") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  state.occurrences["p/deadline/fy2026"].status = OccurrenceStatus::skipped;
  state.occurrences["p/meeting/2026-06"].status = OccurrenceStatus::cancelled;
  const PeriodProgress first =
      compute_period_progress(fixture.plan, *expansion, state, 2026_y / August / 1).periods[0];
  CHECK(first.planned == 2);
  CHECK(first.skipped == 1);
  CHECK(first.cancelled == 1);
  CHECK(first.overdue == 2);
}

TEST_CASE("as-needed activity is logged in its period apart from the percentage") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  RecordedState state;
  state.activity.push_back(ActivityEntry{"consult", tokyo_noon(2026_y / May / 1), "tanaka", ""});
  state.activity.push_back(
      ActivityEntry{"consult", tokyo_noon(2026_y / September / 1), "tanaka", ""});
  state.activity.push_back(
      ActivityEntry{"consult", tokyo_noon(2026_y / December / 1), "tanaka", ""});
  state.activity.push_back(
      ActivityEntry{"meeting", tokyo_noon(2026_y / May / 2), "tanaka", ""});  // not as-needed
  // 2026-07-31T15:30Z is 2026-08-01 00:30 in Tokyo: 中期.
  state.activity.push_back(ActivityEntry{
      "consult", sys_days{2026_y / July / 31} + std::chrono::minutes{15 * 60 + 30}, "tanaka", ""});
  const PlanProgress progress =
      compute_period_progress(fixture.plan, *expansion, state, 2026_y / October / 1);
  CHECK(progress.periods[0].logged == 1);
  CHECK(progress.periods[1].logged == 2);
  CHECK(progress.periods[2].logged == 0);  // after the as-of day
  CHECK(progress.periods[0].percent == 0.0);
}

TEST_CASE("a period with nothing planned has no percentage") {
  auto plan = read_plan_json(R"({"id": "q", "organisation": {"name": "区"}, "initiative": "x",
    "tasks": [{"id": "d", "title": "整備", "period": "前期", "when": "（～6月）"}]})");
  REQUIRE(plan.ok());
  const auto expansion = expand_plan(*plan, 2026_y);
  REQUIRE(expansion.ok());
  const PlanProgress progress =
      compute_period_progress(*plan, *expansion, RecordedState{}, 2026_y / May / 1);
  CHECK(progress.periods[0].percent == 0.0);
  CHECK_FALSE(progress.periods[1].percent.has_value());
  CHECK(progress_to_json(progress)["periods"][1]["percent"].is_null());
}

TEST_CASE("the plan's own progress lines give the same form as before") {
  const Fixture fixture = make_fixture();
  auto expansion = expand_plan(fixture.plan, 2026_y);
  REQUIRE(expansion.ok());
  Plan plan = fixture.plan;
  plan.progress.push_back(
      ProgressLine{"前期", "会議の開催", "会議の開催（4月）", {April}, "meeting", 0.9});
  plan.progress.push_back(ProgressLine{"前期", "その他", "", {}, "", 0});
  auto reexpanded = expand_plan(plan, 2026_y);
  REQUIRE(reexpanded.ok());
  const RecordedState state = recorded_state_from_progress(plan, *reexpanded);
  CHECK(state.status_of("p/meeting/2026-04") == OccurrenceStatus::done);
  CHECK(state.status_of("p/meeting/2026-06") == OccurrenceStatus::planned);
  REQUIRE(state.notes.size() == 2);
  CHECK(state.notes[0] == ProgressNote{"meeting", "前期", "会議の開催（4月）", std::nullopt, ""});
  CHECK(state.notes[1] == ProgressNote{"", "前期", "その他", std::nullopt, ""});
}
