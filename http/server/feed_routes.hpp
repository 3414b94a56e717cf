#pragma once

// The calendar feeds' handler group: GET /calendars/... through the route table, and the hot
// path on the event loops (a calendar client fetching its subscribed feed, answered from the
// cache). Both answer the same fields.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/access/gatekeeper.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/transport/connection_loop.hpp"
#include "http/transport/request_head.hpp"
#include "http/transport/route.hpp"

namespace torikumi::http {

// A feed answered on an event loop, with what its log line needs.
struct QuickFeed {
  QuickAnswer answer;
  std::string path;  // decoded, without the query
  std::string_view label;
  int status = 200;
};

class FeedRoutes {
 public:
  // Both must outlive the routes.
  FeedRoutes(FeedCache& feeds, const Gatekeeper& gate) : feeds_(feeds), gate_(gate) {}

  // /calendars/org/<name>.ics, /calendars/agency/<name>.ics, /calendars/person/<key>.ics,
  // /calendars/<plan>/owner/<name>.ics, /calendars/<plan>.ics.
  std::vector<Route> routes();

  // A subscribed feed from the cache, or nothing: anything else, and any request this would
  // refuse, is left to the full server, which answers it with its errors.
  std::optional<QuickFeed> answer_quickly(const RequestHead& head) const;

 private:
  void serve(const httplib::Request& request, httplib::Response& response) const;

  FeedCache& feeds_;
  const Gatekeeper& gate_;
};

}  // namespace torikumi::http
