#include "engine/progress/progress_form.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "engine/text/html.hpp"

namespace torikumi {

namespace {

constexpr const char* kTicked = "☑";
constexpr const char* kOpen = "☐";

// A figure as a person writes it: 14.9, 14.2, 15 (no trailing zeros).
std::string format_figure(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

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
    text += " 【" + std::to_string(kpi.baseline->year) + "年度：" + format_figure(kpi.baseline->value);
    if (!kpi.unit.empty()) text += "（" + kpi.unit + "）";
    text += "】";
  }
  return text;
}

std::string kpi_target_text(const Kpi& kpi) {
  if (!kpi.target) return "目標値 —";
  return "目標値（" + std::to_string(kpi.target->year) + " 年度） " + format_figure(kpi.target->value);
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
    schedule_row((p == 0 ? "スケジュール\t" : "\t") + period_label(plan.periods[p]) + "\t", plan.periods[p].name);
  schedule_row("\t次年度 以降\t", kNextYearPeriod);
  out << "\n(様式 4)\n\n";
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    out << (p == 0 ? "進捗の状況\t" : "\t") << period_label(plan.periods[p]) << '\t';
    for (const ProgressNote* note : view.progress_in(p)) out << ' ' << kTicked << ' ' << note->text;
    out << "\t\t\n";
  }
  if (plan.city_plan || !plan.kpis.empty()) {
    const std::string name = plan.city_plan ? plan.city_plan->name : "";
    out << name << "\t該当する 施策\t" << (plan.city_plan ? plan.city_plan->policy : "") << "\t\t\n";
    for (const auto& kpi : plan.kpis)
      out << "\t寄与する KPI\t" << kpi_baseline_text(kpi) << '\t' << kpi_target_text(kpi) << "\t\n";
  }
  for (const auto& goal : plan.sdg_goals)
    out << "未来 都市 SDGs 計画\t最も貢献する SDGsのゴール\tゴール番号 " << goal.number << '\t' << goal.name << "\t\n";
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
    out << "## " << (plan.city_plan && !plan.city_plan->name.empty() ? plan.city_plan->name : "計画") << "\n\n";
    if (plan.city_plan) out << "- 該当する施策: " << plan.city_plan->policy << '\n';
    for (const auto& kpi : plan.kpis) out << "- 寄与するKPI: " << kpi_baseline_text(kpi) << " → " << kpi_target_text(kpi) << '\n';
    out << '\n';
  }
  if (!plan.sdg_goals.empty()) {
    out << "## 未来都市SDGs計画\n\n";
    for (const auto& goal : plan.sdg_goals) out << "- 最も貢献するSDGsのゴール: ゴール" << goal.number << " " << goal.name << '\n';
    out << '\n';
  }
  return out.str();
}

