#include "http/server/server.hpp"

#include <httplib.h>

#include <sys/socket.h>

#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

#include "engine/progress/period_progress.hpp"
#include "engine/progress/progress_form.hpp"
#include "engine/progress/progress_marks.hpp"
#include "http/api/api.hpp"
#include "http/transport/bounded_provider.hpp"
#include "http/transport/conditional.hpp"
#include "http/transport/connection_loop.hpp"
#include "http/pages/dashboard.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/transport/http_error.hpp"
#include "http/transport/log_writer.hpp"
#include "http/transport/metrics.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/templates/progress_form_html.hpp"
#include "http/transport/request_log.hpp"
#include "store/secrets.hpp"
#include "http/transport/url.hpp"
#include "http/transport/worker_pool.hpp"
#include "http/api/writes.hpp"

namespace torikumi::http {

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kCalendar = "text/calendar; charset=utf-8";
constexpr const char* kSessionCookie = "torikumi_session";
// The sign-in form's CSRF token, double-submitted: in this cookie and in the form.
constexpr const char* kSignInCookie = "torikumi_signin";
// Pages carry no script; styles are inline.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'";
// The fields every answer carries.
constexpr std::pair<const char*, const char*> kDefaultFields[] = {
    {"X-Content-Type-Options", "nosniff"}, {"Server", "torikumi"}};
constexpr const char* kAskForToken = "Bearer realm=\"torikumi\"";

// cpp-httplib's accepting thread hands each connection to this queue, whose workers give it to
// the event loops (http/transport/connection_loop.hpp). When the queue is full the accepting thread waits:
// the kernel's backlog holds the rest.
class AcceptQueue final : public httplib::TaskQueue {
 public:
  AcceptQueue(std::size_t workers, std::size_t capacity) : pool_(workers, capacity) {}
  void enqueue(std::function<void()> task) override {
    if (!pool_.submit(task)) task();  // shutting down: the loops close the connection
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  WorkerPool pool_;
};

// cpp-httplib's server with the connections it accepts given to the event loops, which lend them
// back for one request at a time (process_request is cpp-httplib's own, for one request).
class LoopedServer final : public httplib::Server {
 public:
  std::function<void(socket_t)> adopt;

  bool serve_one(httplib::Stream& stream, bool last, bool& closed) {
    return process_request(stream, last, closed, nullptr);
  }

 private:
  bool process_and_close_socket(socket_t socket) override {
    adopt(socket);
    return true;
  }
};

// A connection lent by an event loop, as cpp-httplib reads and writes a socket.
class LentStream final : public httplib::Stream {
 public:
  explicit LentStream(HandedConnection& connection) : connection_(connection) {}
  bool is_readable() const override { return connection_.readable(); }
  bool is_writable() const override { return connection_.writable(); }
  ssize_t read(char* data, std::size_t size) override { return connection_.read(data, size); }
  ssize_t write(const char* data, std::size_t size) override {
    return connection_.write(data, size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = connection_.peer_address();
    port = connection_.peer_port();
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    socket_address(connection_.socket(), SocketEnd::local, ip, port);
  }
  socket_t socket() const override { return connection_.socket(); }

 private:
  HandedConnection& connection_;
};

// When the request being served on this worker was routed; the logger measures from it.
thread_local std::chrono::steady_clock::time_point request_started{};

void answer_error(httplib::Response& response, const HttpError& error) {
  response.status = status_code(error.kind);
  response.set_content(error_body(error.message), kJson);
}

// Answers and then closes the connection: for a request whose body was left unread, so the
// connection cannot carry another request. cpp-httplib 0.11.4 keeps a connection open whatever
// the response's headers say, unless writing the response fails: so the body goes out through a
// provider that writes all of it and then reports failure, which makes the server close the
// socket after the complete response.
void answer_error_and_close(httplib::Response& response, const HttpError& error) {
  response.status = status_code(error.kind);
  response.set_header("Connection", "close");
  auto body = std::make_shared<const std::string>(error_body(error.message));
  response.set_content_provider(body->size(), kJson,
                                bounded_provider(body, *body, AfterAnswer::close));
}

void answer_json(httplib::Response& response, const nlohmann::json& document) {
  response.set_content(document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       kJson);
}

ConnectionLoopOptions loop_options(const ServerOptions& options) {
  ConnectionLoopOptions loops;
  loops.loops = options.event_loops;
  loops.workers = options.worker_threads;
  loops.max_queued_requests = options.max_queued_connections;
  loops.max_head_bytes = options.max_header_bytes;
  loops.max_body_bytes = options.max_body_bytes;
  loops.read_timeout = options.read_timeout;
  loops.request_timeout = options.request_timeout;
  loops.write_timeout = options.write_timeout;
  loops.keep_alive_timeout = options.keep_alive_timeout;
  loops.keep_alive_max_requests = options.keep_alive_max_requests;
  loops.max_connections = options.max_connections;
  for (const auto& [name, value] : kDefaultFields)
    loops.answer_fields.append(name).append(": ").append(value).append("\r\n");
  return loops;
}

}  // namespace

class Server::Impl {
 public:
  Impl(StorePlanCatalog& catalog, AccessControl& access, ReminderBoard& reminders,
       ServerOptions options, calendars::FeedOptions feed_options, Clock clock, std::ostream& log)
      : catalog_(catalog),
        access_(access),
        reminders_(reminders),
        options_(std::move(options)),
        feeds_(catalog, std::move(feed_options)),
        clock_(std::move(clock)),
        log_(log),
        loops_(loop_options(options_),
               ConnectionLoops::Handlers{
                   .quick = [this](const RequestHead& head, const std::string& address,
                                   int port) { return answer_quickly(head, address, port); },
                   .full =
                       [this](HandedConnection& connection, bool last, bool& closed) {
                         LentStream stream{connection};
                         return server_.serve_one(stream, last, closed);
                       },
                   .admit = [this](const RequestHead& head) { return admit(head); },
                   .refused =
                       [this](std::string_view method, std::string_view target, int status,
                              const std::string& address, int port) {
                         // The log never holds a query string (it may carry a secret).
                         const std::string_view path = target.substr(0, target.find('?'));
                         log_request(method.empty() ? "-" : method, path.empty() ? "-" : path,
                                     status, 0, std::chrono::nanoseconds{0}, address, port);
                       }}) {
    configure();
    route();
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
  void configure() {
    // One thread takes what cpp-httplib accepts to the event loops.
    const std::size_t capacity = options_.max_queued_connections;
    server_.new_task_queue = [capacity] { return new AcceptQueue(1, capacity); };
    server_.adopt = [this](socket_t socket) { loops_.adopt(socket); };
    server_.set_tcp_nodelay(true);
    // The listening socket, as cpp-httplib's default sets it up, kept to raise its backlog.
    server_.set_socket_options([this](socket_t socket) {
      int yes = 1;
      ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening_socket_ = socket;
    });
    server_.set_read_timeout(options_.read_timeout);
    server_.set_write_timeout(options_.write_timeout);
    server_.set_keep_alive_timeout(options_.keep_alive_timeout.count());
    server_.set_keep_alive_max_count(options_.keep_alive_max_requests);
    server_.set_payload_max_length(options_.max_body_bytes);
    httplib::Headers defaults;
    for (const auto& [name, value] : kDefaultFields) defaults.emplace(name, value);
    server_.set_default_headers(std::move(defaults));

    server_.set_pre_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
          request_started = std::chrono::steady_clock::now();
          std::size_t header_bytes = 0;
          for (const auto& [name, value] : request.headers)
            header_bytes += name.size() + value.size() + 4;
          if (header_bytes > options_.max_header_bytes) {
            answer_error_and_close(response, {ErrorKind::headers_too_large,
                                              "request headers of " + std::to_string(header_bytes) +
                                                  " bytes, over the limit of " +
                                                  std::to_string(options_.max_header_bytes)});
            return httplib::Server::HandlerResponse::Handled;
          }
          // A declared length over the limit is refused before a byte of the body is read.
          if (request.has_header("Content-Length")) {
            const auto length = request.get_header_value<std::uint64_t>("Content-Length");
            if (length > options_.max_body_bytes) {
              answer_error_and_close(response, too_large());
              return httplib::Server::HandlerResponse::Handled;
            }
          }
          return httplib::Server::HandlerResponse::Unhandled;
        });

