#pragma once

// Dates and instants as text: ISO 8601 days (2026-04-08) and RFC 3339 instants
// (2026-04-08T14:00:00+09:00). The one place civil time and zones meet text.

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace torikumi {

// "2026-04-08" → that day; nullopt unless exactly YYYY-MM-DD and a real date.
std::optional<date::sys_days> parse_iso_date(std::string_view text);

// "2026-04-08T14:00:00+09:00" or "...Z" → the instant; nullopt unless RFC 3339 with seconds
// and an offset (fractions of a second are not accepted).
std::optional<date::sys_seconds> parse_rfc3339(std::string_view text);

// "2026-04-08".
std::string format_iso_date(date::sys_days day);

// The instant in the given IANA zone, RFC 3339 with that zone's offset then:
// 2026-04-08T14:00:00+09:00. REQUIRES: the zone exists (date::locate_zone finds it).
std::string format_rfc3339(date::sys_seconds instant, const std::string& time_zone);

}  // namespace torikumi
