// Small plans with a meeting task, for the meetings module's tests: made from JSON, read, or
// refused with their problems.

#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/plan/plan_json.hpp"

namespace torikumi::testing {

using nlohmann::json;

// A plan with a meeting task, a campaign, and `extra` merged into the plan and into its meeting.
inline json plan_document(const json& plan_extra = json::object(),
                          const json& meeting_extra = json::object()) {
  json document = json::parse(R"({
    "id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
    "tasks": [
      {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）"},
      {"id": "awareness", "title": "周知", "when": "（4～3月）"}]})");
  document.update(plan_extra);
  document["tasks"][0].update(meeting_extra);
  return document;
}

inline Plan plan_of(const json& document) {
  auto plan = read_plan_document(document);
  REQUIRE_MESSAGE(plan.ok(), (plan.ok() ? "" : plan.error().front().to_string()));
  return std::move(*plan);
}

// Each diagnostic of a refused plan: "where: message".
inline std::vector<std::string> problems_of(const json& document) {
  const auto plan = read_plan_document(document);
  REQUIRE_FALSE(plan.ok());
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : plan.error()) out.push_back(diagnostic.to_string());
  return out;
}

}  // namespace torikumi::testing
