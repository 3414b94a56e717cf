#include "engine/plan/meeting_rule_text.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

using std::chrono::minutes;

constexpr std::string_view kExample = "第2水曜日 14:00 90分 3階会議室";
constexpr std::array<std::u32string_view, 7> kWeekdays = {U"日", U"月", U"火", U"水",
                                                          U"木", U"金", U"土"};

// A run of ASCII digits at the start of `text` (at most 4), taken off it.
std::optional<unsigned> take_number(std::u32string_view& text) {
  std::size_t length = 0;
  unsigned value = 0;
  while (length < text.size() && length < 4 && text[length] >= U'0' && text[length] <= U'9')
    value = value * 10 + static_cast<unsigned>(text[length++] - U'0');
  if (length == 0) return std::nullopt;
  text.remove_prefix(length);
  return value;
}

bool take(std::u32string_view& text, std::u32string_view word) {
  if (!text.starts_with(word)) return false;
  text.remove_prefix(word.size());
  return true;
}

std::optional<MeetingDay> read_day(std::u32string_view text) {
  take(text, U"毎月");  // 毎月第2水曜日 and 第2水曜日, 毎月15日 and 15日 are the same rule
  if (take(text, U"第")) {
    const auto n = take_number(text);
    if (!n || *n < 1 || *n > 5 || text.empty()) return std::nullopt;
    for (unsigned i = 0; i < kWeekdays.size(); ++i) {
      std::u32string_view rest = text;
      if (!take(rest, kWeekdays[i])) continue;
      if (rest.empty() || rest == U"曜" || rest == U"曜日") return NthWeekday{*n, date::weekday{i}};
    }
    return std::nullopt;
  }
  const auto day = take_number(text);
  if (!day || *day < 1 || *day > 31 || text != U"日") return std::nullopt;
  return DayOfMonth{*day};
}

std::optional<minutes> read_time(std::u32string_view text) {
  const auto hours = take_number(text);
  if (!hours) return std::nullopt;
  unsigned extra_minutes = 0;
  if (take(text, U":")) {
    if (text.size() != 2) return std::nullopt;
    const auto value = take_number(text);
    if (!value || !text.empty()) return std::nullopt;
    extra_minutes = *value;
  } else if (take(text, U"時")) {
    if (!text.empty()) {
      const auto value = take_number(text);
      if (!value || text != U"分") return std::nullopt;
      extra_minutes = *value;
    }
  } else {
    return std::nullopt;
  }
  if (*hours > 23 || extra_minutes > 59) return std::nullopt;
  return minutes{*hours * 60 + extra_minutes};
}

std::optional<minutes> read_length(std::u32string_view text) {
  auto whole = take_number(text);
  if (!whole) return std::nullopt;
  minutes length{0};
  if (take(text, U".")) {  // 1.5時間: tenths of an hour
    const auto tenth = take_number(text);
    if (!tenth || *tenth > 9 || text != U"時間") return std::nullopt;
    length = minutes{*whole * 60 + *tenth * 6};
  } else if (take(text, U"時間")) {
    length = minutes{*whole * 60};
    if (!text.empty()) {
      const auto extra = take_number(text);
      if (!extra || *extra > 59 || text != U"分") return std::nullopt;
      length += minutes{*extra};
    }
  } else if (text == U"分") {
    length = minutes{*whole};
  } else {
    return std::nullopt;
  }
  if (length <= minutes{0} || length > minutes{24 * 60}) return std::nullopt;
  return length;
}

// The text cut at runs of spaces into its first `count` words and the rest (trimmed).
std::vector<std::string> words_and_rest(std::string_view text, std::size_t count) {
  std::vector<std::string> parts;
  std::string_view rest = trim_spaces(text);
  while (parts.size() < count && !rest.empty()) {
    const std::u32string characters = code_points_of(rest);
    std::size_t end = 0;
    while (end < characters.size() && !is_space(characters[end])) ++end;
    const std::string word = encode_utf8(std::u32string_view(characters).substr(0, end));
    parts.push_back(word);
    rest = trim_spaces(rest.substr(word.size()));
  }
  parts.emplace_back(rest);
  return parts;
}

}  // namespace

Result<MeetingRule> parse_meeting_rule_text(std::string_view text) {
  const std::vector<std::string> parts = words_and_rest(text, 3);
  if (parts.size() < 4)
    return Error{"expected a day, a time and a length such as " + in_quotes(kExample) + ", got " +
                     in_quotes(trim_spaces(text)),
                 ErrorCode::invalid,
                 meaning_of(meeting_rule_meaning::kParts,
                            {std::string{trim_spaces(text)}, std::string{kExample}})};
  const auto folded = [](const std::string& part) { return code_points_of(normalize_width(part)); };
  MeetingRule rule;
  const auto day = read_day(folded(parts[0]));
  if (!day)
    return Error{"day " + in_quotes(parts[0]) +
                     " not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)",
                 ErrorCode::invalid, meaning_of(meeting_rule_meaning::kDay, {parts[0]})};
  rule.day = *day;
  const auto start = read_time(folded(parts[1]));
  if (!start)
    return Error{"time " + in_quotes(parts[1]) + " not understood: expected 14:00 or 14時30分",
                 ErrorCode::invalid, meaning_of(meeting_rule_meaning::kTime, {parts[1]})};
  rule.start_time = *start;
  const auto length = read_length(folded(parts[2]));
  if (!length)
    return Error{"length " + in_quotes(parts[2]) + " not understood: expected 90分 or 1時間30分",
                 ErrorCode::invalid, meaning_of(meeting_rule_meaning::kLength, {parts[2]})};
  rule.duration = *length;
  rule.place = parts[3];
  return rule;
}

std::string meeting_rule_text(const MeetingRule& rule) {
  std::string text;
  if (const auto* nth = std::get_if<NthWeekday>(&rule.day)) {
    static constexpr std::array<std::string_view, 7> kNames = {"日", "月", "火", "水",
                                                               "木", "金", "土"};
    text = "第" + std::to_string(nth->n) + std::string{kNames[nth->weekday.c_encoding()]} + "曜日";
  } else {
    text = "毎月" + std::to_string(std::get<DayOfMonth>(rule.day).day) + "日";
  }
  const auto start = rule.start_time.count();
  text += " " + std::to_string(start / 60) + ":" + (start % 60 < 10 ? "0" : "") +
          std::to_string(start % 60);
  text += " " + std::to_string(rule.duration.count()) + "分";
  if (!rule.place.empty()) text += " " + rule.place;
  return text;
}

}  // namespace torikumi
