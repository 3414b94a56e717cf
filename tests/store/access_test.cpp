#include "store/access.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <sstream>

#include "engine/meetings/agency.hpp"
#include "store/secrets.hpp"
#include "tests/store/test_database.hpp"

using namespace date;
using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::read_test_plan;
using torikumi::store::testing::TemporaryDatabase;

namespace {

constexpr const char* kPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
 "fiscal_year": 2026, "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）", "kind": "meeting",
   "owner": "地域福祉課"},
  {"id": "span", "title": "周知", "when": "（4～3月）", "owner": "子育て支援課"}]})";

const sys_seconds kMonday = sys_days{2026_y / April / 20} + std::chrono::hours{1};
const Actor kTanaka{"tanaka", kMonday};
const Actor kSuzuki{"suzuki", kMonday + std::chrono::hours{2}};

Access open_access(const std::string& path, const OpenOptions& options = {}) {
  auto access = Access::open(path, options);
  REQUIRE_MESSAGE(access.ok(), (access.ok() ? "" : access.error().message));
  return std::move(access.value());
}

void import_plan(const std::string& path, const OpenOptions& options = {}) {
  auto store = Store::open(path, options);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  const auto imported = store->import_plan(
      read_test_plan(kPlan), {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
}

// A hash that is not any real secret's, for tests that only need a distinct one.
std::string hash_of(const std::string& name) { return store::sha256_hex(name); }

template <typename T>
T required(Result<T> result) {
  REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
  return std::move(result.value());
}

template <typename T>
std::string error_of(const Result<T>& result) {
  REQUIRE_FALSE(result.ok());
  return result.error().message;
}

// Every text the tables hold, one row per line, read with sqlite3 itself.
std::string table_text(const std::string& path, const char* table) {
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const std::string sql = std::string{"SELECT * FROM "} + table;
  REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::string text;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      const auto* value = sqlite3_column_text(statement, column);
      text += value ? reinterpret_cast<const char*>(value) : "NULL";
      text += '|';
    }
    text += '\n';
  }
  sqlite3_finalize(statement);
  sqlite3_close(database);
  return text;
}

// The file's bytes with its write-ahead log's: what someone who copies the file has.
std::string file_bytes(const std::string& path) {
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream file{path + suffix, std::ios::binary};
    bytes.append(std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{});
  }
  return bytes;
}

SubscriptionScope plan_feed(const std::string& plan) {
  return {.plan = plan, .owner = "", .organisation = ""};
}
SubscriptionScope owner_feed(const std::string& plan, const std::string& owner) {
  return {.plan = plan, .owner = owner, .organisation = ""};
}
SubscriptionScope organisation_feed(const std::string& organisation) {
  return {.plan = "", .owner = "", .organisation = organisation};
}
SubscriptionScope agency_feed(const std::string& agency) {
  return {.plan = "", .owner = "", .organisation = "", .agency = agency, .person = ""};
}
SubscriptionScope person_feed(const std::string& email) {
  return {.plan = "", .owner = "", .organisation = "", .agency = "", .person = email};
}

// Two agencies: こども家庭センター with a contact and a former member, and the council with one
// member.
void put_agencies(const std::string& path) {
  auto store = Store::open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  const Member contact{.name = "堺 次郎",
                       .email = "kodomo-katei@example.org",
                       .role = MemberRole::contact,
                       .since = std::nullopt,
                       .until = std::nullopt,
                       .pledged = std::nullopt};
  const Member former{.name = "大野 健",
                      .email = "ono@example.jp",
                      .role = MemberRole::member,
                      .since = std::nullopt,
                      .until = sys_days{2025_y / March / 31},
                      .pledged = std::nullopt};
  const Member council{.name = "森 由紀",
                       .email = "mori@example.jp",
                       .role = MemberRole::contact,
                       .since = std::nullopt,
                       .until = std::nullopt,
                       .pledged = std::nullopt};
  REQUIRE(
      store
          ->put_agency({"こども家庭センター", AgencyKind::child_family_center, {contact, former}},
                       kTanaka)
          .ok());
  REQUIRE(store
              ->put_agency(
                  {"堺市社会福祉協議会東区事務所", AgencyKind::social_welfare_council, {council}},
                  kTanaka)
              .ok());
}

Session session_of(std::int64_t token_id, const std::string& name, sys_seconds created,
                   std::chrono::seconds lasting) {
  return Session{.hash = hash_of(name),
                 .token_id = token_id,
                 .csrf_token = "csrf-" + name,
                 .created_at = created,
                 .expires_at = created + lasting};
}

}  // namespace

TEST_CASE("roles read from their names and each includes the ones below it") {
  CHECK(parse_role("viewer") == Role::viewer);
  CHECK(parse_role("editor") == Role::editor);
  CHECK(parse_role("admin") == Role::admin);
  CHECK(parse_role("root") == std::nullopt);
  CHECK(parse_role("Admin") == std::nullopt);
  for (const Role role : {Role::viewer, Role::editor, Role::admin})
    CHECK(parse_role(to_string(role)) == role);

  struct Case {
    Role held;
    Role needed;
    bool allowed;
  };
  const std::array cases{
      Case{Role::viewer, Role::viewer, true}, Case{Role::viewer, Role::editor, false},
      Case{Role::viewer, Role::admin, false}, Case{Role::editor, Role::viewer, true},
      Case{Role::editor, Role::editor, true}, Case{Role::editor, Role::admin, false},
      Case{Role::admin, Role::viewer, true},  Case{Role::admin, Role::editor, true},
      Case{Role::admin, Role::admin, true},
  };
  for (const Case& c : cases) {
    CAPTURE(to_string(c.held));
    CAPTURE(to_string(c.needed));
    CHECK(role_allows(c.held, c.needed) == c.allowed);
  }
}

