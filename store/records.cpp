#include "store/store.hpp"

#include "store/detail/store_impl.hpp"

// Records beside the occurrences: as-needed activity, progress notes (written, edited and
// deleted), KPI values.

namespace torikumi::store {

Result<Warnings> Store::log_activity(const LogRequest& request) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  const Task* task = plan.find_task(request.task);
  if (task == nullptr)
    return not_found_error(
        "unknown task " + in_quotes(request.task) + " in plan " + in_quotes(request.plan),
        meaning_of(store_meaning::kUnknownTask, {request.task, request.plan}));
  if (task->kind != TaskKind::as_needed) {
    const std::string kind{to_string(task->kind)};
    return Error{
        "task " + in_quotes(request.plan + "/" + request.task) + " is a " + kind +
            " task, not an as-needed (随時) one: record its occurrences with done",
        ErrorCode::invalid,
        meaning_of(store_meaning::kNotAsNeeded, {request.plan + "/" + request.task, kind})};
  }
  const date::sys_days day = plan.time_zone.local_day(request.happened_at);
  const int year = static_cast<int>(FiscalYear::containing(day, plan.fiscal_year_start).year());
  auto insert = impl.connection.prepare(
      "INSERT INTO activity_log (plan_id, task_id, fiscal_year, happened_at, logged_by, note, "
      "recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return insert.error();
  if (auto done =
          insert->run_with(request.plan, request.task, year, instant_text(request.happened_at),
                           request.actor.by, request.note, instant_text(request.actor.at));
      !done)
    return done.error();
  const json after{
      {"at", instant_text(request.happened_at)}, {"note", request.note}, {"fiscal_year", year}};
  if (auto done =
          impl.audit(request.actor, "log", request.plan + "/" + request.task, json(nullptr), after);
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

namespace {

// What the audit log keeps of a note: its id, year, period and text (its subject names the plan
// and task).
json note_json(const StoredNote& note) {
  return json{{"fiscal_year", note.fiscal_year},
              {"id", note.id},
              {"period", note.period},
              {"text", note.text}};
}

// The audit subject of a note: PLAN/TASK, or PLAN for a note of the period.
std::string note_subject(const StoredNote& note) {
  return note.task.empty() ? note.plan : note.plan + "/" + note.task;
}

// A note not deleted, read inside the caller's transaction or on its own.
Result<StoredNote> find_note(Connection& connection, std::int64_t note_id) {
  auto statement = connection.prepare(
      "SELECT plan_id, fiscal_year, period, task_id, text, written_at, written_by FROM "
      "progress_notes WHERE id = ?1 AND deleted_at IS NULL");
  if (!statement) return statement.error();
  statement->bind(1, note_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row)
    return not_found_error("unknown note " + std::to_string(note_id),
                           meaning_of(store_meaning::kUnknownNote, {std::to_string(note_id)}));
  return StoredNote{.id = note_id,
                    .plan = statement->text(0),
                    .fiscal_year = static_cast<int>(statement->integer(1)),
                    .period = statement->text(2),
                    .task = statement->optional_text(3).value_or(""),
                    .text = statement->text(4),
                    .written_at = read_instant_or_epoch(statement->text(5)),
                    .written_by = statement->text(6)};
}

}  // namespace

Result<StoredNote> Store::write_note(const NoteRequest& request) {
  Impl& impl = *impl_;
  const std::string text = trimmed(request.text);
  if (text.empty())
    return Error{"a note needs text", ErrorCode::invalid,
                 meaning_of(store_meaning::kNoteNeedsText)};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  if (!request.task.empty() && plan.find_task(request.task) == nullptr)
    return not_found_error(
        "unknown task " + in_quotes(request.task) + " in plan " + in_quotes(request.plan),
        meaning_of(store_meaning::kUnknownTask, {request.task, request.plan}));
  if (period_index(plan, request.period) == plan.periods.size()) {
    std::vector<std::string> subjects{request.period};
    for (const PeriodDefinition& period : plan.periods) subjects.push_back(period.name);
    return Error{
        "unknown period " + in_quotes(request.period) + ", expected one of " + period_names(plan),
        ErrorCode::invalid, meaning_of(store_meaning::kUnknownPeriod, std::move(subjects))};
  }
  auto insert = impl.connection.prepare(
      "INSERT INTO progress_notes (plan_id, fiscal_year, period, task_id, text, written_at, "
      "written_by, written_text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5) RETURNING id");
  if (!insert) return insert.error();
  const std::optional<std::string> task =
      request.task.empty() ? std::nullopt : std::optional<std::string>{request.task};
  insert->bind_all(request.plan, request.fiscal_year, request.period, task, text,
                   instant_text(request.actor.at), request.actor.by);
  std::int64_t id = 0;
  // Stepped to its end, so that no statement is in progress at the commit.
  if (auto read = insert->each_row([&] { id = insert->integer(0); }); !read) return read.error();
  const StoredNote note{.id = id,
                        .plan = request.plan,
                        .fiscal_year = request.fiscal_year,
                        .period = request.period,
                        .task = request.task,
                        .text = text,
                        .written_at = request.actor.at,
                        .written_by = request.actor.by};
  if (auto done =
          impl.audit(request.actor, "note", note_subject(note), json(nullptr), note_json(note));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return note;
}

Result<StoredNote> Store::note(std::int64_t note_id) {
  return find_note(impl_->connection, note_id);
}

Result<StoredNote> Store::edit_note(std::int64_t note_id, std::string_view new_text,
                                    const Actor& actor) {
  Impl& impl = *impl_;
  const std::string text = trimmed(new_text);
  if (text.empty())
    return Error{"a note needs text", ErrorCode::invalid,
                 meaning_of(store_meaning::kNoteNeedsText)};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto before = find_note(impl.connection, note_id);
  if (!before) return before.error();
  if (before->text == text) return before;
  StoredNote after = *before;
  after.text = text;
  auto update = impl.connection.prepare("UPDATE progress_notes SET text = ?2 WHERE id = ?1");
  if (!update) return update.error();
  if (auto done = update->run_with(note_id, text); !done) return done.error();
  if (auto done =
          impl.audit(actor, "note edit", note_subject(after), note_json(*before), note_json(after));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return after;
}

Result<StoredNote> Store::delete_note(std::int64_t note_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto before = find_note(impl.connection, note_id);
  if (!before) return before.error();
  auto update = impl.connection.prepare("UPDATE progress_notes SET deleted_at = ?2 WHERE id = ?1");
  if (!update) return update.error();
  if (auto done = update->run_with(note_id, instant_text(actor.at)); !done) return done.error();
  if (auto done = impl.audit(actor, "note delete", note_subject(*before), note_json(*before),
                             json(nullptr));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return before;
}

Result<Warnings> Store::set_kpi(const KpiRequest& request) {
  Impl& impl = *impl_;
  if (!std::isfinite(request.value))
    return Error{"a KPI value must be a finite number", ErrorCode::invalid,
                 meaning_of(store_meaning::kKpiNotFinite)};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  const bool known = std::any_of(plan.kpis.begin(), plan.kpis.end(),
                                 [&](const Kpi& kpi) { return kpi.id == request.kpi; });
  if (!known) {
    std::string ids;
    for (const Kpi& kpi : plan.kpis) ids += (ids.empty() ? "" : ", ") + kpi.id;
    return not_found_error("unknown KPI " + in_quotes(request.kpi) + " in plan " +
                               in_quotes(request.plan) +
                               (ids.empty() ? ", which has no KPIs" : ", expected one of " + ids),
                           meaning_of(store_meaning::kUnknownKpi, {request.kpi, request.plan}));
  }
  json before = nullptr;
  {
    auto statement = impl.connection.prepare(
        "SELECT value FROM kpi_values WHERE plan_id = ?1 AND kpi_id = ?2 AND year = ?3");
    if (!statement) return statement.error();
    statement->bind_all(request.plan, request.kpi, request.year);
    const auto row = statement->step();
    if (!row) return row.error();
    if (*row) before = json{{"value", statement->real(0)}};
  }
  auto upsert = impl.connection.prepare(
      "INSERT INTO kpi_values (plan_id, kpi_id, year, value, recorded_at, recorded_by) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (plan_id, kpi_id, year) DO UPDATE SET value = ?4, recorded_at = ?5, recorded_by "
      "= ?6");
  if (!upsert) return upsert.error();
  if (auto done = upsert->run_with(request.plan, request.kpi, request.year, request.value,
                                   instant_text(request.actor.at), request.actor.by);
      !done)
    return done.error();
  if (auto done = impl.audit(request.actor, "kpi set",
                             request.plan + "/" + request.kpi + "/" + std::to_string(request.year),
                             before, json{{"value", request.value}});
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<std::vector<KpiValue>> Store::kpi_values(std::string_view plan_id) {
  auto statement = impl_->connection.prepare(
      "SELECT kpi_id, year, value, recorded_at, recorded_by FROM kpi_values WHERE plan_id = ?1 "
      "ORDER BY kpi_id, year");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  std::vector<KpiValue> values;
  const auto read = statement->each_row([&] {
    values.push_back(KpiValue{statement->text(0), static_cast<int>(statement->integer(1)),
                              statement->real(2), read_instant_or_epoch(statement->text(3)),
                              statement->text(4)});
  });
  if (!read) return read.error();
  return values;
}

}  // namespace torikumi::store
