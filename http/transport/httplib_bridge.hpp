#pragma once

// cpp-httplib under the event loops (connection_loop.hpp): its accepting thread hands each
// connection to a queue whose worker gives it to the loops, which lend it back to cpp-httplib
// for one request at a time.

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/transport/connection_loop.hpp"
#include "http/transport/worker_pool.hpp"

namespace torikumi::http {

// cpp-httplib's accepting thread hands each connection to this queue, whose workers give it to
// the event loops. When the queue is full the accepting thread waits: the kernel's backlog holds
// the rest.
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

class LentStream;

// The request LoopedServer::serve_one is serving on this thread, as the event loop read it;
// empty while none is.
inline thread_local std::string_view lent_request{};

// The body of the request being served on this thread, as it was sent: the last `length` bytes
// of the lent request (the loop writes the body last, behind a Content-Length of its size);
// nullopt when no request is lent to this thread or it is shorter. cpp-httplib 0.11.4 parses a
// multipart/form-data body itself whichever reader a handler asks for, and never hands it over
// as sent: a handler that reads such a body itself (the email gateway's) takes it from here.
inline std::optional<std::string_view> lent_request_body(std::size_t length) {
  if (lent_request.empty() || length > lent_request.size()) return std::nullopt;
  return lent_request.substr(lent_request.size() - length);
}

// cpp-httplib's server with the connections it accepts given to the event loops, which lend them
// back for one request at a time (process_request is cpp-httplib's own, for one request).
class LoopedServer final : public httplib::Server {
 public:
  std::function<void(socket_t)> adopt;

  bool serve_one(LentStream& stream, bool last, bool& closed);

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
  std::string_view request() const { return connection_.request(); }

 private:
  HandedConnection& connection_;
};

inline bool LoopedServer::serve_one(LentStream& stream, bool last, bool& closed) {
  struct Lending {
    explicit Lending(std::string_view request) { lent_request = request; }
    ~Lending() { lent_request = {}; }
  } lending{stream.request()};
  return process_request(stream, last, closed, nullptr);
}

}  // namespace torikumi::http
