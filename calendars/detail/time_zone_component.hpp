#pragma once

// Internal to calendars/: a zone's VTIMEZONE, written with libical from the tz database's rules
// (time_zone_observances.hpp), for the feeds and the invitations alike.

#include <date/date.h>

#include <string>

#include "calendars/detail/libical.hpp"
#include "engine/base/result.hpp"

namespace torikumi::calendars::detail {

// The VTIMEZONE of `zone_name` covering [from, to). Fails when the zone is not in the tz
// database: `unknown time zone "Mars/Olympus"`.
Result<ComponentHandle> time_zone_component(const std::string& zone_name, date::sys_seconds from,
                                            date::sys_seconds to);

}  // namespace torikumi::calendars::detail
