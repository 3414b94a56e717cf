#pragma once

// Errors of the HTTP layer: what went wrong, as a kind the one mapping turns into a status code,
// and the `{"error": "..."}` body every error answers with.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi::http {

enum class ErrorKind {
  bad_request,         // 400: a query or body that does not parse
  unauthorized,        // 401: no token, or one that is not known or revoked
  forbidden,           // 403: a token whose role may not do this
  not_found,           // 404: no such plan, feed or page
  method_not_allowed,  // 405
  conflict,            // 409: the occurrence's state forbids the write
  payload_too_large,   // 413: a body over the limit, with Content-Length or chunked
  unsupported_media,   // 415: a body of a type the route does not read (multipart/form-data)
  unprocessable,       // 422: well-formed but not acceptable
  headers_too_large,   // 431: request headers over the limit
  internal,            // 500: anything else; logged
};

struct HttpError {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  bool operator==(const HttpError&) const = default;
};

// The one mapping from error kinds to HTTP status codes.
int status_code(ErrorKind kind);

// The one mapping from the engine's and the store's error codes to the HTTP layer's kinds, used
// by the API and the pages alike: invalid is 422, not_found 404, conflict 409, forbidden 403,
// internal 500.
ErrorKind error_kind(ErrorCode code);

// An engine or store error as the HTTP layer answers it, its message unchanged.
HttpError http_error(const Error& error);

// {"error": message}, serialised; the message is JSON-escaped.
std::string error_body(std::string_view message);

}  // namespace torikumi::http
