// import_sheet over any bytes. A sheet it reads gives a plan that read_plan_json accepts, as its
// contract says: written with plan_to_json (which throws on text that is not UTF-8), read back
// equal, and expanded in the fiscal year the sheet names.

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const auto imported = import_sheet(fuzz::text_of(data, size), SheetImportOptions{});
  if (!imported) {
    TORIKUMI_FUZZ_CHECK(!imported.error().message.empty());
    return 0;
  }
  const Plan& plan = imported->plan;
  const std::string written = plan_to_json(plan).dump();
  const auto again = read_plan_json(written);
  TORIKUMI_FUZZ_CHECK(again.ok());
  TORIKUMI_FUZZ_CHECK(*again == plan);
  const auto expansion = expand_plan(plan, date::year{plan.fiscal_year.value_or(2026)});
  TORIKUMI_FUZZ_CHECK(expansion.ok());
  return 0;
}
