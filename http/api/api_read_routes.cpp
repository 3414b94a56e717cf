#include <httplib.h>

#include <optional>

#include "http/api/action_writes.hpp"
#include "http/api/agency_writes.hpp"
#include "http/api/agenda_writes.hpp"
#include "http/api/api.hpp"
#include "http/api/api_routes.hpp"
#include "http/api/directory_writes.hpp"
#include "http/api/writes.hpp"
#include "http/contract/limits.hpp"
#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;
using Document = Result<nlohmann::json, HttpError>;
using DocumentOf = std::function<Document(const httplib::Request&)>;

// A JSON read: the caller may read, then the document or its error.
RouteHandler read_json(const ApiContext& context, DocumentOf document) {
  return [&gate = context.gate, document = std::move(document)](
             const httplib::Request& request, httplib::Response& response, const std::string&) {
    if (const auto denial = gate.check_read(credentials_of(request)))
      return answer_denial(response, *denial);
    const Document answer = document(request);
    if (!answer) return answer_error(response, answer.error());
    answer_json(response, *answer);
  };
}

// Today in the plan's zone. An unknown plan is answered 404 and its day is never read.
date::sys_days today_of(const ApiContext& context, const std::string& plan_id) {
  const auto snapshot = context.catalog.find(plan_id);
  const date::sys_seconds now = context.clock();
  return snapshot ? snapshot->expansion.zone.today(now) : date::floor<date::days>(now);
}

PersonalData personal_data_for(const ApiContext& context, const httplib::Request& request) {
  return context.gate.shows_personal_data(credentials_of(request)) ? PersonalData::shown
                                                                   : PersonalData::withheld;
}

// What of a meeting's agenda and minutes the caller sees (Gatekeeper::agenda_reader), today.
AgendaReader agenda_reader_of(const ApiContext& context, const Caller& caller) {
  return Gatekeeper::agenda_reader(
      caller.principal ? std::optional{caller.principal->role} : std::nullopt,
      caller.principal ? caller.principal->person : std::string{},
      context.catalog.agencies()->agencies, membership_day(context.clock()));
}

std::vector<Route> plan_reads(const ApiContext& context) {
  auto& catalog = context.catalog;
  return {
      {Method::get, routes::kApiPlans, routes::kApiPlans,
       read_json(context,
                 [&](const httplib::Request&) -> Document { return plans_to_json(catalog); })},
      {Method::get, routes::kApiPlan, labels::kApiPlan,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return plan_document(catalog, request.matches[1], request.params);
                 })},
      {Method::get, routes::kApiOccurrences, labels::kApiOccurrences,
       read_json(context,
                 [&](const httplib::Request& request) {
                   const std::string plan_id = request.matches[1];
                   return occurrences_document(catalog, plan_id, request.params,
                                               today_of(context, plan_id));
                 })},
      {Method::get, routes::kApiProgress, labels::kApiProgress,
       read_json(context,
                 [&](const httplib::Request& request) {
                   const std::string plan_id = request.matches[1];
                   return progress_document(catalog, plan_id, request.params,
                                            today_of(context, plan_id));
                 })},
      {Method::get, routes::kApiAgenda, labels::kApiAgenda,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return agenda_document(
                       catalog, request.matches[1].str(),
                       agenda_reader_of(context, context.gate.caller_of(credentials_of(request))));
                 })},
      {Method::get, routes::kApiMinutes, labels::kApiAgenda,
       read_json(context,
                 [&](const httplib::Request& request) {
                   const Caller caller = context.gate.caller_of(credentials_of(request));
                   const AgendaReader reader = agenda_reader_of(context, caller);
                   const store::Actor viewer = caller.principal
                                                   ? context.gate.actor_of(*caller.principal)
                                                   : store::Actor{"(anonymous)", context.clock()};
                   return minutes_document(catalog, request.matches[1].str(), reader, viewer);
                 })},
      {Method::get, routes::kApiActions, labels::kApiActions,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return actions_document(
                       catalog, request.matches[1].str(),
                       agenda_reader_of(context, context.gate.caller_of(credentials_of(request))));
                 })},
      {Method::get, routes::kApiPlanActions, labels::kApiActions,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return plan_actions_document(
                       catalog, request.matches[1].str(),
                       agenda_reader_of(context, context.gate.caller_of(credentials_of(request))));
                 })},
      {Method::get, routes::kApiKpis, labels::kApiOther,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return kpi_document(catalog, request.matches[1].str());
                 })},
  };
}

