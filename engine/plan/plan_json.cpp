#include "engine/plan/plan_json.hpp"

#include "engine/base/json_reader.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/plan_meaning.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <stdexcept>

namespace torikumi {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;

constexpr std::array<std::string_view, 7> kWeekdayNames{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> kJapaneseWeekdayNames{"日", "月", "火", "水",
                                                                "木", "金", "土"};

using Reader = JsonReader;

constexpr std::string_view kIdRule =
    "expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . or -, got ";

// Reports an id that is_valid_id refuses, at `where` (`plan.tasks[2].id`).
void report_invalid_id(Reader& reader, const std::string& where, const std::string& id) {
  reader.report(where, std::string{kIdRule} + in_quotes(id),
                meaning_of(plan_meaning::kInvalidId, {id}));
}

// The subjects of an unknown period: the period written, then each of `periods`.
std::vector<std::string> period_subjects(const std::string& period,
                                         const std::vector<PeriodDefinition>& periods) {
  std::vector<std::string> subjects{period};
  for (const PeriodDefinition& definition : periods) subjects.push_back(definition.name);
  return subjects;
}

}  // namespace

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text) {
  // HH:MM, 24-hour.
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::chrono::minutes{hours * 60 + minutes};
}

namespace {

// "12-29" → December 29.
std::optional<date::month_day> parse_month_day(std::string_view text) {
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const date::month_day value{
      date::month(static_cast<unsigned>((text[0] - '0') * 10 + text[1] - '0')),
      date::day(static_cast<unsigned>((text[3] - '0') * 10 + text[4] - '0'))};
  if (!value.ok()) return std::nullopt;
  return value;
}

std::optional<date::weekday> parse_weekday(std::string_view text) {
  for (unsigned i = 0; i < 7; ++i)
    if (text == kWeekdayNames[i] || text == kJapaneseWeekdayNames[i]) return date::weekday{i};
  return std::nullopt;
}

std::optional<MeetingRule> read_meeting_rule(Reader& reader, const json& value,
                                             const std::string& where) {
  if (!reader.expect_object(value, where,
                            {"week", "weekday", "day_of_month", "start", "duration_minutes",
                             "place", "on_closed_day"}))
    return std::nullopt;
  MeetingRule rule;
  bool good = true;
  const bool has_weekday = value.contains("weekday") || value.contains("week");
  const bool has_day = value.contains("day_of_month");
  if (has_weekday == has_day) {
    reader.report(where, "expected either \"week\" and \"weekday\" or \"day_of_month\"",
                  meaning_of(plan_meaning::kDayOrWeekday));
    good = false;
  } else if (has_day) {
    const auto day = reader.integer(value, where, "day_of_month", true, 1, 31);
    if (day) rule.day = DayOfMonth{static_cast<unsigned>(*day)};
    good = good && day.has_value();
  } else {
    const auto week = reader.integer(value, where, "week", true, 1, 5);
    const auto weekday_text = reader.required_text(value, where, "weekday");
    std::optional<date::weekday> weekday;
    if (weekday_text) {
      weekday = parse_weekday(*weekday_text);
      if (!weekday)
        reader.report(
            where + ".weekday",
            "expected a weekday (monday..sunday or 月..日), got " + in_quotes(*weekday_text),
            meaning_of(plan_meaning::kUnknownWeekday, {*weekday_text}));
    }
    if (week && weekday) rule.day = NthWeekday{static_cast<unsigned>(*week), *weekday};
    good = good && week && weekday;
  }
  if (const auto start = reader.required_text(value, where, "start")) {
    if (const auto time = parse_time_of_day(*start)) {
      rule.start_time = *time;
    } else {
      reader.report(where + ".start", "expected a time HH:MM, got " + in_quotes(*start),
                    meaning_of(json_meaning::kExpectedTime, {*start}));
      good = false;
    }
  } else {
    good = false;
  }
  if (const auto duration = reader.integer(value, where, "duration_minutes", false, 1, 24 * 60))
    rule.duration = std::chrono::minutes{*duration};
  else if (value.contains("duration_minutes"))
    good = false;
  rule.place = reader.optional_text(value, where, "place");
  if (const std::string choice = reader.optional_text(value, where, "on_closed_day");
      !choice.empty()) {
    if (const auto parsed = parse_on_closed_day(choice)) {
      rule.on_closed_day = *parsed;
    } else {
      reader.report(where + ".on_closed_day",
                    std::string(kOnClosedDayChoices) + ", got " + in_quotes(choice),
                    meaning_of(plan_meaning::kUnknownOnClosedDay, {choice}));
      good = false;
    }
  }
  if (!good) return std::nullopt;
  return rule;
}

std::optional<KpiFigure> read_kpi_figure(Reader& reader, const json& object,
                                         const std::string& where, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  const std::string path = where + "." + std::string{key};
  if (!reader.expect_object(*found, path, {"year", "value"})) return std::nullopt;
  const auto year = reader.integer(*found, path, "year", true, 1900, 2200);
  const auto value = reader.number(*found, path, "value");
  if (!year || !value) return std::nullopt;
  return KpiFigure{static_cast<int>(*year), *value};
}

void read_business_calendar(Reader& reader, const json& value, const std::string& where,
                            BusinessCalendarOptions& options) {
  if (!reader.expect_object(value, where, {"year_end_closure", "closed_days"})) return;
  if (const auto closure = value.find("year_end_closure"); closure != value.end()) {
    const std::string path = where + ".year_end_closure";
    if (reader.expect_object(*closure, path, {"first", "last"})) {
      for (const auto* key : {"first", "last"}) {
        const auto text = reader.required_text(*closure, path, key);
        if (!text) continue;
        const auto day = parse_month_day(*text);
        if (!day) {
          reader.report(path + "." + key, "expected a month and day MM-DD, got " + in_quotes(*text),
                        meaning_of(json_meaning::kExpectedMonthDay, {*text}));
          continue;
        }
        (std::string_view{key} == "first" ? options.closure.first : options.closure.last) = *day;
      }
    }
  }
  reader.each(value, where, "closed_days", [&](const json& element, const std::string& path) {
    if (!element.is_string()) {
      reader.report(path, "expected a date YYYY-MM-DD, got " + describe_json(element),
                    meaning_of(json_meaning::kExpectedString, {describe_json(element)}));
      return;
    }
    const auto day = parse_iso_date(element.get<std::string>());
    if (!day) {
      reader.report(path,
                    "expected a date YYYY-MM-DD, got " + in_quotes(element.get<std::string>()),
                    meaning_of(json_meaning::kExpectedDate, {element.get<std::string>()}));
      return;
    }
    options.extra_closed_days.push_back(*day);
  });
  std::sort(options.extra_closed_days.begin(), options.extra_closed_days.end());
}

// The periods a task may name: the plan's, then 次年度以降.
std::string join_names(const std::vector<PeriodDefinition>& periods) {
  return list_period_names(periods) + ", " + std::string{kNextYearPeriod};
}

void check_unique_ids(Reader& reader, const std::vector<std::pair<std::string, std::string>>& ids) {
  // ids: (id, path of the element)
  std::map<std::string, std::string> first_seen;
  for (const auto& [id, path] : ids) {
    const auto [it, inserted] = first_seen.emplace(id, path);
    if (!inserted)
      reader.report(path + ".id", "duplicate id \"" + id + "\" (also " + it->second + ".id)",
                    meaning_of(plan_meaning::kDuplicateId, {id, it->second}));
  }
}

// Checks that a task's period is one the plan defines, or 次年度以降.
void check_task_period(Reader& reader, const Task& task, const std::string& where,
                       const Plan& plan) {
  if (!task.period.empty() && task.period != kNextYearPeriod &&
      std::none_of(plan.periods.begin(), plan.periods.end(),
                   [&](const PeriodDefinition& p) { return p.name == task.period; })) {
    std::vector<std::string> subjects = period_subjects(task.period, plan.periods);
    subjects.emplace_back(kNextYearPeriod);
    reader.report(
        where + ".period",
        "unknown period \"" + task.period + "\", expected one of " + join_names(plan.periods),
        meaning_of(plan_meaning::kUnknownPeriod, std::move(subjects)));
  }
}

// Reads a task's "when" text and parses it; a 次年度以降 task may not have one.
void read_task_when(Reader& reader, const json& value, const std::string& where, Task& task) {
  task.when_text = reader.optional_text(value, where, "when");
  if (task.when_text.empty()) return;
  auto parsed = parse_when(task.when_text);
  if (parsed)
    task.when = std::move(parsed.value());
  else
    reader.report(where + ".when", parsed.error());
  if (task.period == kNextYearPeriod)
    reader.report(
        where + ".when",
        "a 次年度以降 task has no schedule in the fiscal year, got \"" + task.when_text + "\"",
        meaning_of(plan_meaning::kNextYearDated, {task.when_text}));
}

// Reads a task's kind, inferred from its title, period and schedule when not written; false when
// the kind written is refused.
bool read_task_kind(Reader& reader, const json& value, const std::string& where, Task& task) {
  const std::string kind_text = reader.optional_text(value, where, "kind");
  if (kind_text.empty()) {
    task.kind = infer_task_kind(task.title, task.period, task.when);
    return !value.contains("kind") || value["kind"].is_null() || value["kind"].is_string();
  }
  if (const auto kind = parse_task_kind(kind_text)) {
    task.kind = *kind;
    return true;
  }
  reader.report(where + ".kind",
                "expected one of meeting, campaign, deliverable, as-needed, "
                "next-year, got \"" +
                    kind_text + "\"",
                meaning_of(plan_meaning::kUnknownKind, {kind_text, "meeting", "campaign",
                                                        "deliverable", "as-needed", "next-year"}));
  return false;
}

// Checks a task's series id, which only a task dated by listed months may have.
void check_task_series(Reader& reader, const Task& task, const std::string& where) {
  if (!task.series.empty() && !is_valid_id(task.series))
    report_invalid_id(reader, where + ".series", task.series);
  else if (!task.series.empty() && task.when &&
           !std::holds_alternative<when::Months>(task.when->rule))
    reader.report(where + ".series",
                  "only a task dated by listed months (such as （4、6月）) can be part of a "
                  "series, got when \"" +
                      task.when_text + "\"",
                  meaning_of(plan_meaning::kSeriesNeedsMonths, {task.series, task.when_text}));
}

// Checks that the schedule fits the plan's fiscal year: a span inside it, a day that exists, a
// year written that is the plan's (check_fiscal_year).
void check_in_fiscal_year(Reader& reader, const Task& task, const std::string& where,
                          const Plan& plan) {
  if (!task.when) return;
  if (const auto problem = check_fiscal_year(*task.when, plan.fiscal_year_start, plan.fiscal_year))
    reader.report(where + ".when", *problem);
}

// Reads a task's standing participants, which only a meeting task may have; an empty list is
// none. When its kind was refused (`kind_read` false) that is not said again here.
void read_task_participants(Reader& reader, const json& value, const std::string& where,
                            bool kind_read, Task& task) {
  const json* list = reader.member(value, "participants");
  if (list == nullptr || list->is_null()) return;
  const std::string path = where + ".participants";
  if (task.kind != TaskKind::meeting && kind_read && !(list->is_array() && list->empty())) {
    const std::string kind{to_string(task.kind)};
    reader.report(path, "only a meeting task has participants, got kind " + in_quotes(kind),
                  meaning_of(meetings_meaning::kParticipantsNeedMeeting, {kind}));
    return;
  }
  task.participants = read_participants(reader, *list, path);
}

// Reads a meeting task's type: a name among the plan's own types (read before the tasks) and the
// built-ins. When its kind was refused (`kind_read` false) that is not said again here.
void read_task_meeting_type(Reader& reader, const json& value, const std::string& where,
                            bool kind_read, const Plan& plan, Task& task) {
  std::string name = reader.optional_text(value, where, "meeting_type");
  if (name.empty()) return;
  const std::string path = where + ".meeting_type";
  if (task.kind != TaskKind::meeting) {
    if (!kind_read) return;
    const std::string kind{to_string(task.kind)};
    reader.report(path, "only a meeting task has a meeting type, got kind " + in_quotes(kind),
                  meaning_of(meetings_meaning::kMeetingTypeNeedsMeeting, {kind}));
    return;
  }
  if (!find_meeting_type(plan, name)) {
    std::string known;
    for (const MeetingType& type : builtin_meeting_types()) known += in_quotes(type.name) + ", ";
    for (const MeetingType& type : plan.meeting_types) known += in_quotes(type.name) + ", ";
    known.resize(known.size() - 2);
    reader.report(path, "unknown meeting type " + in_quotes(name) + ", expected one of " + known,
                  meaning_of(meetings_meaning::kUnknownMeetingType, {name}));
    return;
  }
  task.meeting_type = std::move(name);
}

// Reads one task at `where`; a valid id goes to `ids` for the check that ids are unique.
Task read_task(Reader& reader, const json& value, const std::string& where, const Plan& plan,
               std::vector<std::pair<std::string, std::string>>& ids) {
  Task task;
  if (auto id = reader.required_text(value, where, "id")) {
    if (is_valid_id(*id))
      ids.emplace_back(*id, where);
    else
      report_invalid_id(reader, where + ".id", *id);
    task.id = std::move(*id);
  }
  task.title = reader.required_text(value, where, "title").value_or("");
  task.source_text = reader.optional_text(value, where, "source_text");
  task.period = reader.optional_text(value, where, "period");
  check_task_period(reader, task, where, plan);
  read_task_when(reader, value, where, task);
  const bool kind_read = read_task_kind(reader, value, where, task);
  task.owner = reader.optional_text(value, where, "owner");
  task.measure = reader.optional_text(value, where, "measure");
  if (!task.measure.empty() && std::none_of(plan.measures.begin(), plan.measures.end(),
                                            [&](const Measure& m) { return m.id == task.measure; }))
    reader.report(where + ".measure", "unknown measure \"" + task.measure + "\"",
                  meaning_of(plan_meaning::kUnknownMeasure, {task.measure}));
  task.series = reader.optional_text(value, where, "series");
  check_task_series(reader, task, where);
  check_in_fiscal_year(reader, task, where, plan);
  if (const auto rule = value.find("meeting_rule"); rule != value.end() && !rule->is_null())
    task.meeting_rule = read_meeting_rule(reader, *rule, where + ".meeting_rule");
  read_task_participants(reader, value, where, kind_read, task);
  read_task_meeting_type(reader, value, where, kind_read, plan, task);
  return task;
}

// A series may not list the same month twice: each month is one occurrence. task_paths[i] is
// where tasks[i] was read.
void check_series_months(Reader& reader, const std::vector<Task>& tasks,
                         const std::vector<std::string>& task_paths) {
  std::map<std::pair<std::string, unsigned>, std::string> months_seen;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const Task& task = tasks[i];
    if (!task.when) continue;
    const auto* months = std::get_if<when::Months>(&task.when->rule);
    if (months == nullptr) continue;
    const std::string series = task.series.empty() ? task.id : task.series;
    for (const date::month month : months->months) {
      const auto key = std::make_pair(series, static_cast<unsigned>(month));
      const auto [it, inserted] = months_seen.emplace(key, task_paths[i]);
      if (!inserted && it->second != task_paths[i])
        reader.report(task_paths[i] + ".when",
                      "month " + std::to_string(key.second) + " is already in series \"" + series +
                          "\" (" + it->second + ")",
                      meaning_of(plan_meaning::kSeriesMonthTwice,
                                 {std::to_string(key.second), series, it->second}));
    }
  }
}

