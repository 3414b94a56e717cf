#include "http/server/operations_routes.hpp"

#include <httplib.h>

#include "http/contract/routes.hpp"

namespace torikumi::http {

std::vector<Route> operations_routes(const Metrics& metrics, const FeedCache& feeds,
                                     ReminderBoard& reminders, const Gatekeeper& gate) {
  const auto health = [](const httplib::Request&, httplib::Response& response, const std::string&) {
    response.set_header("Cache-Control", "no-store");
    response.set_content("ok\n", "text/plain; charset=utf-8");
  };
  const auto serve_metrics = [&metrics, &feeds, &reminders, &gate](const httplib::Request& request,
                                                                   httplib::Response& response,
                                                                   const std::string&) {
    if (const auto denial = gate.check_metrics(credentials_of(request), request.remote_addr))
      return answer_denial(response, *denial);
    response.set_header("Cache-Control", "no-store");
    std::string text = metrics.render(feeds.renders());
    text +=
        "# HELP torikumi_webhook_deliveries Reminder deliveries in the outbox, by state.\n"
        "# TYPE torikumi_webhook_deliveries gauge\n";
    for (const auto& [state, count] : reminders.delivery_counts())
      text += "torikumi_webhook_deliveries{state=\"" + std::string{store::to_string(state)} +
              "\"} " + std::to_string(count) + "\n";
    response.set_content(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
  };
  return {{Method::get, routes::kHealth, routes::kHealth, health},
          {Method::get, routes::kMetrics, routes::kMetrics, serve_metrics}};
}

}  // namespace torikumi::http
