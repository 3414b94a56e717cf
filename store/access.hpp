#pragma once

// Who may do what: API tokens with a role, calendar subscriptions (a secret per feed URL) and the
// dashboard's sign-in sessions, in the same SQLite file as the plans (schema migrations 3, 5, 8
// and 12).
// Only SHA-256 hashes of the secrets are kept (store/secrets.hpp makes and hashes them); a secret
// is shown once, when it is made, and cannot be read back. Revoking keeps the row, marked
// revoked; revoking a token also ends the sessions signed in with it and revokes the
// subscriptions made with it. Every create and revoke is one transaction with an entry in the
// audit log per row (actions "token create", "token revoke", "subscription create",
// "subscription revoke"; never the hash).
//
// The server keeps everything it checks in memory (AccessSnapshot) and reads it again when the
// file's data_version says another connection changed it.

#include <date/date.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "store/store.hpp"

namespace torikumi::store {

// What a token may do: viewer reads, editor also records what was done, secretariat (事務局)
// also sees every agenda item of every meeting whatever agencies it names, admin also manages
// tokens and subscriptions.
enum class Role { viewer, editor, secretariat, admin };

std::string_view to_string(Role role);  // "viewer", "editor", "secretariat", "admin"
std::optional<Role> parse_role(std::string_view text);
// True when `held` includes what `needed` may do (admin ⊇ secretariat ⊇ editor ⊇ viewer).
bool role_allows(Role held, Role needed);

struct ApiToken {
  std::int64_t id = 0;
  std::string hash;  // hex SHA-256 of the token
  Role role = Role::viewer;
  std::string label;
  date::sys_seconds created_at;
  std::string created_by;
  std::optional<date::sys_seconds> revoked_at;
  // The person who holds it, shown by the dashboard and recorded as who wrote (migration 8); empty
  // for a token made without one, which is then known by its label.
  std::string name{};
  // The token it was made with on the dashboard's account page (an admin's), revoked with it;
  // none for one made by the CLI or by `torikumi serve` at its first start.
  std::optional<std::int64_t> created_by_token{};
  // The address of the person who holds it (migration 14), a member of some agency: their
  // current agencies decide which agenda items of a meeting they see. Empty for a token of no
  // person, which sees the items for every participant only (unless its role sees all).
  std::string person{};
  bool operator==(const ApiToken&) const = default;
};

// Who holds a new token, and the token it is made with on the account page.
struct TokenHolder {
  std::string name{};                       // the person (田中 花子); may be empty
  std::optional<std::int64_t> made_with{};  // the maker's token; none for the CLI
  std::string person{};  // their address; empty: none. Some agency must have (had) a member with it
};

// A feed a subscription opens: a plan's, one owner's of a plan, an organisation's, an agency's
// (the meetings it takes part in) or a person's (the meetings of the agencies they are a current
// member of). Exactly one of plan, organisation, agency and person is set.
struct SubscriptionScope {
  std::string plan;          // plan and owner feeds; empty for the others
  std::string owner;         // owner feeds (担当), else empty
  std::string organisation;  // organisation feeds (東区役所), else empty
  std::string agency{};      // agency feeds (機関: its name), else empty
  std::string person{};      // a person's feed: their address, else empty
  bool operator==(const SubscriptionScope&) const = default;
};

struct Subscription {
  std::int64_t id = 0;
  std::string hash;  // hex SHA-256 of the secret in the URL
  SubscriptionScope scope;
  std::string label;
  date::sys_seconds created_at;
  std::string created_by;
  std::optional<date::sys_seconds> revoked_at;
  // The API token it was made with through the server (its holder's), revoked with it; none for
  // one made by the CLI or by `torikumi serve` at its start, which stays until revoked itself.
  std::optional<std::int64_t> created_by_token;
  bool operator==(const Subscription&) const = default;
};

// A dashboard sign-in: the session cookie's hash, the token it signed in with, and the CSRF
// token every form of the session carries.
struct Session {
  std::string hash;  // hex SHA-256 of the cookie's value
  std::int64_t token_id = 0;
  std::string csrf_token;
  date::sys_seconds created_at;
  date::sys_seconds expires_at;
  bool operator==(const Session&) const = default;
};

// Everything the server checks a request against, read in one transaction: tokens and
// subscriptions by id, sessions oldest first.
struct AccessSnapshot {
  std::vector<ApiToken> tokens;             // revoked ones included
  std::vector<Subscription> subscriptions;  // revoked ones included
  std::vector<Session> sessions;            // unexpired ones of unrevoked tokens only
  bool operator==(const AccessSnapshot&) const = default;
};

// What a revoke ended: the tokens, and the subscriptions revoked with them (their sessions are
// deleted, not listed).
struct Revocation {
  std::vector<ApiToken> tokens;
  std::vector<Subscription> subscriptions;
  bool operator==(const Revocation&) const = default;
};

// Which subscriptions revoke_all_tokens revokes besides the tokens.
enum class SubscriptionsToRevoke {
  made_with_the_tokens,  // those made with the tokens, as revoke_token revokes them
  every_one,             // every live subscription, those the CLI made too
};

class Access {
 public:
  // Opens the file as Store::open does (applying migrations, so it can be the first to open it)
  // on a connection of its own.
  static Result<Access> open(const std::string& path, const OpenOptions& options = {});

