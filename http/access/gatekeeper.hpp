#pragma once

// Every decision about who is calling, in one place: who a request's credentials name (a bearer
// token, else a session cookie), whether they may read, read /metrics, open a feed, write through
// the API or send a dashboard form; how much body they may send; the sign-in form's
// double-submitted CSRF pair and the cookies of a session. Handlers ask; they do not decide.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/meetings/agenda.hpp"
#include "engine/plan/config.hpp"
#include "http/access/access_control.hpp"
#include "http/transport/body_budget.hpp"
#include "http/transport/connection_loop.hpp"
#include "http/transport/http_error.hpp"
#include "http/transport/request_head.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace torikumi::http {

inline constexpr std::string_view kSessionCookie = "torikumi_session";
// The sign-in form's CSRF token, double-submitted: in this cookie and in the form.
inline constexpr std::string_view kSignInCookie = "torikumi_signin";

// What a request presents: its Authorization and Cookie fields.
struct Credentials {
  std::optional<std::string> authorization;  // absent when the request has none
  std::string cookies;                       // empty when none
};

// The credentials of a cpp-httplib request.
Credentials credentials_of(const httplib::Request& request);

// Who is asking: a bearer token, else a session cookie. An Authorization header that names no
// live token is an error of its own (401), not an anonymous request.
struct Caller {
  std::optional<Principal> principal;
  std::optional<SignedIn> session;
  bool bad_credentials = false;
};

// A refusal, and whether its answer asks for a bearer token (WWW-Authenticate).
enum class Challenge { none, bearer };
struct Denial {
  HttpError error;
  Challenge challenge = Challenge::none;
};

// Answers a denial: its status and message, with WWW-Authenticate when it asks for a token.
void answer_denial(httplib::Response& response, const Denial& denial);

// Why a dashboard form is refused; the page words it in the visitor's language.
enum class FormRefusal { not_signed_in, expired, viewer };
// Why the sign-in form is refused.
enum class SignInRefusal { expired_form, unknown_token };

struct GateOptions {
  bool require_sign_in = true;  // reading needs a token, session or secret
  MetricsAccess metrics = MetricsAccess::loopback;
  bool secure_cookies = false;               // behind https: session cookies are Secure
  std::size_t max_body_bytes = 0;            // a known caller's body
  std::size_t max_anonymous_body_bytes = 0;  // anyone else's
  // A POST to /inbound/email, whoever sends it (routes::is_inbound_email_path); 0: the path has no
  // bound of its own (the inbound webhook is off) and is held to the two above.
  std::size_t max_inbound_body_bytes = 0;
  // The inbound bodies being read or served at once, together (a BodyBudget); 0 admits none of
  // them (gate_options gives ServerOptions' 64 MiB).
  std::size_t inbound_body_budget_bytes = 0;
};

class Gatekeeper {
 public:
  // `access` must outlive the gatekeeper.
  Gatekeeper(AccessControl& access, GateOptions options, std::function<date::sys_seconds()> clock);

  Caller caller_of(const Credentials& credentials) const;

  // Nothing when the caller may read; else 401.
  std::optional<Denial> check_read(const Credentials& credentials) const;
  // Nothing when the config's server.metrics lets this caller read /metrics; else 403 (not on
  // this machine) or 401 (no bearer token, or one unknown or revoked).
  std::optional<Denial> check_metrics(const Credentials& credentials,
                                      std::string_view remote_address) const;
  // Nothing when the caller may read the feed: a subscription's secret in the URL (`token`),
  // else a token or a session as for any read. A person's feed (whose agencies it shows is
  // personal data) needs its secret, or an editor's or an admin's token or session: 403 for a
  // viewer's, 401 without one, whatever server.require_sign_in says.
  std::optional<Denial> check_feed(const Credentials& credentials,
                                   const std::optional<std::string>& token,
                                   const FeedRequest& feed) const;
  // True when the subscription secret opens the feed (the event loops' hot path).
  bool opens_feed(std::string_view secret, const FeedRequest& feed) const;
  // The writer of an API write: an editor's bearer token; else 401 or 403. Sessions do not
  // write through the API (the dashboard's forms carry CSRF tokens instead).
  Result<Principal, Denial> api_writer(const Credentials& credentials) const;
  // Webhook URLs and addresses are shown to an editor's or an admin's token or session only.
  bool shows_personal_data(const Credentials& credentials) const;
  // How much body the caller of a request may send, decided from its head: a live token or
  // session the whole limit; anyone else a little (the sign-in form), a longer body 401. A POST
  // to /inbound/email, when max_inbound_body_bytes is set, may send that much whoever sends it
  // (the email gateway has no token; the handler authenticates it), a longer body 413; while the
  // inbound bodies in flight hold inbound_body_budget_bytes, 503 with Retry-After.
  BodyPermit admit(const RequestHead& head) const;

