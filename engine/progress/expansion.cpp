#include "engine/progress/expansion.hpp"

#include <date/tz.h>

#include <algorithm>
#include <map>
#include <span>
#include <stdexcept>
#include <utility>

#include "engine/calendar/japanese_holidays.hpp"
#include "engine/calendar/time_text.hpp"

namespace torikumi {

using namespace date;

namespace {

// A window before it becomes an occurrence, with the key that names it.
struct Window {
  sys_days start;
  sys_days due;
  std::string key;
  bool month_window = false;  // the whole of (or part of) one month: meetings are scheduled in it
  bool fixed_day = false;     // a day as written (7月20日): held on it, never moved
  bool rule_day = false;      // a day a rule gives (毎週金曜日): moved or skipped when closed
  unsigned week = 0;          // in a month window, this week of the rule's weekday (第2・第4)
};

std::string month_key(year_month month) {
  const int y = static_cast<int>(month.year());
  const unsigned m = static_cast<unsigned>(month.month());
  std::string key = std::to_string(y);
  key += '-';
  key += static_cast<char>('0' + m / 10);
  key += static_cast<char>('0' + m % 10);
  return key;
}

std::string fiscal_year_key(const FiscalYear& fiscal_year) {
  return "fy" + std::to_string(static_cast<int>(fiscal_year.year()));
}

// Narrows a month's window to 上旬 (1–10), 中旬 (11–20) or 下旬 (21–end).
void narrow_to_part(Window& window, const std::optional<PartOfMonth>& part) {
  if (!part) return;
  const year_month month =
      year_month_day{window.start}.year() / year_month_day{window.start}.month();
  switch (*part) {
    case PartOfMonth::early:
      window.due = sys_days{month / 10};
      break;
    case PartOfMonth::middle:
      window.start = sys_days{month / 11};
      window.due = sys_days{month / 20};
      break;
    case PartOfMonth::late:
      window.start = sys_days{month / 21};
      break;
  }
}

Window month_window(year_month month) {
  return {sys_days{month / 1}, sys_days{month / last}, month_key(month), true};
}

// Day `days.first` (or `days.last`) of a month, cut to the month's length.
sys_days first_of(year_month month, const DaysOfMonth& days) {
  return std::min(sys_days{month / date::day{days.first}}, sys_days{month / date::last});
}
sys_days last_of(year_month month, const DaysOfMonth& days) {
  return std::min(sys_days{month / date::day{days.last}}, sys_days{month / date::last});
}

class TaskExpander {
 public:
  explicit TaskExpander(const FiscalCalendar& calendar)
      : calendar_(calendar), fiscal_year_(calendar.fiscal_year()) {}

