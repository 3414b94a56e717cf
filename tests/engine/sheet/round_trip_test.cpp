// The sheet and the progress form read each other: a sheet imported, written back as the
// form's text and imported again keeps every task, progress line, KPI figure and SDG goal.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "engine/progress/expansion.hpp"
#include "engine/progress/progress_form.hpp"
#include "engine/progress/progress_marks.hpp"
#include "engine/sheet/sheet_import.hpp"

using namespace date;
using namespace torikumi;

namespace {

std::string read_sheet(const std::string& name) {
  std::ifstream file{std::string{TORIKUMI_TEST_DATA_DIR} + "/sheets/" + name};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

Plan import(const std::string& text, std::optional<int> fiscal_year = 2026) {
  SheetImportOptions options;
  options.fiscal_year = fiscal_year;
  const auto imported = import_sheet(text, options);
  REQUIRE(imported.ok());
  for (const auto& warning : imported->warnings) MESSAGE(warning.to_string());
  return imported->plan;
}

std::string form_text(const Plan& plan, const std::string& up_to_period) {
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  ProgressFormOptions options;
  options.format = FormFormat::text;
  options.up_to_period = up_to_period;
  return render_progress_form(plan, *expansion, mark_progress(plan, *expansion), options);
}

}  // namespace

TEST_CASE("the seed sheet survives import and the text form and import again") {
  for (const char* sheet : {"higashi.txt", "kita.txt", "minami.txt", "nishi.txt"}) {
    CAPTURE(sheet);
    const Plan first = import(read_sheet(sheet));
    // No year given: the form's title row (令和8年度) must carry it.
    const Plan second = import(form_text(first, ""), std::nullopt);
    CHECK(second.fiscal_year == 2026);
    REQUIRE(second.tasks.size() == first.tasks.size());
    for (std::size_t i = 0; i < first.tasks.size(); ++i) {
      CAPTURE(first.tasks[i].source_text);
      CHECK(second.tasks[i].id == first.tasks[i].id);
      CHECK(second.tasks[i].title == first.tasks[i].title);
      CHECK(second.tasks[i].period == first.tasks[i].period);
      CHECK(second.tasks[i].when_text == first.tasks[i].when_text);
      CHECK(second.tasks[i].kind == first.tasks[i].kind);
      CHECK(second.tasks[i].series == first.tasks[i].series);
    }
    REQUIRE(second.progress.size() == first.progress.size());
    for (std::size_t i = 0; i < first.progress.size(); ++i) {
      CAPTURE(first.progress[i].source_text);
      CHECK(second.progress[i].period == first.progress[i].period);
      CHECK(second.progress[i].text == first.progress[i].text);
      CHECK(second.progress[i].months == first.progress[i].months);
      CHECK(second.progress[i].task == first.progress[i].task);
    }
    CHECK(second.kpis == first.kpis);
    CHECK(second.sdg_goals == first.sdg_goals);
    CHECK(second.city_plan == first.city_plan);
    CHECK(second.organisation == first.organisation);
    CHECK(second.initiative == first.initiative);
    CHECK(second.measures == first.measures);
  }
}

TEST_CASE("the seed's progress marks its April to October meetings done and leaves 後期 open") {
  const Plan plan = import(read_sheet("higashi.txt"));
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const ProgressMarks marks = mark_progress(plan, *expansion);
  std::vector<std::string> done_meetings;
  for (std::size_t i = 0; i < expansion->occurrences.size(); ++i) {
    const auto& occurrence = expansion->occurrences[i];
    if (occurrence.task->kind == TaskKind::meeting && marks.done[i])
      done_meetings.push_back(format("%Y-%m", occurrence.start));
    if (occurrence.task->period == "後期") CHECK_FALSE(marks.done[i]);
  }
  CHECK(done_meetings == std::vector<std::string>{"2026-04", "2026-06", "2026-08", "2026-10"});
  const std::string form = form_text(plan, "中期");
  CHECK(form.find(
            "スケジュール\t前期 (~7月)\t ☑ 多機関協働担当を中心とした会議の開催（4、6月） ☐ ") !=
        std::string::npos);
  CHECK(form.find("\t中期 (~11月)\t ☑ 多機関協働担当を中心とした会議の開催（8、10月） ☐ ") !=
        std::string::npos);
  CHECK(form.find("\t後期 (~3月)\t ☐ 多機関協働担当を中心とした会議の開催（12、2月） ☐ ") !=
        std::string::npos);
}
