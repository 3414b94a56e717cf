#pragma once

// `torikumi serve`'s HTTP server on cpp-httplib: feeds, the JSON API, the dashboard with its
// sign-in and forms, /healthz and /metrics, with the limits, timeouts, worker pool and request log
// of an internet-facing service. Its users see no cpp-httplib: the handler groups (api/, pages/,
// and feeds and operations here) answer its requests through the route table (route_table.hpp).

#include <date/date.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include "calendars/feed.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"
#include "http/access/access_control.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/contract/limits.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/pages/dashboard.hpp"

namespace torikumi::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (bind() says which)
  // Event loops hold the connections between requests and answer subscribed feeds from memory;
  // the workers serve every other request, one at a time each (http/transport/connection_loop.hpp).
  std::size_t event_loops = 2;
  std::size_t worker_threads = 64;            // requests other than feeds served at once
  std::size_t max_queued_connections = 1024;  // waiting for a worker; then the loop waits
  std::size_t max_connections = 10000;        // open at once; then accepting waits
  int listen_backlog = 1024;                  // connections the kernel completes before accept
  std::size_t max_body_bytes = limits::kMaxBodyBytes;  // larger: 413, Content-Length or chunked
  // A caller with no live token or session may send no more (a sign-in form is 200 bytes); a
  // longer body is refused with 401 before a byte of it is read.
  std::size_t max_anonymous_body_bytes = limits::kMaxAnonymousBodyBytes;
  // A POST to /inbound/email (the email gateway's webhook), from anyone: its own bound, checked
  // before a byte of the body is read; 0 while the webhook is off (the config's meetings.inbound
  // gives neither secret nor signing key), and the path is then held to the two above. Nothing
  // else is loosened: every other path keeps its bound, and the whole request its deadline.
  std::size_t max_inbound_body_bytes = 0;
  // The inbound bodies read or served at once, together; past it 503 with Retry-After.
  std::size_t inbound_body_budget_bytes = limits::kInboundBodyBudgetBytes;
  std::size_t max_header_bytes = limits::kMaxHeaderBytes;  // the headers together; larger: 431
  std::chrono::seconds read_timeout{5};                    // a request head, from its first byte
  std::chrono::seconds request_timeout{15};  // a whole request, head and body; then 408
  std::chrono::seconds write_timeout{5};
  std::chrono::seconds keep_alive_timeout{5};
  std::size_t keep_alive_max_requests = 1000;  // per connection
  // Reading the dashboard, the API and the feeds needs a token, a session or a subscription
  // secret; false opens reading to anyone who can reach the server. Writes always need an
  // editor's token.
  bool require_sign_in = true;
  // The dashboard's language for a visitor who chose none (?lang= or the lang cookie).
  Language default_language = Language::japanese;
  // The address people reach the server at, for the links it hands out (subscription URLs);
  // https:// also marks the session cookie Secure. Empty: http://HOST:PORT as bound.
  std::string public_base_url;
  // Who may read /metrics: peers on this machine (the default), a bearer token's holder, anyone.
  MetricsAccess metrics = MetricsAccess::loopback;
  // How invitations are sent (the config's meetings.organizer and webhooks); none: not at all.
  std::optional<MeetingsOptions> meetings = std::nullopt;
  // Called after a page entered invitations in the outbox: wakes the dispatcher, so they go out
  // now rather than at its next pass. Empty: nothing is called.
  std::function<void()> outbox_entered{};
  // How often the server looks for changes another process made to the database (the CLI).
  std::chrono::milliseconds watch_interval{1000};
};

// The clock the server reads for "today" and what is next; injected so tests can fix it.
using Clock = std::function<date::sys_seconds()>;

class Server {
 public:
  // `catalog`, `access` and `reminders` must outlive the server. Each request writes one JSON
  // line to `log` (serialised).
  Server(StorePlanCatalog& catalog, AccessControl& access, ReminderBoard& reminders,
         ServerOptions options, calendars::FeedOptions feed_options, Clock clock,
         std::ostream& log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (the one chosen when options.port is 0), or why
  // it could not bind.
  Result<int> bind();

  // Where people reach the server: the config's public address, else http://HOST:PORT as bound.
  // REQUIRES: bind() succeeded.
  std::string base_url() const;
  // http://HOST:PORT as bound. REQUIRES: bind() succeeded.
  std::string bound_url() const;

  // Serves until stop(); returns once the requests in flight have been answered.
  // REQUIRES: bind() succeeded.
  void run();

  // Stops accepting; run() then returns. Safe from any thread (a signal-handling thread).
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace torikumi::http
