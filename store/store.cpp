#include "store/store.hpp"

#include "store/detail/store_impl.hpp"

// The store's reads: plans, revisions, orphans, recorded state, occurrences, the audit log.

namespace torikumi::store {

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path, const OpenOptions& options) {
  if (options.checkpoints == Checkpoints::background && path == ":memory:")
    return Error{"background checkpoints need a database file, not \":memory:\""};
  auto connection = detail::open_configured(path, options);
  if (!connection) return connection.error();
  auto impl = std::make_unique<Impl>(std::move(*connection));
  if (options.checkpoints == Checkpoints::background) {
    auto started = Checkpointer::start(path, impl->connection, options.checkpoint_policy);
    if (!started) return started.error();
    impl->checkpointer = std::move(*started);
  }
  return Store{std::move(impl)};
}

std::optional<CheckpointCounts> Store::checkpoint_counts() const {
  if (!impl_->checkpointer) return std::nullopt;
  return impl_->checkpointer->counts();
}

Result<std::int64_t> Store::data_version() {
  return impl_->connection.query_integer("PRAGMA data_version");
}

Result<int> Store::schema_version() {
  const auto version = impl_->connection.query_integer("PRAGMA user_version");
  if (!version) return version.error();
  return static_cast<int>(*version);
}

Result<std::vector<PlanSummary>> Store::list_plans() {
  auto statement = impl_->connection.prepare(
      "SELECT p.id, p.revision, p.initiative, p.fiscal_year, r.imported_at, r.imported_by, "
      "(SELECT COUNT(*) FROM occurrences o WHERE o.plan_id = p.id AND o.present = 0) FROM plans p "
      "JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision ORDER BY p.id");
  if (!statement) return statement.error();
  std::vector<PlanSummary> plans;
  const auto read = statement->each_row([&] {
    plans.push_back(PlanSummary{statement->text(0), static_cast<int>(statement->integer(1)),
                                statement->text(2), static_cast<int>(statement->integer(3)),
                                read_instant_or_epoch(statement->text(4)), statement->text(5),
                                static_cast<std::size_t>(statement->integer(6))});
  });
  if (!read) return read.error();
  return plans;
}

Result<StoredPlan> Store::load_plan(std::string_view plan_id) {
  auto stored = impl_->load_plan(plan_id);
  if (!stored) return stored.error();
  return **stored;
}

