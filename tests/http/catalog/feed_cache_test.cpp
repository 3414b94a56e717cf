#include "http/catalog/feed_cache.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "engine/meetings/agency.hpp"
#include "http/transport/conditional.hpp"
#include "http/transport/gzip.hpp"
#include "tests/http/http_test_support.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace torikumi::http::testing;

namespace {

// The catalogs' clock: 10:00 in Tokyo on 1 September 2026.
const date::sys_seconds kSeptember =
    date::sys_days{date::year{2026} / date::September / 1} + std::chrono::hours{1};

date::sys_seconds september() { return kSeptember; }

// examples/agencies.json: the agencies the Higashi plan's meetings convene, and its owners.
std::vector<Agency> example_agencies() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/agencies.json"};
  std::ostringstream text;
  text << file.rdbuf();
  auto agencies = read_agencies_json(text.str(), "agencies");
  REQUIRE(agencies.ok());
  return std::move(*agencies);
}

// Agencies that can be replaced, as the store's catalog replaces them after a change.
class ChangingAgencies final : public AgencyCatalog {
 public:
  explicit ChangingAgencies(std::vector<Agency> agencies)
      : snapshot_(agency_snapshot(std::move(agencies), 1)) {}
  void publish(std::vector<Agency> agencies) {
    snapshot_ = agency_snapshot(std::move(agencies), snapshot_->revision + 1);
  }
  AgenciesPointer agencies() const override { return snapshot_; }

 private:
  AgenciesPointer snapshot_;
};

FeedRequest agency_request(const std::string& agency) {
  FeedRequest request;
  request.scope = FeedScope::agency;
  request.agency = agency;
  return request;
}

FeedRequest person_request(const std::string& email) {
  FeedRequest request;
  request.scope = FeedScope::person;
  request.person = person_feed_key(email);
  return request;
}

}  // namespace

TEST_CASE("feed paths name a plan or an owner or an organisation") {
  auto plan = parse_feed_path("higashi-kyosei.ics");
  REQUIRE(plan.ok());
  CHECK(plan->scope == FeedScope::plan);
  CHECK(plan->plan_id == "higashi-kyosei");

  auto owner = parse_feed_path("higashi-kyosei/owner/学校連携担当.ics");
  REQUIRE(owner.ok());
  CHECK(owner->scope == FeedScope::owner);
  CHECK(owner->plan_id == "higashi-kyosei");
  CHECK(owner->owner == "学校連携担当");
  CHECK(
      feed_path(*owner) ==
      "/calendars/higashi-kyosei/owner/%E5%AD%A6%E6%A0%A1%E9%80%A3%E6%90%BA%E6%8B%85%E5%BD%93.ics");

  auto organisation = parse_feed_path("org/東区役所.ics");
  REQUIRE(organisation.ok());
  CHECK(organisation->scope == FeedScope::organisation);
  CHECK(organisation->organisation == "東区役所");
  CHECK(feed_path(*organisation) == "/calendars/org/%E6%9D%B1%E5%8C%BA%E5%BD%B9%E6%89%80.ics");
}

