#include <httplib.h>

#include <charconv>
#include <cmath>

#include "http/api/api_routes.hpp"
#include "http/api/field_limits.hpp"
#include "http/api/plan_writes.hpp"
#include "http/api/writes.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

namespace labels = routes::labels;
using Fields = std::map<std::string, std::string>;

// A form's refusal, which the refused page words in the visitor's language.
HttpError refusal_error(FormRefusal refusal) {
  switch (refusal) {
    case FormRefusal::not_signed_in:
      return {ErrorKind::unauthorized, "Please sign in.", KnownRefusal::not_signed_in};
    case FormRefusal::expired:
      return {ErrorKind::forbidden, "The form has expired; open the page again.",
              KnownRefusal::form_expired};
    case FormRefusal::viewer:
      return {ErrorKind::forbidden, "A viewer's token cannot record.",
              KnownRefusal::viewer_cannot_record};
  }
  return {ErrorKind::forbidden, "refused"};
}

}  // namespace

std::optional<FormWriter> form_writer(const PagesContext& pages, const httplib::Request& request,
                                      httplib::Response& response, const Fields& fields,
                                      const std::string& back) {
  PageContext context = page_context(pages, request, response);
  const auto sender = pages.gate.form_sender(credentials_of(request), fields);
  if (!sender) {
    if (sender.error() != FormRefusal::not_signed_in) {
      if (const auto session = pages.gate.session_of(credentials_of(request)))
        context.visitor = visitor_of(pages.gate, *session);
    }
    const std::string where = sender.error() == FormRefusal::not_signed_in
                                  ? std::string{routes::kSignIn} + "?next=" + percent_encode(back)
                                  : back;
    answer_refused(response, refusal_error(sender.error()), where, context);
    return std::nullopt;
  }
  context.visitor = visitor_of(pages.gate, *sender);
  return FormWriter{context, pages.gate.actor_of(sender->principal), sender->principal};
}

namespace {

// The write an occurrence's or a plan's form asks for.
WriteResult write_of(const PagesContext& pages, const std::string& verb, const std::string& plan_id,
                     const Fields& fields, const store::Actor& actor) {
  const std::string occurrence = form_field(fields, "occurrence");
  if (verb == "done")
    return complete_occurrence(pages.catalog, occurrence, {{"note", form_field(fields, "note")}},
                               actor);
  if (verb == "undo") return undo_occurrence(pages.catalog, occurrence, actor);
  if (verb == "skip")
    return drop_occurrence(pages.catalog, occurrence, OccurrenceStatus::skipped,
                           {{"reason", form_field(fields, "reason")}}, actor);
  if (verb == "schedule")
    return schedule_occurrence(
        pages.catalog, occurrence,
        {{"start", form_field(fields, "start")}, {"place", form_field(fields, "place")}}, actor);
  if (verb == "note") {
    nlohmann::json note{{"period", form_field(fields, "period")},
                        {"text", form_field(fields, "text")}};
    if (!form_field(fields, "task").empty()) note["task"] = form_field(fields, "task");
    return write_note(pages.catalog, plan_id, note, actor);
  }
  if (verb == "acknowledge") return acknowledge_warnings(pages.catalog, plan_id, actor);
  return HttpError{ErrorKind::not_found, "no such action: " + verb};
}

// The KPI form's fields read in the page's language: the year a whole number from 1949 to 2099,
// the value a finite number (`value: expected a number, got "abc"`, or its Japanese).
Result<nlohmann::json, HttpError> kpi_form_fields(const Fields& fields, Language language) {
  const std::string year = form_field(fields, "year");
  int year_number = 0;
  const auto [year_end, year_status] =
      std::from_chars(year.data(), year.data() + year.size(), year_number);
  if (year_status != std::errc{} || year_end != year.data() + year.size() || year_number < 1949 ||
      year_number > 2099)
    return HttpError{
        ErrorKind::bad_request,
        language == Language::english
            ? "year: expected a year from 1949 to 2099, got " + in_quotes(year)
            : "year: 「" + year + "」は選べません。1949～2099年度を指定してください。"};
  const std::string value = form_field(fields, "value");
  double number = 0;
  const auto [value_end, value_status] =
      std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || value_status != std::errc{} || value_end != value.data() + value.size() ||
      !std::isfinite(number))
    return HttpError{
        ErrorKind::bad_request,
        language == Language::english
            ? "value: expected a number, got " + in_quotes(value)
            : "value: 「" + value + "」は数値ではありません。数値を入力してください。"};
  return nlohmann::json{{"year", year}, {"value", number}};
}

