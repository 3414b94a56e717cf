#include "engine/sheet/plan_source.hpp"

#include "engine/plan/plan_json.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/sheet/xlsx_sheet.hpp"

namespace torikumi {

namespace {

// The first character that is not a space, after an optional UTF-8 BOM; npos for none.
std::size_t first_written(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const std::size_t start = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  return text.find_first_not_of(" \t\r\n", start);
}

// JSON starts with "{" after an optional BOM and spaces; anything else is taken for a sheet.
bool looks_like_json(std::string_view text) {
  const std::size_t first = first_written(text);
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace

bool is_blank(std::string_view bytes) { return first_written(bytes) == std::string_view::npos; }

Result<std::string> sheet_text_of(std::string_view bytes) {
  // A compound file (OLE2): Excel 97-2003's .xls, or an .xlsx encrypted with a password. Read as
  // text it would be "invalid UTF-8 at byte 1".
  constexpr std::string_view kCompoundFileMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  if (bytes.starts_with(kCompoundFileMagic))
    return Error{
        "an Excel 97-2003 workbook (.xls) or a workbook with a password, which are not read: "
        "save it as .xlsx without a password",
        ErrorCode::invalid, meaning_of(sheet_meaning::kOldWorkbook)};
  if (looks_like_xlsx(bytes)) return sheet_text_from_xlsx(bytes);
  return std::string{bytes};
}

Result<LoadedPlan, Diagnostics> read_plan_source(std::string_view bytes, std::string_view name) {
  if (is_blank(bytes))
    return Diagnostics{{"", "the file is empty: expected a plan JSON or a 重要取組シート",
                        std::nullopt, meaning_of(sheet_meaning::kEmptyFile)}};
  if (looks_like_json(bytes)) {
    auto plan = read_plan_json(bytes);
    if (!plan) return plan.error();
    return LoadedPlan{std::move(*plan), {}};
  }
  const auto text = sheet_text_of(bytes);
  if (!text) return Diagnostics{{"", text.error().message, std::nullopt, text.error().meaning}};
  SheetImportOptions options;
  options.name = std::string{name};
  auto imported = import_sheet(*text, options);
  if (!imported)
    return Diagnostics{{"", imported.error().message, std::nullopt, imported.error().meaning}};
  return LoadedPlan{std::move(imported->plan), std::move(imported->warnings), true};
}

}  // namespace torikumi
