#include "calendars/time_zone_observances.hpp"

#include <date/tz.h>

#include <algorithm>
#include <exception>

namespace torikumi::calendars {

namespace {

// Earlier history is of no use to a calendar and some clients mishandle it.
constexpr date::sys_seconds kEarliestOnset{date::sys_days{date::year{1970} / 1 / 1}};

ObservanceKind kind_of(const date::sys_info& info) {
  return info.save > std::chrono::minutes{0} ? ObservanceKind::daylight : ObservanceKind::standard;
}

}  // namespace

Result<std::vector<ZoneObservance>> zone_observances(const std::string& zone_name,
                                                     date::sys_seconds from, date::sys_seconds to) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    return Error{"unknown time zone \"" + zone_name + "\""};
  }
  std::vector<ZoneObservance> observances;
  date::sys_info info = zone->get_info(from);
  // The block in force at `from`: its true onset when that is recent, else 1970 with no change.
  if (info.begin >= kEarliestOnset) {
    const date::sys_info before = zone->get_info(info.begin - std::chrono::seconds{1});
    observances.push_back({kind_of(info),
                           date::local_seconds{(info.begin + before.offset).time_since_epoch()},
                           before.offset, info.offset, info.abbrev});
  } else {
    observances.push_back({kind_of(info), date::local_seconds{kEarliestOnset.time_since_epoch()},
                           info.offset, info.offset, info.abbrev});
  }
  while (info.end < to) {
    const std::chrono::seconds offset_before = info.offset;
    const date::sys_seconds change = info.end;
    info = zone->get_info(change);
    observances.push_back({kind_of(info),
                           date::local_seconds{(change + offset_before).time_since_epoch()},
                           offset_before, info.offset, info.abbrev});
  }
  return observances;
}

}  // namespace torikumi::calendars
