#include "store/outbox.hpp"

#include "store/detail/outbox_rows.hpp"

#include "engine/calendar/time_text.hpp"
#include "store/detail/sqlite.hpp"

namespace torikumi::store {

using detail::Connection;
using detail::Statement;
using detail::Transaction;

namespace {

std::string instant_text(date::sys_seconds instant) { return format_utc_instant(instant); }

date::sys_seconds read_instant(const std::string& text) {
  return parse_rfc3339(text).value_or(date::sys_seconds{});
}

std::optional<date::sys_seconds> read_optional_instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_rfc3339(*text);
}

std::optional<int> read_status(const Statement& statement, int column) {
  if (statement.is_null(column)) return std::nullopt;
  return static_cast<int>(statement.integer(column));
}

std::string_view outcome_text(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::delivered:
      return "delivered";
    case AttemptOutcome::retry:
      return "retry";
    case AttemptOutcome::dead:
      return "dead";
    case AttemptOutcome::endpoint_disabled:
      return "endpoint disabled";
  }
  return "dead";
}

}  // namespace

std::string_view to_string(DeliveryState state) {
  switch (state) {
    case DeliveryState::pending:
      return "pending";
    case DeliveryState::delivered:
      return "delivered";
    case DeliveryState::dead:
      return "dead";
    case DeliveryState::withdrawn:
      return "withdrawn";
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view text) {
  for (const auto state : {DeliveryState::pending, DeliveryState::delivered, DeliveryState::dead,
                           DeliveryState::withdrawn})
    if (text == to_string(state)) return state;
  return std::nullopt;
}

struct Outbox::Impl {
  Connection connection;
  explicit Impl(Connection opened) : connection(std::move(opened)) {}

  Result<bool> is_disabled(std::string_view url) {
    auto statement = connection.prepare("SELECT 1 FROM disabled_endpoints WHERE url = ?1");
    if (!statement) return statement.error();
    statement->bind(1, url);
    return statement->step();
  }
};

Outbox::Outbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;
Outbox::~Outbox() = default;

Result<Outbox> Outbox::open(const std::string& path, const OpenOptions& options) {
  {
    auto migrated = Store::open(path, options);  // creates, migrates, or refuses a newer file
    if (!migrated) return migrated.error();
  }
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  connection->set_busy_timeout(static_cast<int>(options.busy_timeout.count()));
  // The file is in WAL mode already (Store::open); synchronous=NORMAL is per connection: an
  // attempt's record survives the process being killed once its commit returns.
  if (auto set = connection->execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
      !set)
    return set.error();
  const auto version = connection->query_integer("PRAGMA user_version");
  if (!version) return version.error();
  if (*version < 2)
    return internal_error("database schema version " + std::to_string(*version) +
                          " has no reminder outbox (version 2)");
  return Outbox{std::make_unique<Impl>(std::move(*connection))};
}

Result<ReconcileSummary> Outbox::reconcile(std::string_view plan_id,
                                           std::span<const OutboxEntry> due,
                                           const std::unordered_set<std::string>& planned,
                                           std::span<const std::string> endpoints,
                                           date::sys_seconds now) {
  Connection& connection = impl_->connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  ReconcileSummary summary;
  const std::string now_text = instant_text(now);

  // Withdraw first: what the plan no longer has, with deliveries left to make.
  std::vector<std::string> stale;
  {
    auto statement = connection.prepare(
        "SELECT r.id FROM reminders r WHERE r.plan_id = ?1 AND r.kind = 'reminder' AND r.state = "
        "'active' AND EXISTS "
        "(SELECT 1 FROM deliveries d WHERE d.reminder_id = r.id AND d.state = 'pending')");
    if (!statement) return statement.error();
    statement->bind(1, plan_id);
    const auto read = statement->each_row([&] {
      std::string id = statement->text(0);
      if (!planned.contains(id)) stale.push_back(std::move(id));
    });
    if (!read) return read.error();
  }
  for (const auto& id : stale) {
    auto reminder = connection.prepare(
        "UPDATE reminders SET state = 'withdrawn', changed_at = ?2 WHERE id = ?1");
    if (!reminder) return reminder.error();
    if (auto run = reminder->bind_all(id, now_text).run(); !run) return run.error();
    auto deliveries = connection.prepare(
        "UPDATE deliveries SET state = 'withdrawn' WHERE reminder_id = ?1 AND state = 'pending'");
    if (!deliveries) return deliveries.error();
    if (auto run = deliveries->bind_all(id).run(); !run) return run.error();
    ++summary.withdrawn;
  }

  const auto disabled = detail::disabled_endpoints_of(connection, endpoints);
  if (!disabled) return disabled.error();
  for (const OutboxEntry& entry : due) {
    auto insert = connection.prepare(
        "INSERT INTO reminders (id, plan_id, occurrence_id, rule, send_at, subject, payload, "
        "state, "
        "enqueued_at, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?8, ?8) "
        "ON CONFLICT (id) DO NOTHING");
    if (!insert) return insert.error();
    insert->bind_all(entry.id, entry.plan, entry.occurrence, entry.rule,
                     instant_text(entry.send_at), entry.subject, entry.payload, now_text);
    if (auto run = insert->run(); !run) return run.error();
    if (connection.changes() == 0) {
      auto revive = connection.prepare(
          "UPDATE reminders SET state = 'active', changed_at = ?2 WHERE id = ?1 AND state = "
          "'withdrawn'");
      if (!revive) return revive.error();
      if (auto run = revive->bind_all(entry.id, now_text).run(); !run) return run.error();
      if (connection.changes() == 0) continue;
      auto deliveries = connection.prepare(
          "UPDATE deliveries SET state = 'pending', next_attempt_at = ?2 WHERE reminder_id = ?1 "
          "AND state = 'withdrawn'");
      if (!deliveries) return deliveries.error();
      if (auto run = deliveries->bind_all(entry.id, now_text).run(); !run) return run.error();
      ++summary.revived;
      continue;
    }
    ++summary.entered;
    if (auto entered =
            detail::insert_deliveries(connection, entry.id, endpoints, *disabled, now_text);
        !entered)
      return entered.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return summary;
}

Result<std::optional<date::sys_seconds>> Outbox::first_entered_at(std::string_view plan_id) {
  auto statement = impl_->connection.prepare(
      "SELECT MIN(enqueued_at) FROM reminders WHERE plan_id = ?1 AND kind = 'reminder'");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<date::sys_seconds>{};
  return read_optional_instant(statement->optional_text(0));
}

Result<std::vector<EnteredReminder>> Outbox::entered_under_rule(std::string_view plan_id,
                                                                std::string_view rule) {
  auto statement = impl_->connection.prepare(
      "SELECT id, occurrence_id, rule, send_at, enqueued_at, subject, payload, state FROM "
      "reminders WHERE plan_id = ?1 AND rule = ?2 ORDER BY enqueued_at, id");
  if (!statement) return statement.error();
  statement->bind_all(plan_id, rule);
  std::vector<EnteredReminder> rows;
  const auto read = statement->each_row([&] {
    rows.push_back({.id = statement->text(0),
                    .occurrence = statement->text(1),
                    .rule = statement->text(2),
                    .send_at = read_instant(statement->text(3)),
                    .entered_at = read_instant(statement->text(4)),
                    .subject = statement->text(5),
                    .payload = statement->text(6),
                    .withdrawn = statement->text(7) == "withdrawn"});
  });
  if (!read) return read.error();
  return rows;
}

Result<std::vector<DueDelivery>> Outbox::claim(std::string_view endpoint, date::sys_seconds now,
                                               std::size_t limit) {
  auto statement = impl_->connection.prepare(
      "SELECT d.reminder_id, d.attempts, r.payload FROM deliveries d JOIN reminders r ON r.id = "
      "d.reminder_id WHERE d.endpoint = ?1 AND d.state = 'pending' AND d.next_attempt_at <= ?2 "
      "ORDER BY d.next_attempt_at, d.reminder_id LIMIT ?3");
  if (!statement) return statement.error();
  statement->bind_all(endpoint, instant_text(now), static_cast<std::int64_t>(limit));
  std::vector<DueDelivery> due;
  const auto read = statement->each_row([&] {
    due.push_back({.reminder = statement->text(0),
                   .endpoint = std::string{endpoint},
                   .payload = statement->text(2),
                   .attempts = static_cast<int>(statement->integer(1))});
  });
  if (!read) return read.error();
  return due;
}

Status Outbox::record(const AttemptRecord& attempt) {
  Connection& connection = impl_->connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  const std::string at = instant_text(attempt.at);
  const std::optional<std::string> error =
      attempt.error.empty() ? std::nullopt : std::optional<std::string>{attempt.error};
  // The status is bound by hand: GCC 12 sees an optional<int64_t> as maybe uninitialised.
  const auto bind_status = [&](Statement& statement, int index) {
    if (attempt.status)
      statement.bind(index, static_cast<std::int64_t>(*attempt.status));
    else
      statement.bind(index, nullptr);
  };
  std::string_view state = "pending";
  switch (attempt.outcome) {
    case AttemptOutcome::delivered:
      state = "delivered";
      break;
    case AttemptOutcome::retry:
      state = "pending";
      break;
    case AttemptOutcome::dead:
    case AttemptOutcome::endpoint_disabled:
      state = "dead";
      break;
  }
  auto update = connection.prepare(
      "UPDATE deliveries SET state = ?3, attempts = attempts + 1, last_attempt_at = ?4, "
      "last_status = ?5, last_error = ?6, next_attempt_at = ?7, delivered_at = CASE WHEN ?3 = "
      "'delivered' THEN ?4 ELSE delivered_at END WHERE reminder_id = ?1 AND endpoint = ?2 AND "
      "state = 'pending' RETURNING attempts");
  if (!update) return update.error();
  update->bind_all(attempt.reminder, attempt.endpoint, state, at, nullptr, error,
                   instant_text(attempt.outcome == AttemptOutcome::retry ? attempt.next_attempt_at
                                                                         : attempt.at));
  bind_status(*update, 5);
  const auto row = update->step();
  if (!row) return row.error();
  if (!*row) return {};  // withdrawn (or recorded) meanwhile: nothing to record
  const std::int64_t number = update->integer(0);
  if (auto done = update->run(); !done) return done.error();
  auto log = connection.prepare(
      "INSERT INTO delivery_attempts (reminder_id, endpoint, attempt, at, status, error, outcome) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!log) return log.error();
  log->bind_all(attempt.reminder, attempt.endpoint, number, at, nullptr, error,
                outcome_text(attempt.outcome));
  bind_status(*log, 5);
  if (auto run = log->run(); !run) return run.error();
  if (attempt.outcome == AttemptOutcome::endpoint_disabled) {
    auto disable = connection.prepare(
        "INSERT INTO disabled_endpoints (url, disabled_at, reason) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (url) DO UPDATE SET disabled_at = ?2, reason = ?3");
    if (!disable) return disable.error();
    if (auto run = disable->bind_all(attempt.endpoint, at, attempt.error).run(); !run)
      return run.error();
    auto others = connection.prepare(
        "UPDATE deliveries SET state = 'dead', last_error = 'the endpoint is disabled (410 Gone)' "
        "WHERE endpoint = ?1 AND state = 'pending'");
    if (!others) return others.error();
    if (auto run = others->bind_all(attempt.endpoint).run(); !run) return run.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return {};
}

Result<std::vector<std::pair<DeliveryState, std::size_t>>> Outbox::delivery_counts() {
  auto statement = impl_->connection.prepare(
      "SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state");
  if (!statement) return statement.error();
  std::vector<std::pair<DeliveryState, std::size_t>> counts;
  Statement& rows = *statement;
  const auto read = rows.each_row([&] {
    if (const auto state = parse_delivery_state(rows.text(0)))
      counts.emplace_back(*state, static_cast<std::size_t>(rows.integer(1)));
  });
  if (!read) return read.error();
  return counts;
}

Result<std::vector<DeliveryInfo>> Outbox::deliveries(const DeliveryQuery& query) {
  auto statement = impl_->connection.prepare(
      "SELECT r.id, r.plan_id, r.occurrence_id, r.rule, r.subject, r.send_at, d.endpoint, d.state, "
      "d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, "
      "d.delivered_at FROM deliveries d JOIN reminders r ON r.id = d.reminder_id "
      "WHERE (?1 IS NULL OR r.plan_id = ?1) AND (?2 IS NULL OR d.state = ?2) AND (?3 IS NULL OR "
      "r.id = ?3) ORDER BY r.send_at DESC, r.id, d.endpoint LIMIT ?4");
  if (!statement) return statement.error();
  statement->bind(1, query.plan);
  statement->bind(2, query.state ? std::optional<std::string>{std::string{to_string(*query.state)}}
                                 : std::nullopt);
  statement->bind(3, query.reminder);
  statement->bind(4, static_cast<std::int64_t>(query.limit));
  std::vector<DeliveryInfo> rows;
  const auto read = statement->each_row([&] {
    DeliveryInfo info;
    info.reminder = statement->text(0);
    info.plan = statement->text(1);
    info.occurrence = statement->text(2);
    info.rule = statement->text(3);
    info.subject = statement->text(4);
    info.send_at = read_instant(statement->text(5));
    info.endpoint = statement->text(6);
    info.state = parse_delivery_state(statement->text(7)).value_or(DeliveryState::pending);
    info.attempts = static_cast<int>(statement->integer(8));
    info.next_attempt_at = read_instant(statement->text(9));
    info.last_attempt_at = read_optional_instant(statement->optional_text(10));
    info.last_status = read_status(*statement, 11);
    info.last_error = statement->optional_text(12).value_or("");
    info.delivered_at = read_optional_instant(statement->optional_text(13));
    rows.push_back(std::move(info));
  });
  if (!read) return read.error();
  return rows;
}

Result<std::vector<AttemptInfo>> Outbox::attempts(std::string_view reminder,
                                                  std::string_view endpoint) {
  auto statement = impl_->connection.prepare(
      "SELECT attempt, at, status, error, outcome FROM delivery_attempts WHERE reminder_id = ?1 "
      "AND endpoint = ?2 ORDER BY id");
  if (!statement) return statement.error();
  statement->bind_all(reminder, endpoint);
  std::vector<AttemptInfo> rows;
  const auto read = statement->each_row([&] {
    rows.push_back({.attempt = static_cast<int>(statement->integer(0)),
                    .at = read_instant(statement->text(1)),
                    .status = read_status(*statement, 2),
                    .error = statement->optional_text(3).value_or(""),
                    .outcome = statement->text(4)});
  });
  if (!read) return read.error();
  return rows;
}

Result<std::size_t> Outbox::replay(std::string_view reminder, date::sys_seconds now) {
  Connection& connection = impl_->connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto known = connection.prepare("SELECT 1 FROM reminders WHERE id = ?1");
  if (!known) return known.error();
  known->bind(1, reminder);
  const auto found = known->step();
  if (!found) return found.error();
  if (!*found) return not_found_error("unknown reminder \"" + std::string{reminder} + "\"");
  auto update = connection.prepare(
      "UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2 WHERE "
      "reminder_id = ?1 AND state = 'dead'");
  if (!update) return update.error();
  if (auto run = update->bind_all(reminder, instant_text(now)).run(); !run) return run.error();
  const auto replayed = static_cast<std::size_t>(connection.changes());
  if (replayed == 0)
    return conflict_error("reminder \"" + std::string{reminder} +
                          "\" has no dead deliveries to replay");
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return replayed;
}

Result<std::vector<DisabledEndpoint>> Outbox::disabled_endpoints() {
  auto statement = impl_->connection.prepare(
      "SELECT url, disabled_at, reason FROM disabled_endpoints ORDER BY url");
  if (!statement) return statement.error();
  std::vector<DisabledEndpoint> rows;
  const auto read = statement->each_row([&] {
    rows.push_back({statement->text(0), read_instant(statement->text(1)), statement->text(2)});
  });
  if (!read) return read.error();
  return rows;
}

Result<bool> Outbox::enable_endpoint(std::string_view url) {
  auto statement = impl_->connection.prepare("DELETE FROM disabled_endpoints WHERE url = ?1");
  if (!statement) return statement.error();
  if (auto run = statement->bind_all(url).run(); !run) return run.error();
  return impl_->connection.changes() > 0;
}

}  // namespace torikumi::store
