#include "engine/reminders/reminder_planning.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/calendar/business_calendar.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "tests/engine/test_plans.hpp"

using namespace date;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using namespace torikumi;
using nlohmann::json;

namespace {

Plan higashi() { return testing::higashi_plan(); }

Plan plan_from(json document) {
  document["id"] = "p";
  document["organisation"] = {{"name", "東区役所"}};
  document["initiative"] = "取組";
  auto plan = read_plan_document(document);
  if (!plan)
    for (const auto& d : plan.error()) MESSAGE(d.to_string());
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

Directory everyone() {
  Directory directory;
  directory.unlisted =
      DirectoryEntry{{{"担当者", "owner@example.org"}}, {{"課長", "chief@example.org"}}};
  return directory;
}

ReminderPlan plan_for(const Plan& plan, const RecordedState& state = {},
                      const ReminderRules& rules = {}) {
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  return plan_reminders(plan, *expansion, state, apply_overrides(rules, plan.reminders),
                        everyone());
}

// 09:00 in Tokyo on a day, as the instant a reminder is sent.
sys_seconds tokyo_morning(sys_days day) { return sys_seconds{day}; }  // 09:00 JST is 00:00Z

std::map<std::string, std::string> send_days_by_rule(const ReminderPlan& reminders,
                                                     const std::string& occurrence) {
  std::map<std::string, std::string> days;
  for (const auto& reminder : reminders.reminders)
    if (reminder.occurrence == occurrence)
      days[reminder.rule] = format_rfc3339(reminder.send_at, PlanZone::asia_tokyo());
  return days;
}

// One deliverable due 31 May 2026, a Sunday.
Plan deadline_plan() {
  return plan_from({{"tasks",
                     {{{"id", "d"},
                       {"title", "整備"},
                       {"period", "前期"},
                       {"when", "（～5月）"},
                       {"kind", "deliverable"}}}}});
}

}  // namespace

TEST_CASE("meeting reminders go out 14 days and 1 day before at 09:00 Tokyo") {
  const auto reminders = plan_for(higashi());
  CHECK(send_days_by_rule(reminders, "higashi-kyosei/multi-agency-meeting/2026-04") ==
        std::map<std::string, std::string>{{"meeting-14d", "2026-03-25T09:00:00+09:00"},
                                           {"meeting-1d", "2026-04-07T09:00:00+09:00"}});
  const auto* april = &*std::find_if(reminders.reminders.begin(), reminders.reminders.end(),
                                     [](const Reminder& r) { return r.rule == "meeting-14d"; });
  CHECK(april->id == "higashi-kyosei/multi-agency-meeting/2026-04/meeting-14d/20260325T0000Z");
  // Worth sending until the 1-day reminder is due (after a downtime it is not sent late); that
  // one until the meeting begins.
  CHECK(april->expires_at == sys_seconds{sys_days{2026_y / April / 7}});  // 09:00 JST
  CHECK(is_due(*april, sys_seconds{sys_days{2026_y / April / 6}}));
  CHECK_FALSE(is_due(*april, sys_seconds{sys_days{2026_y / April / 7}} + hours{1}));
  const auto* day_before = &*std::find_if(reminders.reminders.begin(), reminders.reminders.end(),
                                          [](const Reminder& r) { return r.rule == "meeting-1d"; });
  CHECK(day_before->expires_at ==
        sys_seconds{sys_days{2026_y / April / 8}} + hours{5});  // 14:00 JST
  CHECK(april->place == "東区役所 3階 会議室");
  CHECK(april->recipients == std::vector<Recipient>{{"担当者", "owner@example.org"}});
}

TEST_CASE("a reminder entered later than planned counts its lead from the day it is entered") {
  const auto reminders = plan_for(higashi());
  const auto rule = [&](const std::string& name) {
    return *std::find_if(reminders.reminders.begin(), reminders.reminders.end(),
                         [&](const Reminder& r) { return r.rule == name; });
  };
  const PlanZone tokyo = PlanZone::asia_tokyo();
  // Planned for 25 March, 14 days before the 8 April meeting; entered on 3 April: 5 days.
  const Reminder april = rule("meeting-14d");
  CHECK(as_entered_on(april, sys_days{2026_y / March / 25}, tokyo) == april);  // on time
  const Reminder late = as_entered_on(april, sys_days{2026_y / April / 3}, tokyo);
  CHECK(late.days == days{5});
  CHECK(late.id == april.id);
  CHECK(late.rule == april.rule);
  CHECK(as_entered_on(april, sys_days{2026_y / April / 9}, tokyo).days == days{0});
  // An overdue repeat entered late counts the days overdue from that day.
  const Plan plan = deadline_plan();
  const auto deadlines = plan_for(plan);
  const Reminder overdue = *std::find_if(
      deadlines.reminders.begin(), deadlines.reminders.end(),
      [](const Reminder& r) { return r.rule == "deadline-overdue-7d"; });  // planned 8 June
  CHECK(as_entered_on(overdue, sys_days{2026_y / June / 11}, tokyo).days == days{11});
  const Reminder before = *std::find_if(deadlines.reminders.begin(), deadlines.reminders.end(),
                                        [](const Reminder& r) { return r.rule == "deadline-7d"; });
  CHECK(as_entered_on(before, sys_days{2026_y / May / 27}, tokyo).days == days{4});  // due 31 May
}

TEST_CASE("a lead time whose day is closed moves to the business day before it") {
  // May 2026: the second Wednesday is the 13th; 14 days before is 29 April, 昭和の日.
  const auto may =
      send_days_by_rule(plan_for(higashi()), "higashi-kyosei/multi-agency-meeting/2026-05");
  CHECK(may.empty());  // Higashi meets in 4, 6, 8, 10, 12, 2
  const Plan plan =
      plan_from({{"tasks",
                  {{{"id", "m"},
                    {"title", "会議"},
                    {"when", "（5月）"},
                    {"kind", "meeting"},
                    {"meeting_rule", {{"week", 2}, {"weekday", "wednesday"}, {"start", "10:00"}}}},
                   {{"id", "mon"},
                    {"title", "会議"},
                    {"when", "（6月）"},
                    {"kind", "meeting"},
                    {"meeting_rule", {{"week", 2}, {"weekday", "monday"}, {"start", "10:00"}}}}}}});
  const auto reminders = plan_for(plan);
  CHECK(send_days_by_rule(reminders, "p/m/2026-05") ==
        std::map<std::string, std::string>{{"meeting-14d", "2026-04-28T09:00:00+09:00"},
                                           {"meeting-1d", "2026-05-12T09:00:00+09:00"}});
  // 8 June 2026 is a Monday: the day before is a Sunday, so Friday the 5th.
  CHECK(send_days_by_rule(reminders, "p/mon/2026-06") ==
        std::map<std::string, std::string>{{"meeting-14d", "2026-05-25T09:00:00+09:00"},
                                           {"meeting-1d", "2026-06-05T09:00:00+09:00"}});
  const BusinessCalendar calendar;
  for (const auto& reminder : reminders.reminders) {
    const sys_days day = floor<days>(reminder.send_at + hours{9});
    CHECK(calendar.is_business_day(day));
    CHECK(reminder.send_at == tokyo_morning(day));
    CHECK(day <= reminder.anchor_day - reminder.days);  // never later than promised
  }
}

TEST_CASE("deadlines are reminded before and on the day, then every week overdue, escalated") {
  // Due 31 May 2026, a Sunday.
  const Plan plan = deadline_plan();
  const auto reminders = plan_for(plan);
  const auto days_by_rule = send_days_by_rule(reminders, "p/d/fy2026");
  CHECK(days_by_rule.at("deadline-7d") == "2026-05-22T09:00:00+09:00");  // 24th is a Sunday
  CHECK(days_by_rule.at("deadline-0d") == "2026-05-29T09:00:00+09:00");
  CHECK(days_by_rule.at("deadline-overdue-7d") == "2026-06-08T09:00:00+09:00");  // 7 June: Sunday
  CHECK(days_by_rule.at("deadline-overdue-14d") == "2026-06-15T09:00:00+09:00");
  CHECK(days_by_rule.at("deadline-overdue-301d") == "2027-03-29T09:00:00+09:00");
  CHECK_FALSE(days_by_rule.contains("deadline-overdue-308d"));  // after the fiscal year
  for (const auto& reminder : reminders.reminders) {
    if (reminder.kind != ReminderKind::overdue) continue;
    CHECK(reminder.escalated == (reminder.days >= date::days{14}));
    CHECK(reminder.recipients.size() == (reminder.escalated ? 2u : 1u));
  }
  // Each repeat is due until the next one comes.
  const auto first =
      std::find_if(reminders.reminders.begin(), reminders.reminders.end(),
                   [](const Reminder& r) { return r.rule == "deadline-overdue-7d"; });
  CHECK(first->expires_at == tokyo_morning(sys_days{2026_y / June / 15}));
  CHECK(is_due(*first, first->send_at));
  CHECK_FALSE(is_due(*first, first->send_at - seconds{1}));
  CHECK_FALSE(is_due(*first, first->expires_at));
}

TEST_CASE("a span's progress note is asked for before each period it overlaps ends") {
  const auto reminders = plan_for(higashi());
  // support-plan (4～3月): 前期 ends Fri 31 July, 中期 Mon 30 November (23 November, 7 days
  // before, is 勤労感謝の日), 後期 on 31 March.
  CHECK(send_days_by_rule(reminders, "higashi-kyosei/support-plan/fy2026") ==
        std::map<std::string, std::string>{{"note-2026-07-31-7d", "2026-07-24T09:00:00+09:00"},
                                           {"note-2026-11-30-7d", "2026-11-20T09:00:00+09:00"},
                                           {"note-2027-03-31-7d", "2027-03-24T09:00:00+09:00"}});
  RecordedState state;
  state.notes.push_back({.task = "support-plan",
                         .period = "前期",
                         .text = "調整を実施",
                         .written_at = {},
                         .written_by = "x"});
  const auto after_note = plan_for(higashi(), state);
  CHECK(send_days_by_rule(after_note, "higashi-kyosei/support-plan/fy2026").size() == 2);
  CHECK_FALSE(send_days_by_rule(after_note, "higashi-kyosei/support-plan/fy2026")
                  .contains("note-2026-07-31-7d"));
}

TEST_CASE("reminder ids are the same after a re-import with the tasks in another order") {
  const Plan plan = higashi();
  auto document = plan_to_json(plan);
  std::reverse(document["tasks"].begin(), document["tasks"].end());
  auto reimported = read_plan_document(document);
  REQUIRE(reimported.ok());
  std::vector<std::string> before;
  std::vector<std::string> after;
  for (const auto& r : plan_for(plan).reminders) before.push_back(r.id);
  for (const auto& r : plan_for(*reimported).reminders) after.push_back(r.id);
  CHECK(before.size() > 40);
  CHECK(before == after);
  CHECK(std::set<std::string>(before.begin(), before.end()).size() == before.size());
}

TEST_CASE("an occurrence done, skipped or cancelled has no reminders left") {
  const std::string april = "higashi-kyosei/multi-agency-meeting/2026-04";
  for (const auto status :
       {OccurrenceStatus::done, OccurrenceStatus::skipped, OccurrenceStatus::cancelled}) {
    RecordedState state;
    state.occurrences[april].status = status;
    CHECK(send_days_by_rule(plan_for(higashi(), state), april).empty());
  }
  RecordedState scheduled;
  scheduled.occurrences[april].status = OccurrenceStatus::scheduled;
  CHECK(send_days_by_rule(plan_for(higashi(), scheduled), april).size() == 2);
}

TEST_CASE("a moved meeting moves its reminders") {
  const std::string april = "higashi-kyosei/multi-agency-meeting/2026-04";
  RecordedState state;
  auto& record = state.occurrences[april];
  record.status = OccurrenceStatus::scheduled;
  record.scheduled_start = sys_seconds{sys_days{2026_y / April / 20}} + hours{1};  // Mon 10:00 JST
  record.place = "東区役所 別館";
  const auto reminders = plan_for(higashi(), state);
  CHECK(send_days_by_rule(reminders, april) ==
        std::map<std::string, std::string>{{"meeting-14d", "2026-04-06T09:00:00+09:00"},
                                           {"meeting-1d", "2026-04-17T09:00:00+09:00"}});
  for (const auto& reminder : reminders.reminders) {
    if (reminder.occurrence != april) continue;
    CHECK(reminder.place == "東区役所 別館");
    CHECK(reminder.scheduled_start == record.scheduled_start);
    CHECK(reminder.scheduled_end == *record.scheduled_start + minutes{90});
  }
}

TEST_CASE("the plan's reminder rules override the defaults kind by kind") {
  json document = plan_to_json(higashi());
  document["reminders"] = {{"meeting", {{"before_days", {3}}}}, {"send_time", "08:15"}};
  auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  CHECK(plan->reminders.meeting ==
        KindReminderRule{.before = {date::days{3}}, .overdue = std::nullopt});
  CHECK(read_plan_document(plan_to_json(*plan)).value() == *plan);  // round trip
  CHECK(send_days_by_rule(plan_for(*plan), "higashi-kyosei/multi-agency-meeting/2026-04") ==
        std::map<std::string, std::string>{{"meeting-3d", "2026-04-03T08:15:00+09:00"}});
  // Deadlines keep the defaults.
  CHECK(send_days_by_rule(plan_for(*plan), "higashi-kyosei/platform-setup/fy2026")
            .at("deadline-7d") == "2026-06-23T08:15:00+09:00");
  // A plan without a reminders block writes none.
  CHECK_FALSE(plan_to_json(higashi()).contains("reminders"));
}

TEST_CASE("a plan's meeting rule may carry its participants' rule, written back as read") {
  json document = plan_to_json(higashi());
  document["reminders"] = {{"meeting",
                            {{"before_days", {14, 1}},
                             {"participants",
                              {{"unanswered_before_days", {10, 3}},
                               {"accepted_before_days", {2}},
                               {"nudge_before_days", json::array()}}}}}};
  auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  CHECK(plan->reminders.participants ==
        ParticipantReminderRule{.unanswered_before = {days{10}, days{3}},
                                .accepted_before = {days{2}},
                                .nudge_before = {},
                                .action_before = {}});
  CHECK(plan_to_json(*plan)["reminders"] == document["reminders"]);
  CHECK(read_plan_document(plan_to_json(*plan)).value() == *plan);  // round trip
  const ReminderRules rules = apply_overrides(ReminderRules{}, plan->reminders);
  CHECK(rules.participants == *plan->reminders.participants);
  // Without participants the plan's meeting rule keeps the config's participants' rule.
  document["reminders"]["meeting"].erase("participants");
  const auto kept = read_plan_document(document);
  REQUIRE(kept.ok());
  CHECK_FALSE(kept->reminders.participants);
  ReminderRules config;
  config.participants.nudge_before = {days{2}};
  CHECK(apply_overrides(config, kept->reminders).participants == config.participants);
  CHECK_FALSE(plan_to_json(*kept)["reminders"]["meeting"].contains("participants"));
}

TEST_CASE("bad reminder rules in a plan are reported with their path") {
  json document = plan_to_json(higashi());
  document["reminders"] = {
      {"meeting", {{"before_days", "14"}}},
      {"deadline", {{"overdue", {{"every_days", 7}, {"escalate_after_days", "x"}}}}},
      {"weekly", true}};
  const auto plan = read_plan_document(document);
  REQUIRE_FALSE(plan.ok());
  std::vector<std::string> errors;
  for (const auto& d : plan.error()) errors.push_back(d.to_string());
  CHECK(errors == std::vector<std::string>{
                      "plan.reminders.weekly: unknown field",
                      "plan.reminders.meeting.before_days: expected an array, got string \"14\"",
                      "plan.reminders.deadline.overdue.escalate_after_days: expected an integer, "
                      "got string \"x\""});
}

TEST_CASE("owners the directory does not know get no reminders, with a warning") {
  const Plan plan = higashi();
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  Directory directory;
  directory.owners["多機関協働担当"] = DirectoryEntry{{{"東", "takikan@example.org"}}, {}};
  const auto reminders = plan_reminders(plan, *expansion, {}, ReminderRules{}, directory);
  CHECK(reminders.reminders.size() == 12);  // six meetings, two each
  CHECK(std::find(reminders.warnings.begin(), reminders.warnings.end(),
                  "task \"annual-review\": owner \"企画総務課\" is not in the directory; its items "
                  "get no reminders") != reminders.warnings.end());
  CHECK(reminders.warnings.size() == 8);  // one per task with dated items, not per item
}
