#include "http/api/api.hpp"

#include <date/tz.h>

#include <charconv>

#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/occurrence_json.hpp"
#include "engine/progress/period_progress.hpp"
#include "engine/progress/progress_marks.hpp"
#include "http/contract/limits.hpp"

namespace torikumi::http {

namespace {

std::optional<std::string> parameter(const QueryParameters& parameters, const std::string& name) {
  const auto found = parameters.find(name);
  if (found == parameters.end()) return std::nullopt;
  return found->second;
}

Result<std::optional<int>, HttpError> fiscal_year_parameter(const QueryParameters& parameters) {
  const auto text = parameter(parameters, "fy");
  if (!text) return std::optional<int>{};
  int year = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (error != std::errc{} || end != text->data() + text->size() || year < 1949 || year > 2099)
    return HttpError{ErrorKind::bad_request,
                     "fy: expected a year from 1949 to 2099, got \"" + *text + "\""};
  return std::optional<int>{year};
}

Result<SnapshotPointer, HttpError> find_plan(const PlanCatalog& catalog, const std::string& plan_id,
                                             std::optional<int> fiscal_year) {
  auto snapshot = catalog.find(plan_id, fiscal_year);
  if (!snapshot) return HttpError{ErrorKind::not_found, "no plan \"" + plan_id + "\""};
  return snapshot;
}

nlohmann::json plan_links(const std::string& plan_id) {
  return {{"self", "/api/plans/" + plan_id},
          {"occurrences", "/api/plans/" + plan_id + "/occurrences"},
          {"progress", "/api/plans/" + plan_id + "/progress"},
          {"feed", "/calendars/" + plan_id + ".ics"},
          {"dashboard", "/plans/" + plan_id},
          {"form", "/plans/" + plan_id + "/form"}};
}

}  // namespace

Result<std::size_t, HttpError> limit_parameter(const QueryParameters& parameters,
                                               std::size_t fallback) {
  const auto text = parameter(parameters, "limit");
  if (!text) return fallback;
  std::size_t limit = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc{} || end != text->data() + text->size() || limit == 0 ||
      limit > limits::kMaxHistoryEntries)
    return HttpError{ErrorKind::bad_request, "limit: expected 1 to " +
                                                 std::to_string(limits::kMaxHistoryEntries) +
                                                 ", got \"" + *text + "\""};
  return limit;
}

Result<OccurrenceQuery, HttpError> parse_occurrence_query(const QueryParameters& parameters) {
  OccurrenceQuery query;
  auto year = fiscal_year_parameter(parameters);
  if (!year) return year.error();
  query.fiscal_year = *year;
  query.period = parameter(parameters, "period");
  query.owner = parameter(parameters, "owner");
  if (auto status = parameter(parameters, "status")) {
    if (*status != "overdue" && !parse_occurrence_status(*status))
      return HttpError{
          ErrorKind::bad_request,
          "status: expected planned, scheduled, done, skipped, cancelled or overdue, got \"" +
              *status + "\""};
    query.status = std::move(*status);
  }
  if (const auto kind = parameter(parameters, "kind")) {
    query.kind = parse_task_kind(*kind);
    if (!query.kind)
      return HttpError{
          ErrorKind::bad_request,
          "kind: expected meeting, campaign, deliverable, as-needed or next-year, got \"" + *kind +
              "\""};
  }
  return query;
}

nlohmann::json plans_to_json(const PlanCatalog& catalog) {
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& snapshot : catalog.plans()) {
    const Plan& plan = *snapshot->plan;
    plans.push_back({{"id", plan.id},
                     {"organisation", plan.organisation.name},
                     {"unit", plan.organisation.unit},
                     {"initiative", plan.initiative},
                     {"fiscal_year", static_cast<int>(snapshot->expansion.fiscal_year.year())},
                     {"revision", snapshot->revision},
                     {"links", plan_links(plan.id)}});
  }
  return plans;
}

