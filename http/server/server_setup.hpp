#pragma once

// How the server's parts are set up from its options: cpp-httplib's timeouts and limits, the
// event loops', the gatekeeper's, and the answers cpp-httplib gives by itself.

#include <httplib.h>

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "http/access/gatekeeper.hpp"
#include "http/server/server.hpp"
#include "http/transport/connection_loop.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http {

ConnectionLoopOptions loop_options(const ServerOptions& options);
GateOptions gate_options(const ServerOptions& options);

// cpp-httplib's timeouts, keep-alive, body limit, TCP_NODELAY and the fields every answer
// carries.
void apply_options(httplib::Server& server, const ServerOptions& options);

// A request's headers over the limit (431), or a declared body over its path's (413, before a
// byte of it is read). Nothing for any other request.
std::optional<HttpError> refuse_early(const httplib::Request& request,
                                      const ServerOptions& options);

// The most body a request of this method and path may have: max_inbound_body_bytes for a POST
// to /inbound/email (when set), max_body_bytes for any other.
std::size_t body_limit_of(std::string_view method, std::string_view path,
                          const ServerOptions& options);

// The path as the request log writes it: as it is, but for the inbound webhook's, whose segments
// after /inbound/email are its secret: /inbound/email/{secret}/mime. Empty and "mime" segments
// are kept.
std::string loggable_path(std::string_view path);

// What cpp-httplib answers by itself (404 for no route, 400, 413) gets a JSON body too.
httplib::Server::HandlerResponse answer_plain_error(const httplib::Request& request,
                                                    httplib::Response& response);

// What an exception says, for the log ("unknown exception" when it is not a std::exception).
std::string describe(std::exception_ptr thrown);

}  // namespace torikumi::http
