#include "engine/sheet/sheet_texts.hpp"

#include <set>
#include <utility>

#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_ids.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

std::vector<std::string> split_issues(std::string_view text) {
  static constexpr std::u32string_view kBullets = U"・●■◆○◯";
  std::vector<std::string> points;
  std::u32string current;
  const auto close = [&] {
    std::string point = join_japanese_spaces(encode_utf8(current));
    if (!point.empty()) points.push_back(std::move(point));
    current.clear();
  };
  const std::u32string characters = code_points_of(collapse_spaces(text));
  std::size_t i = 0;
  while (i < characters.size()) {
    std::size_t end = i;
    while (end < characters.size() && characters[end] != U' ') ++end;
    std::u32string_view chunk = std::u32string_view(characters).substr(i, end - i);
    i = end + 1;
    if (chunk.empty()) continue;
    if (kBullets.find(chunk.front()) != std::u32string_view::npos) {
      close();
      chunk.remove_prefix(1);
    }
    if (!current.empty()) current.push_back(U' ');
    current.append(chunk);
    if (chunk.ends_with(U'。')) close();
  }
  close();
  return points;
}

std::vector<Measure> build_measures(std::string_view text, std::size_t line,
                                    SheetWarnings& warnings) {
  std::vector<Measure> measures;
  static constexpr std::u32string_view kMarks = U"○◯●";
  const std::u32string characters = code_points_of(trim_spaces(collapse_spaces(text)));
  std::vector<std::u32string> items;
  std::u32string before_first;
  for (const char32_t c : characters) {
    if (kMarks.find(c) != std::u32string_view::npos) {
      items.emplace_back();
    } else if (items.empty()) {
      before_first.push_back(c);
    } else {
      items.back().push_back(c);
    }
  }
  const std::string lost{trim_spaces(encode_utf8(before_first))};
  if (!lost.empty()) {
    warnings.warn(
        line,
        "取組の内容 text before the first ○ kept as a measure of its own: " + quoted_excerpt(lost),
        meaning_of(sheet_meaning::kTextBeforeFirstMeasure, {excerpt(lost)}));
    items.insert(items.begin(), before_first);
  }
  TakenIds ids;
  for (const std::u32string& item : items) {
    const std::string text{trim_spaces(encode_utf8(item))};
    if (text.empty()) continue;
    Measure measure;
    const std::size_t space = text.find(' ');
    measure.title = text.substr(0, space);
    if (space != std::string::npos)
      measure.description = join_japanese_spaces(text.substr(space + 1));
    const std::string readable = readable_id(measure.title);
    measure.id =
        unique_id(readable.empty() ? "measure" : readable, ids, line, measure.title, warnings);
    measures.push_back(std::move(measure));
  }
  return measures;
}

}  // namespace torikumi
