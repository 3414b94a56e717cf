#include "http/inbound/gateway_request.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <deque>
#include <utility>
#include <vector>

#include "engine/base/base64.hpp"
#include "http/contract/routes.hpp"
#include "http/inbound/header_parameters.hpp"
#include "http/inbound/multipart_form.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

constexpr std::string_view kExpectedTypes =
    "expected multipart/form-data (Mailgun, SendGrid), application/x-www-form-urlencoded "
    "(Mailgun), application/json (Postmark) or message/rfc822";
constexpr std::size_t kDeepestJson = 64;
constexpr std::string_view kNoCredentials =
    "no credentials: the secret in the path (/inbound/email/SECRET) or as the Basic password";

HttpError refused(ErrorKind kind, std::string_view message) {
  return {kind, "inbound email: " + std::string{message}};
}

// Whether two secrets are equal, in a time that tells nothing of either: their SHA-256 digests
// are compared with CRYPTO_memcmp, so that neither a differing length nor a common prefix shows.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char first[EVP_MAX_MD_SIZE];
  unsigned char second[EVP_MAX_MD_SIZE];
  unsigned int first_length = 0;
  unsigned int second_length = 0;
  EVP_Digest(given.data(), given.size(), first, &first_length, EVP_sha256(), nullptr);
  EVP_Digest(expected.data(), expected.size(), second, &second_length, EVP_sha256(), nullptr);
  return first_length == second_length && CRYPTO_memcmp(first, second, first_length) == 0;
}

// The secret segment of an inbound path, none when it has none; nullopt when the path is not
// /inbound/email, then at most one segment, then /mime.
std::optional<std::optional<std::string_view>> secret_in_path(std::string_view path) {
  if (!routes::is_inbound_email_path(path)) return std::nullopt;
  std::string_view rest = path.substr(routes::kInboundEmailPath.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.ends_with("/mime")) rest.remove_suffix(5);
  if (rest.empty()) return std::optional<std::string_view>{};
  rest.remove_prefix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
  return std::optional<std::string_view>{rest};
}

// The password of Basic credentials; none without an Authorization field or with another
// scheme's; an error for Basic ones that are not base64 of user:password.
Result<std::optional<std::string>, HttpError> basic_password(
    std::optional<std::string_view> authorization) {
  if (!authorization) return std::optional<std::string>{};
  std::string_view text = *authorization;
  while (text.starts_with(' ')) text.remove_prefix(1);
  const std::string_view scheme = text.substr(0, text.find(' '));
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  if (scheme.size() != 5 || !std::equal(scheme.begin(), scheme.end(), "basic",
                                        [&](char a, char b) { return lower(a) == b; }))
    return std::optional<std::string>{};
  text.remove_prefix(scheme.size());
  while (text.starts_with(' ')) text.remove_prefix(1);
  while (text.ends_with(' ')) text.remove_suffix(1);
  const auto decoded = decode_base64(text);
  const auto colon = decoded ? decoded->find(':') : std::string::npos;
  if (colon == std::string::npos)
    return refused(ErrorKind::unauthorized,
                   "the Authorization header is not Basic credentials (base64 of user:password)");
  return std::optional<std::string>{decoded->substr(colon + 1)};
}

// What the path and the Authorization field present, checked against the secret; none when they
// present nothing.
Result<std::optional<InboundCredential>, HttpError> presented_credential(
    const GatewayRequest& request, const InboundSettings& settings) {
  std::optional<InboundCredential> presented;
  const auto path = secret_in_path(request.path);
  if (!path)
    return refused(ErrorKind::not_found,
                   "no such path: expected /inbound/email, then the secret, then /mime");
  if (*path) {
    if (!settings.secret)
      return refused(ErrorKind::unauthorized,
                     "a secret in the path, but meetings.inbound.secret is not set");
    if (!same_secret(**path, *settings.secret))
      return refused(ErrorKind::unauthorized,
                     "the secret in the path is not meetings.inbound.secret");
    presented = InboundCredential::path_secret;
  }
  auto password = basic_password(request.authorization);
  if (!password) return password.error();
  if (*password) {
    if (!settings.secret)
      return refused(ErrorKind::unauthorized,
                     "Basic credentials, but meetings.inbound.secret is not set");
    if (!same_secret(**password, *settings.secret))
      return refused(ErrorKind::unauthorized, "the Basic password is not meetings.inbound.secret");
    if (!presented) presented = InboundCredential::basic_password;
  }
  return presented;
}

