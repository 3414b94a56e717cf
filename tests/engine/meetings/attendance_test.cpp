// Attendance: checked before it is kept, counted by agencies and people present, and said in the
// progress section's words once the minutes are approved.

#include "engine/meetings/attendance.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "engine/meetings/meetings_meaning.hpp"

using namespace torikumi;

namespace {

Attendance entry(std::string email, std::string agency, Presence presence, std::string proxy = {}) {
  return Attendance{.email = std::move(email),
                    .name = "担当者",
                    .agency = std::move(agency),
                    .presence = presence,
                    .proxy = std::move(proxy)};
}

}  // namespace

TEST_CASE("attendance counts the agencies and people present, a proxy among them") {
  const std::vector<Attendance> record{
      entry("a@x.jp", "多機関協働担当", Presence::present),
      entry("b@x.jp", "多機関協働担当", Presence::present),
      entry("c@y.jp", "こども家庭センター", Presence::proxy, "主任 山本"),
      entry("d@z.jp", "民生委員", Presence::absent)};
  CHECK(check_attendance(record).ok());
  CHECK(count_attendance(record) == AttendanceCount{.agencies = 2, .people = 3});
  CHECK(count_attendance({}) == AttendanceCount{.agencies = 0, .people = 0});
}

TEST_CASE("attendance is refused with an address twice or a proxy without a name") {
  const auto twice = check_attendance(
      std::vector<Attendance>{entry("a@x.jp", "多機関協働担当", Presence::present),
                              entry("A@x.jp", "多機関協働担当", Presence::absent)});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().meaning.code == meetings_meaning::kAttendanceTwice);
  for (const std::string& proxy : {std::string{}, std::string{"  "}, std::string{"山本\n主任"},
                                   std::string(kMaxProxyNameBytes + 1, 'a')}) {
    CAPTURE(proxy);
    const auto nameless = check_attendance(
        std::vector<Attendance>{entry("c@y.jp", "こども家庭センター", Presence::proxy, proxy)});
    REQUIRE_FALSE(nameless.ok());
    CHECK(nameless.error().meaning.code == meetings_meaning::kProxyNameNeeded);
  }
}

TEST_CASE("a meeting held is said as the progress section says it") {
  const date::sys_days day = date::sys_days{date::year{2026} / 8 / 26};
  CHECK(held_note("多機関協働のための会議の開催", day,
                  AttendanceCount{.agencies = 9, .people = 12}) ==
        "多機関協働のための会議を開催（8月26日、9機関12名出席）");
  CHECK(held_note("支援会議", day, std::nullopt) == "支援会議を開催（8月26日）");
  CHECK(held_note("支援会議", day, AttendanceCount{.agencies = 0, .people = 0}) ==
        "支援会議を開催（8月26日）");
}
