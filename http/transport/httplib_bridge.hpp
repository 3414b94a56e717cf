#pragma once

// cpp-httplib under the event loops (connection_loop.hpp): its accepting thread hands each
// connection to a queue whose worker gives it to the loops, which lend it back to cpp-httplib
// for one request at a time.

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string>

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

}  // namespace torikumi::http
