// The agencies page (agency_routes in page_routes.hpp): the sections and partner agencies with
// their members, current and former (Store::agencies). Editors and admins see it, since it holds
// addresses; admins change an agency at a time, each change audited by the store.

#include <httplib.h>

#include "engine/base/json_reader.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/agency.hpp"
#include "http/api/directory_writes.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

using templates::View;
using Fields = std::map<std::string, std::string>;

const std::string kAgenciesPage{routes::kAgencies};

// Blank member rows an edit form offers beyond an agency's members, to add people.
constexpr std::size_t kBlankRows = 3;

std::string day_text(const std::optional<date::sys_days>& day) {
  return day ? format_iso_date(*day) : std::string{};
}

View choices_view(std::string_view prefix, std::string_view chosen,
                  const std::vector<std::string_view>& values, Language language) {
  View list{View::type::list};
  for (const std::string_view value : values)
    templates::append(
        list, templates::object_of(
                  {{"value", std::string{value}},
                   {"label",
                    std::string{page::label(language, std::string{prefix} + std::string{value})}},
                   {"selected", value == chosen}}));
  return list;
}

View kinds_view(AgencyKind chosen, Language language) {
  std::vector<std::string_view> values;
  for (const AgencyKind kind : kAgencyKinds) values.push_back(to_string(kind));
  return choices_view("kind_", to_string(chosen), values, language);
}

View roles_view(MemberRole chosen, Language language) {
  return choices_view("role_", to_string(chosen), {"contact", "lead", "member"}, language);
}

// The edit form's rows: each member, then blank ones.
View rows_view(const std::vector<Member>& members, Language language) {
  View rows{View::type::list};
  for (std::size_t i = 0; i < members.size() + kBlankRows; ++i) {
    const Member blank{};
    const Member& member = i < members.size() ? members[i] : blank;
    templates::append(rows, templates::object_of({{"index", std::to_string(i)},
                                                  {"number", std::to_string(i + 1)},
                                                  {"roles", roles_view(member.role, language)},
                                                  {"name", member.name},
                                                  {"email", member.email},
                                                  {"since", day_text(member.since)},
                                                  {"until", day_text(member.until)},
                                                  {"pledged", day_text(member.pledged)}}));
  }
  return rows;
}

View agency_view(const Agency& agency, std::size_t index, date::sys_days today, Language language) {
  View members{View::type::list};
  for (const Member& member : agency.members) {
    const std::string period =
        member.since || member.until ? day_text(member.since) + "～" + day_text(member.until) : "";
    templates::append(
        members, templates::object_of(
                     {{"role_label", std::string{page::label(
                                         language, "role_" + std::string{to_string(member.role)})}},
                      {"name", member.name},
                      {"email", member.email},
                      {"period", period},
                      {"pledged", day_text(member.pledged)},
                      {"former", !member.active_on(today)}}));
  }
  return templates::object_of(
      {{"name", agency.name},
       {"kind_label",
        std::string{page::label(language, "kind_" + std::string{to_string(agency.kind)})}},
       {"has_members", !agency.members.empty()},
       {"members", std::move(members)},
       {"prefix", "agency-" + std::to_string(index)},
       {"kinds", kinds_view(agency.kind, language)},
       {"rows", rows_view(agency.members, language)}});
}

std::string render_agencies_page(const std::vector<Agency>& agencies, bool admin,
                                 const std::string& csrf, const PageContext& context) {
  const date::sys_days today = membership_day(context.now);
  View list{View::type::list};
  for (std::size_t i = 0; i < agencies.size(); ++i)
    templates::append(list, agency_view(agencies[i], i, today, context.language));
  View new_agency =
      templates::object_of({{"prefix", "agency-new"},
                            {"kinds", kinds_view(AgencyKind::ward_section, context.language)},
                            {"rows", rows_view({}, context.language)}});
  View view = templates::object_of({{"agencies", std::move(list)},
                                    {"new_agency", std::move(new_agency)},
                                    {"admin", admin},
                                    {"csrf", csrf}});
  return page::render_page("agencies.html.mustache", view,
                           page::label(context.language, "agencies_heading"), context);
}

