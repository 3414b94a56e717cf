#include "engine/sheet/xlsx_sheet.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/sheet/plan_source.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "engine/sheet/sheet_meaning.hpp"

// The workbooks are made by tests/data/sheets/make_xlsx.py with openpyxl (another program than
// ours) and committed; its comment says what each holds.

namespace torikumi {
namespace {

std::string read_data(const std::string& name) {
  std::ifstream file(std::string(TORIKUMI_TEST_DATA_DIR) + "/sheets/" + name, std::ios::binary);
  REQUIRE_MESSAGE(file, name);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// The sheet imported, its warnings located as `name`: a workbook's and its text's compare equal.
SheetImport import_text(const std::string& text, const std::string& name) {
  SheetImportOptions options;
  options.name = name;
  auto imported = import_sheet(text, options);
  REQUIRE_MESSAGE(imported.ok(), imported.error().message);
  return std::move(*imported);
}

std::string workbook_text(const std::string& file, const XlsxLimits& limits = {}) {
  auto text = sheet_text_from_xlsx(read_data(file), limits);
  REQUIRE_MESSAGE(text.ok(), text.error().message);
  return *text;
}

std::string workbook_error(const std::string& bytes, const XlsxLimits& limits = {}) {
  auto text = sheet_text_from_xlsx(bytes, limits);
  REQUIRE_FALSE(text.ok());
  return text.error().message;
}

Meaning workbook_meaning(const std::string& bytes) {
  auto text = sheet_text_from_xlsx(bytes);
  REQUIRE_FALSE(text.ok());
  return text.error().meaning;
}

std::vector<std::string> messages(const std::vector<SheetWarning>& warnings) {
  std::vector<std::string> out;
  for (const SheetWarning& warning : warnings) out.push_back(warning.to_string());
  return out;
}

TEST_CASE(
    "each text sheet saved as a workbook imports to the same plan, warned of on the same lines") {
  for (const std::string name : {"higashi", "kita", "minami", "nishi"}) {
    CAPTURE(name);
    const SheetImport from_text = import_text(read_data(name + ".txt"), "sheet");
    const SheetImport from_workbook = import_text(workbook_text(name + ".xlsx"), "sheet");
    CHECK(from_workbook.plan.id == from_text.plan.id);
    CHECK(from_workbook.plan.tasks == from_text.plan.tasks);
    CHECK(from_workbook.plan.progress == from_text.plan.progress);
    CHECK(from_workbook.plan.measures == from_text.plan.measures);
    CHECK(from_workbook.plan.issues == from_text.plan.issues);
    CHECK(from_workbook.plan == from_text.plan);
    CHECK(messages(from_workbook.warnings) == messages(from_text.warnings));
  }
}

TEST_CASE("the minami workbook's warnings name the rows Excel numbers") {
  const SheetImport imported = import_text(workbook_text("minami.xlsx"), "minami.xlsx");
  const std::vector<std::string> warned = messages(imported.warnings);
  CHECK(std::find(warned.begin(), warned.end(),
                  "minami.xlsx:10: unknown period \"夏期\" in スケジュール, expected one of 前期, "
                  "中期, 後期, 次年度以降; the row is skipped") != warned.end());
}

TEST_CASE("the seed typed into Excel with one task a line imports the seed's tasks") {
  // Schedule and progress cells with a task on each line after □, ☐, ・ or nothing, period
  // labels broken over two lines, the issues without HTML.
  const SheetImport from_text = import_text(read_data("higashi.txt"), "sheet");
  const SheetImport typed = import_text(workbook_text("higashi-typed.xlsx"), "sheet");
  CHECK(typed.plan.tasks.size() == 15);
  CHECK(typed.plan.tasks == from_text.plan.tasks);
  CHECK(typed.plan.progress == from_text.plan.progress);
  CHECK(typed.plan.issues == from_text.plan.issues);
  CHECK(typed.plan == from_text.plan);
  CHECK(messages(typed.warnings).empty());
}

TEST_CASE("cells of every kind are laid out by row and column") {
  const std::string tabs_c_to_aa(24, '\t');
  CHECK(workbook_text("xlsx/cells.xlsx") ==
        "取組項目\t地域共生社会の実現 に向けて\n"
        "\n"
        "\t\t会議の開催（4月）<br/>名簿の更新（5月）" +
            tabs_c_to_aa +
            "inline\n"
            "2025\t14.2\tTRUE\t取組項目\t#N/A\t\t0.001\t1,5<br/>x y\n"
            " tab&<amp>\trich inline\n"
            "\n"
            "\tAx_x0041_\n");
}

TEST_CASE("the first worksheet is read, after a chart sheet, and only it") {
  CHECK(workbook_text("xlsx/chart-first.xlsx") == "取組項目\n");
  CHECK(workbook_text("higashi.xlsx").find("担当者は後日記入") == std::string::npos);
}

TEST_CASE("a workbook that cannot be read says where and what") {
  struct Case {
    std::string file;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"no-workbook.xlsx", "xlsx: not a workbook: no xl/workbook.xml"},
      {"missing-sheet.xlsx",
       "xlsx: the first worksheet \"Sheet1\" is xl/worksheets/sheet1.xml, which is missing"},
      {"bad-shared-string.xlsx",
       "xlsx: xl/worksheets/sheet1.xml: cell C7 refers to shared string 999, but there are 12"},
      {"oversized-shared-strings.xlsx",
       "xlsx: xl/sharedStrings.xml is larger than 16 MiB uncompressed"},
      {"malformed-xml.xlsx",
       "xlsx: xl/worksheets/sheet1.xml: not well-formed XML at byte 182: Start-end tags "
       "mismatch"},
      {"bad-reference.xlsx",
       "xlsx: xl/worksheets/sheet1.xml: cell reference \"XFE7\" not understood: expected a "
       "column from A to XFD and a row from 1 to 1048576, such as C7"},
      {"bad-row.xlsx",
       "xlsx: xl/worksheets/sheet1.xml: row \"1048577\" is not a row number from 1 to 1048576"},
      {"empty-sheet.xlsx",
       "xlsx: the first worksheet \"Sheet1\" (xl/worksheets/sheet1.xml) has no text"},
      {"chart-only.xlsx", "xlsx: xl/workbook.xml: no worksheet among its 1 sheet"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    CHECK(workbook_error(read_data("xlsx/" + c.file)) == c.message);
    // Its meaning: a broken workbook, with what is wrong in English, or a worksheet without text.
    const Meaning broken = meaning_of(sheet_meaning::kBrokenWorkbook, {c.message.substr(6)});
    const Meaning empty = meaning_of(sheet_meaning::kEmptyWorksheet, {"Sheet1"});
    CHECK(workbook_meaning(read_data("xlsx/" + c.file)) ==
          (c.file == "empty-sheet.xlsx" ? empty : broken));
  }
  CHECK(workbook_error("PK\x03\x04 and then no archive") ==
        "xlsx: not a zip archive: no end of central directory");
  CHECK(workbook_error("重要取組シート") == "xlsx: not a zip archive: no end of central directory");
}

TEST_CASE("each limit refuses a workbook beyond it, saying which") {
  const std::string cells = read_data("xlsx/cells.xlsx");
  CHECK(workbook_error(cells, {.archive = {.entries = 3}}) ==
        "xlsx: the archive has 6 entries, more than 3");
  // Its parts: workbook.xml 284 bytes, its rels 438, sharedStrings.xml 489, sheet1.xml 793.
  CHECK(workbook_error(cells, {.archive = {.entry_bytes = 512}}) ==
        "xlsx: xl/worksheets/sheet1.xml is larger than 512 bytes uncompressed");
  CHECK(workbook_error(cells, {.archive = {.entry_bytes = 1024, .total_bytes = 1024}}) ==
        "xlsx: xl/sharedStrings.xml makes the entries read larger than 1 KiB uncompressed");
  // (GCC 12 warns of the members before a designated one left out: these are set one by one.)
  // '<' and '=' in its parts: 14, 15, 47 and 119.
  XlsxLimits hundred_tags;
  hundred_tags.markup = 100;
  CHECK(workbook_error(cells, hundred_tags) ==
        "xlsx: xl/worksheets/sheet1.xml has more than 100 tags and attributes");
  XlsxLimits three_cells;
  three_cells.cells = 3;
  CHECK(workbook_error(cells, three_cells) ==
        "xlsx: xl/worksheets/sheet1.xml: more than 3 cells with text");
  XlsxLimits short_text;
  short_text.text_bytes = 100;
  CHECK(workbook_error(cells, short_text) ==
        "xlsx: xl/worksheets/sheet1.xml: its text is larger than 100 bytes");
  XlsxLimits fourteen_cells;  // all it has
  fourteen_cells.cells = 14;
  CHECK(workbook_text("xlsx/cells.xlsx", fourteen_cells).starts_with("取組項目"));
}

TEST_CASE("a workbook is told from text and JSON by its first bytes") {
  CHECK(looks_like_xlsx(read_data("higashi.xlsx")));
  CHECK_FALSE(looks_like_xlsx(read_data("higashi.txt")));
  CHECK_FALSE(looks_like_xlsx("{\"id\": \"p\"}"));
  CHECK_FALSE(looks_like_xlsx("PK\x05\x06"));  // an empty zip
  CHECK_FALSE(looks_like_xlsx(""));
}

TEST_CASE("a plan's bytes that are a workbook are read as its sheet") {
  const auto loaded = read_plan_source(read_data("higashi.xlsx"), "higashi.xlsx");
  REQUIRE(loaded.ok());
  CHECK(loaded->from_sheet);
  CHECK(loaded->plan == import_text(read_data("higashi.txt"), "higashi.xlsx").plan);
  CHECK(loaded->warnings.empty());

  const auto refused = read_plan_source(read_data("xlsx/no-workbook.xlsx"), "no-workbook.xlsx");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() ==
        Diagnostics{
            {"", "xlsx: not a workbook: no xl/workbook.xml", std::nullopt,
             meaning_of(sheet_meaning::kBrokenWorkbook, {"not a workbook: no xl/workbook.xml"})}});
}

TEST_CASE("an .xls or a workbook with a password is refused as such, not as text") {
  const auto refused = sheet_text_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "an Excel 97-2003 workbook (.xls) or a workbook with a password, which are not read: "
        "save it as .xlsx without a password");
  CHECK(refused.error().meaning == meaning_of(sheet_meaning::kOldWorkbook));
  CHECK(sheet_text_of("取組項目\tx\n").value() == "取組項目\tx\n");
}

}  // namespace
}  // namespace torikumi
