#pragma once

// The server's connections, between their requests: held by a few epoll event loops instead of a
// thread each. A loop reads each request whole, head and body, and checks its framing strictly
// (http/transport/request_head.hpp) before anyone else sees it. A request that can be answered from
// memory at once (a subscribed calendar feed: the server's hot path) is answered on the loop, with
// one writev of head and body. Any other request goes to a worker, which hands it, written out
// again in one plain form, to the full HTTP server (cpp-httplib) and collects its answer; the loop
// then sends that answer. So a worker never waits for a client, however slowly it sends or reads.
//
// Before reading a body the loop asks the server how much this caller may send (admit): an
// anonymous caller gets little, a signed-in one the whole limit. What the loop refuses itself
// (bad framing, a head or body over its limit, a request not complete in time) it answers with
// a JSON error and closes the connection.
//
// Keep-alive as cpp-httplib does it: a connection is closed after `keep_alive_timeout` idle, after
// `keep_alive_max_requests` requests, on `Connection: close`, and for HTTP/1.0 without
// `Connection: Keep-Alive`. A request head not complete within `read_timeout` of its first byte,
// a whole request (head and body) not within `request_timeout`, or an answer not taken within
// `write_timeout`, closes the connection (with 408 for the first two).

#include <sys/types.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/transport/request_head.hpp"
#include "http/transport/worker_pool.hpp"

namespace torikumi::http {

enum class SocketEnd { local, peer };
// The address (text) and port of one end of a connected socket; left as they are when the socket
// has none.
void socket_address(int socket, SocketEnd end, std::string& address, int& port);

// An answer made from memory: the status line and header fields (each ending in CRLF, without
// Connection and the blank line, which the loop adds) and the body, which `keep` holds alive.
struct QuickAnswer {
  std::string head;
  std::string_view body;
  std::shared_ptr<const void> keep;
};

// The request while a worker has it: reads give the request as normalized() wrote it, head and
// body, then the end (0); writes are collected, and the loop sends them once the worker is done.
class HandedConnection {
 public:
  virtual ~HandedConnection() = default;
  virtual ssize_t read(char* data, std::size_t size) = 0;         // 0: the request's end
  virtual ssize_t write(const char* data, std::size_t size) = 0;  // always takes all of it
  virtual bool readable() const = 0;                              // bytes of the request left
  virtual bool writable() const = 0;                              // always
  virtual int socket() const = 0;
  // The whole request, as normalized() wrote it (head, then a body of its Content-Length), read
  // or not: for a handler that takes a body as sent (httplib_bridge.hpp, lent_request_body).
  virtual std::string_view request() const = 0;
  virtual const std::string& peer_address() const = 0;
  virtual int peer_port() const = 0;
};

// How much body a caller may send, and what a longer one is answered with; and what the caller
// holds while its body is read and its request served (a lease on a BodyBudget), let go once the
// answer is back from the worker, or when the request is refused or the connection closes.
struct BodyPermit {
  std::size_t max_bytes = 0;
  Refusal over;
  std::shared_ptr<const void> lease = nullptr;
};

struct ConnectionLoopOptions {
  std::size_t loops = 2;                         // event-loop threads
  std::size_t workers = 64;                      // requests of the full server served at once
  std::size_t max_queued_requests = 1024;        // handed over, waiting for a worker
  std::size_t max_head_bytes = 16 * 1024;        // a larger head: 431
  std::size_t max_body_bytes = 1024 * 1024;      // without an admit function: a larger body is 413
  std::chrono::milliseconds read_timeout{5000};  // a head, from its first byte
  std::chrono::milliseconds request_timeout{15000};  // head and body, from the first byte
  std::chrono::milliseconds write_timeout{5000};
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::size_t keep_alive_max_requests = 1000;
  // Connections open at once; at the limit adopt() waits for one to close (the accepting thread
  // stops, and the kernel's backlog holds the rest).
  std::size_t max_connections = 10000;
  // Header lines added to every answer the loop makes itself (each ending in CRLF).
  std::string answer_fields;
};

class ConnectionLoops {
 public:
  // The quick answer to a request without a body, or nothing to hand it to `full`. Called on a
  // loop thread, concurrently from several loops; must not block.
  using Quick = std::function<std::optional<QuickAnswer>(
      const RequestHead&, const std::string& peer_address, int peer_port)>;
  // Serves one request with the full server; returns false when the connection must be closed
  // after the answer, and sets `closed` when the request or answer asked to close. `last` is true
  // for the connection's last request.
  using Full = std::function<bool(HandedConnection&, bool last, bool& closed)>;
  // How much body the caller of this request may send. On a loop thread; must not block.
  using Admit = std::function<BodyPermit(const RequestHead&)>;
  // Told of each request the loop answered itself (method and target empty when the request line
  // did not parse), for the log and the metrics. On a loop thread; must not block.
  using Refused = std::function<void(std::string_view method, std::string_view target, int status,
                                     const std::string& peer_address, int peer_port)>;

  struct Handlers {
    Quick quick;
    Full full;
    Admit admit;      // empty: everyone may send max_body_bytes
    Refused refused;  // may be empty
  };

  ConnectionLoops(ConnectionLoopOptions options, Handlers handlers);
  ConnectionLoops(ConnectionLoopOptions options, Quick quick, Full full)
      : ConnectionLoops(std::move(options), Handlers{std::move(quick), std::move(full), {}, {}}) {}
  ~ConnectionLoops();  // stop() if not done
  ConnectionLoops(const ConnectionLoops&) = delete;
  ConnectionLoops& operator=(const ConnectionLoops&) = delete;

  // Takes an accepted socket (blocking or not) and serves it until it closes; waits first while
  // max_connections are open. After stop() began, closes it. Thread-safe.
  void adopt(int socket);

  // From now on adopt() closes what it is given at once, even while it waits at the connection
  // limit (so that an accepting thread stuck there can finish). Safe from any thread.
  void refuse_new();

  // Stops reading new requests: answers the ones already read (the last answer on each
  // connection says Connection: close), waits for the workers' requests and for every answer to
  // be written (each within the write timeout), closes every connection and joins. Idempotent;
  // not from a loop or worker thread.
  void stop();

 private:
  class Loop;
  struct Connection;
  void closed_one();  // a connection (or a socket adopted after stop) was closed

  ConnectionLoopOptions options_;
  Handlers handlers_;
  WorkerPool workers_;
  std::mutex open_mutex_;
  std::condition_variable below_limit_;
  std::size_t open_ = 0;   // connections adopted and not yet closed
  bool refusing_ = false;  // adopt() closes sockets (under open_mutex_)
  std::atomic<bool> stopped_{false};
  std::vector<std::unique_ptr<Loop>> loops_;  // after what they use: destroyed first
  std::atomic<std::size_t> next_loop_{0};
};

}  // namespace torikumi::http
