#include <httplib.h>

#include "http/api/action_writes.hpp"
#include "http/api/agency_writes.hpp"
#include "http/api/agenda_writes.hpp"
#include "http/api/api_routes.hpp"
#include "http/api/directory_writes.hpp"
#include "http/api/field_limits.hpp"
#include "http/api/plan_writes.hpp"
#include "http/api/writes.hpp"
#include "http/contract/routes.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;

// A write given the parsed body and the writer's token.
using WriteBy =
    std::function<WriteResult(const httplib::Request&, const nlohmann::json&, const Principal&)>;
// A write given the parsed body and who it is recorded as.
using WriteAs =
    std::function<WriteResult(const httplib::Request&, const nlohmann::json&, const store::Actor&)>;

// An API write with a JSON body: an editor's token, a body that parses into an object, its
// fields within their limits, then the write; `success_status` when it succeeds.
RouteHandler write_by(const ApiContext& context, int success_status, WriteBy write) {
  return
      [&gate = context.gate, success_status, write = std::move(write)](
          const httplib::Request& request, httplib::Response& response, const std::string& body) {
        const auto writer = gate.api_writer(credentials_of(request));
        if (!writer) return answer_denial(response, writer.error());
        nlohmann::json fields = nlohmann::json::object();
        if (!body.empty()) {
          auto parsed = parse_body(body);
          if (!parsed) return answer_error(response, parsed.error());
          fields = std::move(*parsed);
        }
        if (const auto over = check_field_limits(fields)) return answer_error(response, *over);
        const WriteResult result = write(request, fields, *writer);
        if (!result) return answer_error(response, result.error());
        response.status = success_status;
        answer_json(response, *result);
      };
}

RouteHandler write_as(const ApiContext& context, int success_status, WriteAs write) {
  return write_by(
      context, success_status,
      [&gate = context.gate, write = std::move(write)](
          const httplib::Request& request, const nlohmann::json& fields, const Principal& writer) {
        return write(request, fields, gate.actor_of(writer));
      });
}

// What of a meeting's agenda the writer sees (Gatekeeper::agenda_reader), today.
AgendaReader agenda_reader_of(const ApiContext& context, const Principal& writer) {
  return Gatekeeper::agenda_reader(writer.role, writer.person, context.catalog.agencies()->agencies,
                                   membership_day(context.clock()));
}

std::vector<Route> occurrence_writes(const ApiContext& context) {
  auto& catalog = context.catalog;
  using Fields = const nlohmann::json&;
  using Actor = const store::Actor&;
  return {
      {Method::post, routes::kApiCompletion, labels::kApiOther,
       write_as(context, 201,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return complete_occurrence(catalog, request.matches[1].str(), fields, actor);
                })},
      {Method::delete_, routes::kApiCompletion, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields, Actor actor) {
                  return undo_occurrence(catalog, request.matches[1].str(), actor);
                })},
      {Method::post, routes::kApiDrop, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  const auto status = request.matches[2] == "cancel" ? OccurrenceStatus::cancelled
                                                                     : OccurrenceStatus::skipped;
                  return drop_occurrence(catalog, request.matches[1].str(), status, fields, actor);
                })},
      {Method::post, routes::kApiAgenda, labels::kApiAgenda,
       write_by(context, 201,
                [&](const httplib::Request& request, Fields fields, const Principal& writer) {
                  return add_agenda_item(catalog, request.matches[1].str(), fields,
                                         agenda_reader_of(context, writer),
                                         context.gate.actor_of(writer));
                })},
      {Method::patch, routes::kApiAgendaItem, labels::kApiAgenda,
       write_by(context, 200,
                [&](const httplib::Request& request, Fields fields, const Principal& writer) {
                  return change_agenda_item(catalog, request.matches[1].str(), fields,
                                            agenda_reader_of(context, writer),
                                            context.gate.actor_of(writer));
                })},
      {Method::delete_, routes::kApiAgendaItem, labels::kApiAgenda,
       write_by(context, 200,
                [&](const httplib::Request& request, Fields, const Principal& writer) {
                  return remove_agenda_item(catalog, request.matches[1].str(),
                                            agenda_reader_of(context, writer),
                                            context.gate.actor_of(writer));
                })},
      {Method::post, routes::kApiActions, labels::kApiActions,
       write_by(context, 201,
                [&](const httplib::Request& request, Fields fields, const Principal& writer) {
                  return raise_action(catalog, request.matches[1].str(), fields,
                                      agenda_reader_of(context, writer),
                                      context.gate.actor_of(writer));
                })},
      {Method::patch, routes::kApiAction, labels::kApiActions,
       write_by(context, 200,
                [&](const httplib::Request& request, Fields fields, const Principal& writer) {
                  return change_action(catalog, request.matches[1].str(), fields,
                                       agenda_reader_of(context, writer),
                                       context.gate.actor_of(writer));
                })},
      {Method::delete_, routes::kApiAction, labels::kApiActions,
       write_by(context, 200,
                [&](const httplib::Request& request, Fields, const Principal& writer) {
                  return remove_action(catalog, request.matches[1].str(),
                                       agenda_reader_of(context, writer),
                                       context.gate.actor_of(writer));
                })},
      {Method::post, routes::kApiSchedule, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return schedule_occurrence(catalog, request.matches[1].str(), fields, actor);
                })},
  };
}

