#pragma once

// The store's schema, as a list of migrations by schema version (PRAGMA user_version).
//
// To change the schema, append a Migration to the list in migrations.cpp with the next version
// and the SQL that takes a file from the previous version to it; never edit one that shipped.
// Store::open applies the missing ones in order, each in its own transaction with the version
// it reaches, so a newer binary upgrades an older file and a file is never half-migrated; an
// older binary refuses a file whose version it does not know. docs/store.md lists them.

#include <span>
#include <string_view>

namespace torikumi::store {

struct Migration {
  int version;            // 1, 2, ...: the schema version the file has after it
  std::string_view name;  // what it adds, for the log and docs/store.md
  std::string_view sql;   // statements, run as one script inside the migration's transaction
};

// Every migration, in increasing version order, starting at 1 (a version may be missing: each
// one above the file's version is applied).
std::span<const Migration> schema_migrations();

// The version schema_migrations() takes a file to: what this binary understands.
int latest_schema_version();

}  // namespace torikumi::store