// A form's fields, by name, their values views into the body or into `decoded`.
struct Form {
  std::string_view type;  // multipart/form-data, application/x-www-form-urlencoded
  std::vector<std::pair<std::string, std::string_view>> fields;
  std::deque<std::string> decoded;  // the urlencoded values, percent-decoded

  bool has(std::string_view name) const {
    for (const auto& [key, value] : fields)
      if (key == name) return true;
    return false;
  }

  // The one field of that name; none when absent; an error when given twice.
  Result<std::optional<std::string_view>, HttpError> single(std::string_view name) const {
    std::optional<std::string_view> found;
    for (const auto& [key, value] : fields) {
      if (key != name) continue;
      if (found)
        return refused(ErrorKind::bad_request,
                       std::string{type} + " gives \"" + std::string{name} + "\" twice");
      found = value;
    }
    return found;
  }
};

Result<Form, HttpError> read_urlencoded(std::string_view body, std::size_t max_fields) {
  Form form{"application/x-www-form-urlencoded", {}, {}};
  while (!body.empty()) {
    const auto ampersand = body.find('&');
    const std::string_view pair = body.substr(0, ampersand);
    body.remove_prefix(ampersand == std::string_view::npos ? body.size() : ampersand + 1);
    if (pair.empty()) continue;
    if (form.fields.size() == max_fields)
      return refused(ErrorKind::payload_too_large, "application/x-www-form-urlencoded: more than " +
                                                       std::to_string(max_fields) + " fields");
    const auto equals = pair.find('=');
    form.decoded.push_back(equals == std::string_view::npos
                               ? std::string{}
                               : percent_decode(pair.substr(equals + 1), true));
    form.fields.emplace_back(percent_decode(pair.substr(0, equals), true), form.decoded.back());
  }
  return form;
}

Result<Form, HttpError> read_multipart(const HeaderValue& media_type, std::string_view body,
                                       std::size_t max_fields) {
  const auto boundary = media_type.parameter("boundary");
  if (!boundary) return refused(ErrorKind::bad_request, "multipart/form-data without a boundary");
  auto parts = read_multipart_form(*boundary, body, {.max_parts = max_fields});
  if (!parts) return refused(parts.error().kind, parts.error().message);
  Form form{"multipart/form-data", {}, {}};
  for (FormField& part : *parts) form.fields.emplace_back(std::move(part.name), part.value);
  return form;
}

// The message of a Mailgun or SendGrid form (a view into the form), and Mailgun's signature
// fields (copies: they outlive the form).
struct FormPost {
  Gateway gateway = Gateway::mailgun;
  std::string_view raw;
  std::optional<std::string> timestamp;
  std::optional<std::string> token;
  std::optional<std::string> signature;
  // A Mailgun subaccount's domain is signed twice: `signature` with the subaccount's key,
  // `parent-signature` with the primary account's; either may be the key configured.
  std::optional<std::string> parent_signature;
};

Result<FormPost, HttpError> read_form_post(const Form& form) {
  const std::string type{form.type};
  auto body_mime = form.single("body-mime");
  if (!body_mime) return body_mime.error();
  auto email = form.single("email");
  if (!email) return email.error();
  if (*body_mime && *email)
    return refused(ErrorKind::bad_request,
                   type + " has both \"body-mime\" (Mailgun) and \"email\" (SendGrid)");
  FormPost post;
  if (*body_mime) {
    post.raw = **body_mime;
    for (auto [name, into] :
         {std::pair{"timestamp", &post.timestamp}, std::pair{"token", &post.token},
          std::pair{"signature", &post.signature},
          std::pair{"parent-signature", &post.parent_signature}}) {
      auto value = form.single(name);
      if (!value) return value.error();
      if (*value) *into = std::string{**value};
    }
  } else if (*email) {
    post.gateway = Gateway::sendgrid;
    post.raw = **email;
  } else {
    const auto any_of = [&](std::initializer_list<std::string_view> names) {
      for (const std::string_view name : names)
        if (form.has(name)) return true;
      return false;
    };
    if (any_of({"signature", "timestamp", "token", "body-plain", "message-headers", "recipient"}))
      return refused(ErrorKind::bad_request,
                     type +
                         " has no \"body-mime\" field: a Mailgun route must forward to a URL "
                         "ending in \"mime\"");
    if (any_of({"envelope", "charsets", "headers", "SPF", "dkim", "spam_score"}))
      return refused(ErrorKind::bad_request,
                     type +
                         " has no \"email\" field: turn on SendGrid's \"POST the raw, full "
                         "MIME message\"");
    return refused(ErrorKind::bad_request,
                   type + " has neither \"body-mime\" (Mailgun) nor \"email\" (SendGrid) field");
  }
  if (post.raw.empty())
    return refused(
        ErrorKind::bad_request,
        type + ": \"" + (post.gateway == Gateway::mailgun ? "body-mime" : "email") + "\" is empty");
  return post;
}