TEST_CASE("feed paths name an agency by its name and a person by the key of their address") {
  auto agency = parse_feed_path("agency/こども家庭センター.ics");
  REQUIRE(agency.ok());
  CHECK(*agency == agency_request("こども家庭センター"));
  CHECK(feed_path(*agency) ==
        "/calendars/agency/"
        "%E3%81%93%E3%81%A9%E3%82%82%E5%AE%B6%E5%BA%AD%E3%82%BB%E3%83%B3%E3%82%BF%E3%83%BC.ics");
  // A name with a '/' is the rest of the path (sent as %2F, decoded before it is read).
  auto slashed = parse_feed_path("agency/東区/西区合同センター.ics");
  REQUIRE(slashed.ok());
  CHECK(slashed->agency == "東区/西区合同センター");
  CHECK(feed_path(*slashed).find("%2F") != std::string::npos);
  // A plan called "agency" keeps its owners' feeds.
  auto owner = parse_feed_path("agency/owner/学校連携担当.ics");
  REQUIRE(owner.ok());
  CHECK(owner->scope == FeedScope::owner);

  // The key is the address's SHA-256, cut short, whatever the case of its letters.
  CHECK(person_feed_key("takikan@example.org") == "851b905697a9a080");
  CHECK(person_feed_key("Takikan@Example.ORG") == person_feed_key("takikan@example.org"));
  auto person = parse_feed_path("person/" + person_feed_key("takikan@example.org") + ".ics");
  REQUIRE(person.ok());
  CHECK(*person == person_request("takikan@example.org"));
  CHECK(feed_path(*person) ==
        "/calendars/person/" + person_feed_key("takikan@example.org") + ".ics");
  for (const char* path :
       {"person/takikan@example.org.ics", "person/851B905697A9A080.ics",
        "person/851b905697a9a08.ics", "person/a/851b905697a9a080.ics", "agency/.ics"}) {
    CAPTURE(path);
    CHECK(parse_feed_path(path).error() ==
          HttpError{ErrorKind::not_found, "no feed at /calendars/" + std::string{path}});
  }
}

TEST_CASE("an agency's feed holds the meetings that invite it, and follows plans and agencies") {
  ChangingCatalog catalog{snapshot_of(higashi_plan(), 1)};
  ChangingAgencies agencies{example_agencies()};
  FeedCache cache{catalog, agencies, calendars::FeedOptions{}, september};
  const FeedRequest request = agency_request("堺市社会福祉協議会東区事務所");
  const auto first = cache.get(request);
  REQUIRE(first.ok());
  const std::string& body = (*first)->body;
  CHECK(body.find("X-WR-CALNAME:堺市社会福祉協議会東区事務所の会議\r\n") != std::string::npos);
  CHECK(body.find("UID:higashi-kyosei/multi-agency-meeting@torikumi\r\n") != std::string::npos);
  CHECK(body.find("RRULE:FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE\r\n") != std::string::npos);
  CHECK(body.find("BEGIN:VTODO") == std::string::npos);
  CHECK(body.find("ATTENDEE") == std::string::npos);
  CHECK(body.find("ORGANIZER") == std::string::npos);
  CHECK(body.find("METHOD:PUBLISH\r\n") != std::string::npos);
  CHECK(cache.get(request).value() == *first);
  CHECK(cache.renders() == 1);

  // 学校連携担当 is an agency (an owner) invited to no meeting: its feed has no event.
  const auto uninvited = cache.get(agency_request("学校連携担当"));
  REQUIRE(uninvited.ok());
  CHECK((*uninvited)->body.find("BEGIN:VEVENT") == std::string::npos);
  CHECK(cache.renders() == 2);

  // A change of the agencies renders it again (to the same bytes: nothing it shows changed).
  std::vector<Agency> changed = example_agencies();
  changed.back().members.pop_back();
  agencies.publish(changed);
  CHECK(cache.get(request, FeedCache::Rendering::cached_only).value() == nullptr);
  const auto after_agencies = cache.get(request);
  REQUIRE(after_agencies.ok());
  CHECK(cache.renders() == 3);
  CHECK((*after_agencies)->etag == (*first)->etag);

  // A new revision of the plan (a meeting's state, here its title) renders it again.
  Plan renamed = higashi_plan();
  for (Task& task : renamed.tasks)
    if (task.kind == TaskKind::meeting) task.title = "多機関協働会議";
  catalog.publish(snapshot_of(std::move(renamed), 2));
  CHECK(cache.get(request, FeedCache::Rendering::cached_only).value() == nullptr);
  const auto after_plan = cache.get(request);
  REQUIRE(after_plan.ok());
  CHECK(cache.renders() == 4);
  CHECK((*after_plan)->body.find("SUMMARY:多機関協働会議\r\n") != std::string::npos);

  // An agency removed has no feed.
  std::vector<Agency> without = example_agencies();
  std::erase_if(without,
                [](const Agency& agency) { return agency.name == "堺市社会福祉協議会東区事務所"; });
  agencies.publish(without);
  CHECK(cache.get(request).error() ==
        HttpError{ErrorKind::not_found, "no agency \"堺市社会福祉協議会東区事務所\""});
  CHECK(cache.get(agency_request("西区社会福祉協議会")).error() ==
        HttpError{ErrorKind::not_found, "no agency \"西区社会福祉協議会\""});
}

