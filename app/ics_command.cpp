#include <fstream>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "calendars/feed.hpp"
#include "calendars/occurrence_state.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/progress_marks.hpp"
#include "engine/progress/recorded_state.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi ics PLAN_OR_SHEET [--fy YEAR] [--owner NAME] [--kind K] [--period P]\n"
    "                    [--no-todos] [--base-url URL] [-o FILE] [--db FILE]\n"
    "\n"
    "PLAN_OR_SHEET is a plan JSON file or a 重要取組シート, imported on the fly, or the id of a\n"
    "plan in the database (--db FILE, default ./torikumi.db): then what was recorded shows —\n"
    "done (✓), skipped (left out), cancelled, rescheduled — and each change raises SEQUENCE.\n"
    "Writes the plan's iCalendar feed (RFC 5545) for Outlook, Google, Apple and Thunderbird:\n"
    "meetings as events in the plan's time zone (a regular series as one recurring event),\n"
    "windows, spans and deadlines as all-day events that do not block time, each with a to-do\n"
    "twin. What the plan's progress lines report done is marked with a ✓.\n"
    "\n"
    "  --fy YEAR       the fiscal year (default: the plan's own, as its JSON's fiscal_year,\n"
    "                  a sheet's title or the database states it; else the current one in the\n"
    "                  plan's time zone)\n"
    "  --owner NAME    only the tasks of that owner (担当)\n"
    "  --kind K        only tasks of kind K: meeting, campaign or deliverable\n"
    "  --period P      only occurrences in period P (前期, 中期, 後期); a span is in each it "
    "overlaps\n"
    "  --no-todos      leave out the to-do twins\n"
    "  --base-url URL  link each event to its page on the dashboard at URL\n"
    "  -o FILE         write to FILE instead of standard output\n";

}  // namespace

int run_ics(const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = "ics",
                          .options = {.with_value = {"--fy", "--owner", "--kind", "--period",
                                                     "--base-url", "-o", "--db"},
                                      .flags = {"--no-todos"}},
                          .positionals = 1,
                          .positional_names = "PLAN_OR_SHEET",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  calendars::FeedOptions options;
  options.product_id = "-//torikumi//torikumi " TORIKUMI_VERSION "//JA";
  options.todos =
      arguments->flag("--no-todos") ? calendars::TodoTwins::omit : calendars::TodoTwins::include;
  options.base_url = arguments->value("--base-url").value_or("");
  options.filter.owner = arguments->value("--owner");
  if (const auto kind = arguments->value("--kind")) {
    options.filter.kind = parse_task_kind(*kind);
    if (!options.filter.kind) {
      context.err << "torikumi ics: --kind: expected meeting, campaign, deliverable, as-needed or "
                     "next-year, got \""
                  << *kind << "\"\n";
      return kExitUsage;
    }
  }

  const std::string& path = arguments->positionals().front();
  auto loaded = load_plan_with_state("ics", path, *arguments, context);
  if (!loaded) return loaded.error();
  const Plan* plan = loaded->plan.get();
  if (const auto period = arguments->value("--period")) {
    if (period_index(*plan, *period) == plan->periods.size()) {
      const std::string names = list_period_names(plan->periods);
      context.err << "torikumi ics: --period: unknown period \"" << *period
                  << "\", expected one of " << names << '\n';
      return kExitUsage;
    }
    options.filter.period = *period;
  }
  if (loaded->from_store) apply_schedule_overrides(loaded->expansion, loaded->state);
  const Expansion* expansion = &loaded->expansion;
  const calendars::OccurrenceStates states =
      loaded->from_store
          ? calendars::states_from_record(*plan, *expansion, loaded->state)
          : calendars::states_from_progress(*plan, *expansion, mark_progress(*plan, *expansion));
  const auto feed = calendars::render_plan_feed({plan, &*expansion, &states}, options);
  if (!feed) {
    context.err << path << ": " << feed.error().message << '\n';
    return kExitBadInput;
  }
  if (const auto output = arguments->value("-o")) {
    std::ofstream file{*output, std::ios::binary | std::ios::trunc};
    file << *feed;
    file.close();
    if (!file) {
      context.err << "torikumi ics: cannot write " << *output << '\n';
      return kExitBadInput;
    }
    return kExitOk;
  }
  context.out << *feed;
  return kExitOk;
}

}  // namespace torikumi::app
