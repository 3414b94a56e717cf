#include "http/transport/connection_loop.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <string>
#include <thread>

using namespace torikumi::http;
using namespace std::chrono_literals;

namespace {

// One end for the test (blocking, reads give up after 5 s), the other adopted by the loops.
struct SocketPair {
  int client = -1;
  int server = -1;
  SocketPair() {
    int ends[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) == 0);
    client = ends[0];
    server = ends[1];
    timeval five{5, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
  }
  ~SocketPair() { ::close(client); }
};

void send_all(int socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    REQUIRE(sent > 0);
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// Reads answers off a client socket.
class Reader {
 public:
  explicit Reader(int socket) : socket_(socket) {}

  struct Answer {
    std::string head;
    std::string body;
  };

  // The next answer (head, and a body of its Content-Length); empty head if the socket closed.
  Answer next() {
    Answer answer;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return answer;
    answer.head = buffer_.substr(0, end + 4);
    buffer_.erase(0, end + 4);
    std::size_t length = 0;
    if (const auto at = answer.head.find("Content-Length: "); at != std::string::npos)
      std::from_chars(answer.head.data() + at + 16, answer.head.data() + answer.head.size(),
                      length);
    while (buffer_.size() < length)
      if (!fill()) return answer;
    answer.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return answer;
  }

  // True when the other end closed (no more bytes, end of stream) within the receive timeout.
  bool closed() {
    if (!buffer_.empty()) return false;
    char byte;
    return ::recv(socket_, &byte, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[65536];
    const ssize_t got = ::recv(socket_, chunk, sizeof chunk, 0);
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
  }

  int socket_;
  std::string buffer_;
};

std::string answer_head(std::size_t length) {
  return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(length) + "\r\n";
}

// Quick: GET /quick/... answered with "quick /quick/...". Full: reads the head (and a body of its
// Content-Length) from the lent connection and answers "full TARGET BODY".
struct Fixture {
  std::atomic<int> quick_calls{0};
  std::atomic<int> full_calls{0};
  std::chrono::milliseconds full_delay{0};
  std::size_t quick_body_size = 0;  // non-zero: the quick answer is that many bytes of 'x'

  ConnectionLoops::Quick quick() {
    return [this](const RequestHead& head, const std::string&, int) -> std::optional<QuickAnswer> {
      ++quick_calls;
      if (head.method() != "GET" || !head.target().starts_with("/quick/")) return std::nullopt;
      auto body =
          std::make_shared<std::string>(quick_body_size ? std::string(quick_body_size, 'x')
                                                        : "quick " + std::string{head.target()});
      QuickAnswer answer;
      answer.head = answer_head(body->size());
      answer.body = *body;
      answer.keep = body;
      return answer;
    };
  }

  ConnectionLoops::Full full() {
    return [this](HandedConnection& connection, bool last, bool& closed) {
      ++full_calls;
      std::string head;
      char byte;
      while (!head.ends_with("\r\n\r\n")) {
        if (connection.read(&byte, 1) != 1) return false;
        head += byte;
      }
      std::size_t length = 0;
      if (const auto at = head.find("Content-Length: "); at != std::string::npos)
        std::from_chars(head.data() + at + 16, head.data() + head.size(), length);
      std::string body(length, '\0');
      std::size_t got = 0;
      while (got < length) {
        const ssize_t n = connection.read(body.data() + got, length - got);
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
      }
      std::this_thread::sleep_for(full_delay);
      const std::string target =
          head.substr(head.find(' ') + 1, head.find(" HTTP/") - head.find(' ') - 1);
      const std::string text = "full " + target + " " + body;
      closed = last || head.find("Connection: close") != std::string::npos;
      const std::string answer =
          answer_head(text.size()) + (closed ? "Connection: close\r\n" : "") + "\r\n" + text;
      return connection.write(answer.data(), answer.size()) == static_cast<ssize_t>(answer.size());
    };
  }
};

ConnectionLoopOptions small_options() {
  ConnectionLoopOptions options;
  options.loops = 2;
  options.workers = 4;
  options.max_queued_requests = 16;
  return options;
}

}  // namespace

TEST_CASE(
    "requests sent together are answered in order, quick ones by the loop, the rest by the "
    "full server with the bytes already read") {
  Fixture fixture;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  send_all(pair.client,
           "GET /quick/1 HTTP/1.1\r\nHost: h\r\n\r\n"
           "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
           "GET /quick/2 HTTP/1.1\r\nHost: h\r\n\r\n");
  Reader reader{pair.client};
  const auto first = reader.next();
  CHECK(first.body == "quick /quick/1");
  CHECK(first.head.find("Keep-Alive: timeout=5, max=1000\r\n") != std::string::npos);
  CHECK(reader.next().body == "full /form hello");
  CHECK(reader.next().body == "quick /quick/2");
  CHECK(fixture.full_calls == 1);

  // Then, on the same connection, a head that arrives in pieces.
  send_all(pair.client, "GET /quick/3 HT");
  std::this_thread::sleep_for(50ms);
  send_all(pair.client, "TP/1.1\r\nHost: h\r\n\r\n");
  CHECK(reader.next().body == "quick /quick/3");
}

TEST_CASE("a connection closes after an answer when the client asked, or at its last request") {
  Fixture fixture;
  auto options = small_options();
  options.keep_alive_max_requests = 2;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};

  SUBCASE("Connection: close") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client, "GET /quick/a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    Reader reader{pair.client};
    const auto answer = reader.next();
    CHECK(answer.body == "quick /quick/a");
    CHECK(answer.head.find("Connection: close\r\n") != std::string::npos);
    CHECK(reader.closed());
  }
  SUBCASE("HTTP/1.0 without keep-alive") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client, "GET /quick/b HTTP/1.0\r\n\r\n");
    Reader reader{pair.client};
    CHECK(reader.next().body == "quick /quick/b");
    CHECK(reader.closed());
  }
  SUBCASE("the last of keep_alive_max_requests") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client,
             "GET /quick/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /quick/2 HTTP/1.1\r\nHost: h\r\n\r\n");
    Reader reader{pair.client};
    CHECK(reader.next().head.find("Connection: close") == std::string::npos);
    const auto last = reader.next();
    CHECK(last.body == "quick /quick/2");
    CHECK(last.head.find("Connection: close\r\n") != std::string::npos);
    CHECK(reader.closed());
  }
  SUBCASE("the full server's last request") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client,
             "GET /quick/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /other HTTP/1.1\r\nHost: h\r\n\r\n");
    Reader reader{pair.client};
    CHECK(reader.next().body == "quick /quick/1");
    CHECK(reader.next().head.find("Connection: close\r\n") != std::string::npos);
    CHECK(reader.closed());
  }
}

