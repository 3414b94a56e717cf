// parse_when over any text. What it accepts, its canonical form (to_string) gives back: the
// canonical text parses to the same value and is its own canonical form.

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/schedule/when_expression.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const auto parsed = parse_when(fuzz::text_of(data, size));
  if (!parsed) {
    TORIKUMI_FUZZ_CHECK(!parsed.error().message.empty());
    return 0;
  }
  const std::string canonical = to_string(*parsed);
  const auto again = parse_when(canonical);
  TORIKUMI_FUZZ_CHECK(again.ok());
  TORIKUMI_FUZZ_CHECK(*again == *parsed);
  TORIKUMI_FUZZ_CHECK(to_string(*again) == canonical);
  return 0;
}
