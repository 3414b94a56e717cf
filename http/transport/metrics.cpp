#include "http/transport/metrics.hpp"

#include <arpa/inet.h>

#include <sstream>
#include <string_view>

namespace torikumi::http {

void Metrics::record_request(const std::string& route, const std::string& method, int status,
                             std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock{mutex_};
  ++requests_[{route, method, status}];
  Histogram& histogram = latency_[route];
  ++histogram.count;
  histogram.sum_seconds += seconds;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
}

std::string Metrics::render(std::uint64_t feed_renders) const {
  std::ostringstream out;
  out << "# HELP torikumi_http_requests_total HTTP requests answered, by route template, method "
         "and status.\n"
         "# TYPE torikumi_http_requests_total counter\n";
  std::lock_guard lock{mutex_};
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out << "torikumi_http_requests_total{route=\"" << route << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << count << '\n';
  }
  out << "# HELP torikumi_http_request_duration_seconds Time from routing a request to logging its "
         "response.\n"
         "# TYPE torikumi_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out << "torikumi_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kLatencyBuckets[i] << "\"} " << cumulative << '\n';
    }
    out << "torikumi_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << histogram.count << '\n'
        << "torikumi_http_request_duration_seconds_sum{route=\"" << route << "\"} "
        << histogram.sum_seconds << '\n'
        << "torikumi_http_request_duration_seconds_count{route=\"" << route << "\"} "
        << histogram.count << '\n';
  }
  out << "# HELP torikumi_feed_renders_total Calendar feeds rendered (a cache miss: a new feed or "
         "a changed plan).\n"
         "# TYPE torikumi_feed_renders_total counter\n"
      << "torikumi_feed_renders_total " << feed_renders << '\n';
  return out.str();
}

bool is_loopback_address(std::string_view address) {
  const std::string text{address};
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) != 1) return false;
  if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

}  // namespace torikumi::http
