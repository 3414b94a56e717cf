#include "engine/meetings/agency.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace date;
using namespace torikumi;

namespace {

const Member kHanako{.name = "東 花子",
                     .email = "hanako@example.org",
                     .role = MemberRole::contact,
                     .since = sys_days{2025_y / April / 1},
                     .until = std::nullopt,
                     .pledged = sys_days{2025_y / April / 1}};
const Member kFormer{.name = "北 次郎",
                     .email = "jiro@example.org",
                     .role = MemberRole::contact,
                     .since = std::nullopt,
                     .until = sys_days{2026_y / March / 31},
                     .pledged = std::nullopt};
const Member kChief{.name = "課長",
                    .email = "chief@example.org",
                    .role = MemberRole::lead,
                    .since = std::nullopt,
                    .until = std::nullopt,
                    .pledged = std::nullopt};
const Member kInvitee{.name = "南 三郎",
                      .email = "saburo@example.org",
                      .role = MemberRole::member,
                      .since = std::nullopt,
                      .until = std::nullopt,
                      .pledged = std::nullopt};

// The messages of a refused document, one per diagnostic.
std::vector<std::string> problems(std::string_view text) {
  const auto read = read_agencies_json(text, "agencies");
  REQUIRE_FALSE(read.ok());
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : read.error()) out.push_back(diagnostic.to_string());
  return out;
}

}  // namespace

TEST_CASE("an agencies file reads kinds and roles by name or in Japanese, and writes back equal") {
  const auto read = read_agencies_json(
      R"({"agencies": [
        {"name": "企画総務課", "kind": "区役所", "members": [
          {"name": "東 花子", "email": "hanako@example.org", "since": "2025-04-01",
           "pledged": "2025-04-01"},
          {"name": "北 次郎", "email": "jiro@example.org", "role": "担当者", "until": "2026-03-31"},
          {"name": "課長", "email": "chief@example.org", "role": "lead"}]},
        {"name": "東区地域包括支援センター", "kind": "community_support_center", "members": [
          {"name": "南 三郎", "email": "saburo@example.org", "role": "構成員"}]}]})",
      "agencies");
  REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error().front().to_string()));
  const std::vector<Agency> expected{
      {"企画総務課", AgencyKind::ward_section, {kHanako, kFormer, kChief}},
      {"東区地域包括支援センター", AgencyKind::community_support_center, {kInvitee}}};
  CHECK(*read == expected);
  const auto again = read_agencies_json(agencies_to_json(*read).dump(), "agencies");
  REQUIRE(again.ok());
  CHECK(*again == expected);
}

TEST_CASE("a bad agencies file is refused at each path with what was expected") {
  CHECK(problems(R"({"agencies": [
          {"name": "企画総務課", "kind": "city_hall", "members": [
            {"email": "hanako", "role": "boss", "since": "2026-04-01", "until": "2026/03/31"},
            {"email": "jiro@example.org", "since": "2026-04-01", "until": "2026-03-31"}]},
          {"name": "企画総務課"},
          {"name": " "}]})") ==
        std::vector<std::string>{
            "agencies.agencies[0].kind: expected ward_section, community_support_center, "
            "consultation_support, social_welfare_council, child_family_center, school, "
            "welfare_commissioner or other, got \"city_hall\"",
            "agencies.agencies[0].members[0].email: expected an email address, got \"hanako\"",
            "agencies.agencies[0].members[0].role: expected contact, lead or member, got \"boss\"",
            "agencies.agencies[0].members[0].until: expected a date YYYY-MM-DD, got \"2026/03/31\"",
            "agencies.agencies[0].members[1].until: expected a day from 2026-04-01 (since), got "
            "2026-03-31",
            "agencies.agencies[1].name: agency \"企画総務課\" is listed twice",
            "agencies.agencies[2].name: expected a non-empty string, got \" \""});
}

TEST_CASE("the directory is the agencies' current contacts and leads on a day") {
  const std::vector<Agency> agencies{
      {"企画総務課", AgencyKind::ward_section, {kHanako, kFormer, kChief, kInvitee}},
      {"東区地域包括支援センター", AgencyKind::community_support_center, {kInvitee}}};
  const Directory on_april_first =
      directory_of(agencies, std::nullopt, sys_days{2026_y / April / 1});
  CHECK(on_april_first.owners.size() == 1);  // the centre has no contact: not an owner
  CHECK(on_april_first.owners.at("企画総務課") ==
        DirectoryEntry{{{"東 花子", "hanako@example.org"}}, {{"課長", "chief@example.org"}}});
  const Directory a_year_before =
      directory_of(agencies, std::nullopt, sys_days{2025_y / March / 1});
  CHECK(a_year_before.owners.at("企画総務課").recipients ==
        std::vector<Recipient>{{"北 次郎", "jiro@example.org"}});
}

