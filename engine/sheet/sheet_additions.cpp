#include "engine/sheet/sheet_additions.hpp"

#include <string>

#include "engine/base/json_reader.hpp"
#include "engine/plan/meeting_rule_text.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_warnings.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

using nlohmann::json;

void read_owners(const json& owners, SheetAdditions& additions, Diagnostics& problems) {
  if (!owners.is_object()) {
    problems.push_back({"owners", "expected an object of KEY: 担当, got " + describe_json(owners)});
    return;
  }
  for (const auto& [key, owner] : owners.items()) {
    if (!owner.is_string() || trim_spaces(owner.get<std::string>()).empty()) {
      problems.push_back({"owners." + in_quotes(key),
                          "expected the 担当 as a non-empty string, got " + describe_json(owner)});
      continue;
    }
    additions.owners.push_back(
        {key, std::string(trim_spaces(owner.get<std::string>())), "owners." + in_quotes(key)});
  }
}

// The tasks and measures a key could have named, for the error when it names none.
std::string candidates_of(const Plan& plan) {
  std::string tasks;
  for (const Task& task : plan.tasks)
    tasks += (tasks.empty() ? "" : ", ") + task.id + " " + quoted_excerpt(task.title);
  std::string text = "tasks: " + (tasks.empty() ? std::string{"none"} : tasks);
  if (plan.measures.empty()) return text;
  std::string measures;
  for (const Measure& measure : plan.measures)
    measures += (measures.empty() ? "" : ", ") + measure.id + " " + quoted_excerpt(measure.title);
  return text + "; measures: " + measures;
}

std::vector<std::size_t> tasks_where(const Plan& plan, auto&& matches) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < plan.tasks.size(); ++i)
    if (matches(plan.tasks[i])) found.push_back(i);
  return found;
}

}  // namespace

Result<SheetAdditions, Diagnostics> read_sheet_additions_json(std::string_view text) {
  auto document = parse_json_document(text, "");
  if (!document) return document.error();
  if (!document->is_object())
    return Diagnostics{
        {"", "expected an object with meeting_rule and owners, got " + describe_json(*document)}};
  SheetAdditions additions;
  Diagnostics problems;
  for (const auto& [key, value] : document->items()) {
    if (key == "owners") {
      read_owners(value, additions, problems);
    } else if (key == "meeting_rule") {
      if (!value.is_string()) {
        problems.push_back(
            {key, "expected a text such as \"第2水曜日 14:00 90分 3階会議室\", got " +
                      describe_json(value)});
        continue;
      }
      auto rule = parse_meeting_rule_text(value.get<std::string>());
      if (rule)
        additions.meeting_rule = std::move(*rule);
      else
        problems.push_back({key, rule.error().message});
    } else if (key == "on_closed_day") {
      const auto choice =
          value.is_string() ? parse_on_closed_day(value.get<std::string>()) : std::nullopt;
      if (choice) {
        additions.on_closed_day = choice;
        additions.on_closed_day_where = key;
      } else
        problems.push_back(
            {key, std::string(kOnClosedDayChoices) + ", got " + describe_json(value)});
    } else {
      problems.push_back({key, "unknown field: expected meeting_rule, on_closed_day or owners"});
    }
  }
  if (!problems.empty()) return problems;
  return additions;
}

SheetAdditions merge_additions(SheetAdditions first, const SheetAdditions& then) {
  if (then.meeting_rule) first.meeting_rule = then.meeting_rule;
  if (then.on_closed_day) {
    first.on_closed_day = then.on_closed_day;
    first.on_closed_day_where = then.on_closed_day_where;
  }
  first.owners.insert(first.owners.end(), then.owners.begin(), then.owners.end());
  return first;
}

Result<std::vector<std::size_t>> tasks_named_by(const Plan& plan, std::string_view key) {
  auto found = tasks_where(plan, [&](const Task& task) { return task.id == key; });
  if (!found.empty()) return found;
  const std::string wanted = text_key(key);
  if (wanted.empty()) return Error{"expected a task or measure before \"=\", got nothing"};
  found = tasks_where(plan, [&](const Task& task) { return text_key(task.title) == wanted; });
  if (!found.empty()) return found;
  const Measure* measure_named = nullptr;
  for (const Measure& measure : plan.measures) {
    if (measure.id != key && text_key(measure.title) != wanted) continue;
    measure_named = &measure;
    found = tasks_where(plan, [&](const Task& task) { return task.measure == measure.id; });
    if (!found.empty()) return found;
  }
  found = tasks_where(plan, [&](const Task& task) {
    return text_key(task.title).find(wanted) != std::string::npos;
  });
  if (!found.empty()) return found;
  if (measure_named != nullptr)
    return Error{"measure " + in_quotes(measure_named->title) + " (" + measure_named->id +
                 ") serves no task and no task title contains it: a sheet links no task to a "
                 "measure; give a task id, a task title or part of one; " +
                 candidates_of(plan)};
  return Error{"no task or measure matches " + in_quotes(key) +
               ": expected a task id, a task title or part of one, or a measure id or title; " +
               candidates_of(plan)};
}

Status apply_additions(Plan& plan, const SheetAdditions& additions) {
  if (additions.meeting_rule) plan.meeting_rule = additions.meeting_rule;
  if (additions.on_closed_day) {
    if (!plan.meeting_rule)
      return Error{additions.on_closed_day_where +
                   ": needs a meeting rule to go with: give --meeting-rule \"第2水曜日 14:00 "
                   "90分\" or the companion file's meeting_rule"};
    plan.meeting_rule->on_closed_day = *additions.on_closed_day;
  }
  for (const OwnerAssignment& assignment : additions.owners) {
    auto found = tasks_named_by(plan, assignment.key);
    if (!found) return Error{assignment.where + ": " + found.error().message};
    for (const std::size_t i : *found) plan.tasks[i].owner = assignment.owner;
  }
  return {};
}

SheetGaps gaps_of(const Plan& plan) {
  SheetGaps gaps;
  for (const Task& task : plan.tasks) {
    if (task.kind != TaskKind::next_year && task.owner.empty()) ++gaps.tasks_without_owner;
    if (task.kind == TaskKind::meeting && plan.meeting_rule_for(task) == nullptr)
      ++gaps.meetings_without_time;
  }
  return gaps;
}

}  // namespace torikumi
