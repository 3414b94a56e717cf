#pragma once

// Opening the database file the one way every connection of the store does: the pragmas of
// docs/store.md, the busy timeout and the missing schema migrations. Store::open and
// Access::open each take a connection of their own from here. Internal to store/.

#include <string>

#include "engine/base/result.hpp"
#include "store/detail/sqlite.hpp"
#include "store/store.hpp"

namespace torikumi::store::detail {

// Opens or creates the file (":memory:" for a private database), sets WAL, foreign keys,
// synchronous=NORMAL, the checkpoint interval, the cache, the memory map and the busy timeout,
// then applies each migration of `options` above the file's version, each in its own
// transaction. Refuses a file whose version is beyond the migrations:
//   database schema version 4 is newer than this torikumi understands (version 3); use a newer
//   torikumi
Result<Connection> open_configured(const std::string& path, const OpenOptions& options);

}  // namespace torikumi::store::detail