  // Appends the windows of one task to `result`, in date order; returns how many.
  std::size_t append_windows(const Task& task, std::vector<Window>& result) const {
    const std::size_t first_window = result.size();
    if (task.period == kNextYearPeriod) return 0;
    if (!task.when) {
      // A row with no schedule is work over its period (or the year).
      result.push_back({row_start(task), row_end(task), fiscal_year_key(fiscal_year_), false});
      return 1;
    }
    const WhenExpression& when = *task.when;
    if (!applies_in(when, fiscal_year_.first_year_month().month(),
                    static_cast<int>(fiscal_year_.year())))
      return 0;
    std::visit(
        [&](const auto& rule) {
          using Rule = std::decay_t<decltype(rule)>;
          if constexpr (std::is_same_v<Rule, when::Months>) {
            for (const month m : rule.months)
              result.push_back(month_window(fiscal_year_.resolve(m)));
          } else if constexpr (std::is_same_v<Rule, when::Every>) {
            append_every(rule, row_start(task), row_end(task), result);
          } else if constexpr (std::is_same_v<Rule, when::Weekly>) {
            append_weekly(rule, row_start(task), row_end(task), result);
          } else if constexpr (std::is_same_v<Rule, when::Span>) {
            result.push_back({first_of(fiscal_year_.resolve(rule.first), rule.first_days),
                              last_of(fiscal_year_.resolve(rule.last), rule.last_days),
                              fiscal_year_key(fiscal_year_), false});
          } else if constexpr (std::is_same_v<Rule, when::Until>) {
            const sys_days due = last_of(fiscal_year_.resolve(rule.last), rule.days);
            const sys_days month_start{fiscal_year_.resolve(rule.last) / 1};
            result.push_back({std::min(row_start(task), month_start), due,
                              fiscal_year_key(fiscal_year_), false});
          } else if constexpr (std::is_same_v<Rule, when::From>) {
            result.push_back({first_of(fiscal_year_.resolve(rule.first), rule.days),
                              fiscal_year_.last_day(), fiscal_year_key(fiscal_year_), false});
          } else if constexpr (std::is_same_v<Rule, when::Days>) {
            for (const MonthDay& written : rule.days) {
              const year_month_day day{fiscal_year_.resolve(written.month) /
                                       date::day{written.day}};
              if (!day.ok()) continue;  // 2月29日 in a common year: check_fiscal_year says so
              result.push_back(
                  {sys_days{day}, sys_days{day}, format_iso_date(sys_days{day}), false, true});
            }
          } else if constexpr (std::is_same_v<Rule, when::YearPart>) {
            const year_month first = fiscal_year_.first_year_month() + months{rule.first};
            const year_month last = first + months{rule.months - 1};
            result.push_back(
                {sys_days{first / 1}, sys_days{last / date::last}, month_key(first), false});
          } else if constexpr (std::is_same_v<Rule, when::WholeYear>) {
            result.push_back({fiscal_year_.first_day(), fiscal_year_.last_day(),
                              fiscal_year_key(fiscal_year_), false});
          } else if constexpr (std::is_same_v<Rule, when::YearEnd>) {
            result.push_back(
                {row_start(task), fiscal_year_.last_day(), fiscal_year_key(fiscal_year_), false});
          } else if constexpr (std::is_same_v<Rule, when::TimesPerYear>) {
            const unsigned length = 12 / std::max(1u, rule.count);
            for (unsigned i = 0; i < rule.count; ++i) {
              const year_month first = fiscal_year_.first_year_month() + months{i * length};
              const year_month last = first + months{length - 1};
              result.push_back(
                  {sys_days{first / 1}, sys_days{last / date::last}, month_key(first), false});
            }
          } else {
            static_assert(std::is_same_v<Rule, when::AsNeeded>);
          }
        },
        when.rule);
    for (std::size_t i = first_window; i < result.size(); ++i)
      if (result[i].month_window) narrow_to_part(result[i], when.part);
    if (when.day && !when.also_weeks.empty()) split_into_weeks(when, first_window, result);
    return result.size() - first_window;
  }

  // 毎月, 隔月, 月2回: the months of [first, last] from the first, every `interval_months`.
  static void append_every(const when::Every& rule, sys_days first, sys_days last,
                           std::vector<Window>& result) {
    const year_month first_month = year_month_day{first}.year() / year_month_day{first}.month();
    const year_month last_month = year_month_day{last}.year() / year_month_day{last}.month();
    for (year_month m = first_month; m <= last_month; m += months{rule.interval_months}) {
      if (rule.per_month == 2) {
        result.push_back({sys_days{m / 1}, sys_days{m / 15}, month_key(m) + "-1", false});
        result.push_back({sys_days{m / 16}, sys_days{m / date::last}, month_key(m) + "-2", false});
      } else {
        result.push_back(month_window(m));
      }
    }
  }

  // 毎週金曜日, 隔週: each day from the first such weekday of [first, last].
  static void append_weekly(const when::Weekly& rule, sys_days first, sys_days last,
                            std::vector<Window>& result) {
    const weekday wanted = rule.weekday.value_or(weekday{first});
    for (sys_days day = first + (wanted - weekday{first}); day <= last;
         day += days{7 * rule.interval_weeks})
      result.push_back({day, day, format_iso_date(day), false, false, true});
  }

  // 第2・第4木曜日: each month window becomes one per week, keyed YYYY-MM-wN.
  static void split_into_weeks(const WhenExpression& when, std::size_t first_window,
                               std::vector<Window>& result) {
    std::vector<Window> split;
    for (std::size_t i = first_window; i < result.size(); ++i) {
      if (!result[i].month_window) {
        split.push_back(std::move(result[i]));
        continue;
      }
      for (const unsigned week : weeks_of(when)) {
        Window window = result[i];
        window.week = week;
        window.key += "-w" + std::to_string(week);
        split.push_back(std::move(window));
      }
    }
    result.resize(first_window);
    for (Window& window : split) result.push_back(std::move(window));
  }

