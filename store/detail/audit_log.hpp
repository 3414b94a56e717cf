#pragma once

// Writing the audit log (docs/store.md): every change of the store, by whoever makes it (Store,
// Access), goes in the same table the same way. Internal to store/.

#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "store/detail/sqlite.hpp"
#include "store/store.hpp"

namespace torikumi::store::detail {

// One entry, inside the caller's transaction. before and after are JSON texts; nullopt: none
// (a creation or a removal).
Status append_audit_entry(Connection& connection, const Actor& actor, std::string_view action,
                          std::string_view subject, const std::optional<std::string>& before,
                          const std::optional<std::string>& after);

}  // namespace torikumi::store::detail
