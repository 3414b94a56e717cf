#include "calendars/itip.hpp"

#include <doctest/doctest.h>

#include "calendars/feed.hpp"

using namespace torikumi;
using namespace torikumi::calendars;

TEST_CASE("addresses are compared without mailto: and with the domain in lower case") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"mailto:tanaka@example.org", "tanaka@example.org"},
      {"MAILTO:Tanaka@Ward.Example.JP", "Tanaka@ward.example.jp"},
      {"  mailto: sato@example.org ", "sato@example.org"},
      {"c_7f3a@Group.Calendar.Google.com", "c_7f3a@group.calendar.google.com"},
      {"no-at-sign", "no-at-sign"},
      {"", ""},
  };
  for (const auto& [written, normalised] : cases) {
    CAPTURE(written);
    CHECK(normalise_email(written) == normalised);
  }
}

TEST_CASE("PARTSTAT and ROLE values are written and read as RFC 5545 spells them") {
  const std::vector<std::pair<PartStat, std::string>> partstats{
      {PartStat::needs_action, "NEEDS-ACTION"}, {PartStat::accepted, "ACCEPTED"},
      {PartStat::declined, "DECLINED"},         {PartStat::tentative, "TENTATIVE"},
      {PartStat::delegated, "DELEGATED"},
  };
  for (const auto& [partstat, text] : partstats) {
    CAPTURE(text);
    CHECK(partstat_text(partstat) == text);
    CHECK(parse_partstat(text) == partstat);
  }
  CHECK(parse_partstat("accepted") == PartStat::accepted);
  CHECK(parse_partstat("COMPLETED") == std::nullopt);  // a VTODO's, not an event's
  CHECK(parse_partstat("X-MAYBE") == std::nullopt);
  CHECK(role_text(AttendeeRole::chair) == "CHAIR");
  CHECK(role_text(AttendeeRole::required) == "REQ-PARTICIPANT");
  CHECK(role_text(AttendeeRole::optional) == "OPT-PARTICIPANT");
}

TEST_CASE("an invitation's UID is its meeting's id at invitations.<host>, never a feed's UID") {
  const auto series = invitation_uid("higashi/kyosei", "ward.example.jp");
  REQUIRE(series.ok());
  CHECK(*series == "higashi/kyosei@invitations.ward.example.jp");
  const auto occurrence = invitation_uid("higashi/meeting/2026-06", "ward.example.jp");
  REQUIRE(occurrence.ok());
  CHECK(*occurrence == "higashi/meeting/2026-06@invitations.ward.example.jp");
  // The feed writes the same ids at its own domain.
  const std::string feed_uid = "higashi/meeting/2026-06@" + FeedOptions{}.uid_domain;
  CHECK(feed_uid == "higashi/meeting/2026-06@torikumi");
  CHECK(*occurrence != feed_uid);

  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> refused{
      {{"higashi/kyosei", ""}, "invitation uid: host \"\" must be a domain name"},
      {{"higashi/kyosei", "a@b"}, "invitation uid: host \"a@b\" must be a domain name"},
      {{"", "ward.example.jp"}, "invitation uid: meeting \"\" must be an occurrence or series id"},
      {{"higashi kyosei", "ward.example.jp"},
       "invitation uid: meeting \"higashi kyosei\" must be an occurrence or series id"},
  };
  for (const auto& [arguments, message] : refused) {
    const auto uid = invitation_uid(arguments.first, arguments.second);
    REQUIRE_FALSE(uid.ok());
    CHECK(uid.error().message == message);
  }
}
