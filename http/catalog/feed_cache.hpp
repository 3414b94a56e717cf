#pragma once

// The calendar feeds a server publishes: which feed a path names, and the feeds themselves,
// rendered once per revision of the plans (and agencies) they show, gzip-compressed once, tagged,
// and then served from memory until a plan changes.
//
// Paths (after /calendars/):
//   <plan>.ics                  the plan's feed
//   <plan>/owner/<name>.ics     the tasks of one owner (担当), name percent-encoded
//   org/<name>.ics              every plan of an organisation (東区役所), name percent-encoded
//   agency/<name>.ics           the meetings an agency (機関) takes part in, across every plan;
//                               name percent-encoded (the rest of the path: it may hold a '/')
//   person/<key>.ics            the meetings of the agencies a person is a current member of;
//                               key: person_feed_key of their address (agency_catalog.hpp)
// A subscription's secret travels as `?token=...` (checked by http/access/access_control.hpp); it
// is not part of the feed's identity and is never logged.

#include <date/date.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "calendars/feed.hpp"
#include "engine/base/result.hpp"
#include "http/catalog/agency_catalog.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http {

enum class FeedScope { plan, owner, organisation, agency, person };

struct FeedRequest {
  FeedScope scope = FeedScope::plan;
  std::string plan_id;       // plan and owner feeds
  std::string owner;         // owner feeds
  std::string organisation;  // organisation feeds
  std::string agency{};      // agency feeds: its name
  std::string person{};      // person feeds: person_feed_key of their address
  bool operator==(const FeedRequest&) const = default;
};

// Reads the part of a decoded path after "/calendars/". Fails (not_found) on anything else:
// no ".ics", an empty name, a plan id that is not a slug, a person's key that is not 16 lower-case
// hex digits, a path of another shape. `<plan>/owner/<name>.ics` is an owner's feed even for a
// plan called "agency".
Result<FeedRequest, HttpError> parse_feed_path(std::string_view path);

// The path of a feed, percent-encoded, starting with "/calendars/".
std::string feed_path(const FeedRequest& request);

// A feed as served: both encodings and their validators.
struct RenderedFeed {
  std::string body;
  std::string gzip_body;
  std::string etag;       // strong_etag(body)
  std::string gzip_etag;  // strong_etag(gzip_body): another representation, another tag
  date::sys_seconds last_modified_at;  // the latest change of the plans shown
  std::string last_modified;           // and as an HTTP date
};

class FeedCache {
 public:
  // `options` are the feeds' options but for the filter, which each request sets. `clock` says
  // which day a person's memberships are current on (membership_day). The catalogs must outlive
  // the cache.
  FeedCache(const PlanCatalog& catalog, const AgencyCatalog& agencies,
            calendars::FeedOptions options, std::function<date::sys_seconds()> clock)
      : catalog_(catalog),
        agencies_(agencies),
        options_(std::move(options)),
        clock_(std::move(clock)) {}

  enum class Rendering { allowed, cached_only };

  // The feed at the plans' current revisions: from memory, or rendered now and kept. An agency's
  // feed is rendered again when any plan or the agencies change, a person's when any plan, their
  // name or their current agencies do. Fails with not_found for an unknown plan, owner,
  // organisation, agency or person, internal when rendering fails. With `cached_only`, a feed that
  // would have to be rendered comes back null instead (the event loops leave the render to a
  // worker). Thread-safe.
  Result<std::shared_ptr<const RenderedFeed>, HttpError> get(
      const FeedRequest& request, Rendering rendering = Rendering::allowed);

  // How many times a feed was rendered (for /metrics).
  std::uint64_t renders() const { return renders_.load(); }

 private:
  struct Entry {
    // "plan@revision,..." of the plans it was rendered from, and what else its bytes depend on.
    std::string revisions;
    std::shared_ptr<const RenderedFeed> feed;
  };

  const PlanCatalog& catalog_;
  const AgencyCatalog& agencies_;
  const calendars::FeedOptions options_;
  const std::function<date::sys_seconds()> clock_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;  // by feed_path()
  std::atomic<std::uint64_t> renders_{0};
};

}  // namespace torikumi::http