std::vector<Route> plan_writes(const ApiContext& context) {
  auto& catalog = context.catalog;
  using Fields = const nlohmann::json&;
  using Actor = const store::Actor&;
  return {
      {Method::post, routes::kApiActivity, labels::kApiOther,
       write_as(context, 201,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return log_activity(catalog, request.matches[1].str(), request.matches[2].str(),
                                      fields, actor);
                })},
      {Method::post, routes::kApiNotes, labels::kApiOther,
       write_as(context, 201,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return write_note(catalog, request.matches[1].str(), fields, actor);
                })},
      {Method::put, routes::kApiNote, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return edit_note(catalog, request.matches[1].str(), request.matches[2].str(),
                                   fields, actor);
                })},
      {Method::delete_, routes::kApiNote, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields, Actor actor) {
                  return delete_note(catalog, request.matches[1].str(), request.matches[2].str(),
                                     actor);
                })},
      {Method::put, routes::kApiKpi, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) {
                  return set_kpi(catalog, request.matches[1].str(), request.matches[2].str(),
                                 request.matches[3].str(), fields, actor);
                })},
      {Method::post, routes::kApiReplay, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields, Actor actor) {
                  return context.reminders.replay(request.matches[1].str(), actor.at);
                })},
  };
}

// The revision a request was made against: ?revision=N.
Result<std::optional<int>, HttpError> revision_asked(const httplib::Request& request) {
  return expected_revision_of(request.get_param_value("revision"));
}

// POST /api/plans and PUT /api/plans/<id>: the body is the plan's bytes (a sheet as text or
// .xlsx, or plan JSON); ?name= names it in warnings, ?preview=true stores nothing, ?lenient=true
// stores a sheet whose schedules are refused, ?revision=N is the revision it replaces.
RouteHandler take_plan_route(const ApiContext& context, bool replace) {
  return [&context, replace](const httplib::Request& request, httplib::Response& response,
                             const std::string& body) {
    const auto writer = context.gate.api_writer(credentials_of(request));
    if (!writer) return answer_denial(response, writer.error());
    const auto revision = revision_asked(request);
    if (!revision) return answer_error(response, revision.error());
    PlanUpload upload{
        .bytes = body,
        .name = request.has_param("name") ? request.get_param_value("name") : "upload",
        .lenient = request.get_param_value("lenient") == "true"};
    if (replace) {
      upload.plan_id = request.matches[1].str();
      upload.expected_revision = *revision;
    } else {
      upload.expected_revision = 0;
    }
    const bool preview = request.get_param_value("preview") == "true";
    const auto taken = take_plan(context.catalog, upload, context.gate.actor_of(*writer),
                                 preview ? store::ImportMode::preview : store::ImportMode::write);
    if (!taken) return answer_error(response, taken.error());
    const bool created = !preview && taken->summary.previous_revision == 0;
    response.status = created ? 201 : 200;
    if (created)
      response.set_header("Location", "/api/plans/" + percent_encode(taken->summary.plan));
    answer_json(response, intake_document(*taken));
  };
}

std::vector<Route> plan_edits(const ApiContext& context) {
  auto& catalog = context.catalog;
  using Fields = const nlohmann::json&;
  using Actor = const store::Actor&;
  return {
      {Method::post, routes::kApiPlans, labels::kApiOther, take_plan_route(context, false)},
      {Method::put, routes::kApiPlan, labels::kApiPlan, take_plan_route(context, true)},
      {Method::patch, routes::kApiPlan, labels::kApiPlan,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) -> WriteResult {
                  const auto revision = revision_asked(request);
                  if (!revision) return revision.error();
                  return edit_plan(catalog, request.matches[1].str(), fields, actor, *revision);
                })},
      {Method::patch, routes::kApiTask, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields fields, Actor actor) -> WriteResult {
                  const auto revision = revision_asked(request);
                  if (!revision) return revision.error();
                  return edit_task(catalog, request.matches[1].str(), request.matches[2].str(),
                                   fields, actor, *revision);
                })},
      {Method::post, routes::kApiAcknowledgeWarnings, labels::kApiOther,
       write_as(context, 200,
                [&](const httplib::Request& request, Fields, Actor actor) {
                  return acknowledge_warnings(catalog, request.matches[1].str(), actor);
                })},
  };
}