// Reads a Postmark post's top-level RawEmail as the parser goes, without building the document:
// a 15 MiB post of base64 attachments costs no more than its one string, and nesting is bounded.
class RawEmailReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::optional<std::string> raw;
  std::optional<std::string> problem;  // why the document was not read to its end

  bool null() override {
    if (depth_ == 0) return fail("not an object");
    at_raw_email_ = false;  // "RawEmail": null is no RawEmail
    return true;
  }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool string(string_t& text) override {
    if (depth_ == 0) return fail("not an object");
    if (!at_raw_email_) return true;
    at_raw_email_ = false;
    if (raw) return fail("\"RawEmail\" given twice");
    raw = std::move(text);
    return true;
  }
  bool start_object(std::size_t) override { return enter(); }
  bool start_array(std::size_t) override {
    if (depth_ == 0) return fail("not an object");
    return enter();
  }
  bool key(string_t& name) override {
    if (depth_ == 1) at_raw_email_ = name == "RawEmail";
    return true;
  }
  bool end_object() override { return leave(); }
  bool end_array() override { return leave(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    return fail("not JSON (at byte " + std::to_string(position) + ")");
  }

 private:
  bool fail(std::string why) {
    if (!problem) problem = std::move(why);
    return false;
  }
  bool scalar() {
    if (depth_ == 0) return fail("not an object");
    if (depth_ == 1 && at_raw_email_) return fail("\"RawEmail\" is not a string");
    return true;
  }
  bool enter() {
    if (depth_ == 1 && at_raw_email_) return fail("\"RawEmail\" is not a string");
    if (++depth_ > kDeepestJson)
      return fail("nested deeper than " + std::to_string(kDeepestJson) + " levels");
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }

  std::size_t depth_ = 0;
  bool at_raw_email_ = false;
};

Result<std::string, HttpError> read_postmark(std::string_view body) {
  RawEmailReader reader;
  const bool read = nlohmann::json::sax_parse(body.begin(), body.end(), &reader);
  if (!read || reader.problem)
    return refused(ErrorKind::bad_request, "postmark JSON: " + reader.problem.value_or("not JSON"));
  if (!reader.raw)
    return refused(ErrorKind::bad_request,
                   "postmark JSON has no \"RawEmail\": turn on \"Include raw email content in "
                   "JSON payload\"");
  if (reader.raw->empty())
    return refused(ErrorKind::bad_request, "postmark JSON: \"RawEmail\" is empty");
  return std::move(*reader.raw);
}

// Unix seconds of at most 19 digits, or nullopt.
std::optional<std::int64_t> unix_seconds(std::string_view text) {
  std::int64_t seconds = 0;
  if (text.empty() || text.size() > 19) return std::nullopt;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (problem != std::errc{} || end != text.data() + text.size() || seconds < 0)
    return std::nullopt;
  return seconds;
}

std::optional<HttpError> check_mailgun_signature(const FormPost& post, std::string_view key,
                                                 date::sys_seconds now,
                                                 std::chrono::seconds tolerance) {
  for (const auto& [name, value] :
       {std::pair{"timestamp", post.timestamp}, std::pair{"token", post.token},
        std::pair{"signature", post.signature}}) {
    if (!value)
      return refused(ErrorKind::unauthorized,
                     std::string{"mailgun form has no \""} + name + "\" field");
  }
  const auto seconds = unix_seconds(*post.timestamp);
  if (!seconds) return refused(ErrorKind::unauthorized, "mailgun timestamp is not Unix seconds");
  const std::string expected = mailgun_signature(key, *post.timestamp, *post.token);
  const auto matches = [&](const std::optional<std::string>& signature) {
    if (!signature || signature->size() != expected.size()) return false;
    std::string given = *signature;
    for (char& c : given)
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
  };
  if (!matches(post.signature) && !matches(post.parent_signature))
    return refused(ErrorKind::unauthorized, "mailgun signature does not match");
  const std::int64_t difference = now.time_since_epoch().count() - *seconds;
  const std::int64_t apart = difference < 0 ? -difference : difference;
  if (apart > tolerance.count())
    return refused(ErrorKind::unauthorized, "mailgun timestamp is " + std::to_string(apart) +
                                                " s " + (difference < 0 ? "after" : "before") +
                                                " now, more than " +
                                                std::to_string(tolerance.count()) +
                                                " s: a replayed post, or a clock that is wrong");
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Gateway gateway) {
  switch (gateway) {
    case Gateway::mailgun:
      return "mailgun";
    case Gateway::sendgrid:
      return "sendgrid";
    case Gateway::postmark:
      return "postmark";
    case Gateway::raw:
      return "raw";
  }
  return "raw";
}

