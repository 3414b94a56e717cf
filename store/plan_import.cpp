#include "store/store.hpp"

#include "store/detail/store_impl.hpp"

// Importing a plan: a new revision when it changed, its occurrences synced per fiscal year,
// and what its own progress lines say recorded once.

namespace torikumi::store {

namespace {

// A meaning's fields, added to `object`: "code", "subjects" and, when it has any, "causes".
void put_meaning(json& object, const Meaning& meaning) {
  object["code"] = meaning.code;
  object["subjects"] = meaning.subjects;
  if (meaning.causes.empty()) return;
  json causes = json::array();
  for (const Meaning& cause : meaning.causes) {
    json item = json::object();
    put_meaning(item, cause);
    causes.push_back(std::move(item));
  }
  object["causes"] = std::move(causes);
}

// The meaning put_meaning wrote; empty for what a warning stored before meanings has.
Meaning read_meaning(const json& object) {
  Meaning meaning;
  const json& code = object.value("code", json());
  if (!code.is_string()) return meaning;
  meaning.code = code.get<std::string>();
  for (const json& subject : object.value("subjects", json::array()))
    meaning.subjects.push_back(subject.is_string() ? subject.get<std::string>() : std::string{});
  for (const json& cause : object.value("causes", json::array()))
    if (cause.is_object()) meaning.causes.push_back(read_meaning(cause));
  return meaning;
}

// A sheet's warnings as the plans table keeps them: [{"where", "message", "kind", "line", "code",
// "subjects", "causes"?}]; warnings stored before meanings have only the first three.
std::string warnings_json(const std::vector<SheetWarning>& warnings) {
  json list = json::array();
  for (const SheetWarning& warning : warnings) {
    json item{{"where", warning.diagnostic.where},
              {"message", warning.diagnostic.message},
              {"kind", to_string(warning.kind)},
              {"line", warning.line}};
    put_meaning(item, warning.diagnostic.meaning);
    list.push_back(std::move(item));
  }
  return list.dump();
}

std::vector<SheetWarning> read_warnings_json(std::string_view text) {
  std::vector<SheetWarning> warnings;
  const json list = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return warnings;
  for (const json& item : list) {
    if (!item.is_object()) continue;
    SheetWarning warning;
    warning.diagnostic.where = item.value("where", "");
    warning.diagnostic.message = item.value("message", "");
    warning.diagnostic.meaning = read_meaning(item);
    warning.kind =
        parse_sheet_warning_kind(item.value("kind", "")).value_or(SheetWarningKind::note);
    const json& line = item.value("line", json());
    if (line.is_number_unsigned()) warning.line = line.get<std::size_t>();
    warnings.push_back(std::move(warning));
  }
  return warnings;
}

}  // namespace

// The plan's row at its new revision, and the revision itself when the plan changed (audited).
Status Store::Impl::store_revision(const Plan& plan, const std::string& plan_json,
                                   const ImportOptions& options, ImportSummary& summary) {
  const Actor& actor = options.actor;
  std::optional<int> latest;
  std::string latest_json;
  {
    auto statement = connection.prepare(
        "SELECT p.revision, r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND "
        "r.revision = p.revision "
        "WHERE p.id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, plan.id);
    const auto row = statement->step();
    if (!row) return row.error();
    if (*row) {
      latest = static_cast<int>(statement->integer(0));
      latest_json = statement->text(1);
    }
  }
  if (options.expected_revision && latest.value_or(0) != *options.expected_revision) {
    if (!latest)
      return not_found_error(
          "plan " + in_quotes(plan.id) + " is not stored (was it removed?); read it in again",
          meaning_of(store_meaning::kPlanGone, {plan.id}));
    const std::string now = std::to_string(*latest);
    if (*options.expected_revision == 0)
      return conflict_error("plan " + in_quotes(plan.id) + " exists already (revision " + now +
                                "): replace it rather than create it",
                            meaning_of(store_meaning::kPlanExists, {plan.id, now}));
    const std::string expected = std::to_string(*options.expected_revision);
    return conflict_error("plan " + in_quotes(plan.id) + " is at revision " + now + " now, not " +
                              expected +
                              ": someone changed it meanwhile; look at it again and redo the "
                              "change",
                          meaning_of(store_meaning::kStaleRevision, {plan.id, now, expected}));
  }
  summary.previous_revision = latest.value_or(0);
  summary.new_revision = !latest || latest_json != plan_json;
  summary.revision = summary.new_revision ? latest.value_or(0) + 1 : *latest;
  {
    auto statement = connection.prepare(
        "INSERT INTO plans (id, revision, initiative, time_zone, fiscal_year_start_month, "
        "fiscal_year) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET revision = ?2, initiative "
        "= ?3, "
        "time_zone = ?4, fiscal_year_start_month = ?5, fiscal_year = ?6");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(
            plan.id, summary.revision, plan.initiative, plan.time_zone.name(),
            static_cast<int>(static_cast<unsigned>(plan.fiscal_year_start)), summary.fiscal_year);
        !done)
      return done.error();
  }
  const std::string warnings = warnings_json(options.warnings);
  if (options.open_warnings == OpenWarnings::replace) {
    auto statement = connection.prepare("UPDATE plans SET open_warnings = ?2 WHERE id = ?1");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(plan.id, warnings); !done) return done.error();
  }
  if (summary.new_revision) {
    auto statement = connection.prepare(
        "INSERT INTO plan_revisions (plan_id, revision, json, source, imported_at, imported_by, "
        "warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(plan.id, summary.revision, plan_json, options.source,
                                        instant_text(actor.at), actor.by, warnings);
        !done)
      return done.error();
    const json before = latest ? json{{"revision", *latest}} : json(nullptr);
    if (auto done = audit(actor, options.action, plan.id, before,
                          json{{"revision", summary.revision}, {"source", options.source}});
        !done)
      return done.error();
  }

  return {};
}

