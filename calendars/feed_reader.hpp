#pragma once

// Reading a feed back with libical, as a client would: its components, and its events expanded
// into the instances a calendar shows. The tests check every feed torikumi writes with it.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::calendars {

// One VEVENT or VTODO as written. Times with a TZID are turned into instants with the feed's
// own VTIMEZONE, so a wrong VTIMEZONE shows up as a wrong instant.
struct FeedComponent {
  std::string type;  // VEVENT or VTODO
  std::string uid;
  std::string summary;
  std::string description;
  std::string location;
  std::string status;  // CONFIRMED, CANCELLED, COMPLETED, NEEDS-ACTION, ...; empty when absent
  std::string transparency;
  std::string url;
  std::string rrule;  // as written; empty when absent
  std::string start_tzid;
  std::vector<std::string> categories;
  std::vector<std::string> alarm_triggers;  // -P1D
  std::optional<date::sys_seconds> start;   // DTSTART of a timed component
  std::optional<date::sys_seconds> end;
  std::optional<date::sys_days> start_day;  // DTSTART;VALUE=DATE
  std::optional<date::sys_days> end_day;    // DTEND;VALUE=DATE (exclusive)
  std::optional<date::sys_days> due_day;    // DUE;VALUE=DATE of a to-do
  std::optional<date::sys_seconds> recurrence_id;
  std::vector<date::sys_seconds> exdates;
  std::optional<date::sys_seconds> completed;
  std::optional<int> percent_complete;
  int sequence = 0;
  std::optional<date::sys_seconds> last_modified;
  std::optional<date::sys_seconds> dtstamp;
};

struct ParsedFeed {
  std::vector<std::pair<std::string, std::string>> properties;  // the VCALENDAR's, in order
  std::vector<std::string> time_zones;                          // TZIDs of its VTIMEZONEs
  std::vector<FeedComponent> events;
  std::vector<FeedComponent> todos;

  // The first calendar property of that name (X-WR-CALNAME), or null.
  const std::string* property(std::string_view name) const;
};

// One event as a calendar shows it, after recurrences are expanded.
struct FeedInstance {
  std::string uid;
  std::string summary;
  std::string location;
  std::string status;
  std::optional<date::sys_seconds> start;  // timed
  std::optional<date::sys_seconds> end;
  std::optional<date::sys_days> start_day;         // all-day
  std::optional<date::sys_days> end_day;           // exclusive
  std::optional<date::sys_seconds> recurrence_id;  // the instance of a recurring event it is
};

// Parses a feed. Fails on text libical cannot read or reports errors in (X-LIC-ERROR).
Result<ParsedFeed> read_feed(std::string_view text);

// The instances of every VEVENT that start in [from, to): RRULEs expanded, EXDATEs removed,
// RECURRENCE-ID overrides in place of the instances they replace. Sorted by start, then UID.
// An RRULE is followed to `to` (or its last override) only, and refused when it has more than
// 100,000 instances before then: `feed: UID: RRULE FREQ=SECONDLY has more than 100000 instances
// before 2027-04-01`.
Result<std::vector<FeedInstance>> expand_feed(std::string_view text, date::sys_days from,
                                              date::sys_days to);

}  // namespace torikumi::calendars