  static std::vector<unsigned> weeks_of(const WhenExpression& when) {
    std::vector<unsigned> weeks{when.day->n};
    weeks.insert(weeks.end(), when.also_weeks.begin(), when.also_weeks.end());
    std::sort(weeks.begin(), weeks.end());
    return weeks;
  }

 private:
  sys_days row_start(const Task& task) const {
    const PeriodDefinition* period = calendar_.find_period(task.period);
    return period ? calendar_.period_first_day(*period) : fiscal_year_.first_day();
  }
  sys_days row_end(const Task& task) const {
    const PeriodDefinition* period = calendar_.find_period(task.period);
    return period ? calendar_.period_last_day(*period) : fiscal_year_.last_day();
  }

  const FiscalCalendar& calendar_;
  FiscalYear fiscal_year_;
};

// The day in a month a meeting is held on, before moving it off closed days.
sys_days meeting_day(year_month month, const MeetingDay& rule) {
  if (const auto* nth = std::get_if<NthWeekday>(&rule)) {
    const year_month_weekday day{month.year(), month.month(), nth->weekday[nth->n]};
    if (day.ok()) return sys_days{day};
    return sys_days{
        year_month_weekday_last{month.year(), month.month(), weekday_last{nth->weekday}}};
  }
  const year_month_day last_day{month / date::last};
  const unsigned wanted = std::get<DayOfMonth>(rule).day;
  return sys_days{month / date::day{std::min(wanted, static_cast<unsigned>(last_day.day()))}};
}

bool depends_on_unpublished_almanac(sys_days day) {
  const year_month_day ymd{day};
  return ymd.year() > kLastPublishedAlmanacYear &&
         (ymd.month() == March || ymd.month() == September);
}

// The first and last days of a plan's periods in one fiscal year, worked out once per expansion
// rather than for every occurrence.
class PeriodBounds {
 public:
  explicit PeriodBounds(const FiscalCalendar& calendar) {
    const auto& periods = calendar.periods();
    bounds_.reserve(std::min<std::size_t>(periods.size(), 32));
    for (std::size_t i = 0; i < periods.size() && i < 32; ++i)
      bounds_.push_back(
          {calendar.period_first_day(periods[i]), calendar.period_last_day(periods[i])});
  }

  // Bit i set: [start, due] overlaps period i.
  std::uint32_t mask(sys_days start, sys_days due) const {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < bounds_.size(); ++i)
      if (bounds_[i].first <= due && start <= bounds_[i].second) mask |= std::uint32_t{1} << i;
    return mask;
  }

 private:
  std::vector<std::pair<sys_days, sys_days>> bounds_;
};

unsigned month_index(const FiscalYear& fiscal_year, sys_days day) {
  const year_month_day ymd{day};
  return static_cast<unsigned>(
      ((ymd.year() / ymd.month()) - fiscal_year.first_year_month()).count());
}

}  // namespace

const Occurrence* find_occurrence(const Expansion& expansion, std::string_view id) {
  for (const Occurrence& occurrence : expansion.occurrences)
    if (occurrence.id == id) return &occurrence;
  return nullptr;
}

std::string_view activity_id(const Task& task) {
  const std::string_view series = series_id(task);
  return series.empty() ? std::string_view{task.id} : series;
}

std::string_view series_id(const Task& task) {
  if (!task.series.empty()) return task.series;
  if (task.when) {
    if (const auto* listed = std::get_if<when::Months>(&task.when->rule);
        listed && listed->months.size() > 1)
      return task.id;
    if (std::holds_alternative<when::Every>(task.when->rule)) return task.id;
  }
  return {};
}

