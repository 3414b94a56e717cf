#include "http/transport/answers.hpp"

#include <httplib.h>

#include <memory>

#include "http/transport/bounded_provider.hpp"

namespace torikumi::http {

void answer_error(httplib::Response& response, const HttpError& error) {
  response.status = status_code(error.kind);
  response.set_content(error_body(error.message), kJsonType);
}

// cpp-httplib 0.11.4 keeps a connection open whatever the response's headers say, unless writing
// the response fails: so the body goes out through a provider that writes all of it and then
// reports failure, which makes the server close the socket after the complete response.
void answer_error_and_close(httplib::Response& response, const HttpError& error) {
  response.status = status_code(error.kind);
  response.set_header("Connection", "close");
  auto body = std::make_shared<const std::string>(error_body(error.message));
  response.set_content_provider(body->size(), kJsonType,
                                bounded_provider(body, *body, AfterAnswer::close));
}

void ask_for_token(httplib::Response& response, std::string message) {
  response.set_header("WWW-Authenticate", kAskForToken);
  answer_error(response, {ErrorKind::unauthorized, std::move(message)});
}

void answer_json(httplib::Response& response, const nlohmann::json& document) {
  response.set_content(document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       kJsonType);
}

void redirect(httplib::Response& response, const std::string& location) {
  response.status = 303;
  response.set_header("Location", location);
  response.set_header("Cache-Control", "no-store");
}

HttpError body_too_large(std::size_t max_bytes) {
  return {ErrorKind::payload_too_large,
          "request body over the limit of " + std::to_string(max_bytes) + " bytes"};
}

}  // namespace torikumi::http
