#include "http/request_log.hpp"

#include <nlohmann/json.hpp>

namespace torikumi::http {

std::string format_log_line(const RequestLogEntry& entry) {
  nlohmann::ordered_json line;
  line["time"] = date::format("%FT%TZ", entry.time);
  line["method"] = entry.method;
  line["path"] = entry.path;
  line["route"] = entry.route;
  line["status"] = entry.status;
  line["bytes"] = entry.bytes;
  line["ms"] = static_cast<double>(entry.latency.count()) / 1000.0;
  line["remote"] = entry.remote;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace torikumi::http
