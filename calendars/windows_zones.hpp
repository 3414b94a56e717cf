#pragma once

// Windows time zone names, as Outlook and Exchange write them in TZID ("Tokyo Standard Time"),
// mapped to the IANA zones the tz database knows.

#include <optional>
#include <span>
#include <string_view>

namespace torikumi::calendars {

// The IANA zone CLDR's windowsZones table gives a Windows zone name for the world (territory
// "001"): "Tokyo Standard Time" → "Asia/Tokyo". Exact names only; nullopt for any other text
// (an IANA name, Outlook's "(UTC+09:00) Osaka, Sapporo, Tokyo" display names).
std::optional<std::string_view> iana_zone_of_windows_zone(std::string_view windows_name);

struct WindowsZone {
  std::string_view windows_name;
  std::string_view iana_name;
};

// The whole table, sorted by Windows name (byte order).
std::span<const WindowsZone> windows_zones();

}  // namespace torikumi::calendars
