// read_config_json over any text. In a config it accepts, every URL is one parse_http_url
// gives back equal from its own text (the form it is logged and compared in).

#include <cstddef>
#include <cstdint>

#include "engine/plan/config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

void check_url_reads_back(const torikumi::HttpUrl& url) {
  const auto again = torikumi::parse_http_url(url.text);
  TORIKUMI_FUZZ_CHECK(again.ok());
  TORIKUMI_FUZZ_CHECK(*again == url);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const auto config = read_config_json(fuzz::text_of(data, size));
  if (!config) {
    TORIKUMI_FUZZ_CHECK(!config.error().empty());
    return 0;
  }
  for (const WebhookEndpoint& endpoint : config->webhooks) check_url_reads_back(endpoint.url);
  if (config->server.base_url) check_url_reads_back(*config->server.base_url);
  return 0;
}