void read_tasks(Reader& reader, const json& document, Plan& plan) {
  std::vector<std::pair<std::string, std::string>> ids;
  std::vector<std::string> task_paths;
  reader.each(document, "plan", "tasks", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(
            value, where,
            {"id", "title", "source_text", "period", "when", "kind", "owner", "measure", "series",
             "meeting_rule", "participants", "meeting_type"}))
      return;
    plan.tasks.push_back(read_task(reader, value, where, plan, ids));
    task_paths.push_back(where);
  });
  check_unique_ids(reader, ids);
  check_series_months(reader, plan.tasks, task_paths);
}

void read_progress(Reader& reader, const json& document, Plan& plan) {
  reader.each(document, "plan", "progress", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where,
                              {"period", "text", "source_text", "months", "task", "score"}))
      return;
    ProgressLine line;
    if (auto period = reader.required_text(value, where, "period")) {
      if (std::none_of(plan.periods.begin(), plan.periods.end(),
                       [&](const PeriodDefinition& p) { return p.name == *period; })) {
        const std::string names = list_period_names(plan.periods);
        reader.report(
            where + ".period", "unknown period \"" + *period + "\", expected one of " + names,
            meaning_of(plan_meaning::kUnknownPeriod, period_subjects(*period, plan.periods)));
      }
      line.period = std::move(*period);
    }
    line.text = reader.required_text(value, where, "text").value_or("");
    line.source_text = reader.optional_text(value, where, "source_text");
    reader.each(value, where, "months", [&](const json& month, const std::string& path) {
      if (!month.is_number_integer() || month.get<long long>() < 1 || month.get<long long>() > 12)
        reader.report(path, "expected a month from 1 to 12, got " + describe_json(month),
                      month.is_number_integer()
                          ? meaning_of(json_meaning::kIntegerRange, {"1", "12", month.dump()})
                          : meaning_of(json_meaning::kExpectedInteger, {describe_json(month)}));
      else
        line.months.push_back(date::month(month.get<unsigned>()));
    });
    line.task = reader.optional_text(value, where, "task");
    if (!line.task.empty() && plan.find_task(line.task) == nullptr)
      reader.report(where + ".task", "unknown task \"" + line.task + "\"",
                    meaning_of(plan_meaning::kUnknownTask, {line.task}));
    if (value.contains("score") && line.task.empty()) {
      reader.report(where + ".score", "a score is a match's, and this line names no task",
                    meaning_of(plan_meaning::kScoreNeedsTask));
    } else if (value.contains("score")) {
      if (const auto score = reader.number(value, where, "score");
          score && (*score < 0 || *score > 1))
        reader.report(where + ".score",
                      "expected a number from 0 to 1, got " + describe_json(value["score"]),
                      meaning_of(json_meaning::kNumberRange, {"0", "1", value["score"].dump()}));
      else if (score)
        line.score = *score;
    }
    plan.progress.push_back(std::move(line));
  });
}

