#pragma once

// What the tests of uploads and edits share: a file of the source tree, a catalog over an empty
// store whose clock stands still, and the editor who writes.

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "http/api/plan_writes.hpp"
#include "http/catalog/store_catalog.hpp"

namespace torikumi::http::testing {

// The file at `path` below the source tree, as bytes.
inline std::string file_text(const std::string& path) {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/" + path, std::ios::binary};
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The catalogs' now: 10:00 on Monday 7 December 2026 in Tokyo.
inline const date::sys_seconds kNow =
    date::sys_days{date::year{2026} / date::December / 7} + std::chrono::hours{1};

inline const store::Actor kEditor{"編集者", kNow};

// A catalog over the empty store at `path`, whose clock says kNow.
inline std::unique_ptr<StorePlanCatalog> empty_catalog(const std::string& path) {
  auto store = store::Store::open(path);
  REQUIRE(store.ok());
  auto catalog = StorePlanCatalog::create(std::move(*store), std::nullopt, [] { return kNow; });
  REQUIRE(catalog.ok());
  return std::move(*catalog);
}

// A catalog over the empty store at `path` with the plan of `file` (below the source tree) stored.
inline std::unique_ptr<StorePlanCatalog> catalog_with(const std::string& path,
                                                      const std::string& file) {
  auto catalog = empty_catalog(path);
  const std::string bytes = file_text(file);
  REQUIRE(
      take_plan(*catalog, {.bytes = bytes, .name = file}, kEditor, store::ImportMode::write).ok());
  return catalog;
}

}  // namespace torikumi::http::testing
