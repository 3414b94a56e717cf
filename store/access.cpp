#include "store/access.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "store/detail/audit_log.hpp"
#include "store/detail/open_configured.hpp"
#include "store/detail/sqlite.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::store {

using detail::Connection;
using detail::Statement;
using detail::Transaction;
using nlohmann::json;

std::string_view to_string(Role role) {
  switch (role) {
    case Role::viewer:
      return "viewer";
    case Role::editor:
      return "editor";
    case Role::secretariat:
      return "secretariat";
    case Role::admin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const Role role : {Role::viewer, Role::editor, Role::secretariat, Role::admin})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

bool role_allows(Role held, Role needed) {
  return static_cast<int>(held) >= static_cast<int>(needed);
}

namespace {

std::optional<std::string> text_or_null(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string{text};
}

date::sys_seconds read_instant(const std::string& text) {
  return parse_rfc3339(text).value_or(date::sys_seconds{});
}

std::optional<date::sys_seconds> read_optional_instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_rfc3339(*text);
}

// A hash is what the caller keeps of a secret: refusing anything else keeps a secret passed by
// mistake out of the file. The message does not repeat what came, which may be that secret.
Status check_hash(std::string_view what, std::string_view hash) {
  const bool is_sha256_hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                             });
  if (!is_sha256_hex) {
    return Error{std::string{what} +
                 " hash: expected the 64 lower-case hex digits of a SHA-256, got " +
                 std::to_string(hash.size()) + " characters"};
  }
  return {};
}

// Columns: id, hash, role, label, created_at, created_by, revoked_at, name, created_by_token,
// person.
ApiToken read_token(const Statement& statement) {
  return ApiToken{
      .id = statement.integer(0),
      .hash = statement.text(1),
      .role = parse_role(statement.text(2)).value_or(Role::viewer),  // a CHECK keeps it one
      .label = statement.text(3),
      .created_at = read_instant(statement.text(4)),
      .created_by = statement.text(5),
      .revoked_at = read_optional_instant(statement.optional_text(6)),
      .name = statement.text(7),
      .created_by_token =
          statement.is_null(8) ? std::nullopt : std::optional<std::int64_t>{statement.integer(8)},
      .person = statement.optional_text(9).value_or(""),
  };
}

// Columns: id, hash, plan_id, owner, organisation, label, created_at, created_by, revoked_at,
// created_by_token, agency, person.
Subscription read_subscription(const Statement& statement) {
  return Subscription{
      .id = statement.integer(0),
      .hash = statement.text(1),
      .scope = {.plan = statement.optional_text(2).value_or(""),
                .owner = statement.optional_text(3).value_or(""),
                .organisation = statement.optional_text(4).value_or(""),
                .agency = statement.optional_text(10).value_or(""),
                .person = statement.optional_text(11).value_or("")},
      .label = statement.text(5),
      .created_at = read_instant(statement.text(6)),
      .created_by = statement.text(7),
      .revoked_at = read_optional_instant(statement.optional_text(8)),
      .created_by_token =
          statement.is_null(9) ? std::nullopt : std::optional<std::int64_t>{statement.integer(9)},
  };
}

// What the audit log keeps of a token or a subscription: everything but the hash.
std::string audit_json(const ApiToken& token) {
  json object{{"id", token.id},
              {"role", to_string(token.role)},
              {"label", token.label},
              {"created_at", format_utc_instant(token.created_at)},
              {"created_by", token.created_by},
              {"revoked_at",
               token.revoked_at ? json(format_utc_instant(*token.revoked_at)) : json(nullptr)}};
  if (!token.name.empty()) object["name"] = token.name;
  if (token.created_by_token) object["created_by_token"] = *token.created_by_token;
  if (!token.person.empty()) object["person"] = token.person;
  return object.dump();
}

std::string audit_json(const Subscription& subscription) {
  json object{
      {"id", subscription.id},
      {"label", subscription.label},
      {"created_at", format_utc_instant(subscription.created_at)},
      {"created_by", subscription.created_by},
      {"revoked_at", subscription.revoked_at ? json(format_utc_instant(*subscription.revoked_at))
                                             : json(nullptr)}};
  const SubscriptionScope& scope = subscription.scope;
  if (!scope.plan.empty()) object["plan"] = scope.plan;
  if (!scope.owner.empty()) object["owner"] = scope.owner;
  if (!scope.organisation.empty()) object["organisation"] = scope.organisation;
  if (!scope.agency.empty()) object["agency"] = scope.agency;
  if (!scope.person.empty()) object["person"] = scope.person;
  if (subscription.created_by_token) object["created_by_token"] = *subscription.created_by_token;
  return object.dump();
}

}  // namespace

