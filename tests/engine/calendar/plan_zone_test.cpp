#include "engine/calendar/plan_zone.hpp"

#include <doctest/doctest.h>

using namespace date;
using namespace std::chrono_literals;
using namespace torikumi;

TEST_CASE("a plan's zone knows its local day, its today and the instants of its local times") {
  const auto tokyo = PlanZone::locate("Asia/Tokyo");
  REQUIRE(tokyo.ok());
  CHECK(tokyo->name() == "Asia/Tokyo");
  // 15:00 UTC on 31 March is already 1 April in Tokyo (UTC+9).
  const sys_seconds instant = sys_days{2026_y / March / 31} + 15h;
  CHECK(tokyo->local_day(instant) == sys_days{2026_y / April / 1});
  CHECK(tokyo->today(instant) == sys_days{2026_y / April / 1});
  CHECK(tokyo->to_instant(local_days{2026_y / April / 1} + 14h) ==
        sys_days{2026_y / April / 1} + 5h);
  CHECK(tokyo->start_of(sys_days{2026_y / April / 1}) == sys_days{2026_y / March / 31} + 15h);
  CHECK(tokyo->end_of(sys_days{2026_y / April / 1}) == sys_days{2026_y / April / 1} + 15h);
}

TEST_CASE("an unknown zone is an error where its name is read, never UTC") {
  const auto mars = PlanZone::locate("Mars/Olympus");
  REQUIRE_FALSE(mars.ok());
  CHECK(mars.error().message == "unknown time zone \"Mars/Olympus\"");
  CHECK(PlanZone{}.name() == "UTC");
}
