#include "engine/plan/plan_changes.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "engine/plan/plan_json.hpp"

namespace torikumi {

namespace {

using nlohmann::json;

// The names of the fields whose values differ, in alphabetical order (plan_to_json writes its
// objects' keys so).
std::vector<std::string> differing_fields(const json& before, const json& after,
                                          std::initializer_list<std::string_view> skipped) {
  const auto is_skipped = [&](const std::string& key) {
    for (std::string_view name : skipped)
      if (key == name) return true;
    return false;
  };
  std::set<std::string> fields;
  for (const auto& [key, value] : after.items()) {
    const auto found = before.find(key);
    if (!is_skipped(key) && (found == before.end() || *found != value)) fields.insert(key);
  }
  for (const auto& [key, value] : before.items())
    if (!is_skipped(key) && !after.contains(key)) fields.insert(key);
  return {fields.begin(), fields.end()};
}

const json* task_with_id(const json& tasks, const std::string& id) {
  for (const json& task : tasks)
    if (task.value("id", "") == id) return &task;
  return nullptr;
}

}  // namespace

PlanChanges compare_plans(const Plan& before, const Plan& after) {
  const json old_plan = plan_to_json(before);
  const json new_plan = plan_to_json(after);
  PlanChanges changes;
  changes.plan_fields = differing_fields(old_plan, new_plan, {"tasks"});
  const json empty = json::array();
  const json& old_tasks = old_plan.contains("tasks") ? old_plan["tasks"] : empty;
  const json& new_tasks = new_plan.contains("tasks") ? new_plan["tasks"] : empty;
  for (const json& task : old_tasks) {
    const std::string id = task.value("id", "");
    if (!task_with_id(new_tasks, id))
      changes.tasks.push_back({TaskChangeKind::removed, id, task.value("title", ""), {}});
  }
  for (const json& task : new_tasks) {
    const std::string id = task.value("id", "");
    const json* old_task = task_with_id(old_tasks, id);
    if (!old_task) {
      changes.tasks.push_back({TaskChangeKind::added, id, task.value("title", ""), {}});
      continue;
    }
    auto fields = differing_fields(*old_task, task, {"id"});
    if (!fields.empty())
      changes.tasks.push_back(
          {TaskChangeKind::changed, id, task.value("title", ""), std::move(fields)});
  }
  return changes;
}

std::string joined_fields(const std::vector<std::string>& fields) {
  std::string text;
  for (const std::string& field : fields) text += (text.empty() ? "" : ", ") + field;
  return text;
}

}  // namespace torikumi