constexpr const char* kStyle = R"(
@page { size: A4 portrait; margin: 10mm 12mm; }
:root { --line: #444; --muted: #555; --done: #0a6b2d; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif; font-size: 9.5pt; line-height: 1.45; color: #111; background: #fff; }
.sheet { width: 186mm; margin: 0 auto; padding: 4mm 0; }
header { display: flex; justify-content: space-between; align-items: flex-end; margin-bottom: 3mm; }
h1 { font-size: 15pt; margin: 0; letter-spacing: 0.1em; }
.form-number { margin: 0; font-size: 9pt; color: var(--muted); }
.org { text-align: right; margin: 0; font-size: 10pt; }
.as-of { margin: 0 0 2mm; font-size: 9pt; color: var(--muted); }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.3mm solid var(--line); padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
tr { break-inside: avoid; }
th { background: #eef1f5; font-weight: 600; }
col.section { width: 25mm; }
col.period { width: 27mm; }
th.period { font-weight: 500; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 0.6mm; padding-left: 5mm; text-indent: -5mm; }
.box { display: inline-block; width: 5mm; text-indent: 0; font-size: 11pt; line-height: 1; }
li.done .box { color: var(--done); }
.measure-title { font-weight: 600; }
.muted { color: var(--muted); }
.kpi td { font-variant-numeric: tabular-nums; }
@media print { body { font-size: 9pt; } .sheet { width: auto; padding: 0; } }
)";

std::string render_html(const FormView& view) {
  const Plan& plan = view.plan;
  std::ostringstream out;
  out << "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>重要取組シート 進捗の状況 — " << escape_html(plan.initiative) << "</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n<main class=\"sheet\">\n";
  out << "<header><div><p class=\"form-number\">(様式4)</p><h1>重要取組シート</h1></div>"
      << "<p class=\"org\">" << escape_html(plan.organisation.name);
  if (!plan.organisation.unit.empty()) out << "<br>" << escape_html(plan.organisation.unit);
  out << "</p></header>\n<p class=\"as-of\">" << escape_html(view.heading()) << "</p>\n<table>\n"
      << "<colgroup><col class=\"section\"><col class=\"period\"><col></colgroup>\n";
  out << "<tr><th class=\"section\">取組項目</th><td colspan=\"2\"><strong>" << escape_html(plan.initiative)
      << "</strong></td></tr>\n";
  if (!plan.issues.empty()) {
    out << "<tr><th class=\"section\">現状・課題</th><td colspan=\"2\"><ul>";
    for (const auto& issue : plan.issues) out << "<li>・" << escape_html(issue) << "</li>";
    out << "</ul></td></tr>\n";
  }
  if (!plan.measures.empty()) {
    out << "<tr><th class=\"section\">取組の内容</th><td colspan=\"2\"><ul>";
    for (const auto& measure : plan.measures) {
      out << "<li><span class=\"measure-title\">○" << escape_html(measure.title) << "</span>";
      if (!measure.description.empty()) out << "<br>" << escape_html(measure.description);
      out << "</li>";
    }
    out << "</ul></td></tr>\n";
  }
  const auto checks = [&](const std::vector<std::size_t>& tasks) {
    out << "<ul>";
    for (const std::size_t task : tasks) {
      const bool done = view.done(task);
      out << "<li" << (done ? " class=\"done\"" : "") << "><span class=\"box\" aria-label=\""
          << (done ? "完了" : "未完了") << "\">" << (done ? kTicked : kOpen) << "</span>"
          << escape_html(task_line(plan.tasks[task])) << "</li>";
    }
    out << "</ul>";
  };
  const std::size_t schedule_rows = plan.periods.size() + 1;
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    out << "<tr>";
    if (p == 0) out << "<th class=\"section\" rowspan=\"" << schedule_rows << "\">スケジュール</th>";
    out << "<th class=\"period\">" << escape_html(period_label(plan.periods[p])) << "</th><td>";
    checks(view.tasks_in(plan.periods[p].name));
    out << "</td></tr>\n";
  }
  out << "<tr><th class=\"period\">次年度以降</th><td>";
  checks(view.tasks_in(kNextYearPeriod));
  out << "</td></tr>\n";
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    out << "<tr>";
    if (p == 0) out << "<th class=\"section\" rowspan=\"" << plan.periods.size() << "\">進捗の状況</th>";
    out << "<th class=\"period\">" << escape_html(period_label(plan.periods[p])) << "</th><td>";
    const auto lines = view.progress_in(p);
    if (lines.empty()) out << "<span class=\"muted\">" << (p < view.periods_shown ? "（記録なし）" : "") << "</span>";
    out << "<ul>";
    for (const ProgressNote* note : lines)
      out << "<li class=\"done\"><span class=\"box\">" << kTicked << "</span>" << escape_html(note->text)
          << "</li>";
    out << "</ul></td></tr>\n";
  }
  if (plan.city_plan || !plan.kpis.empty()) {
    const std::size_t rows = 1 + plan.kpis.size();
    out << "<tr><th class=\"section\" rowspan=\"" << rows << "\">"
        << escape_html(plan.city_plan ? plan.city_plan->name : "") << "</th><th class=\"period\">該当する施策</th><td>"
        << escape_html(plan.city_plan ? plan.city_plan->policy : "") << "</td></tr>\n";
    for (const auto& kpi : plan.kpis)
      out << "<tr class=\"kpi\"><th class=\"period\">寄与するKPI</th><td>" << escape_html(kpi_baseline_text(kpi))
          << "<br>" << escape_html(kpi_target_text(kpi)) << "</td></tr>\n";
  }
  for (const auto& goal : plan.sdg_goals)
    out << "<tr><th class=\"section\">未来都市SDGs計画</th><th class=\"period\">最も貢献するSDGsのゴール</th><td>ゴール番号 "
        << goal.number << "　" << escape_html(goal.name) << "</td></tr>\n";
  out << "</table>\n</main>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace

std::string period_label(const PeriodDefinition& period) {
  return period.name + " (~" + std::to_string(static_cast<unsigned>(period.last_month)) + "月)";
}

std::string render_progress_form(const Plan& plan, const Expansion& expansion, const ProgressMarks& marks,
                                 const ProgressFormOptions& options) {
  return render_progress_form(plan, expansion, recorded_state_from_marks(plan, expansion, marks), options);
}

std::string render_progress_form(const Plan& plan, const Expansion& expansion, const RecordedState& state,
                                 const ProgressFormOptions& options) {
  std::size_t shown = plan.periods.size();
  if (!options.up_to_period.empty()) shown = std::min(shown, period_index(plan, options.up_to_period) + 1);
  const FormView view{plan, expansion, state, shown};
  switch (options.format) {
    case FormFormat::text:
      return render_text(view);
    case FormFormat::markdown:
      return render_markdown(view);
    case FormFormat::html:
      return render_html(view);
  }
  return {};
}

}  // namespace torikumi
