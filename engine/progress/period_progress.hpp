#pragma once

// Progress of a plan against each period of a fiscal year, as of a day: the one computation the
// CLI (`torikumi progress`) and the HTTP API share. Pure: the expansion and the recorded state
// in, counts out.

#include <date/date.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <functional>

#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"

namespace torikumi {

// One period's counts. Each month occurrence and each deadline is one item of the period its
// window lies in; a span (a window over several periods) is one item in each period it
// overlaps, its share due on the earlier of its due day and the period's last day.
struct PeriodProgress {
  std::string period;        // 前期, 中期, 後期
  date::sys_days first_day;  // the period's first and last day in the fiscal year
  date::sys_days last_day;
  std::size_t planned = 0;        // items to do: not skipped, not cancelled
  std::size_t done = 0;           // planned items done by the as-of day
  std::size_t pending = 0;        // planned - done
  std::size_t overdue = 0;        // pending items due before the as-of day
  std::size_t skipped = 0;        // left out of planned
  std::size_t cancelled = 0;      // left out of planned
  std::optional<double> percent;  // done / planned in percent, one decimal; none if nothing planned
  std::size_t logged = 0;  // as-needed (随時) activity logged in the period by the as-of day
  // Actions meetings raised (宿題), counted in the period their due day lies in, apart from the
  // plan's own items: all of them, those done by the as-of day, those open and due before it.
  std::size_t actions = 0;
  std::size_t actions_done = 0;
  std::size_t actions_overdue = 0;
  bool operator==(const PeriodProgress&) const = default;
};

struct PlanProgress {
  std::string plan;
  int fiscal_year = 0;
  date::sys_days as_of;
  std::vector<PeriodProgress> periods;  // in plan order
  bool operator==(const PlanProgress&) const = default;
};

// What became of one item a period counts (see PeriodProgress).
enum class ShareState { skipped, cancelled, done, pending, overdue };

// One item of a period: an occurrence, or for a span its share of one of its periods.
struct PeriodShare {
  const Occurrence* occurrence = nullptr;
  std::size_t period = 0;  // index into plan.periods
  bool span = false;       // a share of an occurrence over several periods
  date::sys_days start;    // the occurrence's first day, or its period's first day if later
  date::sys_days due;      // the occurrence's due day, or its period's last day if earlier
  ShareState state = ShareState::pending;
};

// The status a share is shown with (a chip, a bar of the timeline), so that the pages draw what
// the counts count: done, skipped, cancelled or overdue as counted (a span's share is done by its
// progress note, overdue without one), else the occurrence's own planned or scheduled.
ShownStatus shown_status(const PeriodShare& share, OccurrenceStatus recorded);

// An item is done by `as_of` when its occurrence is done with a completion on or before that
// day (in the plan's zone), or, for a span's share of a period, when a progress note of its task
// in that period was written by then. Overdue: pending and due before `as_of`. Logged: activity
// entries of as-needed tasks whose day falls in the period, on or before `as_of`. Actions: the
// state's, by due day; done by `as_of` when done on or before that day (in the plan's zone).
// `each_share`, when given, sees every share as it is counted (the overview lists the overdue
// ones), so a caller that needs both walks the shares once.
// REQUIRES: expansion and state come from this plan.
PlanProgress compute_period_progress(
    const Plan& plan, const Expansion& expansion, const RecordedState& state, date::sys_days as_of,
    const std::function<void(const PeriodShare&)>& each_share = nullptr);

// {"plan", "fiscal_year", "as_of", "periods": [{"period", "start", "end", "planned", "done",
//  "pending", "overdue", "skipped", "cancelled", "percent", "logged", "actions": {"due", "done",
//  "overdue"}}]}; percent is null when nothing is planned.
nlohmann::json progress_to_json(const PlanProgress& progress);

}  // namespace torikumi