TEST_CASE("a person's feed holds their current agencies' meetings, by the day and their rows") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  ChangingAgencies agencies{example_agencies()};
  date::sys_seconds now = kSeptember;
  FeedCache cache{*catalog, agencies, calendars::FeedOptions{}, [&] { return now; }};
  // 中村 美咲 joined the centre on 1 April 2025; 大野 健 left it on 31 March 2025.
  const auto current = cache.get(person_request("nakamura@houkatsu-higashi.example.jp"));
  REQUIRE(current.ok());
  CHECK((*current)->body.find("X-WR-CALNAME:中村 美咲の会議\r\n") != std::string::npos);
  CHECK((*current)->body.find("UID:higashi-kyosei/multi-agency-meeting@torikumi\r\n") !=
        std::string::npos);
  CHECK((*current)->body.find("ATTENDEE") == std::string::npos);
  const auto former = cache.get(person_request("ONO@houkatsu-higashi.example.jp"));
  REQUIRE(former.ok());
  CHECK((*former)->body.find("X-WR-CALNAME:大野 健の会議\r\n") != std::string::npos);
  CHECK((*former)->body.find("BEGIN:VEVENT") == std::string::npos);
  CHECK(cache.renders() == 2);
  CHECK(cache.get(person_request("nobody@example.org")).error() ==
        HttpError{ErrorKind::not_found, "no feed at /calendars/person/" +
                                            person_feed_key("nobody@example.org") + ".ics"});

  // The day she had not joined yet: the same path, rendered again, with no meeting.
  now = date::sys_days{date::year{2025} / date::March / 1};
  const auto before_joining = cache.get(person_request("nakamura@houkatsu-higashi.example.jp"));
  REQUIRE(before_joining.ok());
  CHECK(cache.renders() == 3);
  CHECK((*before_joining)->body.find("BEGIN:VEVENT") == std::string::npos);

  // Back to September, and she leaves the centre from the agencies' side: no meeting again,
  // which is the calendar of the day before she joined, kept: what a person's feed shows depends
  // on their name and agencies, not on the day.
  now = kSeptember;
  std::vector<Agency> left = example_agencies();
  for (Agency& agency : left)
    for (Member& member : agency.members)
      if (member.email == "nakamura@houkatsu-higashi.example.jp")
        member.until = date::sys_days{date::year{2026} / date::August / 31};
  agencies.publish(left);
  const auto after_leaving = cache.get(person_request("nakamura@houkatsu-higashi.example.jp"));
  REQUIRE(after_leaving.ok());
  CHECK(*after_leaving == *before_joining);
  CHECK(cache.renders() == 3);
}

TEST_CASE("paths of any other shape are not feeds") {
  for (const char* path : {"higashi-kyosei", "higashi-kyosei.ical", ".ics", "a//b.ics", "a/b.ics",
                           "../x.ics", "higashi-kyosei/owner/.ics", "x/y/z/w.ics", "org/.ics"}) {
    CAPTURE(path);
    const auto parsed = parse_feed_path(path);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::not_found);
    CHECK(parsed.error().message == "no feed at /calendars/" + std::string{path});
  }
}