  Access(Access&&) noexcept;
  Access& operator=(Access&&) noexcept;
  ~Access();

  // Errors: an empty hash, a hash already in use; `unknown token 7`, `token 7 is revoked` for
  // `holder.made_with`; a `holder.person` no agency has (had) a member with.
  Result<ApiToken> create_token(std::string_view hash, Role role, std::string_view label,
                                const Actor& actor, const TokenHolder& holder = {});
  Result<std::vector<ApiToken>> list_tokens();
  // Errors: `unknown token 7`, `token 7 is revoked already`. Ends its sessions and revokes the
  // live subscriptions and tokens made with it (and what those made), in the same transaction,
  // each with its audit entry.
  Result<Revocation> revoke_token(std::int64_t id, const Actor& actor);
  // Revokes every live token as revoke_token does, and with `every_one` every live subscription
  // too, in one transaction. Nothing live is no error: the revocation is empty.
  Result<Revocation> revoke_all_tokens(const Actor& actor, SubscriptionsToRevoke subscriptions);

  // `made_with`: the token whose holder asks through the server, kept so that revoking it
  // revokes the subscription; nullopt for the CLI and `torikumi serve` itself. Errors: a scope
  // naming none of a plan, an organisation, an agency and a person, or more than one, or an owner
  // without a plan; `unknown plan "x"` when the plan is not in the database; an organisation no
  // stored plan has; `no agency "x"` (not_found) for an agency not stored; an address no agency
  // has a member with (same_address: the case of ASCII letters aside), current or former;
  // `unknown token 7`, `token 7 is revoked` for `made_with`.
  Result<Subscription> create_subscription(std::string_view hash, const SubscriptionScope& scope,
                                           std::string_view label, const Actor& actor,
                                           std::optional<std::int64_t> made_with);
  Result<std::vector<Subscription>> list_subscriptions();
  Result<Subscription> revoke_subscription(std::int64_t id, const Actor& actor);

  // Errors: an unknown or revoked token id. Sessions are not audited (sign-ins are logged by the
  // server), and expired ones are deleted as new ones are made.
  Result<Session> create_session(const Session& session);
  // Signs out (true when there was such a session); no error when there was none.
  Result<bool> delete_session(std::string_view hash);

  Result<AccessSnapshot> load(date::sys_seconds now);
  // PRAGMA data_version of this connection: it changes when another connection commits.
  Result<std::int64_t> data_version();

 private:
  struct Impl;
  explicit Access(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace torikumi::store
