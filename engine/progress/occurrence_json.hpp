#pragma once

// Occurrences as JSON, the shape `torikumi expand --json` prints and the HTTP API returns.

#include <nlohmann/json.hpp>

#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"

namespace torikumi {

// {"id", "plan", "task", "title", "source_text", "period", "periods", "start", "due",
//  "scheduled_start", "scheduled_end", "place", "kind", "owner", "measure", "series",
//  "provisional", "status", "reason", "completed_at", "revision"}; dates YYYY-MM-DD, instants
// RFC 3339 with the plan zone's offset or null. A record's schedule overrides (`torikumi
// schedule`) replace the expansion's; without a record the status is "planned".
nlohmann::json occurrence_to_json(const Plan& plan, const Expansion& expansion,
                                  const Occurrence& occurrence,
                                  const OccurrenceRecord* record = nullptr);

// An array of every occurrence, in the expansion's order, with what was recorded of each.
nlohmann::json occurrences_to_json(const Plan& plan, const Expansion& expansion,
                                   const RecordedState& state);

// The same with nothing recorded: every status "planned".
nlohmann::json occurrences_to_json(const Plan& plan, const Expansion& expansion);

}  // namespace torikumi
