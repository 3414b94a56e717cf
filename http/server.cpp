#include "http/server.hpp"

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

#include "engine/period_progress.hpp"
#include "engine/progress_form.hpp"
#include "engine/progress_marks.hpp"
#include "http/api.hpp"
#include "http/conditional.hpp"
#include "http/dashboard.hpp"
#include "http/feed_cache.hpp"
#include "http/http_error.hpp"
#include "http/metrics.hpp"
#include "http/request_log.hpp"

namespace torikumi::http {

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kCalendar = "text/calendar; charset=utf-8";
// Pages carry no script; styles are inline.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// A fixed number of workers over a bounded queue of accepted connections. When the queue is full
// the accepting thread waits: the kernel's backlog holds the rest, and no memory grows without
// bound. shutdown() lets the queued connections be served, then joins.
class BoundedTaskQueue final : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(std::size_t workers, std::size_t capacity) : capacity_(capacity) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~BoundedTaskQueue() override = default;

  void enqueue(std::function<void()> task) override {
    std::unique_lock lock{mutex_};
    space_.wait(lock, [&] { return tasks_.size() < capacity_ || stopping_; });
    tasks_.push_back(std::move(task));
    lock.unlock();
    ready_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard lock{mutex_};
      stopping_ = true;
    }
    ready_.notify_all();
    space_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

 private:
  void work() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock lock{mutex_};
        ready_.wait(lock, [&] { return !tasks_.empty() || stopping_; });
        if (tasks_.empty()) return;  // stopping, and nothing left
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      space_.notify_one();
      task();
    }
  }

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
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
                                [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                  sink.write(body->data() + offset, length);
                                  return false;
                                });
}

