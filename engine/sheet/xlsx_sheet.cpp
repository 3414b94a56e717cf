#include "engine/sheet/xlsx_sheet.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"

// A workbook is a zip of XML parts (ECMA-376, Office Open XML): xl/workbook.xml lists the sheets
// in tab order, each naming through xl/_rels/workbook.xml.rels the part that holds it; a sheet's
// cells hold numbers, or indexes into xl/sharedStrings.xml, or strings of their own. Elements
// are compared by their local names (some writers prefix them: <x:row>). pugixml does not throw
// unless asked to, and expands no entity but the five predefined ones and character references.

namespace torikumi {

namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelationships = "xl/_rels/workbook.xml.rels";
constexpr std::uint32_t kLastRow = 1'048'576;  // Excel's last row
constexpr std::uint32_t kLastColumn = 16'384;  // Excel's last column, XFD
constexpr int kShownDigits = 15;               // the significant digits Excel shows of a number
// How a line break inside a cell (Alt+Enter) is written in the text layout, whose lines are rows:
// as the HTML exports write one, which the importer reads (sheet_fields.hpp, checkbox_items).
constexpr std::string_view kLineBreak = "<br/>";

// What is wrong with a workbook, after "xlsx: "; its meaning quotes the English (a workbook is
// broken in too many ways to word each).
Error xlsx_error(std::string message) {
  return Error{"xlsx: " + message, ErrorCode::invalid,
               meaning_of(sheet_meaning::kBrokenWorkbook, {message})};
}

// An XML part, parsed in place: the document points into `bytes`.
struct XmlPart {
  std::string name;
  std::string bytes;
  pugi::xml_document document;
};

std::string_view local_name(pugi::xml_node node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node child : parent.children())
    if (child.type() == pugi::node_element && local_name(child) == name) return child;
  return {};
}

// The attribute whose name is `name` with any prefix or none ("r:id" for "id").
std::string_view attribute_named(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view full = attribute.name();
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name)
      return attribute.value();
  }
  return {};
}

// The character data of an element (its text and CDATA children).
std::string text_of(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text += child.value();
  return text;
}

// Reads and parses a part whose root element is `root`.
Result<std::unique_ptr<XmlPart>> parse_part(ZipArchive& archive, std::string_view name,
                                            std::string_view root, const XlsxLimits& limits) {
  auto bytes = archive.read(name);
  if (!bytes) return xlsx_error(bytes.error().message);
  // pugixml's tree takes some 70 bytes a node and 40 an attribute, whatever their text: a
  // part of "<a/>" or of "<a>" nested takes 20 times its size, so their number is bounded first.
  const auto markup = static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), '<') +
                                               std::count(bytes->begin(), bytes->end(), '='));
  if (markup > limits.markup)
    return xlsx_error(std::string{name} + " has more than " + std::to_string(limits.markup) +
                      " tags and attributes");
  auto part = std::make_unique<XmlPart>();
  part->name = std::string{name};
  part->bytes = std::move(*bytes);
  const pugi::xml_parse_result parsed = part->document.load_buffer_inplace(
      part->bytes.data(), part->bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
      pugi::encoding_auto);
  if (!parsed)
    return xlsx_error(part->name + ": not well-formed XML at byte " +
                      std::to_string(parsed.offset + 1) + ": " + parsed.description());
  const pugi::xml_node element = part->document.document_element();
  if (local_name(element) != root)
    return xlsx_error(part->name + ": expected <" + std::string{root} + ">, got <" +
                      element.name() + ">");
  return part;
}

// A relationship of the workbook: what its target is, and where.
struct Relationship {
  std::string type;    // the last word of its Type URI: worksheet, chartsheet, sharedStrings
  std::string target;  // the part's name in the archive: xl/worksheets/sheet1.xml
};

// A Target, relative to xl/ unless it starts with "/", as a part's name: "worksheets/sheet1.xml"
// is xl/worksheets/sheet1.xml, "/xl/sheet.xml" xl/sheet.xml, "../sheet.xml" sheet.xml.
std::string part_name(std::string_view target) {
  std::vector<std::string_view> segments;
  if (!target.starts_with('/')) segments.push_back("xl");
  while (!target.empty()) {
    const std::size_t slash = target.find('/');
    const std::string_view segment = target.substr(0, slash);
    target.remove_prefix(slash == std::string_view::npos ? target.size() : slash + 1);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
  }
  std::string name;
  for (const std::string_view segment : segments) {
    if (!name.empty()) name += '/';
    name += segment;
  }
  return name;
}

