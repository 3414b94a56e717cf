#pragma once

// Reading what attendees send back by email (iMIP, RFC 6047): the calendar part of a REPLY (an
// answer) or a COUNTER (a proposed new time), as Outlook, Google, Apple and Thunderbird write
// them. What to match them against (UID, RECURRENCE-ID, attendee, reply token) is the caller's;
// this only reads, and refuses what is not an answer. docs/calendars.md lists the quirks.

#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendars/itip.hpp"
#include "engine/base/result.hpp"
#include "engine/calendar/plan_zone.hpp"

namespace torikumi::calendars {

enum class ReplyMethod { reply, counter };

// One VEVENT of a REPLY or COUNTER: one attendee's answer to one invitation, or to one
// occurrence of it.
struct ItipReply {
  ReplyMethod method = ReplyMethod::reply;
  std::string uid;
  // The occurrence answered, as an instant (a TZID, a Windows zone name, UTC and a floating
  // time all read to the same one); unset: the whole invitation.
  std::optional<date::sys_seconds> recurrence_id = std::nullopt;
  std::uint32_t sequence = 0;  // the SEQUENCE answered; 0 when absent
  std::optional<date::sys_seconds> dtstamp = std::nullopt;
  Person attendee{};  // the one who answers (for a COUNTER, the one who is not the organiser)
  PartStat partstat = PartStat::needs_action;  // NEEDS-ACTION when the ATTENDEE has none
  // COMMENT, else Google's X-RESPONSE-COMMENT parameter of ATTENDEE; lines joined by "\n".
  std::string comment{};
  std::vector<std::string> delegated_to{};  // DELEGATED-TO addresses, normalised
  std::optional<std::string> organizer_email =
      std::nullopt;  // Outlook's REPLY may have no ORGANIZER
  // A COUNTER's proposal: DTSTART, and DTEND (or DTSTART + DURATION) when given.
  std::optional<date::sys_seconds> proposed_start = std::nullopt;
  std::optional<date::sys_seconds> proposed_end = std::nullopt;
  bool operator==(const ItipReply&) const = default;
};

// What the reader takes at most; more is refused before libical sees it.
inline constexpr std::size_t kMostItipBytes = 256 * 1024;
inline constexpr std::size_t kMostItipEvents = 100;
inline constexpr std::size_t kMostItipComponents = 1000;  // VEVENTs, VTIMEZONEs and their parts

// The answers in a calendar part, one per VEVENT, in order. `zone` reads floating times (those
// with neither TZID nor Z): the plan's, or Asia/Tokyo when the invitation is not known yet.
// A TZID is read, in this order, as a Windows zone name (windows_zones.hpp), an IANA zone, or a
// VTIMEZONE of the calendar. Refusals (code ErrorCode::invalid, meaning from itip_meaning.hpp):
//   itip: calendar text of 300000 bytes is over the limit of 262144
//   itip: not an iCalendar object: expected BEGIN:VCALENDAR
//   itip: libical reports "..."
//   itip: more than 1000 components, the most the reader takes
//   itip: no METHOD, expected REPLY or COUNTER
//   itip: METHOD REQUEST, expected REPLY or COUNTER
//   itip: a REPLY without VEVENT
//   itip: 101 VEVENTs, more than the 100 the reader takes
//   itip: VEVENT 1: no UID
//   itip: VEVENT 1 (UID "x"): no ATTENDEE
//   itip: VEVENT 1 (UID "x"): 2 ATTENDEEs in a REPLY, expected one
//   itip: VEVENT 1 (UID "x"): ATTENDEE "urn:x" is not a mailto: address
//   itip: VEVENT 1 (UID "x"): unknown PARTSTAT "MAYBE"
//   itip: VEVENT 1 (UID "x"): RECURRENCE-ID has unknown time zone "Mars Standard Time"
//   itip: VEVENT 1 (UID "x"): DTSTART 99991231T000000 is outside the years 1970 to 2200
//   itip: VEVENT 1 (UID "x"): a COUNTER without DTSTART proposes no time
Result<std::vector<ItipReply>> read_itip(std::string_view calendar_text, const PlanZone& zone);

}  // namespace torikumi::calendars