struct Access::Impl {
  Connection connection;

  explicit Impl(Connection opened) : connection(std::move(opened)) {}

  // The end of every create and revoke: its audit entry, then the commit.
  Status audit_and_commit(Transaction& transaction, const Actor& actor, std::string_view action,
                          std::string_view subject, const std::optional<std::string>& before,
                          const std::optional<std::string>& after) {
    if (auto done = detail::append_audit_entry(connection, actor, action, subject, before, after);
        !done)
      return done.error();
    return transaction.commit();
  }

  // Runs an INSERT ... RETURNING id.
  static Result<std::int64_t> inserted_id(Statement& statement) {
    const auto row = statement.step();
    if (!row) return row.error();
    const std::int64_t id = statement.integer(0);
    if (auto done = statement.run(); !done) return done.error();
    return id;
  }

  // Marks a token or a subscription revoked, with its audit entry, inside the caller's
  // transaction: `kind` names it in errors and the audit log, `find` reads it, `update` (?1 the
  // id, ?2 the time) marks it.
  template <typename Row, typename Find>
  Result<Row> mark_revoked(std::string_view kind, std::int64_t id, const Actor& actor, Find find,
                           std::string_view update) {
    const std::string name = std::string{kind} + " " + std::to_string(id);
    const Result<std::optional<Row>> found = find(id);
    if (!found) return found.error();
    if (!*found) return not_found_error("unknown " + name);
    const Row before = **found;
    if (before.revoked_at)
      return Error{
          name + " is revoked already", ErrorCode::invalid,
          meaning_of(store_meaning::kRevokedAlready, {std::string{kind}, std::to_string(id)})};
    Row after = before;
    after.revoked_at = actor.at;
    {
      auto statement = connection.prepare(update);
      if (!statement) return statement.error();
      if (auto done = statement->bind_all(id, format_utc_instant(actor.at)).run(); !done)
        return done.error();
    }
    if (auto done = detail::append_audit_entry(connection, actor, std::string{kind} + " revoke",
                                               std::string{kind} + "/" + std::to_string(id),
                                               audit_json(before), audit_json(after));
        !done)
      return done.error();
    return after;
  }

  Result<Subscription> mark_subscription_revoked(std::int64_t id, const Actor& actor) {
    return mark_revoked<Subscription>(
        "subscription", id, actor, [&](std::int64_t found) { return find_subscription(found); },
        "UPDATE calendar_subscriptions SET revoked_at = ?2 WHERE id = ?1");
  }

  // The ids a query (a literal, as every statement the connection keeps) gives, in its order;
  // `bound` for its ?1, if any.
  Result<std::vector<std::int64_t>> ids_of(std::string_view query,
                                           std::optional<std::int64_t> bound) {
    auto statement = connection.prepare(query);
    if (!statement) return statement.error();
    if (bound) statement->bind(1, *bound);
    std::vector<std::int64_t> ids;
    const auto read = statement->each_row([&] { ids.push_back(statement->integer(0)); });
    if (!read) return read.error();
    return ids;
  }

