#pragma once

// A real webhook receiver on a free loopback port, for the reminder tests and the benchmark: it
// checks each request's Standard Webhooks signature, records the webhook-ids it accepted, and
// answers what the test tells it to (200 by default).

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/delivery/webhook_signature.hpp"

namespace torikumi::http::testing {

struct ReceivedWebhook {
  std::string id;
  std::int64_t timestamp = 0;
  std::string body;
};

struct ReceiverAnswer {
  int status = 200;
  std::optional<std::string> retry_after;
  std::optional<std::string> location = std::nullopt;  // a redirect's
};

class WebhookReceiver {
 public:
  // `key`: the decoded secret the signatures are checked with.
  // port 0: any free one.
  explicit WebhookReceiver(std::string key, int port = 0) : key_(std::move(key)) {
    server_.Post("/hooks", [this](const httplib::Request& request, httplib::Response& response) {
      const std::string id = request.get_header_value("webhook-id");
      const std::string timestamp_text = request.get_header_value("webhook-timestamp");
      const std::int64_t timestamp = timestamp_text.empty() ? 0 : std::stoll(timestamp_text);
      if (!verify_webhook(key_, id, timestamp, request.body,
                          request.get_header_value("webhook-signature"))) {
        ++bad_signatures_;
        response.status = 401;
        return;
      }
      ReceiverAnswer answer;
      {
        std::lock_guard guard{mutex_};
        if (answer_) answer = answer_(id);
        ++attempts_[id];
        if (answer.status >= 200 && answer.status < 300) {
          ++accepted_[id];
          received_.push_back({id, timestamp, request.body});
        }
      }
      response.status = answer.status;
      if (answer.retry_after) response.set_header("Retry-After", *answer.retry_after);
      if (answer.location) response.set_header("Location", *answer.location);
      response.set_content("{}", "application/json");
    });
    server_.set_tcp_nodelay(true);
    if (port == 0)
      port_ = server_.bind_to_any_port("127.0.0.1");
    else
      port_ = server_.bind_to_port("127.0.0.1", port) ? port : -1;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (port_ > 0 && !server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
  ~WebhookReceiver() {
    server_.stop();
    thread_.join();
  }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks"; }

  // What to answer a webhook-id; default 200.
  void answer_with(std::function<ReceiverAnswer(const std::string& id)> answer) {
    std::lock_guard guard{mutex_};
    answer_ = std::move(answer);
  }

  std::vector<ReceivedWebhook> received() const {
    std::lock_guard guard{mutex_};
    return received_;
  }
  std::map<std::string, int> accepted() const {  // webhook-id → 2xx answers
    std::lock_guard guard{mutex_};
    return accepted_;
  }
  std::map<std::string, int> attempts() const {  // webhook-id → requests, any answer
    std::lock_guard guard{mutex_};
    return attempts_;
  }
  int bad_signatures() const { return bad_signatures_; }

 private:
  std::string key_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::function<ReceiverAnswer(const std::string&)> answer_;
  std::vector<ReceivedWebhook> received_;
  std::map<std::string, int> accepted_;
  std::map<std::string, int> attempts_;
  std::atomic<int> bad_signatures_{0};
};

}  // namespace torikumi::http::testing