std::string_view to_string(InboundCredential credential) {
  switch (credential) {
    case InboundCredential::mailgun_signature:
      return "mailgun_signature";
    case InboundCredential::path_secret:
      return "path_secret";
    case InboundCredential::basic_password:
      return "basic_password";
  }
  return "path_secret";
}

std::string mailgun_signature(std::string_view signing_key, std::string_view timestamp,
                              std::string_view token) {
  const std::string content = std::string{timestamp} + std::string{token};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), signing_key.data(), static_cast<int>(signing_key.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

Result<InboundPost, HttpError> read_gateway_request(const GatewayRequest& request,
                                                    const InboundSettings& settings,
                                                    date::sys_seconds now,
                                                    const GatewayLimits& limits) {
  if (!settings.enabled())
    return refused(ErrorKind::not_found,
                   "not configured (the config's meetings.inbound has neither secret nor "
                   "mailgun_signing_key)");
  auto presented = presented_credential(request, settings);
  if (!presented) return presented.error();
  if (request.body.size() > limits.max_body_bytes)
    return refused(ErrorKind::payload_too_large,
                   "a body of " + std::to_string(request.body.size()) +
                       " bytes, over the limit of " + std::to_string(limits.max_body_bytes));
  if (!*presented && !settings.mailgun_signing_key)
    return refused(ErrorKind::unauthorized, kNoCredentials);

  if (!request.content_type)
    return refused(ErrorKind::unsupported_media, "no Content-Type; " + std::string{kExpectedTypes});
  const auto media_type = parse_media_type(*request.content_type);
  if (!media_type)
    return refused(ErrorKind::unsupported_media,
                   "Content-Type does not parse; " + std::string{kExpectedTypes});
  InboundPost post;
  FormPost form_post;
  if (media_type->value == "multipart/form-data" ||
      media_type->value == "application/x-www-form-urlencoded") {
    auto form = media_type->value == "multipart/form-data"
                    ? read_multipart(*media_type, request.body, limits.max_fields)
                    : read_urlencoded(request.body, limits.max_fields);
    if (!form) return form.error();
    auto read = read_form_post(*form);
    if (!read) return read.error();
    form_post = *read;
    post.gateway = form_post.gateway;
    post.raw = std::string{form_post.raw};
  } else if (media_type->value == "application/json") {
    auto raw = read_postmark(request.body);
    if (!raw) return raw.error();
    post.gateway = Gateway::postmark;
    post.raw = std::move(*raw);
  } else if (media_type->value == "message/rfc822") {
    if (request.body.empty())
      return refused(ErrorKind::bad_request, "the message/rfc822 body is empty");
    post.gateway = Gateway::raw;
    post.raw = std::string{request.body};
  } else {
    return refused(
        ErrorKind::unsupported_media,
        "Content-Type " + media_type->value + " is not read; " + std::string{kExpectedTypes});
  }

  if (*presented) {
    post.credential = **presented;
  } else if (post.gateway != Gateway::mailgun) {
    return refused(ErrorKind::unauthorized,
                   "no credentials: a " + std::string{to_string(post.gateway)} +
                       " post is authenticated by the secret in the path or as the Basic "
                       "password");
  } else {
    if (auto forged = check_mailgun_signature(form_post, *settings.mailgun_signing_key, now,
                                              limits.timestamp_tolerance))
      return *forged;
    post.credential = InboundCredential::mailgun_signature;
  }
  if (post.raw.size() > limits.max_message_bytes)
    return refused(ErrorKind::payload_too_large,
                   "the message is " + std::to_string(post.raw.size()) +
                       " bytes, over the limit of " + std::to_string(limits.max_message_bytes));
  return post;
}

}  // namespace torikumi::http
