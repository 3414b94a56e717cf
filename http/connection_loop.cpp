#include "http/connection_loop.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
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
constexpr std::chrono::milliseconds kSweepInterval{250};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Whether a comma-separated field value (Connection) lists `token`.
bool lists_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (equals_ignoring_case(trim_blanks(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// The length of the head at the start of `bytes`, through its blank line (a line ending LF or
// CRLF), or nothing while the blank line has not arrived.
std::optional<std::size_t> head_length(std::string_view bytes) {
  std::size_t from = 0;
  while (true) {
    const auto newline = bytes.find('\n', from);
    if (newline == std::string_view::npos) return std::nullopt;
    if (newline + 1 < bytes.size() && bytes[newline + 1] == '\n') return newline + 2;
    if (newline + 2 < bytes.size() && bytes[newline + 1] == '\r' && bytes[newline + 2] == '\n')
      return newline + 3;
    if (newline + 2 >= bytes.size()) return std::nullopt;  // the rest may be the blank line
    from = newline + 1;
  }
}

// Waits until `socket` is ready for `events` (POLLIN, POLLOUT) or `timeout` passes.
bool wait_for(int socket, short events, std::chrono::milliseconds timeout) {
  pollfd entry{socket, events, 0};
  while (true) {
    const int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
    if (ready > 0) return true;
    if (ready == 0 || errno != EINTR) return false;
  }
}

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

// --- RequestHead --------------------------------------------------------------------------------

std::optional<RequestHead> RequestHead::read(std::string_view bytes) {
  RequestHead head;
  auto line_end = bytes.find("\r\n");
  if (line_end == std::string_view::npos) return std::nullopt;
  const std::string_view line = bytes.substr(0, line_end);
  const auto first = line.find(' ');
  const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos)
    return std::nullopt;
  head.method_ = line.substr(0, first);
  head.target_ = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (version == "HTTP/1.0") {
    head.http10_ = true;
  } else if (version != "HTTP/1.1") {
    return std::nullopt;
  }
  if (head.method_.empty() || head.target_.empty() || head.target_.front() != '/')
    return std::nullopt;
  for (const char c : head.target_)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;

  std::size_t position = line_end + 2;
  while (true) {
    line_end = bytes.find("\r\n", position);
    if (line_end == std::string_view::npos) return std::nullopt;  // a line ending in a bare LF
    if (line_end == position) {                                   // the blank line
      position += 2;
      break;
    }
    const std::string_view field = bytes.substr(position, line_end - position);
    if (field.find('\n') != std::string_view::npos) return std::nullopt;
    if (field.front() == ' ' || field.front() == '\t') return std::nullopt;  // obsolete folding
    const auto colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string_view name = field.substr(0, colon);
    for (const char c : name)
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
    const std::string_view value = trim_blanks(field.substr(colon + 1));
    for (const char c : value)
      if (c == '\r' || c == '\0') return std::nullopt;
    head.fields_.emplace_back(name, value);
    position = line_end + 2;
  }
  if (position != bytes.size()) return std::nullopt;
  return head;
}

std::optional<std::string_view> RequestHead::field(std::string_view name) const {
  for (const auto& [field_name, value] : fields_)
    if (equals_ignoring_case(field_name, name)) return value;
  return std::nullopt;
}

bool RequestHead::has_body() const {
  if (field("Transfer-Encoding")) return true;
  const auto length = field("Content-Length");
  return length && *length != "0";
}

bool RequestHead::keeps_alive() const {
  const auto connection = field("Connection");
  if (http10_) return connection && lists_token(*connection, "keep-alive");
  return !connection || !lists_token(*connection, "close");
}

// --- Connections --------------------------------------------------------------------------------

struct ConnectionLoops::Connection {
  int socket = -1;
  std::string peer_address;
  int peer_port = 0;
  std::string input;  // bytes read; those before `consumed` belonged to answered requests
  std::size_t consumed = 0;
  std::size_t requests = 0;   // answered on this connection
  bool reading_head = false;  // part of a head arrived; `deadline` is its read timeout
  bool writing = false;       // an answer waits for the socket (EPOLLOUT)
  bool with_worker = false;   // out of the loop: a worker serves it
  bool close_after_write = false;
  std::string out_head;
  std::string_view out_body;
  std::shared_ptr<const void> out_keep;
  std::size_t out_sent = 0;
  SteadyTime deadline{};

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

// A connection lent to a worker: the loop's buffered bytes first, then the socket (non-blocking,
// so every wait is a poll() with its timeout).
class LentConnection final : public HandedConnection {
 public:
  LentConnection(std::string& input, std::size_t& consumed, int socket, const std::string& address,
                 int port, const ConnectionLoopOptions& options)
      : input_(input),
        consumed_(consumed),
        socket_(socket),
        address_(address),
        port_(port),
        options_(options) {}

  ssize_t read(char* data, std::size_t size) override {
    if (consumed_ == input_.size()) {
      input_.clear();
      consumed_ = 0;
      char chunk[kReadChunk];
      while (true) {
        const ssize_t got = ::recv(socket_, chunk, sizeof chunk, 0);
        if (got >= 0) {
          if (got == 0) return 0;
          input_.append(chunk, static_cast<std::size_t>(got));
          break;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (!wait_for(socket_, POLLIN, options_.read_timeout)) return -1;
      }
    }
    const std::size_t count = std::min(size, input_.size() - consumed_);
    std::memcpy(data, input_.data() + consumed_, count);
    consumed_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* data, std::size_t size) override {
    while (true) {
      const ssize_t sent = ::send(socket_, data, size, MSG_NOSIGNAL);
      if (sent >= 0) return sent;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!wait_for(socket_, POLLOUT, options_.write_timeout)) return -1;
    }
  }

  bool readable() const override {
    return consumed_ < input_.size() || wait_for(socket_, POLLIN, options_.read_timeout);
  }
  bool writable() const override { return wait_for(socket_, POLLOUT, options_.write_timeout); }
  int socket() const override { return socket_; }
  const std::string& peer_address() const override { return address_; }
  int peer_port() const override { return port_; }

 private:
  std::string& input_;
  std::size_t& consumed_;
  const int socket_;
  const std::string& address_;
  const int port_;
  const ConnectionLoopOptions& options_;
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

  // From a worker: the connection is the loop's again (closed when `close`).
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
      connection->with_worker = false;
      if (close_it || connection->requests >= options_.keep_alive_max_requests ||
          (stopping_ && connection->unread() == 0)) {
        close(*connection);
        continue;
      }
      if (!watch(*connection, EPOLL_CTL_ADD, EPOLLIN)) {
        close(*connection);
        continue;
      }
      connection->deadline = now + options_.keep_alive_timeout;
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
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) read_from(connection);
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

  // Answers the requests buffered on the connection, as long as each is quick; hands the first
  // other one to a worker.
  void serve(Connection& connection) {
    while (true) {
      const std::string_view pending = connection.pending();
      if (pending.empty()) {
        connection.reading_head = false;
        connection.deadline = std::chrono::steady_clock::now() + options_.keep_alive_timeout;
        if (stopping_) close(connection);
        return;
      }
      const auto length = head_length(pending);
      if (!length) {
        if (pending.size() > options_.max_head_bytes) return hand_over(connection);
        if (!connection.reading_head) {
          connection.reading_head = true;
          connection.deadline = std::chrono::steady_clock::now() + options_.read_timeout;
        }
        return;
      }
      connection.reading_head = false;
      if (*length > options_.max_head_bytes) return hand_over(connection);
      const auto head = RequestHead::read(pending.substr(0, *length));
      if (!head) return hand_over(connection);
      auto answer = owner_.quick_(*head, connection.peer_address, connection.peer_port);
      if (!answer) return hand_over(connection);
      const bool close_after = !head->keeps_alive() ||
                               connection.requests + 1 >= options_.keep_alive_max_requests ||
                               stopping_;
      connection.consumed += *length;
      ++connection.requests;
      if (!start_writing(connection, std::move(*answer), close_after)) return;
    }
  }

  // Writes an answer; true when all of it went out and the connection stays open.
  bool start_writing(Connection& connection, QuickAnswer answer, bool close_after) {
    connection.out_head = std::move(answer.head);
    if (close_after) {
      connection.out_head += "Connection: close\r\n\r\n";
    } else {
      connection.out_head += keep_alive_fields();
    }
    connection.out_body = answer.body;
    connection.out_keep = std::move(answer.keep);
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
    if (connection.close_after_write) {
      close(connection);
      return false;
    }
    if (connection.writing) {
      connection.writing = false;
      if (!watch(connection, EPOLL_CTL_MOD, EPOLLIN)) {
        close(connection);
        return false;
      }
    }
    return true;
  }

  void hand_over(Connection& connection) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.socket, nullptr);
    connection.with_worker = true;
    connection.reading_head = false;
    Connection* lent = &connection;
    const bool queued = owner_.workers_.submit([this, lent] {
      LentConnection stream{lent->input,        lent->consumed,  lent->socket,
                            lent->peer_address, lent->peer_port, options_};
      bool closed = false;
      const bool last = lent->requests + 1 >= options_.keep_alive_max_requests;
      const bool kept = owner_.full_(stream, last, closed);
      ++lent->requests;
      lent->compact();
      give_back(lent, !kept || closed || last);
    });
    if (!queued) {
      connection.with_worker = false;
      close(connection);
    }
  }

  void close(Connection& connection) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.socket, nullptr);
    ::close(connection.socket);
    connections_.erase(&connection);
    owner_.closed_one();
  }

  // Closes the connections whose time is up, and when stopping the idle ones.
  void sweep(SteadyTime now) {
    std::vector<Connection*> expired;
    for (const auto& [raw, connection] : connections_) {
      if (connection->with_worker) continue;
      const bool idle = !connection->writing && connection->unread() == 0;
      if (now >= connection->deadline || (stopping_ && idle)) expired.push_back(raw);
    }
    for (Connection* connection : expired) close(*connection);
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

ConnectionLoops::ConnectionLoops(ConnectionLoopOptions options, Quick quick, Full full)
    : options_(std::move(options)),
      quick_(std::move(quick)),
      full_(std::move(full)),
      workers_(options_.workers, options_.max_queued_requests) {
  const std::size_t count = std::max<std::size_t>(1, options_.loops);
  for (std::size_t i = 0; i < count; ++i) loops_.push_back(std::make_unique<Loop>(*this));
}

ConnectionLoops::~ConnectionLoops() { stop(); }

void ConnectionLoops::adopt(int socket) {
  {
    std::unique_lock lock{open_mutex_};
    below_limit_.wait(lock, [&] { return open_ < options_.max_connections || stopped_; });
    if (stopped_) {
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

void ConnectionLoops::stop() {
  {
    std::lock_guard lock{open_mutex_};
    if (stopped_) return;
    stopped_ = true;
  }
  below_limit_.notify_all();
  for (auto& loop : loops_) loop->stop();
  for (auto& loop : loops_) loop->join();
  workers_.shutdown();
}

}  // namespace torikumi::http
