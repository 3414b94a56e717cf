#pragma once

// The meanings (engine/base/meaning.hpp) of what the meetings module says of agencies and their
// members (read_agencies) and of meetings' participants (read_participants,
// occurrence_participants), each with the subjects it names in order.

#include <string_view>

namespace torikumi::meetings_meaning {

// An agency's kind: the kind as written, then each kind expected.
inline constexpr std::string_view kUnknownKind = "agency.unknown_kind";
inline constexpr std::string_view kUnknownRole = "agency.unknown_role";    // the role as written
inline constexpr std::string_view kAgencyTwice = "agency.listed_twice";    // the agency's name
inline constexpr std::string_view kEmailRefused = "agency.email_refused";  // the text
inline constexpr std::string_view kNameTooLong = "agency.name_too_long";   // the limit in bytes
inline constexpr std::string_view kTooManyMembers = "agency.too_many_members";  // the limit
inline constexpr std::string_view kTooManyAgencies = "agency.too_many";         // the limit
// A member who leaves before joining: until, since (YYYY-MM-DD).
inline constexpr std::string_view kUntilBeforeSince = "agency.until_before_since";

// Participants on a task that is not a meeting: the task's kind (campaign).
inline constexpr std::string_view kParticipantsNeedMeeting = "participant.needs_meeting";
// An agency a list of participants has twice: the agency, the path of the first
// (plan.participants[0]).
inline constexpr std::string_view kParticipantTwice = "participant.listed_twice";
inline constexpr std::string_view kUnknownParticipantRole = "participant.unknown_role";  // the role
// A list of participants over the bound: the limit, the count.
inline constexpr std::string_view kTooManyParticipants = "participant.too_many";
// An occurrence's drop of an agency it does not have: the agency.
inline constexpr std::string_view kNotAParticipant = "participant.not_present";

}  // namespace torikumi::meetings_meaning
