#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/plan/plan_json.hpp"

namespace torikumi::testing {

// The Higashi example with the progress the seed sheet reports for 前期 and 中期.
inline Plan higashi_with_progress() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"};
  nlohmann::json document = nlohmann::json::parse(file);
  document["progress"] = nlohmann::json::array({
      {{"period", "前期"},
       {"text", "多機関協働のための会議の開催、個別支援の実施"},
       {"source_text", "多機関協働のための会議の開催（4、6月）、個別支援の実施（隨時）"},
       {"months", {4, 6}},
       {"task", "multi-agency-meeting-zenki"},
       {"score", 0.71}},
      {{"period", "前期"},
       {"text", "こども家庭センターにおけるサポートプラン作成"},
       {"task", "support-plan"},
       {"score", 0.6}},
      {{"period", "中期"},
       {"text", "多機関協働のための会議の開催、個別支援の実施"},
       {"source_text", "多機関協働のための会議の開催（8月、10月）、個別支援の実施（隨時）"},
       {"months", {8, 10}},
       {"task", "multi-agency-meeting-chuki"},
       {"score", 0.71}},
      {{"period", "中期"}, {"text", "夏休み中の見守り支援"}},
  });
  auto plan = read_plan_document(document);
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

}  // namespace torikumi::testing
