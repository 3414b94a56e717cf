#pragma once

// The sheet's progress form (様式4), written from a plan and what was recorded: the schedule
// by period with each checkbox ticked when done, the progress lines per period, the KPI with
// its baseline and target, the SDG goal. As text or markdown here; as one print-ready A4 HTML
// page from its content (progress_form_content) by http/pages/templates/progress_form_html.hpp.

#include <optional>
#include <string>
#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/progress_marks.hpp"
#include "engine/progress/recorded_state.hpp"

namespace torikumi {

enum class FormFormat {
  text,  // the sheet's own tab-separated layout, with ☑/☐ ticks; torikumi import reads it back
  markdown,  // headings and task lists
};

struct ProgressFormOptions {
  FormFormat format = FormFormat::text;
  // Show progress up to and including this period (the form as of its end); later periods'
  // progress is left empty. Empty: every period.
  std::string up_to_period;
};

// The period a form is filled in for on `today`: the latest of the plan's periods that has ended
// (in November, 前期; in April of the next year, 後期), not the one that has just begun; the first
// while none has ended. Periods are placed in `year` (FiscalCalendar).
std::string period_being_reported(const Plan& plan, const FiscalYear& year, date::sys_days today);

// The form from what was recorded: a row is ticked when every occurrence of its task is done;
// each period shows its progress notes, in the order written, then each task's completion notes
// of the period beside its title (会議の開催：8月 12名参加、10月 9名参加): an occurrence completed
// with a note is reported in the latest of its periods that had begun when it was completed.
// REQUIRES: expansion and state came from this plan; options.up_to_period is empty or one of
// plan.periods' names.
std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const RecordedState& state, const ProgressFormOptions& options);

// The form from the plan's own progress lines: render_progress_form with
// recorded_state_from_marks(plan, expansion, marks).
std::string render_progress_form(const Plan& plan, const Expansion& expansion,
                                 const ProgressMarks& marks, const ProgressFormOptions& options);

// What the form shows, in the sheet's order and wording, for a renderer that lays it out.
struct ProgressFormContent {
  struct Check {
    bool done = false;  // every occurrence of the task done
    std::string line;   // the schedule line as written on the sheet
  };
  struct ScheduleRow {
    std::string label;  // "前期 (~7月)", …, "次年度以降"
    std::vector<Check> checks;
  };
  struct ProgressRow {
    std::string label;               // "前期 (~7月)"
    bool shown = false;              // a period up to the form's as-of period
    std::vector<std::string> notes;  // its progress lines, then its completion notes by task
  };
  struct KpiRow {
    std::string baseline;  // 自殺死亡率 【2019年度：14.9（人口10万人当たり自殺者数）】
    std::string target;  // 目標値（2026 年度） 13
  };
  std::string initiative;
  std::string organisation;
  std::string unit;
  std::string heading;  // the year and the as-of period: "令和8年度 中期 (~11月) 時点"
  std::vector<std::string> issues;
  std::vector<Measure> measures;      // the plan's
  std::vector<ScheduleRow> schedule;  // each period, then the next year
  std::vector<ProgressRow> progress;  // each period
  std::optional<CityPlan> city_plan;
  std::vector<KpiRow> kpis;
  std::vector<SdgGoal> sdg_goals;
};

// The form's content from what was recorded (as render_progress_form; options.format unused).
ProgressFormContent progress_form_content(const Plan& plan, const Expansion& expansion,
                                          const RecordedState& state,
                                          const ProgressFormOptions& options);

// The period as the sheet labels it: "前期 (~7月)".
std::string period_label(const PeriodDefinition& period);

}  // namespace torikumi
