#pragma once

// Who a request is: an API token in `Authorization: Bearer`, a dashboard session cookie, or a
// subscription secret in a feed URL's `?token=`, checked against an in-memory copy of the
// store's access tables (store/access.hpp) that is read again whenever the file changes. Only
// hashes are compared; a secret is never kept or logged.

#include <date/date.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/base/result.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/transport/http_error.hpp"
#include "store/access.hpp"

namespace torikumi::http {

// A request's bearer: the token it came with, directly or through a session.
struct Principal {
  std::int64_t token_id = 0;
  store::Role role = store::Role::viewer;
  std::string label;
  std::string name{};    // the person who holds the token; empty when it was made without one
  std::string person{};  // their address (store::ApiToken::person); empty: a token of no person
  bool operator==(const Principal&) const = default;
};

struct SignedIn {
  Principal principal;
  std::string csrf_token;    // what every form of the session must carry back
  std::string session_hash;  // for signing out
};

struct NewSession {
  std::string cookie_value;  // the secret, set as the session cookie and then forgotten
  std::string csrf_token;
  date::sys_seconds expires_at;
};

struct NewSubscription {
  store::Subscription subscription;
  std::string secret;  // for the URL's ?token=, shown once
};

struct NewToken {
  store::ApiToken token;
  std::string secret;  // the token itself, shown once
};

// What the account page lists of a holder: their own token and the live tokens and
// subscriptions made with it, each by id.
struct Account {
  std::vector<store::ApiToken> tokens;
  std::vector<store::Subscription> subscriptions;
};

// The feed a subscription's scope names.
FeedRequest feed_of(const store::SubscriptionScope& scope);

struct AccessOptions {
  std::chrono::hours session_lifetime{12};  // a working day; then sign in again
};

class AccessControl {
 public:
  static Result<std::unique_ptr<AccessControl>> create(store::Access access,
                                                       std::function<date::sys_seconds()> clock,
                                                       AccessOptions options = {});

  // The token's holder, or nothing for an unknown or revoked token.
  std::optional<Principal> bearer(std::string_view token) const;
  // The session's holder, or nothing for an unknown or expired session.
  std::optional<SignedIn> session(std::string_view cookie_value) const;
  // True when `secret` is a live subscription whose scope covers the feed: a plan's opens its
  // owner feeds too.
  bool opens_feed(std::string_view secret, const FeedRequest& feed) const;
  // True when no token was ever made (a new database): `torikumi serve` then makes the first.
  bool has_tokens() const;

  // Signs in with an API token: unauthorized for an unknown or revoked one.
  Result<NewSession, HttpError> sign_in(std::string_view token);
  Result<bool> sign_out(const SignedIn& signed_in);
  // A subscription asked for through the server (POST /api/subscriptions, the dashboard's
  // form), made with the holder's token so that revoking the token revokes it. A plan's or an
  // owner's feed needs an editor's token, an organisation's, an agency's or a person's an admin's:
  // forbidden otherwise (`token 4 is an editor's; an organisation's subscription needs an
  // admin's`, `...; an agency's subscription needs an admin's`, `...; a person's subscription
  // needs an admin's`); a scope the store refuses is not_found or unprocessable, a token revoked
  // meanwhile unauthorized.
  Result<NewSubscription, HttpError> subscribe_as(const Principal& holder,
                                                  const store::SubscriptionScope& scope,
                                                  std::string_view label,
                                                  const store::Actor& actor);
  // A subscription `torikumi serve` makes itself at its start, as the CLI would: of no token.
  Result<NewSubscription, HttpError> subscribe(const store::SubscriptionScope& scope,
                                               std::string_view label, const store::Actor& actor);
  // The holder's token and what was made with it, as the tables were last read.
  Account account_of(const Principal& holder) const;
  // A token made on the account page with the holder's token, so that revoking theirs revokes it.
  // Only an admin's token makes tokens (of any role): forbidden otherwise (`token 4 is an
  // editor's; making a token needs an admin's`); a token revoked meanwhile unauthorized. `name` and
  // `person` (an address, or empty) say who holds it; a person no agency has is unprocessable.
  Result<NewToken, HttpError> create_token_as(const Principal& holder, store::Role role,
                                              std::string_view label, std::string_view name,
                                              std::string_view person, const store::Actor& actor);
  // Revokes a live token or subscription made with the holder's token (a token with what it
  // made). Any other id is not_found, as if it did not exist: another's rows are not theirs to
  // see, and their own token is revoked with the CLI.
  Result<store::Revocation, HttpError> revoke_token_as(const Principal& holder, std::int64_t id,
                                                       const store::Actor& actor);
  Result<store::Subscription, HttpError> revoke_subscription_as(const Principal& holder,
                                                                std::int64_t id,
                                                                const store::Actor& actor);

  // An API token (for the first start of a new database).
  Result<std::string> create_token(store::Role role, std::string_view label,
                                   const store::Actor& actor);

  // Reads the tables again when another connection changed the file; true when it did.
  Result<bool> reload_if_changed();

 private:
  struct Index;
  AccessControl(store::Access access, std::function<date::sys_seconds()> clock,
                AccessOptions options);
  Result<bool> reload_locked();
  // Why the store made nothing for a token's holder (`made_with`): unauthorized when the token
  // was revoked meanwhile, else unprocessable. REQUIRES: access_mutex_ held.
  HttpError refused_creation(const Error& error, std::optional<std::int64_t> made_with);
  Result<NewSubscription, HttpError> make_subscription(const store::SubscriptionScope& scope,
                                                       std::string_view label,
                                                       const store::Actor& actor,
                                                       std::optional<std::int64_t> made_with);

  mutable std::mutex access_mutex_;  // the store connection
  store::Access access_;
  std::function<date::sys_seconds()> clock_;
  const AccessOptions options_;
  std::int64_t data_version_ = -1;
  mutable std::shared_mutex index_mutex_;
  std::shared_ptr<const Index> index_;
};

}  // namespace torikumi::http
