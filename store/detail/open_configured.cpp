#include "store/detail/open_configured.hpp"

namespace torikumi::store::detail {

Result<Connection> open_configured(const std::string& path, const OpenOptions& options) {
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  connection->set_busy_timeout(static_cast<int>(options.busy_timeout.count()));
  // WAL: readers go on while one writes. synchronous=NORMAL: a commit survives the process
  // (not a power cut) without an fsync each; checkpoints fsync, and are made rarer than
  // SQLite's default of 1,000 pages. A 32 MiB cache keeps what writes touch. No memory map:
  // in WAL mode each page taken from the map is first looked up in the WAL index and wrapped
  // in a header allocated for it, which cost a completion more (10,000 instructions) than the
  // pread of a page the cache lacks (bench/README.md). Foreign keys are on once migrated.
  if (auto set =
          connection->execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                              "PRAGMA wal_autocheckpoint = 8000; PRAGMA cache_size = -32768;");
      !set)
    return set.error();
  const int latest = options.migrations.empty() ? 0 : options.migrations.back().version;
  const auto version = connection->query_integer("PRAGMA user_version");
  if (!version) return version.error();
  if (*version > latest) {
    return internal_error("database schema version " + std::to_string(*version) +
                          " is newer than this torikumi understands (version " +
                          std::to_string(latest) + "); use a newer torikumi");
  }
  // Off while migrating, so that a migration may rebuild a table others refer to (SQLite's
  // way of changing a table); each one is checked before it commits.
  if (auto set = connection->execute("PRAGMA foreign_keys = OFF"); !set) return set.error();
  for (const Migration& migration : options.migrations) {
    if (migration.version <= *version) continue;
    auto transaction = Transaction::begin(*connection);
    if (!transaction) return transaction.error();
    // Another process may have migrated the file while this one waited for the lock.
    const auto current = connection->query_integer("PRAGMA user_version");
    if (!current) return current.error();
    if (*current >= migration.version) continue;
    const auto failed = [&](const std::string& why) {
      return internal_error("schema migration " + std::to_string(migration.version) + " (" +
                            std::string{migration.name} + ") failed: " + why);
    };
    if (auto applied = connection->execute(std::string{migration.sql}); !applied)
      return failed(applied.error().message);
    const auto dangling =
        connection->query_integer("SELECT COUNT(*) FROM pragma_foreign_key_check");
    if (!dangling) return dangling.error();
    if (*dangling > 0) {
      return failed("a foreign key refers to nothing (" + std::to_string(*dangling) +
                    " found by PRAGMA foreign_key_check)");
    }
    if (auto set =
            connection->execute("PRAGMA user_version = " + std::to_string(migration.version));
        !set)
      return set.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
  }
  if (auto set = connection->execute("PRAGMA foreign_keys = ON"); !set) return set.error();
  return std::move(*connection);
}

}  // namespace torikumi::store::detail
