// How the server's options become each part's limits: a body's bound by method and path, and the
// path the request log writes.

#include "http/server/server_setup.hpp"

#include <doctest/doctest.h>

namespace torikumi::http {

TEST_CASE("a POST to the inbound webhook has its own bound while it is on, and nothing else does") {
  ServerOptions options;
  CHECK(body_limit_of("POST", "/inbound/email", options) == 1024 * 1024);  // off: the server's
  options.max_inbound_body_bytes = limits::kMaxInboundBodyBytes;
  for (const char* path : {"/inbound/email", "/inbound/email/mime", "/inbound/email/SECRET/mime"}) {
    CAPTURE(path);
    CHECK(body_limit_of("POST", path, options) == 15 * 1024 * 1024);
    CHECK(body_limit_of("PUT", path, options) == 1024 * 1024);
  }
  for (const char* path : {"/inbound/emails", "/inbound", "/api/plans", "/inbound/email2/x"}) {
    CAPTURE(path);
    CHECK(body_limit_of("POST", path, options) == 1024 * 1024);
  }
}

TEST_CASE("the request log never writes the inbound webhook's secret") {
  CHECK(loggable_path("/inbound/email") == "/inbound/email");
  CHECK(loggable_path("/inbound/email/mime") == "/inbound/email/mime");
  CHECK(loggable_path("/inbound/email/Hq3v9ZkT2wXr7bLm4NpC8dFs6GyJ1uAe") ==
        "/inbound/email/{secret}");
  CHECK(loggable_path("/inbound/email/Hq3v9ZkT2wXr7bLm4NpC8dFs6GyJ1uAe/mime") ==
        "/inbound/email/{secret}/mime");
  CHECK(loggable_path("/inbound/email/a/b/") == "/inbound/email/{secret}/{secret}/");
  CHECK(loggable_path("/api/plans/higashi") == "/api/plans/higashi");
  CHECK(loggable_path("/inbound/emails/x") == "/inbound/emails/x");
}

}  // namespace torikumi::http
