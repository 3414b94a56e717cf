#pragma once

// The calendar feeds a server publishes: which feed a path names, and the feeds themselves,
// rendered once per revision of the plans they show, gzip-compressed once, tagged, and then
// served from memory until a plan changes.
//
// Paths (after /calendars/):
//   <plan>.ics                  the plan's feed
//   <plan>/owner/<name>.ics     the tasks of one owner (担当), name percent-encoded
//   org/<name>.ics              every plan of an organisation (東区役所), name percent-encoded
// A subscription's secret travels as `?token=...` (checked by http/access/access_control.hpp); it
// is not part of the feed's identity and is never logged.

#include <date/date.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "calendars/feed.hpp"
#include "engine/base/result.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http {

enum class FeedScope { plan, owner, organisation };

struct FeedRequest {
  FeedScope scope = FeedScope::plan;
  std::string plan_id;       // plan and owner feeds
  std::string owner;         // owner feeds
  std::string organisation;  // organisation feeds
  bool operator==(const FeedRequest&) const = default;
};

// Reads the part of a decoded path after "/calendars/". Fails (not_found) on anything else:
// no ".ics", an empty name, a plan id that is not a slug, a path of another shape.
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
  // `options` are the feeds' options but for the filter, which each request sets.
  FeedCache(const PlanCatalog& catalog, calendars::FeedOptions options)
      : catalog_(catalog), options_(std::move(options)) {}

  enum class Rendering { allowed, cached_only };

  // The feed at the plans' current revisions: from memory, or rendered now and kept. Fails with
  // not_found for an unknown plan, owner or organisation, internal when rendering fails. With
  // `cached_only`, a feed that would have to be rendered comes back null instead (the event
  // loops leave the render to a worker). Thread-safe.
  Result<std::shared_ptr<const RenderedFeed>, HttpError> get(
      const FeedRequest& request, Rendering rendering = Rendering::allowed);

  // How many times a feed was rendered (for /metrics).
  std::uint64_t renders() const { return renders_.load(); }

 private:
  struct Entry {
    std::string revisions;  // "plan@revision,..." of the plans it was rendered from
    std::shared_ptr<const RenderedFeed> feed;
  };

  const PlanCatalog& catalog_;
  const calendars::FeedOptions options_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;  // by feed_path()
  std::atomic<std::uint64_t> renders_{0};
};

}  // namespace torikumi::http
