// Who is calling, decided in one place: tokens, sessions, /metrics, API writers, forms, sign-in.

#include "http/access/gatekeeper.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <charconv>
#include <thread>

#include "http/contract/limits.hpp"
#include "http/contract/routes.hpp"
#include "http/server/route_table.hpp"
#include "http/server/server_setup.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/httplib_bridge.hpp"
#include "store/store.hpp"
#include "tests/store/test_database.hpp"

namespace torikumi::http {
namespace {

const date::sys_seconds kNow =
    date::sys_days{date::year{2026} / date::September / 1} + std::chrono::hours{1};
const store::Actor kAdmin{"admin", kNow};

// A database with an access table, and the tokens of each role.
struct Fixture {
  store::testing::TemporaryDatabase database;
  std::unique_ptr<AccessControl> access;
  std::string viewer;
  std::string editor;

  Fixture() {
    REQUIRE(store::Store::open(database.path()).ok());
    auto opened = store::Access::open(database.path());
    REQUIRE(opened.ok());
    auto created = AccessControl::create(std::move(*opened), [] { return kNow; });
    REQUIRE(created.ok());
    access = std::move(*created);
    viewer = token(store::Role::viewer, "閲覧者");
    editor = token(store::Role::editor, "編集者");
  }

  std::string token(store::Role role, std::string_view label) {
    auto made = access->create_token(role, label, kAdmin);
    REQUIRE(made.ok());
    return *made;
  }

  Gatekeeper gate(GateOptions options = {.require_sign_in = true,
                                         .metrics = MetricsAccess::loopback,
                                         .secure_cookies = false,
                                         .max_body_bytes = 1024,
                                         .max_anonymous_body_bytes = 64}) {
    return Gatekeeper{*access, options, [] { return kNow; }};
  }
};

Credentials bearer(const std::string& token) { return {"Bearer " + token, ""}; }

// The server's body limits end to end, without its plans: the event loops asking this gatekeeper
// (admit) how much each caller may send, cpp-httplib under them with the server's options, its
// early refusals and a route table of test rows: an inbound row that takes its body whole, with
// its own bound, and an API write. Clients talk to it over socket pairs.
class LimitsServer {
 public:
  LimitsServer(Fixture& fixture, ServerOptions options)
      : options_(std::move(options)),
        gate_(*fixture.access, gate_options(options_), [] { return kNow; }),
        loops_(loop_options(options_), handlers()) {
    const RouteHandler inbound = [this](const httplib::Request& request,
                                        httplib::Response& response, const std::string& body) {
      response.set_content("inbound " + std::to_string(body.size()) + " " +
                               (body == expected_ ? "as sent" : "changed") + " " +
                               request.get_header_value("Content-Type"),
                           "text/plain");
    };
    const RouteHandler api = [](const httplib::Request&, httplib::Response& response,
                                const std::string& body) {
      response.set_content("api " + std::to_string(body.size()), "text/plain");
    };
    table_.add({{.method = Method::post,
                 .pattern = routes::kInboundEmail,
                 .label = routes::labels::kInboundEmail,
                 .handler = inbound,
                 .parts_handler = nullptr,
                 .body_reading = BodyReading::whole,
                 .max_body_bytes = options_.max_inbound_body_bytes},
                {Method::post, routes::kApiPlans, routes::kApiPlans, api}});
    table_.add(unknown_write_routes());
    apply_options(server_, options_);
    server_.set_pre_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
          const auto refused = refuse_early(request, options_);
          if (!refused) return httplib::Server::HandlerResponse::Unhandled;
          answer_error_and_close(response, *refused);
          return httplib::Server::HandlerResponse::Handled;
        });
    table_.install(server_, options_.max_body_bytes);
  }

  // The body the inbound row compares what it gets with.
  void expect(std::string body) { expected_ = std::move(body); }

