#pragma once

// A plan's bytes, whatever they are: a plan JSON or a 重要取組シート (as text or as an Excel
// workbook), from a file named on the
// command line or a file uploaded to the dashboard. Both read them here, so they agree on what
// is what and say the same things about it.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi {

// A plan read from bytes, and the sheet importer's warnings (none for JSON).
struct LoadedPlan {
  Plan plan;
  // Located in full: `plan.txt:14: unrecognised row "メモ"`; each once.
  std::vector<SheetWarning> warnings;
  bool from_sheet = false;  // its ids were read from the sheet's text, not written in JSON
};

// Whether bytes are nothing but an optional BOM, spaces and line breaks: "the file is empty",
// rather than "not a 重要取組シート".
bool is_blank(std::string_view bytes);

// The text of a sheet given as bytes: an Excel workbook's (looks_like_xlsx) first sheet in the
// text layout (sheet_text_from_xlsx, whose errors these are), other bytes as they are. An .xls
// or a workbook with a password is refused as such:
//   an Excel 97-2003 workbook (.xls) or a workbook with a password, which are not read: save it
//   as .xlsx without a password
Result<std::string> sheet_text_of(std::string_view bytes);

// Reads a plan: JSON when its first character that is not a space (after an optional UTF-8 BOM)
// is "{", otherwise a 重要取組シート (text, or an .xlsx workbook: sheet_text_of) imported with
// default options; `name` locates the sheet's warnings (NAME:LINE, the row of a workbook).
// Errors are relative to the bytes: `plan.tasks[2].when: ...`,
// `the file is empty: expected a plan JSON or a 重要取組シート`, `not a 重要取組シート: ...`,
// `xlsx: not a workbook: no xl/workbook.xml`.
Result<LoadedPlan, Diagnostics> read_plan_source(std::string_view bytes, std::string_view name);

}  // namespace torikumi
