// The answer link of an invitation (answer_routes in page_routes.hpp; notes/itip-interop.md,
// "Links instead of calendars"): for offices whose terminals cannot use a calendar client. No
// sign-in: the signed link is the credential. A GET only shows the meeting's envelope and the
// choices (mail scanners fetch links); a POST records the answer (Store::record_answer, channel
// link). A forged, altered or expired link is refused with a page that says which.

#include <httplib.h>

#include "engine/calendar/time_text.hpp"
#include "engine/meetings/answers.hpp"
#include "http/api/writes.hpp"
#include "http/contract/routes.hpp"
#include "http/meetings/answer_link.hpp"
#include "http/meetings/meetings_http_meaning.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"
#include "store/secrets.hpp"

namespace torikumi::http {

namespace {

using templates::View;
using Fields = std::map<std::string, std::string>;

// What a link leads to, once its signature and day are good.
struct LinkTarget {
  std::string token;
  std::string action;  // the link's path and query: where the form posts
  store::StoredInvitation invitation;
  store::StoredAttendee attendee;
  PlanZone zone;
  std::string organisation;
};

// The link's refusal as a page in the visitor's language: 404 unknown, 403 forged, 410 expired.
void refuse_link(httplib::Response& response, const Error& error, const PageContext& context) {
  answer_refused(response, http_error(error), "/", context);
  if (error.meaning.code == meetings_http_meaning::kLinkExpired) response.status = 410;
}

std::optional<LinkTarget> link_target(const PagesContext& pages, const httplib::Request& request,
                                      httplib::Response& response, const PageContext& context) {
  const std::string token = request.matches[1];
  const std::string until = request.get_param_value("until");
  const std::string signature = request.get_param_value("sig");
  std::optional<LinkTarget> target;
  const auto found = pages.catalog.with_store([&](store::Store& store) -> Status {
    auto key = store.server_key(kAnswerLinkKeyName, context.now);
    if (!key) return key.error();
    if (auto checked =
            check_answer_link(*key, token, until, signature, membership_day(context.now));
        !checked)
      return checked;
    auto invitation = store.invitation_by_token(token);
    if (!invitation) return invitation.error();
    if (!*invitation) return not_found_error("answer link: no invitation has this reply token");
    const store::StoredAttendee* attendee = (*invitation)->attendee_with_token(token);
    // The plan's zone and organisation, as the server shows the plan now.
    const SnapshotPointer snapshot = pages.catalog.find((*invitation)->plan);
    if (!snapshot)
      return not_found_error("answer link: the invitation's plan " +
                             in_quotes((*invitation)->plan) + " is not stored");
    target = LinkTarget{.token = token,
                        .action = std::string{kAnswerPathPrefix} + token + "?until=" +
                                  percent_encode(until) + "&sig=" + percent_encode(signature),
                        .invitation = std::move(**invitation),
                        .attendee = *attendee,
                        .zone = snapshot->expansion.zone,
                        .organisation = snapshot->plan->organisation.name};
    return {};
  });
  if (!found) {
    refuse_link(response, found.error(), context);
    return std::nullopt;
  }
  return target;
}

std::string render_answer_page(const LinkTarget& target, bool recorded,
                               const PageContext& context) {
  const Language language = context.language;
  const MeetingShape& shape = target.invitation.sent.shape;
  const auto& answer = target.attendee.answer;
  const std::string state = answer ? std::string{to_string(answer->state)} : std::string{};
  View view = templates::object_of(
      {{"title", shape.title},
       {"when", page::instant_text(shape.start, target.zone, language)},
       {"place", page::text_or_false(shape.place)},
       {"organisation", target.organisation},
       {"agency", target.attendee.person.agency},
       {"name", target.attendee.person.name},
       {"current",
        page::text_or_false(answer ? std::string{page::label(language, "answer_" + state)} : "")},
       {"cancelled", shape.cancelled},
       {"recorded", recorded},
       {"action", target.action},
       // A fresh nonce per page shown: the same form posted twice is one answer.
       {"nonce", store::make_reply_token()},
       {"is_accepted", state == "accepted"},
       {"is_declined", state == "declined"},
       {"is_tentative", state == "tentative"},
       {"is_delegated", state == "delegated"},
       {"delegate", answer ? answer->delegate : std::string{}},
       {"comment", answer ? answer->comment : std::string{}}});
  return page::render_page("answer.html.mustache", view, page::label(language, "answer_heading"),
                           context);
}

// GET /answer/<token>?until=...&sig=...: shows; never records.
void show_answer(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response) {
  const PageContext context = page_context(pages, request, response);
  const auto target = link_target(pages, request, response, context);
  if (!target) return;
  answer_unstored_page(response, render_answer_page(*target, request.has_param("done"), context));
}

// POST /answer/<token>?until=...&sig=...: answer, delegate, comment, nonce.
void take_answer(const PagesContext& pages, const httplib::Request& request,
                 httplib::Response& response, const std::string& body) {
  const PageContext context = page_context(pages, request, response);
  const auto target = link_target(pages, request, response, context);
  if (!target) return;
  const Fields fields = parse_form(body);
  const auto state = parse_answer_state(form_field(fields, "answer"));
  const std::string nonce = form_field(fields, "nonce");
  if (!state || *state == AnswerState::needs_action || nonce.empty() || nonce.size() > 64)
    return answer_refused(
        response,
        http_error(Error{"expected an answer: accepted, declined, tentative or delegated",
                         ErrorCode::invalid, meaning_of(meetings_http_meaning::kLinkAnswerForm)}),
        target->action, context);
  if (target->invitation.sent.shape.cancelled)
    return answer_refused(
        response,
        http_error(Error{"the meeting is cancelled: no answer is needed", ErrorCode::conflict,
                         meaning_of(meetings_http_meaning::kAnsweredCancelled)}),
        target->action, context);
  const auto recorded = pages.catalog.with_store([&](store::Store& store) {
    return store.record_answer({.token = target->token,
                                .answer = Answer{.state = *state,
                                                 .comment = form_field(fields, "comment"),
                                                 .delegate = form_field(fields, "delegate"),
                                                 .channel = AnswerChannel::link,
                                                 .sequence = target->invitation.sent.sequence,
                                                 .stamp = context.now,
                                                 .received_at = context.now},
                                .fingerprint = "link/" + target->token + "/" + nonce},
                               {"answer link", context.now});
  });
  if (!recorded)
    return answer_refused(response, http_error(recorded.error()), target->action, context);
  redirect(response, target->action + "&done=1");
}

}  // namespace

std::vector<Route> answer_routes(const PagesContext& pages) {
  return {
      page_route(routes::kAnswerPage, "/answer/{token}", pages, show_answer),
      form_route(routes::kAnswerPage, "/answer/{token}", pages, take_answer),
  };
}

}  // namespace torikumi::http
