#include "engine/calendar/time_text.hpp"

#include <date/tz.h>

#include <doctest/doctest.h>

using namespace date;
using namespace torikumi;

namespace {

PlanZone zone(std::string_view name) {
  auto located = PlanZone::locate(name);
  REQUIRE(located.ok());
  return *located;
}

}  // namespace

TEST_CASE("ISO dates parse only when exact and real") {
  CHECK(parse_iso_date("2026-04-08") == sys_days{2026_y / April / 8});
  CHECK(parse_iso_date("2028-02-29") == sys_days{2028_y / February / 29});
  const char* bad[] = {"2027-02-29", "2026-4-8",       "2026/04/08", "2026-04-08T",
                       "",           "２０２６-04-08", "2026-13-01"};
  for (const char* text : bad) {
    CAPTURE(text);
    CHECK_FALSE(parse_iso_date(text).has_value());
  }
}

TEST_CASE("RFC 3339 instants parse with their offset") {
  CHECK(parse_rfc3339("2026-04-08T14:00:00+09:00") ==
        sys_days{2026_y / April / 8} + std::chrono::hours{5});
  CHECK(parse_rfc3339("2026-04-08T05:00:00Z") ==
        sys_days{2026_y / April / 8} + std::chrono::hours{5});
  CHECK(parse_rfc3339("2026-04-07T23:30:00-05:30") ==
        sys_days{2026_y / April / 8} + std::chrono::hours{5});
  const char* bad[] = {"2026-04-08T14:00+09:00",   "2026-04-08 14:00:00",    "2026-04-08T24:00:00Z",
                       "2026-04-08T14:00:00+0900", "2026-04-08T14:00:00.5Z", "2026-04-08"};
  for (const char* text : bad) {
    CAPTURE(text);
    CHECK_FALSE(parse_rfc3339(text).has_value());
  }
}

TEST_CASE("instants format in the zone with its offset") {
  const sys_seconds instant = sys_days{2026_y / April / 8} + std::chrono::hours{5};
  CHECK(format_rfc3339(instant, zone("Asia/Tokyo")) == "2026-04-08T14:00:00+09:00");
  CHECK(format_rfc3339(instant, zone("UTC")) == "2026-04-08T05:00:00+00:00");
  CHECK(format_rfc3339(instant, zone("America/St_Johns")) == "2026-04-08T02:30:00-02:30");
  CHECK(format_iso_date(sys_days{2027_y / March / 31}) == "2027-03-31");
  CHECK(format_iso_date(sys_days{1_y / January / 1}) == "0001-01-01");
  CHECK(format_utc_instant(instant) == "2026-04-08T05:00:00Z");
  CHECK(format_utc_instant(sys_days{2027_y / March / 31} + std::chrono::seconds{86399}) ==
        "2027-03-31T23:59:59Z");
  CHECK(format_utc_instant(sys_seconds{std::chrono::seconds{-1}}) == "1969-12-31T23:59:59Z");
}

TEST_CASE("formatting agrees with the date library for many instants") {
  for (long long seconds = -2'000'000'000; seconds < 4'000'000'000; seconds += 7'777'777) {
    const sys_seconds instant{std::chrono::seconds{seconds}};
    CAPTURE(seconds);
    CHECK(format_utc_instant(instant) == format("%FT%TZ", instant));
    CHECK(format_iso_date(floor<days>(instant)) == format("%F", floor<days>(instant)));
    // Tokyo kept summer time (+10:00) from 1948 to 1951: the library's offset, not a constant.
    CHECK(format_rfc3339(instant, zone("Asia/Tokyo")) ==
          format("%FT%T%Ez", zoned_seconds{"Asia/Tokyo", instant}));
    CHECK(format_rfc3339(instant, zone("America/New_York")) ==
          format("%FT%T%Ez", zoned_seconds{"America/New_York", instant}));
  }
}

TEST_CASE("a time as a user writes it is read in the plan's zone") {
  const PlanZone tokyo = zone("Asia/Tokyo");
  const sys_seconds two_pm = sys_days{2026_y / April / 8} + std::chrono::hours{5};
  CHECK(parse_user_time("2026-04-08T14:00", tokyo).value() == two_pm);
  CHECK(parse_user_time("2026-04-08 14:00", tokyo).value() == two_pm);
  CHECK(parse_user_time("2026-04-08T14:00:00", tokyo).value() == two_pm);
  CHECK(parse_user_time("2026-04-08T05:00:00Z", tokyo).value() == two_pm);
  CHECK(parse_user_time("2026-04-08", tokyo).value() == two_pm - std::chrono::hours{14});
  // New York skips 02:00–03:00 on 2026-03-08 (a time in the gap is read as the gap's end) and
  // repeats 01:00–02:00 on 2026-11-01 (the earlier of the two readings).
  const PlanZone new_york = zone("America/New_York");
  CHECK(format_rfc3339(parse_user_time("2026-03-08T02:30", new_york).value(), new_york) ==
        "2026-03-08T03:00:00-04:00");
  CHECK(format_rfc3339(parse_user_time("2026-11-01T01:30", new_york).value(), new_york) ==
        "2026-11-01T01:30:00-04:00");
  for (const char* text : {"2026-04-08T24:00", "2026-04-08T14", "2026-04-08x14:00", "14:00",
                           "2026-02-30", "2026-04-08T14:00:60"}) {
    CAPTURE(text);
    const auto read = parse_user_time(text, tokyo);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().message ==
          std::string{"expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, got \""} + text + "\"");
  }
}
