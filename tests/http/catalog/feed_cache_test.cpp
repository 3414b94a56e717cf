#include "http/catalog/feed_cache.hpp"

#include <doctest/doctest.h>

#include "http/transport/conditional.hpp"
#include "http/transport/gzip.hpp"
#include "tests/http/http_test_support.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace torikumi::http::testing;

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
  FeedCache cache{catalog, calendars::FeedOptions{}};
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
  FeedCache cache{*catalog, calendars::FeedOptions{}};
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
  FeedCache cache{*catalog, calendars::FeedOptions{}};
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