TEST_CASE("tokens are created with their role and label and listed in order") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const ApiToken ci = required(access.create_token(hash_of("ci"), Role::editor, "CI", kTanaka));
  const ApiToken board =
      required(access.create_token(hash_of("board"), Role::viewer, "掲示板", kSuzuki));
  CHECK(ci == ApiToken{.id = 1,
                       .hash = hash_of("ci"),
                       .role = Role::editor,
                       .label = "CI",
                       .created_at = kTanaka.at,
                       .created_by = "tanaka",
                       .revoked_at = std::nullopt});
  CHECK(board.id == 2);
  CHECK(required(access.list_tokens()) == std::vector<ApiToken>{ci, board});
  // A second connection reads the same.
  Access other = open_access(file.path());
  CHECK(required(other.list_tokens()) == std::vector<ApiToken>{ci, board});
}

TEST_CASE("a token is refused unless its hash is a SHA-256 not in use") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const std::string expected =
      "token hash: expected the 64 lower-case hex digits of a SHA-256, got ";
  CHECK(error_of(access.create_token("", Role::admin, "", kTanaka)) == expected + "0 characters");
  // The secret itself, passed by mistake, is not written.
  CHECK(error_of(access.create_token(store::make_secret(store::SecretKind::api_token), Role::admin,
                                     "", kTanaka)) == expected + "47 characters");
  std::string upper = hash_of("ci");
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(error_of(access.create_token(upper, Role::admin, "", kTanaka)) ==
        expected + "64 characters");
  REQUIRE(access.create_token(hash_of("ci"), Role::editor, "CI", kTanaka).ok());
  CHECK(error_of(access.create_token(hash_of("ci"), Role::admin, "again", kSuzuki)) ==
        "token hash: already in use");
  CHECK(required(access.list_tokens()).size() == 1);
}

TEST_CASE("only hashes of the secrets are written to the file") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  const std::string token = store::make_secret(store::SecretKind::api_token);
  const std::string feed = store::make_secret(store::SecretKind::subscription);
  const std::string cookie = store::make_secret(store::SecretKind::session);
  const ApiToken created =
      required(access.create_token(store::sha256_hex(token), Role::admin, "管理", kTanaka));
  required(access.create_subscription(store::sha256_hex(feed), plan_feed("p"), "iPhone", kTanaka,
                                      std::nullopt));
  required(access.create_session({.hash = store::sha256_hex(cookie),
                                  .token_id = created.id,
                                  .csrf_token = store::make_secret(store::SecretKind::csrf),
                                  .created_at = kMonday,
                                  .expires_at = kMonday + std::chrono::hours{8}}));

  std::string rows;
  for (const char* table : {"api_tokens", "calendar_subscriptions", "sessions", "audit_log"})
    rows += table_text(file.path(), table);
  const std::string bytes = file_bytes(file.path());
  for (const std::string& secret : {token, feed, cookie}) {
    CAPTURE(secret);
    CHECK(rows.find(secret) == std::string::npos);
    CHECK(bytes.find(secret) == std::string::npos);
    // The search does find what is there: the hashes, in the rows and in the bytes.
    CHECK(rows.find(store::sha256_hex(secret)) != std::string::npos);
    CHECK(bytes.find(store::sha256_hex(secret)) != std::string::npos);
  }
  // The audit log keeps no hash either.
  const std::string audit = table_text(file.path(), "audit_log");
  for (const std::string& secret : {token, feed})
    CHECK(audit.find(store::sha256_hex(secret)) == std::string::npos);
}

TEST_CASE("revoking a token keeps it marked revoked and ends its sessions") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const ApiToken kept = required(access.create_token(hash_of("kept"), Role::viewer, "", kTanaka));
  const ApiToken lost = required(access.create_token(hash_of("lost"), Role::editor, "", kTanaka));
  const Session kept_session = session_of(kept.id, "a", kMonday, std::chrono::hours{8});
  const Session lost_session =
      session_of(lost.id, "b", kMonday + std::chrono::minutes{1}, std::chrono::hours{8});
  required(access.create_session(kept_session));
  required(access.create_session(lost_session));
  CHECK(required(access.load(kMonday)).sessions ==
        std::vector<Session>{kept_session, lost_session});

  const Revocation revocation = required(access.revoke_token(lost.id, kSuzuki));
  REQUIRE(revocation.tokens.size() == 1);
  CHECK(revocation.subscriptions.empty());
  const ApiToken revoked = revocation.tokens.front();
  CHECK(revoked.revoked_at == kSuzuki.at);
  const AccessSnapshot snapshot = required(access.load(kMonday));
  CHECK(snapshot.tokens == std::vector<ApiToken>{kept, revoked});
  CHECK(snapshot.sessions == std::vector<Session>{kept_session});
  CHECK(table_text(file.path(), "sessions").find(lost_session.hash) == std::string::npos);

  CHECK(error_of(access.revoke_token(lost.id, kSuzuki)) == "token 2 is revoked already");
  CHECK(error_of(access.revoke_token(7, kSuzuki)) == "unknown token 7");
  CHECK(error_of(access.create_session(session_of(lost.id, "c", kMonday, std::chrono::hours{1}))) ==
        "token 2 is revoked");
  CHECK(error_of(access.create_session(session_of(9, "c", kMonday, std::chrono::hours{1}))) ==
        "unknown token 9");
}

