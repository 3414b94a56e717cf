#pragma once

// Counters for /metrics, in the Prometheus text format (version 0.0.4): requests by route,
// method and status, their latency as a histogram by route, and the feeds rendered.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace torikumi::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds; +Inf is implied.
  static constexpr std::array<double, 10> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                          0.025,  0.05,  0.1,    0.5,   1.0};

  // `route` is a route's label (http/server/route_table.hpp), never a raw path, so the label set
  // stays small.
  void record_request(const std::string& route, const std::string& method, int status,
                      std::chrono::nanoseconds latency);

  // The text /metrics serves; `feed_renders` comes from the feed cache.
  std::string render(std::uint64_t feed_renders) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

// True for a peer address on this machine, as /metrics answers it in the "loopback" mode: IPv4
// 127.0.0.0/8, IPv6 ::1, and 127.0.0.0/8 mapped into IPv6 (::ffff:127.0.0.1). Anything that does
// not parse as an address is not one.
bool is_loopback_address(std::string_view address);

}  // namespace torikumi::http
