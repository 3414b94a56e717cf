#include "http/access/access_control.hpp"

#include <algorithm>

#include "store/secrets.hpp"

namespace torikumi::http {

struct AccessControl::Index {
  std::unordered_map<std::string, store::ApiToken> tokens;             // live ones, by hash
  std::unordered_map<std::string, store::Subscription> subscriptions;  // live ones, by hash
  std::unordered_map<std::string, store::Session> sessions;            // by hash
  std::unordered_map<std::int64_t, const store::ApiToken*> tokens_by_id;
  bool any_token = false;
};

AccessControl::AccessControl(store::Access access, std::function<date::sys_seconds()> clock,
                             AccessOptions options)
    : access_(std::move(access)), clock_(std::move(clock)), options_(options) {}

Result<std::unique_ptr<AccessControl>> AccessControl::create(
    store::Access access, std::function<date::sys_seconds()> clock, AccessOptions options) {
  std::unique_ptr<AccessControl> control{
      new AccessControl{std::move(access), std::move(clock), options}};
  std::lock_guard lock{control->access_mutex_};
  if (auto loaded = control->reload_locked(); !loaded) return loaded.error();
  return control;
}

Result<bool> AccessControl::reload_locked() {
  const auto version = access_.data_version();
  if (!version) return version.error();
  auto snapshot = access_.load(clock_());
  if (!snapshot) return snapshot.error();
  auto index = std::make_shared<Index>();
  index->any_token = !snapshot->tokens.empty();
  for (store::ApiToken& token : snapshot->tokens) {
    if (token.revoked_at) continue;
    std::string hash = token.hash;
    index->tokens.emplace(std::move(hash), std::move(token));
  }
  for (const auto& [hash, token] : index->tokens) index->tokens_by_id.emplace(token.id, &token);
  for (store::Subscription& subscription : snapshot->subscriptions) {
    if (subscription.revoked_at) continue;
    std::string hash = subscription.hash;
    index->subscriptions.emplace(std::move(hash), std::move(subscription));
  }
  for (store::Session& session : snapshot->sessions) {
    std::string hash = session.hash;
    index->sessions.emplace(std::move(hash), std::move(session));
  }
  data_version_ = *version;
  std::unique_lock lock{index_mutex_};
  index_ = std::move(index);
  return true;
}

Result<bool> AccessControl::reload_if_changed() {
  std::lock_guard lock{access_mutex_};
  const auto version = access_.data_version();
  if (!version) return version.error();
  if (*version == data_version_) return false;
  if (auto loaded = reload_locked(); !loaded) return loaded.error();
  return true;
}

std::optional<Principal> AccessControl::bearer(std::string_view token) const {
  if (token.empty()) return std::nullopt;
  const std::string hash = store::sha256_hex(token);
  std::shared_lock lock{index_mutex_};
  const auto found = index_->tokens.find(hash);
  if (found == index_->tokens.end()) return std::nullopt;
  return Principal{found->second.id, found->second.role, found->second.label, found->second.name,
                   found->second.person};
}

std::optional<SignedIn> AccessControl::session(std::string_view cookie_value) const {
  if (cookie_value.empty()) return std::nullopt;
  const std::string hash = store::sha256_hex(cookie_value);
  const date::sys_seconds now = clock_();
  std::shared_lock lock{index_mutex_};
  const auto found = index_->sessions.find(hash);
  if (found == index_->sessions.end() || found->second.expires_at <= now) return std::nullopt;
  const auto token = index_->tokens_by_id.find(found->second.token_id);
  if (token == index_->tokens_by_id.end()) return std::nullopt;  // revoked since
  return SignedIn{Principal{token->second->id, token->second->role, token->second->label,
                            token->second->name, token->second->person},
                  found->second.csrf_token, hash};
}

FeedRequest feed_of(const store::SubscriptionScope& scope) {
  FeedRequest feed;
  if (!scope.person.empty()) {
    feed.scope = FeedScope::person;
    feed.person = person_feed_key(scope.person);
  } else if (!scope.agency.empty()) {
    feed.scope = FeedScope::agency;
    feed.agency = scope.agency;
  } else if (!scope.organisation.empty()) {
    feed.scope = FeedScope::organisation;
    feed.organisation = scope.organisation;
  } else {
    feed.scope = scope.owner.empty() ? FeedScope::plan : FeedScope::owner;
    feed.plan_id = scope.plan;
    feed.owner = scope.owner;
  }
  return feed;
}

bool AccessControl::opens_feed(std::string_view secret, const FeedRequest& feed) const {
  if (secret.empty()) return false;
  const std::string hash = store::sha256_hex(secret);
  std::shared_lock lock{index_mutex_};
  const auto found = index_->subscriptions.find(hash);
  if (found == index_->subscriptions.end()) return false;
  const FeedRequest opened = feed_of(found->second.scope);
  // A plan's subscription opens its owners' feeds too.
  return opened == feed || (opened.scope == FeedScope::plan && feed.scope == FeedScope::owner &&
                            opened.plan_id == feed.plan_id);
}

bool AccessControl::has_tokens() const {
  std::shared_lock lock{index_mutex_};
  return index_->any_token;
}

Result<NewSession, HttpError> AccessControl::sign_in(std::string_view token) {
  const auto principal = bearer(token);
  if (!principal) return HttpError{ErrorKind::unauthorized, "unknown or revoked token"};
  NewSession fresh;
  fresh.cookie_value = store::make_secret(store::SecretKind::session);
  fresh.csrf_token = store::make_secret(store::SecretKind::csrf);
  const date::sys_seconds now = clock_();
  fresh.expires_at = now + options_.session_lifetime;
  std::lock_guard lock{access_mutex_};
  const auto created = access_.create_session(store::Session{store::sha256_hex(fresh.cookie_value),
                                                             principal->token_id, fresh.csrf_token,
                                                             now, fresh.expires_at});
  if (!created) return HttpError{ErrorKind::internal, created.error().message};
  if (auto loaded = reload_locked(); !loaded)
    return HttpError{ErrorKind::internal, loaded.error().message};
  return fresh;
}

Result<bool> AccessControl::sign_out(const SignedIn& signed_in) {
  std::lock_guard lock{access_mutex_};
  if (auto deleted = access_.delete_session(signed_in.session_hash); !deleted)
    return deleted.error();
  return reload_locked();
}

namespace {

// "a viewer's", "an editor's", "a secretariat's", "an admin's".
std::string role_holder(store::Role role) {
  const std::string word{store::to_string(role)};
  return (word.front() == 'e' || word.front() == 'a' ? "an " : "a ") + word + "'s";
}

}  // namespace

Result<NewSubscription, HttpError> AccessControl::subscribe_as(
    const Principal& holder, const store::SubscriptionScope& scope, std::string_view label,
    const store::Actor& actor) {
  const auto refused = [&](std::string_view needs, KnownRefusal refusal) {
    return HttpError{ErrorKind::forbidden,
                     "token " + std::to_string(holder.token_id) + " is " +
                         role_holder(holder.role) + "; " + std::string{needs},
                     refusal};
  };
  // A feed of several plans' owners (an organisation's, an agency's, a person's) is an admin's to
  // hand out; a plan's or an owner's an editor's.
  const bool admin = holder.role == store::Role::admin;
  if (!scope.organisation.empty() && !admin)
    return refused("an organisation's subscription needs an admin's",
                   KnownRefusal::organisation_needs_admin);
  if (!scope.agency.empty() && !admin)
    return refused("an agency's subscription needs an admin's", KnownRefusal::agency_needs_admin);
  if (!scope.person.empty() && !admin)
    return refused("a person's subscription needs an admin's", KnownRefusal::person_needs_admin);
  if (!store::role_allows(holder.role, store::Role::editor))
    return refused("a subscription needs an editor's or an admin's",
                   KnownRefusal::subscription_needs_editor);
  return make_subscription(scope, label, actor, holder.token_id);
}

Result<NewSubscription, HttpError> AccessControl::subscribe(const store::SubscriptionScope& scope,
                                                            std::string_view label,
                                                            const store::Actor& actor) {
  return make_subscription(scope, label, actor, std::nullopt);
}

Result<NewSubscription, HttpError> AccessControl::make_subscription(
    const store::SubscriptionScope& scope, std::string_view label, const store::Actor& actor,
    std::optional<std::int64_t> made_with) {
  NewSubscription fresh;
  fresh.secret = store::make_secret(store::SecretKind::subscription);
  std::lock_guard lock{access_mutex_};
  auto created =
      access_.create_subscription(store::sha256_hex(fresh.secret), scope, label, actor, made_with);
  if (!created) return refused_creation(created.error(), made_with);
  fresh.subscription = std::move(*created);
  if (auto loaded = reload_locked(); !loaded)
    return HttpError{ErrorKind::internal, loaded.error().message};
  return fresh;
}

HttpError AccessControl::refused_creation(const Error& error,
                                          std::optional<std::int64_t> made_with) {
  // The token revoked (by another process) since the request was checked: as if it had come
  // revoked. The tables read again say so, not the error's text.
  if (made_with && reload_locked()) {
    std::shared_lock read{index_mutex_};
    if (!index_->tokens_by_id.contains(*made_with))
      return HttpError{ErrorKind::unauthorized, "unknown or revoked token"};
  }
  HttpError refused = http_error(error);  // its meaning, for the pages to word
  refused.kind = ErrorKind::unprocessable;
  return refused;
}

Account AccessControl::account_of(const Principal& holder) const {
  Account account;
  std::shared_lock lock{index_mutex_};
  for (const auto& [hash, token] : index_->tokens)
    if (token.id == holder.token_id || token.created_by_token == holder.token_id)
      account.tokens.push_back(token);
  for (const auto& [hash, subscription] : index_->subscriptions)
    if (subscription.created_by_token == holder.token_id)
      account.subscriptions.push_back(subscription);
  const auto by_id = [](const auto& left, const auto& right) { return left.id < right.id; };
  std::sort(account.tokens.begin(), account.tokens.end(), by_id);
  std::sort(account.subscriptions.begin(), account.subscriptions.end(), by_id);
  return account;
}

Result<NewToken, HttpError> AccessControl::create_token_as(const Principal& holder,
                                                           store::Role role, std::string_view label,
                                                           std::string_view name,
                                                           std::string_view person,
                                                           const store::Actor& actor) {
  if (holder.role != store::Role::admin)
    return HttpError{ErrorKind::forbidden,
                     "token " + std::to_string(holder.token_id) + " is " +
                         role_holder(holder.role) + "; making a token needs an admin's",
                     KnownRefusal::token_needs_admin};
  NewToken fresh;
  fresh.secret = store::make_secret(store::SecretKind::api_token);
  std::lock_guard lock{access_mutex_};
  auto created = access_.create_token(
      store::sha256_hex(fresh.secret), role, label, actor,
      {.name = std::string{name}, .made_with = holder.token_id, .person = std::string{person}});
  if (!created) return refused_creation(created.error(), holder.token_id);
  fresh.token = std::move(*created);
  if (auto loaded = reload_locked(); !loaded)
    return HttpError{ErrorKind::internal, loaded.error().message};
  return fresh;
}

namespace {

// The error of an id the holder may not revoke: as if there were none.
HttpError not_theirs(std::string_view kind, std::int64_t id) {
  return HttpError{
      ErrorKind::not_found,
      "no " + std::string{kind} + " " + std::to_string(id) + " made with your token",
      kind == "token" ? KnownRefusal::no_such_token : KnownRefusal::no_such_subscription,
      {std::to_string(id)}};
}

}  // namespace

Result<store::Revocation, HttpError> AccessControl::revoke_token_as(const Principal& holder,
                                                                    std::int64_t id,
                                                                    const store::Actor& actor) {
  {
    std::shared_lock read{index_mutex_};
    const auto found = index_->tokens_by_id.find(id);
    if (found == index_->tokens_by_id.end() || found->second->created_by_token != holder.token_id)
      return not_theirs("token", id);
  }
  std::lock_guard lock{access_mutex_};
  auto revoked = access_.revoke_token(id, actor);
  if (!revoked) return http_error(revoked.error());
  if (auto loaded = reload_locked(); !loaded)
    return HttpError{ErrorKind::internal, loaded.error().message};
  return std::move(*revoked);
}

Result<store::Subscription, HttpError> AccessControl::revoke_subscription_as(
    const Principal& holder, std::int64_t id, const store::Actor& actor) {
  {
    std::shared_lock read{index_mutex_};
    const bool theirs = std::any_of(
        index_->subscriptions.begin(), index_->subscriptions.end(), [&](const auto& entry) {
          return entry.second.id == id && entry.second.created_by_token == holder.token_id;
        });
    if (!theirs) return not_theirs("subscription", id);
  }
  std::lock_guard lock{access_mutex_};
  auto revoked = access_.revoke_subscription(id, actor);
  if (!revoked) return http_error(revoked.error());
  if (auto loaded = reload_locked(); !loaded)
    return HttpError{ErrorKind::internal, loaded.error().message};
  return std::move(*revoked);
}

Result<std::string> AccessControl::create_token(store::Role role, std::string_view label,
                                                const store::Actor& actor) {
  std::string secret = store::make_secret(store::SecretKind::api_token);
  std::lock_guard lock{access_mutex_};
  if (auto created = access_.create_token(store::sha256_hex(secret), role, label, actor); !created)
    return created.error();
  if (auto loaded = reload_locked(); !loaded) return loaded.error();
  return secret;
}

}  // namespace torikumi::http
