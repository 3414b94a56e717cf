#include "http/server/inbound_routes.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <optional>

#include "http/contract/limits.hpp"
#include "http/contract/routes.hpp"
#include "http/inbound/gateway_request.hpp"
#include "http/meetings/reply_intake.hpp"
#include "http/transport/answers.hpp"
#include "mail/inbound_message.hpp"
#include "mail/mail_meaning.hpp"
#include "store/secrets.hpp"

namespace torikumi::http {

namespace {

// The status a gateway takes as "do not post this again": Mailgun retries for 8 hours on
// anything but 200 and 406, Postmark 10 times over 10 hours on anything but 200 and 403. SendGrid
// retries only a 5xx, and a raw post's sender reads the status itself: theirs stays as it is.
int final_status(Gateway gateway, int status) {
  switch (gateway) {
    case Gateway::mailgun:
      return 406;
    case Gateway::postmark:
      return 403;
    case Gateway::sendgrid:
    case Gateway::raw:
      return status;
  }
  return status;
}

// A refusal, answered and logged: the status, why, and for a message the gateway posted (read and
// authenticated), the gateway and the status answered, so that a message that can never be
// recorded is not posted again for hours.
void refuse(const InboundContext& context, httplib::Response& response, const HttpError& error,
            std::optional<Gateway> posted_by = std::nullopt) {
  const int status = status_code(error.kind);
  const int answered = posted_by ? final_status(*posted_by, status) : status;
  if (context.log) {
    nlohmann::json line{{"inbound", "refused"}, {"status", status}, {"reason", error.message}};
    if (posted_by) line["gateway"] = std::string{to_string(*posted_by)};
    if (answered != status) line["answered"] = answered;
    context.log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  answer_error(response, error);
  response.status = answered;
}

// A message that does not read: over the limit (413), else not well formed (400).
HttpError unreadable(const Error& error) {
  const bool too_large = error.meaning.code == mail_meaning::kTooLarge;
  return {too_large ? ErrorKind::payload_too_large : ErrorKind::bad_request, error.message};
}

// A message whose replies cannot be recorded: no invitation it answers (404), an answer that is
// not one of this invitation's or no answer at all (422), an attendee no longer invited (409).
HttpError unrecorded(const Error& error) {
  switch (error.code) {
    case ErrorCode::not_found:
      return {ErrorKind::not_found, error.message};
    case ErrorCode::conflict:
      return {ErrorKind::conflict, error.message};
    case ErrorCode::invalid:
      return {ErrorKind::unprocessable, error.message};
    default:
      return http_error(error);
  }
}

std::string_view kind_text(TakenReply::Kind kind) {
  return kind == TakenReply::Kind::counter ? "counter" : "answer";
}

void take_email(const InboundContext& context, const httplib::Request& request,
                httplib::Response& response, const std::string& body) {
  if (!context.meetings)
    return refuse(context, response,
                  {ErrorKind::not_found,
                   "inbound email: the webhook is off (no meetings in the "
                   "config)"});
  const date::sys_seconds now = context.clock();
  const std::string path = request.path;
  const std::string content_type = request.get_header_value("Content-Type");
  const std::string authorization = request.get_header_value("Authorization");
  const GatewayRequest gateway{.path = path,
                               .content_type = request.has_header("Content-Type")
                                                   ? std::optional<std::string_view>{content_type}
                                                   : std::nullopt,
                               .authorization = request.has_header("Authorization")
                                                    ? std::optional<std::string_view>{authorization}
                                                    : std::nullopt,
                               .body = body};
  const auto post = read_gateway_request(gateway, context.meetings->inbound, now);
  if (!post) return refuse(context, response, post.error());
  const auto message = mail::read_inbound_message(post->raw);
  if (!message) return refuse(context, response, unreadable(message.error()), post->gateway);
  const std::string digest = store::sha256_hex(post->raw);
  const auto taken = context.catalog.with_store([&](store::Store& store) {
    return take_reply(store, *message, digest, context.meetings->reply_domain,
                      {"inbound email", now});
  });
  if (!taken) {
    // A store that fails is worth another post; what the message says is not.
    if (taken.error().code == ErrorCode::internal)
      return refuse(context, response, unrecorded(taken.error()));
    return refuse(context, response, unrecorded(taken.error()), post->gateway);
  }
  nlohmann::json answers = nlohmann::json::array();
  for (const TakenReply& reply : *taken)
    answers.push_back({{"kind", kind_text(reply.kind)},
                       {"occurrence", reply.occurrence},
                       {"agency", reply.agency},
                       {"answer", to_string(reply.state)},
                       {"verdict", to_string(reply.verdict)},
                       {"replay", reply.replay}});
  answer_json(response, nlohmann::json{{"answers", std::move(answers)}});
}

}  // namespace

Route inbound_email_route(const InboundContext& context) {
  return Route{
      .method = Method::post,
      .pattern = routes::kInboundEmail,
      .label = routes::labels::kInboundEmail,
      .handler = [&context](
                     const httplib::Request& request, httplib::Response& response,
                     const std::string& body) { take_email(context, request, response, body); },
      .parts_handler = nullptr,
      .body_reading = BodyReading::whole,
      .max_body_bytes = limits::kMaxInboundBodyBytes};
}

}  // namespace torikumi::http
