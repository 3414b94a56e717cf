#pragma once

// The outbox rows both its writers enter (Outbox::reconcile for reminders, Store::
// record_invitation for invitations): one delivery per endpoint, dead at once for an endpoint a
// 410 disabled. Internal to store/.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "store/detail/sqlite.hpp"

namespace torikumi::store::detail {

// Whether each endpoint is disabled, in their order.
Result<std::vector<bool>> disabled_endpoints_of(Connection& connection,
                                                std::span<const std::string> endpoints);

// A delivery of message `id` to each endpoint, due at `at` (instant text), inside the caller's
// transaction. REQUIRES: `disabled` is disabled_endpoints_of(endpoints).
Status insert_deliveries(Connection& connection, std::string_view id,
                         std::span<const std::string> endpoints, const std::vector<bool>& disabled,
                         std::string_view at);

}  // namespace torikumi::store::detail
