#pragma once

// Reading a 重要取組シート (key-initiative sheet) as offices export it from their spreadsheets:
// tab-separated rows with a section label in the first column and a period label in the
// second, <ul> and <input type="checkbox"/> fragments, labels broken by stray spaces and
// leftovers of the conversion. docs/sheet-format.md describes what is read and how.

#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/sheet/progress_matching.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi {

struct SheetImportOptions {
  std::optional<int> fiscal_year;  // overrides the year the sheet's title names (令和8年度)
  std::string plan_id;             // empty: readable_plan_id (engine/sheet/sheet_ids.hpp)
  std::string name = "sheet";      // warnings are located as NAME:LINE
};

struct SheetImport {
  Plan plan;
  // What could not be placed, each located by line: `sheet:14: unrecognised row "メモ"`, in
  // line order, each message once a line.
  std::vector<SheetWarning> warnings;
};

// Reads a sheet (UTF-8, LF or CRLF, with or without a BOM) into a plan that read_plan_json would
// accept. Ids are read from text, never from positions (docs/sheet-format.md, sheet_ids.hpp). Each progress
// line is matched to the task it reports on (match_progress_line). Fails, saying why, only when
// the text is not a sheet at all, is not UTF-8, or lacks what a plan needs:
//   not a 重要取組シート: no スケジュール section and no 取組項目 row found
//   invalid UTF-8 at byte 5: expected a continuation byte, got 0x41
// or when the ids cannot be read (load_romaniser says why).
Result<SheetImport> import_sheet(std::string_view text, const SheetImportOptions& options);

}  // namespace torikumi