void read_periods(Reader& reader, const json& document, Plan& plan) {
  const auto found = document.find("periods");
  if (found == document.end() || found->is_null()) return;
  std::vector<PeriodDefinition> periods;
  bool good = true;
  reader.each(document, "plan", "periods", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where, {"name", "first_month", "last_month"})) {
      good = false;
      return;
    }
    const auto name = reader.required_text(value, where, "name");
    const auto first = reader.integer(value, where, "first_month", true, 1, 12);
    const auto last = reader.integer(value, where, "last_month", true, 1, 12);
    if (!name || !first || !last) {
      good = false;
      return;
    }
    periods.push_back({*name, date::month(static_cast<unsigned>(*first)),
                       date::month(static_cast<unsigned>(*last))});
  });
  if (!found->is_array()) return;
  if (!good) return;
  if (const std::optional<Error> problem = validate_periods(periods, plan.fiscal_year_start)) {
    reader.report("plan.periods", *problem);
    return;
  }
  plan.periods = std::move(periods);
}

}  // namespace

Result<Plan, Diagnostics> read_plan_json(std::string_view text) {
  const auto document = parse_json_document(text, "plan");
  if (!document) return document.error();
  return read_plan_document(*document);
}

namespace {

void check_format_version(Reader& reader, const json& document) {
  if (const auto version = reader.integer(document, "plan", "format_version", false, 1, 1000);
      version && *version != kFormatVersion)
    reader.report("plan.format_version",
                  "this torikumi reads format_version " + std::to_string(kFormatVersion) +
                      ", got " + std::to_string(*version),
                  meaning_of(plan_meaning::kFormatVersion,
                             {std::to_string(kFormatVersion), std::to_string(*version)}));
}

// Reads the plan's id, its name and organisation, its initiative and the issues it addresses.
void read_identity(Reader& reader, const json& document, Plan& plan) {
  if (auto id = reader.required_text(document, "plan", "id")) {
    if (!is_valid_id(*id)) report_invalid_id(reader, "plan.id", *id);
    plan.id = std::move(*id);
  }
  if (const auto organisation = document.find("organisation"); organisation == document.end()) {
    reader.report("plan.organisation", "missing", meaning_of(json_meaning::kMissing));
  } else if (reader.expect_object(*organisation, "plan.organisation", {"name", "unit"})) {
    plan.organisation.name =
        reader.required_text(*organisation, "plan.organisation", "name").value_or("");
    plan.organisation.unit = reader.optional_text(*organisation, "plan.organisation", "unit");
  }
  plan.initiative = reader.required_text(document, "plan", "initiative").value_or("");
  reader.each(document, "plan", "issues", [&](const json& value, const std::string& where) {
    if (!value.is_string() || value.get<std::string>().empty())
      reader.report(where, "expected a non-empty string, got " + describe_json(value),
                    value.is_string()
                        ? meaning_of(json_meaning::kExpectedText, {""})
                        : meaning_of(json_meaning::kExpectedString, {describe_json(value)}));
    else
      plan.issues.push_back(value.get<std::string>());
  });
}

// Reads the fiscal year, the month it starts in, and the periods it is divided into; the
// periods are checked against the start month, so it is read first.
void read_fiscal_year(Reader& reader, const json& document, Plan& plan) {
  if (const auto year = reader.integer(document, "plan", "fiscal_year", false, 1949, 2099))
    plan.fiscal_year = static_cast<int>(*year);
  if (const auto start = reader.integer(document, "plan", "fiscal_year_start_month", false, 1, 12))
    plan.fiscal_year_start = date::month(static_cast<unsigned>(*start));
  read_periods(reader, document, plan);
}

// Reads what dates, announces and convenes the plan's occurrences: its time zone, meeting rule,
// business calendar, reminders, standing participants and meeting types.
void read_scheduling(Reader& reader, const json& document, Plan& plan) {
  if (const auto zone = reader.string(document, "plan", "time_zone", false, false)) {
    if (auto located = PlanZone::locate(*zone))
      plan.time_zone = std::move(*located);
    else
      reader.report("plan.time_zone", located.error());
  }
  if (const auto rule = document.find("meeting_rule"); rule != document.end() && !rule->is_null())
    plan.meeting_rule = read_meeting_rule(reader, *rule, "plan.meeting_rule");
  if (const auto calendar = document.find("business_calendar"); calendar != document.end())
    read_business_calendar(reader, *calendar, "plan.business_calendar", plan.business_calendar);
  if (const auto reminders = document.find("reminders");
      reminders != document.end() && !reminders->is_null()) {
    if (auto rules = read_reminder_rules(reader, *reminders, "plan.reminders"))
      plan.reminders = std::move(*rules);
  }
  if (const json* participants = reader.member(document, "participants");
      participants != nullptr && !participants->is_null())
    plan.participants = read_participants(reader, *participants, "plan.participants");
  if (const json* types = reader.member(document, "meeting_types");
      types != nullptr && !types->is_null())
    plan.meeting_types = read_meeting_types(reader, *types, "plan.meeting_types");
}

void read_measures(Reader& reader, const json& document, Plan& plan) {
  std::vector<std::pair<std::string, std::string>> measure_ids;
  reader.each(document, "plan", "measures", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where, {"id", "title", "description"})) return;
    Measure measure;
    if (auto id = reader.required_text(value, where, "id")) {
      if (!is_valid_id(*id)) report_invalid_id(reader, where + ".id", *id);
      measure_ids.emplace_back(*id, where);
      measure.id = std::move(*id);
    }
    measure.title = reader.required_text(value, where, "title").value_or("");
    measure.description = reader.optional_text(value, where, "description");
    plan.measures.push_back(std::move(measure));
  });
  check_unique_ids(reader, measure_ids);
}

