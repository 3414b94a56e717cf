#pragma once

// The progress form (様式4) as one print-ready A4 HTML page, laid out like the sheet by
// progress_form.html.mustache from the engine's content of the form (`torikumi report`, the
// dashboard's /plans/<id>/form).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/progress/progress_form.hpp"

namespace torikumi {

// The dashboard's links around the form, shown on screen and not printed: back to the plan's
// page, the form as of the end of each period (the one shown marked as current), and a print
// button that its script shows (without scripts, a hint to use the browser's print instead).
struct FormLinks {
  std::string back;                                          // the plan's page
  std::vector<std::pair<std::string, std::string>> periods;  // (name, URL of the form up to it)
  std::string current;                                       // the period shown
  // The script that makes the print button work (the page's only one); empty: no button.
  std::string print_script;
};

// The form as of the end of `up_to_period` (empty: every period), with `links` when it is the
// dashboard's page.
// REQUIRES: as render_progress_form's.
std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const RecordedState& state, std::string_view up_to_period,
                                      const FormLinks* links = nullptr);

// The form from the plan's own progress lines (recorded_state_from_marks).
std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks, std::string_view up_to_period);

}  // namespace torikumi
