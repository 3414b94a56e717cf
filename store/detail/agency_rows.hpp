#pragma once

// Agencies' rows (schema migration 10), read and written inside a caller's transaction: shared by
// the agency calls (store/agencies.cpp) and the directory made of them (store/directory.cpp).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/meetings/agency.hpp"
#include "store/detail/sqlite.hpp"
#include "store/store.hpp"

namespace torikumi::store::detail {

struct AgencyRow {
  std::int64_t id = 0;
  Agency agency;
};

// Every agency with its members in order, by name.
Result<std::vector<Agency>> read_agencies(Connection& connection);
// The agency of that name, if there is one.
Result<std::optional<AgencyRow>> find_agency(Connection& connection, std::string_view name);
// Writes `agency` (a new row when `id` is none), replacing its members; returns its id.
Result<std::int64_t> write_agency(Connection& connection, std::optional<std::int64_t> id,
                                  const Agency& agency, const Actor& actor);

}  // namespace torikumi::store::detail
