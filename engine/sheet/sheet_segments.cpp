#include "engine/sheet/sheet_segments.hpp"

#include <algorithm>
#include <array>

#include "engine/sheet/sheet_fields.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {
namespace {

bool is_separator(char32_t c) {
  return is_space(c) || c == U'、' || c == U',' || c == U'，' || c == U'・' || c == U';' ||
         c == U'；' || c == U'/' || c == U'。';
}

std::string trim_leading_separators(std::string_view text) {
  std::u32string characters = code_points_of(text);
  std::size_t i = 0;
  while (i < characters.size() && is_separator(characters[i])) ++i;
  return std::string(trim_spaces(encode_utf8(std::u32string_view(characters).substr(i))));
}

}  // namespace

std::vector<Segment> segments_of(std::string_view item) {
  ScheduleLine whole = split_schedule_line(item);
  if (whole.schedules.size() <= 1) return {Segment{std::string(item), std::move(whole)}};
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (const std::string& schedule : whole.schedule_texts) {
    const std::size_t at = item.find(schedule, start);
    if (at == std::string_view::npos) break;
    pieces.emplace_back(item.substr(start, at + schedule.size() - start));
    start = at + schedule.size();
  }
  if (pieces.empty()) return {Segment{std::string(item), std::move(whole)}};
  pieces.back() += std::string(item.substr(start));
  std::vector<Segment> segments;
  for (const std::string& piece : pieces) {
    std::string source = trim_leading_separators(piece);
    ScheduleLine split = split_schedule_line(source);
    if (!segments.empty() && (split.title.empty() || segments.back().split.title.empty())) {
      segments.back().source += piece;
      segments.back().split = split_schedule_line(segments.back().source);
      continue;
    }
    segments.push_back(Segment{std::move(source), std::move(split)});
  }
  return segments;
}

std::string group_at(std::string_view text, std::size_t index) {
  const std::u32string characters = code_points_of(text);
  std::size_t depth = 0;
  for (std::size_t i = index; i < characters.size(); ++i) {
    const char32_t c = normalize_width(characters[i]);
    if (c == U'(') ++depth;
    if (c == U')' && depth > 0 && --depth == 0)
      return encode_utf8(std::u32string_view(characters).substr(index, i + 1 - index));
  }
  return encode_utf8(std::u32string_view(characters).substr(std::min(index, characters.size())));
}

std::vector<std::string> groups_of(std::string_view text) {
  const std::u32string characters = code_points_of(text);
  std::vector<std::string> groups;
  std::size_t depth = 0;
  std::size_t open = 0;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    const char32_t c = normalize_width(characters[i]);
    if (c == U'(' && depth++ == 0) open = i;
    if (c == U')' && depth > 0 && --depth == 0)
      groups.push_back(encode_utf8(std::u32string_view(characters).substr(open, i + 1 - open)));
  }
  return groups;
}

std::vector<std::size_t> unmatched_brackets(std::string_view text) {
  const std::u32string characters = code_points_of(text);
  std::vector<std::size_t> unmatched;
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    const char32_t c = normalize_width(characters[i]);
    if (c == U'(') open.push_back(i);
    if (c != U')') continue;
    if (open.empty())
      unmatched.push_back(i);
    else
      open.pop_back();
  }
  unmatched.insert(unmatched.end(), open.begin(), open.end());
  std::sort(unmatched.begin(), unmatched.end());
  return unmatched;
}

bool reads_like_schedule(std::string_view group) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "週",   "頃",   "予定", "上半期", "下半期", "年度内", "年度中",
      "まで", "以降", "月末", "月初",   "目途",   "時点",   "四半期"};
  const std::string key = text_key(group);
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view word) { return key.find(word) != std::string::npos; });
}

}  // namespace torikumi