    // What cpp-httplib answers by itself (404 for no route, 400, 413) gets a JSON body too.
    server_.set_error_handler(httplib::Server::HandlerWithResponse{
        [](const httplib::Request& request, httplib::Response& response) {
          if (!response.body.empty() || response.content_length_ > 0)
            return httplib::Server::HandlerResponse::Unhandled;
          const std::string message =
              response.status == 404   ? "no such resource: " + request.path
              : response.status == 413 ? std::string{"request body too large"}
              : response.status == 400 ? std::string{"bad request"}
                                       : "error " + std::to_string(response.status);
          response.set_content(error_body(message), kJson);
          return httplib::Server::HandlerResponse::Handled;
        }});

    server_.set_exception_handler([this](const httplib::Request& request,
                                         httplib::Response& response,
                                         std::exception_ptr exception) {
      std::string what = "unknown exception";
      try {
        if (exception) std::rethrow_exception(exception);
      } catch (const std::exception& caught) {
        what = caught.what();
      } catch (...) {
      }
      write_log(
          nlohmann::ordered_json{{"level", "error"}, {"path", request.path}, {"exception", what}}
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      answer_error(response, {ErrorKind::internal, "internal error"});
    });

    server_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      const auto finished = std::chrono::steady_clock::now();
      const auto latency =
          request_started == std::chrono::steady_clock::time_point{}
              ? std::chrono::nanoseconds{0}
              : std::chrono::duration_cast<std::chrono::nanoseconds>(finished - request_started);
      request_started = {};
      log_request(request.method, request.path, response.status,
                  response.body.empty() ? response.content_length_ : response.body.size(), latency,
                  request.remote_addr, request.remote_port);
    });
  }

  // Counts a request in the metrics and writes its log line.
  void log_request(std::string_view method, std::string_view path, int status, std::size_t bytes,
                   std::chrono::nanoseconds latency, const std::string& address, int port) {
    const std::string route = route_of(path);
    metrics_.record_request(route, std::string{method}, status, latency);
    RequestLogEntry entry;
    entry.time = date::floor<std::chrono::milliseconds>(std::chrono::system_clock::time_point{} +
                                                        clock_().time_since_epoch());
    entry.method = method;
    entry.path = path;
    entry.route = route;
    entry.status = status;
    entry.bytes = bytes;
    entry.latency = std::chrono::duration_cast<std::chrono::microseconds>(latency);
    entry.remote = address + ":" + std::to_string(port);
    write_log(format_log_line(entry));
  }

  HttpError too_large() const {
    return {ErrorKind::payload_too_large,
            "request body over the limit of " + std::to_string(options_.max_body_bytes) + " bytes"};
  }