TEST_CASE("expired sessions are not loaded and are deleted as new ones are made") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const ApiToken token = required(access.create_token(hash_of("t"), Role::editor, "", kTanaka));
  const Session morning = session_of(token.id, "morning", kMonday, std::chrono::hours{1});
  required(access.create_session(morning));
  const sys_seconds expiry = morning.expires_at;
  CHECK(required(access.load(expiry - std::chrono::seconds{1})).sessions ==
        std::vector<Session>{morning});
  // Half-open: a session ends at its expiry.
  CHECK(required(access.load(expiry)).sessions.empty());
  CHECK(table_text(file.path(), "sessions").find(morning.hash) != std::string::npos);

  const Session afternoon = session_of(token.id, "afternoon", expiry, std::chrono::hours{1});
  required(access.create_session(afternoon));
  const std::string rows = table_text(file.path(), "sessions");
  CHECK(rows.find(morning.hash) == std::string::npos);
  CHECK(rows.find(afternoon.hash) != std::string::npos);

  CHECK(required(access.delete_session(afternoon.hash)) == true);
  CHECK(required(access.delete_session(afternoon.hash)) == false);
  CHECK(required(access.load(expiry)).sessions.empty());
}

TEST_CASE("a session is refused without a CSRF token, a future expiry or a hash") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const ApiToken token = required(access.create_token(hash_of("t"), Role::editor, "", kTanaka));
  Session session = session_of(token.id, "s", kMonday, std::chrono::hours{1});
  session.csrf_token.clear();
  CHECK(error_of(access.create_session(session)) == "session: the CSRF token is empty");
  session = session_of(token.id, "s", kMonday, std::chrono::seconds{0});
  CHECK(error_of(access.create_session(session)) ==
        "session: expires at 2026-04-20T01:00:00Z, not after it is made at 2026-04-20T01:00:00Z");
  session = session_of(token.id, "s", kMonday, std::chrono::hours{1});
  session.hash = "tkc_abc";
  CHECK(error_of(access.create_session(session)) ==
        "session hash: expected the 64 lower-case hex digits of a SHA-256, got 7 characters");
  session = session_of(token.id, "s", kMonday, std::chrono::hours{1});
  required(access.create_session(session));
  CHECK(error_of(access.create_session(session)) == "session hash: already in use");
}

TEST_CASE("a subscription opens a plan's, an owner's or an organisation's feed") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  const Subscription plan = required(
      access.create_subscription(hash_of("1"), plan_feed("p"), "iPhone", kTanaka, std::nullopt));
  const Subscription owner = required(access.create_subscription(
      hash_of("2"), owner_feed("p", "地域福祉課"), "", kTanaka, std::nullopt));
  const Subscription organisation = required(access.create_subscription(
      hash_of("3"), organisation_feed("東区役所"), "庁内", kSuzuki, std::nullopt));
  CHECK(plan == Subscription{.id = 1,
                             .hash = hash_of("1"),
                             .scope = {.plan = "p", .owner = "", .organisation = ""},
                             .label = "iPhone",
                             .created_at = kTanaka.at,
                             .created_by = "tanaka",
                             .revoked_at = std::nullopt,
                             .created_by_token = std::nullopt});
  CHECK(owner.scope == SubscriptionScope{.plan = "p", .owner = "地域福祉課", .organisation = ""});
  CHECK(organisation.scope ==
        SubscriptionScope{.plan = "", .owner = "", .organisation = "東区役所"});
  CHECK(required(access.list_subscriptions()) ==
        std::vector<Subscription>{plan, owner, organisation});

  const Subscription revoked = required(access.revoke_subscription(owner.id, kSuzuki));
  CHECK(revoked.revoked_at == kSuzuki.at);
  CHECK(required(access.load(kMonday)).subscriptions ==
        std::vector<Subscription>{plan, revoked, organisation});
  CHECK(error_of(access.revoke_subscription(owner.id, kSuzuki)) ==
        "subscription 2 is revoked already");
  CHECK(error_of(access.revoke_subscription(4, kSuzuki)) == "unknown subscription 4");
}

TEST_CASE("a subscription's scope must name one feed of the stored plans") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  struct Case {
    SubscriptionScope scope;
    std::string error;
  };
  const std::array cases{
      Case{{}, "a subscription needs a plan, an organisation, an agency or a person"},
      Case{{.plan = "p", .owner = "", .organisation = "東区役所"},
           "a subscription is of one of a plan, an organisation, an agency and a person, not "
           "several"},
      Case{{.plan = "", .owner = "地域福祉課", .organisation = "東区役所"},
           "an owner's subscription needs the plan of the owner's tasks"},
      Case{plan_feed("q"), "unknown plan \"q\""},
      Case{owner_feed("q", "地域福祉課"), "unknown plan \"q\""},
      Case{owner_feed("p", "山田"), "no task of the owner \"山田\" in the plan \"p\""},
      Case{{.plan = "", .owner = "", .organisation = "西区役所"},
           "no plan of the organisation \"西区役所\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.error);
    CHECK(error_of(access.create_subscription(hash_of("x"), c.scope, "", kTanaka, std::nullopt)) ==
          c.error);
  }
  CHECK(error_of(access.create_subscription("", plan_feed("p"), "", kTanaka, std::nullopt)) ==
        "subscription hash: expected the 64 lower-case hex digits of a SHA-256, got 0 characters");
  REQUIRE(access.create_subscription(hash_of("x"), plan_feed("p"), "", kTanaka, std::nullopt).ok());
  CHECK(error_of(access.create_subscription(hash_of("x"), plan_feed("p"), "", kTanaka,
                                            std::nullopt)) == "subscription hash: already in use");
  CHECK(required(access.list_subscriptions()).size() == 1);
}

