#pragma once

// The parts of a view that the overview's plan cards and the plan page both show
// (dashboard.cpp).

#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/fiscal_year.hpp"
#include "engine/progress/period_progress.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/templates/templates.hpp"

namespace torikumi::http::page {

// "令和8年度（2026年度）" or "FY2026".
std::string fiscal_year_text(const FiscalYear& year, Language language);

// id, initiative, organisation, unit, fiscal_year: the top of a plan card and of the plan page.
templates::View plan_heading_view(const PlanSnapshot& snapshot, Language language);

// Each period's progress, for partial period_grid.html.
templates::View period_progress_view(const PlanSnapshot& snapshot, const PlanProgress& progress,
                                     Language language);

// When an occurrence is: its meeting's time, its day, or its window.
std::string occurrence_when(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                            Language language);

// The plan's progress as of `today` and every share it counted (engine/progress/period_progress),
// so that a page draws each item with the state the counts give it.
struct CountedProgress {
  PlanProgress progress;
  std::vector<PeriodShare> shares;  // in expansion order
};
CountedProgress counted_progress(const PlanSnapshot& snapshot, date::sys_days today);

// The overdue shares, oldest due day first (expansion order among equals).
std::vector<PeriodShare> overdue_shares(const std::vector<PeriodShare>& shares);

// How an occurrence is drawn, as a chip and on the timeline: whole, or for a span one piece per
// period share; each with the status its share is counted with, and the id of its chip on the
// plan page (the occurrence's id, with /period-N for a span's share of the Nth period).
struct DrawnPiece {
  date::sys_days start;
  date::sys_days due;
  ShownStatus status = ShownStatus::planned;
  const PeriodShare* share = nullptr;  // a span's share; null for a whole occurrence
  std::string anchor;
};
std::vector<DrawnPiece> drawn_pieces(const Occurrence& occurrence, OccurrenceStatus recorded,
                                     const std::vector<PeriodShare>& shares, date::sys_days today);

// The timeline of render_timeline_svg, its marks drawn from `shares` (counted_progress).
std::string timeline_svg(const PlanSnapshot& snapshot, const std::vector<PeriodShare>& shares,
                         const PageContext& context);

// The plan page's address of a share's chip: /plans/<id>#<anchor>.
std::string share_link(const Plan& plan, const PeriodShare& share);

// One overdue item, for partial overdue_item.html: due, title, the period of a span's share and
// what clears it (its progress note for that period), owner, link to its chip on the plan page.
templates::View overdue_item_view(const Plan& plan, const PeriodShare& share, Language language);

// An editor's progress-note form (partial note_form.html) for `period`, listing the tasks with a
// share in it (a span written in an earlier period's row too), `selected` chosen.
templates::View note_form_view(const PlanSnapshot& snapshot, std::size_t period,
                               const Visitor& visitor, std::string_view selected = {});

}  // namespace torikumi::http::page
