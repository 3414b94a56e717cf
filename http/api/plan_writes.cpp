#include "http/api/plan_writes.hpp"

#include <algorithm>
#include <charconv>

#include "engine/plan/meeting_rule_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "store/store_meaning.hpp"
#include "store/stored_ids.hpp"

namespace torikumi::http {

namespace {

using nlohmann::json;

std::string kibibytes(std::size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KiB"; }

// Every diagnostic on a line of its own, each after the file's name.
std::string diagnostics_text(const std::string& name, const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics)
    text += (text.empty() ? "" : "\n") + name + ": " + diagnostic.to_string();
  return text;
}

std::string_view change_word(TaskChangeKind kind) {
  switch (kind) {
    case TaskChangeKind::added:
      return "added";
    case TaskChangeKind::removed:
      return "removed";
    case TaskChangeKind::changed:
      return "changed";
  }
  return "changed";
}

// A stored plan for an edit, and its plan JSON to edit.
struct EditTarget {
  store::StoredPlan stored;
  json document;
};

Result<EditTarget, HttpError> edit_target(store::Store& store, std::string_view plan_id) {
  auto stored = store.load_plan(plan_id);
  if (!stored) {
    if (stored.error().code == ErrorCode::not_found)
      return HttpError{ErrorKind::not_found,
                       "no plan " + in_quotes(plan_id),
                       KnownRefusal::no_plan,
                       {std::string{plan_id}}};
    return http_error(stored.error());
  }
  json document = plan_to_json(stored->plan);
  return EditTarget{std::move(*stored), std::move(document)};
}

// Sets one field of a task's or the plan's JSON as an edit gives it: null or "" removes it, a
// meeting rule may be its text. The error, if it cannot.
std::optional<HttpError> set_field(json& object, const std::string& name, const json& value) {
  if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) {
    object.erase(name);
    return std::nullopt;
  }
  if (name == "meeting_rule" && value.is_string()) {
    const auto rule = parse_meeting_rule_text(value.get<std::string>());
    if (!rule)
      return HttpError{ErrorKind::unprocessable,
                       name + ": " + rule.error().message,
                       KnownRefusal::none,
                       {},
                       {{name, rule.error().message, std::nullopt, rule.error().meaning}}};
    object[name] = meeting_rule_to_json(*rule);
    return std::nullopt;
  }
  if (name == "meeting_rule" ? !value.is_object() : !value.is_string())
    return HttpError{ErrorKind::bad_request,
                     name + ": expected " +
                         (name == "meeting_rule" ? "an object or text" : "text") + ", got " +
                         value.dump()};
  object[name] = value;
  return std::nullopt;
}

// The edited plan, read back as the importer reads plan JSON; a problem of the edited part is
// named by its field alone (`when: unknown month "13"`).
Result<Plan, HttpError> read_edited(const json& document, const std::string& prefix) {
  auto plan = read_plan_document(document);
  if (plan) return std::move(*plan);
  HttpError error{ErrorKind::unprocessable, std::string{}};
  for (Diagnostic diagnostic : plan.error()) {
    if (diagnostic.where.starts_with(prefix)) diagnostic.where.erase(0, prefix.size());
    error.message += (error.message.empty() ? "" : "\n") + diagnostic.to_string();
    error.problems.push_back(std::move(diagnostic));
  }
  return error;
}

// Stores an edited plan as a revision of its own, unless it changes nothing (the store checks the
// expected revision either way).
WriteResult store_edit(store::Store& store, const EditTarget& target, const Plan& edited,
                       const std::string& what, const store::Actor& actor,
                       std::optional<int> expected_revision, std::vector<std::string>& changed) {
  const PlanChanges changes = compare_plans(target.stored.plan, edited);
  for (const std::string& field : changes.plan_fields) changed.push_back(field);
  for (const TaskChange& task : changes.tasks)
    for (const std::string& field : task.fields) changed.push_back(field);
  const auto summary = store.import_plan(edited, {.actor = actor,
                                                  .source = what + ": " + joined_fields(changed),
                                                  .fiscal_year = target.stored.fiscal_year,
                                                  .action = "plan edit",
                                                  .open_warnings = store::OpenWarnings::keep,
                                                  .expected_revision = expected_revision});
  if (!summary) return http_error(summary.error());
  return json{{"revision", summary->revision}};
}

// Runs an edit under the store's lock, then publishes the plan's new snapshot.
template <typename Edit>
WriteResult edit_under_lock(StorePlanCatalog& catalog, std::string_view plan_id, Edit&& edit) {
  WriteResult result = catalog.with_store([&](store::Store& store) { return edit(store); });
  if (!result) return result;
  if (Status done = catalog.refresh(plan_id); !done)
    return HttpError{ErrorKind::internal, done.error().message};
  return result;
}

}  // namespace

