#include "engine/sheet/sheet_fields.hpp"

#include <array>
#include <charconv>

#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

// The characters of a text, full-width ASCII folded; invalid bytes are dropped (sheet text is
// validated before it gets here).
std::u32string folded_characters(std::string_view text) {
  std::u32string out = code_points_of(text);
  for (char32_t& c : out) c = normalize_width(c);
  return out;
}

std::u32string_view trim(std::u32string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool is_dash(char32_t c) {
  return c == U'-' || c == U'\u2014' || c == U'\u2015' || c == U'\u2010' || c == U'\u2012' ||
         c == U'\u2013' || c == U'\u2212' || c == U'\u30FC';
}

// Digits from `position`; advances past them. nullopt when there are none.
std::optional<int> read_number(std::u32string_view text, std::size_t& position) {
  if (position >= text.size() || !is_digit(text[position])) return std::nullopt;
  int value = 0;
  while (position < text.size() && is_digit(text[position])) {
    value = std::min(value * 10 + static_cast<int>(text[position] - U'0'), 100000);
    ++position;
  }
  return value;
}

bool starts_with_at(std::u32string_view text, std::size_t position, std::u32string_view word) {
  return text.substr(position).starts_with(word);
}

// "14.9", "1,234", "-0.5", "45.2%": the number, and the rest of the text after it.
struct NumberAndRest {
  double value = 0;
  std::u32string_view rest;
};

std::optional<NumberAndRest> read_decimal(std::u32string_view text) {
  std::string digits;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == U'-' || text[i] == U'\u2212' || text[i] == U'\u25B2')) {
    digits.push_back('-');
    ++i;
  }
  bool seen_digit = false;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      digits.push_back(static_cast<char>(text[i]));
      seen_digit = true;
    } else if (text[i] == U'.') {
      digits.push_back('.');
    } else if (text[i] != U',') {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  NumberAndRest result;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), result.value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  result.rest = trim(text.substr(i));
  return result;
}

// The unit written after a value: "（人口10万人当たり自殺者数）" → its inside, "%" → "%".
std::string unit_of(std::u32string_view rest) {
  rest = trim(rest);
  if (rest.size() >= 2 && rest.front() == U'(' && rest.back() == U')')
    rest = trim(rest.substr(1, rest.size() - 2));
  return join_japanese_spaces(encode_utf8(rest));
}

// The length of the line break tag at `position` (<br>, <br/>, <br />, any case), else 0.
std::size_t line_break_at(std::string_view text, std::size_t position) {
  const std::string_view rest = text.substr(position);
  if (rest.size() < 4 || rest[0] != '<' || (rest[1] != 'b' && rest[1] != 'B') ||
      (rest[2] != 'r' && rest[2] != 'R'))
    return 0;
  std::size_t end = 3;
  while (end < rest.size() && rest[end] == ' ') ++end;
  if (end < rest.size() && rest[end] == '/') ++end;
  return end < rest.size() && rest[end] == '>' ? end + 1 : 0;
}

// The lines of a text whose line breaks are tags.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t length = line_break_at(text, i);
    if (length == 0) continue;
    lines.push_back(text.substr(start, i - start));
    start = i + length;
    i = start - 1;
  }
  lines.push_back(text.substr(start));
  return lines;
}

// A line of a list typed in a cell without its bullet: "・会議の開催" is "会議の開催".
std::string_view without_bullet(std::string_view line) {
  static constexpr std::array<std::string_view, 7> kBullets = {"・", "•", "●", "○", "◯", "■", "◆"};
  for (const std::string_view bullet : kBullets)
    if (line.starts_with(bullet)) return line.substr(bullet.size());
  return line;
}

constexpr std::u32string_view kOpeningBrackets = U"【[〔";
constexpr std::u32string_view kClosingBrackets = U"】]〕";

