// The repository's example files, read whole by tests (TORIKUMI_SOURCE_DIR is the source tree).

#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace torikumi::testing {

// The text of examples/<path>; the test stops when it cannot be read.
inline std::string example_text(const std::string& path) {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/" + path, std::ios::binary};
  REQUIRE_MESSAGE(file, "examples/" << path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace torikumi::testing
