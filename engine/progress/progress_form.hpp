#pragma once

// The sheet's progress form (様式4), written from a plan and what was recorded: the schedule
// by period with each checkbox ticked when done, the progress lines per period, the KPI with
// its baseline and target, the SDG goal.

#include <optional>
#include <string>

#include "engine/progress/expansion.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/progress_marks.hpp"
#include "engine/progress/recorded_state.hpp"

namespace torikumi {

enum class FormFormat {
  text,      // the sheet's own tab-separated layout, with ☑/☐ ticks; torikumi import reads it back
  markdown,  // headings and task lists
  html,      // one A4 page, print-ready, laid out like the sheet
};

struct ProgressFormOptions {
  FormFormat format = FormFormat::html;
  // Show progress up to and including this period (the form as of its end); later periods'
  // progress is left empty. Empty: every period.
  std::string up_to_period;
};

// The form from what was recorded: a row is ticked when every occurrence of its task is done;
// each period shows its progress notes, in the order written.
// REQUIRES: expansion and state came from this plan; options.up_to_period is empty or one of
// plan.periods' names.
std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const RecordedState& state, const ProgressFormOptions& options);

// The form from the plan's own progress lines: render_progress_form with
// recorded_state_from_marks(plan, expansion, marks).
std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const ProgressMarks& marks, const ProgressFormOptions& options);

// The period as the sheet labels it: "前期 (~7月)".
std::string period_label(const PeriodDefinition& period);

}  // namespace torikumi
