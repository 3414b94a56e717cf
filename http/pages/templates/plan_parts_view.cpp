#include "http/pages/templates/plan_parts_view.hpp"

namespace torikumi::templates {

void set_issues_and_measures_view(View& view, const std::vector<std::string>& issues,
                                  const std::vector<Measure>& measures) {
  put(view, "has_issues", !issues.empty());
  put(view, "issues", list_of(issues, [](const std::string& issue) { return View{issue}; }));
  put(view, "has_measures", !measures.empty());
  put(view, "measures", list_of(measures, [](const Measure& measure) {
        return object_of({{"title", measure.title},
                          {"description",
                           measure.description.empty() ? View{false} : View{measure.description}}});
      }));
}

View sdg_goals_view(const std::vector<SdgGoal>& goals) {
  return list_of(goals, [](const SdgGoal& goal) {
    return object_of({{"number", std::to_string(goal.number)}, {"name", goal.name}});
  });
}

}  // namespace torikumi::templates
