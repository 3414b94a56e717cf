#include "calendars/time_zone_observances.hpp"

#include <doctest/doctest.h>

using namespace date;
using std::chrono::hours;
using std::chrono::minutes;
using namespace torikumi::calendars;

namespace {

sys_seconds instant_on(int y, unsigned m, unsigned d) {
  return sys_seconds{sys_days{year{y} / m / d}};
}

}  // namespace

TEST_CASE("Asia/Tokyo is one standard block from 1970 at plus nine hours") {
  const auto observances =
      zone_observances("Asia/Tokyo", instant_on(2026, 3, 25), instant_on(2027, 4, 8));
  REQUIRE(observances.ok());
  REQUIRE(observances->size() == 1);
  const ZoneObservance& jst = observances->front();
  CHECK(jst.kind == ObservanceKind::standard);
  CHECK(jst.onset == local_seconds{local_days{year{1970} / 1 / 1}.time_since_epoch()});
  CHECK(jst.offset_from == hours{9});
  CHECK(jst.offset_to == hours{9});
  CHECK(jst.abbreviation == "JST");
}

TEST_CASE("America/New_York over a fiscal year has the change in force and the next two") {
  const auto observances =
      zone_observances("America/New_York", instant_on(2026, 3, 25), instant_on(2027, 4, 8));
  REQUIRE(observances.ok());
  REQUIRE(observances->size() == 3);
  // Daylight time began 2026-03-08 at 02:00 local standard time.
  CHECK((*observances)[0] == ZoneObservance{ObservanceKind::daylight,
                                            local_days{year{2026} / 3 / 8} + hours{2}, hours{-5},
                                            hours{-4}, "EDT"});
  // It ends 2026-11-01 at 02:00 local daylight time and begins again 2027-03-14.
  CHECK((*observances)[1] == ZoneObservance{ObservanceKind::standard,
                                            local_days{year{2026} / 11 / 1} + hours{2}, hours{-4},
                                            hours{-5}, "EST"});
  CHECK((*observances)[2] == ZoneObservance{ObservanceKind::daylight,
                                            local_days{year{2027} / 3 / 14} + hours{2}, hours{-5},
                                            hours{-4}, "EDT"});
}

TEST_CASE("an unknown zone is an error that names it") {
  const auto observances =
      zone_observances("Asia/Nowhere", instant_on(2026, 4, 1), instant_on(2027, 4, 1));
  REQUIRE_FALSE(observances.ok());
  CHECK(observances.error().message == "unknown time zone \"Asia/Nowhere\"");
}
