#pragma once

// Reading the --config file (docs/config.md) for the commands that take one.

#include <iosfwd>
#include <string>

#include "app/arguments.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"

namespace torikumi::app {

// The config in FILE; on failure every problem printed as `torikumi COMMAND: FILE: where: what`
// and kExitBadInput.
Result<Config, ExitCode> read_config_file(const std::string& command, const std::string& path,
                                          std::ostream& err);

}  // namespace torikumi::app
