#pragma once

// The parts of a view that the overview's plan cards and the plan page both show
// (dashboard.cpp).

#include <string>

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

}  // namespace torikumi::http::page
