#include "store/stored_ids.hpp"

#include "engine/sheet/sheet_ids.hpp"

namespace torikumi::store {

Status keep_stored_sheet_ids(Store& store, LoadedPlan& loaded, PlanIdFrom plan_id) {
  if (!loaded.from_sheet) return {};
  if (auto replaced = load_replaced_plan(store, loaded, plan_id); !replaced)
    return replaced.error();
  return {};
}

Result<std::optional<StoredPlan>> load_replaced_plan(Store& store, LoadedPlan& loaded,
                                                     PlanIdFrom plan_id) {
  std::vector<std::string> candidates{loaded.plan.id};
  if (loaded.from_sheet && plan_id == PlanIdFrom::sheet)
    candidates.push_back(legacy_plan_id(loaded.plan));
  for (const std::string& id : candidates) {
    auto stored = store.load_plan(id);
    if (!stored && stored.error().code == ErrorCode::not_found) continue;
    if (!stored) return stored.error();
    if (loaded.from_sheet) torikumi::keep_stored_ids(loaded.plan, stored->plan);
    return std::optional<StoredPlan>{std::move(*stored)};
  }
  return std::optional<StoredPlan>{};
}

}  // namespace torikumi::store
