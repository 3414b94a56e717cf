#pragma once

// The views of the parts of a plan that both the plan page and the 様式4 form show.

#include <string>
#include <vector>

#include "engine/plan/plan.hpp"
#include "http/pages/templates/templates.hpp"

namespace torikumi::templates {

// has_issues, issues (texts), has_measures, measures (title, description or false).
void set_issues_and_measures_view(View& view, const std::vector<std::string>& issues,
                                  const std::vector<Measure>& measures);

// Each goal's number and name.
View sdg_goals_view(const std::vector<SdgGoal>& goals);

}  // namespace torikumi::templates
