#include "http/pages/page_routes.hpp"

#include <httplib.h>

#include <functional>
#include <sstream>

#include "engine/progress/progress_form.hpp"
#include "engine/progress/progress_marks.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/templates/progress_form_html.hpp"
#include "http/pages/templates/templates.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;

// Pages carry no script; styles are inline.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'";
// The 様式4 page runs the server's own script, its print button, and nothing else.
constexpr const char* kOwnScriptPolicy =
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
constexpr const char* kHtml = "text/html; charset=utf-8";

// The print button's script, embedded with the templates, and the address pages load it by: the
// query changes with the text, so it may be cached for a year.
std::string_view print_script() { return templates::embedded_file("print.js"); }
std::string versioned_url(std::string_view route, std::string_view script) {
  std::ostringstream version;
  version << std::hex << std::hash<std::string_view>{}(script);
  return std::string{route} + "?v=" + version.str();
}

// A dashboard page's context, with the visitor when signed in. Null after redirecting to the
// sign-in page when reading needs it.
std::optional<PageContext> page_for(const PagesContext& pages, const httplib::Request& request,
                                    httplib::Response& response) {
  PageContext context = page_context(pages, request, response);
  if (const auto session = pages.gate.session_of(credentials_of(request)))
    context.visitor = visitor_of(pages.gate, *session);
  if (pages.gate.pages_need_sign_in() && !context.visitor) {
    redirect(response, std::string{routes::kSignIn} + "?next=" + percent_encode(request.path));
    return std::nullopt;
  }
  return context;
}

// A page of one plan (/plans/<id>/...), shown once the visitor may read it and the plan is found.
using PlanPageHandler = void (*)(const PagesContext& pages, const httplib::Request& request,
                                 const PageContext& context, const PlanSnapshot& snapshot,
                                 httplib::Response& response);

// The row of a plan's page: the visitor's context (else to the sign-in page when reading needs
// it), the plan (else a 404 page that says so), then `show`.
Route plan_page_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                      PlanPageHandler show) {
  return {Method::get, pattern, label,
          [&pages, show](const httplib::Request& request, httplib::Response& response,
                         const std::string&) {
            const auto context = page_for(pages, request, response);
            if (!context) return;
            const auto snapshot =
                plan_or_missing_page(pages, request.matches[1], *context, response);
            if (!snapshot) return;
            show(pages, request, *context, *snapshot, response);
          }};
}

void show_overview(const PagesContext& pages, const httplib::Request& request,
                   httplib::Response& response) {
  const auto context = page_for(pages, request, response);
  if (!context) return;
  answer_page(response, render_overview_page(pages.catalog.plans(), *context));
}

void show_plan(const PagesContext& pages, const httplib::Request&, const PageContext& context,
               const PlanSnapshot& snapshot, httplib::Response& response) {
  // The owners' ten soonest; the participants' come whole (the page groups them by meeting).
  const auto reminders = pages.reminders.plan_reminders(snapshot.plan->id, context.now, 10, 20);
  answer_page(response, render_plan_page(snapshot, context, reminders ? &*reminders : nullptr,
                                         plan_distinction(*snapshot.plan, pages.catalog.plans())));
}

// The 様式4 form of the plan as of the end of ?period=, by default the period being reported now
// (the latest that has ended), with links to the plan's page and to the other periods' forms.
void show_form(const PagesContext&, const httplib::Request& request, const PageContext& context,
               const PlanSnapshot& snapshot, httplib::Response& response) {
  const Plan& plan = *snapshot.plan;
  std::string up_to_period = request.get_param_value("period");
  if (!up_to_period.empty() && period_index(plan, up_to_period) == plan.periods.size()) {
    response.status = 400;
    return answer_page(response, render_missing_page({ErrorKind::not_found,
                                                      "unknown period \"" + up_to_period + "\"",
                                                      KnownRefusal::unknown_period,
                                                      {up_to_period}},
                                                     context));
  }
  if (up_to_period.empty())
    up_to_period = period_being_reported(plan, snapshot.expansion.fiscal_year,
                                         snapshot.expansion.zone.today(context.now));
  const std::string page = "/plans/" + percent_encode(plan.id);
  FormLinks links{
      .back = page, .periods = {}, .current = up_to_period, .print_script = print_script_url()};
  for (const PeriodDefinition& period : plan.periods)
    links.periods.emplace_back(period.name, page + "/form?period=" + percent_encode(period.name));
  answer_page(
      response,
      render_progress_form_html(plan, snapshot.expansion, snapshot.recorded, up_to_period, &links),
      PageScripts::own);
}

// Every overdue item of the plan, narrowed by ?owner=, ?period= and ?kind=; a value the plan does
// not have is a 400 page that says which and what it takes.
void show_overdue(const PagesContext&, const httplib::Request& request, const PageContext& context,
                  const PlanSnapshot& snapshot, httplib::Response& response) {
  const auto filter = read_overdue_filter(*snapshot.plan, request.get_param_value("owner"),
                                          request.get_param_value("period"),
                                          request.get_param_value("kind"), context.language);
  if (!filter) {
    response.status = 400;
    return answer_page(
        response,
        render_bad_query_page(filter.error().message,
                              "/plans/" + percent_encode(snapshot.plan->id) + "/overdue", context));
  }
  answer_page(response, render_overdue_page(snapshot, *filter, context));
}

