#pragma once

// What the fuzz targets share: the input as text, and invariants that stop the run. A failed
// invariant prints what failed and aborts, which libFuzzer reports as a crash with its input and
// the ordinary build's corpus driver as a failed test.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace torikumi::fuzz {

// The fuzzer's bytes as the text the readers take; any bytes at all, not only UTF-8.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, condition);
  std::abort();
}

}  // namespace torikumi::fuzz

// Stops the run unless the condition holds; in every build type, unlike assert.
#define TORIKUMI_FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::torikumi::fuzz::fail(#condition, __FILE__, __LINE__))