// What the plan's own progress lines say, recorded once: completions where nothing was ever
// recorded, and the notes not stored yet.
Status Store::Impl::record_import_progress(const Plan& plan, const Expansion& import_year,
                                           const Actor& actor, ImportSummary& summary) {
  const RecordedState progress = recorded_state_from_progress(plan, import_year);
  for (const auto& [occurrence_id, record] : progress.occurrences) {
    auto row = find_occurrence(occurrence_id);
    if (!row) return row.error();
    if (!*row) continue;
    const OccurrenceInfo& info = (*row)->info;
    if ((*row)->completions_ever > 0 || info.record.status != OccurrenceStatus::planned) continue;
    OccurrenceRecord after = info.record;
    after.status = OccurrenceStatus::done;
    // The sheet does not say when: the occurrence's end, or the import if that is earlier.
    after.completed_at = std::min(*record.completed_at, actor.at);
    after.completed_by = actor.by;
    ++after.revision;
    if (auto done = update_state(info, after, actor); !done) return done.error();
    if (auto done = insert_completion(occurrence_id, (*row)->completions_ever, *after.completed_at,
                                      actor.by, "", actor.at);
        !done)
      return done.error();
    if (auto done = audit_state(actor, "done", occurrence_id, info.record, after); !done)
      return done.error();
    ++summary.completions_added;
  }
  for (const ProgressNote& note : progress.notes) {
    const std::optional<std::string> task =
        note.task.empty() ? std::nullopt : std::optional<std::string>{note.task};
    auto exists = connection.prepare(
        "SELECT COUNT(*) FROM progress_notes WHERE plan_id = ?1 AND fiscal_year = ?2 AND period = "
        "?3 "
        "AND task_id IS ?4 AND (text = ?5 OR written_text = ?5)");
    if (!exists) return exists.error();
    exists->bind_all(plan.id, summary.fiscal_year, note.period, task, note.text);
    if (auto row = exists->step(); !row) return row.error();
    if (exists->integer(0) > 0) continue;
    auto insert = connection.prepare(
        "INSERT INTO progress_notes (plan_id, fiscal_year, period, task_id, text, written_at, "
        "written_by, written_text) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5) RETURNING id");
    if (!insert) return insert.error();
    // Written by the end of the period it reports on, or at the import if that is earlier.
    const FiscalCalendar calendar{import_year.fiscal_year, plan.periods};
    const PeriodDefinition* period = calendar.find_period(note.period);
    const date::sys_seconds written_at =
        period ? std::min(actor.at, import_year.zone.end_of(calendar.period_last_day(*period)))
               : actor.at;
    insert->bind_all(plan.id, summary.fiscal_year, note.period, task, note.text,
                     instant_text(written_at), actor.by);
    std::int64_t id = 0;
    if (auto read = insert->each_row([&] { id = insert->integer(0); }); !read) return read.error();
    const json after{{"fiscal_year", summary.fiscal_year},
                     {"id", id},
                     {"period", note.period},
                     {"text", note.text}};
    if (auto done =
            audit(actor, "note", task ? plan.id + "/" + *task : plan.id, json(nullptr), after);
        !done)
      return done.error();
    ++summary.notes_added;
  }
  return {};
}

