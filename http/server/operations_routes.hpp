#pragma once

// The operations' handler group: GET /healthz and GET /metrics (for whom server.metrics lets).

#include <vector>

#include "http/access/gatekeeper.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/transport/metrics.hpp"
#include "http/transport/route.hpp"

namespace torikumi::http {

// Every argument must outlive the routes.
std::vector<Route> operations_routes(const Metrics& metrics, const FeedCache& feeds,
                                     ReminderBoard& reminders, const Gatekeeper& gate);

}  // namespace torikumi::http
