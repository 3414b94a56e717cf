#pragma once

// Agencies (機関): the organisations that own tasks and take part in meetings, shared by all
// plans of a city. A ward section that owns tasks (担当) is an agency of kind 区役所, so one list
// of people serves owners, reminders and invitations: the directory (engine/plan/directory.hpp)
// is what the agencies' current members make of it (directory_of). Kept in the database
// (store/agencies.cpp); imported from a file (docs/agencies.md).

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/directory.hpp"

namespace torikumi {

class JsonReader;

// What kind of organisation an agency is.
enum class AgencyKind {
  ward_section,              // 区役所の課: sections of the ward office (the owners of tasks)
  community_support_center,  // 地域包括支援センター
  consultation_support,      // 相談支援事業所
  social_welfare_council,    // 社会福祉協議会
  child_family_center,       // こども家庭センター
  school,                    // 学校
  welfare_commissioner,      // 民生委員・児童委員
  other,                     // その他
};
inline constexpr AgencyKind kAgencyKinds[] = {
    AgencyKind::ward_section,         AgencyKind::community_support_center,
    AgencyKind::consultation_support, AgencyKind::social_welfare_council,
    AgencyKind::child_family_center,  AgencyKind::school,
    AgencyKind::welfare_commissioner, AgencyKind::other};
std::string_view to_string(AgencyKind kind);  // "ward_section", ...
// The kind from its name (ward_section) or its Japanese (区役所, 地域包括支援センター, ...).
std::optional<AgencyKind> parse_agency_kind(std::string_view text);

// What a member does for their agency.
enum class MemberRole {
  contact,  // 担当者: hears of the agency's tasks (reminders) and meetings (invitations)
  lead,     // 責任者: told as well when an item is overdue long enough (escalation)
  member,   // 構成員: invited to meetings only
};
std::string_view to_string(MemberRole role);  // "contact", "lead", "member"
std::optional<MemberRole> parse_member_role(std::string_view text);

// A person in an agency for a while. A former member keeps their row (with `until`), so what
// they were sent and answered stays theirs.
struct Member {
  std::string name;
  std::string email;
  MemberRole role = MemberRole::contact;
  std::optional<date::sys_days> since;    // the first day; none: always
  std::optional<date::sys_days> until;    // the last day; none: still a member
  std::optional<date::sys_days> pledged;  // 誓約: the day they pledged confidentiality
  bool operator==(const Member&) const = default;

  // True when `day` is inside [since, until].
  bool active_on(date::sys_days day) const;
};

struct Agency {
  std::string name;  // unique; the owner name plans give for a ward section's tasks
  AgencyKind kind = AgencyKind::ward_section;
  std::vector<Member> members;  // in order; current and former
  bool operator==(const Agency&) const = default;
};

// Bounds on what a request or a file can store.
inline constexpr std::size_t kMaxAgencies = kMaxDirectoryOwners;
inline constexpr std::size_t kMaxMembersPerAgency = 200;

// An optional day at `where`.`key`, YYYY-MM-DD; a problem reported (kExpectedDate) when it is
// not one.
std::optional<date::sys_days> read_day(JsonReader& reader, const nlohmann::json& object,
                                       const std::string& where, std::string_view key);

// Reads `value` ({"agencies": [AGENCY, ...]}, AGENCY {"name", "kind", "members": [{"name",
// "email", "role", "since", "until", "pledged"}]}) reporting each problem at its path from
// `where`: a name blank, twice or over kMaxOwnerBytes, an unknown kind or role, an address that is
// none, a day that is not YYYY-MM-DD, until before since, more than the bounds.
std::vector<Agency> read_agencies(JsonReader& reader, const nlohmann::json& value,
                                  const std::string& where);
std::optional<Agency> read_agency(JsonReader& reader, const nlohmann::json& value,
                                  const std::string& where);
Result<std::vector<Agency>, Diagnostics> read_agencies_json(std::string_view text,
                                                            const std::string& root);
Result<Agency, Diagnostics> read_agency_json(std::string_view text, const std::string& root);

// The JSON the readers read.
nlohmann::json agencies_to_json(const std::vector<Agency>& agencies);
nlohmann::json agency_to_json(const Agency& agency);

// The day a membership is current on at `instant`: a city's civil day, in Japan Standard Time
// (the zone of every office torikumi serves; plans may name another for their dates).
date::sys_days membership_day(date::sys_seconds instant);

// True when two addresses are the same but for the case of ASCII letters, as mail systems take
// them (東 花子 may be Takikan@example.org in one agency and takikan@example.org in another).
bool same_address(std::string_view left, std::string_view right);

// A person as the agencies know them on a day, found by their address.
struct AgencyPerson {
  std::string email;  // as their first row writes it
  std::string name;   // of their first current membership, else of their first row
  // The agencies they are a current member of on the day (of any role), in the list's order.
  std::vector<std::string> agencies;
  bool operator==(const AgencyPerson&) const = default;
};

// The person with the address `email` (same_address) on `day`; nullopt when no agency has ever
// had a member with it. A former member is found, with no agencies.
std::optional<AgencyPerson> find_person(const std::vector<Agency>& agencies, std::string_view email,
                                        date::sys_days day);

// The directory the agencies make on `day`: each agency with a current contact is an owner, its
// current contacts the recipients and its current leads the escalation; `unlisted` as given.
Directory directory_of(const std::vector<Agency>& agencies,
                       const std::optional<DirectoryEntry>& unlisted, date::sys_days day);

// When the people an entry adds to an agency joined: from the day of the change (an edit), or
// always (an import of a whole directory, which says who is, not who has just come).
enum class Joining { from_day, always };

// An agency's current contacts and leads replaced by `entry` on `day`: a person no longer listed
// leaves (until the day before; a row that began on `day` is dropped), a person listed who was not
// joins (as `joining` says), the rest keep their rows. Members of role `member` stay as they are.
void set_current_people(Agency& agency, const DirectoryEntry& entry, date::sys_days day,
                        Joining joining);

}  // namespace torikumi
