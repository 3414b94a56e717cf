#include "calendars/detail/event_text.hpp"

#include "engine/calendar/time_text.hpp"

namespace torikumi::calendars::detail {

namespace {

std::string status_text(const OccurrenceState& state) {
  switch (state.status) {
    case OccurrenceStatus::open:
      if (state.percent_complete && *state.percent_complete > 0)
        return "進捗: " + std::to_string(*state.percent_complete) + "%";
      return {};
    case OccurrenceStatus::done:
      return "状況: 完了 ✓";
    case OccurrenceStatus::skipped:
      return "状況: 見送り";
    case OccurrenceStatus::cancelled:
      return "状況: 中止";
  }
  return {};
}

std::string joined_periods(const Plan& plan, std::uint32_t periods) {
  std::string text;
  for (std::size_t i = 0; i < plan.periods.size() && i < 32; ++i) {
    if (!(periods & (std::uint32_t{1} << i))) continue;
    if (!text.empty()) text += "・";
    text += plan.periods[i].name;
  }
  return text;
}

std::string without_separators(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    if (c == ',')
      result += "，";
    else if (c == ';')
      result += "；";
    else if (c == '\\')
      result += "＼";
    else if (c == '\n' || c == '\r')
      result += ' ';
    else
      result += c;
  }
  return result;
}

}  // namespace

bool shown_on_due_day(const Occurrence& occurrence) {
  return !occurrence.scheduled_start && occurrence.task->kind == TaskKind::deliverable;
}

std::string summary_text(const Occurrence& occurrence, OccurrenceStatus status) {
  std::string summary;
  if (status == OccurrenceStatus::done) summary += kDoneMark;
  if (shown_on_due_day(occurrence)) summary += kDeadlinePrefix;
  summary += occurrence.task->title;
  return summary;
}

std::string kind_label(TaskKind kind) {
  switch (kind) {
    case TaskKind::meeting:
      return "会議";
    case TaskKind::campaign:
      return "取組";
    case TaskKind::deliverable:
      return "締切";
    case TaskKind::as_needed:
      return "随時";
    case TaskKind::next_year:
      return "次年度以降";
  }
  return {};
}

std::vector<std::string> category_texts(const Plan& plan, const Task& task, std::uint32_t periods) {
  std::vector<std::string> categories;
  for (std::size_t i = 0; i < plan.periods.size() && i < 32; ++i)
    if (periods & (std::uint32_t{1} << i))
      categories.push_back(without_separators(plan.periods[i].name));
  categories.push_back(kind_label(task.kind));
  if (!task.owner.empty()) categories.push_back(without_separators(task.owner));
  return categories;
}

std::string description_text(const DescriptionInput& input) {
  const Plan& plan = *input.plan;
  const Task& task = *input.task;
  std::string text = task.title + "\n";
  text += "取組: " + plan.initiative + "\n";
  if (!task.measure.empty()) {
    for (const Measure& measure : plan.measures)
      if (measure.id == task.measure) text += "取組の内容: " + measure.title + "\n";
  }
  if (const std::string periods = joined_periods(plan, input.periods); !periods.empty())
    text += "期: " + periods + "\n";
  if (!task.owner.empty()) text += "担当: " + task.owner + "\n";
  if (input.occurrence != nullptr && !input.occurrence->scheduled_start) {
    if (shown_on_due_day(*input.occurrence)) {
      text += "期限: " + format_iso_date(input.occurrence->due) + "（" +
              format_iso_date(input.occurrence->start) + "から）\n";
    } else {
      text += "期間: " + format_iso_date(input.occurrence->start) + "〜" +
              format_iso_date(input.occurrence->due) + "\n";
    }
  }
  if (input.state != nullptr) {
    if (const std::string status = status_text(*input.state); !status.empty())
      text += status + "\n";
    if (!input.state->note.empty()) text += "メモ: " + input.state->note + "\n";
  }
  if (input.occurrence != nullptr && input.occurrence->provisional)
    text += "日程は暫定です（春分・秋分の日が未公表のため変わることがあります）\n";
  if (!input.link.empty()) text += input.link + "\n";
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace torikumi::calendars::detail
