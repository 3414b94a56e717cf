#include "http/transport/connection_loop.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace torikumi::http {

namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::size_t kReadChunk = 16 * 1024;
// A connection's input buffer larger than this is given back once its request has been taken out
// of it, so that a large body (the email gateway's, up to 15 MiB) is not held for the connection's
// life.
constexpr std::size_t kLargestKeptInput = 1024 * 1024;
constexpr std::chrono::milliseconds kSweepInterval{250};

void set_nonblocking(int socket) {
  const int flags = ::fcntl(socket, F_GETFL, 0);
  if (flags >= 0) ::fcntl(socket, F_SETFL, flags | O_NONBLOCK);
}

}  // namespace

void socket_address(int socket, SocketEnd end, std::string& address, int& port) {
  sockaddr_storage name{};
  socklen_t length = sizeof name;
  auto* raw = reinterpret_cast<sockaddr*>(&name);
  if ((end == SocketEnd::peer ? ::getpeername(socket, raw, &length)
                              : ::getsockname(socket, raw, &length)) != 0)
    return;
  char text[INET6_ADDRSTRLEN] = {};
  if (name.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&name);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
  } else if (name.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&name);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
  }
  address = text;
}

// --- Connections --------------------------------------------------------------------------------

namespace {

// Where a connection is between its requests.
enum class Phase {
  idle,         // waiting for a request's first byte
  head,         // part of a head arrived
  body,         // the head was read; its body is arriving
  with_worker,  // out of the loop: a worker serves the request
  draining,     // refused: the answer went out; what the client still sends is read and dropped
};

// How long, and how much, a refused connection is drained before it is closed: closing a socket
// with unread bytes makes the kernel send a reset, which can destroy the answer before the client
// reads it (RFC 9112 §9.6).
constexpr std::chrono::milliseconds kDrainTime{1000};
constexpr std::size_t kMaxDrainBytes = 1024 * 1024;

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Error";
  }
}

// {"error": message}: the messages are the loop's own ASCII, but escape anyway.
std::string json_error(std::string_view message) {
  std::string body = "{\"error\":\"";
  for (const char c : message) {
    if (c == '"' || c == '\\') {
      body += '\\';
      body += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      body += ' ';
    } else {
      body += c;
    }
  }
  return body + "\"}";
}

}  // namespace

struct ConnectionLoops::Connection {
  int socket = -1;
  std::string peer_address;
  int peer_port = 0;
  std::string input;  // bytes read; those before `consumed` belonged to answered requests
  std::size_t consumed = 0;
  std::size_t requests = 0;  // answered on this connection
  Phase phase = Phase::idle;
  bool writing = false;  // an answer waits for the socket (EPOLLOUT)
  bool close_after_write = false;
  bool drain_after_write = false;  // a refusal: drain instead of closing at once
  bool close_requested = false;    // the request being served asked to close after its answer
  std::size_t drained = 0;
  std::string out_head;
  std::string_view out_body;
  std::shared_ptr<const void> out_keep;
  std::size_t out_sent = 0;
  SteadyTime deadline{};          // of the phase: idle, head, body, or writing
  SteadyTime request_deadline{};  // the whole request, from its first byte

  // The request whose body is arriving: its head (taken out of `input`, so that a chunked body's
  // framing is let go as it is read), how its body is framed, and how much may come.
  std::string head;
  BodyFraming framing = BodyFraming::none;
  std::uint64_t content_length = 0;
  BodyPermit permit;
  ChunkedBody chunked;
  std::size_t chunked_taken = 0;  // bytes of the chunked body read, framing included

  // While a worker has it: the request as the full server reads it, and its answer.
  std::string handed_request;
  std::size_t handed_read = 0;
  std::string handed_answer;

  std::size_t unread() const { return input.size() - consumed; }
  std::string_view pending() const { return std::string_view{input}.substr(consumed); }
  void compact() {
    if (consumed == input.size()) {
      input.clear();
      consumed = 0;
    } else if (consumed > kReadChunk) {
      input.erase(0, consumed);
      consumed = 0;
    }
  }
};

