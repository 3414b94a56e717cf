#pragma once

// What the dashboard and the API do to a plan itself: take a plan's bytes (a sheet as text or
// .xlsx, or plan JSON), show what storing them would change, and store them; and edit what a
// sheet cannot say (a task's schedule, owner, kind and meeting rule, the plan's meeting rule).
// Every change is validated exactly as the importer validates (read_plan_source for bytes,
// read_plan_document for an edit), stored as a new revision with an audit entry, and may name
// the revision it was made against, so that a change made meanwhile is not overwritten unseen.
// docs/api.md lists the routes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/plan/plan_changes.hpp"
#include "engine/sheet/plan_source.hpp"
#include "http/api/writes.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/transport/http_error.hpp"
#include "store/store.hpp"

namespace torikumi::http {

// The largest plan file taken: sheets are a few tens of kilobytes, their workbooks too; the
// dashboard's preview carries the file back to be saved, in a form under the body limit.
inline constexpr std::size_t kMaxPlanFileBytes = 512 * 1024;

// A plan's bytes, and how to take them.
struct PlanUpload {
  std::string_view bytes;
  std::string name;  // the file's name, locating the sheet's warnings (higashi.txt:14)
  // The plan it must be (PUT /api/plans/<id>): a sheet's plan takes this id; a JSON plan must
  // have it.
  std::optional<std::string> plan_id{};
  std::optional<int> expected_revision{};  // 0: a new plan (POST)
  bool lenient = false;                    // store a sheet whose schedules are refused
};

// What taking a plan did, or would do.
struct PlanIntake {
  LoadedPlan loaded;
  std::optional<Plan> stored;  // the latest revision before, when there was one
  PlanChanges changes;         // against it
  store::ImportSummary summary;
  std::size_t refused = 0;  // the sheet's schedules refused (SheetWarningKind::schedule_refused)
};

// Reads the bytes, then imports them as `mode` says: previewed (nothing kept) or written and the
// plan's snapshot refreshed. Errors: the bytes are no plan (422, every diagnostic, one a line,
// `higashi.txt: not a 重要取組シート: …`), too large (413), schedules refused when writing
// without lenient (422), a JSON plan whose id is not the path's (422), another revision than
// expected (409), the plan exists for a POST (409).
Result<PlanIntake, HttpError> take_plan(StorePlanCatalog& catalog, const PlanUpload& upload,
                                        const store::Actor& actor, store::ImportMode mode);

// The API's answer to a take: {"plan", "revision", "previous_revision", "new_revision",
// "warnings": [{"where", "message", "kind"}], "changes": {"plan": [...], "tasks": [{"task",
// "title", "change", "fields"}]}, "orphaned": [{"occurrence", "task", "status", "completions"}],
// "revived": [...], "occurrences": {"added", "changed", "orphaned", "revived"}}.
nlohmann::json intake_document(const PlanIntake& intake);

// The fields of a task an edit may set, as plan JSON names them: "when", "kind", "owner",
// "meeting_rule" (an object as plan JSON writes it, or its text, 第2水曜日 14:00 90分 会議室;
// null or "" removes it). A null or empty when/owner removes it.
inline constexpr std::string_view kEditableTaskFields[] = {"when", "kind", "owner", "meeting_rule"};

// PATCH /api/plans/<plan>/tasks/<task>: sets the fields given, validates the plan as the importer
// does, and stores it as a revision ("plan edit"). Answers {"plan", "revision", "task": the task
// as plan JSON writes it, "changed": [fields]}; a change that changes nothing is no revision.
WriteResult edit_task(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view task_id,
                      const nlohmann::json& fields, const store::Actor& actor,
                      std::optional<int> expected_revision);

// PATCH /api/plans/<plan> {"meeting_rule"}: the plan's meeting rule, as for a task.
WriteResult edit_plan(StorePlanCatalog& catalog, std::string_view plan_id,
                      const nlohmann::json& fields, const store::Actor& actor,
                      std::optional<int> expected_revision);

// POST /api/plans/<plan>/warnings/acknowledge: the open warnings dealt with.
WriteResult acknowledge_warnings(StorePlanCatalog& catalog, std::string_view plan_id,
                                 const store::Actor& actor);

// The expected revision a request names (?revision=N, or a form's field): nullopt when absent;
// bad_request unless a whole number from 0.
Result<std::optional<int>, HttpError> expected_revision_of(std::string_view text);

}  // namespace torikumi::http
