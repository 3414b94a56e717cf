#include "http/server/route_table.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <thread>

#include "http/contract/routes.hpp"

namespace torikumi::http {

namespace {

// The rows the server's handler groups give, in the server's order, with handlers that do
// nothing: the labels are the table's to give.
RouteTable server_like_table() {
  namespace labels = routes::labels;
  const RouteHandler none = [](const httplib::Request&, httplib::Response&, const std::string&) {};
  RouteTable table;
  table.add({{Method::get, routes::kHealth, routes::kHealth, none},
             {Method::get, routes::kMetrics, routes::kMetrics, none},
             {Method::get, routes::kOrganisationFeed, labels::kOrganisationFeed, none},
             {Method::get, routes::kAgencyFeed, labels::kAgencyFeed, none},
             {Method::get, routes::kPersonFeed, labels::kPersonFeed, none},
             {Method::get, routes::kOwnerFeed, labels::kOwnerFeed, none},
             {Method::get, routes::kPlanFeed, labels::kPlanFeed, none},
             {Method::get, routes::kApiPlans, routes::kApiPlans, none},
             {Method::get, routes::kApiPlan, labels::kApiPlan, none},
             {Method::get, routes::kApiOccurrences, labels::kApiOccurrences, none},
             {Method::get, routes::kApiProgress, labels::kApiProgress, none},
             {Method::get, routes::kApiAnything, labels::kApiOther, none},
             {Method::get, routes::kOverview, routes::kOverview, none},
             {Method::get, routes::kPlanPage, labels::kPlanPage, none},
             {Method::get, routes::kPlanForm, labels::kPlanForm, none},
             {Method::get, routes::kPlanOverdue, labels::kPlanOverdue, none},
             {Method::get, routes::kPlanHistory, labels::kPlanHistory, none},
             {Method::get, routes::kPrintScript, routes::kPrintScript, none},
             {Method::post, routes::kPlanAction, labels::kOther, none}});
  table.add(unknown_write_routes());
  return table;
}

}  // namespace

TEST_CASE("routes are labelled by their template") {
  struct Row {
    const char* path;
    const char* route;
  };
  const Row rows[] = {
      {"/", "/"},
      {"/healthz", "/healthz"},
      {"/calendars/higashi-kyosei.ics", "/calendars/{plan}.ics"},
      {"/calendars/higashi-kyosei/owner/学校連携担当.ics", "/calendars/{plan}/owner/{name}.ics"},
      {"/calendars/org/東区役所.ics", "/calendars/org/{name}.ics"},
      {"/calendars/agency/こども家庭センター.ics", "/calendars/agency/{name}.ics"},
      {"/calendars/person/0123456789abcdef.ics", "/calendars/person/{key}.ics"},
      {"/api/plans", "/api/plans"},
      {"/api/plans/x", "/api/plans/{id}"},
      {"/api/plans/x/occurrences", "/api/plans/{id}/occurrences"},
      {"/api/plans/x/progress", "/api/plans/{id}/progress"},
      {"/api/plans/x/secret", "/api/other"},
      {"/plans/x", "/plans/{id}"},
      {"/plans/x/form", "/plans/{id}/form"},
      {"/plans/x/overdue", "/plans/{id}/overdue"},
      {"/plans/x/history", "/plans/{id}/history"},
      {"/assets/print.js", "/assets/print.js"},
      {"/wp-admin/setup.php", "other"},
  };
  const RouteTable table = server_like_table();
  for (const Row& row : rows) {
    CAPTURE(row.path);
    CHECK(table.label_of(row.path) == row.route);
  }
}

TEST_CASE("a path no row takes is labelled other") {
  RouteTable table;
  CHECK(table.label_of("/anything") == "other");
}

TEST_CASE("a path over 256 bytes is labelled other without matching the patterns") {
  const RouteTable table = server_like_table();
  const std::string feed = "/calendars/" + std::string(245, 'a');
  REQUIRE(feed.size() == 256);
  CHECK(table.label_of(feed) == "/calendars/{plan}.ics");
  CHECK(table.label_of(feed + "a") == "other");
  CHECK(table.label_of("/calendars/" + std::string(16000, 'x') + "/owner/y.ics") == "other");
}

TEST_CASE("installed rows run their handler with the body read, and a body over the limit is 413") {
  RouteTable table;
  table.add(
      {{Method::post, "/echo/([a-z]+)", "/echo/{word}",
        [](const httplib::Request& request, httplib::Response& response, const std::string& body) {
          response.set_content(request.matches[1].str() + ":" + body + ":" +
                                   std::string{RouteTable::take_current_label()},
                               "text/plain");
        }}});
  httplib::Server server;
  table.install(server, 8);
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread serving{[&] { server.listen_after_bind(); }};
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
  httplib::Client client{"127.0.0.1", port};
  const auto echoed = client.Post("/echo/hello", "12345678", "text/plain");
  REQUIRE(echoed);
  CHECK(echoed->status == 200);
  CHECK(echoed->body == "hello:12345678:/echo/{word}");
  const auto over = client.Post("/echo/hello", "123456789", "text/plain");
  REQUIRE(over);
  CHECK(over->status == 413);
  CHECK(over->body == R"({"error":"request body over the limit of 8 bytes"})");
  server.stop();
  serving.join();
}

}  // namespace torikumi::http
