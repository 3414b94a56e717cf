// The event loop's request reader over any bytes: the head parser (RequestHead::parse, over the
// bytes up to the first blank line) and the chunked body reader (over what follows, in pieces of
// the sizes the first byte gives). What parse accepts, normalized() writes in a form that parses
// again to the same request line, with its body behind a Content-Length of the body's size and
// nothing the loop deals with itself left in it. The chunked reader never takes more than it was
// given, and takes nothing once complete or refused.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/transport/request_head.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace torikumi::http;

void check_head(std::string_view head_bytes, std::string_view body) {
  const auto head = RequestHead::parse(head_bytes);
  if (!head) {
    const int status = head.error().status;
    TORIKUMI_FUZZ_CHECK(status == 400 || status == 411 || status == 415 || status == 417 ||
                        status == 501 || status == 505);
    TORIKUMI_FUZZ_CHECK(!head.error().message.empty());
    return;
  }
  // The loop hands over a body only with a head that declares one.
  if (!head->has_body()) body = {};
  const std::string plain = head->normalized(body);
  const auto length = head_length(plain);
  TORIKUMI_FUZZ_CHECK(length.has_value());
  const auto again = RequestHead::parse(std::string_view{plain}.substr(0, *length));
  // The Content-Length normalized() adds may be the 101st field: the full server has no such
  // limit, so that is the one refusal allowed here.
  if (!again && again.error().message == "more than 100 header fields") return;
  TORIKUMI_FUZZ_CHECK(again.ok());
  TORIKUMI_FUZZ_CHECK(again->method() == head->method());
  TORIKUMI_FUZZ_CHECK(again->target() == head->target());
  TORIKUMI_FUZZ_CHECK(again->http10() == head->http10());
  TORIKUMI_FUZZ_CHECK(again->keeps_alive() == head->keeps_alive());
  TORIKUMI_FUZZ_CHECK(!again->field("Transfer-Encoding") && !again->field("Range") &&
                      !again->field("Expect"));
  TORIKUMI_FUZZ_CHECK(again->content_length() == body.size());
  TORIKUMI_FUZZ_CHECK(std::string_view{plain}.substr(*length) == body);
}

void check_chunked(std::string_view bytes, std::size_t step) {
  ChunkedBody chunked;
  std::size_t taken = 0;
  std::size_t arrived = 0;
  while (arrived < bytes.size()) {
    arrived = std::min(bytes.size(), arrived + step);
    const auto got = chunked.read(bytes.substr(taken, arrived - taken));
    if (!got) {
      TORIKUMI_FUZZ_CHECK(got.error().status == 400);
      return;
    }
    TORIKUMI_FUZZ_CHECK(*got <= arrived - taken);
    taken += *got;
    TORIKUMI_FUZZ_CHECK(chunked.data().size() <= taken);
    if (chunked.complete()) {
      const auto more = chunked.read(bytes.substr(taken));
      TORIKUMI_FUZZ_CHECK(more.ok() && *more == 0);
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0] % 17;
  const std::string_view text = torikumi::fuzz::text_of(data + 1, size - 1);
  const auto length = head_length(text);
  const std::string_view head = length ? text.substr(0, *length) : text;
  const std::string_view rest = length ? text.substr(*length) : std::string_view{};
  check_head(head, rest);
  check_chunked(rest, step);
  return 0;
}