namespace {

// Every task's windows, in task order, so the occurrences are allocated once and at their exact
// size: with a whole country's plans in memory, spare capacity is a quarter of it.
struct TaskWindows {
  std::vector<Window> windows;
  std::vector<std::size_t> counts;  // counts[t]: how many of `windows` are task t's
};

TaskWindows collect_windows(const std::vector<Task>& tasks, const TaskExpander& expander) {
  TaskWindows collected;
  collected.windows.reserve(tasks.size() * 2);
  collected.counts.resize(tasks.size());
  for (std::size_t t = 0; t < tasks.size(); ++t)
    collected.counts[t] = expander.append_windows(tasks[t], collected.windows);
  return collected;
}

// What turns a window into a dated occurrence, worked out once per expansion.
struct OccurrenceDating {
  const BusinessCalendar& business_days;
  const PlanZone& zone;
  const PeriodBounds& period_bounds;
};

// Where a day a rule gives is held: the day itself when open, else as the rule chooses. A
// written weekday is open but on a holiday, in the closure or on an extra closed day; a day of
// the month only on a business day. nullopt: skipped, or no business day in the month.
std::optional<sys_days> held_on(sys_days day, bool weekday_written, OnClosedDay choice,
                                const BusinessCalendar& calendar) {
  const bool open = weekday_written ? !calendar.is_closed(day) : calendar.is_business_day(day);
  if (open) return day;
  switch (choice) {
    case OnClosedDay::next_business_day:
      return calendar.nearest_business_day_in_month(day);
    case OnClosedDay::previous_business_day:
      return calendar.nearest_earlier_business_day_in_month(day);
    case OnClosedDay::skip:
      return std::nullopt;
  }
  return day;
}

// Schedules a meeting on `day` at the rule's hours.
void schedule_on(Occurrence& occurrence, sys_days day, const MeetingRule& rule,
                 const OccurrenceDating& dating) {
  const local_seconds local_start = local_days{day.time_since_epoch()} + rule.start_time;
  occurrence.scheduled_start = dating.zone.to_instant(local_start);
  occurrence.scheduled_end = *occurrence.scheduled_start + rule.duration;
}

// Dates an occurrence to a day a rule gave (provisional beyond the published almanac): at the
// meeting rule's hours when there is a rule, else all day.
void date_to_day(Occurrence& occurrence, sys_days day, const MeetingRule* rule,
                 const OccurrenceDating& dating) {
  occurrence.provisional = depends_on_unpublished_almanac(day);
  if (rule != nullptr) {
    schedule_on(occurrence, day, *rule, dating);
  } else {
    occurrence.start = occurrence.due = day;
    occurrence.periods = dating.period_bounds.mask(day, day);
  }
}

// Dates a month's occurrence to its meeting day, moved off a closed day or skipped as the rule
// chooses: false when skipped. Leaves it undated when the month has no business day.
bool date_to_meeting_day(Occurrence& occurrence, const Window& window, const MeetingRule* rule,
                         MeetingDay day_rule, OnClosedDay choice, const OccurrenceDating& dating) {
  const year_month month =
      year_month_day{window.start}.year() / year_month_day{window.start}.month();
  auto* nth = std::get_if<NthWeekday>(&day_rule);
  if (nth != nullptr && window.week != 0) nth->n = window.week;
  const auto day =
      held_on(meeting_day(month, day_rule), nth != nullptr, choice, dating.business_days);
  if (!day) return choice != OnClosedDay::skip;
  date_to_day(occurrence, *day, rule, dating);
  return true;
}

// Appends one occurrence of `task` per window; a task without windows is undated, unless it
// is dated in another fiscal year (令和9年度中, 2027年11月).
void append_occurrences(const Plan& plan, const Task& task, std::span<const Window> task_windows,
                        const OccurrenceDating& dating, Expansion& expansion) {
  if (task_windows.empty()) {
    const FiscalYear& year = expansion.fiscal_year;
    if (!task.when ||
        applies_in(*task.when, year.first_year_month().month(), static_cast<int>(year.year())))
      expansion.undated.push_back(&task);
    return;
  }
  const std::string_view series = series_id(task);
  const std::string_view name = series.empty() ? std::string_view{task.id} : series;
  // The task's rule (or the plan's) says what a closed day does; only a meeting is held by it.
  const MeetingRule* task_rule = plan.meeting_rule_for(task);
  const MeetingRule* rule = task.kind == TaskKind::meeting ? task_rule : nullptr;
  const std::optional<MeetingDay> written_day = written_meeting_day(task);
  const OnClosedDay choice =
      task_rule != nullptr ? task_rule->on_closed_day : OnClosedDay::next_business_day;

  for (const Window& window : task_windows) {
    Occurrence occurrence;
    occurrence.id.reserve(plan.id.size() + name.size() + window.key.size() + 2);
    occurrence.id.append(plan.id).append(1, '/').append(name).append(1, '/').append(window.key);
    occurrence.task = &task;
    occurrence.start = window.start;
    occurrence.due = window.due;
    occurrence.periods = dating.period_bounds.mask(window.start, window.due);
    if (window.fixed_day && rule != nullptr) {
      schedule_on(occurrence, window.start, *rule, dating);  // a day as written, not moved
    } else if (window.rule_day) {
      const auto day = held_on(window.start, true, choice, dating.business_days);
      if (!day) continue;  // skipped
      date_to_day(occurrence, *day, rule, dating);
    } else if (window.month_window && (rule != nullptr || written_day)) {
      if (!date_to_meeting_day(occurrence, window, rule,
                               written_day.value_or(rule ? rule->day : MeetingDay{}), choice,
                               dating))
        continue;  // skipped
    }
    expansion.occurrences.push_back(std::move(occurrence));
  }
}

// By start day, then by scheduled hour, then by id.
void sort_occurrences(std::vector<Occurrence>& occurrences) {
  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.scheduled_start != b.scheduled_start) return a.scheduled_start < b.scheduled_start;
    return a.id < b.id;
  });
}

