#pragma once

// What the API's and the dashboard's writes do: the request's fields (a JSON body, or a form's
// fields as strings) read into a store request, checked against the occurrence's state so that
// the answer's status says what was wrong (404 unknown, 409 conflicting with its state, 422 not
// acceptable), written in one transaction, and the plan's snapshot refreshed so its feeds and
// pages change at once. docs/api.md lists the routes.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/transport/http_error.hpp"
#include "store/store.hpp"

namespace torikumi::http {

// What a write answers: the changed occurrence (as in the occurrences list) or entry, and the
// store's warnings (`done before its window opens`).
using WriteResult = Result<nlohmann::json, HttpError>;

// Reads a request body: an object, else bad_request (`body: expected a JSON object`).
Result<nlohmann::json, HttpError> parse_body(std::string_view body);

// A body that reads into no value: 422 with each problem ("where: message", joined by "; ").
HttpError unreadable_body(const Diagnostics& diagnostics);

// The stored plan's meeting occurrence of that id, with the snapshot it is in: 404
// `no meeting "x"` for anything else.
Result<std::pair<SnapshotPointer, const Occurrence*>, HttpError> meeting_of(
    const StorePlanCatalog& catalog, std::string_view occurrence_id);

// POST /api/occurrences/<id>/completion {"note"?, "completed_at"?}
WriteResult complete_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                                const nlohmann::json& fields, const store::Actor& actor);
// DELETE /api/occurrences/<id>/completion: takes back a done, skip or cancel.
WriteResult undo_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const store::Actor& actor);
// POST /api/occurrences/<id>/skip or /cancel {"reason"}
WriteResult drop_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            OccurrenceStatus status, const nlohmann::json& fields,
                            const store::Actor& actor);
// POST /api/occurrences/<id>/schedule {"start", "end"?, "place"?}
WriteResult schedule_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                                const nlohmann::json& fields, const store::Actor& actor);
// POST /api/plans/<plan>/tasks/<task>/activity {"at"?, "note"?}: an as-needed (随時) task's log.
WriteResult log_activity(StorePlanCatalog& catalog, std::string_view plan_id,
                         std::string_view task_id, const nlohmann::json& fields,
                         const store::Actor& actor);
// POST /api/plans/<plan>/notes {"period", "text", "task"?, "fiscal_year"?}: a 進捗の状況 line;
// the answer carries its id.
WriteResult write_note(StorePlanCatalog& catalog, std::string_view plan_id,
                       const nlohmann::json& fields, const store::Actor& actor);
// PUT /api/plans/<plan>/notes/<id> {"text"}: a note's new text; the answer is the note.
WriteResult edit_note(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view note_id,
                      const nlohmann::json& fields, const store::Actor& actor);
// DELETE /api/plans/<plan>/notes/<id>: the answer is the note as it was, with "deleted": true.
WriteResult delete_note(StorePlanCatalog& catalog, std::string_view plan_id,
                        std::string_view note_id, const store::Actor& actor);
// PUT /api/plans/<plan>/kpis/<kpi>/<year> {"value"}
WriteResult set_kpi(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view kpi_id,
                    std::string_view year, const nlohmann::json& fields, const store::Actor& actor);

// GET /api/plans/<plan>/kpis: the values recorded, by KPI and year.
WriteResult kpi_document(StorePlanCatalog& catalog, std::string_view plan_id);
// GET /api/history[?subject=]: the audit log, newest first, at most `limit` entries. The
// entries of the directory, agencies, tokens and subscriptions hold addresses: withheld from a
// viewer, their before and after are null and "withheld" is true.
WriteResult history_document(StorePlanCatalog& catalog, std::optional<std::string> subject,
                             std::size_t limit, PersonalData personal_data);

}  // namespace torikumi::http
