#include "store/detail/outbox_rows.hpp"

#include <optional>

namespace torikumi::store::detail {

Result<std::vector<bool>> disabled_endpoints_of(Connection& connection,
                                                std::span<const std::string> endpoints) {
  std::vector<bool> disabled;
  for (const std::string& endpoint : endpoints) {
    auto statement = connection.prepare("SELECT 1 FROM disabled_endpoints WHERE url = ?1");
    if (!statement) return statement.error();
    statement->bind(1, endpoint);
    const auto is = statement->step();
    if (!is) return is.error();
    disabled.push_back(*is);
  }
  return disabled;
}

Status insert_deliveries(Connection& connection, std::string_view id,
                         std::span<const std::string> endpoints, const std::vector<bool>& disabled,
                         std::string_view at) {
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    auto delivery = connection.prepare(
        "INSERT INTO deliveries (reminder_id, endpoint, state, attempts, next_attempt_at, "
        "last_error) VALUES (?1, ?2, ?3, 0, ?4, ?5)");
    if (!delivery) return delivery.error();
    delivery->bind_all(id, endpoints[i], disabled[i] ? "dead" : "pending", at);
    delivery->bind(5, disabled[i]
                          ? std::optional<std::string>{"the endpoint is disabled (410 Gone)"}
                          : std::nullopt);
    if (auto run = delivery->run(); !run) return run.error();
  }
  return {};
}

}  // namespace torikumi::store::detail
