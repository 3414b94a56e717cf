// torikumi progress and torikumi history: what was recorded, read back.

#include <cstdio>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/progress/period_progress.hpp"
#include "engine/progress/progress_form.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kProgressUsage =
    "usage: torikumi progress PLAN [--fy YEAR] [--as-of DATE] [--json] [--db FILE]\n"
    "\n"
    "Progress against each period: planned, done, pending, overdue (pending and due before the\n"
    "as-of day), percent done, and logged as-needed (随時) activity, which is not in the percent.\n"
    "Each month occurrence and deadline counts once in its period; a span counts once in each\n"
    "period it overlaps, done there when the occurrence is done or its task has a progress note\n"
    "for that period. Skipped and cancelled occurrences leave the planned count.\n"
    "\n"
    "PLAN is a plan id in the database (--db, default ./torikumi.db), or a plan file or sheet,\n"
    "whose own progress lines are what was recorded.\n"
    "\n"
    "  --fy YEAR       the fiscal year (default: the plan's own, else the current one)\n"
    "  --as-of DATE    YYYY-MM-DD (default: today in the plan's zone)\n"
    "  --json          {\"plan\", \"fiscal_year\", \"as_of\", \"periods\": [{\"period\", "
    "\"planned\", \"done\",\n"
    "                  \"pending\", \"overdue\", \"percent\", \"logged\", ...}]}\n";

constexpr const char* kHistoryUsage =
    "usage: torikumi history [SUBJECT] [--json] [--db FILE]\n"
    "\n"
    "The audit log, oldest first: every change with who, when, what, before and after. SUBJECT\n"
    "narrows it to an occurrence, a plan (and everything in it) or PLAN/TASK.\n";

}  // namespace

int run_progress(const std::vector<std::string>& args, Context& context) {
  const auto arguments = parse_command_line(
      {.name = "progress",
       .options = {.with_value = {"--db", "--fy", "--as-of"}, .flags = {"--json"}},
       .positionals = 1,
       .positional_names = "PLAN",
       .usage = kProgressUsage},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  std::optional<date::sys_days> as_of;
  if (const auto text = arguments->value("--as-of")) {
    as_of = parse_iso_date(*text);
    if (!as_of) {
      context.err << "torikumi progress: --as-of: expected YYYY-MM-DD, got \"" << *text << "\"\n";
      return kExitUsage;
    }
  }
  const auto loaded =
      load_plan_with_state("progress", arguments->positionals().front(), *arguments, context);
  if (!loaded) return loaded.error();
  const Plan& plan = *loaded->plan;
  const PlanProgress progress = compute_period_progress(
      plan, loaded->expansion, loaded->state, as_of.value_or(plan.time_zone.today(context.now)));
  if (arguments->flag("--json")) {
    context.out << progress_to_json(progress).dump(2) << '\n';
    return kExitOk;
  }
  context.out << plan.id << ": FY" << progress.fiscal_year << " ("
              << era_fiscal_year_label(loaded->expansion.fiscal_year) << ") as of "
              << format_iso_date(progress.as_of) << '\n';
  for (const PeriodProgress& period : progress.periods) {
    char percent[16] = "-";
    if (period.percent) std::snprintf(percent, sizeof percent, "%.1f%%", *period.percent);
    context.out << period.period << "  " << format_iso_date(period.first_day) << ".."
                << format_iso_date(period.last_day) << "  planned " << period.planned << "  done "
                << period.done << "  pending " << period.pending << "  overdue " << period.overdue
                << "  " << percent << "  logged " << period.logged;
    if (period.skipped > 0) context.out << "  skipped " << period.skipped;
    if (period.cancelled > 0) context.out << "  cancelled " << period.cancelled;
    context.out << '\n';
  }
  return kExitOk;
}

int run_history(const std::vector<std::string>& args, Context& context) {
  // SUBJECT is optional: count the positionals first, then read the line for real.
  const auto probe =
      Arguments::parse(args, {.with_value = {"--db"}, .flags = {"--json", "--help", "-h"}});
  const bool with_subject = probe && !probe->positionals().empty();
  const auto arguments =
      parse_command_line({.name = "history",
                          .options = {.with_value = {"--db"}, .flags = {"--json"}},
                          .positionals = with_subject ? 1u : 0u,
                          .positional_names = "SUBJECT",
                          .usage = kHistoryUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  auto store = open_store("history", *arguments, context.err);
  if (!store) return store.error();
  std::optional<std::string_view> subject;
  if (with_subject) subject = arguments->positionals().front();
  const auto entries = store->history(subject);
  if (!entries) {
    context.err << "torikumi history: " << database_path(*arguments) << ": "
                << entries.error().message << '\n';
    return kExitBadInput;
  }
  if (arguments->flag("--json")) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& entry : *entries) {
      array.push_back({{"id", entry.id},
                       {"at", format_utc_instant(entry.at)},
                       {"by", entry.by},
                       {"action", entry.action},
                       {"subject", entry.subject},
                       {"before", entry.before.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json::parse(entry.before)},
                       {"after", entry.after.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json::parse(entry.after)}});
    }
    context.out << array.dump(2) << '\n';
    return kExitOk;
  }
  for (const auto& entry : *entries) {
    context.out << format_utc_instant(entry.at) << "  " << entry.by << "  " << entry.action << "  "
                << entry.subject;
    if (!entry.before.empty() || !entry.after.empty())
      context.out << "  " << (entry.before.empty() ? "-" : entry.before) << " -> "
                  << (entry.after.empty() ? "-" : entry.after);
    context.out << '\n';
  }
  return kExitOk;
}

}  // namespace torikumi::app