  // Revokes a token inside the caller's transaction: its row, its sessions, the live
  // subscriptions made with it, and the live tokens made with it as this one is, each with its
  // audit entry; adds them to `revoked`.
  Status revoke_token_with_what_it_made(std::int64_t id, const Actor& actor, Revocation& revoked) {
    auto token = mark_revoked<ApiToken>(
        "token", id, actor, [&](std::int64_t found) { return find_token(found); },
        "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1");
    if (!token) return token.error();
    revoked.tokens.push_back(std::move(*token));
    {
      auto statement = connection.prepare("DELETE FROM sessions WHERE token_id = ?1");
      if (!statement) return statement.error();
      if (auto done = statement->bind(1, id).run(); !done) return done.error();
    }
    const auto made = ids_of(
        "SELECT id FROM calendar_subscriptions WHERE created_by_token = ?1 AND revoked_at IS NULL "
        "ORDER BY id",
        id);
    if (!made) return made.error();
    for (const std::int64_t subscription_id : *made) {
      auto subscription = mark_subscription_revoked(subscription_id, actor);
      if (!subscription) return subscription.error();
      revoked.subscriptions.push_back(std::move(*subscription));
    }
    const auto tokens_made = ids_of(
        "SELECT id FROM api_tokens WHERE created_by_token = ?1 AND revoked_at IS NULL ORDER BY id",
        id);
    if (!tokens_made) return tokens_made.error();
    for (const std::int64_t token_id : *tokens_made)
      if (auto done = revoke_token_with_what_it_made(token_id, actor, revoked); !done)
        return done.error();
    return {};
  }

  // The token a new row is made with must be live: checked in the transaction, so that a token
  // revoked since the server looked makes nothing.
  Status check_maker(std::int64_t token_id) {
    const auto token = find_token(token_id);
    if (!token) return token.error();
    if (!*token) return not_found_error("unknown token " + std::to_string(token_id));
    if ((*token)->revoked_at)
      return Error{"token " + std::to_string(token_id) + " is revoked", ErrorCode::invalid,
                   meaning_of(store_meaning::kMakerRevoked, {std::to_string(token_id)})};
    return {};
  }

