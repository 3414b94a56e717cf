#include "engine/progress/progress_form.hpp"

#include <cmath>
#include <sstream>

namespace torikumi {

namespace {

constexpr const char* kTicked = "☑";
constexpr const char* kOpen = "☐";

// A figure as a person writes it: 14.9, 14.2, 15 (no trailing zeros).
// A schedule line as written on the sheet, or rebuilt from the title and schedule.
std::string task_line(const Task& task) {
  if (!task.source_text.empty()) return task.source_text;
  if (task.when_text.empty()) return task.title;
  const bool bracketed = task.when_text.starts_with("（") || task.when_text.starts_with("(");
  return task.title + (bracketed ? task.when_text : "（" + task.when_text + "）");
}

// 自殺死亡率 【2019年度：14.9（人口10万人当たり自殺者数）】, the sheet's wording.
std::string kpi_baseline_text(const Kpi& kpi) {
  std::string text = kpi.name;
  if (kpi.baseline) {
    text += " 【" + std::to_string(kpi.baseline->year) + "年度：" +
            kpi_figure_text(kpi.baseline->value, kpi.unit) + "】";
  }
  return text;
}

std::string kpi_target_text(const Kpi& kpi) {
  if (!kpi.target) return "目標値 —";
  return "目標値（" + std::to_string(kpi.target->year) + " 年度） " +
         kpi_figure_text(kpi.target->value, "");  // as the sheet writes it: no unit
}

// The form's data, in the order the sheet shows it, shared by every format.
struct FormView {
  const Plan& plan;
  const Expansion& expansion;
  const RecordedState& state;
  std::size_t periods_shown;  // progress is shown for periods [0, periods_shown)

  std::vector<std::size_t> tasks_in(std::string_view period) const {
    std::vector<std::size_t> indexes;
    for (std::size_t i = 0; i < plan.tasks.size(); ++i)
      if (plan.tasks[i].period == period) indexes.push_back(i);
    return indexes;
  }
  // Every occurrence of the task done (false for a task with none).
  bool done(std::size_t task) const {
    bool any = false;
    for (const Occurrence& occurrence : expansion.occurrences) {
      if (occurrence.task != &plan.tasks[task]) continue;
      if (state.status_of(occurrence.id) != OccurrenceStatus::done) return false;
      any = true;
    }
    return any;
  }
  std::vector<const ProgressNote*> progress_in(std::size_t period) const {
    std::vector<const ProgressNote*> notes;
    if (period >= periods_shown) return notes;
    for (const auto& note : state.notes)
      if (note.period == plan.periods[period].name) notes.push_back(&note);
    return notes;
  }
  std::string heading() const {
    std::string text = era_fiscal_year_label(expansion.fiscal_year);
    if (periods_shown > 0) text += " " + period_label(plan.periods[periods_shown - 1]) + " 時点";
    return text;
  }
};

std::string render_text(const FormView& view) {
  const Plan& plan = view.plan;
  std::ostringstream out;
  // The title row carries the year and the as-of period: the importer reads the year there.
  out << "重要取組シート\t" << view.heading() << "\n\n" << plan.organisation.name << '\n';
  if (!plan.organisation.unit.empty()) out << plan.organisation.unit << '\n';
  out << '\n';
  out << "取組項目\t" << plan.initiative << "\t\n";
  out << "現状・課題\t";
  for (const auto& issue : plan.issues) out << issue << ' ';
  out << "\t\n取組の内容\t";
  for (const auto& measure : plan.measures) {
    out << "○" << measure.title << ' ';
    if (!measure.description.empty()) out << measure.description << ' ';
  }
  out << "\t\n";
  const auto schedule_row = [&](const std::string& label, std::string_view period) {
    out << label;
    for (const std::size_t task : view.tasks_in(period))
      out << ' ' << (view.done(task) ? kTicked : kOpen) << ' ' << task_line(plan.tasks[task]);
    out << '\n';
  };
  for (std::size_t p = 0; p < plan.periods.size(); ++p)
    schedule_row((p == 0 ? "スケジュール\t" : "\t") + period_label(plan.periods[p]) + "\t",
                 plan.periods[p].name);
  schedule_row("\t次年度 以降\t", kNextYearPeriod);
  out << "\n(様式 4)\n\n";
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    out << (p == 0 ? "進捗の状況\t" : "\t") << period_label(plan.periods[p]) << '\t';
    for (const ProgressNote* note : view.progress_in(p)) out << ' ' << kTicked << ' ' << note->text;
    out << "\t\t\n";
  }
  if (plan.city_plan || !plan.kpis.empty()) {
    const std::string name = plan.city_plan ? plan.city_plan->name : "";
    out << name << "\t該当する 施策\t" << (plan.city_plan ? plan.city_plan->policy : "")
        << "\t\t\n";
    for (const auto& kpi : plan.kpis)
      out << "\t寄与する KPI\t" << kpi_baseline_text(kpi) << '\t' << kpi_target_text(kpi) << "\t\n";
  }
  for (const auto& goal : plan.sdg_goals)
    out << "未来 都市 SDGs 計画\t最も貢献する SDGsのゴール\tゴール番号 " << goal.number << '\t'
        << goal.name << "\t\n";
  return out.str();
}

std::string render_markdown(const FormView& view) {
  const Plan& plan = view.plan;
  std::ostringstream out;
  out << "# 重要取組シート 進捗の状況（様式4）\n\n";
  out << "**" << plan.organisation.name;
  if (!plan.organisation.unit.empty()) out << " " << plan.organisation.unit;
  out << "** — " << view.heading() << "\n\n";
  out << "## 取組項目\n\n" << plan.initiative << "\n\n";
  if (!plan.issues.empty()) {
    out << "## 現状・課題\n\n";
    for (const auto& issue : plan.issues) out << "- " << issue << '\n';
    out << '\n';
  }
  if (!plan.measures.empty()) {
    out << "## 取組の内容\n\n";
    for (const auto& measure : plan.measures) {
      out << "- ○" << measure.title << '\n';
      if (!measure.description.empty()) out << "  " << measure.description << '\n';
    }
    out << '\n';
  }
  out << "## スケジュール\n\n";
  const auto schedule = [&](const std::string& label, std::string_view period) {
    out << "### " << label << "\n\n";
    const auto tasks = view.tasks_in(period);
    if (tasks.empty()) out << "（なし）\n";
    for (const std::size_t task : tasks)
      out << "- [" << (view.done(task) ? "x" : " ") << "] " << task_line(plan.tasks[task]) << '\n';
    out << '\n';
  };
  for (const auto& period : plan.periods) schedule(period_label(period), period.name);
  schedule("次年度以降", kNextYearPeriod);
  out << "## 進捗の状況\n\n";
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    out << "### " << period_label(plan.periods[p]) << "\n\n";
    const auto lines = view.progress_in(p);
    if (lines.empty()) out << "（未記入）\n";
    for (const ProgressNote* note : lines) out << "- [x] " << note->text << '\n';
    out << '\n';
  }
  if (plan.city_plan || !plan.kpis.empty()) {
    out << "## "
        << (plan.city_plan && !plan.city_plan->name.empty() ? plan.city_plan->name : "計画")
        << "\n\n";
    if (plan.city_plan) out << "- 該当する施策: " << plan.city_plan->policy << '\n';
    for (const auto& kpi : plan.kpis)
      out << "- 寄与するKPI: " << kpi_baseline_text(kpi) << " → " << kpi_target_text(kpi) << '\n';
    out << '\n';
  }
  if (!plan.sdg_goals.empty()) {
    out << "## 未来都市SDGs計画\n\n";
    for (const auto& goal : plan.sdg_goals)
      out << "- 最も貢献するSDGsのゴール: ゴール" << goal.number << " " << goal.name << '\n';
    out << '\n';
  }
  return out.str();
}

