#include "engine/meetings/agency.hpp"

#include <algorithm>
#include <set>

#include "engine/base/json_reader.hpp"
#include "engine/calendar/plan_zone.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/meetings_meaning.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

struct KindName {
  AgencyKind kind;
  std::string_view name;
  std::string_view japanese;
};
constexpr KindName kKindNames[] = {
    {AgencyKind::ward_section, "ward_section", "区役所"},
    {AgencyKind::community_support_center, "community_support_center", "地域包括支援センター"},
    {AgencyKind::consultation_support, "consultation_support", "相談支援事業所"},
    {AgencyKind::social_welfare_council, "social_welfare_council", "社会福祉協議会"},
    {AgencyKind::child_family_center, "child_family_center", "こども家庭センター"},
    {AgencyKind::school, "school", "学校"},
    {AgencyKind::welfare_commissioner, "welfare_commissioner", "民生委員"},
    {AgencyKind::other, "other", "その他"},
};

struct RoleName {
  MemberRole role;
  std::string_view name;
  std::string_view japanese;
};
constexpr RoleName kRoleNames[] = {
    {MemberRole::contact, "contact", "担当者"},
    {MemberRole::lead, "lead", "責任者"},
    {MemberRole::member, "member", "構成員"},
};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const KindName& entry : kKindNames) names.emplace_back(entry.name);
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return text;
}

std::optional<Member> read_member(JsonReader& reader, const json& value, const std::string& where) {
  if (!reader.expect_object(value, where, {"name", "email", "role", "since", "until", "pledged"}))
    return std::nullopt;
  Member member;
  member.name = reader.optional_text(value, where, "name");
  if (member.name.size() > kMaxRecipientNameBytes)
    reader.report(
        where + ".name",
        "expected at most " + std::to_string(kMaxRecipientNameBytes) + " bytes, got " +
            std::to_string(member.name.size()),
        meaning_of(meetings_meaning::kNameTooLong, {std::to_string(kMaxRecipientNameBytes)}));
  if (auto email = reader.required_text(value, where, "email")) {
    if (!is_plausible_email(*email))
      reader.report(where + ".email", "expected an email address, got " + in_quotes(*email),
                    meaning_of(meetings_meaning::kEmailRefused, {*email}));
    member.email = std::move(*email);
  }
  if (const std::string role = reader.optional_text(value, where, "role"); !role.empty()) {
    if (const auto parsed = parse_member_role(role))
      member.role = *parsed;
    else
      reader.report(where + ".role", "expected contact, lead or member, got " + in_quotes(role),
                    meaning_of(meetings_meaning::kUnknownRole, {role}));
  }
  member.since = read_day(reader, value, where, "since");
  member.until = read_day(reader, value, where, "until");
  member.pledged = read_day(reader, value, where, "pledged");
  if (member.since && member.until && *member.until < *member.since)
    reader.report(where + ".until",
                  "expected a day from " + format_iso_date(*member.since) + " (since), got " +
                      format_iso_date(*member.until),
                  meaning_of(meetings_meaning::kUntilBeforeSince,
                             {format_iso_date(*member.until), format_iso_date(*member.since)}));
  return member;
}

}  // namespace

std::optional<date::sys_days> read_day(JsonReader& reader, const json& object,
                                       const std::string& where, std::string_view key) {
  const auto text = reader.string(object, where, key, false, false);
  if (!text) return std::nullopt;
  const auto day = parse_iso_date(*text);
  if (!day)
    reader.report(where + "." + std::string{key},
                  "expected a date YYYY-MM-DD, got " + in_quotes(*text),
                  meaning_of(json_meaning::kExpectedDate, {*text}));
  return day;
}

std::string_view to_string(AgencyKind kind) {
  for (const KindName& entry : kKindNames)
    if (entry.kind == kind) return entry.name;
  return "other";
}

std::optional<AgencyKind> parse_agency_kind(std::string_view text) {
  for (const KindName& entry : kKindNames)
    if (entry.name == text || entry.japanese == text) return entry.kind;
  return std::nullopt;
}