  Result<std::optional<ApiToken>> find_token(std::int64_t id) {
    auto statement = connection.prepare(
        "SELECT id, hash, role, label, created_at, created_by, revoked_at, name, created_by_token, "
        "person "
        "FROM api_tokens WHERE "
        "id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, id);
    const auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return std::optional<ApiToken>{};
    return std::optional<ApiToken>{read_token(*statement)};
  }

  Result<std::optional<Subscription>> find_subscription(std::int64_t id) {
    auto statement = connection.prepare(
        "SELECT id, hash, plan_id, owner, organisation, label, created_at, created_by, revoked_at, "
        "created_by_token, agency, person FROM calendar_subscriptions WHERE id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, id);
    const auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Subscription>{};
    return std::optional<Subscription>{read_subscription(*statement)};
  }

  // The start of a create: the hash checked, a write transaction, the hash not in use yet.
  // `in_use` is a literal: SELECT 1 FROM t WHERE hash = ?1.
  Result<Transaction> begin_create(std::string_view kind, std::string_view hash,
                                   std::string_view in_use) {
    if (auto checked = check_hash(kind, hash); !checked) return checked.error();
    auto transaction = Transaction::begin(connection);
    if (!transaction) return transaction.error();
    auto statement = connection.prepare(in_use);
    if (!statement) return statement.error();
    statement->bind(1, hash);
    const auto found = statement->step();
    if (!found) return found.error();
    if (*found) return Error{std::string{kind} + " hash: already in use"};
    return std::move(*transaction);
  }

  // The latest revision of every stored plan (or of one), read back into plans.
  Result<std::vector<Plan>> stored_plans(const std::optional<std::string_view>& only) {
    auto statement =
        only ? connection.prepare(
                   "SELECT p.id, r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id "
                   "AND r.revision = p.revision WHERE p.id = ?1")
             : connection.prepare(
                   "SELECT p.id, r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id "
                   "AND r.revision = p.revision ORDER BY p.id");
    if (!statement) return statement.error();
    if (only) statement->bind(1, *only);
    std::vector<Plan> plans;
    std::optional<Error> unreadable;
    const auto read = statement->each_row([&] {
      auto plan = read_plan_json(statement->text(1));
      if (!plan) {
        if (!unreadable) {
          unreadable = Error{"plan " + in_quotes(statement->text(0)) +
                             " in the database does not read: " + plan.error().front().to_string()};
        }
        return;
      }
      plans.push_back(std::move(*plan));
    });
    if (!read) return read.error();
    if (unreadable) return *unreadable;
    return plans;
  }

  // A scope names exactly one feed that the stored plans (or agencies) have.
  Status check_scope(const SubscriptionScope& scope) {
    if (!scope.owner.empty() && scope.plan.empty())
      return Error{"an owner's subscription needs the plan of the owner's tasks",
                   ErrorCode::invalid, meaning_of(store_meaning::kOwnerFeedNeedsPlan)};
    const int named = !scope.plan.empty() + !scope.organisation.empty() + !scope.agency.empty() +
                      !scope.person.empty();
    if (named > 1)
      return Error{
          "a subscription is of one of a plan, an organisation, an agency and a person, not "
          "several",
          ErrorCode::invalid, meaning_of(store_meaning::kPlanOrOrganisation)};
    if (named == 0)
      return Error{"a subscription needs a plan, an organisation, an agency or a person",
                   ErrorCode::invalid, meaning_of(store_meaning::kFeedNeedsScope)};
    if (!scope.agency.empty()) return check_agency(scope.agency);
    if (!scope.person.empty()) return check_person(scope.person);
    if (!scope.plan.empty()) {
      const auto plans = stored_plans(scope.plan);
      if (!plans) return plans.error();
      if (plans->empty())
        return not_found_error("unknown plan " + in_quotes(scope.plan),
                               meaning_of(store_meaning::kUnknownPlan, {scope.plan}));
      const auto& tasks = plans->front().tasks;
      if (!scope.owner.empty() && std::none_of(tasks.begin(), tasks.end(), [&](const Task& task) {
            return task.owner == scope.owner;
          })) {
        return Error{"no task of the owner " + in_quotes(scope.owner) + " in the plan " +
                         in_quotes(scope.plan),
                     ErrorCode::invalid,
                     meaning_of(store_meaning::kNoTaskOfOwner, {scope.owner, scope.plan})};
      }
      return {};
    }
    const auto plans = stored_plans(std::nullopt);
    if (!plans) return plans.error();
    if (std::none_of(plans->begin(), plans->end(), [&](const Plan& plan) {
          return plan.organisation.name == scope.organisation;
        }))
      return Error{"no plan of the organisation " + in_quotes(scope.organisation),
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kNoPlanOfOrganisation, {scope.organisation})};
    return {};
  }

  // An agency's feed: the agency is stored (Store::agency's error when not).
  Status check_agency(const std::string& name) {
    auto statement = connection.prepare("SELECT 1 FROM agencies WHERE name = ?1");
    if (!statement) return statement.error();
    statement->bind(1, name);
    const auto found = statement->step();
    if (!found) return found.error();
    if (!*found)
      return not_found_error("no agency " + in_quotes(name),
                             meaning_of(store_meaning::kUnknownAgency, {name}));
    return {};
  }

  // A person's feed: some agency has (or had) a member with the address. SQLite's lower() folds
  // ASCII letters only, as same_address does.
  Status check_person(const std::string& email) {
    auto statement =
        connection.prepare("SELECT 1 FROM agency_members WHERE lower(email) = lower(?1) LIMIT 1");
    if (!statement) return statement.error();
    statement->bind(1, email);
    const auto found = statement->step();
    if (!found) return found.error();
    if (!*found)
      return Error{"no agency has a member with the address " + in_quotes(email),
                   ErrorCode::invalid, meaning_of(store_meaning::kNoMemberWithAddress, {email})};
    return {};
  }
};

Access::Access(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Access::Access(Access&&) noexcept = default;
Access& Access::operator=(Access&&) noexcept = default;
Access::~Access() = default;

Result<Access> Access::open(const std::string& path, const OpenOptions& options) {
  auto connection = detail::open_configured(path, options);
  if (!connection) return connection.error();
  return Access{std::make_unique<Impl>(std::move(*connection))};
}

Result<ApiToken> Access::create_token(std::string_view hash, Role role, std::string_view label,
                                      const Actor& actor, const TokenHolder& holder) {
  Impl& impl = *impl_;
  auto transaction = impl.begin_create("token", hash, "SELECT 1 FROM api_tokens WHERE hash = ?1");
  if (!transaction) return transaction.error();
  if (holder.made_with)
    if (auto checked = impl.check_maker(*holder.made_with); !checked) return checked.error();
  if (!holder.person.empty())
    if (auto checked = impl.check_person(holder.person); !checked) return checked.error();
  ApiToken token{.id = 0,
                 .hash = std::string{hash},
                 .role = role,
                 .label = std::string{label},
                 .created_at = actor.at,
                 .created_by = actor.by,
                 .revoked_at = std::nullopt,
                 .name = holder.name,
                 .created_by_token = holder.made_with,
                 .person = holder.person};
  auto statement = impl.connection.prepare(
      "INSERT INTO api_tokens (hash, role, label, created_at, created_by, name, created_by_token, "
      "person) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!statement) return statement.error();
  statement->bind_all(token.hash, to_string(role), token.label,
                      format_utc_instant(token.created_at), token.created_by, token.name,
                      token.created_by_token, text_or_null(token.person));
  const auto id = Impl::inserted_id(*statement);
  if (!id) return id.error();
  token.id = *id;
  if (auto done = impl.audit_and_commit(*transaction, actor, "token create",
                                        "token/" + std::to_string(token.id), std::nullopt,
                                        audit_json(token));
      !done)
    return done.error();
  return token;
}

Result<std::vector<ApiToken>> Access::list_tokens() {
  auto statement = impl_->connection.prepare(
      "SELECT id, hash, role, label, created_at, created_by, revoked_at, name, created_by_token, "
      "person "
      "FROM api_tokens ORDER BY "
      "id");
  if (!statement) return statement.error();
  std::vector<ApiToken> tokens;
  const auto read = statement->each_row([&] { tokens.push_back(read_token(*statement)); });
  if (!read) return read.error();
  return tokens;
}

Result<Revocation> Access::revoke_token(std::int64_t id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  Revocation revoked;
  if (auto done = impl.revoke_token_with_what_it_made(id, actor, revoked); !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return revoked;
}

Result<Revocation> Access::revoke_all_tokens(const Actor& actor,
                                             SubscriptionsToRevoke subscriptions) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  Revocation revoked;
  const auto live =
      impl.ids_of("SELECT id FROM api_tokens WHERE revoked_at IS NULL ORDER BY id", std::nullopt);
  if (!live) return live.error();
  for (const std::int64_t id : *live) {
    // Revoked already as one made with a token revoked before it.
    const bool gone = std::any_of(revoked.tokens.begin(), revoked.tokens.end(),
                                  [&](const ApiToken& token) { return token.id == id; });
    if (gone) continue;
    if (auto done = impl.revoke_token_with_what_it_made(id, actor, revoked); !done)
      return done.error();
  }
  if (subscriptions == SubscriptionsToRevoke::every_one) {
    const auto rest = impl.ids_of(
        "SELECT id FROM calendar_subscriptions WHERE revoked_at IS NULL ORDER BY id", std::nullopt);
    if (!rest) return rest.error();
    for (const std::int64_t id : *rest) {
      auto subscription = impl.mark_subscription_revoked(id, actor);
      if (!subscription) return subscription.error();
      revoked.subscriptions.push_back(std::move(*subscription));
    }
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return revoked;
}

Result<Subscription> Access::create_subscription(std::string_view hash,
                                                 const SubscriptionScope& scope,
                                                 std::string_view label, const Actor& actor,
                                                 std::optional<std::int64_t> made_with) {
  Impl& impl = *impl_;
  auto transaction = impl.begin_create("subscription", hash,
                                       "SELECT 1 FROM calendar_subscriptions WHERE hash = ?1");
  if (!transaction) return transaction.error();
  if (auto checked = impl.check_scope(scope); !checked) return checked.error();
  if (made_with)
    if (auto checked = impl.check_maker(*made_with); !checked) return checked.error();
  Subscription subscription{.id = 0,
                            .hash = std::string{hash},
                            .scope = scope,
                            .label = std::string{label},
                            .created_at = actor.at,
                            .created_by = actor.by,
                            .revoked_at = std::nullopt,
                            .created_by_token = made_with};
  auto statement = impl.connection.prepare(
      "INSERT INTO calendar_subscriptions (hash, plan_id, owner, organisation, label, created_at, "
      "created_by, created_by_token, agency, person) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?10) RETURNING id");
  if (!statement) return statement.error();
  statement->bind_all(subscription.hash, text_or_null(scope.plan), text_or_null(scope.owner),
                      text_or_null(scope.organisation), subscription.label,
                      format_utc_instant(subscription.created_at), subscription.created_by,
                      made_with, text_or_null(scope.agency), text_or_null(scope.person));
  const auto id = Impl::inserted_id(*statement);
  if (!id) return id.error();
  subscription.id = *id;
  if (auto done = impl.audit_and_commit(*transaction, actor, "subscription create",
                                        "subscription/" + std::to_string(subscription.id),
                                        std::nullopt, audit_json(subscription));
      !done)
    return done.error();
  return subscription;
}

Result<std::vector<Subscription>> Access::list_subscriptions() {
  auto statement = impl_->connection.prepare(
      "SELECT id, hash, plan_id, owner, organisation, label, created_at, created_by, revoked_at, "
      "created_by_token, agency, person FROM calendar_subscriptions ORDER BY id");
  if (!statement) return statement.error();
  std::vector<Subscription> subscriptions;
  const auto read =
      statement->each_row([&] { subscriptions.push_back(read_subscription(*statement)); });
  if (!read) return read.error();
  return subscriptions;
}

Result<Subscription> Access::revoke_subscription(std::int64_t id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto revoked = impl.mark_subscription_revoked(id, actor);
  if (!revoked) return revoked.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return revoked;
}

Result<Session> Access::create_session(const Session& session) {
  Impl& impl = *impl_;
  if (session.csrf_token.empty()) return Error{"session: the CSRF token is empty"};
  if (session.expires_at <= session.created_at) {
    return Error{"session: expires at " + format_utc_instant(session.expires_at) +
                 ", not after it is made at " + format_utc_instant(session.created_at)};
  }
  auto transaction =
      impl.begin_create("session", session.hash, "SELECT 1 FROM sessions WHERE hash = ?1");
  if (!transaction) return transaction.error();
  const auto token = impl.find_token(session.token_id);
  if (!token) return token.error();
  if (!*token) return not_found_error("unknown token " + std::to_string(session.token_id));
  if ((*token)->revoked_at)
    return Error{"token " + std::to_string(session.token_id) + " is revoked"};
  {
    auto statement = impl.connection.prepare("DELETE FROM sessions WHERE expires_at <= ?1");
    if (!statement) return statement.error();
    if (auto done = statement->bind(1, format_utc_instant(session.created_at)).run(); !done)
      return done.error();
  }
  auto statement = impl.connection.prepare(
      "INSERT INTO sessions (hash, token_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, "
      "?3, ?4, ?5)");
  if (!statement) return statement.error();
  statement->bind_all(session.hash, session.token_id, session.csrf_token,
                      format_utc_instant(session.created_at),
                      format_utc_instant(session.expires_at));
  if (auto done = statement->run(); !done) return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return session;
}

Result<bool> Access::delete_session(std::string_view hash) {
  auto statement = impl_->connection.prepare("DELETE FROM sessions WHERE hash = ?1");
  if (!statement) return statement.error();
  if (auto done = statement->bind(1, hash).run(); !done) return done.error();
  return impl_->connection.changes() > 0;
}

Result<AccessSnapshot> Access::load(date::sys_seconds now) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin_read(impl.connection);
  if (!transaction) return transaction.error();
  AccessSnapshot snapshot;
  auto tokens = list_tokens();
  if (!tokens) return tokens.error();
  snapshot.tokens = std::move(*tokens);
  auto subscriptions = list_subscriptions();
  if (!subscriptions) return subscriptions.error();
  snapshot.subscriptions = std::move(*subscriptions);
  {
    auto statement = impl.connection.prepare(
        "SELECT s.hash, s.token_id, s.csrf_token, s.created_at, s.expires_at FROM sessions s "
        "JOIN api_tokens t ON t.id = s.token_id WHERE t.revoked_at IS NULL AND s.expires_at > ?1 "
        "ORDER BY s.created_at, s.hash");
    if (!statement) return statement.error();
    statement->bind(1, format_utc_instant(now));
    const auto read = statement->each_row([&] {
      snapshot.sessions.push_back(Session{.hash = statement->text(0),
                                          .token_id = statement->integer(1),
                                          .csrf_token = statement->text(2),
                                          .created_at = read_instant(statement->text(3)),
                                          .expires_at = read_instant(statement->text(4))});
    });
    if (!read) return read.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return snapshot;
}

Result<std::int64_t> Access::data_version() {
  return impl_->connection.query_integer("PRAGMA data_version");
}

}  // namespace torikumi::store
