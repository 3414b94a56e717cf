#include "http/server/server_setup.hpp"

#include <algorithm>

#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"

namespace torikumi::http {

ConnectionLoopOptions loop_options(const ServerOptions& options) {
  ConnectionLoopOptions loops;
  loops.loops = options.event_loops;
  loops.workers = options.worker_threads;
  loops.max_queued_requests = options.max_queued_connections;
  loops.max_head_bytes = options.max_header_bytes;
  loops.max_body_bytes = options.max_body_bytes;
  loops.read_timeout = options.read_timeout;
  loops.request_timeout = options.request_timeout;
  loops.write_timeout = options.write_timeout;
  loops.keep_alive_timeout = options.keep_alive_timeout;
  loops.keep_alive_max_requests = options.keep_alive_max_requests;
  loops.max_connections = options.max_connections;
  for (const auto& [name, value] : kDefaultFields)
    loops.answer_fields.append(name).append(": ").append(value).append("\r\n");
  return loops;
}

GateOptions gate_options(const ServerOptions& options) {
  return {.require_sign_in = options.require_sign_in,
          .metrics = options.metrics,
          .secure_cookies = options.public_base_url.starts_with("https://"),
          .max_body_bytes = options.max_body_bytes,
          .max_anonymous_body_bytes = options.max_anonymous_body_bytes,
          .max_inbound_body_bytes = options.max_inbound_body_bytes,
          .inbound_body_budget_bytes = options.inbound_body_budget_bytes};
}

std::optional<HttpError> refuse_early(const httplib::Request& request,
                                      const ServerOptions& options) {
  std::size_t header_bytes = 0;
  for (const auto& [name, value] : request.headers) header_bytes += name.size() + value.size() + 4;
  if (header_bytes > options.max_header_bytes)
    return HttpError{ErrorKind::headers_too_large,
                     "request headers of " + std::to_string(header_bytes) +
                         " bytes, over the limit of " + std::to_string(options.max_header_bytes)};
  const std::size_t limit = body_limit_of(request.method, request.path, options);
  if (request.has_header("Content-Length") &&
      request.get_header_value<std::uint64_t>("Content-Length") > limit)
    return body_too_large(limit);
  return std::nullopt;
}

std::size_t body_limit_of(std::string_view method, std::string_view path,
                          const ServerOptions& options) {
  if (options.max_inbound_body_bytes > 0 && method == "POST" && routes::is_inbound_email_path(path))
    return options.max_inbound_body_bytes;
  return options.max_body_bytes;
}

std::string loggable_path(std::string_view path) {
  if (!routes::is_inbound_email_path(path)) return std::string{path};
  std::string logged{routes::kInboundEmailPath};
  std::string_view rest = path.substr(routes::kInboundEmailPath.size());
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    const std::string_view segment = rest.substr(0, rest.find('/'));
    logged += segment == "mime" || segment.empty() ? "/" + std::string{segment} : "/{secret}";
    rest.remove_prefix(segment.size());
  }
  return logged;
}

httplib::Server::HandlerResponse answer_plain_error(const httplib::Request& request,
                                                    httplib::Response& response) {
  if (!response.body.empty() || response.content_length_ > 0)
    return httplib::Server::HandlerResponse::Unhandled;
  const std::string message = response.status == 404   ? "no such resource: " + request.path
                              : response.status == 413 ? std::string{"request body too large"}
                              : response.status == 400 ? std::string{"bad request"}
                                                       : "error " + std::to_string(response.status);
  response.set_content(error_body(message), kJsonType);
  return httplib::Server::HandlerResponse::Handled;
}

void apply_options(httplib::Server& server, const ServerOptions& options) {
  server.set_tcp_nodelay(true);
  server.set_read_timeout(options.read_timeout);
  server.set_write_timeout(options.write_timeout);
  server.set_keep_alive_timeout(options.keep_alive_timeout.count());
  server.set_keep_alive_max_count(options.keep_alive_max_requests);
  // cpp-httplib's own check, the loosest of all: the event loop, refuse_early and the route table
  // hold each path to its own bound first.
  server.set_payload_max_length(std::max(options.max_body_bytes, options.max_inbound_body_bytes));
  httplib::Headers defaults;
  for (const auto& [name, value] : kDefaultFields) defaults.emplace(name, value);
  server.set_default_headers(std::move(defaults));
}

std::string describe(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const std::exception& caught) {
    return caught.what();
  } catch (...) {
  }
  return "unknown exception";
}

}  // namespace torikumi::http
