#include "http/pages/templates/progress_form_html.hpp"

#include "http/pages/templates/templates.hpp"

namespace torikumi {

namespace {

using templates::View;

View schedule_view(const ProgressFormContent& form) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < form.schedule.size(); ++r) {
    const auto& row = form.schedule[r];
    View checks{View::type::list};
    for (const auto& check : row.checks) {
      View item{View::type::object};
      item.set("done", check.done);
      item.set("line", check.line);
      checks.push_back(item);
    }
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
void set_plan_links_view(View& view, const ProgressFormContent& form) {
  if (form.city_plan || !form.kpis.empty()) {
    View policy{View::type::object};
    policy.set("rows", std::to_string(1 + form.kpis.size()));
    policy.set("name", form.city_plan ? form.city_plan->name : std::string{});
    policy.set("text", form.city_plan ? form.city_plan->policy : std::string{});
    View kpis{View::type::list};
    for (const auto& kpi : form.kpis) {
      View item{View::type::object};
      item.set("baseline", kpi.baseline);
      item.set("target", kpi.target);
      kpis.push_back(item);
    }
    policy.set("kpis", kpis);
    view.set("policy", policy);
  } else {
    view.set("policy", false);
  }
  View goals{View::type::list};
  for (const SdgGoal& goal : form.sdg_goals) {
    View item{View::type::object};
    item.set("number", std::to_string(goal.number));
    item.set("name", goal.name);
    goals.push_back(item);
  }
  view.set("sdg_goals", goals);
}

View form_view(const ProgressFormContent& form) {
  View view{View::type::object};
  view.set("initiative", form.initiative);
  view.set("organisation", form.organisation);
  view.set("unit", form.unit.empty() ? View{false} : View{form.unit});
  view.set("heading", form.heading);
  View issues{View::type::list};
  for (const std::string& issue : form.issues) issues.push_back(View{issue});
  view.set("has_issues", !form.issues.empty());
  view.set("issues", issues);
  View measures{View::type::list};
  for (const auto& measure : form.measures) {
    View item{View::type::object};
    item.set("title", measure.title);
    item.set("description", measure.description.empty() ? View{false} : View{measure.description});
    measures.push_back(item);
  }
  view.set("has_measures", !form.measures.empty());
  view.set("measures", measures);
  view.set("schedule", schedule_view(form));
  view.set("progress", progress_view(form));
  set_plan_links_view(view, form);
  return view;
}

}  // namespace

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const RecordedState& state, std::string_view up_to_period) {
  const ProgressFormContent form = progress_form_content(
      plan, expansion, state,
      {.format = FormFormat::text, .up_to_period = std::string{up_to_period}});
  static const View shared = templates::partials();
  return templates::render("progress_form.html.mustache", form_view(form), shared);
}

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks, std::string_view up_to_period) {
  return render_progress_form_html(plan, expansion,
                                   recorded_state_from_marks(plan, expansion, marks), up_to_period);
}

}  // namespace torikumi
