#pragma once

// A 重要取組シート saved from Excel as .xlsx, read in memory into the text layout import_sheet
// reads (docs/sheet-format.md, "Excel workbooks"): the workbook's first sheet, one line per row,
// one tab-separated field per cell. The bytes may come from an upload, so every size is bounded
// and every part checked; nothing throws.

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/sheet/zip_archive.hpp"

namespace torikumi {

// What a workbook may hold before it is refused. An office's sheet is a few kilobytes of XML
// and a few hundred cells; these are far above that and far below what would tie up a server.
struct XlsxLimits {
  // 10,000 entries; each XML part at most 16 MiB inflated, those read 64 MiB together.
  ZipLimits archive;
  // Tags and attributes ('<' and '=') in one XML part, counted before it is parsed: the tree
  // pugixml builds takes some 70 bytes for each, so this bounds it near 70 MB.
  std::size_t markup = 1'000'000;
  std::size_t cells = 100'000;                // cells with text in the sheet
  std::size_t text_bytes = 16 * 1024 * 1024;  // the text layout made of them
};

// Whether bytes begin as a zip archive does (PK\x03\x04): an .xlsx workbook, or another zip
// that sheet_text_from_xlsx will refuse.
bool looks_like_xlsx(std::string_view bytes);

// The text layout of the workbook's first sheet: the first <sheet> of xl/workbook.xml, found
// through xl/_rels/workbook.xml.rels. Line N is row N, rows without text are empty lines (so a
// warning the importer locates at line N is about Excel's row N); a cell in column A, B, ..., AA
// is the 1st, 2nd, ..., 27th tab-separated field of its line, empty cells (the later cells of a
// merged range) empty fields. A cell's text is its shared string (rich text runs joined, phonetic
// guides left out), inline string, number (as Excel shows it: up to 15 significant digits),
// TRUE/FALSE, or formula's cached value. A tab in a cell becomes a space and a line break (Alt+
// Enter) a <br/>, which the importer reads as a space, or, in a schedule or progress cell with no
// checkbox, as the end of an item. Errors start with "xlsx: " and say where and what:
//   xlsx: not a zip archive: ...
//   xlsx: not a workbook: no xl/workbook.xml
//   xlsx: xl/sharedStrings.xml is larger than 16 MiB uncompressed
//   xlsx: xl/worksheets/sheet1.xml: cell C7 refers to shared string 999, but there are 12
//   xlsx: xl/workbook.xml: not well-formed XML at byte 120: ...
Result<std::string> sheet_text_from_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace torikumi
