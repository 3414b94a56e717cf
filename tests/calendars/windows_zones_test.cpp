#include "calendars/windows_zones.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/calendar/plan_zone.hpp"

using namespace torikumi;
using namespace torikumi::calendars;

TEST_CASE("Outlook's Windows zone names map to the IANA zones CLDR gives") {
  const std::vector<std::pair<std::string, std::optional<std::string_view>>> cases{
      {"Tokyo Standard Time", "Asia/Tokyo"},
      {"Korea Standard Time", "Asia/Seoul"},
      {"China Standard Time", "Asia/Shanghai"},
      {"Taipei Standard Time", "Asia/Taipei"},
      {"UTC", "Etc/UTC"},
      {"GMT Standard Time", "Europe/London"},
      {"W. Europe Standard Time", "Europe/Berlin"},
      {"Eastern Standard Time", "America/New_York"},
      {"Pacific Standard Time", "America/Los_Angeles"},
      {"Hawaiian Standard Time", "Pacific/Honolulu"},
      {"tokyo standard time", std::nullopt},  // names are exact
      {"(UTC+09:00) Osaka, Sapporo, Tokyo", std::nullopt},
      {"Asia/Tokyo", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [windows, iana] : cases) {
    CAPTURE(windows);
    CHECK(iana_zone_of_windows_zone(windows) == iana);
  }
}

TEST_CASE("the Windows zone table is sorted and every zone in it is in the tz database") {
  const auto zones = windows_zones();
  CHECK(zones.size() == 139);
  CHECK(std::is_sorted(zones.begin(), zones.end(), [](const WindowsZone& a, const WindowsZone& b) {
    return a.windows_name < b.windows_name;
  }));
  for (const WindowsZone& zone : zones) {
    CAPTURE(zone.windows_name);
    CHECK(iana_zone_of_windows_zone(zone.windows_name) == zone.iana_name);
    const auto located = PlanZone::locate(zone.iana_name);
    CHECK_MESSAGE(located.ok(), zone.iana_name);
  }
}