void read_kpis(Reader& reader, const json& document, Plan& plan) {
  std::vector<std::pair<std::string, std::string>> kpi_ids;
  reader.each(document, "plan", "kpis", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where, {"id", "name", "unit", "baseline", "target"})) return;
    Kpi kpi;
    if (auto id = reader.required_text(value, where, "id")) {
      if (!is_valid_id(*id)) report_invalid_id(reader, where + ".id", *id);
      kpi_ids.emplace_back(*id, where);
      kpi.id = std::move(*id);
    }
    kpi.name = reader.required_text(value, where, "name").value_or("");
    kpi.unit = reader.optional_text(value, where, "unit");
    kpi.baseline = read_kpi_figure(reader, value, where, "baseline");
    kpi.target = read_kpi_figure(reader, value, where, "target");
    plan.kpis.push_back(std::move(kpi));
  });
  check_unique_ids(reader, kpi_ids);
}

// Reads the city plan and the SDG goals the plan contributes to.
void read_wider_goals(Reader& reader, const json& document, Plan& plan) {
  if (const auto city_plan = document.find("city_plan");
      city_plan != document.end() && !city_plan->is_null()) {
    if (reader.expect_object(*city_plan, "plan.city_plan", {"name", "policy"}))
      plan.city_plan = CityPlan{reader.optional_text(*city_plan, "plan.city_plan", "name"),
                                reader.optional_text(*city_plan, "plan.city_plan", "policy")};
  }
  reader.each(document, "plan", "sdg_goals", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where, {"number", "name"})) return;
    const auto number = reader.integer(value, where, "number", true, 1, 17);
    plan.sdg_goals.push_back(
        {static_cast<int>(number.value_or(0)), reader.optional_text(value, where, "name")});
  });
}

}  // namespace

