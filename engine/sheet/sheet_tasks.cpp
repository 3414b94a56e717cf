#include "engine/sheet/sheet_tasks.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "engine/schedule/schedule_line.hpp"
#include "engine/schedule/when_expression.hpp"
#include "engine/sheet/progress_matching.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_ids.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/sheet/sheet_segments.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

// The number an id's period suffix carries: 1 for the plan's first period, one past the last
// for 次年度以降, 0 for none (the whole year).
std::size_t period_number_in_id(const Plan& plan, std::string_view period) {
  const std::size_t index = period_index(plan, period);
  if (index < plan.periods.size()) return index + 1;
  return period == kNextYearPeriod ? plan.periods.size() + 1 : 0;
}

const when::Months* months_of(const Task& task) {
  return task.when ? std::get_if<when::Months>(&task.when->rule) : nullptr;
}

// A bracket without its partner that split_schedule_line has not already reported (it reports
// an unclosed one only when what follows reads like a schedule): 会議の開催4、6月）.
void report_unmatched_brackets(const Item& item, const ScheduleLine& whole,
                               SheetWarnings& warnings) {
  const std::u32string characters = code_points_of(item.text);
  for (const std::size_t index : unmatched_brackets(item.text)) {
    const bool reported =
        std::any_of(whole.problems.begin(), whole.problems.end(),
                    [&](const Diagnostic& problem) { return problem.character == index + 1; });
    if (reported) continue;
    const bool opening = normalize_width(characters[index]) == U'(';
    const std::string bracket = encode_utf8(characters[index]);
    const std::string character = std::to_string(index + 1);
    warnings.warn(item.line,
                  "bracket " + in_quotes(bracket) + " at character " + character +
                      (opening ? " is never closed in " : " is never opened in ") +
                      quoted_excerpt(item.text),
                  meaning_of(opening ? sheet_meaning::kBracketNeverClosed
                                     : sheet_meaning::kBracketNeverOpened,
                             {bracket, character, excerpt(item.text)}),
                  SheetWarningKind::schedule_refused);
  }
}

// A schedule group that does not parse, as a warning: the group as written and the parser's word.
void report_not_understood(const Item& item, const std::string& group, const std::string& problem,
                           const Meaning& cause, SheetWarnings& warnings) {
  warnings.warn(item.line, "schedule " + quoted_excerpt(group) + " not understood: " + problem,
                meaning_of(sheet_meaning::kScheduleNotUnderstood, {excerpt(group)}, {cause}),
                SheetWarningKind::schedule_refused);
}

// Schedule problems of a line become warnings: the group as written and the parser's word.
void report_schedule_problems(const Item& item, const ScheduleLine& whole,
                              const std::vector<Segment>& segments, SheetWarnings& warnings) {
  std::set<std::string> reported;
  for (const Diagnostic& problem : whole.problems) {
    std::string group = item.text;
    if (problem.where.starts_with("character ")) {
      const std::size_t index = std::stoul(problem.where.substr(10)) - 1;
      group = group_at(item.text, index);
    }
    reported.insert(group);
    report_not_understood(item, group, problem.message, problem.meaning, warnings);
  }
  report_unmatched_brackets(item, whole, warnings);
  for (const Segment& segment : segments) {
    for (const std::string& group : groups_of(segment.split.title)) {
      if (reported.contains(group) || !reads_like_schedule(group)) continue;
      auto parsed = parse_when(group);
      if (parsed) continue;
      reported.insert(group);
      report_not_understood(item, group, parsed.error().message, parsed.error().meaning, warnings);
    }
  }
}

struct Draft {
  Task task;
  std::size_t line = 0;
};

// A checkbox item that is nothing but its schedule (（4月）) names no task and reports on
// nothing: a plan needs the text, so the item is left out, saying so.
void skip_untitled(const Item& item, std::string_view what, std::string_view code,
                   SheetWarnings& warnings) {
  warnings.warn(item.line,
                std::string(what) + " " + quoted_excerpt(item.text) +
                    " has no text besides its schedule; it is skipped",
                meaning_of(code, {excerpt(item.text)}));
}

