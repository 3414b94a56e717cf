#pragma once

// One row of the server's route table: the method, the path's pattern (a cpp-httplib regular
// expression over the whole path), the label its metrics and log line carry, and the handler.
// Handler groups (http/api/, http/pages/, http/server/) each give their rows; the server core
// knows handlers only through the table (http/server/route_table.hpp).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

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

// One part of a multipart/form-data body (RFC 7578): a form's field, or a file with its name.
struct FormPart {
  std::string name;
  std::string filename;      // empty for a field that is not a file
  std::string content_type;  // as sent; empty when not sent
  std::string content;
};

// A handler of a form that uploads files: the parts, read in full against the body limit (their
// contents together, at most kMaxFormParts of them) before it runs.
using PartsHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const std::vector<FormPart>&)>;

// The most parts a multipart/form-data body may have: an upload form has a handful.
inline constexpr std::size_t kMaxFormParts = 32;

// How a row with a body reads it.
enum class BodyReading {
  // multipart/form-data into parts for parts_handler (refused with 415 without one), any other
  // body whole for handler.
  by_type,
  // Every body whole, as sent, for handler: a row that reads multipart/form-data itself (the
  // email gateway's webhook, http/inbound/).
  whole,
};

struct Route {
  Method method = Method::get;
  std::string_view pattern;  // e.g. R"(/api/plans/([^/]+))": each capture one of request.matches
  std::string_view label;    // e.g. "/api/plans/{id}"
  RouteHandler handler;
  // For a multipart/form-data body; without it, such a body is refused with 415 before it is
  // read (every other route reads forms as application/x-www-form-urlencoded, or JSON).
  PartsHandler parts_handler = nullptr;
  BodyReading body_reading = BodyReading::by_type;
  // The row's own bound on its body; 0: the server's (--max-body). Only the inbound webhook has
  // one (limits::kMaxInboundBodyBytes), and the event loop admits it for that path alone
  // (Gatekeeper::admit): a row's bound never lets another path read more.
  std::size_t max_body_bytes = 0;
};

}  // namespace torikumi::http