std::string_view to_string(MemberRole role) {
  for (const RoleName& entry : kRoleNames)
    if (entry.role == role) return entry.name;
  return "member";
}

std::optional<MemberRole> parse_member_role(std::string_view text) {
  for (const RoleName& entry : kRoleNames)
    if (entry.name == text || entry.japanese == text) return entry.role;
  return std::nullopt;
}

date::sys_days membership_day(date::sys_seconds instant) {
  return PlanZone::asia_tokyo().today(instant);
}

bool Member::active_on(date::sys_days day) const {
  return (!since || *since <= day) && (!until || day <= *until);
}

bool same_address(std::string_view left, std::string_view right) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::equal(left.begin(), left.end(), right.begin(), right.end(),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

std::optional<AgencyPerson> find_person(const std::vector<Agency>& agencies, std::string_view email,
                                        date::sys_days day) {
  std::optional<AgencyPerson> person;
  bool named_by_current = false;
  for (const Agency& agency : agencies) {
    for (const Member& member : agency.members) {
      if (!same_address(member.email, email)) continue;
      if (!person) person = AgencyPerson{member.email, member.name, {}};
      if (!member.active_on(day)) continue;
      if (!named_by_current) person->name = member.name;
      named_by_current = true;
      if (person->agencies.empty() || person->agencies.back() != agency.name)
        person->agencies.push_back(agency.name);
    }
  }
  return person;
}

std::optional<Agency> read_agency(JsonReader& reader, const json& value, const std::string& where) {
  if (!reader.expect_object(value, where, {"name", "kind", "members"})) return std::nullopt;
  Agency agency;
  if (auto name = reader.required_text(value, where, "name")) {
    if (const auto problem = owner_name_problem(*name)) reader.report(where + ".name", *problem);
    agency.name = std::move(*name);
  }
  if (const std::string kind = reader.optional_text(value, where, "kind"); !kind.empty()) {
    if (const auto parsed = parse_agency_kind(kind)) {
      agency.kind = *parsed;
    } else {
      std::vector<std::string> subjects{kind};
      const std::vector<std::string> names = kind_names();
      subjects.insert(subjects.end(), names.begin(), names.end());
      reader.report(where + ".kind", "expected " + joined(names) + ", got " + in_quotes(kind),
                    meaning_of(meetings_meaning::kUnknownKind, std::move(subjects)));
    }
  }
  if (const json* list = reader.member(value, "members");
      list != nullptr && list->is_array() && list->size() > kMaxMembersPerAgency) {
    reader.report(
        where + ".members",
        "expected at most " + std::to_string(kMaxMembersPerAgency) + " members, got " +
            std::to_string(list->size()),
        meaning_of(meetings_meaning::kTooManyMembers, {std::to_string(kMaxMembersPerAgency)}));
    return agency;
  }
  reader.each(value, where, "members", [&](const json& element, const std::string& path) {
    if (auto member = read_member(reader, element, path))
      agency.members.push_back(std::move(*member));
  });
  return agency;
}

std::vector<Agency> read_agencies(JsonReader& reader, const json& value, const std::string& where) {
  std::vector<Agency> agencies;
  if (!reader.expect_object(value, where, {"agencies"})) return agencies;
  if (const json* list = reader.member(value, "agencies");
      list != nullptr && list->is_array() && list->size() > kMaxAgencies) {
    reader.report(where + ".agencies",
                  "expected at most " + std::to_string(kMaxAgencies) + " agencies, got " +
                      std::to_string(list->size()),
                  meaning_of(meetings_meaning::kTooManyAgencies, {std::to_string(kMaxAgencies)}));
    return agencies;
  }
  std::set<std::string, std::less<>> names;
  reader.each(value, where, "agencies", [&](const json& element, const std::string& path) {
    auto agency = read_agency(reader, element, path);
    if (!agency) return;
    if (!agency->name.empty() && !names.insert(agency->name).second)
      reader.report(path + ".name", "agency " + in_quotes(agency->name) + " is listed twice",
                    meaning_of(meetings_meaning::kAgencyTwice, {agency->name}));
    agencies.push_back(std::move(*agency));
  });
  return agencies;
}

Result<std::vector<Agency>, Diagnostics> read_agencies_json(std::string_view text,
                                                            const std::string& root) {
  auto parsed = parse_json_document(text, root);
  if (!parsed) return parsed.error();
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  std::vector<Agency> agencies = read_agencies(reader, *parsed, root);
  if (!diagnostics.empty()) return diagnostics;
  return agencies;
}

Result<Agency, Diagnostics> read_agency_json(std::string_view text, const std::string& root) {
  auto parsed = parse_json_document(text, root);
  if (!parsed) return parsed.error();
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  auto agency = read_agency(reader, *parsed, root);
  if (!diagnostics.empty() || !agency) return diagnostics;
  return std::move(*agency);
}

json agency_to_json(const Agency& agency) {
  json members = json::array();
  for (const Member& member : agency.members) {
    json out{{"name", member.name},
             {"email", member.email},
             {"role", std::string{to_string(member.role)}}};
    if (member.since) out["since"] = format_iso_date(*member.since);
    if (member.until) out["until"] = format_iso_date(*member.until);
    if (member.pledged) out["pledged"] = format_iso_date(*member.pledged);
    members.push_back(std::move(out));
  }
  return json{
      {"name", agency.name}, {"kind", std::string{to_string(agency.kind)}}, {"members", members}};
}

json agencies_to_json(const std::vector<Agency>& agencies) {
  json list = json::array();
  for (const Agency& agency : agencies) list.push_back(agency_to_json(agency));
  return json{{"agencies", std::move(list)}};
}

Directory directory_of(const std::vector<Agency>& agencies,
                       const std::optional<DirectoryEntry>& unlisted, date::sys_days day) {
  Directory directory;
  directory.unlisted = unlisted;
  for (const Agency& agency : agencies) {
    DirectoryEntry entry;
    for (const Member& member : agency.members) {
      if (!member.active_on(day)) continue;
      if (member.role == MemberRole::contact)
        entry.recipients.push_back({member.name, member.email});
      else if (member.role == MemberRole::lead)
        entry.escalation.push_back({member.name, member.email});
    }
    if (!entry.recipients.empty()) directory.owners[agency.name] = std::move(entry);
  }
  return directory;
}

void set_current_people(Agency& agency, const DirectoryEntry& entry, date::sys_days day,
                        Joining joining) {
  // Former members and members of role `member` stay where they are; then the current contacts in
  // the entry's order, then its leads, each keeping its row when it had one.
  std::vector<Member> kept;
  std::vector<Member> current;
  for (Member& member : agency.members) {
    if (member.role == MemberRole::member || !member.active_on(day))
      kept.push_back(std::move(member));
    else
      current.push_back(std::move(member));
  }
  std::vector<Member> listed;
  const auto take = [&](const std::vector<Recipient>& people, MemberRole role) {
    for (const Recipient& person : people) {
      const auto found = std::find_if(current.begin(), current.end(), [&](const Member& member) {
        return member.role == role && member.name == person.name && member.email == person.email;
      });
      if (found != current.end()) {
        listed.push_back(std::move(*found));
        current.erase(found);
        continue;
      }
      listed.push_back(Member{
          .name = person.name,
          .email = person.email,
          .role = role,
          .since = joining == Joining::from_day ? std::optional<date::sys_days>{day} : std::nullopt,
          .until = std::nullopt,
          .pledged = std::nullopt});
    }
  };
  take(entry.recipients, MemberRole::contact);
  take(entry.escalation, MemberRole::lead);
  // Whoever is left has left: until the day before, or no row at all when they joined today.
  for (Member& member : current) {
    if (member.since && *member.since >= day) continue;
    member.until = day - date::days{1};
    kept.push_back(std::move(member));
  }
  kept.insert(kept.end(), std::make_move_iterator(listed.begin()),
              std::make_move_iterator(listed.end()));
  agency.members = std::move(kept);
}

}  // namespace torikumi