Result<std::optional<int>, HttpError> expected_revision_of(std::string_view text) {
  if (text.empty()) return std::optional<int>{};
  int revision = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), revision);
  if (error != std::errc{} || end != text.data() + text.size() || revision < 0)
    return HttpError{ErrorKind::bad_request,
                     "revision: expected a whole number from 0, got " + in_quotes(text)};
  return std::optional<int>{revision};
}

Result<PlanIntake, HttpError> take_plan(StorePlanCatalog& catalog, const PlanUpload& upload,
                                        const store::Actor& actor, store::ImportMode mode) {
  if (upload.bytes.size() > kMaxPlanFileBytes)
    return HttpError{ErrorKind::payload_too_large,
                     upload.name + ": the file is " + kibibytes(upload.bytes.size()) +
                         ", more than " + kibibytes(kMaxPlanFileBytes),
                     KnownRefusal::plan_file_too_large,
                     {upload.name, kibibytes(upload.bytes.size()), kibibytes(kMaxPlanFileBytes)}};
  auto loaded = read_plan_source(upload.bytes, upload.name);
  if (!loaded)
    return HttpError{ErrorKind::unprocessable,
                     diagnostics_text(upload.name, loaded.error()),
                     KnownRefusal::unreadable_plan,
                     {upload.name},
                     loaded.error()};
  PlanIntake intake{std::move(*loaded), std::nullopt, {}, {}, 0};
  Plan& plan = intake.loaded.plan;
  if (upload.plan_id) {
    if (intake.loaded.from_sheet) {
      plan.id = *upload.plan_id;
    } else if (plan.id != *upload.plan_id) {
      return HttpError{ErrorKind::unprocessable,
                       upload.name + ": the plan's id is " + in_quotes(plan.id) + ", not " +
                           in_quotes(*upload.plan_id) + " as the path says",
                       KnownRefusal::plan_id_mismatch,
                       {upload.name, plan.id, *upload.plan_id}};
    }
  }
  intake.refused = count_warnings(intake.loaded.warnings, SheetWarningKind::schedule_refused);
  if (mode == store::ImportMode::write && intake.refused > 0 && !upload.lenient)
    return HttpError{ErrorKind::unprocessable,
                     upload.name + ": " + std::to_string(intake.refused) +
                         (intake.refused == 1 ? " schedule" : " schedules") +
                         " refused; nothing stored: correct the sheet, or store it anyway "
                         "(lenient) with those tasks undated",
                     KnownRefusal::schedules_refused,
                     {upload.name, std::to_string(intake.refused)}};
  auto taken = catalog.with_store([&](store::Store& store) -> std::optional<HttpError> {
    const auto from = upload.plan_id ? store::PlanIdFrom::option : store::PlanIdFrom::sheet;
    auto replaced = store::load_replaced_plan(store, intake.loaded, from);
    if (!replaced) return http_error(replaced.error());
    if (*replaced) intake.stored = std::move((*replaced)->plan);
    auto summary = store.import_plan(plan, {.actor = actor,
                                            .source = upload.name,
                                            .mode = mode,
                                            .warnings = intake.loaded.warnings,
                                            .expected_revision = upload.expected_revision});
    if (!summary) return http_error(summary.error());
    intake.summary = std::move(*summary);
    return std::nullopt;
  });
  if (taken) return *taken;
  if (intake.stored) {
    intake.changes = compare_plans(*intake.stored, plan);
  } else {
    for (const Task& task : plan.tasks)
      intake.changes.tasks.push_back({TaskChangeKind::added, task.id, task.title, {}});
  }
  if (mode == store::ImportMode::write) {
    if (Status done = catalog.refresh(plan.id); !done)
      return HttpError{ErrorKind::internal, done.error().message};
  }
  return intake;
}

