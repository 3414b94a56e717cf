#include "http/catalog/feed_cache.hpp"

#include <algorithm>
#include <vector>

#include "http/transport/conditional.hpp"
#include "http/transport/gzip.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

HttpError no_such_feed(std::string_view path) {
  return HttpError{ErrorKind::not_found, "no feed at /calendars/" + std::string{path}};
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::string revision_key(const std::vector<SnapshotPointer>& snapshots) {
  std::string key;
  for (const auto& snapshot : snapshots)
    key += snapshot->plan->id + "@" + std::to_string(snapshot->revision) + ",";
  return key;
}

}  // namespace

Result<FeedRequest, HttpError> parse_feed_path(std::string_view path) {
  if (!path.ends_with(".ics")) return no_such_feed(path);
  const std::string_view stem = path.substr(0, path.size() - 4);
  const auto segments = split_path(stem);
  for (const auto segment : segments)
    if (segment.empty()) return no_such_feed(path);
  FeedRequest request;
  if (segments.size() == 1 && is_valid_id(segments[0])) {
    request.scope = FeedScope::plan;
    request.plan_id = std::string{segments[0]};
    return request;
  }
  if (segments.size() == 2 && segments[0] == "org") {
    request.scope = FeedScope::organisation;
    request.organisation = std::string{segments[1]};
    return request;
  }
  if (segments.size() == 3 && segments[1] == "owner" && is_valid_id(segments[0])) {
    request.scope = FeedScope::owner;
    request.plan_id = std::string{segments[0]};
    request.owner = std::string{segments[2]};
    return request;
  }
  return no_such_feed(path);
}

std::string feed_path(const FeedRequest& request) {
  switch (request.scope) {
    case FeedScope::plan:
      return "/calendars/" + request.plan_id + ".ics";
    case FeedScope::owner:
      return "/calendars/" + request.plan_id + "/owner/" + percent_encode(request.owner) + ".ics";
    case FeedScope::organisation:
      return "/calendars/org/" + percent_encode(request.organisation) + ".ics";
  }
  return {};
}

Result<std::shared_ptr<const RenderedFeed>, HttpError> FeedCache::get(const FeedRequest& request,
                                                                      Rendering rendering) {
  // Which plans the feed shows, at their current revisions.
  std::vector<SnapshotPointer> snapshots;
  if (request.scope == FeedScope::organisation) {
    for (auto& snapshot : catalog_.plans())
      if (snapshot->plan->organisation.name == request.organisation)
        snapshots.push_back(std::move(snapshot));
    if (snapshots.empty())
      return HttpError{ErrorKind::not_found,
                       "no plan of the organisation \"" + request.organisation + "\""};
  } else {
    auto snapshot = catalog_.find(request.plan_id);
    if (!snapshot) return HttpError{ErrorKind::not_found, "no plan \"" + request.plan_id + "\""};
    if (request.scope == FeedScope::owner) {
      const auto& tasks = snapshot->plan->tasks;
      if (std::none_of(tasks.begin(), tasks.end(),
                       [&](const Task& task) { return task.owner == request.owner; }))
        return HttpError{ErrorKind::not_found, "no task of the owner \"" + request.owner +
                                                   "\" in the plan \"" + request.plan_id + "\""};
    }
    snapshots.push_back(std::move(snapshot));
  }

  const std::string key = feed_path(request);
  const std::string revisions = revision_key(snapshots);
  {
    std::lock_guard lock{mutex_};
    const auto found = entries_.find(key);
    if (found != entries_.end() && found->second.revisions == revisions) return found->second.feed;
  }
  if (rendering == Rendering::cached_only) return std::shared_ptr<const RenderedFeed>{};

  // Rendered outside the lock: a slow render holds up only the requests for this feed's new
  // revision (which may each render it once; the last one kept wins, with the same bytes).
  calendars::FeedOptions options = options_;
  if (request.scope == FeedScope::owner) options.filter.owner = request.owner;
  std::vector<calendars::PlanFeedSource> sources;
  date::sys_seconds latest{};
  for (const auto& snapshot : snapshots) {
    sources.push_back({snapshot->plan.get(), &snapshot->expansion, &snapshot->feed_states});
    latest = std::max(latest, snapshot->changed_at);
  }
  auto body = request.scope == FeedScope::organisation
                  ? calendars::render_organisation_feed(request.organisation, sources, options)
                  : calendars::render_plan_feed(sources.front(), options);
  if (!body) return HttpError{ErrorKind::internal, key + ": " + body.error().message};
  auto compressed = gzip_compress(*body);
  if (!compressed) return HttpError{ErrorKind::internal, key + ": " + compressed.error().message};
  auto feed = std::make_shared<RenderedFeed>();
  feed->etag = strong_etag(*body);
  feed->gzip_etag = strong_etag(*compressed);
  feed->body = std::move(*body);
  feed->gzip_body = std::move(*compressed);
  feed->last_modified_at = date::floor<std::chrono::seconds>(latest);
  feed->last_modified = http_date(feed->last_modified_at);
  renders_.fetch_add(1);

  std::lock_guard lock{mutex_};
  entries_[key] = Entry{revisions, feed};
  return std::shared_ptr<const RenderedFeed>{std::move(feed)};
}

}  // namespace torikumi::http
