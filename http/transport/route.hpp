#pragma once

// One row of the server's route table: the method, the path's pattern (a cpp-httplib regular
// expression over the whole path), the label its metrics and log line carry, and the handler.
// Handler groups (http/api/, http/pages/, http/server/) each give their rows; the server core
// knows handlers only through the table (http/server/route_table.hpp).

#include <functional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace torikumi::http {

enum class Method { get, post, put, patch, delete_ };

// A request's handler. `body` is the request's body, read in full against the body limit before
// the handler runs (empty for a GET).
using RouteHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const std::string& body)>;

struct Route {
  Method method = Method::get;
  std::string_view pattern;  // e.g. R"(/api/plans/([^/]+))": each capture one of request.matches
  std::string_view label;    // e.g. "/api/plans/{id}"
  RouteHandler handler;
};

}  // namespace torikumi::http