  // The session a page is shown to, when signed in.
  std::optional<SignedIn> session_of(const Credentials& credentials) const;
  // True when a page must send a visitor without a session to the sign-in page.
  bool pages_need_sign_in() const { return options_.require_sign_in; }
  // True when the session's holder may record (an editor or an admin).
  static bool can_edit(const Principal& principal);
  // Who reads a meeting's agenda (engine/meetings/agenda.hpp): a secretariat's or an admin's token
  // sees every item; another sees those for every participant and those naming an agency its
  // person is a current member of on `day` (none for a token of no person, or a nobody: `role` and
  // `person` are what a caller has, empty for none).
  static AgendaReader agenda_reader(std::optional<store::Role> role, std::string_view person,
                                    const std::vector<Agency>& agencies, date::sys_days day);
  // A dashboard form's sender: signed in, with the session's CSRF token in `fields`, allowed
  // to record.
  Result<SignedIn, FormRefusal> form_sender(const Credentials& credentials,
                                            const std::map<std::string, std::string>& fields) const;

  // A fresh CSRF token for the sign-in form, and the Set-Cookie value carrying its other half.
  struct SignInPair {
    std::string csrf_token;
    std::string set_cookie;
  };
  SignInPair sign_in_pair() const;
  // Checks the sign-in form (both halves of the pair, the token) and opens a session.
  Result<NewSession, SignInRefusal> sign_in(const Credentials& credentials,
                                            const std::map<std::string, std::string>& fields);
  // The Set-Cookie value of a new session.
  std::string session_cookie(const NewSession& session) const;
  // Ends the session the cookie names, if any, and gives the Set-Cookie value that clears it.
  Result<std::string> sign_out(const Credentials& credentials);

  // Who a write is recorded as, and the name the dashboard's header shows: the person who holds
  // the token (`torikumi token create --name`), else its label, else "token N".
  store::Actor actor_of(const Principal& principal) const;

  // A feed subscription made by the caller with their token, so that revoking the token revokes
  // it; whether their role may make it is AccessControl::subscribe_as's decision.
  Result<NewSubscription, HttpError> subscribe(const Principal& principal,
                                               const store::SubscriptionScope& scope,
                                               std::string_view label);
  // The account page's rows: the holder's token and the tokens and subscriptions made with it.
  Account account_of(const Principal& principal) const;
  // A token made on the account page (an admin's only; AccessControl::create_token_as decides).
  Result<NewToken, HttpError> make_token(const Principal& principal, store::Role role,
                                         std::string_view label, std::string_view name,
                                         std::string_view person = {});
  // Revokes a token or a subscription made with the principal's token; another is not_found.
  Result<store::Revocation, HttpError> revoke_token(const Principal& principal, std::int64_t id);
  Result<store::Subscription, HttpError> revoke_subscription(const Principal& principal,
                                                             std::int64_t id);

  // Reads the access tables again when another connection changed the file; true when it did.
  Result<bool> reload_if_changed();

 private:
  std::string cookie_attributes() const;

  AccessControl& access_;
  GateOptions options_;
  std::function<date::sys_seconds()> clock_;
  mutable BodyBudget inbound_budget_;
};

}  // namespace torikumi::http
