#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi check PLAN [--lenient]\n"
    "\n"
    "Reads a plan (JSON, see docs/plan-format.md) and reports every problem in it, one per\n"
    "line, each with its JSON path. Prints a one-line summary when the plan is good.\n"
    "A 重要取組シート is imported on the fly; its warnings are printed as PLAN:LINE: message.\n"
    "A sheet with a schedule the importer refuses (not understood, running backwards through\n"
    "the fiscal year, or a bracket without its partner) is not good: its last line says how\n"
    "many.\n"
    "\n"
    "  --lenient  a sheet's refused schedules are warnings only (exit 0); the last line of\n"
    "             standard error says how many there were\n"
    "\n"
    "Exit status: 0 good, 1 the plan has problems (a sheet: refused schedules), 2 usage.\n";

}  // namespace

int run_check(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line({.name = "check",
                                             .options = {.with_value = {}, .flags = {"--lenient"}},
                                             .positionals = 1,
                                             .positional_names = "PLAN",
                                             .usage = kUsage},
                                            args, context.out, context.err);
  if (!arguments) return arguments.error();
  const std::string& path = arguments->positionals().front();
  const auto loaded = open_plan_file(path, context.err);
  if (!loaded) return loaded.error();
  const std::size_t refused = count_warnings(loaded->warnings, SheetWarningKind::schedule_refused);
  const bool lenient = arguments->flag("--lenient");
  if (refused > 0 && !lenient) {
    context.err << path << ": not ok: " << refused_schedules_text(refused)
                << " (above); give --lenient to accept it anyway\n";
    return kExitBadInput;
  }
  const Plan* plan = &loaded->plan;
  std::size_t dated = 0;
  for (const auto& task : plan->tasks) dated += task.when ? 1 : 0;
  const auto counted = [](std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
  };
  context.out << path << ": ok: plan " << plan->id << ", "
              << counted(plan->tasks.size(), "task", "tasks") << " (" << dated
              << " with a schedule), " << counted(plan->measures.size(), "measure", "measures")
              << ", " << counted(plan->kpis.size(), "KPI", "KPIs") << '\n';
  if (refused > 0)
    context.err << "--lenient: " << path << " is ok with " << refused_schedules_text(refused)
                << " (above)\n";
  return kExitOk;
}

}  // namespace torikumi::app