// GET /agencies: a signed-in editor's or admin's.
void show_agencies(const PagesContext& pages, const httplib::Request& request,
                   httplib::Response& response) {
  PageContext context = page_context(pages, request, response);
  const auto session = pages.gate.session_of(credentials_of(request));
  if (!session)
    return redirect(response,
                    std::string{routes::kSignIn} + "?next=" + percent_encode(kAgenciesPage));
  context.visitor = visitor_of(pages.gate, *session);
  if (!Gatekeeper::can_edit(session->principal))
    return answer_refused(response,
                          {ErrorKind::forbidden,
                           "the agencies hold addresses: a viewer does not see them; an editor "
                           "or an admin does",
                           KnownRefusal::directory_needs_editor},
                          "/", context);
  const auto agencies =
      pages.catalog.with_store([](store::Store& store) { return store.agencies(); });
  if (!agencies) return answer_refused(response, http_error(agencies.error()), "/", context);
  answer_unstored_page(
      response, render_agencies_page(*agencies, session->principal.role == store::Role::admin,
                                     session->csrf_token, context));
}

// An admin's form, else null after answering with a page that says why not.
std::optional<FormWriter> agency_writer(const PagesContext& pages, const httplib::Request& request,
                                        httplib::Response& response, const Fields& fields) {
  auto writer = form_writer(pages, request, response, fields, kAgenciesPage);
  if (!writer) return std::nullopt;
  if (auto refused = check_directory_editor(writer->principal)) {
    answer_refused(response, *refused, kAgenciesPage, writer->context);
    return std::nullopt;
  }
  return writer;
}

// The agency a form describes, read as a file's agency is (every problem at its path, with its
// meaning): name, kind, and rows role_N, name_N, email_N, since_N, until_N, pledged_N; a row
// without an address is left out.
Result<Agency, HttpError> agency_of(const Fields& fields) {
  nlohmann::json members = nlohmann::json::array();
  for (std::size_t i = 0; i < kMaxMembersPerAgency + kBlankRows; ++i) {
    const std::string n = std::to_string(i);
    const std::string email = form_field(fields, "email_" + n);
    if (email.empty()) continue;
    nlohmann::json member{{"email", email},
                          {"name", form_field(fields, "name_" + n)},
                          {"role", form_field(fields, "role_" + n)}};
    for (const char* key : {"since", "until", "pledged"})
      if (const std::string day = form_field(fields, std::string{key} + "_" + n); !day.empty())
        member[key] = day;
    members.push_back(std::move(member));
  }
  const nlohmann::json document{{"name", form_field(fields, "name")},
                                {"kind", form_field(fields, "kind")},
                                {"members", std::move(members)}};
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  auto agency = read_agency(reader, document, "agency");
  if (diagnostics.empty() && agency) return std::move(*agency);
  HttpError error{ErrorKind::unprocessable, std::string{}};
  for (const Diagnostic& diagnostic : diagnostics) {
    error.message += (error.message.empty() ? "" : "\n") + diagnostic.to_string();
    error.problems.push_back(diagnostic);
  }
  return error;
}

// POST /agencies/save: one agency, created or replaced.
void save_agency(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = agency_writer(pages, request, response, fields);
  if (!writer) return;
  const auto agency = agency_of(fields);
  if (!agency) return answer_refused(response, agency.error(), kAgenciesPage, writer->context);
  const auto saved = pages.catalog.change_agencies(
      [&](store::Store& store) { return store.put_agency(*agency, writer->actor); });
  if (!saved)
    return answer_refused(response, http_error(saved.error()), kAgenciesPage, writer->context);
  redirect(response, kAgenciesPage + "?done=saved");
}

// POST /agencies/remove: name.
void remove_agency(const PagesContext& pages, const httplib::Request& request,
                   httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = agency_writer(pages, request, response, fields);
  if (!writer) return;
  const auto removed = pages.catalog.change_agencies([&](store::Store& store) {
    return store.remove_agency(form_field(fields, "name"), writer->actor);
  });
  if (!removed)
    return answer_refused(response, http_error(removed.error()), kAgenciesPage, writer->context);
  redirect(response, kAgenciesPage + "?done=removed");
}

}  // namespace

std::vector<Route> agency_routes(const PagesContext& pages) {
  return {
      page_route(routes::kAgencies, routes::kAgencies, pages, show_agencies),
      form_route(routes::kAgencySave, routes::kAgencySave, pages, save_agency),
      form_route(routes::kAgencyRemove, routes::kAgencyRemove, pages, remove_agency),
  };
}

}  // namespace torikumi::http