// The id a task's title reads as (readable_id), or its kind's name when the title has no words.
std::string base_id(const Task& task) {
  std::string id = readable_id(task.title);
  return id.empty() ? std::string(to_string(task.kind)) : id;
}

// Series: the same title dated by listed months in two periods or more, no month twice. Each
// gets the id of its first row's title, and its rows SERIES-<period index>.
void assign_series_ids(std::vector<Draft>& drafts, const Plan& plan, TakenIds& taken,
                       std::vector<bool>& in_series, SheetWarnings& warnings) {
  std::map<std::string, std::vector<std::size_t>> by_title;
  for (std::size_t i = 0; i < drafts.size(); ++i)
    if (months_of(drafts[i].task) != nullptr) by_title[text_key(drafts[i].task.title)].push_back(i);
  for (const auto& [key, indexes] : by_title) {
    std::vector<std::size_t> rows;  // the first row of each period
    std::set<std::string> periods;
    for (const std::size_t i : indexes)
      if (periods.insert(drafts[i].task.period).second) rows.push_back(i);
    if (rows.size() < 2) continue;
    std::map<unsigned, std::size_t> month_lines;
    bool clash = false;
    for (const std::size_t i : rows) {
      for (const date::month month : months_of(drafts[i].task)->months) {
        const auto [it, inserted] =
            month_lines.emplace(static_cast<unsigned>(month), drafts[i].line);
        if (inserted || clash) continue;
        clash = true;
        const std::string month_number = std::to_string(static_cast<unsigned>(month));
        const std::string other_line = std::to_string(it->second);
        warnings.warn(drafts[i].line,
                      quoted_excerpt(drafts[i].task.title) + " lists month " + month_number +
                          " again (also line " + other_line +
                          "); the rows are not joined into one series",
                      meaning_of(sheet_meaning::kMonthListedAgain,
                                 {excerpt(drafts[i].task.title), month_number, other_line}));
      }
    }
    if (clash) continue;
    const Draft& first = drafts[rows.front()];
    const std::string series =
        unique_id(base_id(first.task), taken, first.line, first.task.title, warnings);
    for (const std::size_t i : rows) {
      drafts[i].task.series = series;
      drafts[i].task.id =
          unique_id(series + "-" + std::to_string(period_number_in_id(plan, drafts[i].task.period)),
                    taken, drafts[i].line, drafts[i].task.title, warnings);
      in_series[i] = true;
    }
  }
}

// Ids from text (docs/sheet-format.md): series first, then the other tasks by their titles,
// with -<period index> when the same title and kind come in several periods, and -2, -3 when
// two titles begin with the same words.
void assign_task_ids(std::vector<Draft>& drafts, const Plan& plan, SheetWarnings& warnings) {
  TakenIds taken;
  std::vector<bool> in_series(drafts.size(), false);
  assign_series_ids(drafts, plan, taken, in_series, warnings);
  std::map<std::tuple<TaskKind, std::string>, std::size_t> same_title;
  for (std::size_t i = 0; i < drafts.size(); ++i)
    if (!in_series[i]) ++same_title[{drafts[i].task.kind, text_key(drafts[i].task.title)}];
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    if (in_series[i]) continue;
    Task& task = drafts[i].task;
    std::string id = base_id(task);
    if (same_title[{task.kind, text_key(task.title)}] > 1)
      id += "-" + std::to_string(period_number_in_id(plan, task.period));
    task.id = unique_id(std::move(id), taken, drafts[i].line, task.title, warnings);
  }
}

}  // namespace