// Id → relationship, for the parts inside the archive (not TargetMode="External").
std::map<std::string, Relationship, std::less<>> relationships_of(const XmlPart& part) {
  std::map<std::string, Relationship, std::less<>> relationships;
  for (pugi::xml_node node : part.document.document_element().children()) {
    if (node.type() != pugi::node_element || local_name(node) != "Relationship") continue;
    if (attribute_named(node, "TargetMode") == "External") continue;
    const std::string_view type = attribute_named(node, "Type");
    relationships.emplace(attribute_named(node, "Id"),
                          Relationship{std::string{type.substr(type.rfind('/') + 1)},
                                       part_name(attribute_named(node, "Target"))});
  }
  return relationships;
}

// The parts a workbook's first worksheet is read from.
struct WorkbookParts {
  std::string sheet_name;  // as its tab shows it: Sheet1
  std::string sheet_part;  // xl/worksheets/sheet1.xml
  std::optional<std::string> shared_strings_part;
};

Result<WorkbookParts> first_worksheet(
    const XmlPart& workbook,
    const std::map<std::string, Relationship, std::less<>>& relationships) {
  const pugi::xml_node sheets = child_named(workbook.document.document_element(), "sheets");
  std::size_t count = 0;
  for (pugi::xml_node sheet : sheets.children()) {
    if (sheet.type() != pugi::node_element || local_name(sheet) != "sheet") continue;
    ++count;
    const std::string_view name = sheet.attribute("name").value();
    const std::string_view id = attribute_named(sheet, "id");
    const auto relationship = relationships.find(id);
    if (relationship == relationships.end())
      return xlsx_error(std::string{kWorkbookRelationships} + ": no relationship " + in_quotes(id) +
                        " for the sheet " + in_quotes(name));
    if (relationship->second.type == "worksheet")
      return WorkbookParts{std::string{name}, relationship->second.target, std::nullopt};
  }
  return xlsx_error(std::string{kWorkbookPart} + ": no worksheet among its " +
                    std::to_string(count) + (count == 1 ? " sheet" : " sheets"));
}

// The part's name of the shared strings, when the workbook has them.
std::optional<std::string> shared_strings_part(
    const std::map<std::string, Relationship, std::less<>>& relationships) {
  for (const auto& [id, relationship] : relationships)
    if (relationship.type == "sharedStrings") return relationship.target;
  return std::nullopt;
}

// A string as the text layout writes it: _xHHHH_ escapes decoded (ECMA-376 ST_Xstring: Excel
// writes a CR as _x000D_), a line break <br/>, a tab a space (tabs separate cells), other control
// characters dropped.
std::string layout_text(std::string_view raw) {
  std::string decoded;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.substr(i).starts_with("_x") && i + 7 <= raw.size() && raw[i + 6] == '_') {
      unsigned value = 0;
      const auto [end, error] = std::from_chars(raw.data() + i + 2, raw.data() + i + 6, value, 16);
      if (error == std::errc{} && end == raw.data() + i + 6) {
        if (value < 0xD800 || value > 0xDFFF) append_utf8(decoded, static_cast<char32_t>(value));
        i += 6;
        continue;
      }
    }
    decoded.push_back(raw[i]);
  }
  std::string text;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const char c = decoded[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < decoded.size() && decoded[i + 1] == '\n') ++i;
      text += kLineBreak;
    } else if (c == '\t') {
      text.push_back(' ');
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      text.push_back(c);
    }
  }
  return text;
}

// The text of an <si> or <is>: its <t>, or its runs' <t>s in order; phonetic guides (<rPh>, the
// furigana Japanese Excel keeps beside a name) are not part of it.
std::string rich_text(pugi::xml_node holder) {
  std::string text;
  for (pugi::xml_node child : holder.children()) {
    if (child.type() != pugi::node_element) continue;
    if (local_name(child) == "t") text += text_of(child);
    if (local_name(child) == "r") text += text_of(child_named(child, "t"));
  }
  return text;
}

// A number as Excel's General format shows it: 15 significant digits, so the
// 14.199999999999999 a workbook may store reads 14.2; what is not a number stays as written.
std::string number_text(std::string_view value) {
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(number))
    return std::string{value};
  std::array<char, 64> buffer;
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                                     std::chars_format::general, kShownDigits);
  return std::string(buffer.data(), written.ptr);
}

