#include "http/catalog/store_catalog.hpp"

#include "calendars/occurrence_state.hpp"

namespace torikumi::http {

namespace {

bool same_record(const RecordedState& a, const RecordedState& b) {
  return a.occurrences == b.occurrences && a.notes == b.notes && a.activity == b.activity &&
         a.actions == b.actions;
}

}  // namespace

Result<std::unique_ptr<StorePlanCatalog>> StorePlanCatalog::create(
    store::Store store, std::optional<int> fiscal_year, std::function<date::sys_seconds()> clock) {
  std::unique_ptr<StorePlanCatalog> catalog{
      new StorePlanCatalog{std::move(store), fiscal_year, std::move(clock)}};
  if (auto loaded = catalog->refresh_all(); !loaded) return loaded.error();
  return catalog;
}

std::vector<SnapshotPointer> StorePlanCatalog::plans() const {
  std::shared_lock lock{snapshots_mutex_};
  std::vector<SnapshotPointer> all;
  all.reserve(snapshots_.size());
  for (const auto& [id, snapshot] : snapshots_) all.push_back(snapshot);
  return all;
}

AgenciesPointer StorePlanCatalog::agencies() const {
  std::shared_lock lock{snapshots_mutex_};
  return agencies_;
}

SnapshotPointer StorePlanCatalog::find(std::string_view plan_id,
                                       std::optional<int> fiscal_year) const {
  SnapshotPointer current;
  {
    std::shared_lock lock{snapshots_mutex_};
    const auto found = snapshots_.find(plan_id);
    if (found == snapshots_.end()) return nullptr;
    current = found->second;
  }
  if (!fiscal_year || date::year{*fiscal_year} == current->expansion.fiscal_year.year())
    return current;
  if (*fiscal_year < 1949 || *fiscal_year > 2099) return nullptr;
  std::lock_guard lock{store_mutex_};
  auto other = build(plan_id, fiscal_year);
  if (!other) return nullptr;
  return *other;
}

Result<SnapshotPointer> StorePlanCatalog::build(std::string_view plan_id,
                                                std::optional<int> fiscal_year) const {
  auto stored = store_.load_plan(plan_id);
  if (!stored) return stored.error();
  auto snapshot = std::make_shared<PlanSnapshot>();
  Plan plan = std::move(stored->plan);
  plan.fiscal_year = stored->fiscal_year;
  snapshot->plan = std::make_unique<const Plan>(std::move(plan));
  const int year = fiscal_year.value_or(stored->fiscal_year);
  auto recorded = store_.load_state(plan_id, year);
  if (!recorded) return recorded.error();
  if (Status expanded = expand_with_record(*snapshot, date::year{year}, std::move(*recorded));
      !expanded)
    return Error{"plan \"" + std::string{plan_id} + "\": " + expanded.error().message};
  auto kpis = store_.kpi_values(plan_id);
  if (!kpis) return kpis.error();
  for (const store::KpiValue& value : *kpis)
    snapshot->kpi_values.push_back({value.kpi, value.year, value.value});
  snapshot->stored.revision = stored->revision;
  auto warnings = store_.open_warnings(plan_id);
  if (!warnings) return warnings.error();
  snapshot->stored.open_warnings = std::move(*warnings);
  auto orphans = store_.orphans(plan_id);
  if (!orphans) return orphans.error();
  for (store::Orphan& orphan : *orphans)
    if (orphan.status != OccurrenceStatus::planned || orphan.completions > 0)
      snapshot->stored.orphans.push_back(std::move(orphan));
  snapshot->changed_at = clock_();
  return SnapshotPointer{std::move(snapshot)};
}

Status StorePlanCatalog::refresh(std::string_view plan_id) {
  std::lock_guard lock{store_mutex_};
  return refresh_locked(plan_id);
}

Status StorePlanCatalog::refresh_locked(std::string_view plan_id) {
  auto built = build(plan_id, fiscal_year_);
  SnapshotPointer previous;
  {
    std::shared_lock lock{snapshots_mutex_};
    if (const auto found = snapshots_.find(plan_id); found != snapshots_.end())
      previous = found->second;
  }
  if (!built) {
    // Gone from the store (it never deletes plans, so only a replaced file gets here): dropped.
    if (built.error().code == ErrorCode::not_found) {
      std::unique_lock lock{snapshots_mutex_};
      if (const auto found = snapshots_.find(plan_id); found != snapshots_.end())
        snapshots_.erase(found);
      return {};
    }
    return built.error();
  }
  if (previous && *previous->plan == *(*built)->plan &&
      same_record(previous->recorded, (*built)->recorded) &&
      previous->kpi_values == (*built)->kpi_values && previous->stored == (*built)->stored &&
      previous->expansion.fiscal_year == (*built)->expansion.fiscal_year)
    return {};
  auto fresh = std::const_pointer_cast<PlanSnapshot>(*built);
  fresh->revision = ++last_revision_;
  std::unique_lock lock{snapshots_mutex_};
  snapshots_.insert_or_assign(std::string{plan_id}, SnapshotPointer{std::move(fresh)});
  return {};
}

Result<bool> StorePlanCatalog::refresh_if_changed() {
  {
    std::lock_guard lock{store_mutex_};
    const auto version = store_.data_version();
    if (!version) return version.error();
    if (*version == data_version_) return false;
  }
  if (auto refreshed = refresh_all(); !refreshed) return refreshed.error();
  return true;
}

Status StorePlanCatalog::refresh_all() {
  std::lock_guard lock{store_mutex_};
  const auto version = store_.data_version();
  if (!version) return version.error();
  data_version_ = *version;
  auto stored = store_.list_plans();
  if (!stored) return stored.error();
  for (const store::PlanSummary& plan : *stored) {
    if (auto refreshed = refresh_locked(plan.id); !refreshed) return refreshed.error();
  }
  return refresh_agencies_locked();
}

Status StorePlanCatalog::refresh_agencies_locked() {
  auto read = store_.agencies();
  if (!read) return read.error();
  {
    std::shared_lock lock{snapshots_mutex_};
    if (agencies_->agencies == *read) return {};
  }
  AgenciesPointer fresh = agency_snapshot(std::move(*read), agencies_->revision + 1);
  std::unique_lock lock{snapshots_mutex_};
  agencies_ = std::move(fresh);
  return {};
}

}  // namespace torikumi::http
