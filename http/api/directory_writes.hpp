#pragma once

// The directory (who 担当 is: engine/plan/directory.hpp) through the API and the dashboard: read
// by editors and admins (it holds addresses), changed by admins only, each change audited by the
// store. docs/api.md lists the routes:
//   GET/PUT /api/directory                     the whole directory, as the config writes it
//   GET/PUT/DELETE /api/directory/owners/<o>   one owner's entry
//   GET/PUT/DELETE /api/directory/unlisted     the entry for the owners not listed

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/access/access_control.hpp"
#include "http/api/writes.hpp"

namespace torikumi::http {

// Which entry: an owner's, or (nullopt) the one for the owners not listed.
using DirectoryKey = std::optional<std::string>;
// The key as the store takes it.
std::optional<std::string_view> key_view(const DirectoryKey& key);

// Nothing when the principal may change the directory (an admin); else 403, worded on the pages
// (KnownRefusal::directory_needs_admin).
std::optional<HttpError> check_directory_editor(const Principal& principal);

// {"owners": {...}, "unlisted": {...}|null}
WriteResult directory_document(StorePlanCatalog& catalog, date::sys_seconds now);
// One entry, {"owner": "x"|null, "recipients": [...], "escalation": [...]}; 404 when none.
WriteResult directory_entry_document(StorePlanCatalog& catalog, const DirectoryKey& key,
                                     date::sys_seconds now);
// The whole directory replaced by the body (read as the config's `directory` is, every problem
// located from `directory`); the answer is the directory stored.
WriteResult replace_directory(StorePlanCatalog& catalog, const nlohmann::json& body,
                              const store::Actor& actor);
// One entry set from the body {"recipients": [...], "escalation"?: [...]}; the answer is the
// entry, with "created": true when there was none.
WriteResult put_directory_entry(StorePlanCatalog& catalog, const DirectoryKey& key,
                                const nlohmann::json& body, const store::Actor& actor);
// One entry removed; the answer is the entry as it was, with "removed": true.
WriteResult remove_directory_entry(StorePlanCatalog& catalog, const DirectoryKey& key,
                                   const store::Actor& actor);

}  // namespace torikumi::http