Result<nlohmann::json, HttpError> plan_document(const PlanCatalog& catalog,
                                                const std::string& plan_id,
                                                const QueryParameters& parameters) {
  const auto year = fiscal_year_parameter(parameters);
  if (!year) return year.error();
  const auto snapshot = find_plan(catalog, plan_id, *year);
  if (!snapshot) return snapshot.error();
  nlohmann::json document = plan_to_json(*(*snapshot)->plan);
  document["fiscal_year_shown"] = static_cast<int>((*snapshot)->expansion.fiscal_year.year());
  document["revision"] = (*snapshot)->revision;
  document["links"] = plan_links(plan_id);
  return document;
}

Result<nlohmann::json, HttpError> occurrences_document(const PlanCatalog& catalog,
                                                       const std::string& plan_id,
                                                       const QueryParameters& parameters,
                                                       date::sys_days today) {
  const auto query = parse_occurrence_query(parameters);
  if (!query) return query.error();
  const auto found = find_plan(catalog, plan_id, query->fiscal_year);
  if (!found) return found.error();
  const PlanSnapshot& snapshot = **found;
  const Plan& plan = *snapshot.plan;
  std::uint32_t period_mask = ~std::uint32_t{0};
  if (query->period) {
    const std::size_t index = period_index(plan, *query->period);
    if (index == plan.periods.size() || index >= 32) {
      const std::string names = list_period_names(plan.periods);
      return HttpError{ErrorKind::bad_request,
                       "period: expected one of " + names + ", got \"" + *query->period + "\""};
    }
    period_mask = std::uint32_t{1} << index;
  }
  nlohmann::json occurrences = nlohmann::json::array();
  for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
    if ((occurrence.periods & period_mask) == 0) continue;
    if (query->owner && occurrence.task->owner != *query->owner) continue;
    if (query->kind && occurrence.task->kind != *query->kind) continue;
    const OccurrenceRecord* record = snapshot.recorded.find(occurrence.id);
    const OccurrenceStatus status = record ? record->status : OccurrenceStatus::planned;
    if (query->status) {
      const bool wanted = *query->status == "overdue" ? is_overdue(occurrence, status, today)
                                                      : to_string(status) == *query->status;
      if (!wanted) continue;
    }
    nlohmann::json item = occurrence_to_json(plan, snapshot.expansion, occurrence, record);
    item["overdue"] = is_overdue(occurrence, status, today);
    occurrences.push_back(std::move(item));
  }
  return nlohmann::json{{"plan", plan.id},
                        {"fiscal_year", static_cast<int>(snapshot.expansion.fiscal_year.year())},
                        {"revision", snapshot.revision},
                        {"today", format_iso_date(today)},
                        {"occurrences", std::move(occurrences)}};
}

Result<nlohmann::json, HttpError> progress_document(const PlanCatalog& catalog,
                                                    const std::string& plan_id,
                                                    const QueryParameters& parameters,
                                                    date::sys_days today) {
  const auto year = fiscal_year_parameter(parameters);
  if (!year) return year.error();
  date::sys_days as_of = today;
  if (const auto text = parameter(parameters, "as_of")) {
    const auto day = parse_iso_date(*text);
    if (!day)
      return HttpError{ErrorKind::bad_request, "as_of: expected YYYY-MM-DD, got \"" + *text + "\""};
    as_of = *day;
  }
  const auto found = find_plan(catalog, plan_id, *year);
  if (!found) return found.error();
  const PlanSnapshot& snapshot = **found;
  nlohmann::json document = progress_to_json(
      compute_period_progress(*snapshot.plan, snapshot.expansion, snapshot.recorded, as_of));
  document["revision"] = snapshot.revision;
  // The fiscal year's progress notes, each with the id that edits or deletes it.
  nlohmann::json notes = nlohmann::json::array();
  for (const ProgressNote& note : snapshot.recorded.notes) {
    notes.push_back(
        {{"id", note.id},
         {"period", note.period},
         {"task", note.task.empty() ? nlohmann::json(nullptr) : nlohmann::json(note.task)},
         {"text", note.text},
         {"written_at", note.written_at ? nlohmann::json(format_rfc3339(*note.written_at,
                                                                        snapshot.plan->time_zone))
                                        : nlohmann::json(nullptr)},
         {"written_by", note.written_by}});
  }
  document["notes"] = std::move(notes);
  return document;
}

}  // namespace torikumi::http
