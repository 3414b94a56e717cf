#include "http/catalog/plan_catalog.hpp"

#include <algorithm>

#include "engine/progress/progress_marks.hpp"

namespace torikumi::http {

Result<SnapshotPointer> snapshot_from_plan(Plan plan, date::year year, std::uint64_t revision,
                                           date::sys_seconds changed_at) {
  auto snapshot = std::make_shared<PlanSnapshot>();
  snapshot->plan = std::make_unique<const Plan>(std::move(plan));
  auto expansion = expand_plan(*snapshot->plan, year);
  if (!expansion) return expansion.error();
  snapshot->expansion = std::move(*expansion);
  const ProgressMarks marks = mark_progress(*snapshot->plan, snapshot->expansion);
  snapshot->recorded = recorded_state_from_marks(*snapshot->plan, snapshot->expansion, marks);
  snapshot->feed_states =
      calendars::states_from_progress(*snapshot->plan, snapshot->expansion, marks);
  snapshot->revision = revision;
  snapshot->changed_at = changed_at;
  return SnapshotPointer{std::move(snapshot)};
}

Result<SnapshotPointer> snapshot_from_record(Plan plan, date::year year, RecordedState recorded,
                                             std::uint64_t revision, date::sys_seconds changed_at) {
  auto snapshot = std::make_shared<PlanSnapshot>();
  snapshot->plan = std::make_unique<const Plan>(std::move(plan));
  if (Status expanded = expand_with_record(*snapshot, year, std::move(recorded)); !expanded)
    return expanded.error();
  snapshot->revision = revision;
  snapshot->changed_at = changed_at;
  return SnapshotPointer{std::move(snapshot)};
}

Status expand_with_record(PlanSnapshot& snapshot, date::year year, RecordedState recorded) {
  auto expansion = expand_plan(*snapshot.plan, year);
  if (!expansion) return expansion.error();
  snapshot.expansion = std::move(*expansion);
  snapshot.recorded = std::move(recorded);
  apply_schedule_overrides(snapshot.expansion, snapshot.recorded);
  snapshot.feed_states =
      calendars::states_from_record(*snapshot.plan, snapshot.expansion, snapshot.recorded);
  return {};
}

Result<std::unique_ptr<MemoryPlanCatalog>> MemoryPlanCatalog::create(
    std::vector<SnapshotPointer> snapshots) {
  std::sort(
      snapshots.begin(), snapshots.end(),
      [](const SnapshotPointer& a, const SnapshotPointer& b) { return a->plan->id < b->plan->id; });
  for (std::size_t i = 1; i < snapshots.size(); ++i) {
    if (snapshots[i]->plan->id == snapshots[i - 1]->plan->id)
      return Error{"two plans have the id \"" + snapshots[i]->plan->id + "\""};
  }
  return std::unique_ptr<MemoryPlanCatalog>{new MemoryPlanCatalog{std::move(snapshots)}};
}

SnapshotPointer MemoryPlanCatalog::find(std::string_view plan_id,
                                        std::optional<int> fiscal_year) const {
  const auto found = std::lower_bound(
      snapshots_.begin(), snapshots_.end(), plan_id,
      [](const SnapshotPointer& s, std::string_view id) { return s->plan->id < id; });
  if (found == snapshots_.end() || (*found)->plan->id != plan_id) return nullptr;
  const PlanSnapshot& current = **found;
  if (!fiscal_year || date::year{*fiscal_year} == current.expansion.fiscal_year.year())
    return *found;
  if (*fiscal_year < 1949 || *fiscal_year > 2099) return nullptr;
  // Another year of a file plan: expanded on demand, not kept.
  auto other = snapshot_from_plan(*current.plan, date::year{*fiscal_year}, current.revision,
                                  current.changed_at);
  return other ? *other : nullptr;
}

}  // namespace torikumi::http