// POST /api/subscriptions {"plan"?, "owner"?, "organisation"?, "agency"?, "person"?, "label"?}
WriteResult subscribe(const ApiContext& context, const nlohmann::json& fields,
                      const Principal& writer) {
  store::SubscriptionScope scope;
  for (auto [name, target] :
       {std::pair{"plan", &scope.plan}, std::pair{"owner", &scope.owner},
        std::pair{"organisation", &scope.organisation}, std::pair{"agency", &scope.agency},
        std::pair{"person", &scope.person}}) {
    const auto found = fields.find(name);
    if (found == fields.end() || found->is_null()) continue;
    if (!found->is_string())
      return HttpError{ErrorKind::bad_request,
                       std::string{name} + ": expected a string, got " + found->dump()};
    *target = found->get<std::string>();
  }
  const auto label = fields.find("label");
  const std::string label_text =
      label != fields.end() && label->is_string() ? label->get<std::string>() : "";
  const auto made = context.gate.subscribe(writer, scope, label_text);
  if (!made) return made.error();
  const std::string url = subscription_url(context.base_url(), *made);
  return nlohmann::json{{"id", made->subscription.id}, {"url", url}, {"webcal", webcal_url(url)}};
}

// A write of the directory: an admin's token, then the write as write_by makes it; its answer
// holds addresses, which no cache keeps.
using DirectoryWrite =
    std::function<WriteResult(const httplib::Request&, const nlohmann::json&, const store::Actor&)>;
RouteHandler directory_write(const ApiContext& context, DirectoryWrite write) {
  RouteHandler handler = write_by(context, 200,
                                  [&gate = context.gate, write = std::move(write)](
                                      const httplib::Request& request, const nlohmann::json& fields,
                                      const Principal& writer) -> WriteResult {
                                    if (auto refused = check_directory_editor(writer))
                                      return *refused;
                                    return write(request, fields, gate.actor_of(writer));
                                  });
  return [handler = std::move(handler)](const httplib::Request& request,
                                        httplib::Response& response, const std::string& body) {
    handler(request, response, body);
    response.set_header("Cache-Control", "no-store");
  };
}

// The key of /api/directory/owners/<owner> or /api/directory/unlisted.
DirectoryKey directory_key(const httplib::Request& request) {
  if (request.matches.size() > 1) return request.matches[1].str();
  return std::nullopt;
}

// Agencies are changed by admins only, as the directory made of them is.
std::vector<Route> agency_writes(const ApiContext& context) {
  auto& catalog = context.catalog;
  using Fields = const nlohmann::json&;
  using Actor = const store::Actor&;
  return {
      {Method::put, routes::kApiAgencies, labels::kApiAgencies,
       directory_write(context,
                       [&](const httplib::Request&, Fields fields, Actor actor) {
                         return import_agencies(catalog, fields, actor);
                       })},
      {Method::put, routes::kApiAgency, labels::kApiAgencies,
       directory_write(context,
                       [&](const httplib::Request& request, Fields fields, Actor actor) {
                         return put_agency(catalog, request.matches[1].str(), fields, actor);
                       })},
      {Method::delete_, routes::kApiAgency, labels::kApiAgencies,
       directory_write(context,
                       [&](const httplib::Request& request, Fields, Actor actor) {
                         return remove_agency(catalog, request.matches[1].str(), actor);
                       })},
  };
}

std::vector<Route> directory_writes(const ApiContext& context) {
  auto& catalog = context.catalog;
  using Fields = const nlohmann::json&;
  using Actor = const store::Actor&;
  const auto put_entry =
      directory_write(context, [&](const httplib::Request& request, Fields fields, Actor actor) {
        return put_directory_entry(catalog, directory_key(request), fields, actor);
      });
  const auto remove_entry =
      directory_write(context, [&](const httplib::Request& request, Fields, Actor actor) {
        return remove_directory_entry(catalog, directory_key(request), actor);
      });
  return {
      {Method::put, routes::kApiDirectory, labels::kApiDirectory,
       directory_write(context,
                       [&](const httplib::Request&, Fields fields, Actor actor) {
                         return replace_directory(catalog, fields, actor);
                       })},
      {Method::put, routes::kApiDirectoryOwner, labels::kApiDirectory, put_entry},
      {Method::put, routes::kApiDirectoryUnlisted, labels::kApiDirectory, put_entry},
      {Method::delete_, routes::kApiDirectoryOwner, labels::kApiDirectory, remove_entry},
      {Method::delete_, routes::kApiDirectoryUnlisted, labels::kApiDirectory, remove_entry},
  };
}

}  // namespace

std::vector<Route> api_write_routes(const ApiContext& context) {
  std::vector<Route> rows = occurrence_writes(context);
  for (Route& row : plan_writes(context)) rows.push_back(std::move(row));
  for (Route& row : plan_edits(context)) rows.push_back(std::move(row));
  for (Route& row : directory_writes(context)) rows.push_back(std::move(row));
  for (Route& row : agency_writes(context)) rows.push_back(std::move(row));
  rows.push_back({Method::post, routes::kApiSubscriptions, labels::kApiOther,
                  write_by(context, 201,
                           [&context](const httplib::Request&, const nlohmann::json& fields,
                                      const Principal& writer) {
                             return subscribe(context, fields, writer);
                           })});
  return rows;
}

}  // namespace torikumi::http
