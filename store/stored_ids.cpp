#include "store/stored_ids.hpp"

#include "engine/sheet/sheet_ids.hpp"

namespace torikumi::store {

Status keep_stored_sheet_ids(Store& store, LoadedPlan& loaded, PlanIdFrom plan_id) {
  if (!loaded.from_sheet) return {};
  std::vector<std::string> candidates{loaded.plan.id};
  if (plan_id == PlanIdFrom::sheet) candidates.push_back(legacy_plan_id(loaded.plan));
  for (const std::string& id : candidates) {
    auto stored = store.load_plan(id);
    if (!stored && stored.error().code == ErrorCode::not_found) continue;
    if (!stored) return stored.error();
    torikumi::keep_stored_ids(loaded.plan, stored->plan);
    return {};
  }
  return {};
}

}  // namespace torikumi::store
