#pragma once

// The meanings (engine/base/meaning.hpp) of what the meetings' HTTP parts refuse: answer links
// and the invitation sender, each with the subjects it names in order.

#include <string_view>

namespace torikumi::http::meetings_http_meaning {

inline constexpr std::string_view kLinkMalformed = "answer.malformed";  // (none)
inline constexpr std::string_view kLinkForged = "answer.forged";        // (none)
inline constexpr std::string_view kLinkExpired = "answer.expired";      // the last day
// The sender: an occurrence that is no meeting (the occurrence), a meeting without a time (the
// occurrence), no webhook endpoint to send through, no organiser in the config.
inline constexpr std::string_view kNotAMeeting = "invitation.not_a_meeting";
inline constexpr std::string_view kNoMeetingTime = "invitation.no_time";
inline constexpr std::string_view kNoEndpoint = "invitation.no_endpoint";
inline constexpr std::string_view kNoOrganizer = "invitation.no_organizer";
// A send that reaches nobody: no participant agency has a current member with an address.
inline constexpr std::string_view kNobodyToInvite = "invitation.nobody";

}  // namespace torikumi::http::meetings_http_meaning
