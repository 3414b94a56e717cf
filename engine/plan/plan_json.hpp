#pragma once

// The plan's JSON format, documented in docs/plan-format.md.

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

// Reads and validates a plan. On failure returns every problem at once, each located by its
// JSON path: `plan.tasks[2].when: unknown month "13" at character 2 in "（13月）"`.
Result<Plan, Diagnostics> read_plan_json(std::string_view text);
Result<Plan, Diagnostics> read_plan_document(const nlohmann::json& document);

// Writes a plan so that read_plan_json gives it back equal. Defaults are written too.
nlohmann::json plan_to_json(const Plan& plan);

// A meeting rule as plan JSON writes it: {"week", "weekday", "start", "duration_minutes", ...}.
nlohmann::json meeting_rule_to_json(const MeetingRule& rule);

// "14:00" → 840 minutes; nullopt unless HH:MM on a 24-hour clock.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);

// "14:00" for 840 minutes.
std::string format_time_of_day(std::chrono::minutes time);

}  // namespace torikumi