std::vector<Task> build_tasks(const std::vector<Item>& schedule_items, const Plan& plan,
                              SheetWarnings& warnings) {
  std::vector<Draft> drafts;
  for (const Item& item : schedule_items) {
    const ScheduleLine whole = split_schedule_line(item.text);
    if (item.period == kNextYearPeriod) {
      report_schedule_problems(item, whole, {Segment{item.text, whole}}, warnings);
      Task task;
      task.title = join_japanese_spaces(whole.title);
      if (task.title.empty()) {
        skip_untitled(item, "schedule item", sheet_meaning::kUntitledScheduleItem, warnings);
        continue;
      }
      task.source_text = item.text;
      task.period = item.period;
      task.kind = TaskKind::next_year;
      if (!whole.schedules.empty())
        warnings.warn(item.line,
                      "次年度以降 item " + quoted_excerpt(task.title) + " has a schedule " +
                          quoted_excerpt(whole.schedule_texts.front()) +
                          "; 次年度以降 items are not dated",
                      meaning_of(sheet_meaning::kNextYearDated,
                                 {excerpt(task.title), excerpt(whole.schedule_texts.front())}));
      drafts.push_back(Draft{std::move(task), item.line});
      continue;
    }
    const std::vector<Segment> segments = segments_of(item.text);
    report_schedule_problems(item, whole, segments, warnings);
    for (const Segment& segment : segments) {
      Task task;
      task.title = join_japanese_spaces(segment.split.title);
      if (task.title.empty()) {  // only when the whole item is a schedule: segments_of joins
        skip_untitled(item, "schedule item", sheet_meaning::kUntitledScheduleItem, warnings);
        continue;
      }
      task.source_text = segment.source;
      task.period = item.period;
      if (!segment.split.schedules.empty()) {
        task.when_text = segment.split.schedule_texts.front();
        task.when = segment.split.schedules.front();
        if (segment.split.schedules.size() > 1) {
          std::string written;
          std::vector<std::string> subjects{excerpt(task.title)};
          for (const std::string& text : segment.split.schedule_texts) {
            written += (written.empty() ? "" : ", ") + quoted_excerpt(text);
            subjects.push_back(excerpt(text));
          }
          warnings.warn(item.line,
                        quoted_excerpt(task.title) + " has more than one schedule (" + written +
                            "); kept the first",
                        meaning_of(sheet_meaning::kSeveralSchedules, std::move(subjects)));
        }
      }
      if (const auto problem =
              task.when ? check_fiscal_year(*task.when, plan.fiscal_year_start, plan.fiscal_year)
                        : std::nullopt) {
        warnings.warn(item.line,
                      "schedule " + quoted_excerpt(task.when_text) +
                          " refused: " + problem->message + "; the task is left undated",
                      meaning_of(sheet_meaning::kScheduleRefused, {excerpt(task.when_text)},
                                 {problem->meaning}),
                      SheetWarningKind::schedule_refused);
        task.when.reset();
        task.when_text.clear();
      }
      task.kind = infer_task_kind(task.title, task.period, task.when);
      drafts.push_back(Draft{std::move(task), item.line});
    }
  }
  assign_task_ids(drafts, plan, warnings);
  std::vector<Task> tasks;
  for (Draft& draft : drafts) tasks.push_back(std::move(draft.task));
  return tasks;
}

std::vector<ProgressLine> build_progress_lines(const std::vector<Item>& progress_items,
                                               const Plan& plan, SheetWarnings& warnings) {
  std::vector<ProgressLine> lines;
  for (const Item& item : progress_items) {
    const ScheduleLine whole = split_schedule_line(item.text);
    const std::vector<Segment> segments = segments_of(item.text);
    report_schedule_problems(item, whole, segments, warnings);
    if (item.period == kNextYearPeriod) {
      warnings.warn(item.line,
                    "progress under 次年度以降 is not kept: " + quoted_excerpt(item.text),
                    meaning_of(sheet_meaning::kNextYearProgress, {excerpt(item.text)}));
      continue;
    }
    ProgressLine line;
    line.period = item.period;
    line.text = join_japanese_spaces(whole.title);
    if (line.text.empty()) {
      skip_untitled(item, "progress line", sheet_meaning::kUntitledProgressLine, warnings);
      continue;
    }
    line.source_text = item.text;
    for (const WhenExpression& schedule : whole.schedules) {
      const auto* months = std::get_if<when::Months>(&schedule.rule);
      if (months == nullptr) continue;
      for (const date::month month : months->months)
        if (std::find(line.months.begin(), line.months.end(), month) == line.months.end())
          line.months.push_back(month);
    }
    lines.push_back(std::move(line));
  }
  for (ProgressLine& line : lines) {
    const ProgressMatch match = match_progress_line(plan, line);
    line.task = match.task;
    line.score = match.task.empty() ? 0 : match.score;
  }
  return lines;
}

}  // namespace torikumi