std::vector<Route> log_reads(const ApiContext& context) {
  return {
      {Method::get, routes::kApiHistory, labels::kApiOther,
       read_json(context,
                 [&](const httplib::Request& request) -> Document {
                   std::optional<std::string> subject;
                   if (request.has_param("subject")) subject = request.get_param_value("subject");
                   const auto limit =
                       limit_parameter(request.params, limits::kDefaultHistoryEntries);
                   if (!limit) return limit.error();
                   return history_document(context.catalog, subject, *limit,
                                           personal_data_for(context, request));
                 })},
      {Method::get, routes::kApiReminders, labels::kApiOther,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return context.reminders.reminders_document(request.matches[1].str(),
                                                               context.clock(),
                                                               personal_data_for(context, request));
                 })},
      {Method::get, routes::kApiDeliveries, labels::kApiOther,
       read_json(context,
                 [&](const httplib::Request& request) {
                   return context.reminders.deliveries_document(
                       request.params, personal_data_for(context, request));
                 })},
  };
}

// A read of the directory, which holds addresses: an editor's or an admin's token or session
// (as webhook URLs are shown), else 401 for no credentials or 403 for a viewer's.
RouteHandler read_directory_json(const ApiContext& context, DocumentOf document) {
  return [&gate = context.gate, document = std::move(document)](
             const httplib::Request& request, httplib::Response& response, const std::string&) {
    const Credentials credentials = credentials_of(request);
    if (!gate.shows_personal_data(credentials)) {
      if (!gate.caller_of(credentials).principal)
        return answer_denial(response, {{ErrorKind::unauthorized,
                                         "the directory holds addresses: send an editor's or an "
                                         "admin's token"},
                                        Challenge::bearer});
      return answer_error(response, {ErrorKind::forbidden,
                                     "the directory holds addresses: a viewer's token does not "
                                     "read it; an editor's or an admin's does"});
    }
    const Document answer = document(request);
    if (!answer) return answer_error(response, answer.error());
    answer_json(response, *answer);
    response.set_header("Cache-Control", "no-store");  // addresses: no cache keeps them
  };
}

// Agencies hold their members' addresses: read as the directory is.
std::vector<Route> agency_reads(const ApiContext& context) {
  auto& catalog = context.catalog;
  return {
      {Method::get, routes::kApiAgencies, labels::kApiAgencies,
       read_directory_json(
           context,
           [&](const httplib::Request&) -> Document { return agencies_document(catalog); })},
      {Method::get, routes::kApiAgency, labels::kApiAgencies,
       read_directory_json(context,
                           [&](const httplib::Request& request) -> Document {
                             return agency_document(catalog, request.matches[1].str());
                           })},
  };
}

std::vector<Route> directory_reads(const ApiContext& context) {
  auto& catalog = context.catalog;
  return {
      {Method::get, routes::kApiDirectory, labels::kApiDirectory,
       read_directory_json(context,
                           [&](const httplib::Request&) -> Document {
                             return directory_document(catalog, context.clock());
                           })},
      {Method::get, routes::kApiDirectoryOwner, labels::kApiDirectory,
       read_directory_json(context,
                           [&](const httplib::Request& request) -> Document {
                             return directory_entry_document(catalog, request.matches[1].str(),
                                                             context.clock());
                           })},
      {Method::get, routes::kApiDirectoryUnlisted, labels::kApiDirectory,
       read_directory_json(context,
                           [&](const httplib::Request&) -> Document {
                             return directory_entry_document(catalog, std::nullopt,
                                                             context.clock());
                           })},
  };
}

}  // namespace

std::vector<Route> api_read_routes(const ApiContext& context) {
  std::vector<Route> rows = plan_reads(context);
  for (Route& row : log_reads(context)) rows.push_back(std::move(row));
  for (Route& row : directory_reads(context)) rows.push_back(std::move(row));
  for (Route& row : agency_reads(context)) rows.push_back(std::move(row));
  // What no route above takes, under /api/: 404.
  rows.push_back(
      {Method::get, routes::kApiAnything, labels::kApiOther,
       [](const httplib::Request& request, httplib::Response& response, const std::string&) {
         answer_error(response, {ErrorKind::not_found, "no such resource: " + request.path});
       }});
  return rows;
}

std::string subscription_url(const std::string& base_url, const NewSubscription& made) {
  return base_url + feed_path(feed_of(made.subscription.scope)) + "?token=" + made.secret;
}

}  // namespace torikumi::http
