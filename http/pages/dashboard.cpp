// The overview and the plan page: the C++ gathers each page's view; templates/overview.html,
// plan_card.html, plan.html and the partials they name lay it out.

#include "http/pages/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/calendar/fiscal_year.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/progress/period_progress.hpp"
#include "http/api/api.hpp"
#include "http/api/reminder_board.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/page_views.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace page {

using templates::View;

std::string fiscal_year_text(const FiscalYear& year, Language language) {
  const int number = static_cast<int>(year.year());
  if (language == Language::english) return "FY" + std::to_string(number);
  return era_fiscal_year_label(year) + "（" + std::to_string(number) + "年度）";
}

// What the plan card and the plan page both show at the top: id, title, organisation, year.
View plan_heading_view(const PlanSnapshot& snapshot, Language language) {
  const Plan& plan = *snapshot.plan;
  View view{View::type::object};
  templates::put(view, "id", plan.id);
  templates::put(view, "initiative", plan.initiative);
  templates::put(view, "organisation", plan.organisation.name);
  templates::put(view, "unit", text_or_false(plan.organisation.unit));
  templates::put(view, "fiscal_year", fiscal_year_text(snapshot.expansion.fiscal_year, language));
  return view;
}

// Each period's progress: name, bar, done / planned, overdue, logged, the meetings' actions.
View period_progress_view(const PlanSnapshot& snapshot, const PlanProgress& progress,
                          Language language) {
  View periods{View::type::list};
  for (std::size_t p = 0; p < progress.periods.size() && p < snapshot.plan->periods.size(); ++p) {
    const PeriodProgress& period = progress.periods[p];
    View view{View::type::object};
    templates::put(view, "heading", period_heading(snapshot.plan->periods[p], language));
    templates::put(view, "percent", std::to_string(std::lround(period.percent.value_or(0))));
    templates::put(view, "has_percent", period.percent.has_value());
    templates::put(view, "done", std::to_string(period.done));
    templates::put(view, "planned", std::to_string(period.planned));
    templates::put(view, "overdue",
                   period.overdue > 0 ? View{std::to_string(period.overdue)} : View{false});
    templates::put(view, "logged",
                   period.logged > 0 ? View{std::to_string(period.logged)} : View{false});
    templates::put(view, "actions",
                   period.actions > 0 ? View{std::to_string(period.actions)} : View{false});
    templates::put(view, "actions_done", std::to_string(period.actions_done));
    templates::put(
        view, "actions_overdue",
        period.actions_overdue > 0 ? View{std::to_string(period.actions_overdue)} : View{false});
    templates::append(periods, std::move(view));
  }
  return periods;
}

std::string occurrence_when(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                            Language language) {
  if (occurrence.scheduled_start)
    return instant_text(*occurrence.scheduled_start, snapshot.expansion.zone, language);
  if (occurrence.start == occurrence.due) return day_text(occurrence.due, language);
  return day_text(occurrence.start, language) + "–" + day_text(occurrence.due, language);
}

CountedProgress counted_progress(const PlanSnapshot& snapshot, date::sys_days today) {
  CountedProgress counted;
  counted.progress =
      compute_period_progress(*snapshot.plan, snapshot.expansion, snapshot.recorded, today,
                              [&](const PeriodShare& share) { counted.shares.push_back(share); });
  return counted;
}

std::vector<PeriodShare> overdue_shares(const std::vector<PeriodShare>& shares) {
  std::vector<PeriodShare> late;
  for (const PeriodShare& share : shares)
    if (share.state == ShareState::overdue) late.push_back(share);
  std::stable_sort(late.begin(), late.end(),
                   [](const PeriodShare& a, const PeriodShare& b) { return a.due < b.due; });
  return late;
}

namespace {

std::string anchor_of(const PeriodShare& share) {
  if (!share.span) return share.occurrence->id;
  return share.occurrence->id + "/period-" + std::to_string(share.period + 1);
}

}  // namespace

std::vector<DrawnPiece> drawn_pieces(const Occurrence& occurrence, OccurrenceStatus recorded,
                                     const std::vector<PeriodShare>& shares, date::sys_days today) {
  std::vector<DrawnPiece> pieces;
  for (const PeriodShare& share : shares) {
    if (share.occurrence != &occurrence) continue;
    DrawnPiece piece{.start = share.span ? share.start : occurrence.start,
                     .due = share.span ? share.due : occurrence.due,
                     .status = shown_status(share, recorded),
                     .share = share.span ? &share : nullptr,
                     .anchor = anchor_of(share)};
    pieces.push_back(std::move(piece));
    if (!share.span) break;
  }
  if (pieces.empty())  // in no period the plan counts
    pieces.push_back({.start = occurrence.start,
                      .due = occurrence.due,
                      .status = shown_status(occurrence, recorded, today),
                      .share = nullptr,
                      .anchor = occurrence.id});
  return pieces;
}

std::string share_link(const Plan& plan, const PeriodShare& share) {
  std::string fragment = percent_encode(anchor_of(share));
  for (std::size_t at = fragment.find("%2F"); at != std::string::npos;
       at = fragment.find("%2F", at))
    fragment.replace(at, 3, "/");  // a fragment may hold '/' as it is (RFC 3986 3.5)
  return "/plans/" + percent_encode(plan.id) + "#" + fragment;
}