namespace {

// A request lent to a worker: it reads the request the loop read, and writes into the answer the
// loop will send. Nothing here touches the socket, so no client can hold a worker.
class LentConnection final : public HandedConnection {
 public:
  LentConnection(const std::string& request, std::size_t& read, std::string& answer, int socket,
                 const std::string& address, int port)
      : request_(request),
        read_(read),
        answer_(answer),
        socket_(socket),
        address_(address),
        port_(port) {}

  ssize_t read(char* data, std::size_t size) override {
    const std::size_t count = std::min(size, request_.size() - read_);
    std::memcpy(data, request_.data() + read_, count);
    read_ += count;
    return static_cast<ssize_t>(count);
  }
  ssize_t write(const char* data, std::size_t size) override {
    answer_.append(data, size);
    return static_cast<ssize_t>(size);
  }
  bool readable() const override { return read_ < request_.size(); }
  bool writable() const override { return true; }
  int socket() const override { return socket_; }
  std::string_view request() const override { return request_; }
  const std::string& peer_address() const override { return address_; }
  int peer_port() const override { return port_; }

 private:
  const std::string& request_;
  std::size_t& read_;
  std::string& answer_;
  const int socket_;
  const std::string& address_;
  const int port_;
};

}  // namespace

// --- One event loop -----------------------------------------------------------------------------

