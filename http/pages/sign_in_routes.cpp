#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/contract/routes.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;

// The sign-in page with a fresh CSRF pair, and `message` (empty the first time).
void answer_sign_in(const PagesContext& pages, httplib::Response& response,
                    const PageContext& context, const std::string& next,
                    const std::string& message) {
  const auto pair = pages.gate.sign_in_pair();
  response.set_header("Set-Cookie", pair.set_cookie);
  answer_unstored_page(response, render_sign_in_page(pair.csrf_token, next, message, context));
}

void show_sign_in(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response) {
  const PageContext context = page_context(pages, request, response);
  answer_sign_in(pages, response, context, safe_next(request.get_param_value("next")), "");
}

void sign_in(const PagesContext& pages, const httplib::Request& request,
             httplib::Response& response, const std::string& body) {
  const PageContext context = page_context(pages, request, response);
  const auto fields = parse_form(body);
  const std::string next = safe_next(form_field(fields, "next"));
  auto session = pages.gate.sign_in(credentials_of(request), fields);
  if (!session) {
    const bool expired = session.error() == SignInRefusal::expired_form;
    response.status = expired ? 403 : 401;
    return answer_sign_in(
        pages, response, context, next,
        expired ? page::words(context.language,
                              "フォームの有効期限が切れました。もう一度入力してください。",
                              "The form expired; please enter the token again.")
                : page::words(context.language, "トークンが正しくないか、失効しています。",
                              "That token is unknown or revoked."));
  }
  pages.log(nlohmann::ordered_json{
      {"level", "info"}, {"event", "sign in"}, {"remote", request.remote_addr}}
                .dump());
  response.set_header("Set-Cookie", pages.gate.session_cookie(*session));
  redirect(response, next);
}

void sign_out(const PagesContext& pages, const httplib::Request& request,
              httplib::Response& response, const std::string&) {
  const auto cleared = pages.gate.sign_out(credentials_of(request));
  if (!cleared) return answer_error(response, {ErrorKind::internal, cleared.error().message});
  response.set_header("Set-Cookie", *cleared);
  redirect(response, std::string{routes::kSignIn});
}

}  // namespace

std::vector<Route> sign_in_routes(const PagesContext& pages) {
  return {
      page_route(routes::kSignIn, labels::kOther, pages, show_sign_in),
      form_route(routes::kSignIn, labels::kOther, pages, sign_in),
      form_route(routes::kSignOut, labels::kOther, pages, sign_out),
  };
}

}  // namespace torikumi::http