Result<ImportSummary> Store::import_plan(const Plan& plan, const ImportOptions& options) {
  Impl& impl = *impl_;
  Connection& connection = impl.connection;
  const Actor& actor = options.actor;
  const std::string plan_json = plan_to_json(plan).dump();
  ImportSummary summary;
  summary.plan = plan.id;
  if (options.fiscal_year) {
    summary.fiscal_year = *options.fiscal_year;
  } else if (plan.fiscal_year) {
    summary.fiscal_year = *plan.fiscal_year;
  } else {
    const date::sys_days today = plan.time_zone.local_day(actor.at);
    summary.fiscal_year =
        static_cast<int>(FiscalYear::containing(today, plan.fiscal_year_start).year());
  }
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();

  if (auto stored = impl.store_revision(plan, plan_json, options, summary); !stored)
    return stored.error();

  // The years to bring in line: those stored already, and the import's own.
  std::set<int> years{summary.fiscal_year};
  {
    auto statement =
        connection.prepare("SELECT DISTINCT fiscal_year FROM occurrences WHERE plan_id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, plan.id);
    const auto read =
        statement->each_row([&] { years.insert(static_cast<int>(statement->integer(0))); });
    if (!read) return read.error();
  }
  std::optional<Expansion> import_year;
  for (const int year : years) {
    auto expansion = expand_plan(plan, date::year{year});
    if (!expansion) return Error{"plan " + in_quotes(plan.id) + ": " + expansion.error().message};
    if (auto synced = impl.sync_occurrences(plan, *expansion, actor, summary); !synced)
      return synced.error();
    if (year == summary.fiscal_year) import_year = std::move(*expansion);
  }

  if (auto recorded = impl.record_import_progress(plan, *import_year, actor, summary); !recorded)
    return recorded.error();
  if (options.mode == ImportMode::preview) {
    auto state = load_state(plan.id, summary.fiscal_year);
    if (!state) return state.error();
    summary.previewed_state = std::move(*state);
    return summary;  // rolled back as it goes
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return summary;
}

Result<std::vector<SheetWarning>> Store::open_warnings(std::string_view plan_id) {
  auto statement = impl_->connection.prepare("SELECT open_warnings FROM plans WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row)
    return not_found_error("unknown plan " + in_quotes(plan_id),
                           meaning_of(store_meaning::kUnknownPlan, {std::string{plan_id}}));
  return read_warnings_json(statement->text(0));
}

Result<Warnings> Store::acknowledge_warnings(std::string_view plan_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto open = open_warnings(plan_id);
  if (!open) return open.error();
  if (open->empty()) return Warnings{};
  auto statement = impl.connection.prepare("UPDATE plans SET open_warnings = '[]' WHERE id = ?1");
  if (!statement) return statement.error();
  if (auto done = statement->run_with(plan_id); !done) return done.error();
  if (auto done = impl.audit(actor, "warnings acknowledged", plan_id,
                             json::parse(warnings_json(*open)), json(nullptr));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

}  // namespace torikumi::store
