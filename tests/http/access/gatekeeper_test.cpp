// Who is calling, decided in one place: tokens, sessions, /metrics, API writers, forms, sign-in.

#include "http/access/gatekeeper.hpp"

#include <doctest/doctest.h>

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
