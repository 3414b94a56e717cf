#pragma once

// The server's paths, written once: the patterns the route table matches (cpp-httplib's
// regular expressions, each capture a path segment the handler reads) and the labels the
// metrics and the request log give them. docs/api.md lists what each one answers.

#include <string_view>

namespace torikumi::http::routes {

// Operations.
inline constexpr std::string_view kHealth = "/healthz";
inline constexpr std::string_view kMetrics = "/metrics";

// Feeds: /calendars/<plan>.ics, /calendars/<plan>/owner/<name>.ics, /calendars/org/<name>.ics,
// /calendars/agency/<name>.ics, /calendars/person/<key>.ics; the capture is the path after
// /calendars/ (http/catalog/feed_cache.hpp parses it).
inline constexpr std::string_view kFeedsPrefix = "/calendars/";
inline constexpr std::string_view kOrganisationFeed = R"(/calendars/(org/.*))";
inline constexpr std::string_view kAgencyFeed = R"(/calendars/(agency/.*))";
inline constexpr std::string_view kPersonFeed = R"(/calendars/(person/.*))";
inline constexpr std::string_view kOwnerFeed = R"(/calendars/(.+/owner/.*))";
inline constexpr std::string_view kPlanFeed = R"(/calendars/(.+))";

// Meetings (docs/meetings.md): a meeting occurrence's page is /meetings/<occurrence id>; an
// invitation's signed answer link is /answer/<reply token>?until=...&sig=...
inline constexpr std::string_view kMeetingsPrefix = "/meetings/";
inline constexpr std::string_view kMeetingPage = R"(/meetings/(.+))";
inline constexpr std::string_view kAnswerPage = R"(/answer/([a-z0-9]+))";

// The JSON API (docs/api.md).
inline constexpr std::string_view kApiPlans = "/api/plans";
inline constexpr std::string_view kApiPlan = R"(/api/plans/([^/]+))";
inline constexpr std::string_view kApiOccurrences = R"(/api/plans/([^/]+)/occurrences)";
inline constexpr std::string_view kApiProgress = R"(/api/plans/([^/]+)/progress)";
inline constexpr std::string_view kApiKpis = R"(/api/plans/([^/]+)/kpis)";
inline constexpr std::string_view kApiKpi = R"(/api/plans/([^/]+)/kpis/([^/]+)/([^/]+))";
inline constexpr std::string_view kApiNotes = R"(/api/plans/([^/]+)/notes)";
inline constexpr std::string_view kApiTask = R"(/api/plans/([^/]+)/tasks/([^/]+))";
inline constexpr std::string_view kApiAcknowledgeWarnings =
    R"(/api/plans/([^/]+)/warnings/acknowledge)";
inline constexpr std::string_view kApiNote = R"(/api/plans/([^/]+)/notes/([^/]+))";
inline constexpr std::string_view kApiActivity = R"(/api/plans/([^/]+)/tasks/([^/]+)/activity)";
inline constexpr std::string_view kApiReminders = R"(/api/plans/([^/]+)/reminders)";
inline constexpr std::string_view kApiHistory = "/api/history";
inline constexpr std::string_view kApiCompletion = R"(/api/occurrences/(.+)/completion)";
inline constexpr std::string_view kApiDrop = R"(/api/occurrences/(.+)/(skip|cancel))";
inline constexpr std::string_view kApiSchedule = R"(/api/occurrences/(.+)/schedule)";
inline constexpr std::string_view kApiAgenda = R"(/api/occurrences/(.+)/agenda)";
inline constexpr std::string_view kApiAgendaItem = R"(/api/agenda/([^/]+))";
inline constexpr std::string_view kApiMinutes = R"(/api/occurrences/(.+)/minutes)";
inline constexpr std::string_view kApiActions = R"(/api/occurrences/(.+)/actions)";
inline constexpr std::string_view kApiAction = R"(/api/actions/([^/]+))";
inline constexpr std::string_view kApiPlanActions = R"(/api/plans/([^/]+)/actions)";
inline constexpr std::string_view kApiDeliveries = "/api/deliveries";
inline constexpr std::string_view kApiReplay = R"(/api/deliveries/(.+)/replay)";
inline constexpr std::string_view kApiSubscriptions = "/api/subscriptions";
inline constexpr std::string_view kApiDirectory = "/api/directory";
// The owner is the rest of the path: a name may hold a '/' (sent as %2F, decoded before matching).
inline constexpr std::string_view kApiDirectoryOwner = R"(/api/directory/owners/(.+))";
inline constexpr std::string_view kApiDirectoryUnlisted = "/api/directory/unlisted";
inline constexpr std::string_view kApiAgencies = "/api/agencies";
// The agency's name is the rest of the path, decoded as an owner's is.
inline constexpr std::string_view kApiAgency = R"(/api/agencies/(.+))";
inline constexpr std::string_view kApiAnything = R"(/api/(.*))";

// The email gateway's inbound webhook (http/inbound/gateway_request.hpp): /inbound/email, with
// the gateway's secret and Mailgun's /mime after it as the gateway is set up; the capture is what
// follows /inbound/email.
inline constexpr std::string_view kInboundEmailPath = "/inbound/email";
inline constexpr std::string_view kInboundEmail = R"(/inbound/email(/.*)?)";

// Whether a request's path (decoded or not, without its query) is the inbound webhook's:
// /inbound/email or anything under /inbound/email/. The event loop gives its body its own bound.
constexpr bool is_inbound_email_path(std::string_view path) {
  if (!path.starts_with(kInboundEmailPath)) return false;
  return path.size() == kInboundEmailPath.size() || path[kInboundEmailPath.size()] == '/';
}

// The dashboard.
inline constexpr std::string_view kOverview = "/";
inline constexpr std::string_view kPlanPage = R"(/plans/([^/]+))";
inline constexpr std::string_view kPlanForm = R"(/plans/([^/]+)/form)";
inline constexpr std::string_view kPlanOverdue = R"(/plans/([^/]+)/overdue)";
inline constexpr std::string_view kPlanHistory = R"(/plans/([^/]+)/history)";
inline constexpr std::string_view kPrintScript = "/assets/print.js";  // the 様式4 page's button
inline constexpr std::string_view kPlanAction = R"(/plans/([^/]+)/actions/([a-z]+))";
inline constexpr std::string_view kPlanUpload = "/import";
inline constexpr std::string_view kPlanPreview = "/import/preview";
inline constexpr std::string_view kPlanImport = "/import/save";
inline constexpr std::string_view kPlanEdit = R"(/plans/([^/]+)/edit)";
inline constexpr std::string_view kTaskEdit = R"(/plans/([^/]+)/tasks/([^/]+)/edit)";
// The account page: the visitor's tokens and calendar links, made and revoked there.
inline constexpr std::string_view kAccount = "/account";
inline constexpr std::string_view kAccountTokens = "/account/tokens";
inline constexpr std::string_view kAccountSubscriptions = "/account/subscriptions";
inline constexpr std::string_view kAccountTokenRevoke = R"(/account/tokens/([0-9]+)/revoke)";
inline constexpr std::string_view kAccountSubscriptionRevoke =
    R"(/account/subscriptions/([0-9]+)/revoke)";
// The directory of who each owner (担当) is: editors see it, admins change it.
inline constexpr std::string_view kDirectory = "/directory";
inline constexpr std::string_view kDirectorySave = "/directory/save";
inline constexpr std::string_view kDirectoryRemove = "/directory/remove";
inline constexpr std::string_view kAgencies = "/agencies";
inline constexpr std::string_view kAgencySave = "/agencies/save";
inline constexpr std::string_view kAgencyRemove = "/agencies/remove";
inline constexpr std::string_view kCopyScript = "/assets/copy.js";  // pages that show a secret
inline constexpr std::string_view kSignIn = "/signin";
inline constexpr std::string_view kSignOut = "/signout";
inline constexpr std::string_view kAnything = R"(/.*)";

// The labels of the metrics and the log: a route template, never a raw path, so the set of
// labels stays small.
namespace labels {
inline constexpr std::string_view kOrganisationFeed = "/calendars/org/{name}.ics";
inline constexpr std::string_view kAgencyFeed = "/calendars/agency/{name}.ics";
inline constexpr std::string_view kPersonFeed = "/calendars/person/{key}.ics";
inline constexpr std::string_view kOwnerFeed = "/calendars/{plan}/owner/{name}.ics";
inline constexpr std::string_view kPlanFeed = "/calendars/{plan}.ics";
inline constexpr std::string_view kApiPlan = "/api/plans/{id}";
inline constexpr std::string_view kApiOccurrences = "/api/plans/{id}/occurrences";
inline constexpr std::string_view kApiProgress = "/api/plans/{id}/progress";
inline constexpr std::string_view kApiOther = "/api/other";
inline constexpr std::string_view kApiAgenda = "/api/agenda";
inline constexpr std::string_view kApiActions = "/api/actions";
inline constexpr std::string_view kApiDirectory = "/api/directory";
inline constexpr std::string_view kApiAgencies = "/api/agencies";
inline constexpr std::string_view kPlanPage = "/plans/{id}";
inline constexpr std::string_view kPlanForm = "/plans/{id}/form";
inline constexpr std::string_view kPlanUpload = "/import";
inline constexpr std::string_view kPlanEdit = "/plans/{id}/edit";
inline constexpr std::string_view kPlanOverdue = "/plans/{id}/overdue";
inline constexpr std::string_view kPlanHistory = "/plans/{id}/history";
inline constexpr std::string_view kAccountTokenRevoke = "/account/tokens/{id}/revoke";
inline constexpr std::string_view kAccountSubscriptionRevoke = "/account/subscriptions/{id}/revoke";
inline constexpr std::string_view kInboundEmail = "/inbound/email";
inline constexpr std::string_view kOther = "other";
}  // namespace labels

}  // namespace torikumi::http::routes
