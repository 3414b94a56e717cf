#pragma once

// The plan: one 重要取組シート (key-initiative sheet) as data. Built from JSON (plan_json.hpp)
// or from the sheet itself; validated once at that boundary and trusted inside.

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/calendar/business_calendar.hpp"
#include "engine/calendar/fiscal_year.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "engine/meetings/meeting_type.hpp"
#include "engine/meetings/participants.hpp"
#include "engine/reminders/reminder_rules.hpp"
#include "engine/schedule/when_expression.hpp"

namespace torikumi {

enum class TaskKind {
  meeting,      // a gathering on a date: 会議の開催
  campaign,     // work over a window: 周知, サポートプランの調整 (4～3月)
  deliverable,  // something due by a date: 整備（～6月）
  as_needed,    // 随時: logged when it happens, never dated
  next_year,    // 次年度以降: a backlog item beyond the fiscal year
};

std::string_view to_string(TaskKind kind);  // "meeting", "as-needed", "next-year", ...
std::optional<TaskKind> parse_task_kind(std::string_view text);

// The day of the month a meeting is held on.
struct DayOfMonth {
  unsigned day = 1;  // 1..31; clamped to the month's last day
  bool operator==(const DayOfMonth&) const = default;
};
using MeetingDay = std::variant<NthWeekday, DayOfMonth>;

// What a day given by a rule (第2水曜日, 毎月15日, 毎週金曜日) does when it is closed: a weekday
// written is closed on a public holiday, in the year-end closure or on an extra closed day (a
// Saturday meeting stays on Saturday); a day of the month also on a Saturday or Sunday.
enum class OnClosedDay {
  next_business_day,      // the next business day in the month, else the one before
  previous_business_day,  // the business day before in the month, else the next one
  skip,                   // no meeting that time
};
std::string_view to_string(OnClosedDay choice);  // "next_business_day", ...
std::optional<OnClosedDay> parse_on_closed_day(std::string_view text);
// What an error says parse_on_closed_day expected.
inline constexpr std::string_view kOnClosedDayChoices =
    "expected next_business_day, previous_business_day or skip";

// When and where a meeting series meets: the second Wednesday, 14:00, 90 minutes, a room, and
// what a closed day does to it.
struct MeetingRule {
  MeetingDay day = NthWeekday{};
  std::chrono::minutes start_time{14 * 60};  // local time of day
  std::chrono::minutes duration{90};
  std::string place;
  OnClosedDay on_closed_day = OnClosedDay::next_business_day;
  bool operator==(const MeetingRule&) const = default;
};

// 取組の内容: one ○ item, a measure the tasks serve.
struct Measure {
  std::string id;
  std::string title;
  std::string description;
  bool operator==(const Measure&) const = default;
};

// One checkbox line of the schedule (スケジュール).
struct Task {
  std::string id;           // stable slug: [A-Za-z0-9._-], unique in the plan
  std::string title;        // cleaned: the schedule taken out
  std::string source_text;  // the line as written on the sheet, if it came from one
  std::string period;     // 前期, 中期, 後期 or 次年度以降; empty: the whole fiscal year
  std::string when_text;  // as written; empty: no schedule
  std::optional<WhenExpression> when;  // parsed when_text
  TaskKind kind = TaskKind::campaign;
  std::string owner;    // 担当
  std::string measure;  // a Measure id, or empty
  std::string series;   // the series id; empty: the task is its own series of one
  std::optional<MeetingRule> meeting_rule;  // overrides the plan's
  // A meeting's standing participants; empty: the plan's (standing_participants). Only a
  // meeting task has them.
  std::vector<Participant> participants{};
  // A meeting's type (engine/meetings/meeting_type.hpp): one of the plan's or a built-in's name;
  // empty: 定例会議. Only a meeting task has one.
  std::string meeting_type{};
  bool operator==(const Task&) const = default;
};

// The day in each month a task's own schedule names (第2水曜日, 毎月10日), if it names one.
std::optional<MeetingDay> written_meeting_day(const Task& task);

struct KpiFigure {
  int year = 0;  // the fiscal year the figure is for
  double value = 0;
  bool operator==(const KpiFigure&) const = default;
};

// 寄与するKPI: a city-plan indicator the initiative contributes to.
struct Kpi {
  std::string id;
  std::string name;
  std::string unit;
  std::optional<KpiFigure> baseline;
  std::optional<KpiFigure> target;
  bool operator==(const Kpi&) const = default;
};

// A KPI's figure with its unit, as the sheet writes it: a unit of one character follows the
// number (45%, 12人, 3件), a longer one is bracketed after it (14.9（人口10万人当たり自殺者数）),
// so that a number never runs into a unit's words. The number has at most six significant
// digits and no trailing zeros (14.9, 1250, 0.35).
std::string kpi_figure_text(double value, std::string_view unit);

// The city plan the initiative serves (2025 堺市基本計画) and its policy (該当する施策).
struct CityPlan {
  std::string name;
  std::string policy;
  bool operator==(const CityPlan&) const = default;
};

// 最も貢献するSDGsのゴール.
struct SdgGoal {
  int number = 0;  // 1..17
  std::string name;
  bool operator==(const SdgGoal&) const = default;
};

// 進捗の状況: one line of a period's progress report, as the sheet words it. Lines are worded
// differently from the schedule, so each is matched to the task it reports on by text
// similarity, and the match and its score are kept.
struct ProgressLine {
  std::string period;               // the period it reports on: 前期, 中期, 後期
  std::string text;                 // the line with its schedules taken out
  std::string source_text;          // the line as written
  std::vector<date::month> months;  // months it names as done: （4、6月） → April and June
  std::string task;                 // the matched task's id; empty: a note of the period
  double score = 0;                 // similarity of the match, 0..1
  bool operator==(const ProgressLine&) const = default;
};

struct Organisation {
  std::string name;  // 東区役所
  std::string unit;  // 東保健福祉総合センター
  bool operator==(const Organisation&) const = default;
};

struct Plan {
  std::string id;
  Organisation organisation;
  std::string initiative;              // 取組項目
  std::vector<std::string> issues;     // 現状・課題
  std::vector<Measure> measures;       // 取組の内容
  std::vector<Task> tasks;             // スケジュール, in sheet order
  std::vector<ProgressLine> progress;  // 進捗の状況, in sheet order
  std::vector<Kpi> kpis;
  std::optional<CityPlan> city_plan;
  std::vector<SdgGoal> sdg_goals;
  std::optional<int> fiscal_year;  // the year the sheet was written for, if it says
  date::month fiscal_year_start{date::April};
  std::vector<PeriodDefinition> periods = default_periods();
  PlanZone time_zone = PlanZone::asia_tokyo();  // resolved where the plan is read
  std::optional<MeetingRule> meeting_rule;      // the default for meetings
  BusinessCalendarOptions business_calendar;
  ReminderRuleOverrides reminders;  // over the config's defaults; empty: the defaults
  // The standing participants of every meeting task that names none of its own.
  std::vector<Participant> participants{};
  // Meeting types of the plan's own, besides the built-in ones (定例会議, 支援会議,
  // 重層的支援会議).
  std::vector<MeetingType> meeting_types{};
  bool operator==(const Plan&) const = default;

  const Task* find_task(std::string_view task_id) const;
  // The rule a meeting task follows: its own, else the plan's, else none.
  const MeetingRule* meeting_rule_for(const Task& task) const;
};

// The index of a period in plan.periods, or plan.periods.size() when it has none of that name
// (次年度以降 included: it is not one of the plan's periods).
std::size_t period_index(const Plan& plan, std::string_view period);

// Whether an id is a usable slug: 1..64 of [A-Za-z0-9._-], not starting with '.' or '-'.
bool is_valid_id(std::string_view id);

// The kind a task has when its plan does not say: next_year in 次年度以降, as_needed for 随時,
// meeting for a dated month list whose title names a meeting (会議, 会合, 協議会, 連絡会, 検討会,
// 研修会, 相談会), deliverable for a deadline, campaign otherwise.
TaskKind infer_task_kind(std::string_view title, std::string_view period,
                         const std::optional<WhenExpression>& when);

}  // namespace torikumi
