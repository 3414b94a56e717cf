#pragma once

// How the server's handlers answer through cpp-httplib: errors as {"error": "..."} with the one
// status mapping (http_error.hpp), JSON documents, redirects.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "http/transport/http_error.hpp"

namespace httplib {
struct Response;
}  // namespace httplib

namespace torikumi::http {

inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kAskForToken = "Bearer realm=\"torikumi\"";
// The fields every answer carries.
inline constexpr std::pair<const char*, const char*> kDefaultFields[] = {
    {"X-Content-Type-Options", "nosniff"}, {"Server", "torikumi"}};

// The status of the error's kind and {"error": message}.
void answer_error(httplib::Response& response, const HttpError& error);

// Answers and then closes the connection: for a request whose body was left unread, so the
// connection cannot carry another request.
void answer_error_and_close(httplib::Response& response, const HttpError& error);

// 401 with WWW-Authenticate: Bearer, and the message.
void ask_for_token(httplib::Response& response, std::string message);

// 200 (unless the response's status was set) with the document as JSON; invalid UTF-8 in it is
// replaced, never an exception.
void answer_json(httplib::Response& response, const nlohmann::json& document);

// 303 to `location`, not cached.
void redirect(httplib::Response& response, const std::string& location);

// The error a body over `max_bytes` is answered with (413).
HttpError body_too_large(std::size_t max_bytes);

}  // namespace torikumi::http