TEST_CASE("a subscription opens an agency's feed or a person's, who are checked as they are") {
  const TemporaryDatabase file;
  import_plan(file.path());
  put_agencies(file.path());
  Access access = open_access(file.path());
  const Subscription agency = required(access.create_subscription(
      hash_of("1"), agency_feed("こども家庭センター"), "センター", kTanaka, std::nullopt));
  // The address as the person gave it: a member row's, but for the case of its letters.
  const Subscription person = required(access.create_subscription(
      hash_of("2"), person_feed("Kodomo-Katei@example.org"), "", kTanaka, std::nullopt));
  // A former member is someone the agencies know: their feed follows their memberships.
  const Subscription former = required(access.create_subscription(
      hash_of("3"), person_feed("ono@example.jp"), "", kTanaka, std::nullopt));
  CHECK(agency == Subscription{.id = 1,
                               .hash = hash_of("1"),
                               .scope = agency_feed("こども家庭センター"),
                               .label = "センター",
                               .created_at = kTanaka.at,
                               .created_by = "tanaka",
                               .revoked_at = std::nullopt,
                               .created_by_token = std::nullopt});
  CHECK(person.scope == person_feed("Kodomo-Katei@example.org"));
  CHECK(required(access.list_subscriptions()) == std::vector<Subscription>{agency, person, former});
  CHECK(table_text(file.path(), "calendar_subscriptions")
            .find("|NULL|NULL|NULL|センター|2026-04-20T01:00:00Z|tanaka|NULL|NULL|"
                  "こども家庭センター|NULL|") != std::string::npos);
}

TEST_CASE("an agency's or a person's subscription names one the agencies have") {
  const TemporaryDatabase file;
  import_plan(file.path());
  put_agencies(file.path());
  Access access = open_access(file.path());
  struct Case {
    SubscriptionScope scope;
    std::string error;
    ErrorCode code;
  };
  const std::string several =
      "a subscription is of one of a plan, an organisation, an agency and a person, not several";
  const std::array cases{
      Case{agency_feed("西区社会福祉協議会"), "no agency \"西区社会福祉協議会\"",
           ErrorCode::not_found},
      Case{person_feed("nobody@example.org"),
           "no agency has a member with the address \"nobody@example.org\"", ErrorCode::invalid},
      // Only ASCII letters fold: ｏ (full width) is not o.
      Case{person_feed("ｏno@example.jp"),
           "no agency has a member with the address \"ｏno@example.jp\"", ErrorCode::invalid},
      Case{{.plan = "p",
            .owner = "",
            .organisation = "",
            .agency = "こども家庭センター",
            .person = ""},
           several,
           ErrorCode::invalid},
      Case{{.plan = "",
            .owner = "",
            .organisation = "",
            .agency = "こども家庭センター",
            .person = "mori@example.jp"},
           several,
           ErrorCode::invalid},
      Case{{.plan = "",
            .owner = "",
            .organisation = "東区役所",
            .agency = "",
            .person = "mori@example.jp"},
           several,
           ErrorCode::invalid},
      Case{{.plan = "",
            .owner = "地域福祉課",
            .organisation = "",
            .agency = "こども家庭センター",
            .person = ""},
           "an owner's subscription needs the plan of the owner's tasks",
           ErrorCode::invalid},
  };
  for (const Case& c : cases) {
    CAPTURE(c.error);
    const auto made = access.create_subscription(hash_of("x"), c.scope, "", kTanaka, std::nullopt);
    CHECK(error_of(made) == c.error);
    CHECK(made.error().code == c.code);
  }
  CHECK(required(access.list_subscriptions()).empty());
}

TEST_CASE("an agency's and a person's subscriptions are audited with what they open") {
  const TemporaryDatabase file;
  import_plan(file.path());
  put_agencies(file.path());
  {
    Access access = open_access(file.path());
    required(access.create_subscription(hash_of("a"), agency_feed("こども家庭センター"), "",
                                        kTanaka, std::nullopt));
    required(access.create_subscription(hash_of("p"), person_feed("mori@example.jp"), "森さん",
                                        kTanaka, std::nullopt));
  }
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  const auto agency = required(store->history("subscription/1"));
  REQUIRE(agency.size() == 1);
  CHECK(
      agency[0].after ==
      R"({"agency":"こども家庭センター","created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":1,"label":"","revoked_at":null})");
  const auto person = required(store->history("subscription/2"));
  REQUIRE(person.size() == 1);
  CHECK(
      person[0].after ==
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":2,"label":"森さん","person":"mori@example.jp","revoked_at":null})");
}

