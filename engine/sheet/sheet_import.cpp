#include "engine/sheet/sheet_import.hpp"

#include <set>
#include <utility>
#include <vector>

#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_ids.hpp"
#include "engine/sheet/sheet_layout.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/sheet/sheet_tasks.hpp"
#include "engine/sheet/sheet_texts.hpp"
#include "engine/sheet/sheet_warnings.hpp"
#include "engine/text/japanese_text.hpp"
#include "engine/text/romanisation.hpp"

// The importer reads a sheet in two phases: its rows into sections (sheet_layout), then what
// the sections say into the plan's parts (sheet_texts, sheet_tasks). Warnings of both phases
// are given back in line order.

namespace torikumi {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The KPI rows with their ids, read from their names (-2, -3 when two read alike).
std::vector<Kpi> kpis_with_ids(std::vector<KpiRow> rows, SheetWarnings& warnings) {
  std::vector<Kpi> kpis;
  TakenIds ids;
  for (auto& [line, kpi] : rows) {
    const std::string readable = readable_id(kpi.name);
    kpi.id = unique_id(readable.empty() ? "kpi" : readable, ids, line, kpi.name, warnings);
    kpis.push_back(std::move(kpi));
  }
  return kpis;
}

// Refuses a sheet that lacks what a plan needs; fills the plan's fields the header gives.
Status take_header(SheetLayout& layout, Plan& plan) {
  if (!layout.seen_initiative && !layout.seen_schedule)
    return Error{"not a 重要取組シート: no スケジュール section and no 取組項目 row found",
                 ErrorCode::invalid, meaning_of(sheet_meaning::kNotASheet)};
  if (layout.initiative.empty())
    return Error{"no initiative: the 取組項目 row is missing or empty", ErrorCode::invalid,
                 meaning_of(sheet_meaning::kNoInitiative)};
  if (layout.organisation.name.empty())
    return Error{
        "no organisation: expected the office's name (such as 東区役所) on a line of its "
        "own before 取組項目",
        ErrorCode::invalid, meaning_of(sheet_meaning::kNoOrganisation)};
  plan.organisation = std::move(layout.organisation);
  plan.initiative = std::move(layout.initiative);
  plan.city_plan = std::move(layout.city_plan);
  plan.sdg_goals = std::move(layout.sdg_goals);
  return {};
}

}  // namespace

Result<SheetImport> import_sheet(std::string_view text, const SheetImportOptions& options) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  if (auto decoded = decode_utf8(text); !decoded) return decoded.error();
  if (Status romaniser = load_romaniser(); !romaniser) return romaniser.error();
  SheetImport result;
  Plan& plan = result.plan;
  SheetWarnings warnings(options.name);
  SheetLayout layout = read_sheet_layout(text, plan.periods, warnings);
  if (Status header = take_header(layout, plan); !header) return header.error();
  plan.fiscal_year = options.fiscal_year ? options.fiscal_year : layout.title_year;
  plan.issues = split_issues(layout.issues_text);
  plan.measures = build_measures(layout.measures_text, layout.measures_line, warnings);
  plan.tasks = build_tasks(layout.schedule_items, plan, warnings);
  plan.progress = build_progress_lines(layout.progress_items, plan, warnings);
  plan.kpis = kpis_with_ids(std::move(layout.kpis), warnings);
  if (!options.plan_id.empty()) {
    if (!is_valid_id(options.plan_id))
      return Error{"plan id \"" + options.plan_id +
                   "\": expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . or -"};
    plan.id = options.plan_id;
  } else {
    plan.id = readable_plan_id(plan);
  }
  result.warnings = std::move(warnings).in_line_order();
  return result;
}

}  // namespace torikumi