// "A", "Z", "AA", "XFD": the name of a 0-based column.
std::string column_name(std::uint32_t column) {
  std::string name;
  for (std::uint32_t n = column + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

struct CellPosition {
  std::uint32_t row = 1;     // 1-based, as Excel numbers rows
  std::uint32_t column = 0;  // 0-based: A is 0
  std::string name() const { return column_name(column) + std::to_string(row); }
};

// "C7": column C and row 7, each within Excel's maxima; nullopt otherwise.
std::optional<CellPosition> parse_cell_reference(std::string_view reference) {
  std::size_t i = 0;
  std::uint32_t column = 0;
  while (i < reference.size() && i < 4) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
    ++i;
  }
  std::uint32_t row = 0;
  const std::string_view digits = reference.substr(i);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  if (i == 0 || column > kLastColumn || digits.empty() || error != std::errc{} ||
      end != digits.data() + digits.size() || row < 1 || row > kLastRow)
    return std::nullopt;
  return CellPosition{row, column - 1};
}

// The sheet's cells that have text, by position (row, then column), counted and measured as
// they are read.
class SheetCells {
 public:
  SheetCells(const XmlPart& sheet, const std::vector<std::string>& shared_strings,
             const XlsxLimits& limits)
      : sheet_(sheet), shared_strings_(shared_strings), limits_(limits) {}

  Status read() {
    const pugi::xml_node data = child_named(sheet_.document.document_element(), "sheetData");
    if (!data) return error("no <sheetData>");
    std::uint32_t row = 0;
    for (pugi::xml_node row_node : data.children()) {
      if (row_node.type() != pugi::node_element || local_name(row_node) != "row") continue;
      const std::string_view number = attribute_named(row_node, "r");
      if (number.empty()) {
        ++row;
      } else {
        const auto [end, failed] =
            std::from_chars(number.data(), number.data() + number.size(), row);
        if (failed != std::errc{} || end != number.data() + number.size()) row = 0;
      }
      if (row < 1 || row > kLastRow)
        return error("row " + in_quotes(number.empty() ? std::to_string(row) : number) +
                     " is not a row number from 1 to " + std::to_string(kLastRow));
      if (Status row_read = read_row(row_node, row); !row_read) return row_read;
    }
    return {};
  }

  // The text layout: line N is row N, fields by column.
  Result<std::string> layout() const {
    std::string text;
    std::uint32_t row = 0;     // the row being written, 0 before the first
    std::uint32_t column = 0;  // the field being written in it
    for (const auto& [key, value] : cells_) {
      const auto cell_row = static_cast<std::uint32_t>(key >> 16);
      const auto cell_column = static_cast<std::uint32_t>(key & 0xFFFF);
      if (cell_row != row) {
        if (text.size() + (cell_row - row) > limits_.text_bytes) return too_long();
        text.append(cell_row - row - (row == 0 ? 1 : 0), '\n');
        row = cell_row;
        column = 0;
      }
      const std::size_t separators = cell_column - column;
      if (text.size() + separators + value.size() + 1 > limits_.text_bytes) return too_long();
      text.append(separators, '\t');
      text += value;
      column = cell_column;
    }
    if (!cells_.empty()) text.push_back('\n');
    return text;
  }

  bool empty() const { return cells_.empty(); }

 private:
  Error error(std::string message) const { return xlsx_error(sheet_.name + ": " + message); }
  Error too_long() const {
    return error("its text is larger than " + size_text(limits_.text_bytes));
  }

  Status read_row(pugi::xml_node row_node, std::uint32_t row) {
    std::optional<std::uint32_t> previous_column;
    for (pugi::xml_node cell : row_node.children()) {
      if (cell.type() != pugi::node_element || local_name(cell) != "c") continue;
      CellPosition position{row, previous_column ? *previous_column + 1 : 0};
      if (const std::string_view reference = attribute_named(cell, "r"); !reference.empty()) {
        const auto parsed = parse_cell_reference(reference);
        if (!parsed)
          return error("cell reference " + in_quotes(reference) +
                       " not understood: expected a column from A to XFD and a row from 1 to " +
                       std::to_string(kLastRow) + ", such as C7");
        position = *parsed;
      } else if (position.column >= kLastColumn) {
        return error("a cell after " + CellPosition{row, position.column - 1}.name() +
                     " is beyond column XFD");
      }
      previous_column = position.column;
      auto text = cell_text(cell, position);
      if (!text) return text.error();
      if (text->empty()) continue;
      if (Status kept = keep(position, std::move(*text)); !kept) return kept;
    }
    return {};
  }

  Result<std::string> cell_text(pugi::xml_node cell, const CellPosition& position) const {
    const std::string_view type = attribute_named(cell, "t");
    const std::string value = text_of(child_named(cell, "v"));
    std::string text;
    if (type == "s") {
      if (value.empty()) return std::string{};
      std::size_t index = 0;
      const auto [end, failed] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (failed != std::errc{} || end != value.data() + value.size())
        return error("cell " + position.name() + " refers to shared string " + in_quotes(value) +
                     ": expected a number");
      if (index >= shared_strings_.size())
        return error("cell " + position.name() + " refers to shared string " +
                     std::to_string(index) + ", but there are " +
                     std::to_string(shared_strings_.size()));
      return shared_strings_[index];  // already in the layout's form, and checked
    }
    if (type == "inlineStr")
      text = layout_text(rich_text(child_named(cell, "is")));
    else if (type == "b")
      text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : layout_text(value);
    else if (type.empty() || type == "n")
      text = layout_text(number_text(value));
    else  // str (a formula's string), e (an error such as #N/A), d (an ISO 8601 date)
      text = layout_text(value);
    if (auto decoded = decode_utf8(text); !decoded)
      return error("cell " + position.name() + ": " + decoded.error().message);
    return text;
  }

  Status keep(const CellPosition& position, std::string text) {
    if (cells_.size() >= limits_.cells)
      return error("more than " + std::to_string(limits_.cells) + " cells with text");
    text_bytes_ += text.size();
    if (text_bytes_ > limits_.text_bytes) return too_long();
    cells_[(std::uint64_t{position.row} << 16) | position.column] = std::move(text);
    return {};
  }

  const XmlPart& sheet_;
  const std::vector<std::string>& shared_strings_;
  const XlsxLimits& limits_;
  std::map<std::uint64_t, std::string> cells_;  // row << 16 | column → text
  std::size_t text_bytes_ = 0;                  // the texts kept, overwritten ones included
};

// The shared strings in the layout's form, each checked to be UTF-8.
Result<std::vector<std::string>> read_shared_strings(ZipArchive& archive, std::string_view name,
                                                     const XlsxLimits& limits) {
  auto part = parse_part(archive, name, "sst", limits);
  if (!part) return part.error();
  std::vector<std::string> strings;
  for (pugi::xml_node item : (*part)->document.document_element().children()) {
    if (item.type() != pugi::node_element || local_name(item) != "si") continue;
    std::string text = layout_text(rich_text(item));
    if (auto decoded = decode_utf8(text); !decoded)
      return xlsx_error(std::string{name} + ": string " + std::to_string(strings.size()) + ": " +
                        decoded.error().message);
    strings.push_back(std::move(text));
  }
  return strings;
}

// Which parts hold the first worksheet and the shared strings, read from xl/workbook.xml and its
// rels (their trees are freed on return, before the larger parts are parsed).
Result<WorkbookParts> locate_parts(ZipArchive& archive, const XlsxLimits& limits) {
  if (!archive.contains(kWorkbookPart))
    return xlsx_error("not a workbook: no " + std::string{kWorkbookPart});
  if (!archive.contains(kWorkbookRelationships))
    return xlsx_error("not a workbook: no " + std::string{kWorkbookRelationships});
  auto workbook = parse_part(archive, kWorkbookPart, "workbook", limits);
  if (!workbook) return workbook.error();
  auto relationships_part = parse_part(archive, kWorkbookRelationships, "Relationships", limits);
  if (!relationships_part) return relationships_part.error();
  const auto relationships = relationships_of(**relationships_part);
  auto parts = first_worksheet(**workbook, relationships);
  if (!parts) return parts.error();
  if (!archive.contains(parts->sheet_part))
    return xlsx_error("the first worksheet " + in_quotes(parts->sheet_name) + " is " +
                      parts->sheet_part + ", which is missing");
  parts->shared_strings_part = shared_strings_part(relationships);
  return parts;
}

}  // namespace

bool looks_like_xlsx(std::string_view bytes) { return bytes.starts_with(kZipMagic); }

Result<std::string> sheet_text_from_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  auto archive = ZipArchive::open(bytes, limits.archive);
  if (!archive) return xlsx_error(archive.error().message);
  const auto parts = locate_parts(*archive, limits);
  if (!parts) return parts.error();
  std::vector<std::string> shared_strings;
  if (parts->shared_strings_part) {
    auto read = read_shared_strings(*archive, *parts->shared_strings_part, limits);
    if (!read) return read.error();
    shared_strings = std::move(*read);
  }
  auto sheet = parse_part(*archive, parts->sheet_part, "worksheet", limits);
  if (!sheet) return sheet.error();
  SheetCells cells(**sheet, shared_strings, limits);
  if (Status read = cells.read(); !read) return read.error();
  if (cells.empty()) {
    Error error = xlsx_error("the first worksheet " + in_quotes(parts->sheet_name) + " (" +
                             parts->sheet_part + ") has no text");
    error.meaning = meaning_of(sheet_meaning::kEmptyWorksheet, {parts->sheet_name});
    return error;
  }
  return cells.layout();
}

}  // namespace torikumi
