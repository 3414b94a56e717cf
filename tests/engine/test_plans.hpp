#pragma once

// What the engine tests share: the Higashi Ward plan, read from examples/.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/plan/plan_json.hpp"

namespace torikumi::testing {

inline Plan higashi_plan() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"};
  std::ostringstream text;
  text << file.rdbuf();
  auto plan = read_plan_json(text.str());
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

}  // namespace torikumi::testing
