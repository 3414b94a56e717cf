#pragma once

// A meeting occurrence's agenda (engine/meetings/agenda.hpp) through the API; docs/api.md lists
// the routes:
//   GET    /api/occurrences/<id>/agenda  the items in order; one the caller may not see is
//                                        withheld (its place and visibility only)
//   POST   /api/occurrences/<id>/agenda  {"title", "presenter"?, "minutes"?, "visibility"?,
//                                        "agencies"?} adds an item at the end; {"carry": N}
//                                        carries item N of an earlier occurrence over
//   PATCH  /api/agenda/<item>            any of those fields, and "position" to move it
//   DELETE /api/agenda/<item>
// Reads need a token; writes an editor's. The store settles and audits every write.

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/meetings/agenda.hpp"
#include "http/api/writes.hpp"

namespace torikumi::http {

// {"occurrence", "meeting_type", "items": [...], "open_actions": [...]}: the open actions the
// meeting's earlier occurrences raised stay on its agenda until done; 404 for an occurrence that is
// no meeting of a stored plan.
WriteResult agenda_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const AgendaReader& reader);
// GET /api/occurrences/<id>/minutes: {"occurrence", "attendance": {"agencies", "people"} | null,
// "versions": [{"version", "state", "reason", "approved_at", "approved_by", "outcomes": [{"item",
// "position", "title", "outcome"} or {"item", "position", "withheld": true}]}]}. The restricted
// outcomes shown are recorded in the audit log as seen by `viewer` ("restricted view").
WriteResult minutes_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                             const AgendaReader& reader, const store::Actor& viewer);
// {"item": {...}}.
// A carry-over, a change or a removal of an item `reader` may not see is 403.
WriteResult add_agenda_item(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const nlohmann::json& fields, const AgendaReader& reader,
                            const store::Actor& actor);
WriteResult change_agenda_item(StorePlanCatalog& catalog, std::string_view item_id,
                               const nlohmann::json& fields, const AgendaReader& reader,
                               const store::Actor& actor);
// {"item": {...}, "removed": true}.
WriteResult remove_agenda_item(StorePlanCatalog& catalog, std::string_view item_id,
                               const AgendaReader& reader, const store::Actor& actor);

}  // namespace torikumi::http
