// The dashboard's routes that bring a plan in and change it: GET /import, POST /import/preview
// (a multipart form with the file), POST /import/save (the preview's save form), GET and POST
// /plans/<id>/tasks/<task>/edit and /plans/<id>/edit. Each needs an editor's session; the writes
// are http/api/plan_writes.hpp's, as the API's are.

#include <httplib.h>

#include "engine/base/base64.hpp"
#include "http/api/plan_writes.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/plan_intake_pages.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;
using Fields = std::map<std::string, std::string>;

// The editor a page or form is for; null after redirecting to sign in or answering why not.
std::optional<std::pair<PageContext, Principal>> editor_for(const PagesContext& pages,
                                                            const httplib::Request& request,
                                                            httplib::Response& response,
                                                            const Fields* form) {
  PageContext context = page_context(pages, request, response);
  const auto session = pages.gate.session_of(credentials_of(request));
  if (!session) {
    redirect(response, std::string{routes::kSignIn} + "?next=" + percent_encode(request.path));
    return std::nullopt;
  }
  context.visitor = visitor_of(pages.gate, *session);
  if (form) {
    const auto sender = pages.gate.form_sender(credentials_of(request), *form);
    if (!sender) {
      answer_refused(
          response,
          {ErrorKind::forbidden,
           page::words(
               context.language,
               "フォームの有効期限が切れたか、閲覧者のトークンです。ページを開き直してください。",
               "The form has expired, or the token is a viewer's; open the "
               "page again.")},
          request.path, context);
      return std::nullopt;
    }
  }
  if (!context.visitor->can_edit) {
    answer_refused(
        response,
        {ErrorKind::forbidden, page::words(context.language, "閲覧者のトークンでは変更できません。",
                                           "A viewer's token cannot change plans.")},
        "/", context);
    return std::nullopt;
  }
  return std::pair{std::move(context), session->principal};
}

void show_upload(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response) {
  const auto editor = editor_for(pages, request, response, nullptr);
  if (!editor) return;
  SnapshotPointer replacing;
  if (const std::string plan_id = request.get_param_value("plan"); !plan_id.empty()) {
    replacing = plan_or_missing_page(pages, plan_id, editor->first, response);
    if (!replacing) return;
  }
  answer_page(response, render_upload_page(replacing.get(), editor->first));
}

// POST /import/preview with another body than multipart/form-data: a page that says to use the
// form.
void refuse_unsent_file(const PagesContext& pages, const httplib::Request& request,
                        httplib::Response& response, const std::string&) {
  const PageContext context = page_context(pages, request, response);
  answer_refused(response,
                 {ErrorKind::unsupported_media,
                  page::words(context.language, "ファイルはフォームから送ってください。",
                              "Send the file with the upload form.")},
                 "/import", context);
}

// POST /import/preview: the file (or the pasted text) read and imported as a preview.
void preview_upload(const PagesContext& pages, const httplib::Request& request,
                    httplib::Response& response, const std::vector<FormPart>& parts) {
  Fields fields;
  const FormPart* file = nullptr;
  for (const FormPart& part : parts) {
    if (part.name == "file" && !part.filename.empty() && !part.content.empty())
      file = &part;
    else if (part.filename.empty())
      fields[part.name] = part.content;
  }
  const auto editor = editor_for(pages, request, response, &fields);
  if (!editor) return;
  const auto& [context, principal] = *editor;
  const std::string plan_id = form_field(fields, "plan");
  const std::string back = plan_id.empty() ? "/import" : "/import?plan=" + percent_encode(plan_id);
  const std::string pasted = form_field(fields, "text");
  if (!file && pasted.empty())
    return answer_refused(
        response,
        {ErrorKind::bad_request,
         page::words(context.language, "ファイルを選ぶか、シートのテキストを貼り付けてください。",
                     "Choose a file or paste the sheet's text.")},
        back, context);
  const std::string bytes = file ? file->content : pasted;
  const std::string name =
      file ? file->filename : page::words(context.language, "貼り付け", "pasted");
  PlanUpload upload{.bytes = bytes, .name = name};
  if (!plan_id.empty()) upload.plan_id = plan_id;
  const auto intake =
      take_plan(pages.catalog, upload, pages.gate.actor_of(principal), store::ImportMode::preview);
  if (!intake) return answer_refused(response, intake.error(), back, context);
  PreviewForm form{.data = encode_base64(bytes), .name = name};
  if (!plan_id.empty()) form.replacing = plan_id;
  answer_unstored_page(response, render_preview_page(*intake, form, context));
}