View overdue_item_view(const Plan& plan, const PeriodShare& share, Language language) {
  const Task& task = *share.occurrence->task;
  View item{View::type::object};
  templates::put(item, "due", day_text(share.due, language));
  templates::put(item, "title", task.title);
  templates::put(item, "link", share_link(plan, share));
  templates::put(item, "share", share.span ? View{plan.periods[share.period].name} : View{false});
  templates::put(item, "owner", text_or_false(task.owner));
  return item;
}

}  // namespace page

namespace {

using page::text_or_false;
using templates::View;

constexpr std::size_t kNextMeetings = 3;
constexpr std::size_t kOverdueShown = 5;

// Meetings still to come: a dated one not yet begun, or one without a time whose window is
// open. The expansion is in window order already; keep it.
View next_meetings_view(const PlanSnapshot& snapshot, const PageContext& context,
                        date::sys_days today) {
  const Plan& plan = *snapshot.plan;
  View meetings{View::type::list};
  std::size_t shown = 0;
  for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
    if (shown == kNextMeetings) break;
    const bool ahead = occurrence.scheduled_start ? *occurrence.scheduled_start >= context.now
                                                  : occurrence.due >= today;
    if (!is_open(snapshot.recorded.status_of(occurrence.id)) ||
        occurrence.task->kind != TaskKind::meeting || !ahead)
      continue;
    View meeting{View::type::object};
    templates::put(meeting, "when", page::occurrence_when(snapshot, occurrence, context.language));
    templates::put(meeting, "title", occurrence.task->title);
    const MeetingRule* rule = plan.meeting_rule_for(*occurrence.task);
    templates::put(meeting, "place", text_or_false(rule ? rule->place : std::string{}));
    templates::append(meetings, std::move(meeting));
    ++shown;
  }
  return meetings;
}

// The overdue items as the period bars count them, oldest first: a span's share of a past period
// is overdue by itself. The rest are on the plan's overdue page.
void set_overdue_view(View& card, const Plan& plan, const std::vector<PeriodShare>& late,
                      Language language) {
  templates::put(card, "has_late", !late.empty());
  templates::put(card, "late_count", std::to_string(late.size()));
  View items{View::type::list};
  for (std::size_t i = 0; i < late.size() && i < kOverdueShown; ++i)
    templates::append(items, page::overdue_item_view(plan, late[i], language));
  templates::put(card, "late", std::move(items));
  templates::put(card, "more",
                 late.size() > kOverdueShown ? View{std::to_string(late.size() - kOverdueShown)}
                                             : View{false});
}

View plan_card_view(const PlanSnapshot& snapshot, const std::vector<SnapshotPointer>& plans,
                    const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const date::sys_days today = snapshot.expansion.zone.today(context.now);
  const page::CountedProgress counted = page::counted_progress(snapshot, today);
  View card = page::plan_heading_view(snapshot, context.language);
  templates::put(card, "distinction", page::text_or_false(plan_distinction(plan, plans)));
  templates::put(card, "periods",
                 page::period_progress_view(snapshot, counted.progress, context.language));
  templates::put(card, "meetings", next_meetings_view(snapshot, context, today));
  set_overdue_view(card, plan, page::overdue_shares(counted.shares), context.language);
  return card;
}

// Organisation feeds, one link per organisation.
View organisations_view(const std::vector<SnapshotPointer>& plans) {
  std::vector<std::string> names;
  for (const auto& snapshot : plans) {
    const std::string& name = snapshot->plan->organisation.name;
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }
  View organisations{View::type::list};
  for (const std::string& name : names) {
    View organisation{View::type::object};
    templates::put(organisation, "name", name);
    templates::put(organisation, "path", percent_encode(name));
    templates::append(organisations, std::move(organisation));
  }
  return organisations;
}

}  // namespace

Language choose_language(std::string_view lang_parameter, std::string_view cookie_header,
                         Language fallback) {
  if (!lang_parameter.empty())
    return lang_parameter == "en" ? Language::english : Language::japanese;
  const auto cookie = cookie_value(cookie_header, "lang");
  if (!cookie) return fallback;
  return *cookie == "en" ? Language::english : Language::japanese;
}

std::string plan_distinction(const Plan& plan, const std::vector<SnapshotPointer>& plans) {
  std::vector<const Plan*> namesakes;
  for (const auto& snapshot : plans)
    if (snapshot->plan->initiative == plan.initiative) namesakes.push_back(snapshot->plan.get());
  if (namesakes.size() < 2) return {};
  const auto unit_shared = [&](const Plan* other) {
    return other->id != plan.id && other->organisation.unit == plan.organisation.unit;
  };
  const bool units_tell = !plan.organisation.unit.empty() &&
                          std::none_of(namesakes.begin(), namesakes.end(), unit_shared) &&
                          std::none_of(namesakes.begin(), namesakes.end(), [](const Plan* other) {
                            return other->organisation.unit.empty();
                          });
  return units_tell ? plan.organisation.unit : plan.id;
}

std::string render_overview_page(const std::vector<SnapshotPointer>& plans,
                                 const PageContext& context) {
  View cards{View::type::list};
  for (const auto& snapshot : plans)
    templates::append(cards, plan_card_view(*snapshot, plans, context));
  View view{View::type::object};
  templates::put(view, "plans", std::move(cards));
  templates::put(view, "can_import", context.visitor && context.visitor->can_edit);
  View organisations = organisations_view(plans);
  templates::put(view, "has_organisations", !organisations.is_empty_list());
  templates::put(view, "organisations", std::move(organisations));
  return page::render_page("overview.html.mustache", view,
                           page::label(context.language, "overview_title"), context);
}

}  // namespace torikumi::http
