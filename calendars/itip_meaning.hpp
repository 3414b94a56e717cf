#pragma once

// The meanings (engine/base/meaning.hpp) of what read_itip (itip_reply.hpp) refuses, each with
// the subjects it names in order. A VEVENT is named by its place in the calendar, from 1.

#include <string_view>

namespace torikumi::calendars::itip_meaning {

// Calendar text longer than the reader takes: its size in bytes, the limit.
inline constexpr std::string_view kTooLarge = "itip.too_large";
// Text that is not one VCALENDAR (garbage, a VCARD, an empty part): no subjects.
inline constexpr std::string_view kNotICalendar = "itip.not_icalendar";
// A VCALENDAR libical reports errors in (X-LIC-ERROR): the first error's text.
inline constexpr std::string_view kUnreadable = "itip.unreadable";
// More components (VEVENTs, VTIMEZONEs, their parts, nested or not) than the reader takes: the
// limit.
inline constexpr std::string_view kTooManyComponents = "itip.too_many_components";
// A calendar without METHOD (an attachment to import, not an answer): no subjects.
inline constexpr std::string_view kNoMethod = "itip.no_method";
// A METHOD other than REPLY or COUNTER (a REQUEST sent back, a PUBLISH): the method.
inline constexpr std::string_view kUnexpectedMethod = "itip.unexpected_method";
// A calendar without VEVENT: the method.
inline constexpr std::string_view kNoEvent = "itip.no_event";
// More VEVENTs than the reader takes: their count, the limit.
inline constexpr std::string_view kTooManyEvents = "itip.too_many_events";
// A VEVENT without UID: its place.
inline constexpr std::string_view kNoUid = "itip.no_uid";
// A VEVENT without ATTENDEE: its place, its UID.
inline constexpr std::string_view kNoAttendee = "itip.no_attendee";
// A REPLY's VEVENT with more than one ATTENDEE (RFC 5546 3.2.3 allows one): its place, its UID,
// how many.
inline constexpr std::string_view kSeveralAttendees = "itip.several_attendees";
// An ATTENDEE whose address is not a mailto: address: its place, its UID, the value.
inline constexpr std::string_view kAttendeeNotEmail = "itip.attendee_not_email";
// A PARTSTAT that an event's attendee cannot have: its place, its UID, the value.
inline constexpr std::string_view kUnknownPartStat = "itip.unknown_partstat";
// A date-time whose TZID is neither an IANA zone, nor a Windows zone name, nor defined by a
// VTIMEZONE of the calendar: its place, its UID, the property, the TZID.
inline constexpr std::string_view kUnknownTimeZone = "itip.unknown_time_zone";
// A date-time outside the years the reader takes: its place, its UID, the property, the value.
inline constexpr std::string_view kTimeOutOfRange = "itip.time_out_of_range";
// A COUNTER without DTSTART, which proposes no time: its place, its UID.
inline constexpr std::string_view kCounterWithoutTime = "itip.counter_without_time";

}  // namespace torikumi::calendars::itip_meaning