// The steps go in the order of the diagnostics they report, and each reads what the later ones
// check against: periods before tasks and progress, measures before tasks, tasks before progress.
Result<Plan, Diagnostics> read_plan_document(const json& document) {
  Diagnostics diagnostics;
  Reader reader{diagnostics};
  Plan plan;
  if (!reader.expect_object(document, "plan",
                            {"format_version",
                             "id",
                             "organisation",
                             "initiative",
                             "issues",
                             "measures",
                             "tasks",
                             "progress",
                             "kpis",
                             "city_plan",
                             "sdg_goals",
                             "fiscal_year",
                             "fiscal_year_start_month",
                             "periods",
                             "time_zone",
                             "meeting_rule",
                             "business_calendar",
                             "reminders",
                             "participants",
                             "meeting_types"}))
    return diagnostics;
  check_format_version(reader, document);
  read_identity(reader, document, plan);
  read_fiscal_year(reader, document, plan);
  read_scheduling(reader, document, plan);
  read_measures(reader, document, plan);
  read_tasks(reader, document, plan);
  read_progress(reader, document, plan);
  read_kpis(reader, document, plan);
  read_wider_goals(reader, document, plan);
  if (!diagnostics.empty()) return diagnostics;
  return plan;
}

std::string format_time_of_day(std::chrono::minutes time) {
  const auto hours = time.count() / 60;
  const auto minutes = time.count() % 60;
  std::string text;
  text += static_cast<char>('0' + hours / 10);
  text += static_cast<char>('0' + hours % 10);
  text += ':';
  text += static_cast<char>('0' + minutes / 10);
  text += static_cast<char>('0' + minutes % 10);
  return text;
}