TEST_CASE("a version 10 file gets subscriptions to agencies and people, its subscriptions kept") {
  const TemporaryDatabase file;
  std::vector<Migration> up_to_10;
  for (const Migration& migration : schema_migrations())
    if (migration.version <= 10) up_to_10.push_back(migration);
  REQUIRE(up_to_10.back().version == 10);
  import_plan(file.path(), {.migrations = up_to_10});
  std::vector<Subscription> before;
  {
    // What version 10 kept: a plan's, an owner's and an organisation's, one made with a token,
    // one revoked.
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    const std::string insert =
        "INSERT INTO api_tokens (hash, role, label, created_at, created_by) VALUES ('" +
        hash_of("t") +
        "', 'admin', '', '2026-04-01T00:00:00Z', 'cli');"
        "INSERT INTO calendar_subscriptions (id, hash, plan_id, owner, organisation, label, "
        "created_at, created_by, revoked_at, created_by_token) VALUES "
        "(3, '" +
        hash_of("plan") +
        "', 'p', NULL, NULL, 'iPhone', '2026-04-01T00:00:00Z', "
        "'cli', NULL, NULL), "
        "(5, '" +
        hash_of("owner") +
        "', 'p', '地域福祉課', NULL, '', '2026-04-02T00:00:00Z', "
        "'tanaka', '2026-04-03T00:00:00Z', 1), "
        "(6, '" +
        hash_of("org") +
        "', NULL, NULL, '東区役所', '区', '2026-04-04T00:00:00Z', "
        "'tanaka', NULL, 1)";
    CHECK(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  Access access = open_access(file.path());
  const auto read = required(access.list_subscriptions());
  CHECK(read == std::vector<Subscription>{{.id = 3,
                                           .hash = hash_of("plan"),
                                           .scope = plan_feed("p"),
                                           .label = "iPhone",
                                           .created_at = sys_days{2026_y / April / 1},
                                           .created_by = "cli",
                                           .revoked_at = std::nullopt,
                                           .created_by_token = std::nullopt},
                                          {.id = 5,
                                           .hash = hash_of("owner"),
                                           .scope = owner_feed("p", "地域福祉課"),
                                           .label = "",
                                           .created_at = sys_days{2026_y / April / 2},
                                           .created_by = "tanaka",
                                           .revoked_at = sys_days{2026_y / April / 3},
                                           .created_by_token = 1},
                                          {.id = 6,
                                           .hash = hash_of("org"),
                                           .scope = organisation_feed("東区役所"),
                                           .label = "区",
                                           .created_at = sys_days{2026_y / April / 4},
                                           .created_by = "tanaka",
                                           .revoked_at = std::nullopt,
                                           .created_by_token = 1}});
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  CHECK(required(store->schema_version()) == latest_schema_version());
  // The new scopes, on the rebuilt table: made, and revoked with the token they were made with.
  put_agencies(file.path());
  const Subscription agency = required(access.create_subscription(
      hash_of("agency"), agency_feed("こども家庭センター"), "", kTanaka, 1));
  CHECK(agency.id == 7);
  const Revocation revoked = required(access.revoke_token(1, kSuzuki));
  CHECK(revoked.subscriptions.size() == 2);  // the organisation's and the agency's
  // The table's CHECK holds to one feed a row, whoever writes it.
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
  for (const char* values :
       {"'p', NULL, NULL, 'こども家庭センター', NULL", "NULL, NULL, NULL, NULL, NULL",
        "NULL, NULL, NULL, 'こども家庭センター', 'mori@example.jp'",
        "NULL, '地域福祉課', NULL, 'こども家庭センター', NULL"}) {
    CAPTURE(values);
    const std::string insert =
        "INSERT INTO calendar_subscriptions (hash, plan_id, owner, organisation, agency, person, "
        "label, created_at, created_by) VALUES ('" +
        hash_of(values) + "', " + values + ", '', '2026-04-01T00:00:00Z', 'cli')";
    CHECK(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  }
  sqlite3_close(database);
}

TEST_CASE("every create and revoke is in the audit log without its hash") {
  const TemporaryDatabase file;
  import_plan(file.path());
  {
    Access access = open_access(file.path());
    const ApiToken token = required(access.create_token(hash_of("t"), Role::editor, "CI", kTanaka));
    required(access.create_session(session_of(token.id, "s", kMonday, std::chrono::hours{1})));
    required(access.revoke_token(token.id, kSuzuki));
    const Subscription subscription = required(access.create_subscription(
        hash_of("s"), owner_feed("p", "地域福祉課"), "課内", kTanaka, std::nullopt));
    required(access.revoke_subscription(subscription.id, kSuzuki));
  }
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  auto history = required(store->history(std::nullopt));
  REQUIRE(history.size() >= 4);
  history.erase(history.begin(), history.end() - 4);  // the plan import's come first
  const std::string token_before =
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":1,"label":"CI","revoked_at":null,"role":"editor"})";
  const std::string token_after =
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":1,"label":"CI","revoked_at":"2026-04-20T03:00:00Z","role":"editor"})";
  const std::string subscription_before =
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":1,"label":"課内","owner":"地域福祉課","plan":"p","revoked_at":null})";
  const std::string subscription_after =
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","id":1,"label":"課内","owner":"地域福祉課","plan":"p","revoked_at":"2026-04-20T03:00:00Z"})";
  struct Expected {
    std::string by, action, subject, before, after;
  };
  const std::array expected{
      Expected{"tanaka", "token create", "token/1", "", token_before},
      Expected{"suzuki", "token revoke", "token/1", token_before, token_after},
      Expected{"tanaka", "subscription create", "subscription/1", "", subscription_before},
      Expected{"suzuki", "subscription revoke", "subscription/1", subscription_before,
               subscription_after},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(history[i].by == expected[i].by);
    CHECK(history[i].action == expected[i].action);
    CHECK(history[i].subject == expected[i].subject);
    CHECK(history[i].before == expected[i].before);
    CHECK(history[i].after == expected[i].after);
  }
  CHECK(required(store->history("token/1")).size() == 2);
}

TEST_CASE("data_version changes when another connection commits, not for its own writes") {
  const TemporaryDatabase file;
  Access server = open_access(file.path());
  Access command = open_access(file.path());
  const std::int64_t first = required(server.data_version());
  CHECK(required(server.data_version()) == first);
  required(command.create_token(hash_of("t"), Role::viewer, "", kTanaka));
  const std::int64_t second = required(server.data_version());
  CHECK(second != first);
  CHECK(required(server.load(kMonday)).tokens.size() == 1);
  // The server's own writes do not change what it sees.
  required(server.create_token(hash_of("u"), Role::viewer, "", kTanaka));
  CHECK(required(server.data_version()) == second);
}

TEST_CASE("a version 1 file is upgraded to the access tables and keeps its plans") {
  // Written by torikumi before migrations 3 and 4: tests/data/store/version-1.sql says how.
  const TemporaryDatabase file;
  {
    std::ifstream dump{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/store/version-1.sql"};
    REQUIRE(dump);
    const std::string sql{std::istreambuf_iterator<char>{dump}, {}};
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    CHECK(sqlite3_exec(database, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  Access access = open_access(file.path());
  required(access.create_subscription(hash_of("s"), plan_feed("p"), "", kTanaka, std::nullopt));
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  CHECK(required(store->schema_version()) == latest_schema_version());
  CHECK(latest_schema_version() >= 3);
  CHECK(required(store->load_plan("p")).plan.id == "p");
  CHECK(required(access.list_subscriptions()).size() == 1);
}

TEST_CASE("revoking a token revokes the subscriptions made with it, in one audited transaction") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  const ApiToken editor =
      required(access.create_token(hash_of("e"), Role::editor, "編集者", kTanaka));
  const ApiToken admin = required(access.create_token(hash_of("a"), Role::admin, "", kTanaka));
  const Subscription by_editor =
      required(access.create_subscription(hash_of("1"), plan_feed("p"), "", kTanaka, editor.id));
  const Subscription by_cli =
      required(access.create_subscription(hash_of("2"), plan_feed("p"), "", kTanaka, std::nullopt));
  const Subscription by_admin = required(access.create_subscription(
      hash_of("3"), organisation_feed("東区役所"), "", kTanaka, admin.id));
  const Subscription by_editor_too = required(access.create_subscription(
      hash_of("4"), owner_feed("p", "地域福祉課"), "", kTanaka, editor.id));
  const Subscription revoked_before = required(access.revoke_subscription(
      required(access.create_subscription(hash_of("5"), plan_feed("p"), "", kTanaka, editor.id)).id,
      kTanaka));
  CHECK(by_editor.created_by_token == editor.id);
  CHECK(by_cli.created_by_token == std::nullopt);
  CHECK(required(access.list_subscriptions()).front() == by_editor);

  const Revocation revocation = required(access.revoke_token(editor.id, kSuzuki));
  ApiToken editor_after = editor;
  editor_after.revoked_at = kSuzuki.at;
  Subscription first_after = by_editor;
  first_after.revoked_at = kSuzuki.at;
  Subscription second_after = by_editor_too;
  second_after.revoked_at = kSuzuki.at;
  CHECK(revocation == Revocation{{editor_after}, {first_after, second_after}});
  CHECK(required(access.list_subscriptions()) ==
        std::vector<Subscription>{first_after, by_cli, by_admin, second_after, revoked_before});

  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  auto history = required(store->history(std::nullopt));
  REQUIRE(history.size() >= 3);
  history.erase(history.begin(), history.end() - 3);
  CHECK(history[0].action == "token revoke");
  CHECK(history[0].subject == "token/1");
  CHECK(history[1].action == "subscription revoke");
  CHECK(history[1].subject == "subscription/1");
  CHECK(history[1].by == "suzuki");
  CHECK(
      history[1].after ==
      R"({"created_at":"2026-04-20T01:00:00Z","created_by":"tanaka","created_by_token":1,"id":1,"label":"","plan":"p","revoked_at":"2026-04-20T03:00:00Z"})");
  CHECK(history[2].subject == "subscription/4");
}

TEST_CASE("a subscription is made with a live token only") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  const ApiToken token = required(access.create_token(hash_of("t"), Role::editor, "", kTanaka));
  required(access.revoke_token(token.id, kTanaka));
  CHECK(error_of(access.create_subscription(hash_of("1"), plan_feed("p"), "", kTanaka, token.id)) ==
        "token 1 is revoked");
  const auto unknown = access.create_subscription(hash_of("1"), plan_feed("p"), "", kTanaka, 9);
  CHECK(error_of(unknown) == "unknown token 9");
  CHECK(unknown.error().code == ErrorCode::not_found);
  CHECK(required(access.list_subscriptions()).empty());
}

TEST_CASE("revoking every token revokes what they made, and with every_one every subscription") {
  struct Case {
    SubscriptionsToRevoke which;
    std::size_t subscriptions_revoked;
  };
  for (const Case& c : {Case{SubscriptionsToRevoke::made_with_the_tokens, 1},
                        Case{SubscriptionsToRevoke::every_one, 3}}) {
    CAPTURE(c.subscriptions_revoked);
    const TemporaryDatabase file;
    import_plan(file.path());
    Access access = open_access(file.path());
    const ApiToken viewer = required(access.create_token(hash_of("v"), Role::viewer, "", kTanaka));
    const ApiToken editor = required(access.create_token(hash_of("e"), Role::editor, "", kTanaka));
    const ApiToken gone = required(access.create_token(hash_of("g"), Role::admin, "", kTanaka));
    required(access.revoke_token(gone.id, kTanaka));
    required(access.create_session(session_of(viewer.id, "s", kMonday, std::chrono::hours{8})));
    required(access.create_subscription(hash_of("1"), plan_feed("p"), "", kTanaka, editor.id));
    required(access.create_subscription(hash_of("2"), plan_feed("p"), "", kTanaka, std::nullopt));
    required(access.create_subscription(hash_of("3"), plan_feed("p"), "", kTanaka, std::nullopt));
    required(access.revoke_subscription(3, kTanaka));
    required(access.create_subscription(hash_of("4"), organisation_feed("東区役所"), "", kTanaka,
                                        std::nullopt));

    const Revocation revocation = required(access.revoke_all_tokens(kSuzuki, c.which));
    std::vector<std::int64_t> tokens;
    for (const ApiToken& token : revocation.tokens) tokens.push_back(token.id);
    CHECK(tokens == std::vector<std::int64_t>{viewer.id, editor.id});
    CHECK(revocation.subscriptions.size() == c.subscriptions_revoked);
    const AccessSnapshot snapshot = required(access.load(kMonday));
    CHECK(std::none_of(snapshot.tokens.begin(), snapshot.tokens.end(),
                       [](const ApiToken& token) { return !token.revoked_at; }));
    CHECK(snapshot.sessions.empty());
    const auto live = std::count_if(snapshot.subscriptions.begin(), snapshot.subscriptions.end(),
                                    [](const Subscription& s) { return !s.revoked_at; });
    CHECK(static_cast<std::size_t>(live) == 3 - c.subscriptions_revoked);
    // Nothing live is no error.
    CHECK(required(access.revoke_all_tokens(kSuzuki, c.which)) == Revocation{});
  }
}

TEST_CASE("a version 4 file gets the subscriptions' token column, its subscriptions kept") {
  const TemporaryDatabase file;
  const std::vector<Migration> up_to_4{schema_migrations().begin(),
                                       schema_migrations().begin() + 4};
  REQUIRE(up_to_4.back().version == 4);
  // A file as version 4 made it: today's import writes columns of later versions, so the plan's
  // row is written as version 4 wrote it.
  REQUIRE(Store::open(file.path(), {.migrations = up_to_4}).ok());
  {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    CHECK(sqlite3_exec(database,
                       "INSERT INTO plans (id, revision, initiative, time_zone, "
                       "fiscal_year_start_month, fiscal_year) VALUES ('p', 1, '取組', "
                       "'Asia/Tokyo', 4, 2026)",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* revision = nullptr;
    REQUIRE(sqlite3_prepare_v2(database,
                               "INSERT INTO plan_revisions (plan_id, revision, json, source, "
                               "imported_at, imported_by) VALUES ('p', 1, ?1, 'p.json', "
                               "'2026-04-01T00:00:00Z', 'cli')",
                               -1, &revision, nullptr) == SQLITE_OK);
    sqlite3_bind_text(revision, 1, kPlan, -1, SQLITE_STATIC);
    CHECK(sqlite3_step(revision) == SQLITE_DONE);
    sqlite3_finalize(revision);
    const std::string insert =
        "INSERT INTO calendar_subscriptions (hash, plan_id, label, created_at, created_by) "
        "VALUES ('" +
        hash_of("old") + "', 'p', '', '2026-04-01T00:00:00Z', 'cli')";
    CHECK(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  Access access = open_access(file.path());
  const auto subscriptions = required(access.list_subscriptions());
  REQUIRE(subscriptions.size() == 1);
  CHECK(subscriptions[0].created_by_token == std::nullopt);
  CHECK_FALSE(subscriptions[0].revoked_at);
  const ApiToken token = required(access.create_token(hash_of("t"), Role::editor, "", kTanaka));
  required(access.create_subscription(hash_of("new"), plan_feed("p"), "", kTanaka, token.id));
  CHECK(required(access.revoke_token(token.id, kSuzuki)).subscriptions.size() == 1);
  CHECK_FALSE(required(access.list_subscriptions())[0].revoked_at);  // the CLI's stays
  CHECK(table_text(file.path(), "calendar_subscriptions").find("|cli|NULL|NULL|") !=
        std::string::npos);
}

TEST_CASE(
    "a token names its holder, and revoking the token one was made with revokes it with what it "
    "made") {
  const TemporaryDatabase file;
  import_plan(file.path());
  Access access = open_access(file.path());
  const ApiToken admin = required(access.create_token(hash_of("a"), Role::admin, "管理", kTanaka,
                                                      {.name = "山田 太郎", .made_with = {}}));
  const ApiToken made = required(access.create_token(hash_of("m"), Role::editor, "", kTanaka,
                                                     {.name = "鈴木 一郎", .made_with = admin.id}));
  const ApiToken made_by_made = required(access.create_token(
      hash_of("mm"), Role::viewer, "掲示板", kTanaka, {.name = "", .made_with = made.id}));
  const ApiToken other = required(access.create_token(hash_of("o"), Role::viewer, "", kTanaka));
  const Subscription feed =
      required(access.create_subscription(hash_of("f"), plan_feed("p"), "", kTanaka, made.id));
  CHECK(admin.name == "山田 太郎");
  CHECK(made.created_by_token == admin.id);
  CHECK(required(access.list_tokens()) == std::vector<ApiToken>{admin, made, made_by_made, other});
  CHECK(error_of(access.create_token(hash_of("x"), Role::viewer, "", kTanaka,
                                     {.name = "", .made_with = 99})) == "unknown token 99");

  const Revocation revocation = required(access.revoke_token(admin.id, kSuzuki));
  std::vector<std::int64_t> tokens;
  for (const ApiToken& token : revocation.tokens) tokens.push_back(token.id);
  CHECK(tokens == std::vector<std::int64_t>{admin.id, made.id, made_by_made.id});
  REQUIRE(revocation.subscriptions.size() == 1);
  CHECK(revocation.subscriptions[0].id == feed.id);
  CHECK_FALSE(required(access.list_tokens())[3].revoked_at);  // made by the CLI: kept
  CHECK(error_of(access.create_token(hash_of("y"), Role::viewer, "", kTanaka,
                                     {.name = "", .made_with = admin.id})) == "token 1 is revoked");
  // The audit log names the holder and the maker.
  const std::string audit = table_text(file.path(), "audit_log");
  CHECK(audit.find("\"name\":\"鈴木 一郎\"") != std::string::npos);
  CHECK(audit.find("\"created_by_token\":1") != std::string::npos);
}

TEST_CASE("revoking every token skips those revoked already with the token they were made with") {
  const TemporaryDatabase file;
  Access access = open_access(file.path());
  const ApiToken admin = required(access.create_token(hash_of("a"), Role::admin, "", kTanaka));
  required(access.create_token(hash_of("m"), Role::editor, "", kTanaka,
                               {.name = "", .made_with = admin.id}));
  const Revocation revocation =
      required(access.revoke_all_tokens(kSuzuki, SubscriptionsToRevoke::made_with_the_tokens));
  CHECK(revocation.tokens.size() == 2);
}

TEST_CASE("a version 6 file gets the tokens' holder and maker columns, its tokens kept") {
  const TemporaryDatabase file;
  std::vector<Migration> up_to_6;
  for (const Migration& migration : schema_migrations())
    if (migration.version <= 6) up_to_6.push_back(migration);
  REQUIRE(up_to_6.back().version == 6);
  REQUIRE(Store::open(file.path(), {.migrations = up_to_6}).ok());
  {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    const std::string insert =
        "INSERT INTO api_tokens (hash, role, label, created_at, created_by) VALUES ('" +
        hash_of("old") + "', 'editor', 'CI', '2026-04-01T00:00:00Z', 'cli')";
    CHECK(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  Access access = open_access(file.path());
  const auto tokens = required(access.list_tokens());
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].label == "CI");
  CHECK(tokens[0].name == "");
  CHECK(tokens[0].created_by_token == std::nullopt);
}

TEST_CASE("a token belongs to a person some agency has, and a secretariat's role is kept") {
  const TemporaryDatabase file;
  import_plan(file.path());
  put_agencies(file.path());
  Access access = open_access(file.path());
  const ApiToken kodomo = required(access.create_token(
      hash_of("k"), Role::secretariat, "", kTanaka,
      {.name = "堺 次郎", .made_with = {}, .person = "Kodomo-Katei@example.org"}));
  CHECK(kodomo.role == Role::secretariat);
  CHECK(kodomo.person == "Kodomo-Katei@example.org");
  CHECK(required(access.list_tokens()) == std::vector<ApiToken>{kodomo});
  CHECK(required(access.load(kMonday)).tokens.front().person == "Kodomo-Katei@example.org");
  // A former member is a person still; an address no agency ever had is not.
  CHECK(access
            .create_token(hash_of("o"), Role::viewer, "", kTanaka,
                          {.name = {}, .made_with = {}, .person = "ono@example.jp"})
            .ok());
  const auto stranger =
      access.create_token(hash_of("x"), Role::editor, "", kTanaka,
                          {.name = {}, .made_with = {}, .person = "x@example.jp"});
  REQUIRE_FALSE(stranger.ok());
  CHECK(stranger.error().message == "no agency has a member with the address \"x@example.jp\"");
  CHECK(required(access.list_tokens()).size() == 2);
  // The role is one of the four, whoever writes the row.
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
  const std::string insert =
      "INSERT INTO api_tokens (hash, role, label, created_at, created_by) VALUES ('" +
      hash_of("boss") + "', 'boss', '', '2026-04-01T00:00:00Z', 'cli')";
  CHECK(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_close(database);
  CHECK(parse_role("secretariat") == Role::secretariat);
  CHECK(role_allows(Role::secretariat, Role::editor));
  CHECK_FALSE(role_allows(Role::secretariat, Role::admin));
  CHECK(role_allows(Role::admin, Role::secretariat));
}

TEST_CASE(
    "a version 13 file keeps its tokens, sessions and subscriptions through the people "
    "migration") {
  const TemporaryDatabase file;
  std::vector<Migration> up_to_13;
  for (const Migration& migration : schema_migrations())
    if (migration.version <= 13) up_to_13.push_back(migration);
  REQUIRE(up_to_13.back().version == 13);
  import_plan(file.path(), {.migrations = up_to_13});
  {
    // What version 13 kept, written as it wrote it: an admin's token, an editor's made with it, a
    // session and a subscription of the admin's.
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    const std::string insert =
        "INSERT INTO api_tokens (id, hash, role, label, created_at, created_by, name, "
        "created_by_token) VALUES (1, '" +
        hash_of("a") + "', 'admin', '', '2026-04-20T01:00:00Z', 'tanaka', '', NULL), (2, '" +
        hash_of("e") +
        "', 'editor', 'CI', '2026-04-20T01:00:00Z', 'tanaka', '鈴木 一郎', 1);"
        "INSERT INTO sessions (hash, token_id, csrf_token, created_at, expires_at) VALUES ('" +
        hash_of("s") +
        "', 1, 'csrf', '2026-04-20T01:00:00Z', '2026-04-20T09:00:00Z');"
        "INSERT INTO calendar_subscriptions (hash, plan_id, label, created_at, created_by, "
        "created_by_token) VALUES ('" +
        hash_of("p") + "', 'p', '', '2026-04-20T01:00:00Z', 'tanaka', 1)";
    REQUIRE(sqlite3_exec(database, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  const std::vector<ApiToken> tokens{{.id = 1,
                                      .hash = hash_of("a"),
                                      .role = Role::admin,
                                      .label = "",
                                      .created_at = kTanaka.at,
                                      .created_by = "tanaka",
                                      .revoked_at = std::nullopt},
                                     {.id = 2,
                                      .hash = hash_of("e"),
                                      .role = Role::editor,
                                      .label = "CI",
                                      .created_at = kTanaka.at,
                                      .created_by = "tanaka",
                                      .revoked_at = std::nullopt,
                                      .name = "鈴木 一郎",
                                      .created_by_token = 1}};
  Access access = open_access(file.path());
  CHECK(required(access.list_tokens()) == tokens);
  const AccessSnapshot snapshot = required(access.load(kMonday));
  CHECK(snapshot.sessions.size() == 1);
  CHECK(snapshot.subscriptions.size() == 1);
  // Revoking the admin's token still revokes what was made with it.
  const Revocation revoked = required(access.revoke_token(1, kSuzuki));
  CHECK(revoked.tokens.size() == 2);
  CHECK(revoked.subscriptions.size() == 1);
}
