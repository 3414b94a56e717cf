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
  view.set("id", plan.id);
  view.set("initiative", plan.initiative);
  view.set("organisation", plan.organisation.name);
  view.set("unit", text_or_false(plan.organisation.unit));
  view.set("fiscal_year", fiscal_year_text(snapshot.expansion.fiscal_year, language));
  return view;
}

// Each period's progress: name, bar, done / planned, overdue, logged.
View period_progress_view(const PlanSnapshot& snapshot, const PlanProgress& progress,
                          Language language) {
  View periods{View::type::list};
  for (std::size_t p = 0; p < progress.periods.size() && p < snapshot.plan->periods.size(); ++p) {
    const PeriodProgress& period = progress.periods[p];
    View view{View::type::object};
    view.set("heading", period_heading(snapshot.plan->periods[p], language));
    view.set("percent", std::to_string(std::lround(period.percent.value_or(0))));
    view.set("has_percent", period.percent.has_value());
    view.set("done", std::to_string(period.done));
    view.set("planned", std::to_string(period.planned));
    view.set("overdue", period.overdue > 0 ? View{std::to_string(period.overdue)} : View{false});
    view.set("logged", period.logged > 0 ? View{std::to_string(period.logged)} : View{false});
    periods.push_back(view);
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
    meeting.set("when", page::occurrence_when(snapshot, occurrence, context.language));
    meeting.set("title", occurrence.task->title);
    const MeetingRule* rule = plan.meeting_rule_for(*occurrence.task);
    meeting.set("place", text_or_false(rule ? rule->place : std::string{}));
    meetings.push_back(meeting);
    ++shown;
  }
  return meetings;
}

// The overdue items as the period bars count them: a span's share of a past period is overdue
// by itself.
void set_overdue_view(View& card, const Plan& plan, const std::vector<PeriodShare>& late,
                      Language language) {
  card.set("has_late", !late.empty());
  card.set("late_count", std::to_string(late.size()));
  View items{View::type::list};
  for (std::size_t i = 0; i < late.size() && i < kOverdueShown; ++i) {
    const PeriodShare& share = late[i];
    View item{View::type::object};
    item.set("due", page::day_text(share.due, language));
    item.set("title", share.occurrence->task->title);
    item.set("share", share.span ? View{plan.periods[share.period].name} : View{false});
    items.push_back(item);
  }
  card.set("late", items);
  card.set("more", late.size() > kOverdueShown ? View{std::to_string(late.size() - kOverdueShown)}
                                               : View{false});
}

View plan_card_view(const PlanSnapshot& snapshot, const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const date::sys_days today = snapshot.expansion.zone.today(context.now);
  std::vector<PeriodShare> late;
  const PlanProgress progress = compute_period_progress(plan, snapshot.expansion, snapshot.recorded,
                                                        today, [&](const PeriodShare& share) {
                                                          if (share.state == ShareState::overdue)
                                                            late.push_back(share);
                                                        });
  View card = page::plan_heading_view(snapshot, context.language);
  card.set("periods", page::period_progress_view(snapshot, progress, context.language));
  card.set("meetings", next_meetings_view(snapshot, context, today));
  set_overdue_view(card, plan, late, context.language);
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
    organisation.set("name", name);
    organisation.set("path", percent_encode(name));
    organisations.push_back(organisation);
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

std::string render_overview_page(const std::vector<SnapshotPointer>& plans,
                                 const PageContext& context) {
  View cards{View::type::list};
  for (const auto& snapshot : plans) cards.push_back(plan_card_view(*snapshot, context));
  View view{View::type::object};
  view.set("plans", cards);
  View organisations = organisations_view(plans);
  view.set("has_organisations", !organisations.is_empty_list());
  view.set("organisations", organisations);
  return page::render_page("overview.html.mustache", view,
                           page::label(context.language, "overview_title"), context);
}

}  // namespace torikumi::http
