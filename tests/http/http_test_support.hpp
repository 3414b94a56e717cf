#pragma once

// What the http tests share: the Higashi Ward plan as a snapshot, and a catalog of snapshots.

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/plan/plan_json.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "tests/engine/test_plans.hpp"

namespace torikumi::http::testing {

using torikumi::testing::higashi_plan;

inline SnapshotPointer snapshot_of(Plan plan, std::uint64_t revision = 1) {
  auto snapshot = snapshot_from_plan(std::move(plan), date::year{2026}, revision,
                                     date::sys_days{date::year{2026} / date::April / 1});
  REQUIRE(snapshot.ok());
  return *snapshot;
}

inline std::unique_ptr<MemoryPlanCatalog> catalog_of(std::vector<SnapshotPointer> snapshots) {
  auto catalog = MemoryPlanCatalog::create(std::move(snapshots));
  REQUIRE(catalog.ok());
  return std::move(catalog.value());
}

// A catalog whose one plan can be replaced, as the store's will be on every write.
class ChangingCatalog final : public PlanCatalog {
 public:
  explicit ChangingCatalog(SnapshotPointer snapshot) : snapshot_(std::move(snapshot)) {}
  void publish(SnapshotPointer snapshot) { snapshot_ = std::move(snapshot); }
  std::vector<SnapshotPointer> plans() const override { return {snapshot_}; }
  SnapshotPointer find(std::string_view id, std::optional<int>) const override {
    return id == snapshot_->plan->id ? snapshot_ : nullptr;
  }

 private:
  SnapshotPointer snapshot_;
};

}  // namespace torikumi::http::testing