// The forms about a plan's records: a progress note's edit (back to the note) and deletion (a
// page that says what was deleted), a KPI's figure (back to the plan).
void record_form(const PagesContext& pages, const std::string& verb, const PlanSnapshot& snapshot,
                 const Fields& fields, const FormWriter& writer, httplib::Response& response) {
  const auto& [context, actor, principal] = writer;
  const std::string& plan_id = snapshot.plan->id;
  const std::string back = "/plans/" + percent_encode(plan_id);
  const std::string note = form_field(fields, "note");
  if (verb == "kpi") {
    const auto kpi = kpi_form_fields(fields, context.language);
    if (!kpi) return answer_refused(response, kpi.error(), back, context);
    const WriteResult result =
        set_kpi(pages.catalog, plan_id, form_field(fields, "kpi"),
                (*kpi)["year"].get<std::string>(), {{"value", (*kpi)["value"]}}, actor);
    if (!result) return answer_refused(response, result.error(), back, context);
    return redirect(response, back + "?done=recorded");
  }
  if (verb == "editnote") {
    const WriteResult result =
        edit_note(pages.catalog, plan_id, note, {{"text", form_field(fields, "text")}}, actor);
    if (!result) return answer_refused(response, result.error(), back, context);
    return redirect(response, back + "?done=saved#note-" + note);
  }
  const WriteResult result = delete_note(pages.catalog, plan_id, note, actor);
  if (!result) return answer_refused(response, result.error(), back, context);
  const nlohmann::json& deleted = *result;
  answer_page(response,
              render_note_deleted_page(
                  snapshot, deleted["period"].get<std::string>(),
                  deleted["task"].is_string() ? deleted["task"].get<std::string>() : std::string{},
                  deleted["text"].get<std::string>(), context));
}

// POST /plans/<plan>/actions/<verb>: the dashboard's forms.
void plan_action(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response, const std::string& body) {
  const std::string plan_id = request.matches[1];
  const std::string verb = request.matches[2];
  const std::string back = "/plans/" + percent_encode(plan_id);
  const auto fields = parse_form(body);
  const auto writer = form_writer(pages, request, response, fields, back);
  if (!writer) return;
  const auto& [context, actor, principal] = *writer;
  const SnapshotPointer snapshot = pages.catalog.find(plan_id);
  if (!snapshot)
    return answer_refused(
        response,
        {ErrorKind::not_found, "no plan \"" + plan_id + "\"", KnownRefusal::no_plan, {plan_id}},
        "/", context);
  const std::string occurrence = form_field(fields, "occurrence");
  const bool about_occurrence =
      verb == "done" || verb == "undo" || verb == "skip" || verb == "schedule";
  if (about_occurrence && !occurrence.starts_with(plan_id + "/"))
    return answer_refused(response,
                          {ErrorKind::not_found,
                           "plan \"" + plan_id + "\" has no occurrence \"" + occurrence + "\"",
                           KnownRefusal::plan_has_no_occurrence,
                           {plan_id, occurrence}},
                          back, context);
  if (const auto over = check_field_limits(fields))
    return answer_refused(response, *over, back, context);
  if (verb == "subscribe") {
    store::SubscriptionScope scope{plan_id, form_field(fields, "owner"), ""};
    const auto made = pages.gate.subscribe(principal, scope, form_field(fields, "label"));
    if (!made) return answer_refused(response, made.error(), back, context);
    PageContext shown = context;
    shown.script = copy_script_url();
    return answer_secret_page(
        response,
        render_subscription_page(*snapshot, subscription_url(pages.base_url(), *made), shown));
  }
  if (verb == "editnote" || verb == "deletenote" || verb == "kpi")
    return record_form(pages, verb, *snapshot, fields, *writer, response);
  const WriteResult result = write_of(pages, verb, plan_id, fields, actor);
  if (!result) return answer_refused(response, result.error(), back, context);
  redirect(response, back + (verb == "acknowledge" ? "?done=acknowledged" : "?done=recorded"));
}

}  // namespace

std::vector<Route> plan_action_routes(const PagesContext& pages) {
  return {form_route(routes::kPlanAction, labels::kOther, pages, plan_action)};
}

}  // namespace torikumi::http
