#pragma once

// Reading a plan named on the command line.

#include <string>

#include "engine/plan.hpp"
#include "engine/result.hpp"

namespace torikumi::app {

// Reads a plan file. Errors are located by file: `plan.json: plan.tasks[2].when: ...`, or
// `plan.json: cannot read: No such file or directory`.
Result<Plan, Diagnostics> load_plan_file(const std::string& path);

// Prints each diagnostic on its own line, prefixed by the file name.
void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics);

}  // namespace torikumi::app