TEST_CASE(
    "a person is found by their address in any case, with the agencies they are in on a day") {
  Member hanako_again = kHanako;
  hanako_again.email = "Hanako@Example.org";
  hanako_again.name = "東 花子（兼務）";
  hanako_again.since = sys_days{2026_y / October / 1};
  const std::vector<Agency> agencies{
      {"企画総務課", AgencyKind::ward_section, {kFormer, kHanako, kChief}},
      {"東区地域包括支援センター", AgencyKind::community_support_center, {kInvitee, hanako_again}},
      {"こども家庭センター", AgencyKind::child_family_center, {kFormer}}};
  struct Row {
    std::string email;
    sys_days day;
    std::optional<AgencyPerson> person;
  };
  const Row rows[] = {
      {"hanako@example.org", sys_days{2026_y / April / 1},
       AgencyPerson{"hanako@example.org", "東 花子", {"企画総務課"}}},
      {"HANAKO@example.ORG", sys_days{2026_y / October / 1},
       AgencyPerson{"hanako@example.org", "東 花子", {"企画総務課", "東区地域包括支援センター"}}},
      // Not yet a member (she joins on 1 April 2025): found, in no agency, by her first row's name.
      {"hanako@example.org", sys_days{2025_y / March / 31},
       AgencyPerson{"hanako@example.org", "東 花子", {}}},
      // Former in both of his agencies after 31 March 2026; in both, once each, before.
      {"jiro@example.org", sys_days{2026_y / April / 1},
       AgencyPerson{"jiro@example.org", "北 次郎", {}}},
      {"jiro@example.org", sys_days{2026_y / March / 31},
       AgencyPerson{"jiro@example.org", "北 次郎", {"企画総務課", "こども家庭センター"}}},
      {"nobody@example.org", sys_days{2026_y / April / 1}, std::nullopt},
      // Only ASCII letters fold: a full-width letter is another address.
      {"ｈanako@example.org", sys_days{2026_y / April / 1}, std::nullopt},
  };
  for (const Row& row : rows) {
    const std::string day = format("%F", row.day);
    CAPTURE(row.email);
    CAPTURE(day);
    CHECK(find_person(agencies, row.email, row.day) == row.person);
  }
  CHECK(same_address("Takikan@Example.org", "takikan@example.org"));
  CHECK_FALSE(same_address("takikan@example.org", "takikan@example.org "));
  CHECK_FALSE(same_address("takikan@example.org", "takikan@example.jp"));
}

TEST_CASE("setting an agency's current people keeps its former members and its history") {
  const sys_days day{2026_y / June / 1};
  Agency agency{"企画総務課", AgencyKind::ward_section, {kHanako, kFormer, kChief, kInvitee}};
  const Recipient kNew{"西 四郎", "shiro@example.org"};
  set_current_people(agency, DirectoryEntry{{kNew, {"東 花子", "hanako@example.org"}}, {}}, day,
                     Joining::from_day);
  Member left_chief = kChief;
  left_chief.until = day - days{1};
  Member joined = Member{.name = "西 四郎",
                         .email = "shiro@example.org",
                         .role = MemberRole::contact,
                         .since = day,
                         .until = std::nullopt,
                         .pledged = std::nullopt};
  // Former members and members first, then the current contacts in the entry's order.
  CHECK(agency.members == std::vector<Member>{kFormer, kInvitee, left_chief, joined, kHanako});
  CHECK(directory_of({agency}, std::nullopt, day).owners.at("企画総務課") ==
        DirectoryEntry{{kNew, {"東 花子", "hanako@example.org"}}, {}});
  // Set again the same day without the new person: they joined today, so no row is left.
  set_current_people(agency, DirectoryEntry{{{"東 花子", "hanako@example.org"}}, {}}, day,
                     Joining::from_day);
  CHECK(agency.members == std::vector<Member>{kFormer, kInvitee, left_chief, kHanako});
}

TEST_CASE("a whole directory imported says who is, not who has just joined") {
  Agency agency{"企画総務課", AgencyKind::ward_section, {}};
  set_current_people(agency, DirectoryEntry{{{"東 花子", "hanako@example.org"}}, {}},
                     sys_days{2026_y / December / 1}, Joining::always);
  REQUIRE(agency.members.size() == 1);
  CHECK_FALSE(agency.members[0].since);
  // So a reminder planned for a day before the import still reaches her.
  CHECK(directory_of({agency}, std::nullopt, sys_days{2026_y / September / 1}).owners.size() == 1);
}
