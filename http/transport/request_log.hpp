#pragma once

// The one JSON line logged per request. The query string is never logged: subscription secrets
// travel in it. Nor is any header (API tokens and session cookies travel there).

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace torikumi::http {

struct RequestLogEntry {
  date::sys_time<std::chrono::milliseconds> time;
  std::string method;
  std::string path;   // decoded path, no query
  std::string route;  // the label of the route that took it
  int status = 0;
  std::size_t bytes = 0;  // body bytes sent
  std::chrono::microseconds latency{0};
  std::string remote;  // address:port
};

// {"time":"2026-04-01T00:00:00.000Z","method":"GET","path":"/healthz","route":"/healthz",
//  "status":200,"bytes":3,"ms":0.12,"remote":"127.0.0.1:50000"}, no newline.
std::string format_log_line(const RequestLogEntry& entry);

}  // namespace torikumi::http
