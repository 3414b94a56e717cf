#pragma once

// POSTing a webhook: a small Transport interface, so tests can fake the network, and its
// cpp-httplib implementation with timeouts and one keep-alive connection per endpoint origin.
// Redirects are not followed: a webhook goes only to a URL of the config's allow-list.

#include <date/date.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"

namespace torikumi::http {

using WebhookHeaders = std::vector<std::pair<std::string, std::string>>;

struct WebhookResponse {
  int status = 0;
  std::optional<std::string> retry_after;  // the Retry-After header as sent
  std::optional<std::string> location;     // a redirect's Location, never followed
  std::string body;                        // the first kilobyte, for the delivery log
};

enum class TransportFailure { timeout, connection };

struct TransportError {
  TransportFailure failure = TransportFailure::connection;
  std::string message;  // "connection refused", "timed out after 10 s"
};

class Transport {
 public:
  virtual ~Transport() = default;
  // POSTs a JSON body; a response of any status is a value, no response is a TransportError.
  virtual Result<WebhookResponse, TransportError> post(const HttpUrl& url,
                                                       const WebhookHeaders& headers,
                                                       std::string_view body) = 0;
};

struct HttpTransportOptions {
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
};

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(HttpTransportOptions options = {});
  ~HttpTransport() override;
  Result<WebhookResponse, TransportError> post(const HttpUrl& url, const WebhookHeaders& headers,
                                               std::string_view body) override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// A Retry-After value (RFC 9110): delay-seconds, or an HTTP-date counted from `now` (a date
// already past is 0 s); nullopt when it is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      date::sys_seconds now);

}  // namespace torikumi::http
