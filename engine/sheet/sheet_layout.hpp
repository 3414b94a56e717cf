#pragma once

// The first phase of reading a 重要取組シート: its rows sorted into sections by the label in
// their first column, and what each section says collected as written, with the line it came
// from. Nothing is built here but the header's plain fields; sheet_tasks and sheet_texts turn
// the rest into the plan's parts (internal to engine/sheet; import_sheet is the public face).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi {

// A checkbox line of the schedule or progress, where it was written.
struct Item {
  std::size_t line = 0;
  std::string period;  // one of the plan's periods, or 次年度以降
  std::string text;
};

// A 寄与するKPI row as read (its id still empty), where it was written.
struct KpiRow {
  std::size_t line = 0;
  Kpi kpi;
};

// What a sheet says, section by section.
struct SheetLayout {
  Organisation organisation;         // the lines between the title and 取組項目
  std::string initiative;            // 取組項目
  bool seen_initiative = false;      // a 取組項目 row, even an empty one
  bool seen_schedule = false;        // a スケジュール row
  std::optional<int> title_year;     // the fiscal year the title names (令和8年度)
  std::string issues_text;           // 現状・課題, its rows joined
  std::string measures_text;         // 取組の内容, its rows joined
  std::size_t measures_line = 0;     // the first line of 取組の内容, 0 when none
  std::vector<Item> schedule_items;  // スケジュール
  std::vector<Item> progress_items;  // 進捗の状況
  std::vector<KpiRow> kpis;
  std::optional<CityPlan> city_plan;  // 2025 堺市基本計画
  std::vector<SdgGoal> sdg_goals;     // 未来都市SDGs計画
};

// Reads the rows of a sheet (UTF-8 without a BOM, LF, CRLF or CR lines) into its sections.
// Period labels are matched against `periods` and 次年度以降. Rows that fit nowhere, unknown
// periods, period ends other than the plan's and unreadable KPI or SDG cells are warned of.
SheetLayout read_sheet_layout(std::string_view text, const std::vector<PeriodDefinition>& periods,
                              SheetWarnings& warnings);

}  // namespace torikumi
