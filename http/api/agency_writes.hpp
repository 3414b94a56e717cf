#pragma once

// Agencies (engine/meetings/agency.hpp) through the API: read by editors and admins (members'
// addresses), changed by admins only, each change audited by the store. docs/api.md lists them:
//   GET /api/agencies                    every agency with its members, current and former
//   PUT /api/agencies                    an import: each agency of the body added or replaced
//   GET/PUT/DELETE /api/agencies/<name>  one agency

#include <string_view>

#include <nlohmann/json.hpp>

#include "http/api/writes.hpp"

namespace torikumi::http {

// {"agencies": [...]}, as `torikumi agency import` reads.
WriteResult agencies_document(StorePlanCatalog& catalog);
// One agency; 404 when there is none.
WriteResult agency_document(StorePlanCatalog& catalog, std::string_view name);
// Each agency of the body ({"agencies": [...]}) added or replaced by name; the others stay.
WriteResult import_agencies(StorePlanCatalog& catalog, const nlohmann::json& body,
                            const store::Actor& actor);
// The agency of that name set to the body (its "name" may be left out; if given, it must be the
// path's): {"agency": {...}, "created": bool}.
WriteResult put_agency(StorePlanCatalog& catalog, std::string_view name, const nlohmann::json& body,
                       const store::Actor& actor);
WriteResult remove_agency(StorePlanCatalog& catalog, std::string_view name,
                          const store::Actor& actor);

}  // namespace torikumi::http