TEST_CASE("a client that closes its sending side after its requests still gets the answers") {
  Fixture fixture;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  send_all(pair.client,
           "GET /quick/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /other HTTP/1.1\r\nHost: h\r\n\r\n");
  ::shutdown(pair.client, SHUT_WR);
  Reader reader{pair.client};
  CHECK(reader.next().body == "quick /quick/1");
  CHECK(reader.next().body == "full /other ");
  CHECK(reader.closed());
}

TEST_CASE("at max_connections a new connection waits until one closes") {
  Fixture fixture;
  auto options = small_options();
  options.max_connections = 2;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair first;
  SocketPair second;
  SocketPair third;
  loops.adopt(first.server);
  loops.adopt(second.server);
  std::atomic<bool> adopted{false};
  std::thread accepting{[&] {
    loops.adopt(third.server);
    adopted = true;
  }};
  send_all(third.client, "GET /quick/3 HTTP/1.1\r\nHost: h\r\n\r\n");
  std::this_thread::sleep_for(200ms);
  CHECK_FALSE(adopted);  // two are open
  send_all(first.client, "GET /quick/1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  Reader first_reader{first.client};
  CHECK(first_reader.next().body == "quick /quick/1");
  CHECK(first_reader.closed());
  Reader third_reader{third.client};
  CHECK(third_reader.next().body == "quick /quick/3");  // taken once the first closed
  accepting.join();
  CHECK(adopted);
}

TEST_CASE("an idle connection is closed after the keep-alive timeout") {
  Fixture fixture;
  auto options = small_options();
  options.keep_alive_timeout = 300ms;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  send_all(pair.client, "GET /quick/1 HTTP/1.1\r\nHost: h\r\n\r\n");
  Reader reader{pair.client};
  CHECK(reader.next().body == "quick /quick/1");
  const auto answered = std::chrono::steady_clock::now();
  CHECK(reader.closed());
  CHECK(std::chrono::steady_clock::now() - answered >= 250ms);
}

TEST_CASE("an answer larger than the socket takes at once goes out whole") {
  Fixture fixture;
  fixture.quick_body_size = 8 * 1024 * 1024;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  send_all(pair.client,
           "GET /quick/big HTTP/1.1\r\nHost: h\r\n\r\nGET /quick/big HTTP/1.1\r\nHost: h\r\n\r\n");
  std::this_thread::sleep_for(100ms);  // the loop finds the socket full and waits for it
  Reader reader{pair.client};
  for (int i = 0; i < 2; ++i) {
    const auto answer = reader.next();
    REQUIRE(answer.body.size() == fixture.quick_body_size);
    CHECK(answer.body.find_first_not_of('x') == std::string::npos);
  }
}

TEST_CASE("a head over the limit is refused with 431 by the loop, and the connection closed") {
  Fixture fixture;
  auto options = small_options();
  options.max_head_bytes = 1024;
  options.answer_fields = "Server: test\r\n";
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  send_all(pair.client, "GET /quick/1 HTTP/1.1\r\nHost: h\r\nX-Long: " + std::string(2000, 'a'));
  Reader reader{pair.client};
  const auto answer = reader.next();
  CHECK(answer.head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
  CHECK(answer.head.find("Server: test\r\nConnection: close\r\n") != std::string::npos);
  CHECK(answer.body == R"({"error":"a request head over 1024 bytes"})");
  CHECK(reader.closed());
  CHECK(fixture.full_calls == 0);
}

TEST_CASE("stop answers the request a worker is serving, closes idle connections, and returns") {
  Fixture fixture;
  fixture.full_delay = 300ms;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SocketPair busy;
  SocketPair idle;
  loops.adopt(busy.server);
  loops.adopt(idle.server);
  send_all(busy.client, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
  while (fixture.full_calls == 0) std::this_thread::sleep_for(5ms);
  std::thread stopper{[&] { loops.stop(); }};
  Reader busy_reader{busy.client};
  Reader idle_reader{idle.client};
  CHECK(idle_reader.closed());
  CHECK(busy_reader.next().body == "full /slow ");
  CHECK(busy_reader.closed());
  stopper.join();

  // After stop, a socket handed over is closed at once.
  SocketPair late;
  loops.adopt(late.server);
  Reader late_reader{late.client};
  CHECK(late_reader.closed());
}

TEST_CASE("a body is read whole by the loop before a worker sees it, however slowly it arrives") {
  Fixture fixture;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  Reader reader{pair.client};

  send_all(pair.client, "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
  for (const char byte : std::string{"hello"}) {
    std::this_thread::sleep_for(30ms);
    CHECK(fixture.full_calls == 0);
    send_all(pair.client, std::string_view{&byte, 1});
  }
  CHECK(reader.next().body == "full /form hello");

  // Chunked, with an extension and a trailer: the worker sees the data with its length.
  send_all(pair.client,
           "POST /form HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\nhe\r\n");
  std::this_thread::sleep_for(30ms);
  CHECK(fixture.full_calls == 1);
  send_all(pair.client, "3\r\nllo\r\n0\r\nChecksum: 1\r\n\r\n");
  CHECK(reader.next().body == "full /form hello");

  // Expect: 100-continue is met by the loop before the body is sent.
  send_all(pair.client,
           "PUT /form HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  CHECK(reader.next().head == "HTTP/1.1 100 Continue\r\n\r\n");
  send_all(pair.client, "ok");
  CHECK(reader.next().body == "full /form ok");
  CHECK(fixture.full_calls == 3);
}

TEST_CASE("a request framed so that another reader could take it otherwise is refused and closed") {
  struct Case {
    std::string request;
    std::string status_line;
    std::string error;
  };
  const Case cases[] = {
      {"GET /other HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
       "HTTP/1.1 400 Bad Request", "no body is taken with GET"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       "HTTP/1.1 400 Bad Request", "both Transfer-Encoding and Content-Length"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
       "HTTP/1.1 400 Bad Request", "two Content-Length fields"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello",
       "HTTP/1.1 400 Bad Request", "Content-Length is not a number of bytes"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 5x\r\n\r\nhello",
       "HTTP/1.1 400 Bad Request", "Content-Length is not a number of bytes"},
      {"POST /form HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 411 Length Required",
       "POST needs Content-Length or Transfer-Encoding: chunked"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
       "HTTP/1.1 501 Not Implemented", "the only transfer coding served is chunked"},
      {"POST /form HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
       "HTTP/1.1 400 Bad Request", "a chunk size is not hexadecimal"},
      {"GET / HTTP/1.1\nHost: h\n\n", "HTTP/1.1 400 Bad Request",
       "the request line does not end in CRLF"},
  };
  for (const auto& [request, status_line, error] : cases) {
    CAPTURE(request);
    Fixture fixture;
    ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client, request);
    Reader reader{pair.client};
    const auto answer = reader.next();
    CHECK(answer.head.substr(0, answer.head.find("\r\n")) == status_line);
    CHECK(answer.body == R"({"error":")" + error + R"("})");
    CHECK(reader.closed());
    CHECK(fixture.full_calls == 0);
  }
}

TEST_CASE("a body over what the caller may send is refused before it is read") {
  Fixture fixture;
  std::atomic<int> refused{0};
  ConnectionLoops::Handlers handlers{
      fixture.quick(), fixture.full(),
      [](const RequestHead& head) {
        const bool known = head.field("Authorization").has_value();
        return BodyPermit{known ? 100u : 4u, {401, "too much", "WWW-Authenticate: x\r\n"}};
      },
      [&](std::string_view method, std::string_view target, int status, const std::string&, int) {
        CHECK(method == "POST");
        CHECK(target == "/form?a=b");
        CHECK(status == 401);
        ++refused;
      }};
  ConnectionLoops loops{small_options(), std::move(handlers)};
  for (const std::string request :
       {"POST /form?a=b HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n",
        "POST /form?a=b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
        "chunked\r\n\r\n3\r\nabc\r\n2\r\n"}) {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client, request);
    Reader reader{pair.client};
    const auto answer = reader.next();
    CHECK(answer.head.starts_with("HTTP/1.1 401 Unauthorized\r\n"));
    CHECK(answer.head.find("WWW-Authenticate: x\r\n") != std::string::npos);
    CHECK(reader.closed());
  }
  CHECK(refused == 2);
  CHECK(fixture.full_calls == 0);

  SocketPair allowed;
  loops.adopt(allowed.server);
  send_all(
      allowed.client,
      "POST /form HTTP/1.1\r\nHost: h\r\nAuthorization: t\r\nContent-Length: 10\r\n\r\n0123456789");
  Reader reader{allowed.client};
  CHECK(reader.next().body == "full /form 0123456789");
}

TEST_CASE("a request not complete in time is answered 408 and closed, and holds no worker") {
  Fixture fixture;
  auto options = small_options();
  options.workers = 1;
  options.read_timeout = 200ms;
  options.request_timeout = 400ms;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SUBCASE("a head") {
    SocketPair pair;
    loops.adopt(pair.server);
    const auto started = std::chrono::steady_clock::now();
    send_all(pair.client, "GET /other HTTP/1.1\r\nHo");
    Reader reader{pair.client};
    const auto answer = reader.next();
    CHECK(answer.head.starts_with("HTTP/1.1 408 Request Timeout\r\n"));
    CHECK(std::chrono::steady_clock::now() - started >= 190ms);
    CHECK(reader.closed());
  }
  SUBCASE("a body sent a byte at a time, while another request is served") {
    SocketPair slow;
    loops.adopt(slow.server);
    const auto started = std::chrono::steady_clock::now();
    send_all(slow.client, "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n");
    SocketPair quick;
    loops.adopt(quick.server);
    send_all(quick.client, "GET /other HTTP/1.1\r\nHost: h\r\n\r\n");
    Reader quick_reader{quick.client};
    CHECK(quick_reader.next().body == "full /other ");  // the one worker is free
    for (int i = 0; i < 6; ++i) {
      std::this_thread::sleep_for(100ms);
      if (::send(slow.client, "x", 1, MSG_NOSIGNAL) != 1) break;
    }
    Reader reader{slow.client};
    CHECK(reader.next().head.starts_with("HTTP/1.1 408 Request Timeout\r\n"));
    CHECK(std::chrono::steady_clock::now() - started >= 390ms);
    CHECK(fixture.full_calls == 1);
  }
}

TEST_CASE("a chunked body whose framing is far longer than its data is refused") {
  Fixture fixture;
  auto options = small_options();
  options.max_body_bytes = 100;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair pair;
  loops.adopt(pair.server);
  std::string request = "POST /form HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) request += "1;" + std::string(4000, 'e') + "\r\nx\r\n";
  send_all(pair.client, request);
  Reader reader{pair.client};
  const auto answer = reader.next();
  CHECK(answer.head.starts_with("HTTP/1.1 413 Content Too Large\r\n"));
  CHECK(answer.body == R"({"error":"request body over the limit of 100 bytes"})");
  CHECK(reader.closed());
  CHECK(fixture.full_calls == 0);
}

TEST_CASE(
    "when every worker is busy and the queue full, a request is answered 503 and the loop "
    "goes on answering quick ones") {
  Fixture fixture;
  fixture.full_delay = 600ms;
  auto options = small_options();
  options.workers = 1;
  options.max_queued_requests = 1;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair served;
  SocketPair queued;
  SocketPair refused;
  SocketPair quick;
  for (SocketPair* pair : {&served, &queued, &refused, &quick}) loops.adopt(pair->server);
  send_all(served.client, "GET /one HTTP/1.1\r\nHost: h\r\n\r\n");
  while (fixture.full_calls == 0) std::this_thread::sleep_for(5ms);
  send_all(queued.client, "GET /two HTTP/1.1\r\nHost: h\r\n\r\n");
  std::this_thread::sleep_for(50ms);
  send_all(refused.client, "GET /three HTTP/1.1\r\nHost: h\r\n\r\n");
  Reader refused_reader{refused.client};
  const auto answer = refused_reader.next();
  CHECK(answer.head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"));
  CHECK(answer.body == R"({"error":"the server is busy; try again"})");
  const auto before_quick = std::chrono::steady_clock::now();
  send_all(quick.client, "GET /quick/4 HTTP/1.1\r\nHost: h\r\n\r\n");
  Reader quick_reader{quick.client};
  CHECK(quick_reader.next().body == "quick /quick/4");
  CHECK(std::chrono::steady_clock::now() - before_quick < 400ms);  // not after the worker
  Reader served_reader{served.client};
  Reader queued_reader{queued.client};
  CHECK(served_reader.next().body == "full /one ");
  CHECK(queued_reader.next().body == "full /two ");
}

TEST_CASE("refuse_new lets an accepting thread waiting at the connection limit go") {
  Fixture fixture;
  auto options = small_options();
  options.max_connections = 1;
  ConnectionLoops loops{options, fixture.quick(), fixture.full()};
  SocketPair first;
  SocketPair second;
  loops.adopt(first.server);
  std::atomic<bool> returned{false};
  std::thread accepting{[&] {
    loops.adopt(second.server);
    returned = true;
  }};
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(returned);
  loops.refuse_new();
  accepting.join();
  CHECK(returned);
  Reader reader{second.client};
  CHECK(reader.closed());  // closed, not served
}

TEST_CASE(
    "a client's Connection: close is kept whatever its case, and HTTP/1.0 keep-alive is "
    "answered in kind") {
  Fixture fixture;
  ConnectionLoops loops{small_options(), fixture.quick(), fixture.full()};
  SUBCASE("the full server's answer") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client,
             "GET /other HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n");
    Reader reader{pair.client};
    CHECK(reader.next().head.find("Connection: close\r\n") != std::string::npos);
    CHECK(reader.closed());
  }
  SUBCASE("HTTP/1.0 with keep-alive on the loop") {
    SocketPair pair;
    loops.adopt(pair.server);
    send_all(pair.client, "GET /quick/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    Reader reader{pair.client};
    const auto answer = reader.next();
    CHECK(answer.head.find("Connection: keep-alive\r\n") != std::string::npos);
    send_all(pair.client, "GET /quick/b HTTP/1.0\r\n\r\n");
    CHECK(reader.next().body == "quick /quick/b");
    CHECK(reader.closed());
  }
}
