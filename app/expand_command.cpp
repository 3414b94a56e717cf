#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/occurrence_json.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi expand PLAN [--fy YEAR] [--json] [--db FILE]\n"
    "\n"
    "PLAN is a plan JSON file or a 重要取組シート, imported on the fly (see torikumi import), or\n"
    "the id of a plan in the database (--db FILE, default ./torikumi.db), shown with what was\n"
    "recorded: each occurrence's status and the schedules set for it.\n"
    "Expands every task of a plan into dated occurrences inside one fiscal year: a window\n"
    "(start and due, the last day included), and for meetings with a meeting rule the\n"
    "scheduled start and end, moved off weekends, public holidays and the year-end closure.\n"
    "\n"
    "  --fy YEAR  the fiscal year, named by the calendar year it begins in (2026 = 令和8年度);\n"
    "             default: the plan's own fiscal_year if it states one, else the current\n"
    "             fiscal year in the plan's time zone\n"
    "  --json     an array of occurrences: id, task, title, period, start, due,\n"
    "             scheduled_start, scheduled_end (RFC 3339 or null), kind, series, status\n"
    "             (planned, scheduled, done, skipped, cancelled), ...\n"
    "\n"
    "The clock can be set for testing with TORIKUMI_NOW=YYYY-MM-DD.\n";

constexpr const char* kJapaneseWeekdays[] = {"日", "月", "火", "水", "木", "金", "土"};

void print_text(std::ostream& out, const Plan& plan, const Expansion& expansion,
                const RecordedState& state) {
  const auto& fiscal_year = expansion.fiscal_year;
  out << plan.id << ": FY" << static_cast<int>(fiscal_year.year()) << " ("
      << era_fiscal_year_label(fiscal_year) << ") " << format_iso_date(fiscal_year.first_day())
      << ".." << format_iso_date(fiscal_year.last_day()) << ", " << expansion.zone.name() << ": "
      << expansion.occurrences.size() << " occurrences, " << expansion.undated.size()
      << " undated\n";
  for (const auto& occurrence : expansion.occurrences) {
    const Task& task = *occurrence.task;
    out << format_iso_date(occurrence.start) << ".." << format_iso_date(occurrence.due) << "  "
        << task.period << "  " << to_string(task.kind) << "  ";
    if (occurrence.scheduled_start) {
      const date::local_seconds start = expansion.zone.to_local(*occurrence.scheduled_start);
      const date::local_seconds end = expansion.zone.to_local(*occurrence.scheduled_end);
      const auto local_day = date::floor<date::days>(start);
      out << format_iso_date(date::sys_days{local_day.time_since_epoch()}) << " ("
          << kJapaneseWeekdays[date::weekday{local_day}.c_encoding()] << ") "
          << date::format("%R", start) << "-" << date::format("%R", end);
      if (const MeetingRule* rule = plan.meeting_rule_for(task); rule && !rule->place.empty())
        out << " " << rule->place;
      if (occurrence.provisional) out << " (provisional)";
      out << "  ";
    }
    out << task.title << "  [" << occurrence.id << "]";
    if (const auto status = state.status_of(occurrence.id); status != OccurrenceStatus::planned)
      out << "  " << to_string(status);
    out << '\n';
  }
  for (const auto& series : expansion.series) {
    out << "series " << series.id << ": " << series.occurrences.size() << " occurrences";
    if (series.interval_months) out << ", every " << *series.interval_months << " months";
    out << '\n';
  }
  for (const Task* task : expansion.undated)
    out << "undated  " << (task->period.empty() ? "-" : task->period) << "  "
        << to_string(task->kind) << "  " << task->title << "  [" << task->id << "]\n";
}

}  // namespace

int run_expand(const std::vector<std::string>& args, Context& context) {
  const auto arguments =
      parse_command_line({.name = "expand",
                          .options = {.with_value = {"--fy", "--db"}, .flags = {"--json"}},
                          .positionals = 1,
                          .positional_names = "PLAN",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  const auto loaded =
      load_plan_with_state("expand", arguments->positionals().front(), *arguments, context);
  if (!loaded) return loaded.error();
  const Plan* plan = loaded->plan.get();
  const Expansion* expansion = &loaded->expansion;
  if (arguments->flag("--json")) {
    context.out << occurrences_to_json(*plan, *expansion, loaded->state).dump(2) << '\n';
  } else {
    print_text(context.out, *plan, *expansion, loaded->state);
  }
  return kExitOk;
}

}  // namespace torikumi::app
