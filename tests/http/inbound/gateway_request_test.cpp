// The email gateway's inbound webhook, up to the raw message: each gateway's post as it sends it,
// and every refusal with its whole message and status.

#include "http/inbound/gateway_request.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/base/base64.hpp"
#include "http/transport/url.hpp"
#include "mail/inbound_message.hpp"

namespace torikumi::http {
namespace {

using namespace std::chrono_literals;

const date::sys_seconds kNow = date::sys_days{date::year{2026} / date::May / 1} + 1h + 15min + 9s;
const std::string kTimestamp = std::to_string(kNow.time_since_epoch().count());
const std::string kToken =
    "5f4dcc3b5aa765d61d8327deb882cf99a8b2c4e6f1d3a5b7c9";  // 50, as Mailgun's
constexpr std::string_view kSecret = "Hq3v9ZkT2wXr7bLm4NpC8dFs6GyJ1uAe-_0";
constexpr std::string_view kSigningKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

const InboundSettings kBoth{.secret = std::string{kSecret},
                            .mailgun_signing_key = std::string{kSigningKey}};

std::string read_message(const std::string& name) {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/imip/messages/" + name,
                     std::ios::binary};
  REQUIRE(file);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// The reply every post here carries: Outlook's acceptance, as a gateway received it.
const std::string& reply() {
  static const std::string message = read_message("outlook-reply-accepted.eml");
  return message;
}

// A request as the route handler sees it, owning its bytes.
struct Post {
  std::string path = "/inbound/email";
  std::optional<std::string> content_type;
  std::optional<std::string> authorization;
  std::string body;

