#include "http/transport/http_error.hpp"

#include <nlohmann/json.hpp>

namespace torikumi::http {

int status_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::method_not_allowed:
      return 405;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::unsupported_media:
      return 415;
    case ErrorKind::unprocessable:
      return 422;
    case ErrorKind::headers_too_large:
      return 431;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

ErrorKind error_kind(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid:
      return ErrorKind::unprocessable;
    case ErrorCode::not_found:
      return ErrorKind::not_found;
    case ErrorCode::conflict:
      return ErrorKind::conflict;
    case ErrorCode::forbidden:
      return ErrorKind::forbidden;
    case ErrorCode::internal:
      return ErrorKind::internal;
  }
  return ErrorKind::internal;
}

HttpError http_error(const Error& error) {
  HttpError answer{error_kind(error.code), error.message};
  if (!error.meaning.empty())
    answer.problems.push_back({"", error.message, std::nullopt, error.meaning});
  return answer;
}

std::string error_body(std::string_view message) {
  // Replace, not throw, on invalid UTF-8: the message may quote what a client sent.
  return nlohmann::json{{"error", std::string{message}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace torikumi::http
