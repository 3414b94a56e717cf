// read_gateway_request (http/inbound/gateway_request.hpp) over any post, as the email gateway's
// webhook receives it: the input's first line is the Content-Type (a line "-" for none), its
// second the path, its third the Authorization (empty for none), the rest the body. The settings
// hold a secret and a Mailgun key, so that posts carrying the secret reach every reader. What it
// accepts is a message no larger than the limit, read from the body the way its Content-Type
// says; what it refuses is refused with a message that says so and a status of the webhook's.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/inbound/gateway_request.hpp"
#include "http/inbound/multipart_form.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace torikumi;
using namespace torikumi::http;

std::string_view take_line(std::string_view& text) {
  const auto end = text.find('\n');
  const std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

bool within(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::text_of(data, size);
  const std::string_view content_type = take_line(input);
  const std::string_view path = take_line(input);
  const std::string_view authorization = take_line(input);
  const GatewayRequest request{
      .path = path,
      .content_type =
          content_type == "-" ? std::nullopt : std::optional<std::string_view>{content_type},
      .authorization =
          authorization.empty() ? std::nullopt : std::optional<std::string_view>{authorization},
      .body = input};
  const InboundSettings settings{.secret = "fuzzsecret-fuzzsecret-fuzzsecret",
                                 .mailgun_signing_key = "key-fuzzfuzzfuzzfuzz"};
  const date::sys_seconds now{std::chrono::seconds{1777598109}};
  const GatewayLimits limits{.max_body_bytes = 1 << 20, .max_message_bytes = 256 * 1024};
  const auto post = read_gateway_request(request, settings, now, limits);
  if (!post) {
    const HttpError& error = post.error();
    TORIKUMI_FUZZ_CHECK(error.message.starts_with("inbound email: "));
    TORIKUMI_FUZZ_CHECK(
        error.kind == ErrorKind::bad_request || error.kind == ErrorKind::unauthorized ||
        error.kind == ErrorKind::not_found || error.kind == ErrorKind::payload_too_large ||
        error.kind == ErrorKind::unsupported_media);
  } else {
    TORIKUMI_FUZZ_CHECK(!post->raw.empty());
    TORIKUMI_FUZZ_CHECK(post->raw.size() <= limits.max_message_bytes);
    TORIKUMI_FUZZ_CHECK(post->raw.size() <= input.size());
    if (post->gateway == Gateway::raw) TORIKUMI_FUZZ_CHECK(post->raw == input);
    if (post->gateway == Gateway::sendgrid)
      TORIKUMI_FUZZ_CHECK(input.find(post->raw) != std::string_view::npos);
    if (post->credential == InboundCredential::mailgun_signature)
      TORIKUMI_FUZZ_CHECK(post->gateway == Gateway::mailgun);
  }

  // The multipart reader on its own, with the boundary "B": every part lies inside the body, and
  // there are no more of them than allowed.
  const auto fields = read_multipart_form("B", input, {.max_parts = 8, .max_header_bytes = 256});
  if (fields) {
    TORIKUMI_FUZZ_CHECK(fields->size() <= 8);
    for (const FormField& field : *fields) TORIKUMI_FUZZ_CHECK(within(field.value, input));
  } else {
    TORIKUMI_FUZZ_CHECK(fields.error().message.starts_with("multipart/form-data: "));
  }
  return 0;
}
