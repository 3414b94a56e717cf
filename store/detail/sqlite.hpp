#pragma once

// The one place sqlite3 is seen: a connection with a cache of prepared statements, statements
// with typed binding and reading, and a transaction guard. Internal to store/: nothing outside
// includes it, so no SQLite type reaches a public header.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/base/result.hpp"

namespace torikumi::store::detail {

struct CloseDatabase {
  void operator()(sqlite3* database) const { sqlite3_close(database); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, CloseDatabase>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// A cached prepared statement in use: bind, step, read; reset and unbound when it goes away.
class Statement {
 public:
  Statement(sqlite3* database, sqlite3_stmt* statement)
      : database_(database), statement_(statement) {}
  Statement(Statement&& other) noexcept
      : database_(other.database_), statement_(other.statement_), text_(other.text_) {
    other.statement_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (statement_ == nullptr) return;
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

  // Parameters are numbered from 1, as in SQL's ?1, ?2.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view{text}); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view{text});
  }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::nullptr_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  template <typename... Values>
  Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }

  // True when a row is ready to read, false when the statement has run to its end.
  Result<bool> step();
  // Steps to the end; for statements that return no rows.
  Status run();
  // Binds the values to ?1, ?2, ... without copying text, steps to the end and unbinds them
  // before returning: the values, temporaries included, outlive every use SQLite makes of them.
  template <typename... Values>
  Status run_with(const Values&... values) {
    text_ = TextBinding::borrowed;
    bind_all(values...);
    text_ = TextBinding::copied;
    auto ran = run();
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    return ran;
  }
  // Steps through every row, calling read() while it is current; stops at the first error.
  template <typename Read>
  Status each_row(Read&& read) {
    while (true) {
      const auto row = step();
      if (!row) return row.error();
      if (!*row) return {};
      read();
    }
  }

  // Columns are numbered from 0.
  bool is_null(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;

 private:
  // copied: SQLite keeps its own copy of bound text; borrowed: only while run_with runs.
  enum class TextBinding { copied, borrowed };
  sqlite3* database_;
  sqlite3_stmt* statement_;
  TextBinding text_ = TextBinding::copied;
};

// sqlite3_wal_checkpoint_v2's modes that the store uses.
enum class CheckpointMode {
  passive,  // copies what it can at once, waiting for no one
  restart,  // waits (busy timeout) for the writer and for readers of the WAL, copies all of it,
            // so that the next write starts the WAL from its beginning
};

// What a checkpoint did, in WAL frames (a page each). Both are -1 when it could not look at the
// WAL (another checkpoint held it).
struct CheckpointOutcome {
  bool complete = false;  // false: a lock it needed was still held after the busy timeout
  std::int64_t wal_pages = -1;
  std::int64_t copied_pages = -1;  // of them, in the database file now
};

class Connection {
 public:
  // Opens (creating) the file; ":memory:" for a private in-memory database.
  static Result<Connection> open(const std::string& path);

  // A statement prepared once per connection and reused. `sql` must outlive the connection
  // (a string literal), since it keys the cache.
  Result<Statement> prepare(std::string_view sql);
  // Runs a script of statements that return nothing (schema, pragmas).
  Status execute(const std::string& sql);
  // The integer the single-row single-column query gives.
  Result<std::int64_t> query_integer(std::string_view sql);
  std::string last_error() const;
  void set_busy_timeout(int milliseconds);
  std::int64_t changes() const;

  // Copies the WAL back into the database file. An error only for a failure, not for a lock
  // held by others (then `complete` is false).
  Result<CheckpointOutcome> checkpoint(CheckpointMode mode);
  // Makes what checkpoints copied into the database file durable: syncs it, as SQLite does at
  // the end of a checkpoint that reaches the end of the WAL (one beside a writer never does).
  Status sync_database_file();
  // Calls after_commit with the number of pages in the WAL after each commit of this connection,
  // once its locks are released and before its statement returns; SQLite's automatic
  // checkpoints (wal_autocheckpoint) stop. after_commit may checkpoint this connection. An empty
  // function: nothing is called any more.
  void call_after_commit(std::function<void(std::int64_t wal_pages)> after_commit);

 private:
  DatabaseHandle database_;
  std::unordered_map<const char*, StatementHandle> statements_;
  // On the heap, so that the pointer SQLite holds to it stays good when the connection moves.
  std::unique_ptr<std::function<void(std::int64_t)>> after_commit_;
};

// BEGIN IMMEDIATE on construction (so writers queue on the busy timeout rather than fail on
// upgrade), ROLLBACK on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> begin(Connection& connection);
  // A plain BEGIN, for reading several tables at one point in time: it takes no write lock, so
  // it neither waits for a writer nor holds one up (in WAL mode).
  static Result<Transaction> begin_read(Connection& connection);
  Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
    other.connection_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

}  // namespace torikumi::store::detail
