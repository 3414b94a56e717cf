#include "engine/progress/period_progress.hpp"

#include <date/tz.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/calendar/time_text.hpp"

namespace torikumi {

namespace {

// Every item compute_period_progress counts, in expansion order, judged the same way: the one
// place that says what is done, pending and overdue. `periods` are the plan's, with their days.
template <typename Visit>
void for_each_period_share(const Plan& plan, const Expansion& expansion, const RecordedState& state,
                           date::sys_days as_of, const std::vector<PeriodProgress>& periods,
                           const PlanZone& zone, Visit visit) {
  const auto by_as_of = [&](const std::optional<date::sys_seconds>& at) {
    return !at || zone.local_day(*at) <= as_of;
  };
  const auto reported = [&](const std::string& task, const std::string& period) {
    return std::any_of(state.notes.begin(), state.notes.end(), [&](const ProgressNote& note) {
      return note.task == task && note.period == period && by_as_of(note.written_at);
    });
  };

  for (const Occurrence& occurrence : expansion.occurrences) {
    const OccurrenceRecord* record = state.find(occurrence.id);
    const OccurrenceStatus status = record ? record->status : OccurrenceStatus::planned;
    const bool span = std::popcount(occurrence.periods) > 1;
    const bool done_whole = status == OccurrenceStatus::done && by_as_of(record->completed_at);
    for (std::size_t p = 0; p < plan.periods.size() && p < 32; ++p) {
      if ((occurrence.periods & (std::uint32_t{1} << p)) == 0) continue;
      PeriodShare share;
      share.occurrence = &occurrence;
      share.period = p;
      share.span = span;
      share.start = std::max(occurrence.start, periods[p].first_day);
      share.due = std::min(occurrence.due, periods[p].last_day);
      if (status == OccurrenceStatus::skipped) {
        share.state = ShareState::skipped;
      } else if (status == OccurrenceStatus::cancelled) {
        share.state = ShareState::cancelled;
      } else if (done_whole || (span && reported(occurrence.task->id, plan.periods[p].name))) {
        share.state = ShareState::done;
      } else {
        share.state = share.due < as_of ? ShareState::overdue : ShareState::pending;
      }
      visit(share);
    }
  }
}

}  // namespace

ShownStatus shown_status(const PeriodShare& share, OccurrenceStatus recorded) {
  switch (share.state) {
    case ShareState::skipped:
      return ShownStatus::skipped;
    case ShareState::cancelled:
      return ShownStatus::cancelled;
    case ShareState::done:
      return ShownStatus::done;
    case ShareState::overdue:
      return ShownStatus::overdue;
    case ShareState::pending:
      break;
  }
  return recorded == OccurrenceStatus::scheduled ? ShownStatus::scheduled : ShownStatus::planned;
}

PlanProgress compute_period_progress(const Plan& plan, const Expansion& expansion,
                                     const RecordedState& state, date::sys_days as_of,
                                     const std::function<void(const PeriodShare&)>& each_share) {
  PlanProgress progress;
  progress.plan = plan.id;
  progress.fiscal_year = static_cast<int>(expansion.fiscal_year.year());
  progress.as_of = as_of;
  const FiscalCalendar calendar{expansion.fiscal_year, plan.periods};
  for (const auto& period : plan.periods) {
    PeriodProgress counts;
    counts.period = period.name;
    counts.first_day = calendar.period_first_day(period);
    counts.last_day = calendar.period_last_day(period);
    progress.periods.push_back(std::move(counts));
  }
  for_each_period_share(plan, expansion, state, as_of, progress.periods, expansion.zone,
                        [&](const PeriodShare& share) {
                          if (each_share) each_share(share);
                          PeriodProgress& counts = progress.periods[share.period];
                          switch (share.state) {
                            case ShareState::skipped:
                              ++counts.skipped;
                              return;
                            case ShareState::cancelled:
                              ++counts.cancelled;
                              return;
                            case ShareState::done:
                              ++counts.done;
                              break;
                            case ShareState::overdue:
                              ++counts.overdue;
                              ++counts.pending;
                              break;
                            case ShareState::pending:
                              ++counts.pending;
                              break;
                          }
                          ++counts.planned;
                        });

  for (const ActivityEntry& entry : state.activity) {
    const Task* task = plan.find_task(entry.task);
    if (task == nullptr || task->kind != TaskKind::as_needed) continue;
    const date::sys_days day = expansion.zone.local_day(entry.at);
    if (day > as_of) continue;
    for (PeriodProgress& counts : progress.periods)
      if (counts.first_day <= day && day <= counts.last_day) ++counts.logged;
  }

  for (const MeetingAction& action : state.actions)
    for (PeriodProgress& counts : progress.periods) {
      if (action.due < counts.first_day || counts.last_day < action.due) continue;
      ++counts.actions;
      if (action.done_at && expansion.zone.local_day(*action.done_at) <= as_of)
        ++counts.actions_done;
      else if (action.due < as_of)
        ++counts.actions_overdue;
    }

  for (PeriodProgress& counts : progress.periods)
    if (counts.planned > 0)
      counts.percent = std::round(1000.0 * static_cast<double>(counts.done) /
                                  static_cast<double>(counts.planned)) /
                       10.0;
  return progress;
}

nlohmann::json progress_to_json(const PlanProgress& progress) {
  nlohmann::json periods = nlohmann::json::array();
  for (const PeriodProgress& counts : progress.periods)
    periods.push_back({
        {"period", counts.period},
        {"start", format_iso_date(counts.first_day)},
        {"end", format_iso_date(counts.last_day)},
        {"planned", counts.planned},
        {"done", counts.done},
        {"pending", counts.pending},
        {"overdue", counts.overdue},
        {"skipped", counts.skipped},
        {"cancelled", counts.cancelled},
        {"percent", counts.percent ? nlohmann::json(*counts.percent) : nlohmann::json(nullptr)},
        {"logged", counts.logged},
        {"actions",
         {{"due", counts.actions},
          {"done", counts.actions_done},
          {"overdue", counts.actions_overdue}}},
    });
  return {
      {"plan", progress.plan},
      {"fiscal_year", progress.fiscal_year},
      {"as_of", format_iso_date(progress.as_of)},
      {"periods", periods},
  };
}

}  // namespace torikumi
