#include "store/detail/open_configured.hpp"

namespace torikumi::store::detail {

Result<Connection> open_configured(const std::string& path, const OpenOptions& options) {
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  connection->set_busy_timeout(static_cast<int>(options.busy_timeout.count()));
  // WAL: readers go on while one writes. synchronous=NORMAL: a commit survives the process
  // (not a power cut) without an fsync each; checkpoints fsync, and are made rarer than
  // SQLite's default of 1,000 pages, as is reading through pread: the cache and the map are
  // what keep a write near 100 µs (bench/README.md).
  if (auto set = connection->execute(
          "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
          "PRAGMA wal_autocheckpoint = 8000; PRAGMA cache_size = -32768; PRAGMA mmap_size = "
          "268435456;");
      !set)
    return set.error();
  const int latest = options.migrations.empty() ? 0 : options.migrations.back().version;
  const auto version = connection->query_integer("PRAGMA user_version");
  if (!version) return version.error();
  if (*version > latest) {
    return Error{"database schema version " + std::to_string(*version) +
                 " is newer than this torikumi understands (version " + std::to_string(latest) +
                 "); use a newer torikumi"};
  }
  for (const Migration& migration : options.migrations) {
    if (migration.version <= *version) continue;
    auto transaction = Transaction::begin(*connection);
    if (!transaction) return transaction.error();
    // Another process may have migrated the file while this one waited for the lock.
    const auto current = connection->query_integer("PRAGMA user_version");
    if (!current) return current.error();
    if (*current >= migration.version) continue;
    if (auto applied = connection->execute(std::string{migration.sql}); !applied) {
      return Error{"schema migration " + std::to_string(migration.version) + " (" +
                   std::string{migration.name} + ") failed: " + applied.error().message};
    }
    if (auto set =
            connection->execute("PRAGMA user_version = " + std::to_string(migration.version));
        !set)
      return set.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
  }
  return std::move(*connection);
}

}  // namespace torikumi::store::detail