  // Gathered and written in batches by the log's own thread (http/transport/log_writer.hpp).
  void write_log(const std::string& line) { log_.write_line(line); }

  PageContext page_context(const httplib::Request& request, httplib::Response& response) const {
    const std::string lang = request.get_param_value("lang");
    if (lang == "en" || lang == "ja")
      response.set_header("Set-Cookie",
                          "lang=" + lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
    PageContext context;
    context.language =
        choose_language(lang, request.get_header_value("Cookie"), options_.default_language);
    context.now = clock_();
    return context;
  }

  // The plan a page shows, or null after answering 404 with a page that says so.
  SnapshotPointer plan_for_page(const httplib::Request& request, const PageContext& context,
                                httplib::Response& response) {
    const std::string plan_id = request.matches[1];
    SnapshotPointer snapshot = catalog_.find(plan_id);
    if (!snapshot) {
      response.status = 404;
      answer_page(response, render_missing_page("no plan \"" + plan_id + "\"", context));
    }
    return snapshot;
  }

  void answer_page(httplib::Response& response, std::string page) {
    response.set_header("Content-Security-Policy", kPagePolicy);
    response.set_header("Cache-Control", "no-cache");
    response.set_content(std::move(page), kHtml);
  }

  date::sys_days today_of(const std::string& plan_id) const {
    const auto snapshot = catalog_.find(plan_id);
    return local_day(clock_(), snapshot ? snapshot->plan->time_zone : std::string{"Asia/Tokyo"});
  }

  // A feed's answer, decided once for both ways a request arrives: the header fields (Content-Type
  // and Content-Length aside), 304 or 200, and the body for a 200.
  struct FeedAnswer {
    int status = 200;
    std::vector<std::pair<const char*, std::string_view>> fields;
    std::string_view body;
  };
  static FeedAnswer answer_feed(const RenderedFeed& feed, bool gzip,
                                std::optional<std::string_view> if_none_match) {
    FeedAnswer answer;
    const std::string& etag = gzip ? feed.gzip_etag : feed.etag;
    // A feed is small: a Range is answered with the whole of it (RFC 9110 §14.2 allows that).
    answer.fields = {{"ETag", etag},
                     {"Last-Modified", feed.last_modified},
                     {"Cache-Control", "no-cache"},
                     {"Vary", "Accept-Encoding"},
                     {"Accept-Ranges", "none"}};
    if (if_none_match && if_none_match_matches(*if_none_match, etag)) {
      answer.status = 304;
      return answer;
    }
    if (gzip) answer.fields.emplace_back("Content-Encoding", "gzip");
    answer.body = gzip ? feed.gzip_body : feed.body;
    return answer;
  }

  void serve_feed(const httplib::Request& request, httplib::Response& response,
                  const std::string& path) {
    const auto feed_request = parse_feed_path(path);
    if (!feed_request) return answer_error(response, feed_request.error());
    // A subscription's secret in the URL (what calendar clients can carry), else a token or a
    // session as for any read.
    const bool subscribed = request.has_param("token") &&
                            access_.opens_feed(request.get_param_value("token"), *feed_request);
    if (!subscribed) {
      if (request.has_param("token") && options_.require_sign_in)
        return ask_for_token(response, "unknown or revoked subscription, or not one of this feed");
      if (!may_read(request, response)) return;
    }
    const auto feed = feeds_.get(*feed_request);
    if (!feed) return answer_error(response, feed.error());
    const std::string if_none_match = request.get_header_value("If-None-Match");
    const FeedAnswer answer = answer_feed(
        **feed, accepts_gzip(request.get_header_value("Accept-Encoding")),
        request.has_header("If-None-Match") ? std::optional<std::string_view>{if_none_match}
                                            : std::nullopt);
    for (const auto& [name, value] : answer.fields) response.set_header(name, std::string{value});
    // Never 206: the loop leaves out Range before cpp-httplib reads the request.
    if (answer.status == 304) {
      response.status = 304;
      return;
    }
    // Served from the cached bytes through a provider: no copy per request, and cpp-httplib does
    // not compress a provider's content again.
    response.set_content_provider(answer.body.size(), kCalendar,
                                  bounded_provider(*feed, answer.body, AfterAnswer::keep_open));
  }

  // How much body the caller of a request may send, decided before a byte of it is read (on an
  // event loop): a live token or session may send the whole limit; anyone else a little (the
  // sign-in form), and a longer body is refused with 401.
  BodyPermit admit(const RequestHead& head) const {
    bool known = false;
    if (const auto authorization = head.field("Authorization")) {
      known = authorization->starts_with("Bearer ") &&
              access_.bearer(authorization->substr(7)).has_value();
    } else if (const auto cookies = head.field("Cookie")) {
      const auto cookie = cookie_value(*cookies, kSessionCookie);
      known = cookie && access_.session(*cookie).has_value();
    }
    if (known) return {options_.max_body_bytes, {413, too_large().message, ""}};
    return {options_.max_anonymous_body_bytes,
            {401,
             "a body over " + std::to_string(options_.max_anonymous_body_bytes) +
                 " bytes needs a token or a session: Authorization: Bearer TOKEN",
             std::string{"WWW-Authenticate: "} + kAskForToken + "\r\n"}};
  }

  // The hot path, on an event loop (http/transport/connection_loop.hpp): a calendar client fetching its
  // subscribed feed, answered from the cache with the fields serve_feed() gives. Anything else,
  // and any request this would refuse, is left to the full server (nothing returned), which
  // answers it with its errors.
  std::optional<QuickAnswer> answer_quickly(const RequestHead& head, const std::string& address,
                                            int port) {
    const auto started = std::chrono::steady_clock::now();
    const bool head_only = head.method() == "HEAD";
    // The loop hands over only requests without a body; a Range is answered with the whole feed.
    if (!head_only && head.method() != "GET") return std::nullopt;
    const std::string_view target = head.target();
    const auto question = target.find('?');
    constexpr std::string_view kFeeds = "/calendars/";
    if (question == std::string_view::npos || !target.starts_with(kFeeds)) return std::nullopt;
    const std::string secret = form_field(parse_form(target.substr(question + 1)), "token");
    if (secret.empty()) return std::nullopt;
    const std::string path = percent_decode(target.substr(0, question), false);
    const auto feed_request = parse_feed_path(std::string_view{path}.substr(kFeeds.size()));
    if (!feed_request || !access_.opens_feed(secret, *feed_request)) return std::nullopt;
    // A feed that must be rendered first (after a change) is rendered by a worker, not here.
    const auto feed = feeds_.get(*feed_request, FeedCache::Rendering::cached_only);
    if (!feed || !*feed) return std::nullopt;

    const FeedAnswer answer =
        answer_feed(**feed, accepts_gzip(head.field("Accept-Encoding").value_or("")),
                    head.field("If-None-Match"));
    QuickAnswer quick;
    quick.head.reserve(512);
    quick.head += answer.status == 304 ? "HTTP/1.1 304 Not Modified\r\n" : "HTTP/1.1 200 OK\r\n";
    const auto field = [&](std::string_view name, std::string_view value) {
      quick.head.append(name).append(": ").append(value).append("\r\n");
    };
    for (const auto& [name, value] : answer.fields) field(name, value);
    for (const auto& [name, value] : kDefaultFields) field(name, value);
    // No Content-Length on a 304: RFC 9110 allows only the 200's, and clients need none.
    if (answer.status == 200) {
      field("Content-Type", kCalendar);
      field("Content-Length", std::to_string(answer.body.size()));
      if (!head_only) quick.body = answer.body;
    }
    quick.keep = *feed;
    const auto latency = std::chrono::steady_clock::now() - started;
    log_request(head.method(), path, answer.status, quick.body.size(), latency, address, port);
    return quick;
  }

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
      if (const auto tokens = access_.reload_if_changed(); !tokens)
        write_log(
            nlohmann::ordered_json{{"level", "error"}, {"watch", tokens.error().message}}.dump());
      if (const auto plans = catalog_.refresh_if_changed(); !plans)
        write_log(
            nlohmann::ordered_json{{"level", "error"}, {"watch", plans.error().message}}.dump());
      lock.lock();
    }
  }

  // Who is asking: a bearer token, else a session cookie. An Authorization header that names no
  // live token is an error of its own (401), not an anonymous request.
  struct Caller {
    std::optional<Principal> principal;
    std::optional<SignedIn> session;
    bool bad_credentials = false;
  };

  Caller caller_of(const httplib::Request& request) const {
    Caller caller;
    if (request.has_header("Authorization")) {
      const std::string header = request.get_header_value("Authorization");
      if (header.size() > 7 && header.compare(0, 7, "Bearer ") == 0)
        caller.principal = access_.bearer(header.substr(7));
      caller.bad_credentials = !caller.principal;
      return caller;
    }
    if (const auto cookie = cookie_value(request.get_header_value("Cookie"), kSessionCookie)) {
      caller.session = access_.session(*cookie);
      if (caller.session) caller.principal = caller.session->principal;
    }
    return caller;
  }

  static void ask_for_token(httplib::Response& response, std::string message) {
    response.set_header("WWW-Authenticate", kAskForToken);
    answer_error(response, {ErrorKind::unauthorized, std::move(message)});
  }

  // True when the caller may read; otherwise answers 401.
  bool may_read(const httplib::Request& request, httplib::Response& response) const {
    const Caller caller = caller_of(request);
    if (caller.bad_credentials) {
      ask_for_token(response, "unknown or revoked token");
      return false;
    }
    if (!options_.require_sign_in || caller.principal) return true;
    ask_for_token(response,
                  "a token is needed: Authorization: Bearer TOKEN (torikumi token create)");
    return false;
  }

  // Webhook URLs and addresses are shown to an editor's or an admin's token or session only.
  PersonalData personal_data_for(const httplib::Request& request) const {
    const Caller caller = caller_of(request);
    return caller.principal && store::role_allows(caller.principal->role, store::Role::editor)
               ? PersonalData::shown
               : PersonalData::withheld;
  }

  // True when the config's server.metrics lets this caller read /metrics; otherwise answers 403
  // (not on this machine) or 401 (no bearer token, or one unknown or revoked).
  bool may_read_metrics(const httplib::Request& request, httplib::Response& response) const {
    switch (options_.metrics) {
      case MetricsAccess::open:
        return true;
      case MetricsAccess::loopback:
        if (is_loopback_address(request.remote_addr)) return true;
        answer_error(response, {ErrorKind::forbidden,
                                "/metrics is answered only on this machine (server.metrics: "
                                "\"loopback\")"});
        return false;
      case MetricsAccess::token: {
        const Caller caller = caller_of(request);
        if (caller.principal && !caller.session) return true;
        ask_for_token(response, caller.bad_credentials
                                    ? "unknown or revoked token"
                                    : "/metrics needs a token: Authorization: Bearer TOKEN "
                                      "(server.metrics: \"token\")");
        return false;
      }
    }
    return false;
  }

  // The writer of an API write: an editor's bearer token, or null after answering 401 or 403.
  // Sessions do not write through the API (the dashboard's forms carry CSRF tokens instead).
  std::optional<Principal> api_writer(const httplib::Request& request,
                                      httplib::Response& response) const {
    const Caller caller = caller_of(request);
    if (caller.bad_credentials) {
      ask_for_token(response, "unknown or revoked token");
      return std::nullopt;
    }
    if (!caller.principal || caller.session) {
      ask_for_token(response, "writing needs an editor's token: Authorization: Bearer TOKEN");
      return std::nullopt;
    }
    if (!store::role_allows(caller.principal->role, store::Role::editor)) {
      answer_error(response, {ErrorKind::forbidden,
                              "token " + std::to_string(caller.principal->token_id) + " is a " +
                                  std::string{store::to_string(caller.principal->role)} +
                                  "'s; writing needs an editor's or an admin's"});
      return std::nullopt;
    }
    return caller.principal;
  }

  store::Actor actor_of(const Principal& principal) const {
    return store::Actor{
        principal.label.empty() ? "token " + std::to_string(principal.token_id) : principal.label,
        clock_()};
  }

  // Reads a request's body through the content reader, so that a chunked body is held to the
  // limit too (cpp-httplib 0.11.4 does not); a body over it answers 413 and closes.
  using BodyHandler =
      std::function<void(const httplib::Request&, httplib::Response&, const std::string&)>;
  httplib::Server::HandlerWithContentReader with_body(BodyHandler handler) {
    return [this, handler = std::move(handler)](const httplib::Request& request,
                                                httplib::Response& response,
                                                const httplib::ContentReader& reader) {
      std::string body;
      bool over = false;
      reader([&](const char* data, std::size_t length) {
        if (body.size() + length > options_.max_body_bytes) {
          over = true;
          return false;
        }
        body.append(data, length);
        return true;
      });
      if (over) return answer_error_and_close(response, too_large());
      handler(request, response, body);
    };
  }

  void answer_write(httplib::Response& response, const WriteResult& result, int success_status) {
    if (!result) return answer_error(response, result.error());
    response.status = success_status;
    answer_json(response, *result);
  }

  // An API write route with a JSON body: `write` gets the parsed body and the writer's token.
  using ApiWriteBy =
      std::function<WriteResult(const httplib::Request&, const nlohmann::json&, const Principal&)>;
  httplib::Server::HandlerWithContentReader api_write_by(int success_status, ApiWriteBy write) {
    return with_body(
        [this, success_status, write = std::move(write)](
            const httplib::Request& request, httplib::Response& response, const std::string& body) {
          const auto writer = api_writer(request, response);
          if (!writer) return;
          nlohmann::json fields = nlohmann::json::object();
          if (!body.empty()) {
            auto parsed = parse_body(body);
            if (!parsed) return answer_error(response, parsed.error());
            fields = std::move(*parsed);
          }
          answer_write(response, write(request, fields, *writer), success_status);
        });
  }

  // An API write route with a JSON body: `write` gets the parsed body and the actor.
  using ApiWrite = std::function<WriteResult(const httplib::Request&, const nlohmann::json&,
                                             const store::Actor&)>;
  httplib::Server::HandlerWithContentReader api_write(int success_status, ApiWrite write) {
    return api_write_by(success_status, [this, write = std::move(write)](
                                            const httplib::Request& request,
                                            const nlohmann::json& fields, const Principal& writer) {
      return write(request, fields, actor_of(writer));
    });
  }

  // A new subscription's feed URL, with its secret: shown once.
  std::string subscription_url(const NewSubscription& made) const {
    return base_url() + feed_path(feed_of(made.subscription.scope)) + "?token=" + made.secret;
  }

  // The signed-in visitor a page is rendered for.
  Visitor visitor_of(const SignedIn& session) const {
    return Visitor{actor_of(session.principal).by,
                   store::role_allows(session.principal.role, store::Role::editor),
                   session.csrf_token};
  }

  // True when a form carries its session's CSRF token (never empty: the store refuses that).
  static bool carries_csrf(const std::map<std::string, std::string>& fields,
                           const SignedIn& session) {
    return store::equal_in_constant_time(form_field(fields, "csrf"), session.csrf_token);
  }

  // The session cookie's attributes: HttpOnly, SameSite=Strict, and Secure behind https.
  std::string cookie_attributes() const {
    return std::string{"; Path=/; HttpOnly; SameSite=Strict"} +
           (base_url().starts_with("https://") ? "; Secure" : "");
  }

  static void redirect(httplib::Response& response, const std::string& location) {
    response.status = 303;
    response.set_header("Location", location);
    response.set_header("Cache-Control", "no-store");
  }

  // A dashboard page's context, with the visitor when signed in. Null after redirecting to the
  // sign-in page when reading needs it.
  std::optional<PageContext> page_for(const httplib::Request& request,
                                      httplib::Response& response) {
    PageContext context = page_context(request, response);
    const Caller caller = caller_of(request);
    if (caller.session) {
      context.visitor = visitor_of(*caller.session);
    }
    if (options_.require_sign_in && !context.visitor) {
      std::string next = request.path;
      redirect(response, "/signin?next=" + percent_encode(next));
      return std::nullopt;
    }
    return context;
  }

  void answer_refused(httplib::Response& response, const HttpError& error, const std::string& back,
                      const PageContext& context) {
    response.status = status_code(error.kind);
    answer_page(response, render_refused_page(error.message, back, context));
  }

  // Who sends a dashboard form, and the page it is answered in.
  struct FormWriter {
    PageContext context;
    store::Actor actor;
    Principal principal;
  };

  // A dashboard form: the visitor signed in, allowed to record, with the session's CSRF token.
  // Null after answering with a page that says why not.
  std::optional<FormWriter> form_writer(const httplib::Request& request,
                                        httplib::Response& response,
                                        const std::map<std::string, std::string>& fields,
                                        const std::string& back) {
    PageContext context = page_context(request, response);
    const Caller caller = caller_of(request);
    if (!caller.session) {
      answer_refused(response,
                     {ErrorKind::unauthorized,
                      page::words(context.language, "サインインしてください。", "Please sign in.")},
                     "/signin?next=" + percent_encode(back), context);
      return std::nullopt;
    }
    context.visitor = visitor_of(*caller.session);
    if (!carries_csrf(fields, *caller.session)) {
      answer_refused(response,
                     {ErrorKind::forbidden,
                      page::words(context.language,
                                  "フォームの有効期限が切れました。ページを開き直してください。",
                                  "The form has expired; open the page again.")},
                     back, context);
      return std::nullopt;
    }
    if (!context.visitor->can_edit) {
      answer_refused(response,
                     {ErrorKind::forbidden,
                      page::words(context.language, "閲覧者のトークンでは記録できません。",
                                  "A viewer's token cannot record.")},
                     back, context);
      return std::nullopt;
    }
    return FormWriter{context, actor_of(caller.session->principal), caller.session->principal};
  }

  // POST /plans/<plan>/actions/<verb>: the dashboard's forms.
  void plan_action(const httplib::Request& request, httplib::Response& response,
                   const std::string& body) {
    const std::string plan_id = request.matches[1];
    const std::string verb = request.matches[2];
    const std::string back = "/plans/" + percent_encode(plan_id);
    const auto fields = parse_form(body);
    const auto writer = form_writer(request, response, fields, back);
    if (!writer) return;
    const auto& [context, actor, principal] = *writer;
    const SnapshotPointer snapshot = catalog_.find(plan_id);
    if (!snapshot)
      return answer_refused(response, {ErrorKind::not_found, "no plan \"" + plan_id + "\""}, "/",
                            context);
    const std::string occurrence = form_field(fields, "occurrence");
    const bool about_occurrence =
        verb == "done" || verb == "undo" || verb == "skip" || verb == "schedule";
    if (about_occurrence && !occurrence.starts_with(plan_id + "/"))
      return answer_refused(response,
                            {ErrorKind::not_found,
                             "plan \"" + plan_id + "\" has no occurrence \"" + occurrence + "\""},
                            back, context);
    WriteResult result = HttpError{ErrorKind::not_found, "no such action: " + verb};
    if (verb == "done") {
      result =
          complete_occurrence(catalog_, occurrence, {{"note", form_field(fields, "note")}}, actor);
    } else if (verb == "undo") {
      result = undo_occurrence(catalog_, occurrence, actor);
    } else if (verb == "skip") {
      result = drop_occurrence(catalog_, occurrence, OccurrenceStatus::skipped,
                               {{"reason", form_field(fields, "reason")}}, actor);
    } else if (verb == "schedule") {
      result = schedule_occurrence(
          catalog_, occurrence,
          {{"start", form_field(fields, "start")}, {"place", form_field(fields, "place")}}, actor);
    } else if (verb == "note") {
      nlohmann::json note{{"period", form_field(fields, "period")},
                          {"text", form_field(fields, "text")}};
      if (!form_field(fields, "task").empty()) note["task"] = form_field(fields, "task");
      result = write_note(catalog_, plan_id, note, actor);
    } else if (verb == "subscribe") {
      store::SubscriptionScope scope{plan_id, form_field(fields, "owner"), ""};
      const auto made = access_.subscribe_as(principal, scope, form_field(fields, "label"), actor);
      if (!made) return answer_refused(response, made.error(), back, context);
      response.set_header("Cache-Control", "no-store");
      return answer_page(response,
                         render_subscription_page(*snapshot, subscription_url(*made), context));
    }
    if (!result) return answer_refused(response, result.error(), back, context);
    redirect(response, back);
  }

  void route() {
    server_.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content("ok\n", "text/plain; charset=utf-8");
    });
    server_.Get("/metrics", [this](const httplib::Request& request, httplib::Response& response) {
      if (!may_read_metrics(request, response)) return;
      response.set_header("Cache-Control", "no-store");
      std::string text = metrics_.render(feeds_.renders());
      text +=
          "# HELP torikumi_webhook_deliveries Reminder deliveries in the outbox, by state.\n"
          "# TYPE torikumi_webhook_deliveries gauge\n";
      for (const auto& [state, count] : reminders_.delivery_counts())
        text += "torikumi_webhook_deliveries{state=\"" + std::string{store::to_string(state)} +
                "\"} " + std::to_string(count) + "\n";
      response.set_content(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
    });
    server_.Get(R"(/calendars/(.+))",
                [this](const httplib::Request& request, httplib::Response& response) {
                  serve_feed(request, response, request.matches[1]);
                });

    const auto read_json = [this](auto document) {
      return [this, document](const httplib::Request& request, httplib::Response& response) {
        if (!may_read(request, response)) return;
        const WriteResult result = document(request);
        if (!result) return answer_error(response, result.error());
        answer_json(response, *result);
      };
    };
    server_.Get("/api/plans", read_json([this](const httplib::Request&) -> WriteResult {
                  return plans_to_json(catalog_);
                }));
    server_.Get(R"(/api/plans/([^/]+))", read_json([this](const httplib::Request& request) {
                  return plan_document(catalog_, request.matches[1], request.params);
                }));
    server_.Get(R"(/api/plans/([^/]+)/occurrences)",
                read_json([this](const httplib::Request& request) {
                  const std::string plan_id = request.matches[1];
                  return occurrences_document(catalog_, plan_id, request.params, today_of(plan_id));
                }));
    server_.Get(R"(/api/plans/([^/]+)/progress)",
                read_json([this](const httplib::Request& request) {
                  const std::string plan_id = request.matches[1];
                  return progress_document(catalog_, plan_id, request.params, today_of(plan_id));
                }));
    server_.Get(R"(/api/plans/([^/]+)/kpis)", read_json([this](const httplib::Request& request) {
                  return kpi_document(catalog_, request.matches[1].str());
                }));
    server_.Get("/api/history", read_json([this](const httplib::Request& request) -> WriteResult {
                  std::optional<std::string> subject;
                  if (request.has_param("subject")) subject = request.get_param_value("subject");
                  const auto limit = limit_parameter(request.params, 100);
                  if (!limit) return limit.error();
                  return history_document(catalog_, subject, *limit);
                }));

    server_.Post(R"(/api/occurrences/(.+)/completion)",
                 api_write(201, [this](const httplib::Request& request,
                                       const nlohmann::json& fields, const store::Actor& actor) {
                   return complete_occurrence(catalog_, request.matches[1].str(), fields, actor);
                 }));
    server_.Delete(R"(/api/occurrences/(.+)/completion)",
                   api_write(200, [this](const httplib::Request& request, const nlohmann::json&,
                                         const store::Actor& actor) {
                     return undo_occurrence(catalog_, request.matches[1].str(), actor);
                   }));
    server_.Post(R"(/api/occurrences/(.+)/(skip|cancel))",
                 api_write(200, [this](const httplib::Request& request,
                                       const nlohmann::json& fields, const store::Actor& actor) {
                   const auto status = request.matches[2] == "cancel" ? OccurrenceStatus::cancelled
                                                                      : OccurrenceStatus::skipped;
                   return drop_occurrence(catalog_, request.matches[1].str(), status, fields,
                                          actor);
                 }));
    server_.Post(R"(/api/occurrences/(.+)/schedule)",
                 api_write(200, [this](const httplib::Request& request,
                                       const nlohmann::json& fields, const store::Actor& actor) {
                   return schedule_occurrence(catalog_, request.matches[1].str(), fields, actor);
                 }));
    server_.Post(R"(/api/plans/([^/]+)/tasks/([^/]+)/activity)",
                 api_write(201, [this](const httplib::Request& request,
                                       const nlohmann::json& fields, const store::Actor& actor) {
                   return log_activity(catalog_, request.matches[1].str(), request.matches[2].str(),
                                       fields, actor);
                 }));
    server_.Post(R"(/api/plans/([^/]+)/notes)",
                 api_write(201, [this](const httplib::Request& request,
                                       const nlohmann::json& fields, const store::Actor& actor) {
                   return write_note(catalog_, request.matches[1].str(), fields, actor);
                 }));
    server_.Put(R"(/api/plans/([^/]+)/kpis/([^/]+)/([^/]+))",
                api_write(200, [this](const httplib::Request& request, const nlohmann::json& fields,
                                      const store::Actor& actor) {
                  return set_kpi(catalog_, request.matches[1].str(), request.matches[2].str(),
                                 request.matches[3].str(), fields, actor);
                }));
    server_.Get(R"(/api/plans/([^/]+)/reminders)",
                read_json([this](const httplib::Request& request) {
                  return reminders_.reminders_document(request.matches[1].str(), clock_(),
                                                       personal_data_for(request));
                }));
    server_.Get("/api/deliveries", read_json([this](const httplib::Request& request) {
                  return reminders_.deliveries_document(request.params, personal_data_for(request));
                }));
    server_.Post(R"(/api/deliveries/(.+)/replay)",
                 api_write(200, [this](const httplib::Request& request, const nlohmann::json&,
                                       const store::Actor& actor) {
                   return reminders_.replay(request.matches[1].str(), actor.at);
                 }));
    server_.Post(
        "/api/subscriptions",
        api_write_by(
            201,
            [this](const httplib::Request&, const nlohmann::json& fields,
                   const Principal& writer) -> WriteResult {
              store::SubscriptionScope scope;
              for (auto [name, target] :
                   {std::pair{"plan", &scope.plan}, std::pair{"owner", &scope.owner},
                    std::pair{"organisation", &scope.organisation}}) {
                const auto found = fields.find(name);
                if (found == fields.end() || found->is_null()) continue;
                if (!found->is_string())
                  return HttpError{ErrorKind::bad_request,
                                   std::string{name} + ": expected a string, got " + found->dump()};
                *target = found->get<std::string>();
              }
              const auto label = fields.find("label");
              const std::string label_text =
                  label != fields.end() && label->is_string() ? label->get<std::string>() : "";
              const auto made = access_.subscribe_as(writer, scope, label_text, actor_of(writer));
              if (!made) return made.error();
              const std::string url = subscription_url(*made);
              return nlohmann::json{
                  {"id", made->subscription.id}, {"url", url}, {"webcal", webcal_url(url)}};
            }));

    // What no route above takes, under /api/: 404 (writes to unknown paths are 404 too, below).
    server_.Get(R"(/api/(.*))", [](const httplib::Request& request, httplib::Response& response) {
      answer_error(response, {ErrorKind::not_found, "no such resource: " + request.path});
    });

    server_.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      const auto context = page_for(request, response);
      if (!context) return;
      answer_page(response, render_overview_page(catalog_.plans(), *context));
    });
    server_.Get(R"(/plans/([^/]+))", [this](const httplib::Request& request,
                                            httplib::Response& response) {
      const auto context = page_for(request, response);
      if (!context) return;
      const auto snapshot = plan_for_page(request, *context, response);
      if (!snapshot) return;
      const auto reminders = reminders_.plan_reminders(snapshot->plan->id, context->now, 10, 20);
      answer_page(response,
                  render_plan_page(*snapshot, *context, reminders ? &*reminders : nullptr));
    });
    server_.Get(R"(/plans/([^/]+)/form)", [this](const httplib::Request& request,
                                                 httplib::Response& response) {
      const auto context = page_for(request, response);
      if (!context) return;
      const auto snapshot = plan_for_page(request, *context, response);
      if (!snapshot) return;
      ProgressFormOptions form;
      form.up_to_period = request.get_param_value("period");
      if (!form.up_to_period.empty() &&
          period_index(*snapshot->plan, form.up_to_period) == snapshot->plan->periods.size()) {
        response.status = 400;
        return answer_page(response, render_missing_page(
                                         "unknown period \"" + form.up_to_period + "\"", *context));
      }
      answer_page(response, render_progress_form_html(*snapshot->plan, snapshot->expansion,
                                                      snapshot->recorded, form.up_to_period));
    });
    server_.Post(
        R"(/plans/([^/]+)/actions/([a-z]+))",
        with_body([this](const httplib::Request& request, httplib::Response& response,
                         const std::string& body) { plan_action(request, response, body); }));

    server_.Get("/signin", [this](const httplib::Request& request, httplib::Response& response) {
      const PageContext context = page_context(request, response);
      const std::string csrf = store::make_secret(store::SecretKind::csrf);
      response.set_header("Set-Cookie",
                          std::string{kSignInCookie} + "=" + csrf +
                              "; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=900");
      response.set_header("Cache-Control", "no-store");
      answer_page(response, render_sign_in_page(csrf, safe_next(request.get_param_value("next")),
                                                "", context));
    });
    server_.Post(
        "/signin", with_body([this](const httplib::Request& request, httplib::Response& response,
                                    const std::string& body) {
          const PageContext context = page_context(request, response);
          const auto fields = parse_form(body);
          const std::string next = safe_next(form_field(fields, "next"));
          const auto expected = cookie_value(request.get_header_value("Cookie"), kSignInCookie);
          const auto again = [&](int status, const char* japanese, const char* english) {
            const std::string csrf = store::make_secret(store::SecretKind::csrf);
            response.status = status;
            response.set_header("Set-Cookie",
                                std::string{kSignInCookie} + "=" + csrf +
                                    "; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=900");
            response.set_header("Cache-Control", "no-store");
            answer_page(response,
                        render_sign_in_page(
                            csrf, next, page::words(context.language, japanese, english), context));
          };
          // Both halves of the pair, and not empty: an empty cookie with an empty field is no
          // secret at all.
          const std::string submitted = form_field(fields, "csrf");
          if (!expected || expected->empty() || submitted.empty() ||
              !store::equal_in_constant_time(*expected, submitted))
            return again(403, "フォームの有効期限が切れました。もう一度入力してください。",
                         "The form expired; please enter the token again.");
          auto session = access_.sign_in(form_field(fields, "token"));
          if (!session)
            return again(401, "トークンが正しくないか、失効しています。",
                         "That token is unknown or revoked.");
          write_log(nlohmann::ordered_json{
              {"level", "info"}, {"event", "sign in"}, {"remote", request.remote_addr}}
                        .dump());
          response.set_header(
              "Set-Cookie",
              std::string{kSessionCookie} + "=" + session->cookie_value + cookie_attributes() +
                  "; Max-Age=" + std::to_string((session->expires_at - clock_()).count()));
          redirect(response, next);
        }));
    server_.Post(
        "/signout", with_body([this](const httplib::Request& request, httplib::Response& response,
                                     const std::string& /*body*/) {
          // The session ends whenever its cookie comes, with the form's CSRF token or
          // not: the cookie is SameSite=Strict, so no other site's page can send it, and
          // a sign-out that only cleared the cookie would leave a copy of it working.
          const auto cookie = cookie_value(request.get_header_value("Cookie"), kSessionCookie);
          if (const auto session = cookie ? access_.session(*cookie) : std::nullopt) {
            if (auto done = access_.sign_out(*session); !done)
              return answer_error(response, {ErrorKind::internal, done.error().message});
          }
          response.set_header("Set-Cookie", std::string{kSessionCookie} + "=" +
                                                cookie_attributes() + "; Max-Age=0");
          redirect(response, "/signin");
        }));

    // Any other write: its body is still read against the limit, then 404 (no such resource).
    const auto no_write = with_body(
        [](const httplib::Request& request, httplib::Response& response, const std::string&) {
          answer_error(response, {ErrorKind::not_found,
                                  "no such resource: " + request.method + " " + request.path});
        });
    server_.Post(R"(/.*)", no_write);
    server_.Put(R"(/.*)", no_write);
    server_.Patch(R"(/.*)", no_write);
    server_.Delete(R"(/.*)", no_write);
  }

  StorePlanCatalog& catalog_;
  AccessControl& access_;
  ReminderBoard& reminders_;
  std::string bound_base_url_;
  int listening_socket_ = -1;
  const ServerOptions options_;
  FeedCache feeds_;
  Clock clock_;
  Metrics metrics_;
  LogWriter log_;
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