class ConnectionLoops::Loop {
 public:
  explicit Loop(ConnectionLoops& owner) : owner_(owner), options_(owner.options_) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wake_ < 0)
      throw std::runtime_error{std::string{"cannot make an event loop: "} + std::strerror(errno)};
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr;  // the wake-up
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
    thread_ = std::thread{[this] { run(); }};
  }

  ~Loop() {
    stop();
    if (thread_.joinable()) thread_.join();
    for (const int socket : adopted_) {
      ::close(socket);
      owner_.closed_one();
    }
    ::close(wake_);
    ::close(epoll_);
  }

  void adopt(int socket) {
    {
      std::lock_guard lock{inbox_mutex_};
      adopted_.push_back(socket);
    }
    wake();
  }

  // From a worker: the connection is the loop's again, its answer to be sent (and the connection
  // closed after it when `close`).
  void give_back(Connection* connection, bool close) {
    {
      std::lock_guard lock{inbox_mutex_};
      returned_.emplace_back(connection, close);
    }
    wake();
  }

  void stop() {
    stopping_ = true;
    wake();
  }

  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  void wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wake_, &one, sizeof one);
  }

  void run() {
    epoll_event events[256];
    SteadyTime next_sweep = std::chrono::steady_clock::now() + kSweepInterval;
    while (true) {
      const int ready = ::epoll_wait(epoll_, events, 256, stopping_ ? 20 : 250);
      for (int i = 0; i < ready; ++i) {
        if (events[i].data.ptr == nullptr) {
          std::uint64_t count = 0;
          [[maybe_unused]] const auto got = ::read(wake_, &count, sizeof count);
          take_inbox();
          continue;
        }
        on_event(*static_cast<Connection*>(events[i].data.ptr), events[i].events);
      }
      const SteadyTime now = std::chrono::steady_clock::now();
      if (now >= next_sweep || stopping_) {
        sweep(now);
        next_sweep = now + kSweepInterval;
      }
      if (stopping_ && connections_.empty()) {
        std::lock_guard lock{inbox_mutex_};
        if (adopted_.empty() && returned_.empty()) return;
      }
    }
  }

  void take_inbox() {
    std::vector<int> adopted;
    std::vector<std::pair<Connection*, bool>> returned;
    {
      std::lock_guard lock{inbox_mutex_};
      adopted.swap(adopted_);
      returned.swap(returned_);
    }
    const SteadyTime now = std::chrono::steady_clock::now();
    for (const int socket : adopted) {
      if (stopping_) {
        ::close(socket);
        owner_.closed_one();
        continue;
      }
      auto connection = std::make_unique<Connection>();
      connection->socket = socket;
      set_nonblocking(socket);
      int yes = 1;
      ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      socket_address(socket, SocketEnd::peer, connection->peer_address, connection->peer_port);
      connection->deadline = now + options_.keep_alive_timeout;
      Connection* raw = connection.get();
      connections_.emplace(raw, std::move(connection));
      if (!watch(*raw, EPOLL_CTL_ADD, EPOLLIN)) close(*raw);
    }
    for (const auto& [connection, close_it] : returned) {
      connection->phase = Phase::idle;
      connection->handed_request = std::string{};  // its memory too: it may be 15 MiB
      connection->handed_read = 0;
      connection->permit = {};  // the request is served: its lease goes
      if (!watch(*connection, EPOLL_CTL_ADD, EPOLLIN)) {
        close(*connection);
        continue;
      }
      const bool close_after = close_it ||
                               connection->requests >= options_.keep_alive_max_requests ||
                               (stopping_ && connection->unread() == 0);
      auto answer = std::make_shared<const std::string>(std::move(connection->handed_answer));
      connection->handed_answer.clear();
      connection->deadline = now + options_.keep_alive_timeout;
      if (!start_writing(*connection, {}, *answer, answer, close_after)) continue;
      serve(*connection);
    }
  }

  bool watch(Connection& connection, int operation, std::uint32_t events) {
    epoll_event event{};
    // Level-triggered; the peer's half-close only matters while reading (while writing it would
    // fire on every wait).
    event.events = events == EPOLLIN ? events | EPOLLRDHUP : events;
    event.data.ptr = &connection;
    return ::epoll_ctl(epoll_, operation, connection.socket, &event) == 0;
  }

  void on_event(Connection& connection, std::uint32_t events) {
    if (connection.writing) {
      if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
        if (flush(connection)) serve(connection);
      }
      return;
    }
    if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP))) return;
    if (connection.phase == Phase::draining) return drain(connection);
    read_from(connection);
  }

  void drain(Connection& connection) {
    char chunk[kReadChunk];
    while (true) {
      const ssize_t got = ::recv(connection.socket, chunk, sizeof chunk, 0);
      if (got > 0) {
        connection.drained += static_cast<std::size_t>(got);
        if (connection.drained > kMaxDrainBytes) return close(connection);
        continue;
      }
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      return close(connection);  // the client's end, or an error
    }
  }

  void read_from(Connection& connection) {
    connection.compact();
    char chunk[kReadChunk];
    while (true) {
      const ssize_t got = ::recv(connection.socket, chunk, sizeof chunk, 0);
      if (got > 0) {
        connection.input.append(chunk, static_cast<std::size_t>(got));
        break;
      }
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      close(connection);  // the peer closed, or the socket failed
      return;
    }
    serve(connection);
  }

  // Goes on with the requests buffered on the connection: answers each quick one, reads a body as
  // far as it has arrived, and hands the first complete other request to a worker.
  void serve(Connection& connection) {
    while (!connection.writing) {
      if (connection.phase == Phase::body) return read_body(connection);
      if (connection.phase == Phase::draining) return;
      const std::string_view pending = connection.pending();
      const SteadyTime now = std::chrono::steady_clock::now();
      if (pending.empty()) {
        connection.phase = Phase::idle;
        connection.deadline = now + options_.keep_alive_timeout;
        if (stopping_) close(connection);
        return;
      }
      if (connection.phase == Phase::idle) {
        connection.phase = Phase::head;
        connection.request_deadline = now + options_.request_timeout;
        connection.deadline = std::min(now + options_.read_timeout, connection.request_deadline);
      }
      const auto length = head_length(pending);
      if ((!length && pending.size() > options_.max_head_bytes) ||
          (length && *length > options_.max_head_bytes))
        return refuse(
            connection,
            {431, "a request head over " + std::to_string(options_.max_head_bytes) + " bytes", ""});
      if (!length) return;  // the rest of the head has not arrived
      const auto head = RequestHead::parse(pending.substr(0, *length));
      if (!head) return refuse(connection, head.error());
      if (!head->has_body()) {
        if (!answer_bodiless(connection, *head, *length)) return;
        continue;
      }
      connection.phase = Phase::body;
      connection.deadline = connection.request_deadline;
      connection.head.assign(pending.substr(0, *length));
      connection.consumed += *length;
      connection.framing = head->framing();
      connection.content_length = head->content_length();
      connection.permit = owner_.handlers_.admit
                              ? owner_.handlers_.admit(*head)
                              : BodyPermit{options_.max_body_bytes, default_over()};
      connection.chunked = ChunkedBody{};
      connection.chunked_taken = 0;
      if (connection.framing == BodyFraming::content_length &&
          connection.content_length > connection.permit.max_bytes)
        return refuse(connection, connection.permit.over);
      if (head->expects_continue() && !send_continue(connection)) return;
    }
  }

  Refusal default_over() const {
    return {413,
            "request body over the limit of " + std::to_string(options_.max_body_bytes) + " bytes",
            ""};
  }

  // A request without a body: answered quickly, or handed to a worker. True to go on serving.
  bool answer_bodiless(Connection& connection, const RequestHead& head, std::size_t length) {
    auto answer = owner_.handlers_.quick(head, connection.peer_address, connection.peer_port);
    if (!answer) {
      connection.close_requested = !head.keeps_alive();
      connection.handed_request = head.normalized({});
      connection.consumed += length;
      hand_over(connection);
      return false;
    }
    const bool close_after = !head.keeps_alive() ||
                             connection.requests + 1 >= options_.keep_alive_max_requests ||
                             stopping_;
    connection.consumed += length;
    connection.phase = Phase::idle;
    ++connection.requests;
    // HTTP/1.0 keeps a connection only when the answer says so too.
    if (!close_after && head.http10()) answer->head += "Connection: keep-alive\r\n";
    answer->head += close_after ? std::string_view{"Connection: close\r\n\r\n"}
                                : std::string_view{keep_alive_fields()};
    return start_writing(connection, std::move(answer->head), answer->body, std::move(answer->keep),
                         close_after);
  }

  // Takes what arrived of the body; hands the request over once it is whole, or refuses it. A
  // chunked body's framing may be at most as long as the data allowed, plus 64 KiB: chunks of a
  // byte with long extensions are no way to send a body.
  void read_body(Connection& connection) {
    std::string chunked_body;
    std::string_view body;
    std::size_t length = 0;  // of a Content-Length body, consumed once written out again
    if (connection.framing == BodyFraming::content_length) {
      if (connection.unread() < connection.content_length) return;
      length = connection.content_length;
      body = connection.pending().substr(0, length);
    } else {
      const auto taken = connection.chunked.read(connection.pending());
      if (!taken) return refuse(connection, taken.error());
      connection.consumed += *taken;
      connection.chunked_taken += *taken;
      if (connection.chunked.declared_size() > connection.permit.max_bytes ||
          connection.chunked_taken > 2 * connection.permit.max_bytes + 64 * 1024)
        return refuse(connection, connection.permit.over);
      if (!connection.chunked.complete()) return;
      chunked_body = connection.chunked.take_data();
      body = chunked_body;
    }
    const auto head = RequestHead::parse(connection.head);
    connection.close_requested = !head->keeps_alive();
    connection.handed_request = head->normalized(body);
    connection.consumed += length;
    connection.compact();
    if (connection.input.capacity() > kLargestKeptInput && connection.unread() < kReadChunk) {
      connection.input.erase(0, connection.consumed);
      connection.consumed = 0;
      connection.input.shrink_to_fit();
    }
    connection.head.clear();
    hand_over(connection);
  }

  // `100 Continue`, for a client that waits for it before sending the body. False after closing.
  bool send_continue(Connection& connection) {
    constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    const ssize_t sent =
        ::send(connection.socket, kContinue.data(), kContinue.size(), MSG_NOSIGNAL);
    if (sent == static_cast<ssize_t>(kContinue.size())) return true;
    close(connection);  // a socket that cannot take 25 bytes of a fresh connection
    return false;
  }

  // Answers a request the loop will not pass on, and closes the connection after the answer.
  void refuse(Connection& connection, const Refusal& refusal) {
    // The request it was, as far as it parses, for the log.
    std::optional<RequestHead> head;
    if (connection.phase == Phase::body) {
      if (auto parsed = RequestHead::parse(connection.head)) head = std::move(*parsed);
    } else if (connection.phase == Phase::head) {
      const auto length = head_length(connection.pending());
      if (length && *length <= options_.max_head_bytes) {
        if (auto parsed = RequestHead::parse(connection.pending().substr(0, *length)))
          head = std::move(*parsed);
      }
    }
    if (owner_.handlers_.refused)
      owner_.handlers_.refused(head ? head->method() : std::string_view{},
                               head ? head->target() : std::string_view{}, refusal.status,
                               connection.peer_address, connection.peer_port);
    const std::string body = json_error(refusal.message);
    std::string answer = "HTTP/1.1 " + std::to_string(refusal.status) + " " +
                         reason_phrase(refusal.status) +
                         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n" + options_.answer_fields +
                         refusal.fields + "Connection: close\r\n\r\n" + body;
    connection.consumed = connection.input.size();  // nothing more is read from it
    connection.permit = {};  // nor held for it (`refusal` may be its `over`: not read past here)
    connection.phase = Phase::idle;
    connection.drain_after_write = true;
    start_writing(connection, std::move(answer), {}, nullptr, true);
  }

  // Writes an answer (head complete, with its Connection field); true when all of it went out and
  // the connection stays open.
  bool start_writing(Connection& connection, std::string head, std::string_view body,
                     std::shared_ptr<const void> keep, bool close_after) {
    connection.out_head = std::move(head);
    connection.out_body = body;
    connection.out_keep = std::move(keep);
    connection.out_sent = 0;
    connection.close_after_write = close_after;
    return flush(connection);
  }

  const std::string& keep_alive_fields() {
    if (keep_alive_fields_.empty())
      keep_alive_fields_ = "Keep-Alive: timeout=" +
                           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                              options_.keep_alive_timeout)
                                              .count()) +
                           ", max=" + std::to_string(options_.keep_alive_max_requests) + "\r\n\r\n";
    return keep_alive_fields_;
  }

  // Sends what is left of the answer; true when all of it went out and the connection stays
  // open. Waits for EPOLLOUT when the socket is full; closes on failure or when the answer closes.
  bool flush(Connection& connection) {
    const std::size_t head_size = connection.out_head.size();
    const std::size_t total = head_size + connection.out_body.size();
    while (connection.out_sent < total) {
      iovec parts[2];
      int count = 0;
      if (connection.out_sent < head_size) {
        parts[count++] = {connection.out_head.data() + connection.out_sent,
                          head_size - connection.out_sent};
      }
      const std::size_t body_from =
          connection.out_sent > head_size ? connection.out_sent - head_size : 0;
      if (body_from < connection.out_body.size()) {
        parts[count++] = {const_cast<char*>(connection.out_body.data()) + body_from,
                          connection.out_body.size() - body_from};
      }
      msghdr message{};
      message.msg_iov = parts;
      message.msg_iovlen = static_cast<std::size_t>(count);
      const ssize_t sent = ::sendmsg(connection.socket, &message, MSG_NOSIGNAL);
      if (sent >= 0) {
        connection.out_sent += static_cast<std::size_t>(sent);
        continue;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!connection.writing) {
          connection.writing = true;
          connection.deadline = std::chrono::steady_clock::now() + options_.write_timeout;
          if (!watch(connection, EPOLL_CTL_MOD, EPOLLOUT)) close(connection);
        }
        return false;
      }
      close(connection);
      return false;
    }
    connection.out_keep.reset();
    connection.out_body = {};
    connection.out_head.clear();
    if (connection.close_after_write && connection.drain_after_write) {
      ::shutdown(connection.socket, SHUT_WR);
      connection.phase = Phase::draining;
      connection.deadline = std::chrono::steady_clock::now() + kDrainTime;
      connection.input.clear();
      connection.consumed = 0;
      if (connection.writing) {
        connection.writing = false;
        if (!watch(connection, EPOLL_CTL_MOD, EPOLLIN)) close(connection);
      }
      return false;
    }
    if (connection.close_after_write) {
      close(connection);
      return false;
    }
    if (connection.writing) {
      connection.writing = false;
      connection.deadline = std::chrono::steady_clock::now() + options_.keep_alive_timeout;
      if (!watch(connection, EPOLL_CTL_MOD, EPOLLIN)) {
        close(connection);
        return false;
      }
    }
    return true;
  }

  // Gives the request in `handed_request` to a worker; the connection leaves the loop until the
  // worker gives it back with the answer.
  void hand_over(Connection& connection) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.socket, nullptr);
    connection.phase = Phase::with_worker;
    connection.handed_read = 0;
    connection.handed_answer.clear();
    Connection* lent = &connection;
    const bool last = connection.requests + 1 >= options_.keep_alive_max_requests ||
                      connection.close_requested || stopping_;
    const bool queued = owner_.workers_.try_submit([this, lent, last] {
      LentConnection stream{lent->handed_request, lent->handed_read,  lent->handed_answer,
                            lent->socket,         lent->peer_address, lent->peer_port};
      bool closed = false;
      const bool kept = owner_.handlers_.full(stream, last, closed);
      ++lent->requests;
      give_back(lent, !kept || closed || last);
    });
    if (!queued) {
      connection.phase = Phase::idle;
      if (!watch(connection, EPOLL_CTL_ADD, EPOLLIN)) return close(connection);
      refuse(connection, {503, "the server is busy; try again", ""});
    }
  }

  void close(Connection& connection) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.socket, nullptr);
    ::close(connection.socket);
    connections_.erase(&connection);
    owner_.closed_one();
  }

  // Closes the connections whose time is up (a request not complete in time gets 408 first), and
  // when stopping the idle ones.
  void sweep(SteadyTime now) {
    std::vector<Connection*> expired;
    for (const auto& [raw, connection] : connections_) {
      if (connection->phase == Phase::with_worker) continue;
      const bool idle =
          !connection->writing && connection->unread() == 0 && connection->phase == Phase::idle;
      if (now >= connection->deadline || (stopping_ && idle)) expired.push_back(raw);
    }
    for (Connection* connection : expired) {
      const bool mid_request = !connection->writing && (connection->phase == Phase::head ||
                                                        connection->phase == Phase::body);
      // (a draining connection's time is up: closed)
      if (mid_request) {
        refuse(*connection, {408, "the request did not arrive in time", ""});
      } else {
        close(*connection);
      }
    }
  }

  ConnectionLoops& owner_;
  const ConnectionLoopOptions& options_;
  int epoll_ = -1;
  int wake_ = -1;
  std::mutex inbox_mutex_;
  std::vector<int> adopted_;
  std::vector<std::pair<Connection*, bool>> returned_;
  std::atomic<bool> stopping_{false};
  std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
  std::string keep_alive_fields_;
  std::thread thread_;
};

