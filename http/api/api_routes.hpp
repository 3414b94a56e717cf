#pragma once

// The JSON API's handler groups (docs/api.md), as rows of the server's route table: the reads
// (api_read_routes.cpp) and the writes (api_write_routes.cpp). Each asks the gatekeeper who is
// calling, and answers errors as {"error": "..."}.

#include <date/date.h>

#include <functional>
#include <string>
#include <vector>

#include "http/access/gatekeeper.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/transport/route.hpp"

namespace torikumi::http {

// What the API's handlers work with. Every member must outlive the routes.
struct ApiContext {
  StorePlanCatalog& catalog;
  Gatekeeper& gate;
  ReminderBoard& reminders;
  std::function<date::sys_seconds()> clock;
  std::function<std::string()> base_url;  // where people reach the server, for feed URLs
};

// GET /api/plans, /api/plans/<id>[/occurrences|/progress|/kpis|/reminders], /api/history,
// /api/deliveries, and 404 for any other GET under /api/.
std::vector<Route> api_read_routes(const ApiContext& context);

// The writes: completion, undo, skip, cancel, schedule, activity, notes, KPI values, replays
// and subscriptions. Each needs an editor's bearer token and holds its fields to their limits.
std::vector<Route> api_write_routes(const ApiContext& context);

// A new subscription's feed URL, with its secret: shown once.
std::string subscription_url(const std::string& base_url, const NewSubscription& made);

}  // namespace torikumi::http
