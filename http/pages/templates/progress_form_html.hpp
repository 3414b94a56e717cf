#pragma once

// The progress form (様式4) as one print-ready A4 HTML page, laid out like the sheet by
// progress_form.html.mustache from the engine's content of the form (`torikumi report`, the
// dashboard's /plans/<id>/form).

#include <string>
#include <string_view>

#include "engine/progress/progress_form.hpp"

namespace torikumi {

// The form as of the end of `up_to_period` (empty: every period).
// REQUIRES: as render_progress_form's.
std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const RecordedState& state, std::string_view up_to_period);

// The form from the plan's own progress lines (recorded_state_from_marks).
std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks, std::string_view up_to_period);

}  // namespace torikumi