json meeting_rule_to_json(const MeetingRule& rule) {
  json value = json::object();
  if (const auto* nth = std::get_if<NthWeekday>(&rule.day)) {
    value["week"] = nth->n;
    value["weekday"] = kWeekdayNames[nth->weekday.c_encoding()];
  } else {
    value["day_of_month"] = std::get<DayOfMonth>(rule.day).day;
  }
  value["start"] = format_time_of_day(rule.start_time);
  value["duration_minutes"] = rule.duration.count();
  if (!rule.place.empty()) value["place"] = rule.place;
  // Written only when chosen, so plans written before the choice existed stay as they were.
  if (rule.on_closed_day != OnClosedDay::next_business_day)
    value["on_closed_day"] = to_string(rule.on_closed_day);
  return value;
}

namespace {

std::string format_month_day(date::month_day day) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u-%02u", static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

json kpi_figure_to_json(const KpiFigure& figure) {
  return {{"year", figure.year}, {"value", figure.value}};
}

}  // namespace

json plan_to_json(const Plan& plan) {
  json document = json::object();
  document["format_version"] = kFormatVersion;
  document["id"] = plan.id;
  document["organisation"] = {{"name", plan.organisation.name}};
  if (!plan.organisation.unit.empty()) document["organisation"]["unit"] = plan.organisation.unit;
  document["initiative"] = plan.initiative;
  if (plan.fiscal_year) document["fiscal_year"] = *plan.fiscal_year;
  document["fiscal_year_start_month"] = static_cast<unsigned>(plan.fiscal_year_start);
  json periods = json::array();
  for (const auto& period : plan.periods)
    periods.push_back({{"name", period.name},
                       {"first_month", static_cast<unsigned>(period.first_month)},
                       {"last_month", static_cast<unsigned>(period.last_month)}});
  document["periods"] = std::move(periods);
  document["time_zone"] = plan.time_zone.name();
  if (plan.meeting_rule) document["meeting_rule"] = meeting_rule_to_json(*plan.meeting_rule);
  json closed_days = json::array();
  for (const auto day : plan.business_calendar.extra_closed_days)
    closed_days.push_back(format_iso_date(day));
  document["business_calendar"] = {
      {"year_end_closure",
       {{"first", format_month_day(plan.business_calendar.closure.first)},
        {"last", format_month_day(plan.business_calendar.closure.last)}}},
      {"closed_days", std::move(closed_days)}};
  if (!plan.reminders.empty()) document["reminders"] = reminder_rules_to_json(plan.reminders);
  if (!plan.participants.empty())
    document["participants"] = participants_to_json(plan.participants);
  if (!plan.meeting_types.empty())
    document["meeting_types"] = meeting_types_to_json(plan.meeting_types);
  document["issues"] = plan.issues;
  json measures = json::array();
  for (const auto& measure : plan.measures) {
    json value = {{"id", measure.id}, {"title", measure.title}};
    if (!measure.description.empty()) value["description"] = measure.description;
    measures.push_back(std::move(value));
  }
  document["measures"] = std::move(measures);
  json tasks = json::array();
  for (const auto& task : plan.tasks) {
    json value = {{"id", task.id}, {"title", task.title}};
    if (!task.source_text.empty()) value["source_text"] = task.source_text;
    if (!task.period.empty()) value["period"] = task.period;
    if (!task.when_text.empty()) value["when"] = task.when_text;
    value["kind"] = std::string{to_string(task.kind)};
    if (!task.owner.empty()) value["owner"] = task.owner;
    if (!task.measure.empty()) value["measure"] = task.measure;
    if (!task.series.empty()) value["series"] = task.series;
    if (task.meeting_rule) value["meeting_rule"] = meeting_rule_to_json(*task.meeting_rule);
    if (!task.participants.empty()) value["participants"] = participants_to_json(task.participants);
    if (!task.meeting_type.empty()) value["meeting_type"] = task.meeting_type;
    tasks.push_back(std::move(value));
  }
  document["tasks"] = std::move(tasks);
  json progress = json::array();
  for (const auto& line : plan.progress) {
    json value = {{"period", line.period}, {"text", line.text}};
    if (!line.source_text.empty()) value["source_text"] = line.source_text;
    json months = json::array();
    for (const auto month : line.months) months.push_back(static_cast<unsigned>(month));
    value["months"] = std::move(months);
    if (!line.task.empty()) {
      value["task"] = line.task;
      value["score"] = line.score;
    }
    progress.push_back(std::move(value));
  }
  document["progress"] = std::move(progress);
  json kpis = json::array();
  for (const auto& kpi : plan.kpis) {
    json value = {{"id", kpi.id}, {"name", kpi.name}};
    if (!kpi.unit.empty()) value["unit"] = kpi.unit;
    if (kpi.baseline) value["baseline"] = kpi_figure_to_json(*kpi.baseline);
    if (kpi.target) value["target"] = kpi_figure_to_json(*kpi.target);
    kpis.push_back(std::move(value));
  }
  document["kpis"] = std::move(kpis);
  if (plan.city_plan)
    document["city_plan"] = {{"name", plan.city_plan->name}, {"policy", plan.city_plan->policy}};
  json goals = json::array();
  for (const auto& goal : plan.sdg_goals)
    goals.push_back({{"number", goal.number}, {"name", goal.name}});
  document["sdg_goals"] = std::move(goals);
  return document;
}

}  // namespace torikumi
