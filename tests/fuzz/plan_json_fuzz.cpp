// read_plan_json over any text. A plan it accepts is written by plan_to_json so that it reads
// back equal, and expands in its fiscal year (expand_plan's REQUIRES is what the reader checks).

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const auto plan = read_plan_json(fuzz::text_of(data, size));
  if (!plan) {
    TORIKUMI_FUZZ_CHECK(!plan.error().empty());
    return 0;
  }
  const std::string written = plan_to_json(*plan).dump();
  const auto again = read_plan_json(written);
  TORIKUMI_FUZZ_CHECK(again.ok());
  TORIKUMI_FUZZ_CHECK(*again == *plan);
  const auto expansion = expand_plan(*plan, date::year{plan->fiscal_year.value_or(2026)});
  TORIKUMI_FUZZ_CHECK(expansion.ok());  // the reader checked the time zone
  return 0;
}