  // A connected client socket (reads give up after 10 s).
  int connect() {
    int ends[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) == 0);
    timeval ten{10, 0};
    ::setsockopt(ends[0], SOL_SOCKET, SO_RCVTIMEO, &ten, sizeof ten);
    loops_.adopt(ends[1]);
    return ends[0];
  }

 private:
  ConnectionLoops::Handlers handlers() {
    return {.quick = [](const RequestHead&, const std::string&, int) -> std::optional<QuickAnswer> {
              return std::nullopt;
            },
            .full =
                [this](HandedConnection& connection, bool last, bool& closed) {
                  LentStream stream{connection};
                  return server_.serve_one(stream, last, closed);
                },
            .admit = [this](const RequestHead& head) { return gate_.admit(head); },
            .refused = {}};
  }

  const ServerOptions options_;
  std::string expected_;
  Gatekeeper gate_;
  RouteTable table_;
  LoopedServer server_;
  ConnectionLoops loops_;  // last: stopped first
};

// Sends all of `bytes`; false when the other end stopped taking them.
bool send_all(int socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// The status line and body of the answer on `socket`; empty when it closed first.
std::pair<std::string, std::string> answer_on(int socket) {
  std::string bytes;
  char chunk[65536];
  std::size_t end;
  while ((end = bytes.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t got = ::recv(socket, chunk, sizeof chunk, 0);
    if (got <= 0) return {};
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
  std::size_t length = 0;
  if (const auto at = bytes.find("Content-Length: "); at < end)
    std::from_chars(bytes.data() + at + 16, bytes.data() + end, length);
  while (bytes.size() < end + 4 + length) {
    const ssize_t got = ::recv(socket, chunk, sizeof chunk, 0);
    if (got <= 0) return {};
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
  return {bytes.substr(0, bytes.find("\r\n")), bytes.substr(end + 4, length)};
}

// A request's head: method, target, its framing and any other fields.
std::string head_of(std::string_view method, std::string_view target, std::string_view framing,
                    std::string_view fields = "") {
  return std::string{method} + " " + std::string{target} + " HTTP/1.1\r\nHost: torikumi\r\n" +
         std::string{fields} + std::string{framing} + "\r\n\r\n";
}

std::string length_of(std::size_t bytes) { return "Content-Length: " + std::to_string(bytes); }

// A SendGrid-shaped post of `size` bytes in all, its email field filled with 'x'.
std::string sendgrid_body(std::size_t size) {
  const std::string before =
      "--xYzZY\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nFrom: a@b.example\r\n\r\n";
  const std::string after = "\r\n--xYzZY--\r\n";
  return before + std::string(size - before.size() - after.size(), 'x') + after;
}

constexpr std::string_view kSendGridType = "Content-Type: multipart/form-data; boundary=xYzZY\r\n";

ServerOptions inbound_on() {
  ServerOptions options;
  options.max_inbound_body_bytes = limits::kMaxInboundBodyBytes;
  return options;
}

}  // namespace

TEST_CASE("reading needs a live token when sign-in is required, and anyone may read otherwise") {
  Fixture fixture;
  const Gatekeeper gate = fixture.gate();
  CHECK_FALSE(gate.check_read(bearer(fixture.viewer)));
  const auto anonymous = gate.check_read({});
  REQUIRE(anonymous);
  CHECK(anonymous->error.kind == ErrorKind::unauthorized);
  CHECK(anonymous->challenge == Challenge::bearer);
  const auto unknown = gate.check_read(bearer("tkm_nope"));
  REQUIRE(unknown);
  CHECK(unknown->error.message == "unknown or revoked token");

  const Gatekeeper open = fixture.gate({.require_sign_in = false});
  CHECK_FALSE(open.check_read({}));
  CHECK(open.check_read(bearer("tkm_nope")));  // a bad token is refused even then
}

TEST_CASE("an API write needs an editor's bearer token") {
  Fixture fixture;
  const Gatekeeper gate = fixture.gate();
  const auto editor = gate.api_writer(bearer(fixture.editor));
  REQUIRE(editor.ok());
  CHECK(gate.actor_of(*editor).by == "編集者");
  const auto viewer = gate.api_writer(bearer(fixture.viewer));
  REQUIRE_FALSE(viewer.ok());
  CHECK(viewer.error().error.kind == ErrorKind::forbidden);
  CHECK(viewer.error().error.message.ends_with("writing needs an editor's or an admin's"));
  const auto nobody = gate.api_writer({});
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.error().error.message ==
        "writing needs an editor's token: Authorization: Bearer TOKEN");
  CHECK(gate.shows_personal_data(bearer(fixture.editor)));
  CHECK_FALSE(gate.shows_personal_data(bearer(fixture.viewer)));
}

TEST_CASE("metrics are answered on this machine, or to a token, or to anyone, as configured") {
  Fixture fixture;
  const Gatekeeper loopback = fixture.gate();
  CHECK_FALSE(loopback.check_metrics({}, "127.0.0.1"));
  const auto remote = loopback.check_metrics({}, "192.0.2.1");
  REQUIRE(remote);
  CHECK(remote->error.kind == ErrorKind::forbidden);
  const Gatekeeper token = fixture.gate({.metrics = MetricsAccess::token});
  CHECK_FALSE(token.check_metrics(bearer(fixture.viewer), "192.0.2.1"));
  REQUIRE(token.check_metrics({}, "127.0.0.1"));
  CHECK(token.check_metrics({}, "127.0.0.1")->error.message ==
        "/metrics needs a token: Authorization: Bearer TOKEN (server.metrics: \"token\")");
  CHECK_FALSE(fixture.gate({.metrics = MetricsAccess::open}).check_metrics({}, "192.0.2.1"));
}

TEST_CASE(
    "signing in takes both halves of the form's pair and a live token, then forms need the "
    "session's CSRF token") {
  Fixture fixture;
  Gatekeeper gate = fixture.gate();
  const auto pair = gate.sign_in_pair();
  CHECK(pair.set_cookie.starts_with("torikumi_signin=" + pair.csrf_token + ";"));
  const Credentials with_pair{std::nullopt, "torikumi_signin=" + pair.csrf_token};
  CHECK(gate.sign_in({}, {{"csrf", pair.csrf_token}, {"token", fixture.editor}}).error() ==
        SignInRefusal::expired_form);
  CHECK(gate.sign_in(with_pair, {{"csrf", pair.csrf_token}, {"token", "tkm_nope"}}).error() ==
        SignInRefusal::unknown_token);
  const auto session =
      gate.sign_in(with_pair, {{"csrf", pair.csrf_token}, {"token", fixture.editor}});
  REQUIRE(session.ok());
  const std::string cookie = gate.session_cookie(*session);
  CHECK(cookie.starts_with("torikumi_session=" + session->cookie_value +
                           "; Path=/; HttpOnly; SameSite=Strict; Max-Age="));

  const Credentials signed_in{std::nullopt, "torikumi_session=" + session->cookie_value};
  CHECK(gate.form_sender({}, {}).error() == FormRefusal::not_signed_in);
  CHECK(gate.form_sender(signed_in, {{"csrf", "wrong"}}).error() == FormRefusal::expired);
  const auto sender = gate.form_sender(signed_in, {{"csrf", session->csrf_token}});
  REQUIRE(sender.ok());
  CHECK(sender->principal.label == "編集者");
  // A session reads, but does not write through the API.
  CHECK_FALSE(gate.check_read(signed_in));
  CHECK_FALSE(gate.api_writer(signed_in).ok());

  const auto cleared = gate.sign_out(signed_in);
  REQUIRE(cleared.ok());
  CHECK(*cleared == "torikumi_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  CHECK_FALSE(gate.session_of(signed_in));
}

TEST_CASE("behind https the session cookie and its clearing are Secure") {
  Fixture fixture;
  Gatekeeper gate = fixture.gate({.require_sign_in = true,
                                  .metrics = MetricsAccess::loopback,
                                  .secure_cookies = true,
                                  .max_body_bytes = 1024,
                                  .max_anonymous_body_bytes = 64});
  const auto pair = gate.sign_in_pair();
  const Credentials with_pair{std::nullopt, "torikumi_signin=" + pair.csrf_token};
  const auto session =
      gate.sign_in(with_pair, {{"csrf", pair.csrf_token}, {"token", fixture.editor}});
  REQUIRE(session.ok());
  CHECK(gate.session_cookie(*session).starts_with(
      "torikumi_session=" + session->cookie_value +
      "; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age="));
  const Credentials signed_in{std::nullopt, "torikumi_session=" + session->cookie_value};
  const auto cleared = gate.sign_out(signed_in);
  REQUIRE(cleared.ok());
  CHECK(*cleared == "torikumi_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

}  // namespace torikumi::http

namespace torikumi::http {

TEST_CASE("a write is recorded as the token's holder, else its label, else its number") {
  Fixture fixture;
  const Gatekeeper gate = fixture.gate();
  CHECK(gate.actor_of(
                {.token_id = 4, .role = store::Role::editor, .label = "CI", .name = "田中 花子"})
            .by == "田中 花子");
  CHECK(gate.actor_of({.token_id = 4, .role = store::Role::editor, .label = "CI", .name = ""}).by ==
        "CI");
  CHECK(gate.actor_of({.token_id = 4, .role = store::Role::editor, .label = "", .name = ""}).by ==
        "token 4");
}

TEST_CASE(
    "an admin makes tokens on the account page and revokes only what their token made; others may "
    "not") {
  Fixture fixture;
  Gatekeeper gate = fixture.gate();
  const auto admin = fixture.access->bearer(fixture.token(store::Role::admin, "管理"));
  const auto editor = fixture.access->bearer(fixture.editor);
  REQUIRE(admin);
  REQUIRE(editor);

  const auto made = gate.make_token(*admin, store::Role::editor, "CI", "鈴木 一郎");
  REQUIRE(made.ok());
  CHECK(made->token.name == "鈴木 一郎");
  CHECK(made->token.created_by_token == admin->token_id);
  const auto holder = fixture.access->bearer(made->secret);
  REQUIRE(holder);
  CHECK(holder->name == "鈴木 一郎");
  CHECK(gate.actor_of(*holder).by == "鈴木 一郎");

  const auto refused = gate.make_token(*editor, store::Role::viewer, "", "");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() == HttpError{ErrorKind::forbidden,
                                     "token 2 is an editor's; making a token needs an admin's",
                                     KnownRefusal::token_needs_admin});

  const auto subscription = gate.subscribe(*holder, {"higashi-kyosei", "", ""}, "");
  CHECK_FALSE(subscription.ok());  // no plan in this database
  const Account account = gate.account_of(*admin);
  REQUIRE(account.tokens.size() == 2);
  CHECK(account.tokens[0].id == admin->token_id);
  CHECK(account.tokens[1].id == made->token.id);
  CHECK(gate.account_of(*editor).tokens.size() == 1);

  const auto not_theirs = gate.revoke_token(*editor, made->token.id);
  REQUIRE_FALSE(not_theirs.ok());
  CHECK(not_theirs.error() == HttpError{ErrorKind::not_found,
                                        "no token 4 made with your token",
                                        KnownRefusal::no_such_token,
                                        {"4"}});
  CHECK_FALSE(gate.revoke_token(*admin, admin->token_id).ok());  // their own: the CLI's to revoke
  const auto revoked = gate.revoke_token(*admin, made->token.id);
  REQUIRE(revoked.ok());
  CHECK(revoked->tokens.size() == 1);
  CHECK_FALSE(fixture.access->bearer(made->secret));
  const auto no_subscription = gate.revoke_subscription(*admin, 1);
  REQUIRE_FALSE(no_subscription.ok());
  CHECK(no_subscription.error().message == "no subscription 1 made with your token");
}

TEST_CASE("a 12 MiB post to /inbound/email is framed and handed over whole, from anyone") {
  Fixture fixture;
  LimitsServer server{fixture, inbound_on()};
  const std::string body = sendgrid_body(12 * 1024 * 1024);
  server.expect(body);
  SUBCASE("with a Content-Length, multipart as sent") {
    const int client = server.connect();
    REQUIRE(send_all(
        client, head_of("POST", "/inbound/email", length_of(body.size()), kSendGridType) + body));
    const auto [status, answer] = answer_on(client);
    CHECK(status == "HTTP/1.1 200 OK");
    CHECK(answer == "inbound 12582912 as sent multipart/form-data; boundary=xYzZY");
    ::close(client);
  }
  SUBCASE("chunked, to the path with a secret and /mime") {
    const int client = server.connect();
    std::string chunked;
    for (std::size_t at = 0; at < body.size(); at += 1024 * 1024) {
      const std::string_view chunk = std::string_view{body}.substr(at, 1024 * 1024);
      char size[32];
      const auto end = std::to_chars(size, size + sizeof size, chunk.size(), 16).ptr;
      chunked.append(size, end).append("\r\n").append(chunk).append("\r\n");
    }
    chunked += "0\r\n\r\n";
    REQUIRE(send_all(client, head_of("POST", "/inbound/email/0123456789abcdef0123456789abcdef/mime",
                                     "Transfer-Encoding: chunked", kSendGridType) +
                                 chunked));
    CHECK(answer_on(client).second ==
          "inbound 12582912 as sent multipart/form-data; boundary=xYzZY");
    ::close(client);
  }
}

TEST_CASE("only /inbound/email gets its bound: other paths, methods and callers keep theirs") {
  Fixture fixture;
  struct Case {
    std::string what;
    ServerOptions options;
    std::string head;
    std::string status;
    std::string answer;
  };
  const std::size_t twelve = 12 * 1024 * 1024;
  const std::string anonymous_over =
      R"({"error":"a body over 8192 bytes needs a token or a session: Authorization: Bearer TOKEN"})";
  const Case cases[] = {
      {"the API, anonymous", inbound_on(), head_of("POST", "/api/plans", length_of(twelve)),
       "HTTP/1.1 401 Unauthorized", anonymous_over},
      {"the API, an editor", inbound_on(),
       head_of("POST", "/api/plans", length_of(twelve),
               "Authorization: Bearer " + fixture.editor + "\r\n"),
       "HTTP/1.1 413 Content Too Large",
       R"({"error":"request body over the limit of 1048576 bytes"})"},
      {"16 MiB to /inbound/email", inbound_on(),
       head_of("POST", "/inbound/email", length_of(16 * 1024 * 1024), kSendGridType),
       "HTTP/1.1 413 Content Too Large",
       R"({"error":"request body over the limit of 15728640 bytes"})"},
      {"16 MiB chunked to /inbound/email", inbound_on(),
       head_of("POST", "/inbound/email", "Transfer-Encoding: chunked") + "1000000\r\n",
       "HTTP/1.1 413 Content Too Large",
       R"({"error":"request body over the limit of 15728640 bytes"})"},
      {"a PUT to /inbound/email", inbound_on(), head_of("PUT", "/inbound/email", length_of(twelve)),
       "HTTP/1.1 401 Unauthorized", anonymous_over},
      {"a path that only starts like it", inbound_on(),
       head_of("POST", "/inbound/emails", length_of(twelve)), "HTTP/1.1 401 Unauthorized",
       anonymous_over},
      {"the webhook off", ServerOptions{}, head_of("POST", "/inbound/email", length_of(twelve)),
       "HTTP/1.1 401 Unauthorized", anonymous_over},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    LimitsServer server{fixture, c.options};
    const int client = server.connect();
    REQUIRE(send_all(client, c.head));  // the head alone: refused before the body is sent
    const auto [status, answer] = answer_on(client);
    CHECK(status == c.status);
    CHECK(answer == c.answer);
    ::close(client);
  }
  // Nor is anything tightened: an editor's API write of the whole 1 MiB goes through every layer.
  LimitsServer server{fixture, inbound_on()};
  const int client = server.connect();
  const std::string megabyte(1024 * 1024, 'x');
  REQUIRE(send_all(client, head_of("POST", "/api/plans", length_of(megabyte.size()),
                                   "Authorization: Bearer " + fixture.editor + "\r\n") +
                               megabyte));
  CHECK(answer_on(client).second == "api 1048576");
  ::close(client);
}

TEST_CASE(
    "inbound bodies in flight share a budget: past it 503, and a finished one gives it back") {
  Fixture fixture;
  ServerOptions options = inbound_on();
  options.inbound_body_budget_bytes = 20 * 1024 * 1024;
  LimitsServer server{fixture, options};
  const std::string body = sendgrid_body(12 * 1024 * 1024);
  server.expect(body);
  const std::string head = head_of("POST", "/inbound/email", length_of(body.size()), kSendGridType);

  const int first = server.connect();
  REQUIRE(send_all(first, head + body.substr(0, 1024)));  // 12 MiB held while it arrives
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  const int second = server.connect();
  REQUIRE(send_all(second, head));
  const auto [status, answer] = answer_on(second);
  CHECK(status == "HTTP/1.1 503 Service Unavailable");
  CHECK(answer == R"({"error":"too many inbound emails at once; try again"})");
  ::close(second);

  REQUIRE(send_all(first, body.substr(1024)));
  CHECK(answer_on(first).second == "inbound 12582912 as sent multipart/form-data; boundary=xYzZY");
  ::close(first);
  const int third = server.connect();
  REQUIRE(send_all(third, head + body));
  CHECK(answer_on(third).second == "inbound 12582912 as sent multipart/form-data; boundary=xYzZY");
  ::close(third);
}

TEST_CASE("an inbound body still has to arrive within the whole request's deadline") {
  Fixture fixture;
  ServerOptions options = inbound_on();
  options.request_timeout = std::chrono::seconds{1};
  LimitsServer server{fixture, options};
  const int client = server.connect();
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(send_all(client,
                   head_of("POST", "/inbound/email", length_of(12 * 1024 * 1024), kSendGridType) +
                       std::string(64 * 1024, 'x')));
  const auto [status, answer] = answer_on(client);
  CHECK(status == "HTTP/1.1 408 Request Timeout");
  CHECK(answer == R"({"error":"the request did not arrive in time"})");
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{900});
  ::close(client);
}

}  // namespace torikumi::http

namespace torikumi::http {

TEST_CASE(
    "an agency's and a person's subscriptions are an admin's to make; a person's feed is not "
    "a viewer's to read") {
  Fixture fixture;
  {
    auto store = store::Store::open(fixture.database.path());
    REQUIRE(store.ok());
    const Member member{.name = "森 由紀",
                        .email = "mori@shakyo-higashi.example.jp",
                        .role = MemberRole::contact,
                        .since = std::nullopt,
                        .until = std::nullopt,
                        .pledged = std::nullopt};
    REQUIRE(store
                ->put_agency(
                    {"堺市社会福祉協議会東区事務所", AgencyKind::social_welfare_council, {member}},
                    kAdmin)
                .ok());
  }
  Gatekeeper gate = fixture.gate();
  const auto admin = fixture.access->bearer(fixture.token(store::Role::admin, "管理"));
  const auto editor = fixture.access->bearer(fixture.editor);
  const auto viewer = fixture.access->bearer(fixture.viewer);
  REQUIRE(admin);
  REQUIRE(editor);
  REQUIRE(viewer);
  store::SubscriptionScope agency;
  agency.agency = "堺市社会福祉協議会東区事務所";
  store::SubscriptionScope person;
  person.person = "mori@shakyo-higashi.example.jp";

  CHECK(gate.subscribe(*editor, agency, "").error() ==
        HttpError{ErrorKind::forbidden,
                  "token 2 is an editor's; an agency's subscription needs an admin's",
                  KnownRefusal::agency_needs_admin});
  CHECK(gate.subscribe(*viewer, person, "").error() ==
        HttpError{ErrorKind::forbidden,
                  "token 1 is a viewer's; a person's subscription needs an admin's",
                  KnownRefusal::person_needs_admin});
  const auto agency_made = gate.subscribe(*admin, agency, "社協");
  REQUIRE(agency_made.ok());
  const auto person_made = gate.subscribe(*admin, person, "");
  REQUIRE(person_made.ok());
  const FeedRequest agency_feed = feed_of(agency);
  const FeedRequest person_feed = feed_of(person);
  CHECK(
      feed_path(agency_feed) ==
      "/calendars/agency/"
      "%E5%A0%BA%E5%B8%82%E7%A4%BE%E4%BC%9A%E7%A6%8F%E7%A5%89%E5%8D%94%E8%AD%B0%E4%BC%9A%E6%9D%B1%"
      "E5%8C%BA%E4%BA%8B%E5%8B%99%E6%89%80.ics");
  CHECK(feed_path(person_feed) ==
        "/calendars/person/" + person_feed_key("mori@shakyo-higashi.example.jp") + ".ics");

  // Each secret opens its own feed only.
  CHECK(gate.opens_feed(agency_made->secret, agency_feed));
  CHECK_FALSE(gate.opens_feed(agency_made->secret, person_feed));
  CHECK(gate.opens_feed(person_made->secret, person_feed));
  CHECK_FALSE(gate.check_feed({}, person_made->secret, person_feed));

  // An agency's feed is read as any feed; a person's says whom they work with: not a viewer's.
  CHECK_FALSE(gate.check_feed(bearer(fixture.viewer), std::nullopt, agency_feed));
  CHECK_FALSE(gate.check_feed(bearer(fixture.editor), std::nullopt, person_feed));
  const auto to_viewer = gate.check_feed(bearer(fixture.viewer), std::nullopt, person_feed);
  REQUIRE(to_viewer);
  CHECK(to_viewer->error ==
        HttpError{ErrorKind::forbidden,
                  "token 1 is a viewer's; a person's feed needs its subscription's secret, or an "
                  "editor's or an admin's token"});
  const Gatekeeper open = fixture.gate({.require_sign_in = false});
  CHECK_FALSE(open.check_feed({}, std::nullopt, agency_feed));
  const auto to_anyone = open.check_feed({}, std::nullopt, person_feed);
  REQUIRE(to_anyone);
  CHECK(to_anyone->error.kind == ErrorKind::unauthorized);
  CHECK(to_anyone->challenge == Challenge::bearer);
  CHECK(open.check_feed({}, agency_made->secret, person_feed));
}

}  // namespace torikumi::http

namespace torikumi::http {

TEST_CASE(
    "an agenda's reader is the secretariat, or a person with the agencies they are in today") {
  const auto member = [](std::string email, std::optional<date::sys_days> until) {
    return Member{.name = "担当者",
                  .email = std::move(email),
                  .role = MemberRole::contact,
                  .since = std::nullopt,
                  .until = until,
                  .pledged = std::nullopt};
  };
  const std::vector<Agency> agencies{
      {"こども家庭センター",
       AgencyKind::child_family_center,
       {member("kodomo@example.org", std::nullopt),
        member("left@example.org", date::sys_days{date::year{2026} / 3 / 31})}},
      {"民生委員", AgencyKind::welfare_commissioner, {member("Kodomo@example.org", std::nullopt)}}};
  const date::sys_days day = date::sys_days{date::year{2026} / 6 / 1};
  const AgendaItem case_item{.id = 1,
                             .occurrence = "p/meeting/2026-06",
                             .position = 1,
                             .title = "事例",
                             .presenter = {},
                             .minutes = 0,
                             .visibility = ItemVisibility::named_agencies,
                             .agencies = {"民生委員"},
                             .carried_from = std::nullopt,
                             .created_at = {},
                             .created_by = {}};
  const AgendaReader person =
      Gatekeeper::agenda_reader(store::Role::viewer, "kodomo@example.org", agencies, day);
  CHECK_FALSE(person.sees_all);
  CHECK(person.agencies == std::vector<std::string>{"こども家庭センター", "民生委員"});
  CHECK(may_see(case_item, person));
  // A former member, a token of no person, nobody signed in: the open items only.
  for (const AgendaReader& other :
       {Gatekeeper::agenda_reader(store::Role::editor, "left@example.org", agencies, day),
        Gatekeeper::agenda_reader(store::Role::editor, "", agencies, day),
        Gatekeeper::agenda_reader(std::nullopt, "kodomo@example.org", agencies, day)}) {
    CHECK(other.agencies.empty());
    CHECK_FALSE(may_see(case_item, other));
  }
  // The secretariat and admins see every item, of any agency.
  CHECK(Gatekeeper::agenda_reader(store::Role::secretariat, "", agencies, day).sees_all);
  CHECK(Gatekeeper::agenda_reader(store::Role::admin, "", agencies, day).sees_all);
}

}  // namespace torikumi::http
