#pragma once

// The email gateway's inbound webhook (POST /inbound/email), from the request to the raw
// message: which gateway posted it, whether it is the gateway (its signature, or the secret it
// was given), and the RFC 5322 bytes it received (notes/itip-interop.md, "The gateways' inbound
// webhooks"). A pure function of the request's parts, the config and the time; what the message
// says is mail::read_inbound_message's to read.
//
// The URL each gateway is given (docs/config.md, meetings.inbound):
//   Mailgun   a route's forward("https://HOST/inbound/email/mime"): the URL must end in "mime"
//             for Mailgun to post the raw message; signed with the signing key
//   SendGrid  Inbound Parse with "POST the raw, full MIME message" to
//             https://HOST/inbound/email/SECRET (or https://inbound:SECRET@HOST/inbound/email)
//   Postmark  inbound webhook with "Include raw email content in JSON payload" to either of those
//   others    a message/rfc822 body to either of those

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"
#include "http/contract/limits.hpp"
#include "http/transport/http_error.hpp"
#include "mail/inbound_message.hpp"

namespace torikumi::http {

// Which gateway posted the message, told by the body's shape.
enum class Gateway {
  mailgun,   // a form (multipart or urlencoded) with body-mime
  sendgrid,  // multipart/form-data with email
  postmark,  // application/json with RawEmail
  raw,       // message/rfc822: the message itself
};

// What showed that the post came from the gateway.
enum class InboundCredential {
  // signature (or, for a subaccount's domain, parent-signature) = hex HMAC-SHA256(
  // mailgun_signing_key, timestamp + token), the timestamp within 5 minutes of now
  mailgun_signature,
  path_secret,     // /inbound/email/SECRET
  basic_password,  // Authorization: Basic, with the secret as its password
};

std::string_view to_string(Gateway gateway);               // "mailgun", "sendgrid", ...
std::string_view to_string(InboundCredential credential);  // "mailgun_signature", ...

struct InboundPost {
  std::string raw;  // the message as the gateway received it, headers first (RFC 5322)
  Gateway gateway = Gateway::raw;
  InboundCredential credential = InboundCredential::path_secret;
  bool operator==(const InboundPost&) const = default;
};

// What reading a post depends on, whatever its method (the route is POST's).
struct GatewayRequest {
  std::string_view path;  // decoded, no query: /inbound/email, then /SECRET, then /mime, if any
  std::optional<std::string_view> content_type;   // the Content-Type field, when sent
  std::optional<std::string_view> authorization;  // the Authorization field, when sent
  std::string_view body;
};

struct GatewayLimits {
  std::size_t max_body_bytes = limits::kMaxInboundBodyBytes;
  std::size_t max_message_bytes = mail::InboundLimits{}.maximum_bytes;  // 10 MiB
  std::size_t max_fields = 64;  // parts of a multipart form, pairs of an urlencoded one
  // How far Mailgun's timestamp may be from `now`, either way, before a post is a replay.
  std::chrono::seconds timestamp_tolerance{300};
};

// Reads a post to the inbound webhook. Credentials: a secret in the path or as the Basic password
// (any user name; an Authorization of another scheme is not read) must be meetings.inbound.secret,
// and then suffices; without one, only a Mailgun post is accepted, by its signature, when
// mailgun_signing_key is set. Refusals, in the order they are looked for, each an HttpError whose
// kind is its status (status_code):
//   404 inbound email: not configured (the config's meetings.inbound has neither secret nor
//       mailgun_signing_key)
//   404 inbound email: no such path: expected /inbound/email, then the secret, then /mime
//   401 inbound email: a secret in the path, but meetings.inbound.secret is not set
//   401 inbound email: the secret in the path is not meetings.inbound.secret
//   401 inbound email: the Authorization header is not Basic credentials (base64 of user:password)
//   401 inbound email: Basic credentials, but meetings.inbound.secret is not set
//   401 inbound email: the Basic password is not meetings.inbound.secret
//   413 inbound email: a body of 15728641 bytes, over the limit of 15728640
//   401 inbound email: no credentials: the secret in the path (/inbound/email/SECRET) or as the
//       Basic password   (without them and without a signing key: before the body is read)
//   415 inbound email: no Content-Type; expected multipart/form-data (Mailgun, SendGrid),
//       application/x-www-form-urlencoded (Mailgun), application/json (Postmark) or
//       message/rfc822
//   415 inbound email: Content-Type does not parse; expected ... (the same)
//   415 inbound email: Content-Type text/plain is not read; expected ... (the same)
//   400 inbound email: multipart/form-data without a boundary
//   400 inbound email: multipart/form-data: ... (read_multipart_form's; 413 for its limits)
//   413 inbound email: application/x-www-form-urlencoded: more than 64 fields
//   400 inbound email: multipart/form-data gives "signature" twice   (any field read here)
//   400 inbound email: multipart/form-data has both "body-mime" (Mailgun) and "email" (SendGrid)
//   400 inbound email: multipart/form-data has no "body-mime" field: a Mailgun route must forward
//       to a URL ending in "mime"   (a form with Mailgun's other fields)
//   400 inbound email: multipart/form-data has no "email" field: turn on SendGrid's "POST the
//       raw, full MIME message"     (a form with SendGrid's other fields)
//   400 inbound email: multipart/form-data has neither "body-mime" (Mailgun) nor "email"
//       (SendGrid) field
//   400 inbound email: multipart/form-data: "email" is empty
//       (each form message names application/x-www-form-urlencoded for such a body)
//   400 inbound email: postmark JSON: not JSON (at byte 17)
//   400 inbound email: postmark JSON: not an object
//   400 inbound email: postmark JSON: nested deeper than 64 levels
//   400 inbound email: postmark JSON: "RawEmail" is not a string (or: given twice)
//   400 inbound email: postmark JSON has no "RawEmail": turn on "Include raw email content in
//       JSON payload"   (also for "RawEmail": null)
//   400 inbound email: postmark JSON: "RawEmail" is empty
//   400 inbound email: the message/rfc822 body is empty
//   401 inbound email: no credentials: a sendgrid post is authenticated by the secret in the
//       path or as the Basic password   (a post other than Mailgun's, with only the key set)
//   401 inbound email: mailgun form has no "timestamp" field (or "token", or "signature")
//   401 inbound email: mailgun timestamp is not Unix seconds
//   401 inbound email: mailgun signature does not match   (nor parent-signature, if sent)
//   401 inbound email: mailgun timestamp is 301 s before now, more than 300 s: a replayed post,
//       or a clock that is wrong   (or: after now)
//   413 inbound email: the message is 10485761 bytes, over the limit of 10485760
// Secrets and signatures are compared in constant time. Nothing the request sent is quoted back
// but a Content-Type's type/subtype (tokens only).
Result<InboundPost, HttpError> read_gateway_request(const GatewayRequest& request,
                                                    const InboundSettings& settings,
                                                    date::sys_seconds now,
                                                    const GatewayLimits& limits = {});

// The hex HMAC-SHA256 of timestamp + token with the key: a Mailgun post's signature (for tests
// and tools that post as Mailgun does).
std::string mailgun_signature(std::string_view signing_key, std::string_view timestamp,
                              std::string_view token);

}  // namespace torikumi::http