TEST_CASE("a feed is rendered once per revision and served from memory") {
  ChangingCatalog catalog{snapshot_of(higashi_plan(), 1)};
  const MemoryAgencyCatalog agencies;
  FeedCache cache{catalog, agencies, calendars::FeedOptions{}, september};
  const FeedRequest request{
      .scope = FeedScope::plan, .plan_id = "higashi-kyosei", .owner = {}, .organisation = {}};
  const auto first = cache.get(request);
  REQUIRE(first.ok());
  const auto again = cache.get(request);
  REQUIRE(again.ok());
  CHECK(cache.renders() == 1);
  CHECK(first->get() == again->get());
  CHECK((*first)->body.starts_with("BEGIN:VCALENDAR\r\n"));
  CHECK((*first)->etag == strong_etag((*first)->body));
  CHECK((*first)->gzip_etag == strong_etag((*first)->gzip_body));
  CHECK((*first)->etag != (*first)->gzip_etag);
  CHECK((*first)->last_modified == "Wed, 01 Apr 2026 00:00:00 GMT");
  CHECK(gzip_decompress((*first)->gzip_body).value() == (*first)->body);

  // A new revision (the store publishes one on every write) renders again.
  Plan changed = higashi_plan();
  changed.initiative = "名前の変わった取組";
  catalog.publish(snapshot_of(std::move(changed), 2));
  // What the event loops ask: the cached feed only, never a render. The old revision's does not
  // answer for the new one.
  const auto cached = cache.get(request, FeedCache::Rendering::cached_only);
  REQUIRE(cached.ok());
  CHECK(*cached == nullptr);
  CHECK(cache.renders() == 1);
  const auto after = cache.get(request);
  REQUIRE(after.ok());
  CHECK(cache.renders() == 2);
  CHECK(cache.get(request, FeedCache::Rendering::cached_only).value() == *after);
  CHECK((*after)->etag != (*first)->etag);
  CHECK((*after)->body.find("名前の変わった取組") != std::string::npos);
}

TEST_CASE("owner and organisation feeds show their part") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const MemoryAgencyCatalog agencies;
  FeedCache cache{*catalog, agencies, calendars::FeedOptions{}, september};
  const auto whole = cache.get(
      {.scope = FeedScope::plan, .plan_id = "higashi-kyosei", .owner = {}, .organisation = {}});
  const auto owner = cache.get({.scope = FeedScope::owner,
                                .plan_id = "higashi-kyosei",
                                .owner = "多機関協働担当",
                                .organisation = {}});
  const auto organisation = cache.get(
      {.scope = FeedScope::organisation, .plan_id = {}, .owner = {}, .organisation = "東区役所"});
  REQUIRE(whole.ok());
  REQUIRE(owner.ok());
  REQUIRE(organisation.ok());
  CHECK((*owner)->body.size() < (*whole)->body.size());
  CHECK((*owner)->body.find("RRULE:") != std::string::npos);
  CHECK((*owner)->body.find("サポートプラン") == std::string::npos);
  CHECK((*organisation)->body.find("東区役所") != std::string::npos);
  CHECK(cache.renders() == 3);
}

TEST_CASE("an unknown plan or owner or organisation is not found") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const MemoryAgencyCatalog agencies;
  FeedCache cache{*catalog, agencies, calendars::FeedOptions{}, september};
  const auto plan =
      cache.get({.scope = FeedScope::plan, .plan_id = "nishi", .owner = {}, .organisation = {}});
  CHECK(plan.error() == HttpError{ErrorKind::not_found, "no plan \"nishi\""});
  const auto owner = cache.get({.scope = FeedScope::owner,
                                .plan_id = "higashi-kyosei",
                                .owner = "誰か",
                                .organisation = {}});
  CHECK(owner.error() == HttpError{ErrorKind::not_found,
                                   "no task of the owner \"誰か\" in the plan \"higashi-kyosei\""});
  const auto organisation = cache.get(
      {.scope = FeedScope::organisation, .plan_id = {}, .owner = {}, .organisation = "西区役所"});
  CHECK(organisation.error() ==
        HttpError{ErrorKind::not_found, "no plan of the organisation \"西区役所\""});
  CHECK(cache.renders() == 0);
}
