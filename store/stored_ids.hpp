#pragma once

// Ids that stay: a plan read again from a sheet takes the ids the store already has for what it
// holds (engine/sheet/sheet_ids.hpp's keep_stored_ids), for the CLI's imports and the server's
// uploads alike.

#include <optional>

#include "engine/base/result.hpp"
#include "engine/sheet/plan_source.hpp"
#include "store/store.hpp"

namespace torikumi::store {

// A sheet imported over a plan already stored keeps the ids the stored plan has for the same
// tasks, measures and KPIs (keep_stored_ids), so what was recorded against them, the feed's
// UIDs and the reminders sent stay attached: the stored plan is the one with the sheet's id
// (readable, or the one given by --id or an upload's path: PlanIdFrom::option), else, for a
// readable one, the one stored under the id sheets were given before ids were readable
// (legacy_plan_id: plan-2853493a). A JSON plan's ids are left as written. Fails only when the
// store cannot be read.
enum class PlanIdFrom { sheet, option };
Status keep_stored_sheet_ids(Store& store, LoadedPlan& loaded, PlanIdFrom plan_id);

// The stored plan that `loaded` replaces, read once: found as keep_stored_sheet_ids finds it,
// whose ids a sheet's plan then keeps; a JSON plan's by its id. Nullopt for a new plan; fails
// only when the store cannot be read.
Result<std::optional<StoredPlan>> load_replaced_plan(Store& store, LoadedPlan& loaded,
                                                     PlanIdFrom plan_id);

}  // namespace torikumi::store
