#pragma once

// The dashboard's handler groups, as rows of the server's route table: the pages that read
// (page_routes.cpp), sign-in and sign-out (sign_in_routes.cpp) and the plan page's forms
// (plan_actions.cpp). Each asks the gatekeeper who is calling and renders with dashboard.hpp.

#include <date/date.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/language.hpp"
#include "http/access/gatekeeper.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/pages/dashboard.hpp"
#include "http/transport/route.hpp"

namespace torikumi::http {

// What the pages' handlers work with. Every member must outlive the routes.
struct PagesContext {
  StorePlanCatalog& catalog;
  Gatekeeper& gate;
  ReminderBoard& reminders;
  std::function<date::sys_seconds()> clock;
  std::function<std::string()> base_url;  // where people reach the server, for feed URLs
  Language default_language = Language::japanese;
  std::function<void(const std::string&)> log;  // one JSON line (a sign-in)
  // How invitations are sent (the config's meetings and webhooks); none: the meeting page says
  // what is missing and sends nothing.
  std::optional<MeetingsOptions> meetings = std::nullopt;
  std::function<void()> outbox_entered{};  // after invitations were entered; may be empty
};

// GET /, /plans/<id>, /plans/<id>/overdue, /plans/<id>/history, /plans/<id>/form, and the
// form's /assets/print.js.
std::vector<Route> page_routes(const PagesContext& context);
// GET and POST /signin, POST /signout.
std::vector<Route> sign_in_routes(const PagesContext& context);
// GET /import, POST /import/preview and /import/save, GET and POST /plans/<id>/edit and
// /plans/<id>/tasks/<task>/edit (plan_intake_routes.cpp).
std::vector<Route> plan_intake_routes(const PagesContext& context);
// POST /plans/<id>/actions/<verb>: done, undo, skip, schedule, note, editnote, deletenote, kpi,
// subscribe, acknowledge.
std::vector<Route> plan_action_routes(const PagesContext& context);
// GET /account, POST /account/tokens, /account/subscriptions and their /<id>/revoke, and the
// copy buttons' /assets/copy.js (account_routes.cpp).
std::vector<Route> account_routes(const PagesContext& context);
// GET /directory, POST /directory/save and /directory/remove (directory_pages.cpp).
std::vector<Route> directory_routes(const PagesContext& context);
// The agencies page (agency_pages.cpp): /agencies, /agencies/save, /agencies/remove.
std::vector<Route> agency_routes(const PagesContext& context);
// A meeting occurrence's page and its forms (meeting_pages.cpp): GET /meetings/<occurrence>, POST
// /meetings/<occurrence>/send, /answer, /counter, /participants.
std::vector<Route> meeting_routes(const PagesContext& context);
// The invitations' answer links (answer_pages.cpp): GET and POST /answer/<token>, no sign-in.
std::vector<Route> answer_routes(const PagesContext& context);

// A reading page's context, with the visitor when signed in; null after redirecting to the
// sign-in page when reading needs it.
std::optional<PageContext> reading_page_context(const PagesContext& pages,
                                                const httplib::Request& request,
                                                httplib::Response& response);

// A page's handler: it reads what it needs of the request and answers, as the pages do, with a
// page, a redirect or a refusal.
using PageHandler = void (*)(const PagesContext& pages, const httplib::Request& request,
                             httplib::Response& response);
// A form's handler: the same with the request's body (application/x-www-form-urlencoded).
using FormHandler = void (*)(const PagesContext& pages, const httplib::Request& request,
                             httplib::Response& response, const std::string& body);
// The rows of a page (GET) and of a form (POST), handled by `show` or `take` with `pages`.
Route page_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                 PageHandler show);
Route form_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                 FormHandler take);
// The row of one of the server's own scripts (GET /assets/...): `script` as it is, cached for a
// year, as the address pages load it by changes with its text (copy_script_url).
Route script_route(std::string_view pattern, std::string_view script);

// A GET of a path no route takes, from a browser (any path outside /api/): a 404 page in the
// visitor's language, with the header of a signed-in visitor. False for an /api/ path, which
// keeps its JSON answer.
bool answer_missing_path(const PagesContext& pages, const httplib::Request& request,
                         httplib::Response& response);

// A page's context: the language (?lang= remembered in a cookie, else the cookie, else the
// default) and now; no visitor.
PageContext page_context(const PagesContext& pages, const httplib::Request& request,
                         httplib::Response& response);
// The plan of that id (a page's /plans/<id>/..., an upload's ?plan=), or null after answering 404
// with a page that says so.
SnapshotPointer plan_or_missing_page(const PagesContext& pages, const std::string& plan_id,
                                     const PageContext& context, httplib::Response& response);
// The signed-in visitor a page is rendered for.
Visitor visitor_of(const Gatekeeper& gate, const SignedIn& session);
// Whether a page runs a script: none, or the server's own (/assets/, the 様式4 page's button,
// the copy buttons of a page that shows a secret).
enum class PageScripts { none, own };

// A page no cache may keep (Cache-Control: no-store, in place of answer_page's no-cache): one that
// shows what was uploaded, or a secret.
void answer_unstored_page(httplib::Response& response, std::string page,
                          PageScripts scripts = PageScripts::none);
// A page that shows a secret once, with the copy buttons' script, unstored.
void answer_secret_page(httplib::Response& response, std::string page);

// The address the print pages load their print button's script by (/assets/print.js?v=...).
const std::string& print_script_url();
// The address pages load the copy buttons' script by (/assets/copy.js?v=...): the query changes
// with the text, so it may be cached for a year.
const std::string& copy_script_url();
// The copy buttons' script, for GET /assets/copy.js.
std::string_view copy_script();

// An HTML page, with the pages' Content-Security-Policy, revalidated on each visit.
void answer_page(httplib::Response& response, std::string page,
                 PageScripts scripts = PageScripts::none);
// Who sends a dashboard form, and the page it is answered in.
struct FormWriter {
  PageContext context;
  store::Actor actor;
  Principal principal;
};

// A dashboard form's writer (plan_actions.cpp), or null after answering with a page that says why
// not: signed in, with the session's CSRF token, allowed to record; `back` is the page the form
// came from.
std::optional<FormWriter> form_writer(const PagesContext& pages, const httplib::Request& request,
                                      httplib::Response& response,
                                      const std::map<std::string, std::string>& fields,
                                      const std::string& back);

// A refused form, in a page that links back, in the page's language.
void answer_refused(httplib::Response& response, const HttpError& error, const std::string& back,
                    const PageContext& context);

}  // namespace torikumi::http
