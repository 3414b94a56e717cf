#pragma once

// Dates and instants as text: ISO 8601 days (2026-04-08) and RFC 3339 instants
// (2026-04-08T14:00:00+09:00). The one place civil time and zones meet text.

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/calendar/plan_zone.hpp"

namespace torikumi {

// "2026-04-08" → that day; nullopt unless exactly YYYY-MM-DD and a real date.
std::optional<date::sys_days> parse_iso_date(std::string_view text);

// "2026-04-08T14:00:00+09:00" or "...Z" → the instant; nullopt unless RFC 3339 with seconds
// and an offset (fractions of a second are not accepted).
std::optional<date::sys_seconds> parse_rfc3339(std::string_view text);

// "2026-04-08". Years outside 0..9999 are written with as many digits as they need.
std::string format_iso_date(date::sys_days day);

// "2026-04-08T05:00:00Z": the instant in UTC, for storage and logs.
std::string format_utc_instant(date::sys_seconds instant);

// The instant in the plan's zone, RFC 3339 with that zone's offset then:
// 2026-04-08T14:00:00+09:00.
// These formatters build strings directly: no stream, no locale (they are on hot paths).
std::string format_rfc3339(date::sys_seconds instant, const PlanZone& zone);

// A day or a time as a user writes it, in the plan's zone: 2026-04-08 (its start),
// 2026-04-08T14:00 or "2026-04-08 14:00" (local), or RFC 3339 with an offset. The error names
// what was expected: `expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, got "x"`.
// A local time in a gap of the zone is read as the gap's end; in an overlap, as the earlier.
Result<date::sys_seconds> parse_user_time(std::string_view text, const PlanZone& zone);

}  // namespace torikumi
