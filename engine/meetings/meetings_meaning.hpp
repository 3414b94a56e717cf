#pragma once

// The meanings (engine/base/meaning.hpp) of what the meetings module says of agencies and their
// members (read_agencies), each with the subjects it names in order.

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

}  // namespace torikumi::meetings_meaning