// Progress is shown up to and including options.up_to_period; every period when it is empty.
std::size_t periods_shown(const Plan& plan, const ProgressFormOptions& options) {
  std::size_t shown = plan.periods.size();
  if (!options.up_to_period.empty())
    shown = std::min(shown, period_index(plan, options.up_to_period) + 1);
  return shown;
}

}  // namespace

std::string period_label(const PeriodDefinition& period) {
  return period.name + " (~" + std::to_string(static_cast<unsigned>(period.last_month)) + "月)";
}

std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const ProgressMarks& marks, const ProgressFormOptions& options) {
  return render_progress_form(plan, expansion, recorded_state_from_marks(plan, expansion, marks),
                              options);
}

std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const RecordedState& state, const ProgressFormOptions& options) {
  const FormView view{plan, expansion, state, periods_shown(plan, options)};
  switch (options.format) {
    case FormFormat::text:
      return render_text(view);
    case FormFormat::markdown:
      return render_markdown(view);
  }
  return {};
}

ProgressFormContent progress_form_content(const Plan& plan, const Expansion& expansion,
                                          const RecordedState& state,
                                          const ProgressFormOptions& options) {
  const FormView view{plan, expansion, state, periods_shown(plan, options)};
  ProgressFormContent form;
  form.initiative = plan.initiative;
  form.organisation = plan.organisation.name;
  form.unit = plan.organisation.unit;
  form.heading = view.heading();
  form.issues = plan.issues;
  form.measures = plan.measures;
  form.city_plan = plan.city_plan;
  form.sdg_goals = plan.sdg_goals;
  const auto checks = [&](std::string_view period) {
    std::vector<ProgressFormContent::Check> out;
    for (const std::size_t task : view.tasks_in(period))
      out.push_back({view.done(task), task_line(plan.tasks[task])});
    return out;
  };
  for (const auto& period : plan.periods)
    form.schedule.push_back({period_label(period), checks(period.name)});
  form.schedule.push_back({"次年度以降", checks(kNextYearPeriod)});
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    ProgressFormContent::ProgressRow row;
    row.label = period_label(plan.periods[p]);
    row.shown = p < view.periods_shown;
    for (const ProgressNote* note : view.progress_in(p)) row.notes.push_back(note->text);
    form.progress.push_back(std::move(row));
  }
  for (const auto& kpi : plan.kpis)
    form.kpis.push_back({kpi_baseline_text(kpi), kpi_target_text(kpi)});
  return form;
}

std::string period_being_reported(const Plan& plan, const FiscalYear& year, date::sys_days today) {
  const FiscalCalendar calendar{year, plan.periods};
  std::string reported = plan.periods.empty() ? std::string{} : plan.periods.front().name;
  for (const PeriodDefinition& period : plan.periods)
    if (calendar.period_last_day(period) < today) reported = period.name;
  return reported;
}

}  // namespace torikumi
