#include "http/delivery/delivery_policy.hpp"

#include <algorithm>
#include <cmath>

namespace torikumi::http {

AnswerKind classify_status(int status) {
  if (status >= 200 && status < 300) return AnswerKind::delivered;
  if (status == 410) return AnswerKind::gone;
  if (status == 408 || status == 429 || (status >= 300 && status < 400) ||
      (status >= 500 && status < 600))
    return AnswerKind::retry;
  return AnswerKind::failed;
}

std::optional<std::chrono::seconds> retry_delay(const RetryPolicy& policy, int failed_attempts,
                                                double unit,
                                                std::optional<std::chrono::seconds> retry_after) {
  if (failed_attempts < 1 || static_cast<std::size_t>(failed_attempts) > policy.delays.size())
    return std::nullopt;
  const double base = static_cast<double>(policy.delays[failed_attempts - 1].count());
  const double factor = 1.0 - policy.jitter + 2.0 * policy.jitter * std::clamp(unit, 0.0, 1.0);
  std::chrono::seconds delay{static_cast<long long>(std::llround(base * factor))};
  if (retry_after) delay = std::max(delay, std::min(*retry_after, policy.longest_retry_after));
  return std::max(delay, std::chrono::seconds{1});
}

}  // namespace torikumi::http
