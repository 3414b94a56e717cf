#pragma once

// The plans a server shows when they live in the store: a PlanCatalog whose snapshots are
// rebuilt from SQLite after every write made through it, and when another process (the CLI)
// wrote to the file; and the agencies, an AgencyCatalog read again the same way. The store's one
// connection is used under a lock; readers of the snapshots never wait for it.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "http/catalog/agency_catalog.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "store/store.hpp"

namespace torikumi::http {

class StorePlanCatalog final : public PlanCatalog, public AgencyCatalog {
 public:
  // Reads every stored plan. `fiscal_year` is the year shown (default: each plan's own, else the
  // one `now` falls in). Fails when a stored plan cannot be expanded.
  static Result<std::unique_ptr<StorePlanCatalog>> create(store::Store store,
                                                          std::optional<int> fiscal_year,
                                                          std::function<date::sys_seconds()> clock);

  std::vector<SnapshotPointer> plans() const override;
  // Another fiscal year than the one shown is read from the store on demand, not kept.
  SnapshotPointer find(std::string_view plan_id,
                       std::optional<int> fiscal_year = std::nullopt) const override;
  AgenciesPointer agencies() const override;

  // Runs `use` with the store under its lock: for reads the snapshots do not hold (history, KPI
  // values) and for writes, after which the caller refreshes the plans it changed.
  template <typename Use>
  auto with_store(Use&& use) const {
    std::lock_guard lock{store_mutex_};
    return use(store_);
  }

  // Runs `use` as with_store does, for a write of the agencies or of the directory made of their
  // members, then reads the agencies again (a write through this connection does not change the
  // file's data_version, which refresh_if_changed watches). Returns what `use` returns; when the
  // agencies do not read, the snapshot stays as it was until the next refresh.
  template <typename Use>
  auto change_agencies(Use&& use) {
    std::lock_guard lock{store_mutex_};
    auto result = use(store_);
    (void)refresh_agencies_locked();
    return result;
  }

  // Reads one plan again; when its plan or what was recorded of it changed, publishes a new
  // snapshot with a higher revision. A plan no longer stored is dropped.
  Status refresh(std::string_view plan_id);
  // Every plan again, and plans added since (another process imported them), and the agencies.
  Status refresh_all();
  // refresh_all() when another connection wrote to the file since the last look; the writes made
  // through this catalog refresh their plan themselves and do not count. True when it read.
  Result<bool> refresh_if_changed();

 private:
  StorePlanCatalog(store::Store store, std::optional<int> fiscal_year,
                   std::function<date::sys_seconds()> clock)
      : store_(std::move(store)), fiscal_year_(fiscal_year), clock_(std::move(clock)) {}

  // REQUIRES: store_mutex_ held.
  Result<SnapshotPointer> build(std::string_view plan_id, std::optional<int> fiscal_year) const;
  Status refresh_locked(std::string_view plan_id);
  // Publishes the agencies with a higher revision when they changed. REQUIRES: store_mutex_ held.
  Status refresh_agencies_locked();

  mutable std::mutex store_mutex_;
  mutable store::Store store_;
  const std::optional<int> fiscal_year_;
  std::function<date::sys_seconds()> clock_;
  mutable std::shared_mutex snapshots_mutex_;
  std::map<std::string, SnapshotPointer, std::less<>> snapshots_;
  AgenciesPointer agencies_ = agency_snapshot({}, 0);  // under snapshots_mutex_
  std::atomic<std::uint64_t> last_revision_{0};
  std::int64_t data_version_ = -1;  // the store's when last read in full; under store_mutex_
};

}  // namespace torikumi::http
