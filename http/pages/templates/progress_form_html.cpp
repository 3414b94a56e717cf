#include "http/pages/templates/progress_form_html.hpp"

#include "http/pages/templates/plan_parts_view.hpp"
#include "http/pages/templates/templates.hpp"

namespace torikumi {

namespace {

using templates::View;

View schedule_view(const ProgressFormContent& form) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < form.schedule.size(); ++r) {
    const auto& row = form.schedule[r];
    const View checks = templates::list_of(row.checks, [](const ProgressFormContent::Check& check) {
      return templates::object_of({{"done", check.done}, {"line", check.line}});
    });
    View view{View::type::object};
    view.set("first", r == 0 && form.schedule.size() > 1);  // the last row is the next year's
    view.set("rows", std::to_string(form.schedule.size()));
    view.set("label", row.label);
    view.set("checks", checks);
    rows.push_back(view);
  }
  return rows;
}

View progress_view(const ProgressFormContent& form) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < form.progress.size(); ++r) {
    const auto& row = form.progress[r];
    View notes{View::type::list};
    for (const std::string& note : row.notes) notes.push_back(View{note});
    View view{View::type::object};
    view.set("first", r == 0);
    view.set("rows", std::to_string(form.progress.size()));
    view.set("label", row.label);
    view.set("shown", row.shown);
    view.set("notes", notes);
    rows.push_back(view);
  }
  return rows;
}

// The city plan's policy and the KPIs under it, when there is either; and the SDG goals.
void set_policy_and_goals_view(View& view, const ProgressFormContent& form) {
  if (form.city_plan || !form.kpis.empty()) {
    View policy{View::type::object};
    policy.set("rows", std::to_string(1 + form.kpis.size()));
    policy.set("name", form.city_plan ? form.city_plan->name : std::string{});
    policy.set("text", form.city_plan ? form.city_plan->policy : std::string{});
    policy.set("kpis", templates::list_of(form.kpis, [](const ProgressFormContent::KpiRow& kpi) {
                 return templates::object_of({{"baseline", kpi.baseline}, {"target", kpi.target}});
               }));
    view.set("policy", policy);
  } else {
    view.set("policy", false);
  }
  view.set("sdg_goals", templates::sdg_goals_view(form.sdg_goals));
}

View form_view(const ProgressFormContent& form) {
  View view{View::type::object};
  view.set("initiative", form.initiative);
  view.set("organisation", form.organisation);
  view.set("unit", form.unit.empty() ? View{false} : View{form.unit});
  view.set("heading", form.heading);
  templates::set_issues_and_measures_view(view, form.issues, form.measures);
  view.set("schedule", schedule_view(form));
  view.set("progress", progress_view(form));
  set_policy_and_goals_view(view, form);
  return view;
}

}  // namespace

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const RecordedState& state, std::string_view up_to_period) {
  const ProgressFormContent form = progress_form_content(
      plan, expansion, state,
      {.format = FormFormat::text, .up_to_period = std::string{up_to_period}});
  static const View shared{View::type::object};
  return templates::render("progress_form.html.mustache", form_view(form), shared);
}

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks, std::string_view up_to_period) {
  return render_progress_form_html(plan, expansion,
                                   recorded_state_from_marks(plan, expansion, marks), up_to_period);
}

}  // namespace torikumi
