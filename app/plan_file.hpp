#pragma once

// Reading a plan named on the command line: a plan JSON file or a 重要取組シート.

#include <date/date.h>

#include <iosfwd>
#include <optional>
#include <string>

#include "app/arguments.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/sheet/plan_source.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi::app {

// The bytes of a file, or of standard input for "-"; the error is
// `cannot read: No such file or directory`.
Result<std::string> read_text_file(const std::string& path);

// Reads a plan file with read_plan_source (engine/sheet/plan_source.hpp). Errors are located
// relative to the file, for print_diagnostics: `plan.tasks[2].when: ...`, `cannot read: ...`,
// `not a 重要取組シート: ...`.
Result<LoadedPlan, Diagnostics> read_plan_file(const std::string& path);

// read_plan_file without the warnings.
Result<Plan, Diagnostics> load_plan_file(const std::string& path);

// read_plan_file for a command: prints the errors (and then returns kExitBadInput) or the
// importer's warnings to `err`.
Result<LoadedPlan, ExitCode> open_plan_file(const std::string& path, std::ostream& err);

// Prints each diagnostic on its own line, prefixed by the file name.
void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics);

// Prints each warning on its own line as `where: message`.
void print_warnings(std::ostream& err, const std::vector<SheetWarning>& warnings);

// "1 schedule refused", "3 schedules refused": the sheet's warnings of that kind, counted.
std::string refused_schedules_text(std::size_t count);

// The --fy option's year (1949 to 2099), nullopt when not given, or the error to print.
Result<std::optional<int>> requested_fiscal_year(const Arguments& arguments);

// The fiscal year a command works on: the one asked for, else the one the plan was written for
// (its fiscal_year, set by `import --fy`), else the one `now` falls in, in the plan's time
// zone with its first month.
date::year choose_fiscal_year(const Plan& plan, std::optional<int> requested,
                              date::sys_seconds now);

}  // namespace torikumi::app
