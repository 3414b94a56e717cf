#pragma once

// The plans a server shows, behind one small interface: a snapshot of each plan with its
// expansion, what was recorded of it and a revision that changes whenever either does. The server
// reads them from the store (StorePlanCatalog, http/catalog/store_catalog.hpp, whose revision
// follows its writes); MemoryPlanCatalog holds plans read from files, for tests and pure callers.
// Everything above (feeds and their cache, API, dashboard) sees only this interface.

#include <date/date.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendars/occurrence_state.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/recorded_state.hpp"
#include "engine/sheet/sheet_warnings.hpp"
#include "store/store.hpp"

namespace torikumi::http {

// A KPI figure recorded for a year (`torikumi kpi set`), beside the plan's baseline and target.
struct RecordedKpi {
  std::string kpi;
  int year = 0;
  double value = 0;
  bool operator==(const RecordedKpi&) const = default;
};

// What the store keeps of a plan beside its revision's content; empty for a plan read from a file.
struct StoredFacts {
  int revision = 0;                         // the store's revision of the plan
  std::vector<SheetWarning> open_warnings;  // its last import's, not yet acknowledged
  // Occurrences its latest revision no longer has that something was recorded for (a status
  // other than planned, or a completion), with that state.
  std::vector<store::Orphan> orphans;
  bool operator==(const StoredFacts&) const = default;
};

// One plan at one revision, for one fiscal year. Immutable once published: handlers on several
// threads share it through a shared_ptr while a writer publishes the next one.
struct PlanSnapshot {
  std::unique_ptr<const Plan> plan;  // the expansion points into it
  Expansion expansion;
  RecordedState recorded;                   // for the API, the dashboard and the progress form
  calendars::OccurrenceStates feed_states;  // the same, as the feeds take it
  std::vector<RecordedKpi> kpi_values;      // by KPI and year; none for a plan read from a file
  StoredFacts stored;
  // Raised on every change of the plan or of what was recorded; feed caches and ETags key on it.
  std::uint64_t revision = 0;
  // When this revision was made (Last-Modified of what is derived from it).
  date::sys_seconds changed_at;
};

using SnapshotPointer = std::shared_ptr<const PlanSnapshot>;

class PlanCatalog {
 public:
  virtual ~PlanCatalog() = default;
  // Every plan at its current revision, in a stable order (by id).
  virtual std::vector<SnapshotPointer> plans() const = 0;
  // One plan, or nullptr when there is none of that id. With a fiscal year other than the
  // snapshot's, the plan expanded for that year; nullptr when that year is out of range.
  virtual SnapshotPointer find(std::string_view plan_id,
                               std::optional<int> fiscal_year = std::nullopt) const = 0;
};

// Builds a snapshot of a plan read from a file: expanded for `year`, the recorded state its own
// progress lines (進捗の状況) imply. Fails when the plan's time zone is unknown.
Result<SnapshotPointer> snapshot_from_plan(Plan plan, date::year year, std::uint64_t revision,
                                           date::sys_seconds changed_at);

// The same with what the store recorded of the plan in place of its own progress lines, as the
// store's catalog builds its snapshots (an upload's preview shows the plan so).
Result<SnapshotPointer> snapshot_from_record(Plan plan, date::year year, RecordedState recorded,
                                             std::uint64_t revision, date::sys_seconds changed_at);

// The snapshot's plan expanded for `year` with what was recorded of it: the schedules moved as
// recorded (apply_schedule_overrides), the feeds' states from the record. REQUIRES:
// snapshot.plan is set. Fails when the plan's time zone is unknown.
Status expand_with_record(PlanSnapshot& snapshot, date::year year, RecordedState recorded);

// Plans read once at start (the files given to `torikumi serve`); they never change, so each
// keeps revision 1.
class MemoryPlanCatalog final : public PlanCatalog {
 public:
  // Fails when two plans share an id.
  static Result<std::unique_ptr<MemoryPlanCatalog>> create(std::vector<SnapshotPointer> snapshots);

  std::vector<SnapshotPointer> plans() const override { return snapshots_; }
  SnapshotPointer find(std::string_view plan_id, std::optional<int> fiscal_year) const override;

 private:
  explicit MemoryPlanCatalog(std::vector<SnapshotPointer> snapshots)
      : snapshots_(std::move(snapshots)) {}
  std::vector<SnapshotPointer> snapshots_;  // sorted by plan id
};

}  // namespace torikumi::http
