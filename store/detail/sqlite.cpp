#include "store/detail/sqlite.hpp"

namespace torikumi::store::detail {

namespace {

Error sqlite_error(sqlite3* database, std::string_view sql) {
  std::string what{sql.substr(0, sql.find_first_of("\n("))};
  while (!what.empty() && what.back() == ' ') what.pop_back();
  return internal_error(std::string{"SQLite: "} + sqlite3_errmsg(database) + " (in \"" + what +
                        "\")");
}

}  // namespace

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                    text_ == TextBinding::borrowed ? SQLITE_STATIC : SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return sqlite_error(database_, sqlite3_sql(statement_));
}

Status Statement::run() {
  while (true) {
    const auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string{reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

Result<Connection> Connection::open(const std::string& path) {
  // SQLite counts each allocation for sqlite3_memory_used under a global mutex; nothing reads
  // the count. Only a process's first use of SQLite can turn it off (else this returns an error
  // and the count goes on, which is harmless).
  static const int memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memory_statistics;
  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DatabaseHandle database{raw};
  if (code != SQLITE_OK) {
    return internal_error(std::string{"cannot open the database: "} +
                          (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(code)));
  }
  sqlite3_extended_result_codes(raw, 1);
  Connection connection;
  connection.database_ = std::move(database);
  return connection;
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql.data());
  if (found == statements_.end()) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(database_.get(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
      return sqlite_error(database_.get(), sql);
    }
    found = statements_.emplace(sql.data(), StatementHandle{raw}).first;
  }
  return Statement{database_.get(), found->second.get()};
}

Status Connection::execute(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(database_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error error{std::string{"SQLite: "} + (message ? message : sqlite3_errmsg(database_.get()))};
    sqlite3_free(message);
    return error;
  }
  return {};
}

Result<std::int64_t> Connection::query_integer(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return internal_error("SQLite: no row (in \"" + std::string{sql} + "\")");
  return statement->integer(0);
}

std::string Connection::last_error() const { return sqlite3_errmsg(database_.get()); }

void Connection::set_busy_timeout(int milliseconds) {
  sqlite3_busy_timeout(database_.get(), milliseconds);
}

std::int64_t Connection::changes() const { return sqlite3_changes64(database_.get()); }

Result<CheckpointOutcome> Connection::checkpoint(CheckpointMode mode) {
  int wal_pages = -1;
  int copied_pages = -1;
  const int code = sqlite3_wal_checkpoint_v2(
      database_.get(), nullptr,
      mode == CheckpointMode::passive ? SQLITE_CHECKPOINT_PASSIVE : SQLITE_CHECKPOINT_RESTART,
      &wal_pages, &copied_pages);
  if (code != SQLITE_OK && (code & 0xff) != SQLITE_BUSY)
    return internal_error(std::string{"SQLite: "} + sqlite3_errmsg(database_.get()) +
                          " (in a checkpoint)");
  return CheckpointOutcome{
      .complete = code == SQLITE_OK, .wal_pages = wal_pages, .copied_pages = copied_pages};
}

Status Connection::sync_database_file() {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(database_.get(), "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
          SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr)
    return internal_error("SQLite: the database file is not open (in a sync of it)");
  // The flags of a checkpoint under synchronous=NORMAL.
  if (const int code = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL); code != SQLITE_OK)
    return internal_error(std::string{"SQLite: "} + sqlite3_errstr(code) +
                          " (in a sync of the database file)");
  return {};
}

void Connection::call_after_commit(std::function<void(std::int64_t)> after_commit) {
  if (!after_commit) {
    sqlite3_wal_hook(database_.get(), nullptr, nullptr);
    after_commit_.reset();
    return;
  }
  after_commit_ = std::make_unique<std::function<void(std::int64_t)>>(std::move(after_commit));
  // Its return value would fail the statement whose commit has happened: always SQLITE_OK.
  sqlite3_wal_hook(
      database_.get(),
      [](void* hook, sqlite3*, const char*, int wal_pages) {
        (*static_cast<std::function<void(std::int64_t)>*>(hook))(wal_pages);
        return SQLITE_OK;
      },
      after_commit_.get());
}

namespace {

// BEGIN, COMMIT and ROLLBACK run once per write: prepared once, like every other statement.
Status run_cached(Connection& connection, std::string_view sql) {
  auto statement = connection.prepare(sql);
  if (!statement) return statement.error();
  return statement->run();
}

}  // namespace

Result<Transaction> Transaction::begin(Connection& connection) {
  auto begun = run_cached(connection, "BEGIN IMMEDIATE");
  if (!begun) return begun.error();
  return Transaction{connection};
}

Result<Transaction> Transaction::begin_read(Connection& connection) {
  auto begun = run_cached(connection, "BEGIN");
  if (!begun) return begun.error();
  return Transaction{connection};
}

Transaction::~Transaction() {
  if (connection_ != nullptr) (void)run_cached(*connection_, "ROLLBACK");
}

Status Transaction::commit() {
  auto committed = run_cached(*connection_, "COMMIT");
  if (committed) connection_ = nullptr;
  return committed;
}

}  // namespace torikumi::store::detail