  GatewayRequest request() const {
    return {.path = path,
            .content_type =
                content_type ? std::optional<std::string_view>{*content_type} : std::nullopt,
            .authorization =
                authorization ? std::optional<std::string_view>{*authorization} : std::nullopt,
            .body = body};
  }
};

Result<InboundPost, HttpError> read(const Post& post, const InboundSettings& settings = kBoth,
                                    date::sys_seconds now = kNow,
                                    const GatewayLimits& limits = {}) {
  return read_gateway_request(post.request(), settings, now, limits);
}

// One part of a multipart/form-data body.
struct Part {
  std::string name;
  std::string value;
  std::string content_type = "";  // written when not empty
  std::string filename = "";      // written when not empty
};

std::string multipart(std::string_view boundary, const std::vector<Part>& parts) {
  std::string body;
  for (const Part& part : parts) {
    body += "--" + std::string{boundary} + "\r\nContent-Disposition: form-data; name=\"" +
            part.name + "\"";
    if (!part.filename.empty()) body += "; filename=\"" + part.filename + "\"";
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.value + "\r\n";
  }
  return body + "--" + std::string{boundary} + "--\r\n";
}

constexpr std::string_view kMailgunBoundary = "b1d4f1f0c3a34ee0a7a6c8b1d2e3f4a5";

// Mailgun's post for a route that forwards to a URL ending in "mime": the message's main headers
// as fields of their own, the raw message as body-mime, and the signature over timestamp + token.
std::vector<Part> mailgun_parts(const std::string& message, const std::string& timestamp,
                                const std::string& signature) {
  return {{"Content-Type", "multipart/alternative; boundary=\"_000_TYCPR01MB1234ABCD5678EF90\""},
          {"Date", "Fri, 1 May 2026 01:15:00 +0000"},
          {"From", "山田 太郎 <yamada@houkatsu.example.jp>"},
          {"Message-Id", "<TYCPR01MB1234ABCD5678EF90@TYCPR01MB1234.jpnprd01.prod.outlook.com>"},
          {"Mime-Version", "1.0"},
          {"Subject", "承諾: 第1回 重層的支援会議（5月12日）"},
          {"To", "東区役所 福祉課 <rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp>"},
          {"X-Mailgun-Incoming", "Yes"},
          {"body-mime", message},
          {"domain", "higashi.example.jp"},
          {"from", "山田 太郎 <yamada@houkatsu.example.jp>"},
          {"message-headers", R"([["Received", "from TYCPR01MB1234"], ["Subject", "承諾"]])"},
          {"recipient", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
          {"sender", "yamada@houkatsu.example.jp"},
          {"signature", signature},
          {"subject", "承諾: 第1回 重層的支援会議（5月12日）"},
          {"timestamp", timestamp},
          {"token", kToken}};
}

Post mailgun_post(const std::vector<Part>& parts) {
  return {.path = "/inbound/email/mime",
          .content_type = "multipart/form-data; boundary=" + std::string{kMailgunBoundary},
          .authorization = std::nullopt,
          .body = multipart(kMailgunBoundary, parts)};
}

Post mailgun_post() {
  return mailgun_post(
      mailgun_parts(reply(), kTimestamp, mailgun_signature(kSigningKey, kTimestamp, kToken)));
}

constexpr std::string_view kSendGridBoundary = "xYzZY";

// SendGrid Inbound Parse with "POST the raw, full MIME message": the raw message as `email`,
// beside the envelope, the charsets and the verdicts.
Post sendgrid_post(const std::string& path = "/inbound/email/" + std::string{kSecret}) {
  return {
      .path = path,
      .content_type = "multipart/form-data; boundary=" + std::string{kSendGridBoundary},
      .authorization = std::nullopt,
      .body = multipart(
          kSendGridBoundary,
          {{"headers",
            "Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn\n"
            "Subject: 承諾: 第1回 重層的支援会議\n"},
           {"dkim", "{@houkatsu.example.jp : pass}"},
           {"email", reply()},
           {"to", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
           {"from", "山田 太郎 <yamada@houkatsu.example.jp>"},
           {"sender_ip", "203.0.113.25"},
           {"envelope",
            R"({"to":["rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"],"from":"yamada@houkatsu.example.jp"})"},
           {"subject", "承諾: 第1回 重層的支援会議（5月12日）"},
           {"charsets", R"({"to":"UTF-8","from":"UTF-8","subject":"UTF-8"})"},
           {"SPF", "pass"}})};
}

// Postmark's inbound JSON with "Include raw email content in JSON payload" on.
nlohmann::ordered_json postmark_document(const std::string& message) {
  return {{"FromName", "山田 太郎"},
          {"MessageStream", "inbound"},
          {"From", "yamada@houkatsu.example.jp"},
          {"FromFull",
           {{"Email", "yamada@houkatsu.example.jp"}, {"Name", "山田 太郎"}, {"MailboxHash", ""}}},
          {"To", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
          {"ToFull",
           {{{"Email", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
             {"Name", "東区役所 福祉課"},
             {"MailboxHash", "k7q2m9x4w8e3r6t1"}}}},
          {"Cc", ""},
          {"CcFull", nlohmann::ordered_json::array()},
          {"Bcc", ""},
          {"BccFull", nlohmann::ordered_json::array()},
          {"OriginalRecipient", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
          {"Subject", "承諾: 第1回 重層的支援会議（5月12日）"},
          {"MessageID", "73e6d360-66eb-11e1-8e72-a8904824019b"},
          {"ReplyTo", ""},
          {"MailboxHash", "k7q2m9x4w8e3r6t1"},
          {"Date", "Fri, 1 May 2026 01:15:00 +0000"},
          {"TextBody", "出席します。"},
          {"HtmlBody", "<html><body><p>出席します。</p></body></html>"},
          {"StrippedTextReply", "出席します。"},
          {"Tag", ""},
          {"Headers",
           {{{"Name", "X-Spam-Status"}, {"Value", "No"}},
            {{"Name", "Authentication-Results"},
             {"Value", "mx.postmarkapp.com; dkim=pass header.d=houkatsu.example.jp"}}}},
          {"Attachments",
           {{{"Name", "invite.ics"},
             {"Content", encode_base64("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n")},
             {"ContentType", "text/calendar"},
             {"ContentLength", 31}}}},
          {"RawEmail", message}};
}

std::string basic(std::string_view user, std::string_view password) {
  return "Basic " + encode_base64(std::string{user} + ":" + std::string{password});
}

Post postmark_post(const std::string& json) {
  return {.path = "/inbound/email",
          .content_type = "application/json",
          .authorization = basic("postmark", kSecret),
          .body = json};
}

HttpError error(ErrorKind kind, const std::string& message) {
  return {kind, "inbound email: " + message};
}

}  // namespace

TEST_CASE("a Mailgun route's post of the raw message is read, and accepted by its signature") {
  const Post post = mailgun_post();
  const auto read_post =
      read(post, {.secret = std::nullopt, .mailgun_signing_key = std::string{kSigningKey}});
  REQUIRE(read_post.ok());
  CHECK(*read_post == InboundPost{.raw = reply(),
                                  .gateway = Gateway::mailgun,
                                  .credential = InboundCredential::mailgun_signature});
  const auto message = mail::read_inbound_message(read_post->raw);
  REQUIRE(message.ok());
  CHECK(message->recipient_addresses().front() == "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp");

  // Mailgun's signature is lowercase hex; an uppercase one is the same signature.
  std::string upper = mailgun_signature(kSigningKey, kTimestamp, kToken);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(read(mailgun_post(mailgun_parts(reply(), kTimestamp, upper))).ok());
  // A subaccount's domain: the configured key may be the primary account's, in parent-signature.
  std::vector<Part> subaccount = mailgun_parts(
      reply(), kTimestamp, mailgun_signature("key-subaccount0000", kTimestamp, kToken));
  subaccount.push_back({"parent-signature", mailgun_signature(kSigningKey, kTimestamp, kToken)});
  CHECK(read(mailgun_post(subaccount))->credential == InboundCredential::mailgun_signature);
  // Within five minutes either way of the server's clock.
  CHECK(read(post, kBoth, kNow + 300s).ok());
  CHECK(read(post, kBoth, kNow - 300s).ok());
  // Under a secret path, the secret is enough: the signature is not looked at.
  Post with_secret = mailgun_post(mailgun_parts(reply(), kTimestamp, "forged"));
  with_secret.path = "/inbound/email/" + std::string{kSecret} + "/mime";
  CHECK(*read(with_secret) == InboundPost{.raw = reply(),
                                          .gateway = Gateway::mailgun,
                                          .credential = InboundCredential::path_secret});
}

TEST_CASE("a Mailgun post without attachments comes urlencoded, and is read the same") {
  std::string body;
  for (const Part& part :
       mailgun_parts(reply(), kTimestamp, mailgun_signature(kSigningKey, kTimestamp, kToken))) {
    if (!body.empty()) body += '&';
    body += percent_encode(part.name) + "=" + percent_encode(part.value);
  }
  const Post post{.path = "/inbound/email/mime",
                  .content_type = "application/x-www-form-urlencoded",
                  .authorization = std::nullopt,
                  .body = body};
  const auto read_post = read(post);
  REQUIRE_MESSAGE(read_post.ok(), read_post.error().message);
  CHECK(*read_post == InboundPost{.raw = reply(),
                                  .gateway = Gateway::mailgun,
                                  .credential = InboundCredential::mailgun_signature});
}

TEST_CASE(
    "a SendGrid raw post is read by its email field, with the secret in the path or as the "
    "Basic password") {
  CHECK(*read(sendgrid_post()) == InboundPost{.raw = reply(),
                                              .gateway = Gateway::sendgrid,
                                              .credential = InboundCredential::path_secret});
  Post basic_post = sendgrid_post("/inbound/email");
  basic_post.authorization = basic("sendgrid", kSecret);
  CHECK(*read(basic_post) == InboundPost{.raw = reply(),
                                         .gateway = Gateway::sendgrid,
                                         .credential = InboundCredential::basic_password});
  // Any user name; the scheme in any case; a password holding a colon is all after the first.
  basic_post.authorization = "basic " + encode_base64(":" + std::string{kSecret});
  CHECK(read(basic_post).ok());
  // A secret-only config takes it; a trailing slash is no segment.
  CHECK(read(sendgrid_post("/inbound/email/" + std::string{kSecret} + "/"),
             {.secret = std::string{kSecret}, .mailgun_signing_key = std::nullopt})
            .ok());
  // Another scheme (SendGrid's OAuth policy sends a bearer token) is not read: the path decides.
  Post bearer = sendgrid_post();
  bearer.authorization = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
  CHECK(read(bearer)->credential == InboundCredential::path_secret);
}

TEST_CASE("Postmark's inbound JSON is read by its RawEmail, with Basic auth or the path's secret") {
  const std::string json = postmark_document(reply()).dump();
  CHECK(*read(postmark_post(json)) == InboundPost{.raw = reply(),
                                                  .gateway = Gateway::postmark,
                                                  .credential = InboundCredential::basic_password});
  Post in_path = postmark_post(json);
  in_path.path = "/inbound/email/" + std::string{kSecret};
  in_path.authorization.reset();
  in_path.content_type = "application/json; charset=utf-8";
  CHECK(read(in_path)->credential == InboundCredential::path_secret);
  // Both: the path's is named.
  in_path.authorization = basic("", kSecret);
  CHECK(read(in_path)->credential == InboundCredential::path_secret);
}

TEST_CASE("a message/rfc822 body is the message itself") {
  const Post post{.path = "/inbound/email/" + std::string{kSecret},
                  .content_type = "message/rfc822",
                  .authorization = std::nullopt,
                  .body = reply()};
  CHECK(*read(post) == InboundPost{.raw = reply(),
                                   .gateway = Gateway::raw,
                                   .credential = InboundCredential::path_secret});
  CHECK(to_string(Gateway::raw) == "raw");
  CHECK(to_string(Gateway::mailgun) == "mailgun");
  CHECK(to_string(Gateway::sendgrid) == "sendgrid");
  CHECK(to_string(Gateway::postmark) == "postmark");
  CHECK(to_string(InboundCredential::mailgun_signature) == "mailgun_signature");
  CHECK(to_string(InboundCredential::basic_password) == "basic_password");
}

TEST_CASE("Mailgun's signature is the hex HMAC-SHA256 of timestamp and token") {
  // Computed with Python: hmac.new(b"key", b"1700000000" + b"token", hashlib.sha256).hexdigest()
  CHECK(mailgun_signature("key", "1700000000", "token") ==
        "2a33c3249900da6874552b261be25faacf0e833bc2d0f0f7bc4339dda5614249");
}

TEST_CASE("every refusal says what was wrong, with the status it answers") {
  const std::string in_path = "/inbound/email/" + std::string{kSecret};
  const std::string good_signature = mailgun_signature(kSigningKey, kTimestamp, kToken);
  const InboundSettings secret_only{.secret = std::string{kSecret},
                                    .mailgun_signing_key = std::nullopt};
  const InboundSettings key_only{.secret = std::nullopt,
                                 .mailgun_signing_key = std::string{kSigningKey}};
  const std::string types =
      "expected multipart/form-data (Mailgun, SendGrid), application/x-www-form-urlencoded "
      "(Mailgun), application/json (Postmark) or message/rfc822";
  const auto raw_post = [&](std::string content_type, std::string body) {
    return Post{.path = in_path,
                .content_type = std::move(content_type),
                .authorization = std::nullopt,
                .body = std::move(body)};
  };
  const auto form_post = [&](std::vector<Part> parts) {
    return raw_post("multipart/form-data; boundary=B", multipart("B", parts));
  };
  const auto mailgun_with = [&](std::vector<Part> extra, std::vector<std::string> without) {
    std::vector<Part> parts;
    for (Part& part : mailgun_parts(reply(), kTimestamp, good_signature))
      if (std::find(without.begin(), without.end(), part.name) == without.end())
        parts.push_back(std::move(part));
    for (Part& part : extra) parts.push_back(std::move(part));
    return mailgun_post(parts);
  };
  Post no_type = sendgrid_post();
  no_type.content_type.reset();
  Post wrong_password = sendgrid_post("/inbound/email");
  wrong_password.authorization = basic("sendgrid", "guess");
  Post not_basic = sendgrid_post("/inbound/email");
  not_basic.authorization = "Basic not-base64!";
  Post no_colon = sendgrid_post("/inbound/email");
  no_colon.authorization = "Basic " + encode_base64(kSecret);

  struct Refusal {
    std::string what;
    Post post;
    InboundSettings settings;
    HttpError error;
  };
  const Refusal refusals[] = {
      {"the feature off", sendgrid_post(), InboundSettings{},
       error(ErrorKind::not_found,
             "not configured (the config's meetings.inbound has neither secret nor "
             "mailgun_signing_key)")},
      {"two segments", sendgrid_post(in_path + "/extra"), kBoth,
       error(ErrorKind::not_found,
             "no such path: expected /inbound/email, then the secret, then /mime")},
      {"an empty segment", sendgrid_post("/inbound/email//"), kBoth,
       error(ErrorKind::not_found,
             "no such path: expected /inbound/email, then the secret, then /mime")},
      {"a secret not set", sendgrid_post(), key_only,
       error(ErrorKind::unauthorized,
             "a secret in the path, but meetings.inbound.secret is not set")},
      {"a wrong secret", sendgrid_post("/inbound/email/" + std::string(36, 'x')), kBoth,
       error(ErrorKind::unauthorized, "the secret in the path is not meetings.inbound.secret")},
      {"the secret's prefix", sendgrid_post(in_path.substr(0, in_path.size() - 1)), kBoth,
       error(ErrorKind::unauthorized, "the secret in the path is not meetings.inbound.secret")},
      {"a wrong password", wrong_password, kBoth,
       error(ErrorKind::unauthorized, "the Basic password is not meetings.inbound.secret")},
      {"Basic, not base64", not_basic, kBoth,
       error(ErrorKind::unauthorized,
             "the Authorization header is not Basic credentials (base64 of user:password)")},
      {"Basic without a colon", no_colon, kBoth,
       error(ErrorKind::unauthorized,
             "the Authorization header is not Basic credentials (base64 of user:password)")},
      {"Basic, no secret set",
       [&] {
         Post post = sendgrid_post("/inbound/email/mime");
         post.authorization = basic("x", kSecret);
         return post;
       }(),
       key_only,
       error(ErrorKind::unauthorized, "Basic credentials, but meetings.inbound.secret is not set")},
      {"no credentials, no key", sendgrid_post("/inbound/email"), secret_only,
       error(ErrorKind::unauthorized,
             "no credentials: the secret in the path (/inbound/email/SECRET) or as the Basic "
             "password")},
      {"no credentials, a Mailgun post", mailgun_post(), secret_only,
       error(ErrorKind::unauthorized,
             "no credentials: the secret in the path (/inbound/email/SECRET) or as the Basic "
             "password")},
      {"no Content-Type", no_type, kBoth,
       error(ErrorKind::unsupported_media, "no Content-Type; " + types)},
      {"text/plain", raw_post("text/plain; charset=utf-8", reply()), kBoth,
       error(ErrorKind::unsupported_media, "Content-Type text/plain is not read; " + types)},
      {"not a media type", raw_post("multipart", reply()), kBoth,
       error(ErrorKind::unsupported_media, "Content-Type does not parse; " + types)},
      {"two boundaries", raw_post("multipart/form-data; boundary=a; boundary=b", reply()), kBoth,
       error(ErrorKind::unsupported_media, "Content-Type does not parse; " + types)},
      {"no boundary", raw_post("multipart/form-data", multipart("B", {{"email", reply()}})), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data without a boundary")},
      {"a form that does not parse", raw_post("multipart/form-data; boundary=B", "email=x"), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data: no boundary line")},
      {"Mailgun without body-mime", mailgun_with({}, {"body-mime"}), kBoth,
       error(ErrorKind::bad_request,
             "multipart/form-data has no \"body-mime\" field: a Mailgun route must forward to a "
             "URL ending in \"mime\"")},
      {"SendGrid without raw",
       form_post({{"headers", "Subject: x"},
                  {"text", "出席します"},
                  {"envelope", "{}"},
                  {"charsets", "{}"}}),
       kBoth,
       error(ErrorKind::bad_request,
             "multipart/form-data has no \"email\" field: turn on SendGrid's \"POST the raw, full "
             "MIME message\"")},
      {"neither", form_post({{"message", reply()}}), kBoth,
       error(ErrorKind::bad_request,
             "multipart/form-data has neither \"body-mime\" (Mailgun) nor \"email\" (SendGrid) "
             "field")},
      {"both", form_post({{"body-mime", reply()}, {"email", reply()}}), kBoth,
       error(ErrorKind::bad_request,
             "multipart/form-data has both \"body-mime\" (Mailgun) and \"email\" (SendGrid)")},
      {"body-mime twice", mailgun_with({{"body-mime", "From: x@y\r\n\r\n"}}, {}), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data gives \"body-mime\" twice")},
      {"signature twice", mailgun_with({{"signature", good_signature}}, {}), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data gives \"signature\" twice")},
      {"email empty", form_post({{"email", ""}}), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data: \"email\" is empty")},
      {"urlencoded, neither",
       raw_post("application/x-www-form-urlencoded", "subject=x&body-plain=y"), kBoth,
       error(ErrorKind::bad_request,
             "application/x-www-form-urlencoded has no \"body-mime\" field: a Mailgun route must "
             "forward to a URL ending in \"mime\"")},
      {"urlencoded, too many",
       raw_post("application/x-www-form-urlencoded",
                [] {
                  std::string body = "a=1";
                  for (int i = 0; i < 64; ++i) body += "&a=1";
                  return body;
                }()),
       kBoth,
       error(ErrorKind::payload_too_large,
             "application/x-www-form-urlencoded: more than 64 fields")},
      {"JSON that is not", raw_post("application/json", R"({"RawEmail": "x",)"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: not JSON (at byte 18)")},
      {"JSON, not an object", raw_post("application/json", R"(["RawEmail"])"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: not an object")},
      {"JSON, a string", raw_post("application/json", R"("From: x")"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: not an object")},
      {"JSON, deep", raw_post("application/json", "{\"a\":" + std::string(100, '[')), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: nested deeper than 64 levels")},
      {"JSON without RawEmail",
       raw_post("application/json",
                [] {
                  auto document = postmark_document("");
                  document.erase("RawEmail");
                  return document.dump();
                }()),
       kBoth,
       error(ErrorKind::bad_request,
             "postmark JSON has no \"RawEmail\": turn on \"Include raw email content in JSON "
             "payload\"")},
      {"RawEmail null", raw_post("application/json", R"({"RawEmail": null})"), kBoth,
       error(ErrorKind::bad_request,
             "postmark JSON has no \"RawEmail\": turn on \"Include raw email content in JSON "
             "payload\"")},
      {"RawEmail nested", raw_post("application/json", R"({"x": {"RawEmail": "From: a@b"}})"),
       kBoth,
       error(ErrorKind::bad_request,
             "postmark JSON has no \"RawEmail\": turn on \"Include raw email content in JSON "
             "payload\"")},
      {"RawEmail a number", raw_post("application/json", R"({"RawEmail": 12})"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: \"RawEmail\" is not a string")},
      {"RawEmail an array", raw_post("application/json", R"({"RawEmail": ["From: a@b"]})"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: \"RawEmail\" is not a string")},
      {"RawEmail twice",
       raw_post("application/json", R"({"RawEmail": "From: a@b", "RawEmail": "From: c@d"})"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: \"RawEmail\" given twice")},
      {"RawEmail empty", raw_post("application/json", R"({"RawEmail": ""})"), kBoth,
       error(ErrorKind::bad_request, "postmark JSON: \"RawEmail\" is empty")},
      {"an empty message", raw_post("message/rfc822", ""), kBoth,
       error(ErrorKind::bad_request, "the message/rfc822 body is empty")},
      {"SendGrid with only a key",
       [&] {
         Post post = sendgrid_post("/inbound/email");
         return post;
       }(),
       key_only,
       error(ErrorKind::unauthorized,
             "no credentials: a sendgrid post is authenticated by the secret in the path or as "
             "the Basic password")},
      {"Postmark with only a key",
       [&] {
         Post post = postmark_post(postmark_document(reply()).dump());
         post.authorization.reset();
         return post;
       }(),
       key_only,
       error(ErrorKind::unauthorized,
             "no credentials: a postmark post is authenticated by the secret in the path or as "
             "the Basic password")},
      {"no timestamp", mailgun_with({}, {"timestamp"}), kBoth,
       error(ErrorKind::unauthorized, "mailgun form has no \"timestamp\" field")},
      {"no token", mailgun_with({}, {"token"}), kBoth,
       error(ErrorKind::unauthorized, "mailgun form has no \"token\" field")},
      {"no signature", mailgun_with({}, {"signature"}), kBoth,
       error(ErrorKind::unauthorized, "mailgun form has no \"signature\" field")},
      {"a timestamp not a number", mailgun_post(mailgun_parts(reply(), "1e9", good_signature)),
       kBoth, error(ErrorKind::unauthorized, "mailgun timestamp is not Unix seconds")},
      {"a forged signature", mailgun_post(mailgun_parts(reply(), kTimestamp, std::string(64, 'a'))),
       kBoth, error(ErrorKind::unauthorized, "mailgun signature does not match")},
      {"another key's signature",
       mailgun_post(
           mailgun_parts(reply(), kTimestamp, mailgun_signature("key-other", kTimestamp, kToken))),
       kBoth, error(ErrorKind::unauthorized, "mailgun signature does not match")},
      {"a signature of another timestamp",
       mailgun_post(mailgun_parts(reply(), std::to_string(kNow.time_since_epoch().count() + 1),
                                  good_signature)),
       kBoth, error(ErrorKind::unauthorized, "mailgun signature does not match")},
      {"a parent-signature alone",
       mailgun_with({{"parent-signature", good_signature}}, {"signature"}), kBoth,
       error(ErrorKind::unauthorized, "mailgun form has no \"signature\" field")},
      {"two forged signatures", mailgun_post([&] {
         auto parts = mailgun_parts(reply(), kTimestamp, std::string(64, 'a'));
         parts.push_back({"parent-signature", std::string(64, 'b')});
         return parts;
       }()),
       kBoth, error(ErrorKind::unauthorized, "mailgun signature does not match")},
      {"parent-signature twice",
       mailgun_with({{"parent-signature", "x"}, {"parent-signature", "y"}}, {}), kBoth,
       error(ErrorKind::bad_request, "multipart/form-data gives \"parent-signature\" twice")},
      {"a truncated signature",
       mailgun_post(mailgun_parts(reply(), kTimestamp, good_signature.substr(0, 63))), kBoth,
       error(ErrorKind::unauthorized, "mailgun signature does not match")},
  };
  for (const Refusal& refusal : refusals) {
    CAPTURE(refusal.what);
    const auto result = read(refusal.post, refusal.settings);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error() == refusal.error);
  }
}

TEST_CASE("a Mailgun post signed more than five minutes from now is refused as a replay") {
  const auto stale = read(mailgun_post(), kBoth, kNow + 301s);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error() == error(ErrorKind::unauthorized,
                               "mailgun timestamp is 301 s before now, more than 300 s: a "
                               "replayed post, or a clock that is wrong"));
  const auto ahead = read(mailgun_post(), kBoth, kNow - 1h);
  REQUIRE_FALSE(ahead.ok());
  CHECK(ahead.error() == error(ErrorKind::unauthorized,
                               "mailgun timestamp is 3600 s after now, more than 300 s: a "
                               "replayed post, or a clock that is wrong"));
  CHECK(status_code(ahead.error().kind) == 401);
}

TEST_CASE("a body or a message over its limit is 413, and only after the credentials") {
  const std::size_t size = sendgrid_post().body.size();
  const auto body_over = read(sendgrid_post(), kBoth, kNow, {.max_body_bytes = size - 1});
  REQUIRE_FALSE(body_over.ok());
  CHECK(body_over.error() == error(ErrorKind::payload_too_large,
                                   "a body of " + std::to_string(size) +
                                       " bytes, over the limit of " + std::to_string(size - 1)));
  CHECK(status_code(body_over.error().kind) == 413);

  const GatewayLimits small_message{.max_message_bytes = 1000};
  const auto message_over = read(sendgrid_post(), kBoth, kNow, small_message);
  REQUIRE_FALSE(message_over.ok());
  CHECK(message_over.error() ==
        error(ErrorKind::payload_too_large, "the message is 2806 bytes, over the limit of 1000"));
  // A forged post is told so, not how large its message is.
  const auto forged =
      read(mailgun_post(mailgun_parts(reply(), kTimestamp, "0")), kBoth, kNow, small_message);
  REQUIRE_FALSE(forged.ok());
  CHECK(forged.error() == error(ErrorKind::unauthorized, "mailgun signature does not match"));
  // The defaults: a 15 MiB body, a 10 MiB message (mail::InboundLimits).
  CHECK(GatewayLimits{}.max_body_bytes == 15 * 1024 * 1024);
  CHECK(GatewayLimits{}.max_message_bytes == 10 * 1024 * 1024);
  const std::string ten_mebibytes(10 * 1024 * 1024 + 1, 'x');
  const auto default_over = read(Post{.path = "/inbound/email/" + std::string{kSecret},
                                      .content_type = "message/rfc822",
                                      .authorization = std::nullopt,
                                      .body = ten_mebibytes});
  REQUIRE_FALSE(default_over.ok());
  CHECK(default_over.error() == error(ErrorKind::payload_too_large,
                                      "the message is 10485761 bytes, over the limit of 10485760"));
}

TEST_CASE("the statuses of the refusals' kinds") {
  CHECK(status_code(ErrorKind::unauthorized) == 401);
  CHECK(status_code(ErrorKind::bad_request) == 400);
  CHECK(status_code(ErrorKind::payload_too_large) == 413);
  CHECK(status_code(ErrorKind::unsupported_media) == 415);
  CHECK(status_code(ErrorKind::not_found) == 404);
}

}  // namespace torikumi::http
