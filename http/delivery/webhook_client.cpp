#include "http/delivery/webhook_client.hpp"

#include <httplib.h>

#include <array>
#include <charconv>
#include <map>

namespace torikumi::http {

namespace {

constexpr std::size_t kKeptBody = 1024;

std::optional<int> number_at(std::string_view text, std::size_t at, std::size_t length) {
  if (at + length > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + at;
  const auto [end, error] = std::from_chars(begin, begin + length, value);
  if (error != std::errc{} || end != begin + length) return std::nullopt;
  return value;
}

// "Wed, 21 Oct 2015 07:28:00 GMT" (IMF-fixdate, the form RFC 9110 says to send).
std::optional<date::sys_seconds> parse_http_date(std::string_view text) {
  constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text[3] != ',' || text.substr(25) != " GMT") return std::nullopt;
  const auto day = number_at(text, 5, 2);
  const auto year = number_at(text, 12, 4);
  const auto hours = number_at(text, 17, 2);
  const auto minutes = number_at(text, 20, 2);
  const auto seconds = number_at(text, 23, 2);
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i)
    if (text.substr(8, 3) == kMonths[i]) month = i + 1;
  if (!day || !year || !hours || !minutes || !seconds || month == 0) return std::nullopt;
  const date::year_month_day ymd{date::year{*year}, date::month{month},
                                 date::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok() || *hours > 23 || *minutes > 59 || *seconds > 60) return std::nullopt;
  return date::sys_seconds{date::sys_days{ymd}} + std::chrono::hours{*hours} +
         std::chrono::minutes{*minutes} + std::chrono::seconds{*seconds};
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      date::sys_seconds now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc{} && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::seconds{seconds};
  }
  const auto at = parse_http_date(value);
  if (!at) return std::nullopt;
  return *at > now ? *at - now : std::chrono::seconds{0};
}

class HttpTransport::Impl {
 public:
  explicit Impl(HttpTransportOptions options) : options_(options) {}

  httplib::Client& client_for(const HttpUrl& url) {
    const std::string origin = url.scheme + "://" + url.host + ":" + std::to_string(url.port);
    auto found = clients_.find(origin);
    if (found == clients_.end()) {
      auto client = std::make_unique<httplib::Client>(origin);
      client->set_connection_timeout(options_.connect_timeout);
      client->set_read_timeout(options_.read_timeout);
      client->set_write_timeout(options_.write_timeout);
      client->set_keep_alive(true);
      client->set_tcp_nodelay(true);  // a small POST and its answer, not Nagle's 40 ms
      client->set_follow_location(false);
      found = clients_.emplace(origin, std::move(client)).first;
    }
    return *found->second;
  }

  HttpTransportOptions options_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

HttpTransport::HttpTransport(HttpTransportOptions options)
    : impl_(std::make_unique<Impl>(options)) {}
HttpTransport::~HttpTransport() = default;

Result<WebhookResponse, TransportError> HttpTransport::post(const HttpUrl& url,
                                                            const WebhookHeaders& headers,
                                                            std::string_view body) {
  httplib::Client& client = impl_->client_for(url);
  httplib::Headers sent;
  for (const auto& [name, value] : headers) sent.emplace(name, value);
  const auto result = client.Post(url.path, sent, body.data(), body.size(), "application/json");
  if (!result) {
    const httplib::Error error = result.error();
    const bool timeout =
        error == httplib::Error::ConnectionTimeout || error == httplib::Error::Read;
    const std::string what = error == httplib::Error::Connection          ? "could not connect"
                             : error == httplib::Error::ConnectionTimeout ? "connecting timed out"
                             : error == httplib::Error::Read ? "no answer (timed out or closed)"
                                                             : httplib::to_string(error);
    return TransportError{timeout ? TransportFailure::timeout : TransportFailure::connection, what};
  }
  WebhookResponse response;
  response.status = result->status;
  if (result->has_header("Retry-After"))
    response.retry_after = result->get_header_value("Retry-After");
  if (result->has_header("Location"))
    response.location = result->get_header_value("Location").substr(0, kKeptBody);
  response.body = result->body.substr(0, kKeptBody);
  return response;
}

}  // namespace torikumi::http