// POST /import/save: the previewed file stored, against the revision the preview saw.
void save_upload(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto editor = editor_for(pages, request, response, &fields);
  if (!editor) return;
  const auto& [context, principal] = *editor;
  const std::string plan_id = form_field(fields, "plan");
  const std::string back = plan_id.empty() ? "/import" : "/import?plan=" + percent_encode(plan_id);
  const auto bytes = decode_base64(form_field(fields, "data"));
  const auto revision = expected_revision_of(form_field(fields, "revision"));
  if (!bytes || !revision)
    return answer_refused(
        response,
        {ErrorKind::bad_request,
         page::words(context.language, "フォームが壊れています。取り込みからやり直してください。",
                     "The form is damaged; start the upload again.")},
        back, context);
  PlanUpload upload{.bytes = *bytes,
                    .name = form_field(fields, "name"),
                    .expected_revision = *revision,
                    .lenient = form_field(fields, "lenient") == "true"};
  if (!plan_id.empty()) upload.plan_id = plan_id;
  const auto intake =
      take_plan(pages.catalog, upload, pages.gate.actor_of(principal), store::ImportMode::write);
  if (!intake) return answer_refused(response, intake.error(), back, context);
  redirect(response, "/plans/" + percent_encode(intake->summary.plan) + "?done=imported");
}

const Task* task_of(const Plan& plan, const std::string& task_id) {
  for (const Task& task : plan.tasks)
    if (task.id == task_id) return &task;
  return nullptr;
}

// An edit form's request: its fields (none for a GET), the editor, the plan and the revision
// the form was made from.
struct EditRequest {
  Fields fields;
  PageContext context;
  store::Actor actor;
  SnapshotPointer snapshot;
  Result<std::optional<int>, HttpError> revision = std::optional<int>{};
};

// The edit request of /plans/<id>/..., or null after answering (sign in, refused, 404).
std::optional<EditRequest> edit_request(const PagesContext& pages, const httplib::Request& request,
                                        httplib::Response& response, const std::string* body) {
  Fields fields = body ? parse_form(*body) : Fields{};
  auto editor = editor_for(pages, request, response, body ? &fields : nullptr);
  if (!editor) return std::nullopt;
  auto& [context, principal] = *editor;
  SnapshotPointer snapshot = plan_or_missing_page(pages, request.matches[1], context, response);
  if (!snapshot) return std::nullopt;
  auto revision = expected_revision_of(form_field(fields, "revision"));
  return EditRequest{std::move(fields), std::move(context), pages.gate.actor_of(principal),
                     std::move(snapshot), std::move(revision)};
}