// The audit log of the plan, or of one occurrence (?occurrence=), a page (?page=) at a time; a
// value it cannot take is a 400 page that says why.
void show_history(const PagesContext& pages, const httplib::Request& request,
                  const PageContext& context, const PlanSnapshot& snapshot,
                  httplib::Response& response) {
  const Plan& plan = *snapshot.plan;
  const std::string back = "/plans/" + percent_encode(plan.id) + "/history";
  const auto refuse = [&](const std::string& message) {
    response.status = 400;
    answer_page(response, render_bad_query_page(message, back, context));
  };
  const auto occurrence =
      read_history_occurrence(plan, request.get_param_value("occurrence"), context.language);
  if (!occurrence) return refuse(occurrence.error().message);
  const auto entries = pages.catalog.with_store([&](store::Store& store) {
    return store.history(occurrence->empty() ? plan.id : *occurrence);
  });
  if (!entries)
    return answer_refused(response, {ErrorKind::internal, entries.error().message}, back, context);
  const auto page =
      read_history_page(request.get_param_value("page"), entries->size(), context.language);
  if (!page) return refuse(page.error().message);
  answer_page(response, render_history_page(snapshot, *entries, *occurrence, *page, context));
}

}  // namespace

std::optional<PageContext> reading_page_context(const PagesContext& pages,
                                                const httplib::Request& request,
                                                httplib::Response& response) {
  return page_for(pages, request, response);
}

std::vector<Route> page_routes(const PagesContext& pages) {
  return {
      page_route(routes::kOverview, routes::kOverview, pages, show_overview),
      plan_page_route(routes::kPlanPage, labels::kPlanPage, pages, show_plan),
      plan_page_route(routes::kPlanForm, labels::kPlanForm, pages, show_form),
      plan_page_route(routes::kPlanOverdue, labels::kPlanOverdue, pages, show_overdue),
      plan_page_route(routes::kPlanHistory, labels::kPlanHistory, pages, show_history),
      script_route(routes::kPrintScript, print_script()),
  };
}

Route page_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                 PageHandler show) {
  return {Method::get, pattern, label,
          [&pages, show](const httplib::Request& request, httplib::Response& response,
                         const std::string&) { show(pages, request, response); }};
}

Route form_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                 FormHandler take) {
  return {Method::post, pattern, label,
          [&pages, take](const httplib::Request& request, httplib::Response& response,
                         const std::string& body) { take(pages, request, response, body); }};
}

// Like every answer, with X-Content-Type-Options: nosniff (http/transport/answers.hpp).
Route script_route(std::string_view pattern, std::string_view script) {
  return {Method::get, pattern, pattern,
          [script](const httplib::Request&, httplib::Response& response, const std::string&) {
            response.set_header("Cache-Control", "public, max-age=31536000, immutable");
            response.set_content(std::string{script}, "text/javascript; charset=utf-8");
          }};
}

PageContext page_context(const PagesContext& pages, const httplib::Request& request,
                         httplib::Response& response) {
  const std::string lang = request.get_param_value("lang");
  if (lang == "en" || lang == "ja")
    response.set_header("Set-Cookie", "lang=" + lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
  PageContext context;
  context.language =
      choose_language(lang, request.get_header_value("Cookie"), pages.default_language);
  context.now = pages.clock();
  const std::string done = request.get_param_value("done");
  for (const std::string_view key :
       {"recorded", "saved", "imported", "acknowledged", "removed", "sent"})
    if (done == key) context.flash = page::label(context.language, "flash_" + done);
  return context;
}

SnapshotPointer plan_or_missing_page(const PagesContext& pages, const std::string& plan_id,
                                     const PageContext& context, httplib::Response& response) {
  SnapshotPointer snapshot = pages.catalog.find(plan_id);
  if (!snapshot) {
    response.status = 404;
    answer_page(response, render_missing_page({ErrorKind::not_found,
                                               "no plan " + in_quotes(plan_id),
                                               KnownRefusal::no_plan,
                                               {plan_id}},
                                              context));
  }
  return snapshot;
}

const std::string& print_script_url() {
  static const std::string url = versioned_url(routes::kPrintScript, print_script());
  return url;
}

Visitor visitor_of(const Gatekeeper& gate, const SignedIn& session) {
  return Visitor{gate.actor_of(session.principal).by, Gatekeeper::can_edit(session.principal),
                 session.csrf_token, session.principal.role, session.principal.person};
}

void answer_page(httplib::Response& response, std::string page, PageScripts scripts) {
  response.set_header("Content-Security-Policy",
                      scripts == PageScripts::own ? kOwnScriptPolicy : kPagePolicy);
  response.set_header("Cache-Control", "no-cache");
  response.set_content(std::move(page), kHtml);
}

void answer_refused(httplib::Response& response, const HttpError& error, const std::string& back,
                    const PageContext& context) {
  response.status = status_code(error.kind);
  answer_page(response, render_refused_page(error, back, context));
}

void answer_unstored_page(httplib::Response& response, std::string page, PageScripts scripts) {
  answer_page(response, std::move(page), scripts);
  response.headers.erase("Cache-Control");
  response.set_header("Cache-Control", "no-store");
}

void answer_secret_page(httplib::Response& response, std::string page) {
  answer_unstored_page(response, std::move(page), PageScripts::own);
}

std::string_view copy_script() { return templates::embedded_file("copy.js"); }

const std::string& copy_script_url() {
  static const std::string url = versioned_url(routes::kCopyScript, copy_script());
  return url;
}

bool answer_missing_path(const PagesContext& pages, const httplib::Request& request,
                         httplib::Response& response) {
  if (request.path == "/api" || request.path.starts_with("/api/")) return false;
  PageContext context = page_context(pages, request, response);
  if (const auto session = pages.gate.session_of(credentials_of(request)))
    context.visitor = visitor_of(pages.gate, *session);
  response.status = 404;
  answer_page(response, render_missing_page({ErrorKind::not_found,
                                             "no such page: " + request.path,
                                             KnownRefusal::no_such_page,
                                             {request.path}},
                                            context));
  return true;
}

}  // namespace torikumi::http