Result<std::string> Store::export_plan(std::string_view plan_id) {
  auto statement = impl_->connection.prepare(
      "SELECT r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = "
      "p.revision WHERE p.id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row)
    return not_found_error("unknown plan " + in_quotes(plan_id),
                           meaning_of(store_meaning::kUnknownPlan, {std::string{plan_id}}));
  return json::parse(statement->text(0)).dump(2);
}

Result<std::vector<Orphan>> Store::orphans(std::string_view plan_id) {
  if (auto stored = impl_->load_plan(plan_id); !stored) return stored.error();
  auto statement = impl_->connection.prepare(
      "SELECT o.id, o.fiscal_year, o.task_id, o.status, "
      "(SELECT COUNT(*) FROM completions c WHERE c.occurrence_id = o.id) FROM occurrences o "
      "WHERE o.plan_id = ?1 AND o.present = 0 ORDER BY o.fiscal_year, o.id");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  std::vector<Orphan> orphans;
  const auto read = statement->each_row([&] {
    orphans.push_back(
        Orphan{statement->text(0), static_cast<int>(statement->integer(1)), statement->text(2),
               parse_occurrence_status(statement->text(3)).value_or(OccurrenceStatus::planned),
               static_cast<std::size_t>(statement->integer(4))});
  });
  if (!read) return read.error();
  return orphans;
}

Result<RecordedState> Store::load_state(std::string_view plan_id, int fiscal_year) {
  Connection& connection = impl_->connection;
  RecordedState state;
  {
    auto statement = connection.prepare(
        "SELECT o.id, o.status, o.reason, o.scheduled_start, o.scheduled_end, o.place, o.revision, "
        "o.changed_at, "
        "c.completed_at, c.completed_by, c.note FROM occurrences o "
        "LEFT JOIN completions c ON c.occurrence_id = o.id AND c.undone_at IS NULL "
        "WHERE o.plan_id = ?1 AND o.fiscal_year = ?2");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      OccurrenceRecord record;
      record.status =
          parse_occurrence_status(statement->text(1)).value_or(OccurrenceStatus::planned);
      record.reason = statement->optional_text(2).value_or("");
      record.scheduled_start = read_instant(statement->optional_text(3));
      record.scheduled_end = read_instant(statement->optional_text(4));
      record.place = statement->optional_text(5).value_or("");
      record.revision = static_cast<std::uint32_t>(statement->integer(6));
      record.changed_at = read_instant(statement->optional_text(7));
      if (!statement->is_null(8)) {
        record.completed_at = read_instant(statement->optional_text(8));
        record.completed_by = statement->text(9);
        record.note = statement->text(10);
      }
      state.occurrences.emplace(statement->text(0), std::move(record));
    });
    if (!read) return read.error();
  }
  {
    auto statement = connection.prepare(
        "SELECT task_id, period, text, written_at, written_by, id FROM progress_notes "
        "WHERE plan_id = ?1 AND fiscal_year = ?2 AND deleted_at IS NULL ORDER BY id");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      state.notes.push_back(ProgressNote{
          statement->optional_text(0).value_or(""), statement->text(1), statement->text(2),
          read_instant(statement->optional_text(3)), statement->text(4), statement->integer(5)});
    });
    if (!read) return read.error();
  }
  {
    auto statement = connection.prepare(
        "SELECT task_id, happened_at, logged_by, note FROM activity_log WHERE plan_id = ?1 AND "
        "fiscal_year = ?2 "
        "ORDER BY id");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      state.activity.push_back(ActivityEntry{statement->text(0),
                                             read_instant_or_epoch(statement->text(1)),
                                             statement->text(2), statement->text(3)});
    });
    if (!read) return read.error();
  }
  auto changes = plan_participant_changes(plan_id, fiscal_year);
  if (!changes) return changes.error();
  for (auto& [occurrence, theirs] : *changes)
    state.occurrences[occurrence].participant_changes = std::move(theirs);
  auto actions = impl_->plan_actions(plan_id, fiscal_year);
  if (!actions) return actions.error();
  state.actions = std::move(*actions);
  return state;
}

Result<OccurrenceInfo> Store::occurrence(std::string_view occurrence_id) {
  auto found = impl_->find_occurrence(occurrence_id);
  if (!found) return found.error();
  if (*found) return std::move((*found)->info);
  // Not stored yet: expanding its year is a write.
  auto transaction = Transaction::begin(impl_->connection);
  if (!transaction) return transaction.error();
  auto row = impl_->resolve_occurrence(occurrence_id, Actor{"torikumi", date::sys_seconds{}});
  if (!row) return row.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return std::move(row->info);
}

Result<PlanZone> Store::plan_time_zone(std::string_view plan_id) {
  auto stored = impl_->load_plan(plan_id);
  if (!stored) return stored.error();
  return (*stored)->plan.time_zone;
}

Result<std::vector<AuditEntry>> Store::history(std::optional<std::string_view> subject) {
  auto statement =
      subject
          ? impl_->connection.prepare(
                "SELECT id, at, actor, action, subject, before_json, after_json FROM audit_log "
                "WHERE subject = ?1 OR substr(subject, 1, length(?1) + 1) = ?1 || '/' ORDER BY id")
          : impl_->connection.prepare(
                "SELECT id, at, actor, action, subject, before_json, after_json FROM audit_log "
                "ORDER BY id");
  if (!statement) return statement.error();
  if (subject) statement->bind(1, *subject);
  std::vector<AuditEntry> entries;
  const auto read = statement->each_row([&] {
    entries.push_back(AuditEntry{statement->integer(0), read_instant_or_epoch(statement->text(1)),
                                 statement->text(2), statement->text(3), statement->text(4),
                                 statement->optional_text(5).value_or(""),
                                 statement->optional_text(6).value_or("")});
  });
  if (!read) return read.error();
  return entries;
}

}  // namespace torikumi::store
