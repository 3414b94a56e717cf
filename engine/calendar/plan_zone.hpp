#pragma once

// The plan's time zone, resolved once from its IANA name: civil (local days and times) to
// absolute (instants) and back happen here, with the zone the plan names (Abseil's civil =
// f(absolute, zone)). A zone the database does not know is an error where the name is read,
// never a silent fallback to UTC.

#include <date/date.h>
#include <date/tz.h>

#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi {

class PlanZone {
 public:
  // UTC; an expansion made by hand in a test, not by expand_plan, is in it.
  PlanZone();

  // The zone of that IANA name; fails with `unknown time zone "Mars/Olympus"`.
  static Result<PlanZone> locate(std::string_view name);
  // Asia/Tokyo: the zone of a plan that names none.
  static PlanZone asia_tokyo();

  // The IANA name, as the plan writes it ("Asia/Tokyo").
  const std::string& name() const { return name_; }
  // The zone itself, for what needs its rules (the feed's VTIMEZONE observances).
  const date::time_zone& zone() const { return *zone_; }

  // The local time of an instant in this zone.
  date::local_seconds to_local(date::sys_seconds instant) const;
  // The local day an instant falls on in this zone.
  date::sys_days local_day(date::sys_seconds instant) const;
  // Today in this zone at `now`.
  date::sys_days today(date::sys_seconds now) const { return local_day(now); }
  // The instant of a local time; in a gap, the gap's end; in an overlap, the earlier reading.
  date::sys_seconds to_instant(date::local_seconds local) const;
  // The instant a local day begins (its midnight).
  date::sys_seconds start_of(date::sys_days day) const;
  // The instant a local day ends: the start of the next one (half-open).
  date::sys_seconds end_of(date::sys_days day) const { return start_of(day + date::days{1}); }

  bool operator==(const PlanZone& other) const { return zone_ == other.zone_; }

 private:
  PlanZone(const date::time_zone* zone, std::string name);

  const date::time_zone* zone_;
  std::string name_;
};

}  // namespace torikumi
