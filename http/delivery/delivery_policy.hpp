#pragma once

// What an attempt's answer means and when the next one comes: 2xx is delivered; 408, 429, 5xx,
// 3xx (a redirect, never followed: a gateway moving for a while, or a URL to fix before the
// retries run out), timeouts and connection errors are tried again along a backoff schedule with
// jitter, honouring Retry-After; 410 Gone disables the endpoint; any other answer fails at once
// (a dead letter), as does the last retry.

#include <chrono>
#include <optional>
#include <vector>

namespace torikumi::http {

struct RetryPolicy {
  // The waits after the first, second, ... failed attempt; after the last the delivery is dead.
  std::vector<std::chrono::seconds> delays{std::chrono::seconds{5},  std::chrono::minutes{5},
                                           std::chrono::minutes{30}, std::chrono::hours{2},
                                           std::chrono::hours{5},    std::chrono::hours{10},
                                           std::chrono::hours{10}};
  double jitter = 0.2;  // each wait is drawn from [delay × (1 - jitter), delay × (1 + jitter)]
  std::chrono::seconds longest_retry_after{std::chrono::hours{24}};  // a longer one is cut to it
};

enum class AnswerKind { delivered, retry, gone, failed };

// What an HTTP status means for a delivery.
AnswerKind classify_status(int status);

// The wait before the next attempt after `failed_attempts` (1 after the first) have failed, or
// nullopt when the schedule is spent. `unit` is a random draw from [0, 1) for the jitter; a
// Retry-After makes the wait at least that long (up to longest_retry_after).
std::optional<std::chrono::seconds> retry_delay(const RetryPolicy& policy, int failed_attempts,
                                                double unit,
                                                std::optional<std::chrono::seconds> retry_after);

}  // namespace torikumi::http
