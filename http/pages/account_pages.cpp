// The dashboard's small pages: the sign-in form, a refused form or query, a subscription just
// made, a path that names nothing. Each is a template of http/pages/templates/ around a few values.

#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/refusal_text.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

using templates::View;

namespace {

// A message under a heading (the label `heading`), with a way on to `back`; `original`, when
// given, is the server's English message after a Japanese lead-in.
std::string render_message_page(std::string_view heading, std::string_view message,
                                std::string_view back, const PageContext& context,
                                std::string original = {}) {
  const std::string_view words = page::label(context.language, heading);
  View view{View::type::object};
  templates::put(view, "heading", std::string{words});
  templates::put(view, "message", std::string{message});
  templates::put(view, "original", page::text_or_false(std::move(original)));
  templates::put(view, "back", std::string{back});
  return page::render_page("refused.html.mustache", view, words, context);
}

}  // namespace

std::string render_refused_page(const HttpError& error, std::string_view back,
                                const PageContext& context) {
  page::RefusalText words = page::refusal_text(error, context.language);
  const bool of_a_file = error.refusal == KnownRefusal::unreadable_plan ||
                         error.refusal == KnownRefusal::plan_file_too_large ||
                         error.refusal == KnownRefusal::plan_id_mismatch ||
                         error.refusal == KnownRefusal::schedules_refused;
  return render_message_page(of_a_file ? "not_imported" : "not_recorded", words.text, back, context,
                             std::move(words.original));
}

std::string render_bad_query_page(std::string_view message, std::string_view back,
                                  const PageContext& context) {
  return render_message_page("bad_query", message, back, context);
}

std::string render_sign_in_page(std::string_view csrf_token, std::string_view next,
                                std::string_view message, const PageContext& context) {
  View view{View::type::object};
  templates::put(view, "csrf", std::string{csrf_token});
  templates::put(view, "next", std::string{next});
  templates::put(view, "message", page::text_or_false(std::string{message}));
  return page::render_page("sign_in.html.mustache", view, page::label(context.language, "sign_in"),
                           context);
}

namespace {

// The page of a new calendar link to `feed` (what it opens, in words), with a link back to
// `plan_id`'s page when it is one plan's.
std::string subscription_page(const std::string& feed, const std::string& plan_id,
                              std::string_view https_url, const PageContext& context) {
  View view{View::type::object};
  templates::put(view, "feed", feed);
  templates::put(view, "webcal", webcal_url(https_url));
  templates::put(view, "https", std::string{https_url});
  templates::put(view, "scheme", https_url.starts_with("https://") ? "https://" : "http://");
  templates::put(view, "plan_id", page::text_or_false(plan_id));
  templates::put(view, "copy", !context.script.empty());
  return page::render_page("subscription.html.mustache", view,
                           page::label(context.language, "subscription_heading"), context);
}

}  // namespace

std::string render_subscription_page(const PlanSnapshot& snapshot, std::string_view https_url,
                                     const PageContext& context) {
  return subscription_page(snapshot.plan->initiative, snapshot.plan->id, https_url, context);
}

std::string render_meetings_subscription_page(const store::SubscriptionScope& scope,
                                              std::string_view https_url,
                                              const PageContext& context) {
  return subscription_page(meetings_scope_words(scope, context.language), "", https_url, context);
}

std::string render_note_deleted_page(const PlanSnapshot& snapshot, std::string_view period,
                                     std::string_view task, std::string_view text,
                                     const PageContext& context) {
  const Task* named = task.empty() ? nullptr : snapshot.plan->find_task(task);
  View view = templates::object_of({{"initiative", snapshot.plan->initiative},
                                    {"plan_id", snapshot.plan->id},
                                    {"period", std::string{period}},
                                    {"task", named ? View{named->title} : View{false}},
                                    {"text", std::string{text}}});
  return page::render_page("note_deleted.html.mustache", view,
                           page::label(context.language, "note_deleted"), context);
}

std::string render_missing_page(const HttpError& error, const PageContext& context) {
  page::RefusalText words = page::refusal_text(error, context.language);
  View view{View::type::object};
  templates::put(view, "message", std::move(words.text));
  templates::put(view, "original", page::text_or_false(std::move(words.original)));
  return page::render_page("missing.html.mustache", view,
                           page::label(context.language, "not_found"), context);
}

}  // namespace torikumi::http
