#pragma once

// The dashboard's pages, server-rendered HTML: Japanese by default, English on request, laid out
// for a phone first. Each page is a template (http/pages/templates/) that escapes every piece of
// plan text; the C++ gathers the view. Pure: the snapshots and today in, a page out.

#include <date/date.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/language.hpp"
#include "engine/base/result.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/plan/plan.hpp"
#include "http/access/access_control.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/transport/http_error.hpp"
#include "store/access.hpp"
#include "store/store.hpp"

namespace torikumi::http {
struct PlanReminders;  // http/api/reminder_board.hpp
}  // namespace torikumi::http

namespace torikumi::http {

using torikumi::Language;  // engine/base/language.hpp

// The page's language: ?lang=en|ja when given, else the `lang` cookie in a Cookie header, else
// `fallback` (the config's; Japanese by default). Anything else than "en" means Japanese.
Language choose_language(std::string_view lang_parameter, std::string_view cookie_header,
                         Language fallback = Language::japanese);

// The person a page is for, when signed in.
struct Visitor {
  std::string label;       // the person's name, else the token's label: shown in the header
  bool can_edit = false;   // an editor or admin: the pages carry the forms that record
  std::string csrf_token;  // carried by every form; the server refuses a form without it
  store::Role role = store::Role::viewer;  // the session's token's
  std::string person{};                    // the address of the person who holds it, if any
};

struct PageContext {
  Language language = Language::japanese;
  date::sys_seconds now;           // decides today, overdue and what is next, in each plan's zone
  std::optional<Visitor> visitor;  // nobody signed in: read-only pages with a sign-in link
  // What the write that led here did, said at the top of the page ("記録しました"): from the
  // redirect's ?done=recorded|saved|imported|acknowledged|removed, never text from the request.
  std::string flash{};
  std::string script{};  // the server's own script the page loads (/assets/copy.js?v=...), if any
};

// GET /: every plan with each period's progress (done / planned, overdue), the next meetings and
// the items overdue.
std::string render_overview_page(const std::vector<SnapshotPointer>& plans,
                                 const PageContext& context);

// What tells a plan apart from others of the same initiative (取組項目) on the overview and in its
// page's title: empty when no other plan has its initiative; else its unit (課) when every plan
// of that initiative has one of its own, else its id.
std::string plan_distinction(const Plan& plan, const std::vector<SnapshotPointer>& plans);

// GET /plans/<id>: the plan laid out like the sheet — issues, measures, the schedule by period
// with ticks, each period's progress and notes, KPI against target, SDG goal — with a
// fiscal-year timeline.
// `reminders`, when given: the plan's upcoming reminders and its delivery log, with the webhook
// URLs and their receivers' answers for an editor's or an admin's session only.
// `distinction`: plan_distinction's, shown after the initiative in the heading and the title.
std::string render_plan_page(const PlanSnapshot& snapshot, const PageContext& context,
                             const PlanReminders* reminders = nullptr,
                             std::string_view distinction = {});

// What the overdue page lists: every overdue item, or those of one owner, period or kind.
struct OverdueFilter {
  std::optional<std::string> owner;   // a task's owner; empty: the tasks without one
  std::optional<std::size_t> period;  // an index into plan.periods
  std::optional<TaskKind> kind;
};

// The filter of ?owner=&period=&kind=, each empty for any: owner one of the plan's tasks' owners
// or "-" for none, period one of the plan's period names, kind meeting, campaign or deliverable
// (the kinds that fall overdue). Else an error that names the parameter, what it takes and what
// came, in `language`: `period: expected 前期, 中期 or 後期, got "夏期"`.
Result<OverdueFilter> read_overdue_filter(const Plan& plan, std::string_view owner,
                                          std::string_view period, std::string_view kind,
                                          Language language);

// GET /plans/<id>/overdue: every overdue item of the plan that `filter` keeps, oldest due day
// first, each with its owner and a link to it on the plan page; a span's share says what clears
// it (its progress note for the period) and, for an editor, carries the note form. Above, a GET
// form of <select>s that narrows the list.
std::string render_overdue_page(const PlanSnapshot& snapshot, const OverdueFilter& filter,
                                const PageContext& context);

// The entries a page of a plan's history shows.
inline constexpr std::size_t kHistoryEntriesPerPage = 50;

// ?occurrence= of the history page: empty (the whole plan) or an occurrence id of the plan
// (PLAN/TASK/KEY; PLAN/TASK for all of a task's); else an error in `language`:
// `occurrence: expected an occurrence of plan "p" (p/TASK/KEY), got "q/x"`.
Result<std::string> read_history_occurrence(const Plan& plan, std::string_view occurrence,
                                            Language language);
// ?page= of the history page: empty for 1, else a whole number from 1 to the last page of
// `entry_count` entries (1 when there are none); else an error in `language`:
// `page: expected a page from 1 to 3, got "9"`.
Result<std::size_t> read_history_page(std::string_view page, std::size_t entry_count,
                                      Language language);

// GET /plans/<id>/history: `entries` (the audit log of the plan, or of `occurrence` when not
// empty, oldest first, as Store::history reads it) newest first, page `page` of them: when in the
// plan's zone, who, the action and what changed in the page's words, links to newer and older
// pages and to each occurrence's own history. REQUIRES: page is one read_history_page allows.
std::string render_history_page(const PlanSnapshot& snapshot,
                                const std::vector<store::AuditEntry>& entries,
                                std::string_view occurrence, std::size_t page,
                                const PageContext& context);

// After a progress note was deleted: what it said, with links back to the plan and its history.
std::string render_note_deleted_page(const PlanSnapshot& snapshot, std::string_view period,
                                     std::string_view task, std::string_view text,
                                     const PageContext& context);

// A page saying what in a page's query was not understood (400), with a way on to `back`.
std::string render_bad_query_page(std::string_view message, std::string_view back,
                                  const PageContext& context);

// A small page for a dashboard path that names nothing (404), saying so in the page's language
// (http/pages/refusal_text.hpp).
std::string render_missing_page(const HttpError& error, const PageContext& context);

// A page saying why a form was refused (400, 403, 404, 409, 422) in the page's language, with a
// way back to `back`.
std::string render_refused_page(const HttpError& error, std::string_view back,
                                const PageContext& context);

// GET /signin: the form that takes an API token (`torikumi token create`). `csrf_token` is the
// sign-in form's own, double-submitted in a cookie; `next` is where to go after, and `message`
// says why the last try failed.
std::string render_sign_in_page(std::string_view csrf_token, std::string_view next,
                                std::string_view message, const PageContext& context);

// After a subscription was made: its webcal:// and https:// links, shown this once, each with a
// copy button that the page's script (context.script) shows.
std::string render_subscription_page(const PlanSnapshot& snapshot, std::string_view https_url,
                                     const PageContext& context);
// The same for an agency's or a person's feed (`scope` names one), which no plan's page links.
std::string render_meetings_subscription_page(const store::SubscriptionScope& scope,
                                              std::string_view https_url,
                                              const PageContext& context);
// What an agency's or a person's feed shows, in words: 「こども家庭センターの会議（機関）」,
// 「takikan@example.org の会議（所属機関）」; empty for a scope of another feed.
std::string meetings_scope_words(const store::SubscriptionScope& scope, Language language);

// GET /account: the visitor's own token (`own_token`) and the tokens and calendar links made with
// it, each with a form that revokes it; a form that makes a calendar link to one of `plans` (an
// owner's or the whole plan's) for an editor or an admin, and for an admin also to one of
// `agencies`' meetings or a person's (each current member on context.now's membership_day, by
// name and address, with their agencies); and one that makes a token for an admin.
std::string render_account_page(const Account& account, const Principal& own_token,
                                const std::vector<SnapshotPointer>& plans,
                                const PageContext& context,
                                const std::vector<Agency>& agencies = {});

// After a token was made on the account page: the token, shown this once, with a copy button.
std::string render_new_token_page(const NewToken& made, const PageContext& context);

// The fiscal-year timeline: one row per dated task, one column per month, each occurrence a bar
// over its window (a meeting a dot on its day) coloured by status, today a line. Inline SVG.
std::string render_timeline_svg(const PlanSnapshot& snapshot, const PageContext& context);

}  // namespace torikumi::http
