#pragma once

// Invitations to a meeting as iTIP calendars (RFC 5546) for email (iMIP, RFC 6047): the
// text/calendar part of a REQUEST (new or updated), a CANCEL (the whole meeting, one occurrence,
// or one attendee dropped) and a DECLINECOUNTER, written with libical. The caller keeps the
// envelope rule: summary, place, description and link say nothing personal. docs/calendars.md
// describes what each client does with them.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "calendars/itip.hpp"
#include "calendars/itip_reply.hpp"
#include "calendars/recurrence.hpp"
#include "engine/base/result.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi::calendars {

// A meeting held once.
struct SingleMeeting {
  date::local_seconds start;  // in the invitation's zone
  bool operator==(const SingleMeeting&) const = default;
};

// Instances no one RRULE gives (twice a month, an irregular list): DTSTART the first, an RDATE
// each of the others. Outlook ignores RDATE; a caller that cares sends such meetings one
// invitation per occurrence instead.
struct ListedInstances {
  std::vector<date::local_seconds> starts;  // in order, at least one
  bool operator==(const ListedInstances&) const = default;
};

// The instances of a series as planned, before any exception: each one's start is the
// RECURRENCE-ID that names it.
using SeriesInstances = std::variant<MonthlyRecurrence, ListedInstances>;

// Meetings on `day` at `start_time` in each of `months`: one monthly RRULE when one gives exactly
// them (recurrence.hpp), else the days listed.
SeriesInstances series_instances(const MeetingDay& day, std::chrono::minutes start_time,
                                 std::span<const date::year_month> months);

// The local starts of a series' instances, in order.
const std::vector<date::local_seconds>& instance_starts(const SeriesInstances& instances);

// One instance held at another time or place: an override VEVENT with its RECURRENCE-ID.
struct MovedInstance {
  date::local_seconds instance;  // the start the series gives it
  date::local_seconds start;     // where it is now (the same start when only the place changed)
  std::optional<std::string> location;  // unset: the series' place
  bool operator==(const MovedInstance&) const = default;
};

// One instance not held: an EXDATE in a REQUEST (write_occurrence_cancel tells the attendees).
struct CancelledInstance {
  date::local_seconds instance;
  bool operator==(const CancelledInstance&) const = default;
};

using InstanceException = std::variant<MovedInstance, CancelledInstance>;

struct MeetingSeries {
  SeriesInstances instances;
  std::vector<InstanceException> exceptions;  // at most one per instance
  bool operator==(const MeetingSeries&) const = default;
};

// CLASS: 支援会議 and 重層的支援会議 mark their envelope CONFIDENTIAL.
enum class Confidentiality { ordinary, confidential };

// What a REQUEST or CANCEL describes.
struct Invitation {
  std::string uid;  // invitation_uid (itip.hpp): the same for the life of the meeting
  // Raised by the caller when the time, place, series or status changes, never for an answer.
  std::uint32_t sequence = 0;
  date::sys_seconds dtstamp;  // when this version was made
  std::string summary;        // the envelope only: a generic title
  std::string location;
  std::string description;  // the envelope only: title, time, place, the signed link
  std::string url;          // the meeting's page; empty: none
  Confidentiality confidentiality = Confidentiality::ordinary;
  PlanZone zone = PlanZone::asia_tokyo();  // DTSTART and the rest carry its TZID and VTIMEZONE
  Person organizer;                        // a mailbox the office reads: replies go to it
  std::vector<Attendee> attendees;
  std::variant<SingleMeeting, MeetingSeries> schedule;
  std::chrono::minutes duration{60};
  bool operator==(const Invitation&) const = default;
};

struct InvitationOptions {
  std::string product_id = "-//torikumi//torikumi//JA";
};

// METHOD:REQUEST: the meeting, or the series' master (RRULE or RDATEs, an EXDATE per cancelled
// instance) followed by an override per moved instance, each with every attendee. A new
// invitation and an update differ only in SEQUENCE. Fails on an invitation that cannot be
// written (invitation <uid>: ...): no UID or organiser address, an attendee without an address,
// a duration not above zero, a series without instances, an exception naming no instance of it.
Result<std::string> write_request(const Invitation& invitation,
                                  const InvitationOptions& options = {});

// METHOD:CANCEL of the whole meeting or series, to every attendee, STATUS:CANCELLED. The
// invitation's SEQUENCE should be raised from the last REQUEST's.
Result<std::string> write_cancel(const Invitation& invitation,
                                 const InvitationOptions& options = {});

// METHOD:CANCEL of one instance of a series, named by RECURRENCE-ID (its start as planned).
// Also fails when the invitation is not a series, or `instance` is not one of its instances.
Result<std::string> write_occurrence_cancel(const Invitation& invitation,
                                            date::local_seconds instance,
                                            const InvitationOptions& options = {});

// METHOD:CANCEL for one attendee dropped from the meeting: only that ATTENDEE, STATUS:CANCELLED.
// The others get a REQUEST without them. Also fails when no attendee has that address.
Result<std::string> write_attendee_cancel(const Invitation& invitation, std::string_view email,
                                          const InvitationOptions& options = {});

// METHOD:DECLINECOUNTER: the organiser turns down `counter`'s proposed time, with `comment`
// (may be empty). The attendee is the invitation's one of that address, else as the counter
// names them. Also fails when `counter` is not a COUNTER of this invitation's UID.
Result<std::string> write_decline_counter(const Invitation& invitation, const ItipReply& counter,
                                          std::string_view comment,
                                          const InvitationOptions& options = {});

}  // namespace torikumi::calendars
