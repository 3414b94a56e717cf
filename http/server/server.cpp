#include "http/server/server.hpp"

#include <httplib.h>

#include <sys/socket.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <ostream>
#include <thread>

#include "http/api/api_routes.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/pages/page_routes.hpp"
#include "http/server/feed_routes.hpp"
#include "http/server/inbound_routes.hpp"
#include "http/server/operations_routes.hpp"
#include "http/server/route_table.hpp"
#include "http/server/server_setup.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/httplib_bridge.hpp"
#include "http/transport/log_writer.hpp"
#include "http/transport/metrics.hpp"
#include "http/transport/request_log.hpp"

namespace torikumi::http {

namespace {

// When the request being served on this worker was routed; the logger measures from it.
thread_local std::chrono::steady_clock::time_point request_started{};

}  // namespace

class Server::Impl {
 public:
  Impl(StorePlanCatalog& catalog, AccessControl& access, ReminderBoard& reminders,
       ServerOptions options, calendars::FeedOptions feed_options, Clock clock, std::ostream& log)
      : catalog_(catalog),
        options_(std::move(options)),
        feeds_(catalog, catalog, std::move(feed_options), clock),
        clock_(std::move(clock)),
        log_(log),
        gate_(access, gate_options(options_), clock_),
        feed_routes_(feeds_, gate_),
        api_{catalog, gate_, reminders, clock_, [this] { return base_url(); }},
        pages_{catalog,
               gate_,
               reminders,
               clock_,
               [this] { return base_url(); },
               options_.default_language,
               [this](const std::string& line) { write_log(line); },
               options_.meetings,
               options_.outbox_entered},
        inbound_{catalog, options_.meetings, clock_,
                 [this](const std::string& line) { write_log(line); }},
        loops_(loop_options(options_), handlers()) {
    table_.add(operations_routes(metrics_, feeds_, reminders, gate_));
    table_.add(feed_routes_.routes());
    table_.add(api_read_routes(api_));
    table_.add(api_write_routes(api_));
    table_.add(plan_intake_routes(pages_));
    table_.add(page_routes(pages_));
    table_.add(plan_action_routes(pages_));
    table_.add(sign_in_routes(pages_));
    table_.add(account_routes(pages_));
    table_.add(directory_routes(pages_));
    table_.add(agency_routes(pages_));
    table_.add(meeting_routes(pages_));
    table_.add(answer_routes(pages_));
    table_.add({inbound_email_route(inbound_)});
    table_.add(unknown_write_routes());
    configure();
    table_.install(server_, options_.max_body_bytes);  // a row may have a bound of its own
  }

