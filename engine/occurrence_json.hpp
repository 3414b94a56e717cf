#pragma once

// Occurrences as JSON, the shape `torikumi expand --json` prints and the HTTP API returns.

#include <nlohmann/json.hpp>

#include "engine/expansion.hpp"

namespace torikumi {

// {"id", "plan", "task", "title", "source_text", "period", "periods", "start", "due",
//  "scheduled_start", "scheduled_end", "place", "kind", "owner", "measure", "series",
//  "provisional"}; dates YYYY-MM-DD, instants RFC 3339 with the plan zone's offset or null.
nlohmann::json occurrence_to_json(const Plan& plan, const Expansion& expansion,
                                  const Occurrence& occurrence);

// An array of every occurrence, in the expansion's order.
nlohmann::json occurrences_to_json(const Plan& plan, const Expansion& expansion);

}  // namespace torikumi
