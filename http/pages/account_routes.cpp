// The account page's handlers (account_routes in page_routes.hpp): the visitor's own tokens and
// calendar links, listed, made and revoked. A secret made here is shown once, on a page no cache
// keeps, with copy buttons.

#include <httplib.h>

#include <charconv>

#include "http/api/api_routes.hpp"
#include "http/api/field_limits.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/page_routes.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;
using Fields = std::map<std::string, std::string>;

const std::string kAccountPage{routes::kAccount};

// GET /account: signed in only (sign-in comes back here), whatever the config says of reading.
void show_account(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response) {
  PageContext context = page_context(pages, request, response);
  const auto session = pages.gate.session_of(credentials_of(request));
  if (!session)
    return redirect(response,
                    std::string{routes::kSignIn} + "?next=" + percent_encode(kAccountPage));
  context.visitor = visitor_of(pages.gate, *session);
  answer_page(response, render_account_page(pages.gate.account_of(session->principal),
                                            session->principal, pages.catalog.plans(), context,
                                            pages.catalog.agencies()->agencies));
}

// The scope of the subscription form's `feed`: `agency:NAME`, `person:ADDRESS`, a plan's id, or
// the id and an owner (担当) after the first '/' (ids are slugs, without a '/' or a ':').
store::SubscriptionScope scope_of_feed(const std::string& feed) {
  store::SubscriptionScope scope;
  if (feed.starts_with("agency:")) {
    scope.agency = feed.substr(7);
  } else if (feed.starts_with("person:")) {
    scope.person = feed.substr(7);
  } else if (const std::size_t slash = feed.find('/'); slash != std::string::npos) {
    scope.plan = feed.substr(0, slash);
    scope.owner = feed.substr(slash + 1);
  } else {
    scope.plan = feed;
  }
  return scope;
}

// An account form's writer, its fields within their limits; else null after answering with a page
// that says why not.
std::optional<FormWriter> account_form_writer(const PagesContext& pages,
                                              const httplib::Request& request,
                                              httplib::Response& response, const Fields& fields) {
  auto writer = form_writer(pages, request, response, fields, kAccountPage);
  if (!writer) return std::nullopt;
  if (const auto over = check_field_limits(fields)) {
    answer_refused(response, *over, kAccountPage, writer->context);
    return std::nullopt;
  }
  return writer;
}

// POST /account/tokens: a token for `holder` (a person's name) and `person` (their address, a
// member of some agency, or empty), with `label` and `role`.
void make_token(const PagesContext& pages, const httplib::Request& request,
                httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = account_form_writer(pages, request, response, fields);
  if (!writer) return;
  const std::string role_text = form_field(fields, "role");
  const auto role = store::parse_role(role_text);
  if (!role)
    return answer_refused(
        response,
        {ErrorKind::bad_request,
         "role: expected viewer, editor, secretariat or admin, got " + in_quotes(role_text),
         KnownRefusal::unknown_role,
         {role_text}},
        kAccountPage, writer->context);
  const auto made =
      pages.gate.make_token(writer->principal, *role, form_field(fields, "label"),
                            form_field(fields, "holder"), form_field(fields, "person"));
  if (!made) return answer_refused(response, made.error(), kAccountPage, writer->context);
  PageContext shown = writer->context;
  shown.script = copy_script_url();
  answer_secret_page(response, render_new_token_page(*made, shown));
}

// POST /account/subscriptions: a calendar link to `feed` (see scope_of_feed), with `label`; an
// agency's or a person's an admin's only (AccessControl::subscribe_as decides).
void make_subscription(const PagesContext& pages, const httplib::Request& request,
                       httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = account_form_writer(pages, request, response, fields);
  if (!writer) return;
  const store::SubscriptionScope scope = scope_of_feed(form_field(fields, "feed"));
  PageContext shown = writer->context;
  shown.script = copy_script_url();
  if (!scope.agency.empty() || !scope.person.empty()) {
    const auto made = pages.gate.subscribe(writer->principal, scope, form_field(fields, "label"));
    if (!made) return answer_refused(response, made.error(), kAccountPage, writer->context);
    return answer_secret_page(
        response,
        render_meetings_subscription_page(scope, subscription_url(pages.base_url(), *made), shown));
  }
  const SnapshotPointer snapshot = pages.catalog.find(scope.plan);
  if (!snapshot)
    return answer_refused(response,
                          {ErrorKind::not_found,
                           "no plan " + in_quotes(scope.plan),
                           KnownRefusal::no_plan,
                           {scope.plan}},
                          kAccountPage, writer->context);
  const auto made = pages.gate.subscribe(writer->principal, scope, form_field(fields, "label"));
  if (!made) return answer_refused(response, made.error(), kAccountPage, writer->context);
  answer_secret_page(response, render_subscription_page(
                                   *snapshot, subscription_url(pages.base_url(), *made), shown));
}

// The id of a revoke's path; zero when it does not fit (no row has it).
std::int64_t id_of(const std::string& text) {
  std::int64_t id = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), id);
  return parsed.ec == std::errc{} ? id : 0;
}

// Which rows a revoke's path names.
enum class Revoked { token, subscription };

// POST /account/tokens/<id>/revoke and /account/subscriptions/<id>/revoke: back to the account.
void revoke(const PagesContext& pages, const httplib::Request& request, httplib::Response& response,
            const std::string& body, Revoked revoked) {
  const Fields fields = parse_form(body);
  const auto writer = form_writer(pages, request, response, fields, kAccountPage);
  if (!writer) return;
  const std::int64_t id = id_of(request.matches[1]);
  std::optional<HttpError> refused;
  if (revoked == Revoked::token) {
    if (auto done = pages.gate.revoke_token(writer->principal, id); !done) refused = done.error();
  } else {
    if (auto done = pages.gate.revoke_subscription(writer->principal, id); !done)
      refused = done.error();
  }
  if (refused) return answer_refused(response, *refused, kAccountPage, writer->context);
  redirect(response, kAccountPage);
}

void revoke_token(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response, const std::string& body) {
  revoke(pages, request, response, body, Revoked::token);
}

void revoke_subscription(const PagesContext& pages, const httplib::Request& request,
                         httplib::Response& response, const std::string& body) {
  revoke(pages, request, response, body, Revoked::subscription);
}

}  // namespace

std::vector<Route> account_routes(const PagesContext& pages) {
  return {
      page_route(routes::kAccount, routes::kAccount, pages, show_account),
      form_route(routes::kAccountTokens, routes::kAccountTokens, pages, make_token),
      form_route(routes::kAccountSubscriptions, routes::kAccountSubscriptions, pages,
                 make_subscription),
      form_route(routes::kAccountTokenRevoke, labels::kAccountTokenRevoke, pages, revoke_token),
      form_route(routes::kAccountSubscriptionRevoke, labels::kAccountSubscriptionRevoke, pages,
                 revoke_subscription),
      script_route(routes::kCopyScript, copy_script()),
  };
}

}  // namespace torikumi::http
