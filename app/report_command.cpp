#include <fstream>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/progress_form.hpp"
#include "engine/progress/progress_marks.hpp"
#include "http/pages/templates/progress_form_html.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi report PLAN [--fy YEAR] [--period 前期|中期|後期] [--format html|md|text] [-o "
    "FILE]\n"
    "                       [--db FILE]\n"
    "\n"
    "Writes the sheet's progress form (様式4) from the plan and what was recorded: the\n"
    "schedule by period with each checkbox ticked when done, the progress lines per period,\n"
    "the KPI with its baseline and target, and the SDG goal.\n"
    "\n"
    "  --fy YEAR     the fiscal year (default: the plan's own, else the current one)\n"
    "  --period P    the form as of the end of period P: later periods' progress left empty\n"
    "  --format F    html (default: one A4 page, print-ready), md, or text (the sheet's own\n"
    "                tab-separated layout with ☑/☐ ticks, which torikumi import reads back)\n"
    "  -o FILE       write to FILE instead of standard output\n"
    "\n"
    "PLAN is a plan JSON file or a 重要取組シート, imported on the fly, whose own progress lines\n"
    "are what was recorded; or the id of a plan in the database (--db FILE, default\n"
    "./torikumi.db), whose completions and progress notes fill the form.\n";

}  // namespace

int run_report(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "report",
       .options = {.with_value = {"--fy", "--period", "--format", "-o", "--db"}, .flags = {}},
       .positionals = 1,
       .positional_names = "PLAN",
       .usage = kUsage},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  ProgressFormOptions options;
  const std::string format = arguments->value("--format").value_or("html");
  const bool html = format == "html";  // laid out by http/pages/templates/progress_form_html
  if (format == "md" || format == "markdown") {
    options.format = FormFormat::markdown;
  } else if (format == "text") {
    options.format = FormFormat::text;
  } else if (!html) {
    context.err << "torikumi report: --format: expected html, md or text, got \"" << format
                << "\"\n";
    return kExitUsage;
  }

  const auto loaded =
      load_plan_with_state("report", arguments->positionals().front(), *arguments, context);
  if (!loaded) return loaded.error();
  const Plan* plan = loaded->plan.get();
  if (const auto period = arguments->value("--period")) {
    if (period_index(*plan, *period) == plan->periods.size()) {
      const std::string names = list_period_names(plan->periods);
      context.err << "torikumi report: --period: unknown period \"" << *period
                  << "\", expected one of " << names << '\n';
      return kExitUsage;
    }
    options.up_to_period = *period;
  }
  const std::string form =
      html
          ? render_progress_form_html(*plan, loaded->expansion, loaded->state, options.up_to_period)
          : render_progress_form(*plan, loaded->expansion, loaded->state, options);
  if (const auto output = arguments->value("-o")) {
    std::ofstream file{*output, std::ios::binary | std::ios::trunc};
    file << form;
    file.close();
    if (!file) {
      context.err << "torikumi report: cannot write " << *output << '\n';
      return kExitBadInput;
    }
    return kExitOk;
  }
  context.out << form;
  return kExitOk;
}

}  // namespace torikumi::app
