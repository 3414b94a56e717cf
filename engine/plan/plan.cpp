#include "engine/plan/plan.hpp"

#include <array>
#include <cstdio>
#include <utility>

#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

constexpr std::array<std::pair<TaskKind, std::string_view>, 5> kKindNames{{
    {TaskKind::meeting, "meeting"},
    {TaskKind::campaign, "campaign"},
    {TaskKind::deliverable, "deliverable"},
    {TaskKind::as_needed, "as-needed"},
    {TaskKind::next_year, "next-year"},
}};

// Words that make a dated line a meeting rather than work over a month.
constexpr std::array<std::string_view, 7> kMeetingWords{"会議",   "会合",   "協議会", "連絡会",
                                                        "検討会", "研修会", "相談会"};

bool is_id_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

}  // namespace

std::string_view to_string(TaskKind kind) {
  for (const auto& [value, name] : kKindNames)
    if (value == kind) return name;
  return "campaign";
}

std::optional<TaskKind> parse_task_kind(std::string_view text) {
  for (const auto& [value, name] : kKindNames)
    if (name == text) return value;
  return std::nullopt;
}

const Task* Plan::find_task(std::string_view task_id) const {
  for (const auto& task : tasks)
    if (task.id == task_id) return &task;
  return nullptr;
}

const MeetingRule* Plan::meeting_rule_for(const Task& task) const {
  if (task.meeting_rule) return &*task.meeting_rule;
  if (meeting_rule) return &*meeting_rule;
  return nullptr;
}

std::size_t period_index(const Plan& plan, std::string_view period) {
  for (std::size_t i = 0; i < plan.periods.size(); ++i)
    if (plan.periods[i].name == period) return i;
  return plan.periods.size();
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '.' || id.front() == '-') return false;
  for (char c : id)
    if (!is_id_character(c)) return false;
  return true;
}

std::string_view to_string(OnClosedDay choice) {
  switch (choice) {
    case OnClosedDay::next_business_day:
      return "next_business_day";
    case OnClosedDay::previous_business_day:
      return "previous_business_day";
    case OnClosedDay::skip:
      return "skip";
  }
  return "next_business_day";
}

std::optional<OnClosedDay> parse_on_closed_day(std::string_view text) {
  for (const OnClosedDay choice :
       {OnClosedDay::next_business_day, OnClosedDay::previous_business_day, OnClosedDay::skip})
    if (text == to_string(choice)) return choice;
  return std::nullopt;
}

std::string kpi_figure_text(double value, std::string_view unit) {
  char number[32];
  std::snprintf(number, sizeof number, "%.6g", value);
  const std::u32string characters = code_points_of(unit);
  if (characters.empty()) return number;
  if (characters.size() == 1) return number + std::string(unit);
  return number + ("（" + std::string(unit) + "）");
}

std::optional<MeetingDay> written_meeting_day(const Task& task) {
  if (!task.when) return std::nullopt;
  if (task.when->day) return MeetingDay{*task.when->day};
  if (task.when->day_of_month) return MeetingDay{DayOfMonth{*task.when->day_of_month}};
  return std::nullopt;
}

TaskKind infer_task_kind(std::string_view title, std::string_view period,
                         const std::optional<WhenExpression>& when) {
  if (period == kNextYearPeriod) return TaskKind::next_year;
  if (!when) return TaskKind::campaign;
  if (std::holds_alternative<when::AsNeeded>(when->rule)) return TaskKind::as_needed;
  if (std::holds_alternative<when::Until>(when->rule) ||
      std::holds_alternative<when::YearEnd>(when->rule))
    return TaskKind::deliverable;
  const bool dated_by_month = std::holds_alternative<when::Months>(when->rule) ||
                              std::holds_alternative<when::Every>(when->rule) ||
                              std::holds_alternative<when::Days>(when->rule);
  if (dated_by_month || when->day || when->day_of_month ||
      std::holds_alternative<when::Weekly>(when->rule)) {
    for (std::string_view word : kMeetingWords)
      if (title.find(word) != std::string_view::npos) return TaskKind::meeting;
  }
  return TaskKind::campaign;
}

}  // namespace torikumi