  Result<int> bind() {
    int port = options_.port;
    if (port == 0) {
      port = server_.bind_to_any_port(options_.host);
      if (port <= 0) return Error{"cannot listen on " + options_.host + ": no free port"};
    } else if (!server_.bind_to_port(options_.host, options_.port)) {
      return Error{"cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                   " (in use, or not an address of this machine)"};
    }
    // cpp-httplib 0.11.4 listens with a backlog of 5: 64 clients connecting at once would see
    // their SYNs dropped and retried a second later. listen() again raises it (Linux keeps the
    // socket and takes the new backlog).
    if (listening_socket_ >= 0 && ::listen(listening_socket_, options_.listen_backlog) != 0)
      return Error{"cannot listen on " + options_.host + ": " + std::strerror(errno)};
    const bool bracket = options_.host.find(':') != std::string::npos;
    bound_base_url_ = "http://" + (bracket ? "[" + options_.host + "]" : options_.host) + ":" +
                      std::to_string(port);
    return port;
  }

  void run() {
    std::thread watcher{[this] { watch(); }};
    server_.listen_after_bind();
    loops_.stop();  // the requests in flight answered, every connection closed
    {
      std::lock_guard lock{watch_mutex_};
      stopping_ = true;
    }
    watch_wake_.notify_all();
    watcher.join();
    log_.flush();
  }
  void stop() {
    loops_.refuse_new();  // an accepting thread waiting at the connection limit lets go
    server_.stop();
  }

  std::string bound_url() const { return bound_base_url_; }
  std::string base_url() const {
    return options_.public_base_url.empty() ? bound_base_url_ : options_.public_base_url;
  }

 private:
  ConnectionLoops::Handlers handlers() {
    return {.quick = [this](const RequestHead& head, const std::string& address,
                            int port) -> std::optional<QuickAnswer> {
              const auto started = std::chrono::steady_clock::now();
              auto quick = feed_routes_.answer_quickly(head);
              if (!quick) return std::nullopt;
              log_request(head.method(), quick->path, quick->label, quick->status,
                          quick->answer.body.size(), std::chrono::steady_clock::now() - started,
                          address, port);
              return std::move(quick->answer);
            },
            .full =
                [this](HandedConnection& connection, bool last, bool& closed) {
                  LentStream stream{connection};
                  return server_.serve_one(stream, last, closed);
                },
            .admit = [this](const RequestHead& head) { return gate_.admit(head); },
            .refused =
                [this](std::string_view method, std::string_view target, int status,
                       const std::string& address, int port) {
                  // The log never holds a query string (it may carry a secret).
                  const std::string_view path = target.substr(0, target.find('?'));
                  log_request(method.empty() ? "-" : method, path.empty() ? "-" : path,
                              table_.label_of(path), status, 0, std::chrono::nanoseconds{0},
                              address, port);
                }};
  }

  void configure() {
    // One thread takes what cpp-httplib accepts to the event loops.
    const std::size_t capacity = options_.max_queued_connections;
    server_.new_task_queue = [capacity] { return new AcceptQueue(1, capacity); };
    server_.adopt = [this](socket_t socket) { loops_.adopt(socket); };
    // The listening socket, as cpp-httplib's default sets it up, kept to raise its backlog.
    server_.set_socket_options([this](socket_t socket) {
      int yes = 1;
      ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening_socket_ = socket;
    });
    apply_options(server_, options_);
    server_.set_pre_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
          request_started = std::chrono::steady_clock::now();
          const auto refused = refuse_early(request, options_);
          if (!refused) return httplib::Server::HandlerResponse::Unhandled;
          answer_error_and_close(response, *refused);
          return httplib::Server::HandlerResponse::Handled;
        });
    server_.set_error_handler(httplib::Server::HandlerWithResponse{
        [this](const httplib::Request& request, httplib::Response& response) {
          // A browser's GET of a path no route takes: a page in its language (the API keeps JSON).
          if (response.status == 404 && response.body.empty() && response.content_length_ == 0 &&
              (request.method == "GET" || request.method == "HEAD") &&
              answer_missing_path(pages_, request, response))
            return httplib::Server::HandlerResponse::Handled;
          return answer_plain_error(request, response);
        }});
    server_.set_exception_handler([this](const httplib::Request& request,
                                         httplib::Response& response, std::exception_ptr thrown) {
      const std::string what = describe(thrown);
      write_log(
          nlohmann::ordered_json{{"level", "error"}, {"path", request.path}, {"exception", what}}
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      answer_error(response, {ErrorKind::internal, "internal error"});
    });
    server_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      const auto latency = request_started == std::chrono::steady_clock::time_point{}
                               ? std::chrono::nanoseconds{0}
                               : std::chrono::steady_clock::now() - request_started;
      request_started = {};
      std::string_view label = RouteTable::take_current_label();
      if (label.empty()) label = table_.label_of(request.path);
      log_request(request.method, request.path, label, response.status,
                  response.body.empty() ? response.content_length_ : response.body.size(),
                  std::chrono::duration_cast<std::chrono::nanoseconds>(latency),
                  request.remote_addr, request.remote_port);
    });
  }

  // Counts a request in the metrics and writes its log line.
  void log_request(std::string_view method, std::string_view path, std::string_view label,
                   int status, std::size_t bytes, std::chrono::nanoseconds latency,
                   const std::string& address, int port) {
    const std::string route{label};
    metrics_.record_request(route, std::string{method}, status, latency);
    RequestLogEntry entry;
    entry.time = date::floor<std::chrono::milliseconds>(std::chrono::system_clock::time_point{} +
                                                        clock_().time_since_epoch());
    entry.method = method;
    entry.path = loggable_path(path);  // never the inbound webhook's secret
    entry.route = route;
    entry.status = status;
    entry.bytes = bytes;
    entry.latency = std::chrono::duration_cast<std::chrono::microseconds>(latency);
    entry.remote = address + ":" + std::to_string(port);
    write_log(format_log_line(entry));
  }

  // Gathered and written in batches by the log's own thread (http/transport/log_writer.hpp).
  void write_log(const std::string& line) { log_.write_line(line); }

  // Looks for what another process changed in the file (the CLI recording, importing or revoking)
  // and brings the access tables and the plans in line.
  void watch() {
    std::unique_lock lock{watch_mutex_};
    while (!stopping_) {
      watch_wake_.wait_for(lock, options_.watch_interval, [&] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      // Each looks at its own connection's data_version: the tokens and sessions, then the plans
      // and what was recorded (this server's own writes refreshed their plan already).
      if (const auto tokens = gate_.reload_if_changed(); !tokens)
        write_log(
            nlohmann::ordered_json{{"level", "error"}, {"watch", tokens.error().message}}.dump());
      if (const auto plans = catalog_.refresh_if_changed(); !plans)
        write_log(
            nlohmann::ordered_json{{"level", "error"}, {"watch", plans.error().message}}.dump());
      lock.lock();
    }
  }

  StorePlanCatalog& catalog_;
  std::string bound_base_url_;
  int listening_socket_ = -1;
  const ServerOptions options_;
  FeedCache feeds_;
  Clock clock_;
  Metrics metrics_;
  LogWriter log_;
  Gatekeeper gate_;
  FeedRoutes feed_routes_;
  const ApiContext api_;
  const PagesContext pages_;
  const InboundContext inbound_;
  RouteTable table_;
  LoopedServer server_;
  // After server_: stopped (and destroyed) before it, since a lent connection runs in server_.
  ConnectionLoops loops_;
  std::mutex watch_mutex_;
  std::condition_variable watch_wake_;
  bool stopping_ = false;
};

Server::Server(StorePlanCatalog& catalog, AccessControl& access, ReminderBoard& reminders,
               ServerOptions options, calendars::FeedOptions feed_options, Clock clock,
               std::ostream& log)
    : impl_(std::make_unique<Impl>(catalog, access, reminders, std::move(options),
                                   std::move(feed_options), std::move(clock), log)) {}

Server::~Server() = default;

Result<int> Server::bind() { return impl_->bind(); }
std::string Server::base_url() const { return impl_->base_url(); }
std::string Server::bound_url() const { return impl_->bound_url(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace torikumi::http
