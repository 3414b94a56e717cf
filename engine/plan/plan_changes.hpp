#pragma once

// What differs between two revisions of a plan, task by task, in the plan format's own words
// (docs/plan-format.md): what an upload's preview and an edit's audit entry say changed.

#include <string>
#include <vector>

#include "engine/plan/plan.hpp"

namespace torikumi {

enum class TaskChangeKind { added, removed, changed };

// One task's difference, by its id.
struct TaskChange {
  TaskChangeKind kind = TaskChangeKind::changed;
  std::string task;
  std::string title;  // the new title; the old one for a removed task
  // For a changed task, the plan format's names of the fields that differ, in alphabetical
  // order: "kind", "meeting_rule", "owner", "title", "when", ...
  std::vector<std::string> fields;
  bool operator==(const TaskChange&) const = default;
};

struct PlanChanges {
  // The plan's own fields that differ (not its tasks), in alphabetical order: "initiative",
  // "measures", "meeting_rule", "progress", ...
  std::vector<std::string> plan_fields;
  std::vector<TaskChange> tasks;  // the removed in the old order, then the rest in the new order
  bool empty() const { return plan_fields.empty() && tasks.empty(); }
};

// What `after` changes of `before`. Tasks are matched by id, so a task whose id changed is one
// removed and one added.
PlanChanges compare_plans(const Plan& before, const Plan& after);

// "owner, when": a changed task's fields, joined.
std::string joined_fields(const std::vector<std::string>& fields);

}  // namespace torikumi
