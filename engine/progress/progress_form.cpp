#include "engine/progress/progress_form.hpp"

#include <cmath>
#include <cstdint>
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
  // The period's progress lines: its progress notes in the order written, then for each task
  // whose occurrences were completed with a note, its title and those notes (会議の開催：8月
  // 12名参加、10月 9名参加). The title without its schedule: `torikumi import` reads the months
  // in a line's brackets as done, and not every month of the schedule is.
  std::vector<std::string> progress_in(std::size_t period) const {
    std::vector<std::string> lines;
    if (period >= periods_shown) return lines;
    for (const auto& note : state.notes)
      if (note.period == plan.periods[period].name) lines.push_back(note.text);
    for (std::size_t task = 0; task < plan.tasks.size(); ++task) {
      const std::string notes = completion_notes(task, period);
      if (!notes.empty()) lines.push_back(plan.tasks[task].title + "：" + notes);
    }
    return lines;
  }
  // The notes of the task's occurrences completed in `period`, each after its month when the task
  // has several occurrences, joined by 、; empty when there are none.
  std::string completion_notes(std::size_t task, std::size_t period) const {
    std::vector<const Occurrence*> occurrences;
    for (const Occurrence& occurrence : expansion.occurrences)
      if (occurrence.task == &plan.tasks[task]) occurrences.push_back(&occurrence);
    std::string notes;
    for (const Occurrence* occurrence : occurrences) {
      const OccurrenceRecord* record = state.find(occurrence->id);
      if (!record || record->status != OccurrenceStatus::done || record->note.empty() ||
          completion_period(*occurrence, *record) != period)
        continue;
      if (!notes.empty()) notes += "、";
      if (occurrences.size() > 1)
        notes +=
            std::to_string(static_cast<unsigned>(date::year_month_day{occurrence->due}.month())) +
            "月 ";
      notes += record->note;
    }
    return notes;
  }
  // The period a completion is reported in: the latest of the occurrence's periods that had begun
  // when it was completed (a June meeting recorded in August stays in 前期; a span in the period
  // it was finished in), its first when none had.
  std::size_t completion_period(const Occurrence& occurrence,
                                const OccurrenceRecord& record) const {
    const FiscalCalendar calendar{expansion.fiscal_year, plan.periods};
    const date::sys_days completed =
        record.completed_at ? expansion.zone.local_day(*record.completed_at) : occurrence.due;
    std::size_t found = plan.periods.size();
    for (std::size_t p = 0; p < plan.periods.size() && p < 32; ++p) {
      if ((occurrence.periods & (std::uint32_t{1} << p)) == 0) continue;
      if (found == plan.periods.size() || calendar.period_first_day(plan.periods[p]) <= completed)
        found = p;
    }
    return found;
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
    for (const std::string& line : view.progress_in(p)) out << ' ' << kTicked << ' ' << line;
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
    for (const std::string& line : lines) out << "- [x] " << line << '\n';
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
    row.notes = view.progress_in(p);
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
