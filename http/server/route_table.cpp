#include "http/server/route_table.hpp"

#include <httplib.h>

#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/httplib_bridge.hpp"

namespace torikumi::http {

namespace {

thread_local std::string_view current_label;

// label_of is called on the event loop for requests it refuses: a path longer than any route's
// (ids are slugs; an owner's name percent-encoded stays well under this) is "other" without
// running the patterns, so that a 16 KiB path cannot make the loop wait on regex backtracking.
constexpr std::size_t kLongestLabelledPath = 256;

httplib::Server::Handler without_body(const Route& row) {
  return [handler = row.handler, label = row.label](const httplib::Request& request,
                                                    httplib::Response& response) {
    current_label = label;
    handler(request, response, std::string{});
  };
}

// Reads a multipart/form-data body's parts with cpp-httplib's parser, within the body limit and
// kMaxFormParts, then runs the route's parts handler.
void read_parts(const Route& row, const httplib::Request& request, httplib::Response& response,
                const httplib::ContentReader& reader, std::size_t max_body_bytes) {
  std::vector<FormPart> parts;
  std::size_t bytes = 0;
  std::optional<HttpError> refused;
  const bool read = reader(
      [&](const httplib::MultipartFormData& header) {
        if (parts.size() == kMaxFormParts) {
          refused =
              HttpError{ErrorKind::payload_too_large, "multipart/form-data body: more than " +
                                                          std::to_string(kMaxFormParts) + " parts"};
          return false;
        }
        parts.push_back({header.name, header.filename, header.content_type, {}});
        return true;
      },
      [&](const char* data, std::size_t length) {
        bytes += length;
        if (bytes > max_body_bytes) {
          refused = body_too_large(max_body_bytes);
          return false;
        }
        if (parts.empty()) return false;
        parts.back().content.append(data, length);
        return true;
      });
  if (refused) return answer_error_and_close(response, *refused);
  if (!read)
    return answer_error_and_close(
        response, {ErrorKind::bad_request,
                   "multipart/form-data body: malformed (its boundary, a part's headers, or its "
                   "end)"});
  row.parts_handler(request, response, parts);
}

// Reads the body through the content reader, so that a chunked body is held to the limit too:
// the row's own, else the server's.
httplib::Server::HandlerWithContentReader with_body(const Route& row,
                                                    std::size_t server_max_body_bytes) {
  const std::size_t max_body_bytes =
      row.max_body_bytes > 0 ? row.max_body_bytes : server_max_body_bytes;
  return [row, max_body_bytes](const httplib::Request& request, httplib::Response& response,
                               const httplib::ContentReader& reader) {
    current_label = row.label;
    if (request.is_multipart_form_data() && row.body_reading == BodyReading::by_type) {
      if (!row.parts_handler)
        return answer_error_and_close(response,
                                      {ErrorKind::unsupported_media,
                                       "multipart/form-data is not read here: send a form as "
                                       "application/x-www-form-urlencoded, or JSON"});
      return read_parts(row, request, response, reader, max_body_bytes);
    }
    if (request.is_multipart_form_data()) {  // and the row takes it whole: as the loop read it
      const auto body = lent_request_body(request.get_header_value<std::size_t>("Content-Length"));
      if (!body)
        return answer_error_and_close(
            response, {ErrorKind::internal,
                       "a multipart/form-data body is read whole only under the event loops"});
      if (body->size() > max_body_bytes)
        return answer_error_and_close(response, body_too_large(max_body_bytes));
      return row.handler(request, response, std::string{*body});
    }
    std::string body;
    bool over = false;
    reader([&](const char* data, std::size_t length) {
      if (body.size() + length > max_body_bytes) {
        over = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (over) return answer_error_and_close(response, body_too_large(max_body_bytes));
    row.handler(request, response, body);
  };
}

}  // namespace

void RouteTable::add(std::vector<Route> rows) {
  for (Route& row : rows) {
    patterns_.emplace_back(std::string{row.pattern});
    rows_.push_back(std::move(row));
  }
}

void RouteTable::install(httplib::Server& server, std::size_t max_body_bytes) const {
  for (const Route& row : rows_) {
    const std::string pattern{row.pattern};
    switch (row.method) {
      case Method::get:
        server.Get(pattern, without_body(row));
        break;
      case Method::post:
        server.Post(pattern, with_body(row, max_body_bytes));
        break;
      case Method::put:
        server.Put(pattern, with_body(row, max_body_bytes));
        break;
      case Method::patch:
        server.Patch(pattern, with_body(row, max_body_bytes));
        break;
      case Method::delete_:
        server.Delete(pattern, with_body(row, max_body_bytes));
        break;
    }
  }
}

std::string_view RouteTable::label_of(std::string_view path) const {
  if (path.size() > kLongestLabelledPath) return routes::labels::kOther;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (std::regex_match(path.begin(), path.end(), patterns_[i])) return rows_[i].label;
  }
  return routes::labels::kOther;
}

std::string_view RouteTable::take_current_label() { return std::exchange(current_label, {}); }

std::vector<Route> unknown_write_routes() {
  const RouteHandler not_found = [](const httplib::Request& request, httplib::Response& response,
                                    const std::string&) {
    answer_error(response, {ErrorKind::not_found,
                            "no such resource: " + request.method + " " + request.path});
  };
  std::vector<Route> rows;
  for (const auto& [pattern, label] : {std::pair{routes::kApiAnything, routes::labels::kApiOther},
                                       std::pair{routes::kAnything, routes::labels::kOther}}) {
    for (const Method method : {Method::post, Method::put, Method::patch, Method::delete_})
      rows.push_back({method, pattern, label, not_found});
  }
  return rows;
}

}  // namespace torikumi::http