// --- The loops together -------------------------------------------------------------------------

ConnectionLoops::ConnectionLoops(ConnectionLoopOptions options, Handlers handlers)
    : options_(std::move(options)),
      handlers_(std::move(handlers)),
      workers_(options_.workers, options_.max_queued_requests) {
  const std::size_t count = std::max<std::size_t>(1, options_.loops);
  for (std::size_t i = 0; i < count; ++i) loops_.push_back(std::make_unique<Loop>(*this));
}

ConnectionLoops::~ConnectionLoops() { stop(); }

void ConnectionLoops::adopt(int socket) {
  {
    std::unique_lock lock{open_mutex_};
    below_limit_.wait(lock, [&] { return open_ < options_.max_connections || refusing_; });
    if (refusing_) {
      lock.unlock();
      ::close(socket);
      return;
    }
    ++open_;
  }
  loops_[next_loop_.fetch_add(1, std::memory_order_relaxed) % loops_.size()]->adopt(socket);
}

void ConnectionLoops::closed_one() {
  {
    std::lock_guard lock{open_mutex_};
    --open_;
  }
  below_limit_.notify_one();
}

void ConnectionLoops::refuse_new() {
  {
    std::lock_guard lock{open_mutex_};
    refusing_ = true;
  }
  below_limit_.notify_all();
}

void ConnectionLoops::stop() {
  {
    std::lock_guard lock{open_mutex_};
    if (stopped_) return;
    stopped_ = true;
    refusing_ = true;
  }
  below_limit_.notify_all();
  for (auto& loop : loops_) loop->stop();
  for (auto& loop : loops_) loop->join();
  workers_.shutdown();
}

}  // namespace torikumi::http