json intake_document(const PlanIntake& intake) {
  const store::ImportSummary& summary = intake.summary;
  json warnings = json::array();
  for (const SheetWarning& warning : intake.loaded.warnings)
    warnings.push_back({{"where", warning.diagnostic.where},
                        {"message", warning.diagnostic.message},
                        {"kind", to_string(warning.kind)}});
  json tasks = json::array();
  for (const TaskChange& change : intake.changes.tasks)
    tasks.push_back({{"task", change.task},
                     {"title", change.title},
                     {"change", change_word(change.kind)},
                     {"fields", change.fields}});
  json orphaned = json::array();
  for (const store::Orphan& orphan : summary.orphaned)
    orphaned.push_back({{"occurrence", orphan.occurrence},
                        {"task", orphan.task},
                        {"status", to_string(orphan.status)},
                        {"completions", orphan.completions}});
  return json{{"plan", summary.plan},
              {"revision", summary.revision},
              {"previous_revision", summary.previous_revision},
              {"new_revision", summary.new_revision},
              {"fiscal_year", summary.fiscal_year},
              {"warnings", std::move(warnings)},
              {"changes", {{"plan", intake.changes.plan_fields}, {"tasks", std::move(tasks)}}},
              {"orphaned", std::move(orphaned)},
              {"revived", summary.revived},
              {"occurrences",
               {{"added", summary.occurrences_added},
                {"changed", summary.occurrences_changed},
                {"orphaned", summary.occurrences_orphaned},
                {"revived", summary.occurrences_revived}}}};
}

WriteResult edit_task(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view task_id,
                      const json& fields, const store::Actor& actor,
                      std::optional<int> expected_revision) {
  return edit_under_lock(catalog, plan_id, [&](store::Store& store) -> WriteResult {
    auto target = edit_target(store, plan_id);
    if (!target) return target.error();
    json& tasks = target->document["tasks"];
    const auto found = std::find_if(tasks.begin(), tasks.end(), [&](const json& task) {
      return task.value("id", "") == task_id;
    });
    if (found == tasks.end())
      return http_error(
          not_found_error("plan " + in_quotes(plan_id) + " has no task " + in_quotes(task_id),
                          meaning_of(store::store_meaning::kUnknownTask,
                                     {std::string{task_id}, std::string{plan_id}})));
    for (const auto& [name, value] : fields.items()) {
      const bool editable =
          std::find(std::begin(kEditableTaskFields), std::end(kEditableTaskFields), name) !=
          std::end(kEditableTaskFields);
      if (!editable)
        return HttpError{ErrorKind::unprocessable,
                         in_quotes(name) +
                             ": not a field an edit sets; expected when, kind, owner or "
                             "meeting_rule"};
      if (auto refused = set_field(*found, name, value)) return *refused;
    }
    const std::size_t index = static_cast<std::size_t>(found - tasks.begin());
    const json task = *found;
    auto edited = read_edited(target->document, "plan.tasks[" + std::to_string(index) + "].");
    if (!edited) return edited.error();
    std::vector<std::string> changed;
    auto stored = store_edit(store, *target, *edited, "task " + std::string{task_id}, actor,
                             expected_revision, changed);
    if (!stored) return stored;
    (*stored)["plan"] = plan_id;
    (*stored)["task"] = plan_to_json(*edited)["tasks"][index];
    (*stored)["changed"] = changed;
    return stored;
  });
}

WriteResult edit_plan(StorePlanCatalog& catalog, std::string_view plan_id, const json& fields,
                      const store::Actor& actor, std::optional<int> expected_revision) {
  return edit_under_lock(catalog, plan_id, [&](store::Store& store) -> WriteResult {
    auto target = edit_target(store, plan_id);
    if (!target) return target.error();
    for (const auto& [name, value] : fields.items()) {
      if (name != "meeting_rule")
        return HttpError{ErrorKind::unprocessable,
                         in_quotes(name) + ": not a field an edit sets; expected meeting_rule"};
      if (auto refused = set_field(target->document, name, value)) return *refused;
    }
    auto edited = read_edited(target->document, "plan.");
    if (!edited) return edited.error();
    std::vector<std::string> changed;
    auto stored = store_edit(store, *target, *edited, "plan", actor, expected_revision, changed);
    if (!stored) return stored;
    (*stored)["plan"] = plan_id;
    const json document = plan_to_json(*edited);
    (*stored)["meeting_rule"] = document.value("meeting_rule", json(nullptr));
    (*stored)["changed"] = changed;
    return stored;
  });
}

WriteResult acknowledge_warnings(StorePlanCatalog& catalog, std::string_view plan_id,
                                 const store::Actor& actor) {
  return edit_under_lock(catalog, plan_id, [&](store::Store& store) -> WriteResult {
    auto done = store.acknowledge_warnings(plan_id, actor);
    if (!done) {
      if (done.error().code == ErrorCode::not_found)
        return HttpError{ErrorKind::not_found,
                         "no plan " + in_quotes(plan_id),
                         KnownRefusal::no_plan,
                         {std::string{plan_id}}};
      return http_error(done.error());
    }
    return json{{"plan", plan_id}, {"open_warnings", json::array()}};
  });
}

}  // namespace torikumi::http
