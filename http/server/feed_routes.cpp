#include "http/server/feed_routes.hpp"

#include <httplib.h>

#include <utility>

#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/bounded_provider.hpp"
#include "http/transport/conditional.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;
constexpr const char* kCalendar = "text/calendar; charset=utf-8";

// A feed's answer, decided once for both ways a request arrives: the header fields (Content-Type
// and Content-Length aside), 304 or 200, and the body for a 200.
struct FeedAnswer {
  int status = 200;
  std::vector<std::pair<const char*, std::string_view>> fields;
  std::string_view body;
};

FeedAnswer answer_feed(const RenderedFeed& feed, bool gzip,
                       std::optional<std::string_view> if_none_match,
                       std::optional<std::string_view> if_modified_since) {
  FeedAnswer answer;
  const std::string& etag = gzip ? feed.gzip_etag : feed.etag;
  // A feed is small: a Range is answered with the whole of it (RFC 9110 §14.2 allows that).
  answer.fields = {{"ETag", etag},
                   {"Last-Modified", feed.last_modified},
                   {"Cache-Control", "no-cache"},
                   {"Vary", "Accept-Encoding"},
                   {"Accept-Ranges", "none"}};
  if (is_not_modified(if_none_match, if_modified_since, etag, feed.last_modified_at)) {
    answer.status = 304;
    return answer;
  }
  if (gzip) answer.fields.emplace_back("Content-Encoding", "gzip");
  answer.body = gzip ? feed.gzip_body : feed.body;
  return answer;
}

// The label of a feed's route, as the table's rows name it.
std::string_view label_of(FeedScope scope) {
  switch (scope) {
    case FeedScope::organisation:
      return labels::kOrganisationFeed;
    case FeedScope::agency:
      return labels::kAgencyFeed;
    case FeedScope::person:
      return labels::kPersonFeed;
    case FeedScope::owner:
      return labels::kOwnerFeed;
    case FeedScope::plan:
      return labels::kPlanFeed;
  }
  return labels::kPlanFeed;
}

// The head of a quick answer: status line, the feed's fields, the fields every answer carries.
std::string quick_head(const FeedAnswer& answer) {
  std::string head;
  head.reserve(512);
  head += answer.status == 304 ? "HTTP/1.1 304 Not Modified\r\n" : "HTTP/1.1 200 OK\r\n";
  const auto field = [&](std::string_view name, std::string_view value) {
    head.append(name).append(": ").append(value).append("\r\n");
  };
  for (const auto& [name, value] : answer.fields) field(name, value);
  for (const auto& [name, value] : kDefaultFields) field(name, value);
  // No Content-Length on a 304: RFC 9110 allows only the 200's, and clients need none.
  if (answer.status == 200) {
    field("Content-Type", kCalendar);
    field("Content-Length", std::to_string(answer.body.size()));
  }
  return head;
}

}  // namespace

std::vector<Route> FeedRoutes::routes() {
  const auto serve = [this](const httplib::Request& request, httplib::Response& response,
                            const std::string&) { this->serve(request, response); };
  return {{Method::get, routes::kOrganisationFeed, labels::kOrganisationFeed, serve},
          {Method::get, routes::kAgencyFeed, labels::kAgencyFeed, serve},
          {Method::get, routes::kPersonFeed, labels::kPersonFeed, serve},
          {Method::get, routes::kOwnerFeed, labels::kOwnerFeed, serve},
          {Method::get, routes::kPlanFeed, labels::kPlanFeed, serve}};
}

void FeedRoutes::serve(const httplib::Request& request, httplib::Response& response) const {
  const auto feed_request = parse_feed_path(request.matches[1].str());
  if (!feed_request) return answer_error(response, feed_request.error());
  std::optional<std::string> token;
  if (request.has_param("token")) token = request.get_param_value("token");
  if (const auto denial = gate_.check_feed(credentials_of(request), token, *feed_request))
    return answer_denial(response, *denial);
  const auto feed = feeds_.get(*feed_request);
  if (!feed) return answer_error(response, feed.error());
  const auto header = [&](const char* name) {
    return request.has_header(name) ? std::optional<std::string>{request.get_header_value(name)}
                                    : std::nullopt;
  };
  const std::optional<std::string> if_none_match = header("If-None-Match");
  const std::optional<std::string> if_modified_since = header("If-Modified-Since");
  const FeedAnswer answer =
      answer_feed(**feed, accepts_gzip(request.get_header_value("Accept-Encoding")), if_none_match,
                  if_modified_since);
  for (const auto& [name, value] : answer.fields) response.set_header(name, std::string{value});
  // Never 206: the loop leaves out Range before cpp-httplib reads the request.
  if (answer.status == 304) {
    response.status = 304;
    return;
  }
  // Served from the cached bytes through a provider: no copy per request, and cpp-httplib does
  // not compress a provider's content again.
  response.set_content_provider(answer.body.size(), kCalendar,
                                bounded_provider(*feed, answer.body, AfterAnswer::keep_open));
}

std::optional<QuickFeed> FeedRoutes::answer_quickly(const RequestHead& head) const {
  const bool head_only = head.method() == "HEAD";
  // The loop hands over only requests without a body; a Range is answered with the whole feed.
  if (!head_only && head.method() != "GET") return std::nullopt;
  const std::string_view target = head.target();
  const auto question = target.find('?');
  if (question == std::string_view::npos || !target.starts_with(routes::kFeedsPrefix))
    return std::nullopt;
  const std::string secret = form_field(parse_form(target.substr(question + 1)), "token");
  if (secret.empty()) return std::nullopt;
  std::string path = percent_decode(target.substr(0, question), false);
  const auto feed_request =
      parse_feed_path(std::string_view{path}.substr(routes::kFeedsPrefix.size()));
  if (!feed_request || !gate_.opens_feed(secret, *feed_request)) return std::nullopt;
  // A feed that must be rendered first (after a change) is rendered by a worker, not here.
  const auto feed = feeds_.get(*feed_request, FeedCache::Rendering::cached_only);
  if (!feed || !*feed) return std::nullopt;

  const FeedAnswer answer =
      answer_feed(**feed, accepts_gzip(head.field("Accept-Encoding").value_or("")),
                  head.field("If-None-Match"), head.field("If-Modified-Since"));
  QuickFeed quick;
  quick.answer.head = quick_head(answer);
  if (answer.status == 200 && !head_only) quick.answer.body = answer.body;
  quick.answer.keep = *feed;
  quick.path = std::move(path);
  quick.label = label_of(feed_request->scope);
  quick.status = answer.status;
  return quick;
}

}  // namespace torikumi::http
