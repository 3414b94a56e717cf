#include <doctest/doctest.h>

#include "http/delivery/delivery_policy.hpp"
#include "http/delivery/webhook_client.hpp"
#include "http/delivery/webhook_signature.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace std::chrono_literals;

TEST_CASE("signatures reproduce the Standard Webhooks specification's test vector") {
  const auto key = webhook_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key.ok());
  CHECK(sign_webhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(verify_webhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})",
                       "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK_FALSE(verify_webhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331,
                             R"({"test": 2432232314})",
                             "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK_FALSE(verify_webhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                             R"({"test": 2432232315})",
                             "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK(webhook_key("whsec_***").error().message == "expected \"whsec_\" followed by base64");
}

TEST_CASE(
    "answers are classified: 2xx delivered, 3xx 408 429 5xx retried, 410 gone, other 4xx failed") {
  for (const int status : {200, 201, 202, 204, 299})
    CHECK(classify_status(status) == AnswerKind::delivered);
  for (const int status : {300, 301, 302, 307, 308, 399, 408, 429, 500, 502, 503, 504, 599})
    CHECK(classify_status(status) == AnswerKind::retry);
  CHECK(classify_status(410) == AnswerKind::gone);
  for (const int status : {100, 400, 401, 403, 404, 409, 413, 422})
    CHECK(classify_status(status) == AnswerKind::failed);
}

TEST_CASE("the backoff schedule is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h within the jitter") {
  const RetryPolicy policy;
  const std::vector<std::chrono::seconds> schedule{5s, 5min, 30min, 2h, 5h, 10h, 10h};
  for (int failed = 1; failed <= 7; ++failed) {
    const auto base = schedule[failed - 1];
    const auto low = retry_delay(policy, failed, 0.0, std::nullopt);
    const auto middle = retry_delay(policy, failed, 0.5, std::nullopt);
    const auto high = retry_delay(policy, failed, 0.999999, std::nullopt);
    REQUIRE(low);
    REQUIRE(middle);
    REQUIRE(high);
    CHECK(*middle == base);
    CHECK(*low == std::chrono::seconds{static_cast<long long>(std::llround(base.count() * 0.8))});
    CHECK(*high == std::chrono::seconds{static_cast<long long>(std::llround(base.count() * 1.2))});
    CHECK(*low < *high);
  }
  CHECK_FALSE(retry_delay(policy, 8, 0.5, std::nullopt).has_value());  // eight attempts: dead
  CHECK_FALSE(retry_delay(policy, 0, 0.5, std::nullopt).has_value());
}

TEST_CASE("a Retry-After makes the wait at least that long, up to a day") {
  const RetryPolicy policy;
  CHECK(retry_delay(policy, 1, 0.5, 120s) == 120s);
  CHECK(retry_delay(policy, 4, 0.5, 120s) == 2h);  // the schedule's wait is longer
  CHECK(retry_delay(policy, 1, 0.5, std::chrono::hours{72}) == std::chrono::hours{24});
  CHECK(retry_delay(policy, 7, 0.5, std::chrono::hours{72}) == std::chrono::hours{24});
  CHECK_FALSE(retry_delay(policy, 8, 0.5, 120s).has_value());
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
  const date::sys_seconds now = date::sys_days{date::year{2015} / date::October / 21} + 7h + 27min;
  CHECK(parse_retry_after("120", now) == 120s);
  CHECK(parse_retry_after(" 0 ", now) == 0s);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == 60s);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0s);  // already past
  CHECK_FALSE(parse_retry_after("-5", now).has_value());
  CHECK_FALSE(parse_retry_after("soon", now).has_value());
  CHECK_FALSE(parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", now).has_value());
  CHECK_FALSE(parse_retry_after("", now).has_value());
}
