// Attendance and minutes in the database (schema migration 15). Nothing personal reaches the audit
// log: attendance is audited by its counts, minutes by their version, state and items.

#include <algorithm>

#include "engine/meetings/meetings_meaning.hpp"
#include "store/detail/store_impl.hpp"

namespace torikumi::store {

namespace {

json count_json(const std::vector<Attendance>& record) {
  const AttendanceCount count = count_attendance(record);
  return json{{"agencies", count.agencies},
              {"people", count.people},
              {"absent", static_cast<int>(record.size()) - count.people}};
}

Result<std::vector<MinutesVersion>> read_versions(Connection& connection,
                                                  std::string_view occurrence_id) {
  auto statement = connection.prepare(
      "SELECT id, version, state, reason, created_at, created_by, changed_at, changed_by, "
      "approved_at, approved_by FROM minutes_versions WHERE occurrence_id = ?1 ORDER BY version");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  std::vector<std::pair<std::int64_t, MinutesVersion>> read;
  const auto each = statement->each_row([&] {
    const std::string state = statement->text(2);
    read.emplace_back(statement->integer(0),
                      MinutesVersion{.version = static_cast<int>(statement->integer(1)),
                                     .state = state == "approved"    ? MinutesState::approved
                                              : state == "submitted" ? MinutesState::submitted
                                                                     : MinutesState::draft,
                                     .reason = statement->optional_text(3).value_or(""),
                                     .outcomes = {},
                                     .created_at = read_instant_or_epoch(statement->text(4)),
                                     .created_by = statement->text(5),
                                     .changed_at = read_instant_or_epoch(statement->text(6)),
                                     .changed_by = statement->text(7),
                                     .approved_at = read_instant(statement->optional_text(8)),
                                     .approved_by = statement->optional_text(9).value_or("")});
  });
  if (!each) return each.error();
  std::vector<MinutesVersion> versions;
  for (auto& [id, version] : read) {
    auto outcomes = connection.prepare(
        "SELECT item_id, position, title, visibility, agencies, outcome FROM minutes_outcomes "
        "WHERE version_id = ?1 ORDER BY position, item_id");
    if (!outcomes) return outcomes.error();
    outcomes->bind(1, id);
    const auto rows = outcomes->each_row([&] {
      const json agencies = json::parse(outcomes->text(4), nullptr, false);
      MinutesOutcome outcome{
          .item = outcomes->integer(0),
          .position = static_cast<int>(outcomes->integer(1)),
          .title = outcomes->text(2),
          .visibility =
              parse_item_visibility(outcomes->text(3)).value_or(ItemVisibility::named_agencies),
          .agencies = {},
          .outcome = outcomes->text(5)};
      if (agencies.is_array())
        for (const json& agency : agencies)
          if (agency.is_string()) outcome.agencies.push_back(agency.get<std::string>());
      version.outcomes.push_back(std::move(outcome));
    });
    if (!rows) return rows.error();
    versions.push_back(std::move(version));
  }
  return versions;
}

Result<std::int64_t> version_id(Connection& connection, std::string_view occurrence_id,
                                int version) {
  auto statement = connection.prepare(
      "SELECT id FROM minutes_versions WHERE occurrence_id = ?1 AND version = ?2");
  if (!statement) return statement.error();
  statement->bind_all(occurrence_id, static_cast<std::int64_t>(version));
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return internal_error("minutes version " + std::to_string(version) + " is gone");
  return statement->integer(0);
}

Status write_outcomes(Connection& connection, std::int64_t id,
                      const std::vector<MinutesOutcome>& outcomes) {
  auto remove = connection.prepare("DELETE FROM minutes_outcomes WHERE version_id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(id); !done) return done.error();
  for (const MinutesOutcome& outcome : outcomes) {
    auto insert = connection.prepare(
        "INSERT INTO minutes_outcomes (version_id, position, item_id, title, visibility, "
        "agencies, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return insert.error();
    if (auto done = insert->run_with(id, static_cast<std::int64_t>(outcome.position), outcome.item,
                                     outcome.title, std::string{to_string(outcome.visibility)},
                                     json(outcome.agencies).dump(), outcome.outcome);
        !done)
      return done.error();
  }
  return {};
}

Status insert_version(Connection& connection, std::string_view occurrence_id,
                      const MinutesVersion& version) {
  auto insert = connection.prepare(
      "INSERT INTO minutes_versions (occurrence_id, version, state, reason, created_at, "
      "created_by, changed_at, changed_by) VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?4, ?5) "
      "RETURNING id");
  if (!insert) return insert.error();
  insert->bind_all(occurrence_id, static_cast<std::int64_t>(version.version),
                   version.reason.empty() ? std::optional<std::string>{}
                                          : std::optional<std::string>{version.reason},
                   instant_text(version.created_at), version.created_by);
  const auto row = insert->step();
  if (!row) return row.error();
  const std::int64_t id = insert->integer(0);
  if (auto done = insert->step(); !done) return done.error();
  return write_outcomes(connection, id, version.outcomes);
}

json version_audit_json(const MinutesVersion& version) {
  json items = json::array();
  for (const MinutesOutcome& outcome : version.outcomes) items.push_back(outcome.item);
  return json{{"version", version.version},
              {"state", std::string{to_string(version.state)}},
              {"items", std::move(items)}};
}

Error state_error(std::string_view occurrence_id, const std::optional<MinutesVersion>& latest,
                  std::string_view wanted) {
  const std::string state = latest ? std::string{to_string(latest->state)} : "none";
  return conflict_error(
      "the minutes of " + in_quotes(occurrence_id) + " are " +
          (latest ? "version " + std::to_string(latest->version) + ", " + state : "not written") +
          "; " + std::string{wanted},
      meaning_of(meetings_meaning::kMinutesState, {state}));
}

Status set_state(Connection& connection, std::string_view occurrence_id, int version,
                 MinutesState state, const Actor& actor) {
  auto update = connection.prepare(
      "UPDATE minutes_versions SET state = ?3, changed_at = ?4, changed_by = ?5, "
      "approved_at = CASE WHEN ?3 = 'approved' THEN ?4 ELSE approved_at END, "
      "approved_by = CASE WHEN ?3 = 'approved' THEN ?5 ELSE approved_by END "
      "WHERE occurrence_id = ?1 AND version = ?2");
  if (!update) return update.error();
  return update->run_with(occurrence_id, static_cast<std::int64_t>(version),
                          std::string{to_string(state)}, instant_text(actor.at), actor.by);
}

}  // namespace

std::string_view to_string(MinutesState state) {
  switch (state) {
    case MinutesState::draft:
      return "draft";
    case MinutesState::submitted:
      return "submitted";
    case MinutesState::approved:
      return "approved";
  }
  return "draft";
}

Result<MinutesStep> Store::Impl::begin_minutes_step(std::string_view occurrence_id,
                                                    MinutesState from, std::string_view refused,
                                                    const Actor& actor) {
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto meeting = agenda_meeting(occurrence_id, actor);
  if (!meeting) return meeting.error();
  auto versions = read_versions(connection, occurrence_id);
  if (!versions) return versions.error();
  if (versions->empty() || versions->back().state != from)
    return state_error(occurrence_id,
                       versions->empty() ? std::nullopt : std::optional{versions->back()}, refused);
  return MinutesStep{.transaction = std::move(*transaction),
                     .meeting = std::move(*meeting),
                     .latest = std::move(versions->back())};
}

Result<std::vector<Attendance>> Store::attendance(std::string_view occurrence_id) {
  auto statement = impl_->connection.prepare(
      "SELECT email, name, agency, presence, proxy FROM attendance WHERE occurrence_id = ?1 "
      "ORDER BY position");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  std::vector<Attendance> record;
  const auto read = statement->each_row([&] {
    record.push_back(
        Attendance{.email = statement->text(0),
                   .name = statement->text(1),
                   .agency = statement->text(2),
                   .presence = parse_presence(statement->text(3)).value_or(Presence::absent),
                   .proxy = statement->optional_text(4).value_or("")});
  });
  if (!read) return read.error();
  return record;
}

Status Store::record_attendance(std::string_view occurrence_id,
                                const std::vector<Attendance>& record, const Actor& actor) {
  if (auto checked = check_attendance(record); !checked) return checked;
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  if (auto meeting = impl.agenda_meeting(occurrence_id, actor); !meeting) return meeting.error();
  auto before = attendance(occurrence_id);
  if (!before) return before.error();
  if (*before == record) return {};
  auto remove = impl.connection.prepare("DELETE FROM attendance WHERE occurrence_id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(occurrence_id); !done) return done.error();
  for (std::size_t i = 0; i < record.size(); ++i) {
    const Attendance& entry = record[i];
    auto insert = impl.connection.prepare(
        "INSERT INTO attendance (occurrence_id, position, email, name, agency, presence, proxy, "
        "recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return insert.error();
    if (auto done = insert->run_with(
            occurrence_id, static_cast<std::int64_t>(i), entry.email, entry.name, entry.agency,
            std::string{to_string(entry.presence)},
            entry.presence == Presence::proxy ? std::optional<std::string>{entry.proxy}
                                              : std::optional<std::string>{},
            instant_text(actor.at), actor.by);
        !done)
      return done.error();
  }
  if (auto done =
          impl.audit(actor, "attendance record", occurrence_id,
                     before->empty() ? json(nullptr) : count_json(*before), count_json(record));
      !done)
    return done.error();
  return transaction->commit();
}

Result<std::vector<MinutesVersion>> Store::minutes(std::string_view occurrence_id) {
  return read_versions(impl_->connection, occurrence_id);
}

Result<MinutesVersion> Store::save_minutes(std::string_view occurrence_id,
                                           const std::map<std::int64_t, std::string>& outcomes,
                                           const Actor& actor) {
  for (const auto& [item, text] : outcomes)
    if (text.size() > kMaxOutcomeBytes)
      return Error{
          "the outcome of agenda item " + std::to_string(item) + " is over " +
              std::to_string(kMaxOutcomeBytes) + " bytes",
          ErrorCode::invalid,
          meaning_of(meetings_meaning::kOutcomeTooLong, {std::to_string(kMaxOutcomeBytes)})};
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  if (auto meeting = impl.agenda_meeting(occurrence_id, actor); !meeting) return meeting.error();
  auto versions = read_versions(impl.connection, occurrence_id);
  if (!versions) return versions.error();
  const std::optional<MinutesVersion> latest =
      versions->empty() ? std::nullopt : std::optional{versions->back()};
  if (latest && latest->state != MinutesState::draft)
    return state_error(occurrence_id, latest,
                       latest->state == MinutesState::approved
                           ? "approved minutes are locked: correct them with a new version"
                           : "submitted minutes are waiting for approval");
  auto agenda = impl.read_agenda(occurrence_id);
  if (!agenda) return agenda.error();
  MinutesVersion after = latest.value_or(MinutesVersion{.version = 1,
                                                        .state = MinutesState::draft,
                                                        .reason = {},
                                                        .outcomes = {},
                                                        .created_at = actor.at,
                                                        .created_by = actor.by,
                                                        .changed_at = actor.at,
                                                        .changed_by = actor.by});
  // The outcomes: those kept, those written now, in the agenda's order.
  std::map<std::int64_t, MinutesOutcome> by_item;
  for (const MinutesOutcome& outcome : after.outcomes) by_item[outcome.item] = outcome;
  for (const auto& [item, text] : outcomes) {
    const auto found = std::find_if(agenda->begin(), agenda->end(),
                                    [&](const AgendaItem& entry) { return entry.id == item; });
    if (found == agenda->end())
      return not_found_error(
          "no agenda item " + std::to_string(item) + " in " + in_quotes(occurrence_id),
          meaning_of(meetings_meaning::kUnknownAgendaItem, {std::to_string(item)}));
    const std::string outcome = trimmed(text);
    if (outcome.empty()) {
      by_item.erase(item);
      continue;
    }
    by_item[item] = MinutesOutcome{.item = item,
                                   .position = found->position,
                                   .title = found->title,
                                   .visibility = found->visibility,
                                   .agencies = found->agencies,
                                   .outcome = outcome};
  }
  after.outcomes.clear();
  for (auto& [item, outcome] : by_item) after.outcomes.push_back(std::move(outcome));
  std::stable_sort(
      after.outcomes.begin(), after.outcomes.end(),
      [](const MinutesOutcome& a, const MinutesOutcome& b) { return a.position < b.position; });
  if (latest && after.outcomes == latest->outcomes) return after;
  after.changed_at = actor.at;
  after.changed_by = actor.by;
  if (!latest) {
    if (auto done = insert_version(impl.connection, occurrence_id, after); !done)
      return done.error();
  } else {
    auto id = version_id(impl.connection, occurrence_id, after.version);
    if (!id) return id.error();
    if (auto done = write_outcomes(impl.connection, *id, after.outcomes); !done)
      return done.error();
    if (auto done =
            set_state(impl.connection, occurrence_id, after.version, MinutesState::draft, actor);
        !done)
      return done.error();
  }
  if (auto done = impl.audit(actor, "minutes save", occurrence_id,
                             latest ? version_audit_json(*latest) : json(nullptr),
                             version_audit_json(after));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return after;
}

Result<MinutesVersion> Store::submit_minutes(std::string_view occurrence_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto write = impl.begin_minutes_step(occurrence_id, MinutesState::draft,
                                       "only a draft is submitted", actor);
  if (!write) return write.error();
  MinutesVersion after = write->latest;
  after.state = MinutesState::submitted;
  if (auto done =
          set_state(impl.connection, occurrence_id, after.version, MinutesState::submitted, actor);
      !done)
    return done.error();
  if (auto done = impl.audit(actor, "minutes submit", occurrence_id,
                             version_audit_json(write->latest), version_audit_json(after));
      !done)
    return done.error();
  if (auto committed = write->transaction.commit(); !committed) return committed.error();
  return after;
}

Result<MinutesApproval> Store::approve_minutes(std::string_view occurrence_id,
                                               date::sys_seconds held_at, const std::string& note,
                                               const Actor& actor) {
  Impl& impl = *impl_;
  auto write = impl.begin_minutes_step(occurrence_id, MinutesState::submitted,
                                       "only submitted minutes are approved", actor);
  if (!write) return write.error();
  const AgendaMeeting* meeting = &write->meeting;
  MinutesVersion after = write->latest;
  after.state = MinutesState::approved;
  if (auto done =
          set_state(impl.connection, occurrence_id, after.version, MinutesState::approved, actor);
      !done)
    return done.error();
  if (auto done = impl.audit(actor, "minutes approve", occurrence_id,
                             version_audit_json(write->latest), version_audit_json(after));
      !done)
    return done.error();
  // The loop closes: the meeting is done, its note what the progress section says of it.
  MinutesApproval approval{.version = after.version, .completed = false, .note = note};
  if (is_open(meeting->row.info.record.status)) {
    const date::sys_days day = meeting->row.info.time_zone.local_day(held_at);
    if (!meeting->row.fiscal_year.contains(day))
      return Error{"the meeting's day " + format_iso_date(day) + " is outside " +
                       fiscal_year_range(meeting->row.fiscal_year),
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kCompletionOutsideYear,
                              {format_iso_date(day), fiscal_year_range(meeting->row.fiscal_year),
                               std::string{occurrence_id}})};
    if (auto done = impl.complete(meeting->row, held_at, note, actor); !done) return done.error();
    approval.completed = true;
  }
  if (auto committed = write->transaction.commit(); !committed) return committed.error();
  return approval;
}

Status Store::record_restricted_view(std::string_view occurrence_id, std::string_view where,
                                     const std::vector<std::int64_t>& items, const Actor& actor) {
  if (items.empty()) return {};
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  if (auto done = impl.audit(actor, "restricted view", occurrence_id, json(nullptr),
                             json{{"where", where}, {"items", items}});
      !done)
    return done.error();
  return transaction->commit();
}

Result<MinutesVersion> Store::correct_minutes(std::string_view occurrence_id,
                                              std::string_view reason, const Actor& actor) {
  const std::string why = trimmed(reason);
  if (why.empty())
    return Error{"a correction of approved minutes needs a reason", ErrorCode::invalid,
                 meaning_of(meetings_meaning::kCorrectionReason)};
  Impl& impl = *impl_;
  auto write = impl.begin_minutes_step(occurrence_id, MinutesState::approved,
                                       "only approved minutes are corrected", actor);
  if (!write) return write.error();
  MinutesVersion after{.version = write->latest.version + 1,
                       .state = MinutesState::draft,
                       .reason = why,
                       .outcomes = write->latest.outcomes,
                       .created_at = actor.at,
                       .created_by = actor.by,
                       .changed_at = actor.at,
                       .changed_by = actor.by};
  if (auto done = insert_version(impl.connection, occurrence_id, after); !done) return done.error();
  if (auto done = impl.audit(actor, "minutes correct", occurrence_id,
                             version_audit_json(write->latest), version_audit_json(after));
      !done)
    return done.error();
  if (auto committed = write->transaction.commit(); !committed) return committed.error();
  return after;
}

}  // namespace torikumi::store