// Groups the sorted occurrences into series, so each series lists its occurrences in date
// order; a series of one occurrence is no series.
void group_into_series(Expansion& expansion) {
  std::map<std::string_view, std::size_t> series_index;
  for (std::size_t i = 0; i < expansion.occurrences.size(); ++i) {
    const Task& task = *expansion.occurrences[i].task;
    const std::string_view id = series_id(task);
    if (id.empty()) continue;
    auto [it, inserted] = series_index.emplace(id, expansion.series.size());
    if (inserted) expansion.series.push_back(Series{std::string{id}, {}, {}, std::nullopt});
    Series& series = expansion.series[it->second];
    if (std::find(series.tasks.begin(), series.tasks.end(), &task) == series.tasks.end())
      series.tasks.push_back(&task);
    series.occurrences.push_back(i);
  }
  std::erase_if(expansion.series,
                [](const Series& series) { return series.occurrences.size() < 2; });
}

// A series whose occurrences are the same number of months apart gets that interval.
void set_series_intervals(Expansion& expansion, const FiscalYear& fiscal_year) {
  for (Series& series : expansion.series) {
    std::optional<unsigned> interval;
    bool even = true;
    for (std::size_t k = 1; k < series.occurrences.size() && even; ++k) {
      const unsigned previous =
          month_index(fiscal_year, expansion.occurrences[series.occurrences[k - 1]].start);
      const unsigned current =
          month_index(fiscal_year, expansion.occurrences[series.occurrences[k]].start);
      const unsigned step = current - previous;
      if (step == 0 || (interval && *interval != step)) even = false;
      interval = step;
    }
    if (even) series.interval_months = interval;
  }
}

}  // namespace

Result<Expansion> expand_plan(const Plan& plan, year fiscal_year_begins) {
  const FiscalYear fiscal_year{fiscal_year_begins, plan.fiscal_year_start};
  const FiscalCalendar calendar{fiscal_year, plan.periods};
  const BusinessCalendar business_days{plan.business_calendar};
  const PeriodBounds period_bounds{calendar};
  const OccurrenceDating dating{business_days, plan.time_zone, period_bounds};

  Expansion expansion;
  expansion.fiscal_year = fiscal_year;
  expansion.zone = plan.time_zone;

  const TaskWindows task_windows = collect_windows(plan.tasks, TaskExpander{calendar});
  expansion.occurrences.reserve(task_windows.windows.size());
  auto next_window = task_windows.windows.begin();
  for (std::size_t t = 0; t < plan.tasks.size(); ++t) {
    const auto end = next_window + static_cast<std::ptrdiff_t>(task_windows.counts[t]);
    append_occurrences(plan, plan.tasks[t], {next_window, end}, dating, expansion);
    next_window = end;
  }

  sort_occurrences(expansion.occurrences);
  group_into_series(expansion);
  set_series_intervals(expansion, fiscal_year);
  return expansion;
}

std::vector<std::string> period_names(const Plan& plan, const Occurrence& occurrence) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < plan.periods.size() && i < 32; ++i)
    if (occurrence.periods & (std::uint32_t{1} << i)) names.push_back(plan.periods[i].name);
  return names;
}

}  // namespace torikumi
