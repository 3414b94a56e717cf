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
    View checks = templates::list_of(row.checks, [](const ProgressFormContent::Check& check) {
      return templates::object_of({{"done", check.done}, {"line", check.line}});
    });
    View view{View::type::object};
    templates::put(view, "first",
                   r == 0 && form.schedule.size() > 1);  // the last row is the next year's
    templates::put(view, "rows", std::to_string(form.schedule.size()));
    templates::put(view, "label", row.label);
    templates::put(view, "checks", std::move(checks));
    templates::append(rows, std::move(view));
  }
  return rows;
}

View progress_view(const ProgressFormContent& form) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < form.progress.size(); ++r) {
    const auto& row = form.progress[r];
    View notes{View::type::list};
    for (const std::string& note : row.notes) templates::append(notes, View{note});
    View view{View::type::object};
    templates::put(view, "first", r == 0);
    templates::put(view, "rows", std::to_string(form.progress.size()));
    templates::put(view, "label", row.label);
    templates::put(view, "shown", row.shown);
    templates::put(view, "notes", std::move(notes));
    templates::append(rows, std::move(view));
  }
  return rows;
}

// The city plan's policy and the KPIs under it, when there is either; and the SDG goals.
void set_policy_and_goals_view(View& view, const ProgressFormContent& form) {
  if (form.city_plan || !form.kpis.empty()) {
    View policy{View::type::object};
    templates::put(policy, "rows", std::to_string(1 + form.kpis.size()));
    templates::put(policy, "name", form.city_plan ? form.city_plan->name : std::string{});
    templates::put(policy, "text", form.city_plan ? form.city_plan->policy : std::string{});
    templates::put(
        policy, "kpis", templates::list_of(form.kpis, [](const ProgressFormContent::KpiRow& kpi) {
          return templates::object_of({{"baseline", kpi.baseline}, {"target", kpi.target}});
        }));
    templates::put(view, "policy", std::move(policy));
  } else {
    templates::put(view, "policy", false);
  }
  templates::put(view, "sdg_goals", templates::sdg_goals_view(form.sdg_goals));
}

View form_view(const ProgressFormContent& form) {
  View view{View::type::object};
  templates::put(view, "initiative", form.initiative);
  templates::put(view, "organisation", form.organisation);
  templates::put(view, "unit", form.unit.empty() ? View{false} : View{form.unit});
  templates::put(view, "heading", form.heading);
  templates::set_issues_and_measures_view(view, form.issues, form.measures);
  templates::put(view, "schedule", schedule_view(form));
  templates::put(view, "progress", progress_view(form));
  set_policy_and_goals_view(view, form);
  return view;
}

View links_view(const FormLinks& links) {
  View view{View::type::object};
  templates::put(view, "back", links.back);
  templates::put(view, "print_script",
                 links.print_script.empty() ? View{false} : View{links.print_script});
  templates::put(view, "periods", templates::list_of(links.periods, [&](const auto& period) {
                   return templates::object_of({{"name", period.first},
                                                {"url", period.second},
                                                {"current", period.first == links.current}});
                 }));
  return view;
}

}  // namespace

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const RecordedState& state, std::string_view up_to_period,
                                      const FormLinks* links) {
  const ProgressFormContent form = progress_form_content(
      plan, expansion, state,
      {.format = FormFormat::text, .up_to_period = std::string{up_to_period}});
  View view = form_view(form);
  templates::put(view, "links", links ? links_view(*links) : View{false});
  static const View shared{View::type::object};
  return templates::render("progress_form.html.mustache", view, shared);
}

std::string render_progress_form_html(const Plan& plan, const Expansion& expansion,
                                      const ProgressMarks& marks, std::string_view up_to_period) {
  return render_progress_form_html(plan, expansion,
                                   recorded_state_from_marks(plan, expansion, marks), up_to_period);
}

}  // namespace torikumi
