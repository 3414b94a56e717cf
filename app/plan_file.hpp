#pragma once

// Reading a plan named on the command line.

#include <date/date.h>

#include <optional>
#include <string>

#include "app/arguments.hpp"
#include "engine/plan.hpp"
#include "engine/result.hpp"

namespace torikumi::app {

// Reads a plan file. Errors are located by file: `plan.json: plan.tasks[2].when: ...`, or
// `plan.json: cannot read: No such file or directory`.
Result<Plan, Diagnostics> load_plan_file(const std::string& path);

// Prints each diagnostic on its own line, prefixed by the file name.
void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics);

// The --fy option's year (1949 to 2099), nullopt when not given, or the error to print.
Result<std::optional<int>> requested_fiscal_year(const Arguments& arguments);

// The fiscal year a command works on: the one asked for, else the one `now` falls in, in the
// plan's time zone with its first month.
date::year choose_fiscal_year(const Plan& plan, std::optional<int> requested, date::sys_seconds now);

}  // namespace torikumi::app