// GET and POST /plans/<id>/tasks/<task>/edit.
void task_edit(const PagesContext& pages, const httplib::Request& request,
               httplib::Response& response, const std::string* body) {
  const auto edit = edit_request(pages, request, response, body);
  if (!edit) return;
  const auto& [fields, context, actor, snapshot, revision] = *edit;
  const std::string plan_id = request.matches[1];
  const std::string task_id = request.matches[2];
  const Task* task = task_of(*snapshot->plan, task_id);
  if (!task) {
    response.status = 404;
    return answer_page(response, render_missing_page({ErrorKind::not_found,
                                                      "no such page: " + request.path,
                                                      KnownRefusal::no_such_page,
                                                      {request.path}},
                                                     context));
  }
  if (!body)
    return answer_page(response,
                       render_task_edit_page(*snapshot, *task, nullptr, nullptr, context));
  nlohmann::json changes = nlohmann::json::object();
  for (const std::string_view name : kEditableTaskFields)
    if (fields.contains(std::string{name}))
      changes[std::string{name}] = form_field(fields, std::string{name});
  const WriteResult result =
      revision ? edit_task(pages.catalog, plan_id, task_id, changes, actor, *revision)
               : WriteResult{revision.error()};
  if (!result) {
    response.status = status_code(result.error().kind);
    return answer_page(response,
                       render_task_edit_page(*snapshot, *task, &fields, &result.error(), context));
  }
  redirect(response, "/plans/" + percent_encode(plan_id) + "?done=saved#task-" + task_id);
}

// GET and POST /plans/<id>/edit.
void plan_edit(const PagesContext& pages, const httplib::Request& request,
               httplib::Response& response, const std::string* body) {
  const auto edit = edit_request(pages, request, response, body);
  if (!edit) return;
  const auto& [fields, context, actor, snapshot, revision] = *edit;
  const std::string plan_id = request.matches[1];
  if (!body)
    return answer_page(response, render_plan_edit_page(*snapshot, nullptr, nullptr, context));
  const WriteResult result =
      revision ? edit_plan(pages.catalog, plan_id,
                           {{"meeting_rule", form_field(fields, "meeting_rule")}}, actor, *revision)
               : WriteResult{revision.error()};
  if (!result) {
    response.status = status_code(result.error().kind);
    return answer_page(response,
                       render_plan_edit_page(*snapshot, &fields, &result.error(), context));
  }
  redirect(response, "/plans/" + percent_encode(plan_id) + "?done=saved");
}

// The row of an edit form: a GET shows it (`edit` has no body), a POST takes it.
using EditHandler = void (*)(const PagesContext& pages, const httplib::Request& request,
                             httplib::Response& response, const std::string* body);
Route edit_route(Method method, std::string_view pattern, std::string_view label,
                 const PagesContext& pages, EditHandler edit) {
  return {method, pattern, label,
          [&pages, method, edit](const httplib::Request& request, httplib::Response& response,
                                 const std::string& body) {
            edit(pages, request, response, method == Method::post ? &body : nullptr);
          }};
}

// The row of a form that sends a file (multipart/form-data), its parts handled by `take`; any
// other body is refused with a page that says to use the form (415).
using UploadHandler = void (*)(const PagesContext& pages, const httplib::Request& request,
                               httplib::Response& response, const std::vector<FormPart>& parts);
Route upload_route(std::string_view pattern, std::string_view label, const PagesContext& pages,
                   UploadHandler take) {
  Route route = form_route(pattern, label, pages, refuse_unsent_file);
  route.parts_handler = [&pages, take](const httplib::Request& request, httplib::Response& response,
                                       const std::vector<FormPart>& parts) {
    take(pages, request, response, parts);
  };
  return route;
}

}  // namespace

std::vector<Route> plan_intake_routes(const PagesContext& pages) {
  return {
      page_route(routes::kPlanUpload, labels::kPlanUpload, pages, show_upload),
      upload_route(routes::kPlanPreview, labels::kPlanUpload, pages, preview_upload),
      form_route(routes::kPlanImport, labels::kPlanUpload, pages, save_upload),
      edit_route(Method::get, routes::kTaskEdit, labels::kPlanEdit, pages, task_edit),
      edit_route(Method::post, routes::kTaskEdit, labels::kPlanEdit, pages, task_edit),
      edit_route(Method::get, routes::kPlanEdit, labels::kPlanEdit, pages, plan_edit),
      edit_route(Method::post, routes::kPlanEdit, labels::kPlanEdit, pages, plan_edit),
  };
}

}  // namespace torikumi::http