constexpr std::array<std::string_view, 17> kSdgGoalNames = {
    "貧困をなくそう",
    "飢餓をゼロに",
    "すべての人に健康と福祉を",
    "質の高い教育をみんなに",
    "ジェンダー平等を実現しよう",
    "安全な水とトイレを世界中に",
    "エネルギーをみんなに そしてクリーンに",
    "働きがいも経済成長も",
    "産業と技術革新の基盤をつくろう",
    "人や国の不平等をなくそう",
    "住み続けられるまちづくりを",
    "つくる責任 つかう責任",
    "気候変動に具体的な対策を",
    "海の豊かさを守ろう",
    "陸の豊かさも守ろう",
    "平和と公正をすべての人に",
    "パートナーシップで目標を達成しよう",
};
constexpr int kSdgGoalCount = 17;

}  // namespace

std::string canonical_label(std::string_view cell) {
  std::u32string out;
  for (const char32_t c : folded_characters(cell))
    if (!is_space(c)) out.push_back(c);
  return encode_utf8(out);
}

std::string join_japanese_spaces(std::string_view text) {
  // The original (unfolded) characters: only spaces change.
  const std::u32string original = code_points_of(text);
  std::u32string out;
  std::size_t i = 0;
  while (i < original.size()) {
    if (!is_space(original[i])) {
      out.push_back(original[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < original.size() && is_space(original[end])) ++end;
    const bool at_edge = out.empty() || end == original.size();
    const bool between_japanese = !at_edge && out.back() >= 0x80 && original[end] >= 0x80;
    if (!at_edge && !between_japanese) out.push_back(U' ');
    i = end;
  }
  return encode_utf8(out);
}

bool is_conversion_leftover(std::string_view cell) {
  const std::u32string characters = folded_characters(trim_spaces(cell));
  if (characters.empty() || !is_dash(characters.front())) return false;
  std::size_t i = 0;
  while (i < characters.size() && is_dash(characters[i])) ++i;
  while (i < characters.size() && is_digit(characters[i])) ++i;
  return i == characters.size();
}

std::string strip_markup(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<' && i + 1 < text.size()) {
      const char next = text[i + 1];
      const bool opens_tag = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                             next == '/' || next == '!';
      const std::size_t close = text.find('>', i);
      if (opens_tag && close != std::string_view::npos) {
        out.push_back(' ');
        i = close + 1;
        continue;
      }
    }
    if (text[i] == '&') {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEntities{{
          {"&amp;", "&"},
          {"&lt;", "<"},
          {"&gt;", ">"},
          {"&quot;", "\""},
          {"&#39;", "'"},
          {"&apos;", "'"},
          {"&nbsp;", " "},
      }};
      bool decoded = false;
      for (const auto& [entity, replacement] : kEntities) {
        if (text.substr(i).starts_with(entity)) {
          out.append(replacement);
          i += entity.size();
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

std::vector<std::string> checkbox_items(std::string_view cell) {
  static constexpr std::array<std::string_view, 4> kMarks = {"☐", "□", "☑", "☒"};
  std::vector<std::string> pieces(1);
  std::size_t i = 0;
  while (i < cell.size()) {
    if (cell[i] == '<') {
      const std::size_t close = cell.find('>', i);
      if (close != std::string_view::npos) {
        std::string tag;
        for (const char c : cell.substr(i, close + 1 - i))
          tag.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        if (tag.starts_with("<input") && tag.find("checkbox") != std::string::npos) {
          pieces.emplace_back();
          i = close + 1;
          continue;
        }
      }
    }
    bool mark = false;
    for (const std::string_view candidate : kMarks) {
      if (cell.substr(i).starts_with(candidate)) {
        pieces.emplace_back();
        i += candidate.size();
        mark = true;
        break;
      }
    }
    if (mark) continue;
    pieces.back().push_back(cell[i++]);
  }
  std::vector<std::string> items;
  const auto add = [&items](std::string_view piece) {
    std::string item{trim_spaces(strip_markup(piece))};
    if (!item.empty()) items.push_back(std::move(item));
  };
  if (pieces.size() > 1) {
    for (const std::string& piece : pieces) add(piece);
    return items;
  }
  const std::vector<std::string_view> lines = lines_of(pieces.front());
  for (const std::string_view line : lines)
    add(lines.size() == 1 ? line : without_bullet(trim_spaces(line)));
  return items;
}

std::string line_breaks_as_spaces(std::string_view text) {
  const std::vector<std::string_view> lines = lines_of(text);
  std::string out{lines.front()};
  for (std::size_t i = 1; i < lines.size(); ++i) out.append(" ").append(lines[i]);
  return out;
}

std::optional<int> find_fiscal_year(std::string_view text) {
  const std::u32string characters = folded_characters(text);
  const std::u32string_view view = characters;
  constexpr int kReiwaOffset = 2018;   // 令和1年 = 2019
  constexpr int kHeiseiOffset = 1988;  // 平成1年 = 1989
  for (std::size_t i = 0; i < view.size(); ++i) {
    int offset = 0;
    std::size_t position = i;
    if (starts_with_at(view, i, U"令和")) {
      offset = kReiwaOffset;
      position += 2;
    } else if (starts_with_at(view, i, U"平成")) {
      offset = kHeiseiOffset;
      position += 2;
    } else if (view[i] == U'R' || view[i] == U'r') {
      offset = kReiwaOffset;
      position += 1;
    } else if (view[i] == U'H' || view[i] == U'h') {
      offset = kHeiseiOffset;
      position += 1;
    }
    if (offset != 0 && starts_with_at(view, position, U"元年")) return offset + 1;
    if (offset == 0 && i > 0 && is_digit(view[i - 1])) continue;  // inside a longer number
    std::optional<int> number = read_number(view, position);
    if (!number) continue;
    while (position < view.size() && is_space(view[position])) ++position;
    if (!starts_with_at(view, position, U"年")) continue;
    if (offset != 0 && *number >= 1 && *number <= 99) return offset + *number;
    if (offset == 0 && *number >= 1900 && *number <= 2199) return *number;
  }
  return std::nullopt;
}

Result<std::optional<Kpi>> parse_kpi_cells(std::string_view name_cell,
                                           std::string_view target_cell) {
  if (trim_spaces(name_cell).empty() || is_conversion_leftover(name_cell))
    return std::optional<Kpi>{};
  const std::u32string name_text = folded_characters(trim_spaces(name_cell));
  Kpi kpi;
  const std::size_t open = name_text.find_first_of(kOpeningBrackets);
  if (open == std::u32string::npos) {
    kpi.name = join_japanese_spaces(encode_utf8(name_text));
  } else {
    kpi.name =
        join_japanese_spaces(encode_utf8(trim(std::u32string_view(name_text).substr(0, open))));
    const std::size_t close = name_text.find_first_of(kClosingBrackets, open);
    const std::u32string_view inside = std::u32string_view(name_text).substr(
        open + 1, close == std::u32string::npos ? std::u32string::npos : close - open - 1);
    const std::string baseline =
        std::string{trim_spaces(encode_utf8(std::u32string_view(name_text).substr(open)))};
    const Error baseline_error{
        "KPI baseline not understood: expected 【YEAR年度：VALUE（UNIT）】, got " +
            in_quotes(baseline),
        ErrorCode::invalid, meaning_of(sheet_meaning::kKpiBaseline, {baseline})};
    if (close == std::u32string::npos) return baseline_error;
    const std::size_t colon = inside.find(U':');
    if (colon == std::u32string::npos) return baseline_error;
    const std::optional<int> year = find_fiscal_year(encode_utf8(inside.substr(0, colon)));
    const std::optional<NumberAndRest> value = read_decimal(trim(inside.substr(colon + 1)));
    if (!year || !value) return baseline_error;
    kpi.baseline = KpiFigure{*year, value->value};
    kpi.unit = unit_of(value->rest);
  }
  if (kpi.name.empty())
    return Error{"KPI not understood: expected its name before the baseline, got " +
                     in_quotes(trim_spaces(name_cell)),
                 ErrorCode::invalid,
                 meaning_of(sheet_meaning::kKpiName, {std::string{trim_spaces(name_cell)}})};

  const std::u32string target_text = folded_characters(trim_spaces(target_cell));
  if (target_text.empty() || is_conversion_leftover(target_cell)) return std::optional<Kpi>{kpi};
  const Error target_error{
      "KPI target not understood: expected 目標値（YEAR年度） VALUE, got " +
          in_quotes(trim_spaces(target_cell)),
      ErrorCode::invalid,
      meaning_of(sheet_meaning::kKpiTarget, {std::string{trim_spaces(target_cell)}})};
  std::u32string_view rest = trim(target_text);
  if (rest.starts_with(U"目標値"))
    rest.remove_prefix(3);
  else if (rest.starts_with(U"目標"))
    rest.remove_prefix(2);
  rest = trim(rest);
  if (rest.starts_with(U":")) rest = trim(rest.substr(1));
  std::optional<int> year;
  if (rest.starts_with(U"(")) {
    const std::size_t close = rest.find(U')');
    if (close == std::u32string_view::npos) return target_error;
    year = find_fiscal_year(encode_utf8(rest.substr(1, close - 1)));
    rest = trim(rest.substr(close + 1));
  } else {
    const std::size_t end = rest.find(U'年');
    if (end == std::u32string_view::npos) return target_error;
    std::size_t after = end + 1;
    if (starts_with_at(rest, after, U"度")) ++after;
    year = find_fiscal_year(encode_utf8(rest.substr(0, after)));
    rest = trim(rest.substr(after));
  }
  if (rest.starts_with(U":")) rest = trim(rest.substr(1));
  if (!year) return target_error;
  if (rest.empty() || is_conversion_leftover(encode_utf8(rest))) return std::optional<Kpi>{kpi};
  const std::optional<NumberAndRest> value = read_decimal(rest);
  if (!value) return target_error;
  kpi.target = KpiFigure{*year, value->value};
  if (kpi.unit.empty()) kpi.unit = unit_of(value->rest);
  return std::optional<Kpi>{kpi};
}

Result<std::vector<SdgGoal>> parse_sdg_cells(std::string_view number_cell,
                                             std::string_view name_cell) {
  const bool no_number = trim_spaces(number_cell).empty() || is_conversion_leftover(number_cell);
  const bool no_name = trim_spaces(name_cell).empty() || is_conversion_leftover(name_cell);
  if (no_number && no_name) return std::vector<SdgGoal>{};
  const std::string_view got = trim_spaces(no_number ? name_cell : number_cell);
  const Error error{
      "SDG goal not understood: expected a goal number from 1 to 17, got " + in_quotes(got),
      ErrorCode::invalid, meaning_of(sheet_meaning::kSdgGoal, {std::string{got}})};
  if (no_number) return error;
  const std::u32string text = folded_characters(trim_spaces(number_cell));
  std::size_t position = text.find_first_of(U"0123456789");
  if (position == std::u32string::npos) return error;
  std::vector<SdgGoal> goals;
  while (true) {
    const std::optional<int> number = read_number(text, position);
    if (!number || *number < 1 || *number > kSdgGoalCount) return error;
    goals.push_back(SdgGoal{*number, ""});
    std::size_t next = position;
    while (next < text.size() && is_space(text[next])) ++next;
    if (next < text.size() && (text[next] == U',' || text[next] == U'、' || text[next] == U'・')) {
      ++next;
      while (next < text.size() && is_space(text[next])) ++next;
      if (next < text.size() && is_digit(text[next])) {
        position = next;
        continue;
      }
    }
    break;
  }
  std::string name = no_name ? std::string{} : join_japanese_spaces(name_cell);
  if (name.empty() && goals.size() == 1) {
    std::u32string_view after = trim(std::u32string_view(text).substr(position));
    while (!after.empty() && (after.front() == U':' || after.front() == U'.'))
      after = trim(after.substr(1));
    name = join_japanese_spaces(encode_utf8(after));
  }
  for (SdgGoal& goal : goals)
    goal.name = goals.size() == 1 && !name.empty() ? name : std::string(sdg_goal_name(goal.number));
  return goals;
}

std::string_view sdg_goal_name(int number) {
  if (number < 1 || number > kSdgGoalCount) return {};
  return kSdgGoalNames[static_cast<std::size_t>(number - 1)];
}

std::string text_key(std::string_view text) {
  std::u32string key;
  for (char32_t c : folded_characters(text)) {
    if (is_space(c)) continue;
    if (c == U'隨') c = U'随';
    key.push_back(c);
  }
  return encode_utf8(key);
}

}  // namespace torikumi
