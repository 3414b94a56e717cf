#pragma once

// The JSON API's reads under /api/, as pure functions of the catalog and the request's parameters:
// what a handler answers, or the error it answers with (writes: http/api/writes.hpp). docs/api.md
// documents it.

#include <date/date.h>

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/recorded_state.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http {

// A query string's parameters, decoded; a name given twice keeps its first value.
using QueryParameters = std::multimap<std::string, std::string>;

// The filters of /api/plans/<id>/occurrences. Each unset one lets everything through.
struct OccurrenceQuery {
  std::optional<int> fiscal_year;     // fy=2026
  std::optional<std::string> period;  // period=中期: occurrences whose window overlaps it
  // status=planned|scheduled|done|skipped|cancelled, or overdue (due before today, not done,
  // skipped or cancelled).
  std::optional<std::string> status;
  std::optional<std::string> owner;  // owner=NAME: exactly the task's 担当
  std::optional<TaskKind> kind;      // kind=meeting|campaign|deliverable|as-needed|next-year
  bool operator==(const OccurrenceQuery&) const = default;
};

// Reads the filters; a bad value is bad_request naming the parameter and what it expected:
// `fy: expected a year from 1949 to 2099, got "20x6"`. Unknown parameters are ignored.
Result<OccurrenceQuery, HttpError> parse_occurrence_query(const QueryParameters& parameters);

// GET /api/plans: [{"id", "organisation", "unit", "initiative", "fiscal_year", "revision",
// "links": {...}}], by id.
nlohmann::json plans_to_json(const PlanCatalog& catalog);

// GET /api/plans/<id>[?fy=]: the plan in its file format (docs/plan-format.md) plus
// "fiscal_year_shown", "revision" and "links".
Result<nlohmann::json, HttpError> plan_document(const PlanCatalog& catalog,
                                                const std::string& plan_id,
                                                const QueryParameters& parameters);

// GET /api/plans/<id>/occurrences: {"plan", "fiscal_year", "revision", "occurrences": [...]},
// each occurrence as `torikumi expand --json` prints it. `today` decides what is overdue.
Result<nlohmann::json, HttpError> occurrences_document(const PlanCatalog& catalog,
                                                       const std::string& plan_id,
                                                       const QueryParameters& parameters,
                                                       date::sys_days today);

// GET /api/plans/<id>/progress[?fy=&as_of=YYYY-MM-DD]: each period's progress as of a day
// (default today), as `torikumi progress --json` prints it.
Result<nlohmann::json, HttpError> progress_document(const PlanCatalog& catalog,
                                                    const std::string& plan_id,
                                                    const QueryParameters& parameters,
                                                    date::sys_days today);

// The `limit` parameter of a list (history, deliveries): 1 to 10,000, else `fallback` when absent;
// bad_request otherwise: `limit: expected 1 to 10000, got "0"`.
Result<std::size_t, HttpError> limit_parameter(const QueryParameters& parameters,
                                               std::size_t fallback);

}  // namespace torikumi::http
