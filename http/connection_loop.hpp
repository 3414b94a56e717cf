#pragma once

// The server's connections, between their requests: held by a few epoll event loops instead of a
// thread each. A loop reads what a connection sends. A request that can be answered from memory
// at once (a subscribed calendar feed: the server's hot path) is answered on the loop, with one
// writev of head and body. Any other request, and anything the loop does not fully understand,
// goes to a worker, which hands the connection to the full HTTP server (cpp-httplib) for that one
// request, then gives it back to the loop. The loop knows no routes; the server decides what is
// quick.
//
// Keep-alive as cpp-httplib does it: a connection is closed after `keep_alive_timeout` idle, after
// `keep_alive_max_requests` requests, on `Connection: close`, and for HTTP/1.0 without
// `Connection: Keep-Alive`. A request head not complete within `read_timeout`, or a response not
// taken within `write_timeout`, closes the connection.

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

#include "http/worker_pool.hpp"

namespace torikumi::http {

enum class SocketEnd { local, peer };
// The address (text) and port of one end of a connected socket; left as they are when the socket
// has none.
void socket_address(int socket, SocketEnd end, std::string& address, int& port);

// A request's head as a loop read it: the request line and the header fields, unparsed beyond
// that. Views into the connection's buffer, valid during the call they are passed to.
class RequestHead {
 public:
  // Reads the head in `bytes` (up to and including the blank line). Nothing for a head the loop
  // leaves to the full server: a malformed request line or field, obsolete line folding, a
  // version other than HTTP/1.0 and HTTP/1.1.
  static std::optional<RequestHead> read(std::string_view bytes);

  std::string_view method() const { return method_; }
  std::string_view target() const { return target_; }  // as sent: path and query, encoded
  bool http10() const { return http10_; }
  // The first field of that name (case-insensitive), its value without surrounding blanks.
  std::optional<std::string_view> field(std::string_view name) const;
  // Whether the request says a body follows (Content-Length other than 0, Transfer-Encoding).
  bool has_body() const;
  // Whether the connection stays open after the answer, as the client asked.
  bool keeps_alive() const;

 private:
  std::string_view method_;
  std::string_view target_;
  bool http10_ = false;
  std::vector<std::pair<std::string_view, std::string_view>> fields_;
};

// An answer made from memory: the status line and header fields (each ending in CRLF, without
// Connection and the blank line, which the loop adds) and the body, which `keep` holds alive.
struct QuickAnswer {
  std::string head;
  std::string_view body;
  std::shared_ptr<const void> keep;
};

// The connection while a worker has it: reads go to the loop's buffer first, then to the
// socket, within the read timeout; writes wait for the socket within the write timeout.
class HandedConnection {
 public:
  virtual ~HandedConnection() = default;
  virtual ssize_t read(char* data, std::size_t size) = 0;         // 0: closed; -1: error or timeout
  virtual ssize_t write(const char* data, std::size_t size) = 0;  // -1: error or timeout
  virtual bool readable() const = 0;  // bytes buffered, or arriving within the read timeout
  virtual bool writable() const = 0;  // the socket takes bytes within the write timeout
  virtual int socket() const = 0;
  virtual const std::string& peer_address() const = 0;
  virtual int peer_port() const = 0;
};

struct ConnectionLoopOptions {
  std::size_t loops = 2;                   // event-loop threads
  std::size_t workers = 64;                // requests of the full server served at once
  std::size_t max_queued_requests = 1024;  // handed over, waiting for a worker
  std::size_t max_head_bytes = 16 * 1024;  // a head larger than this goes to the full server
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::size_t keep_alive_max_requests = 1000;
  // Connections open at once; at the limit adopt() waits for one to close (the accepting thread
  // stops, and the kernel's backlog holds the rest).
  std::size_t max_connections = 10000;
};

class ConnectionLoops {
 public:
  // The quick answer to a request, or nothing to hand it to `full`. Called on a loop thread,
  // concurrently from several loops; must not block.
  using Quick = std::function<std::optional<QuickAnswer>(
      const RequestHead&, const std::string& peer_address, int peer_port)>;
  // Serves one request from the connection with the full server; returns false when the
  // connection must be closed (a write failed, or the answer closes it), and sets `closed` when
  // the request or answer asked to close. `last` is true for the connection's last request.
  using Full = std::function<bool(HandedConnection&, bool last, bool& closed)>;

  ConnectionLoops(ConnectionLoopOptions options, Quick quick, Full full);
  ~ConnectionLoops();  // stop() if not done
  ConnectionLoops(const ConnectionLoops&) = delete;
  ConnectionLoops& operator=(const ConnectionLoops&) = delete;

  // Takes an accepted socket (blocking or not) and serves it until it closes; waits first while
  // max_connections are open. After stop() began, closes it. Thread-safe.
  void adopt(int socket);

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
  Quick quick_;
  Full full_;
  WorkerPool workers_;
  std::mutex open_mutex_;
  std::condition_variable below_limit_;
  std::size_t open_ = 0;  // connections adopted and not yet closed
  std::atomic<bool> stopped_{false};
  std::vector<std::unique_ptr<Loop>> loops_;  // after what they use: destroyed first
  std::atomic<std::size_t> next_loop_{0};
};

}  // namespace torikumi::http
