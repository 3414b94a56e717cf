#pragma once

// Actions (宿題, engine/meetings/action.hpp) through the API; docs/api.md lists the routes:
//   GET    /api/occurrences/<id>/actions  the actions the meeting raised, and the open ones its
//                                         earlier occurrences raised (on its agenda until done)
//   POST   /api/occurrences/<id>/actions  {"what", "owner", "due", "item"?} raises one
//   GET    /api/plans/<id>/actions        the plan's year of actions, by due day
//   PATCH  /api/actions/<n>               {"done": true} done, {"done": false} open again
//   DELETE /api/actions/<n>
// An action the caller may not see (raised from an item for named agencies) is withheld: its
// number, meeting, owner and due day only; changing it is 403. Reads need a token; writes an
// editor's. Every write refreshes the plan: its progress counts and feeds follow at once.

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/meetings/action.hpp"
#include "http/api/writes.hpp"

namespace torikumi::http {

// {"occurrence", "actions": [...], "open_before": [...]}; 404 for an occurrence that is no
// meeting of a stored plan.
WriteResult actions_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                             const AgendaReader& reader);
// {"plan", "fiscal_year", "actions": [...]}.
WriteResult plan_actions_document(StorePlanCatalog& catalog, std::string_view plan_id,
                                  const AgendaReader& reader);
// {"action": {...}}. Raising one from an item `reader` may not see is 403.
WriteResult raise_action(StorePlanCatalog& catalog, std::string_view occurrence_id,
                         const nlohmann::json& fields, const AgendaReader& reader,
                         const store::Actor& actor);
WriteResult change_action(StorePlanCatalog& catalog, std::string_view action_id,
                          const nlohmann::json& fields, const AgendaReader& reader,
                          const store::Actor& actor);
// {"action": {...}, "removed": true}.
WriteResult remove_action(StorePlanCatalog& catalog, std::string_view action_id,
                          const AgendaReader& reader, const store::Actor& actor);

}  // namespace torikumi::http
