#include "http/catalog/feed_cache.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "engine/meetings/agency.hpp"

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

// A person's key: 16 lower-case hex digits.
bool is_person_key(std::string_view key) {
  return key.size() == 16 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
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
  if (segments.size() >= 2 && segments[0] == "agency") {
    request.scope = FeedScope::agency;
    request.agency = std::string{stem.substr(segments[0].size() + 1)};
    return request;
  }
  if (segments.size() == 2 && segments[0] == "person" && is_person_key(segments[1])) {
    request.scope = FeedScope::person;
    request.person = std::string{segments[1]};
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
    case FeedScope::agency:
      return "/calendars/agency/" + percent_encode(request.agency) + ".ics";
    case FeedScope::person:
      return "/calendars/person/" + request.person + ".ics";
  }
  return {};
}

Result<std::shared_ptr<const RenderedFeed>, HttpError> FeedCache::get(const FeedRequest& request,
                                                                      Rendering rendering) {
  const std::string key = feed_path(request);
  // Which plans the feed shows, at their current revisions, and what else its bytes depend on.
  std::vector<SnapshotPointer> snapshots;
  std::string revisions;
  std::optional<AgencyPerson> person;  // a person's feed: who, and their agencies today
  switch (request.scope) {
    case FeedScope::organisation:
      for (auto& snapshot : catalog_.plans())
        if (snapshot->plan->organisation.name == request.organisation)
          snapshots.push_back(std::move(snapshot));
      if (snapshots.empty())
        return HttpError{ErrorKind::not_found,
                         "no plan of the organisation \"" + request.organisation + "\""};
      revisions = revision_key(snapshots);
      break;
    case FeedScope::agency: {
      const AgenciesPointer agencies = agencies_.agencies();
      if (std::none_of(agencies->agencies.begin(), agencies->agencies.end(),
                       [&](const Agency& agency) { return agency.name == request.agency; }))
        return HttpError{ErrorKind::not_found, "no agency " + in_quotes(request.agency)};
      snapshots = catalog_.plans();
      revisions = revision_key(snapshots) + "agencies@" + std::to_string(agencies->revision);
      break;
    }
    case FeedScope::person: {
      const AgenciesPointer agencies = agencies_.agencies();
      const auto address = agencies->addresses_by_key.find(request.person);
      if (address == agencies->addresses_by_key.end())
        return no_such_feed(key.substr(std::string_view{"/calendars/"}.size()));
      person = find_person(agencies->agencies, address->second, membership_day(clock_()));
      if (!person) return no_such_feed(key.substr(std::string_view{"/calendars/"}.size()));
      snapshots = catalog_.plans();
      revisions = revision_key(snapshots) + "person:" + person->name;
      for (const std::string& agency : person->agencies) revisions += "\n" + agency;
      break;
    }
    case FeedScope::plan:
    case FeedScope::owner: {
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
      revisions = revision_key(snapshots);
      break;
    }
  }

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
    sources.push_back({snapshot->plan.get(), &snapshot->expansion, &snapshot->feed_states,
                       &snapshot->recorded.actions});
    latest = std::max(latest, snapshot->changed_at);
  }
  Result<std::string> body = [&]() -> Result<std::string> {
    switch (request.scope) {
      case FeedScope::organisation:
        return calendars::render_organisation_feed(request.organisation, sources, options);
      case FeedScope::agency:
        return calendars::render_agency_feed(request.agency, sources, options);
      case FeedScope::person:
        return calendars::render_person_feed(person->name, person->agencies, sources, options);
      case FeedScope::plan:
      case FeedScope::owner:
        break;
    }
    return calendars::render_plan_feed(sources.front(), options);
  }();
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
  entries_[key] = Entry{std::move(revisions), feed};
  return std::shared_ptr<const RenderedFeed>{std::move(feed)};
}

}  // namespace torikumi::http
