#include "http/access/gatekeeper.hpp"

#include <httplib.h>

#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/metrics.hpp"
#include "http/transport/url.hpp"
#include "store/secrets.hpp"

namespace torikumi::http {

namespace {

constexpr std::string_view kBearer = "Bearer ";

Denial ask_for_token(std::string message) {
  return Denial{{ErrorKind::unauthorized, std::move(message)}, Challenge::bearer};
}

}  // namespace

Credentials credentials_of(const httplib::Request& request) {
  Credentials credentials;
  if (request.has_header("Authorization"))
    credentials.authorization = request.get_header_value("Authorization");
  credentials.cookies = request.get_header_value("Cookie");
  return credentials;
}

void answer_denial(httplib::Response& response, const Denial& denial) {
  if (denial.challenge == Challenge::bearer) return ask_for_token(response, denial.error.message);
  answer_error(response, denial.error);
}

Gatekeeper::Gatekeeper(AccessControl& access, GateOptions options,
                       std::function<date::sys_seconds()> clock)
    : access_(access),
      options_(options),
      clock_(std::move(clock)),
      inbound_budget_(options.inbound_body_budget_bytes) {}

Caller Gatekeeper::caller_of(const Credentials& credentials) const {
  Caller caller;
  if (credentials.authorization) {
    const std::string& header = *credentials.authorization;
    if (header.size() > kBearer.size() && header.starts_with(kBearer))
      caller.principal = access_.bearer(std::string_view{header}.substr(kBearer.size()));
    caller.bad_credentials = !caller.principal;
    return caller;
  }
  if (const auto cookie = cookie_value(credentials.cookies, kSessionCookie)) {
    caller.session = access_.session(*cookie);
    if (caller.session) caller.principal = caller.session->principal;
  }
  return caller;
}

std::optional<Denial> Gatekeeper::check_read(const Credentials& credentials) const {
  const Caller caller = caller_of(credentials);
  if (caller.bad_credentials) return ask_for_token("unknown or revoked token");
  if (!options_.require_sign_in || caller.principal) return std::nullopt;
  return ask_for_token("a token is needed: Authorization: Bearer TOKEN (torikumi token create)");
}

std::optional<Denial> Gatekeeper::check_metrics(const Credentials& credentials,
                                                std::string_view remote_address) const {
  switch (options_.metrics) {
    case MetricsAccess::open:
      return std::nullopt;
    case MetricsAccess::loopback:
      if (is_loopback_address(remote_address)) return std::nullopt;
      return Denial{{ErrorKind::forbidden,
                     "/metrics is answered only on this machine (server.metrics: \"loopback\")"}};
    case MetricsAccess::token: {
      const Caller caller = caller_of(credentials);
      if (caller.principal && !caller.session) return std::nullopt;
      return ask_for_token(caller.bad_credentials
                               ? "unknown or revoked token"
                               : "/metrics needs a token: Authorization: Bearer TOKEN "
                                 "(server.metrics: \"token\")");
    }
  }
  return Denial{{ErrorKind::forbidden, "/metrics is not answered"}};
}

std::optional<Denial> Gatekeeper::check_feed(const Credentials& credentials,
                                             const std::optional<std::string>& token,
                                             const FeedRequest& feed) const {
  if (token && access_.opens_feed(*token, feed)) return std::nullopt;
  if (token && options_.require_sign_in)
    return ask_for_token("unknown or revoked subscription, or not one of this feed");
  if (feed.scope != FeedScope::person) return check_read(credentials);
  // A person's feed says which agencies they belong to: personal data, as addresses are.
  const Caller caller = caller_of(credentials);
  if (caller.bad_credentials) return ask_for_token("unknown or revoked token");
  if (!caller.principal)
    return ask_for_token(
        "a person's feed needs its subscription's secret, or an editor's or an admin's token");
  if (!can_edit(*caller.principal))
    return Denial{{ErrorKind::forbidden,
                   "token " + std::to_string(caller.principal->token_id) +
                       " is a viewer's; a person's feed needs its subscription's secret, or an "
                       "editor's or an admin's token"}};
  return std::nullopt;
}

bool Gatekeeper::opens_feed(std::string_view secret, const FeedRequest& feed) const {
  return access_.opens_feed(secret, feed);
}

Result<Principal, Denial> Gatekeeper::api_writer(const Credentials& credentials) const {
  const Caller caller = caller_of(credentials);
  if (caller.bad_credentials) return ask_for_token("unknown or revoked token");
  if (!caller.principal || caller.session)
    return ask_for_token("writing needs an editor's token: Authorization: Bearer TOKEN");
  if (!can_edit(*caller.principal))
    return Denial{{ErrorKind::forbidden, "token " + std::to_string(caller.principal->token_id) +
                                             " is a " +
                                             std::string{store::to_string(caller.principal->role)} +
                                             "'s; writing needs an editor's or an admin's"}};
  return *caller.principal;
}

bool Gatekeeper::shows_personal_data(const Credentials& credentials) const {
  const Caller caller = caller_of(credentials);
  return caller.principal && can_edit(*caller.principal);
}

BodyPermit Gatekeeper::admit(const RequestHead& head) const {
  const std::string_view target = head.target();
  if (options_.max_inbound_body_bytes > 0 && head.method() == "POST" &&
      routes::is_inbound_email_path(target.substr(0, target.find('?')))) {
    const std::size_t limit = options_.max_inbound_body_bytes;
    BodyPermit permit{limit, {413, body_too_large(limit).message, ""}};
    // A declared length over the limit is refused by the loop, holding nothing; a chunked body
    // may grow to the limit, so that is what it holds.
    if (head.framing() == BodyFraming::content_length && head.content_length() > limit)
      return permit;
    const std::size_t bytes = head.framing() == BodyFraming::content_length
                                  ? static_cast<std::size_t>(head.content_length())
                                  : limit;
    permit.lease = inbound_budget_.reserve(bytes);
    if (!permit.lease)
      return {0, {503, "too many inbound emails at once; try again", "Retry-After: 60\r\n"}};
    return permit;
  }
  bool known = false;
  if (const auto authorization = head.field("Authorization")) {
    known = authorization->starts_with(kBearer) &&
            access_.bearer(authorization->substr(kBearer.size())).has_value();
  } else if (const auto cookies = head.field("Cookie")) {
    const auto cookie = cookie_value(*cookies, kSessionCookie);
    known = cookie && access_.session(*cookie).has_value();
  }
  if (known)
    return {options_.max_body_bytes, {413, body_too_large(options_.max_body_bytes).message, ""}};
  return {options_.max_anonymous_body_bytes,
          {401,
           "a body over " + std::to_string(options_.max_anonymous_body_bytes) +
               " bytes needs a token or a session: Authorization: Bearer TOKEN",
           std::string{"WWW-Authenticate: "} + kAskForToken + "\r\n"}};
}

std::optional<SignedIn> Gatekeeper::session_of(const Credentials& credentials) const {
  return caller_of(credentials).session;
}

bool Gatekeeper::can_edit(const Principal& principal) {
  return store::role_allows(principal.role, store::Role::editor);
}

AgendaReader Gatekeeper::agenda_reader(std::optional<store::Role> role, std::string_view person,
                                       const std::vector<Agency>& agencies, date::sys_days day) {
  AgendaReader reader{.sees_all = role && store::role_allows(*role, store::Role::secretariat),
                      .agencies = {}};
  if (!role || reader.sees_all || person.empty()) return reader;
  if (auto found = find_person(agencies, person, day)) reader.agencies = std::move(found->agencies);
  return reader;
}

Result<SignedIn, FormRefusal> Gatekeeper::form_sender(
    const Credentials& credentials, const std::map<std::string, std::string>& fields) const {
  const auto session = session_of(credentials);
  if (!session) return FormRefusal::not_signed_in;
  // The session's CSRF token is never empty: the store refuses that.
  if (!store::equal_in_constant_time(form_field(fields, "csrf"), session->csrf_token))
    return FormRefusal::expired;
  if (!can_edit(session->principal)) return FormRefusal::viewer;
  return *session;
}

Gatekeeper::SignInPair Gatekeeper::sign_in_pair() const {
  SignInPair pair;
  pair.csrf_token = store::make_secret(store::SecretKind::csrf);
  pair.set_cookie = std::string{kSignInCookie} + "=" + pair.csrf_token +
                    "; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=900";
  return pair;
}

Result<NewSession, SignInRefusal> Gatekeeper::sign_in(
    const Credentials& credentials, const std::map<std::string, std::string>& fields) {
  // Both halves of the pair, and not empty: an empty cookie with an empty field is no secret.
  const auto expected = cookie_value(credentials.cookies, kSignInCookie);
  const std::string submitted = form_field(fields, "csrf");
  if (!expected || expected->empty() || submitted.empty() ||
      !store::equal_in_constant_time(*expected, submitted))
    return SignInRefusal::expired_form;
  auto session = access_.sign_in(form_field(fields, "token"));
  if (!session) return SignInRefusal::unknown_token;
  return std::move(*session);
}

std::string Gatekeeper::session_cookie(const NewSession& session) const {
  return std::string{kSessionCookie} + "=" + session.cookie_value + cookie_attributes() +
         "; Max-Age=" + std::to_string((session.expires_at - clock_()).count());
}

// The session ends whenever its cookie comes, with the form's CSRF token or not: the cookie is
// SameSite=Strict, so no other site's page can send it, and a sign-out that only cleared the
// cookie would leave a copy of it working.
Result<std::string> Gatekeeper::sign_out(const Credentials& credentials) {
  const auto cookie = cookie_value(credentials.cookies, kSessionCookie);
  if (const auto session = cookie ? access_.session(*cookie) : std::nullopt) {
    if (auto done = access_.sign_out(*session); !done) return done.error();
  }
  return std::string{kSessionCookie} + "=" + cookie_attributes() + "; Max-Age=0";
}

store::Actor Gatekeeper::actor_of(const Principal& principal) const {
  if (!principal.name.empty()) return store::Actor{principal.name, clock_()};
  return store::Actor{
      principal.label.empty() ? "token " + std::to_string(principal.token_id) : principal.label,
      clock_()};
}

Account Gatekeeper::account_of(const Principal& principal) const {
  return access_.account_of(principal);
}

Result<NewToken, HttpError> Gatekeeper::make_token(const Principal& principal, store::Role role,
                                                   std::string_view label, std::string_view name,
                                                   std::string_view person) {
  return access_.create_token_as(principal, role, label, name, person, actor_of(principal));
}

Result<store::Revocation, HttpError> Gatekeeper::revoke_token(const Principal& principal,
                                                              std::int64_t id) {
  return access_.revoke_token_as(principal, id, actor_of(principal));
}

Result<store::Subscription, HttpError> Gatekeeper::revoke_subscription(const Principal& principal,
                                                                       std::int64_t id) {
  return access_.revoke_subscription_as(principal, id, actor_of(principal));
}

Result<NewSubscription, HttpError> Gatekeeper::subscribe(const Principal& principal,
                                                         const store::SubscriptionScope& scope,
                                                         std::string_view label) {
  return access_.subscribe_as(principal, scope, label, actor_of(principal));
}

Result<bool> Gatekeeper::reload_if_changed() { return access_.reload_if_changed(); }

// HttpOnly, SameSite=Strict, and Secure behind https.
std::string Gatekeeper::cookie_attributes() const {
  return std::string{"; Path=/; HttpOnly; SameSite=Strict"} +
         (options_.secure_cookies ? "; Secure" : "");
}

}  // namespace torikumi::http