void answer_json(httplib::Response& response, const nlohmann::json& document) {
  response.set_content(document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

}  // namespace

class Server::Impl {
 public:
  Impl(const PlanCatalog& catalog, ServerOptions options, calendars::FeedOptions feed_options, Clock clock,
       std::ostream& log)
      : catalog_(catalog),
        options_(std::move(options)),
        feeds_(catalog, std::move(feed_options)),
        clock_(std::move(clock)),
        log_(log) {
    configure();
    route();
  }

  Result<int> bind() {
    if (options_.port == 0) {
      const int port = server_.bind_to_any_port(options_.host);
      if (port <= 0) return Error{"cannot listen on " + options_.host + ": no free port"};
      return port;
    }
    if (!server_.bind_to_port(options_.host, options_.port))
      return Error{"cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                   " (in use, or not an address of this machine)"};
    return options_.port;
  }

  void run() { server_.listen_after_bind(); }
  void stop() { server_.stop(); }

 private:
  void configure() {
    const std::size_t workers = options_.worker_threads;
    const std::size_t capacity = options_.max_queued_connections;
    server_.new_task_queue = [workers, capacity] { return new BoundedTaskQueue(workers, capacity); };
    server_.set_tcp_nodelay(true);
    server_.set_read_timeout(options_.read_timeout);
    server_.set_write_timeout(options_.write_timeout);
    server_.set_keep_alive_timeout(options_.keep_alive_timeout.count());
    server_.set_keep_alive_max_count(options_.keep_alive_max_requests);
    server_.set_payload_max_length(options_.max_body_bytes);
    server_.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Server", "torikumi"}});

    server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      request_started = std::chrono::steady_clock::now();
      std::size_t header_bytes = 0;
      for (const auto& [name, value] : request.headers) header_bytes += name.size() + value.size() + 4;
      if (header_bytes > options_.max_header_bytes) {
        answer_error_and_close(response, {ErrorKind::headers_too_large,
                                          "request headers of " + std::to_string(header_bytes) +
                                              " bytes, over the limit of " + std::to_string(options_.max_header_bytes)});
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
    server_.set_error_handler(httplib::Server::HandlerWithResponse{[](const httplib::Request& request,
                                                                          httplib::Response& response) {
      if (!response.body.empty() || response.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
      const std::string message = response.status == 404   ? "no such resource: " + request.path
                                  : response.status == 413 ? std::string{"request body too large"}
                                  : response.status == 400 ? std::string{"bad request"}
                                                           : "error " + std::to_string(response.status);
      response.set_content(error_body(message), kJson);
      return httplib::Server::HandlerResponse::Handled;
    }});

    server_.set_exception_handler([this](const httplib::Request& request, httplib::Response& response,
                                         std::exception_ptr exception) {
      std::string what = "unknown exception";
      try {
        if (exception) std::rethrow_exception(exception);
      } catch (const std::exception& caught) {
        what = caught.what();
      } catch (...) {
      }
      write_log(nlohmann::ordered_json{{"level", "error"}, {"path", request.path}, {"exception", what}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace));
      answer_error(response, {ErrorKind::internal, "internal error"});
    });

    server_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      const auto finished = std::chrono::steady_clock::now();
      const auto latency = request_started == std::chrono::steady_clock::time_point{}
                               ? std::chrono::nanoseconds{0}
                               : std::chrono::duration_cast<std::chrono::nanoseconds>(finished - request_started);
      request_started = {};
      const std::string route = route_of(request.path);
      metrics_.record_request(route, request.method, response.status, latency);
      RequestLogEntry entry;
      entry.time = date::floor<std::chrono::milliseconds>(std::chrono::system_clock::time_point{} +
                                                          clock_().time_since_epoch());
      entry.method = request.method;
      entry.path = request.path;
      entry.route = route;
      entry.status = response.status;
      entry.bytes = response.body.empty() ? response.content_length_ : response.body.size();
      entry.latency = std::chrono::duration_cast<std::chrono::microseconds>(latency);
      entry.remote = request.remote_addr + ":" + std::to_string(request.remote_port);
      write_log(format_log_line(entry));
    });
  }

  HttpError too_large() const {
    return {ErrorKind::payload_too_large,
            "request body over the limit of " + std::to_string(options_.max_body_bytes) + " bytes"};
  }

  // One write per line: standard error is unit-buffered, so this is one system call.
  void write_log(std::string line) {
    line += '\n';
    std::lock_guard lock{log_mutex_};
    log_.write(line.data(), static_cast<std::streamsize>(line.size()));
    log_.flush();
  }

  PageContext page_context(const httplib::Request& request, httplib::Response& response) const {
    const std::string lang = request.get_param_value("lang");
    if (lang == "en" || lang == "ja")
      response.set_header("Set-Cookie", "lang=" + lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
    PageContext context;
    context.language = choose_language(lang, request.get_header_value("Cookie"));
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

  void serve_feed(const httplib::Request& request, httplib::Response& response, const std::string& path) {
    const auto feed_request = parse_feed_path(path);
    if (!feed_request) return answer_error(response, feed_request.error());
    const auto feed = feeds_.get(*feed_request);
    if (!feed) return answer_error(response, feed.error());
    const bool gzip = accepts_gzip(request.get_header_value("Accept-Encoding"));
    const std::string& etag = gzip ? (*feed)->gzip_etag : (*feed)->etag;
    response.set_header("ETag", etag);
    response.set_header("Last-Modified", (*feed)->last_modified);
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Vary", "Accept-Encoding");
    if (request.has_header("If-None-Match") && if_none_match_matches(request.get_header_value("If-None-Match"), etag)) {
      response.status = 304;
      return;
    }
    if (gzip) response.set_header("Content-Encoding", "gzip");
    // Served from the cached bytes through a provider: no copy per request, and cpp-httplib does
    // not compress a provider's content again.
    std::shared_ptr<const RenderedFeed> bytes = *feed;
    const std::string& body = gzip ? bytes->gzip_body : bytes->body;
    response.set_content_provider(body.size(), kCalendar,
                                  [bytes, &body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                    return sink.write(body.data() + offset, length);
                                  });
  }

  void route() {
    server_.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content("ok\n", "text/plain; charset=utf-8");
    });
    server_.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(metrics_.render(feeds_.renders()), "text/plain; version=0.0.4; charset=utf-8");
    });
    server_.Get(R"(/calendars/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
      serve_feed(request, response, request.matches[1]);
    });

    server_.Get("/api/plans", [this](const httplib::Request&, httplib::Response& response) {
      answer_json(response, plans_to_json(catalog_));
    });
    server_.Get(R"(/api/plans/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
      const auto document = plan_document(catalog_, request.matches[1], request.params);
      if (!document) return answer_error(response, document.error());
      answer_json(response, *document);
    });
    server_.Get(R"(/api/plans/([^/]+)/occurrences)",
                [this](const httplib::Request& request, httplib::Response& response) {
                  const std::string plan_id = request.matches[1];
                  const auto document = occurrences_document(catalog_, plan_id, request.params, today_of(plan_id));
                  if (!document) return answer_error(response, document.error());
                  answer_json(response, *document);
                });
    server_.Get(R"(/api/plans/([^/]+)/progress)", [this](const httplib::Request& request, httplib::Response& response) {
      const std::string plan_id = request.matches[1];
      const auto document = progress_document(catalog_, plan_id, request.params, today_of(plan_id));
      if (!document) return answer_error(response, document.error());
      answer_json(response, *document);
    });
    server_.Get(R"(/api/(.*))", [](const httplib::Request& request, httplib::Response& response) {
      answer_error(response, {ErrorKind::not_found, "no such resource: " + request.path});
    });

    server_.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      const PageContext context = page_context(request, response);
      answer_page(response, render_overview_page(catalog_.plans(), context));
    });
    server_.Get(R"(/plans/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
      const PageContext context = page_context(request, response);
      const auto snapshot = plan_for_page(request, context, response);
      if (!snapshot) return;
      answer_page(response, render_plan_page(*snapshot, context));
    });
    server_.Get(R"(/plans/([^/]+)/form)", [this](const httplib::Request& request, httplib::Response& response) {
      const PageContext context = page_context(request, response);
      const auto snapshot = plan_for_page(request, context, response);
      if (!snapshot) return;
      ProgressFormOptions form;
      form.format = FormFormat::html;
      form.up_to_period = request.get_param_value("period");
      if (!form.up_to_period.empty() && period_index(*snapshot->plan, form.up_to_period) == snapshot->plan->periods.size()) {
        response.status = 400;
        return answer_page(response, render_missing_page("unknown period \"" + form.up_to_period + "\"", context));
      }
      answer_page(response, render_progress_form(*snapshot->plan, snapshot->expansion, snapshot->recorded, form));
    });

    // Writes come with the store. Until then a body is read (counted against the limit, which
    // cpp-httplib 0.11.4 does not enforce on chunked bodies) and refused.
    const auto refuse_write = [this](const httplib::Request& request, httplib::Response& response,
                                     const httplib::ContentReader& reader) {
      std::size_t received = 0;
      bool too_large = false;
      reader([&](const char*, std::size_t length) {
        received += length;
        too_large = received > options_.max_body_bytes;
        return !too_large;
      });
      if (too_large) {
        // The rest of the body was not read: this connection cannot carry another request.
        answer_error_and_close(response, this->too_large());
        return;
      }
      response.set_header("Allow", "GET, HEAD");
      answer_error(response, {ErrorKind::method_not_allowed, request.method + " " + request.path + ": read-only"});
    };
    server_.Post(R"(/.*)", refuse_write);
    server_.Put(R"(/.*)", refuse_write);
    server_.Patch(R"(/.*)", refuse_write);
    server_.Delete(R"(/.*)", refuse_write);
  }

  const PlanCatalog& catalog_;
  const ServerOptions options_;
  FeedCache feeds_;
  Clock clock_;
  Metrics metrics_;
  std::ostream& log_;
  std::mutex log_mutex_;
  httplib::Server server_;
};

Server::Server(const PlanCatalog& catalog, ServerOptions options, calendars::FeedOptions feed_options, Clock clock,
               std::ostream& log)
    : impl_(std::make_unique<Impl>(catalog, std::move(options), std::move(feed_options), std::move(clock), log)) {}

Server::~Server() = default;

Result<int> Server::bind() { return impl_->bind(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace torikumi::http
