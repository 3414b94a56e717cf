#pragma once

// A time zone's rules as iCalendar wants them in a VTIMEZONE: the offsets in force over a range
// of instants and the local times they change at, read from the tz database (date::tz).

#include <date/date.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::calendars {

enum class ObservanceKind { standard, daylight };

// One STANDARD or DAYLIGHT block: from `onset` on, local time is UTC + `offset_to`.
struct ZoneObservance {
  ObservanceKind kind = ObservanceKind::standard;
  // The local time of the change, reckoned in the offset before it (RFC 5545's DTSTART).
  date::local_seconds onset;
  std::chrono::seconds offset_from{0};
  std::chrono::seconds offset_to{0};
  std::string abbreviation;  // TZNAME: JST, BST
  bool operator==(const ZoneObservance&) const = default;
};

// The observances covering [from, to): the one in force at `from`, then one per change before
// `to`. A zone with no change since 1970 (Asia/Tokyo) gives one block starting 1970-01-01 with
// offset_from == offset_to. Fails when the zone is not in the tz database.
Result<std::vector<ZoneObservance>> zone_observances(const std::string& zone_name,
                                                     date::sys_seconds from, date::sys_seconds to);

}  // namespace torikumi::calendars
