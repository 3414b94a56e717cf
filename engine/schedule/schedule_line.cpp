#include "engine/schedule/schedule_line.hpp"

#include <array>
#include <optional>
#include <span>

#include "engine/schedule/schedule_text.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

using namespace schedule_text;

// A parenthesised group of a line: code point indexes of its brackets, [open, close].
struct Group {
  std::size_t open = 0;
  std::size_t close = 0;
};

// Whether a group that does not parse still reads like a schedule, so that leaving it in the
// title deserves a word: a digit before 月, a range mark beside a digit or 月, or an idiom.
bool looks_like_schedule(const std::u32string& text) {
  constexpr std::array<std::u32string_view, 14> kIdioms = {
      U"随時",   U"隨時", U"適宜", U"通年", U"年度末", U"毎月",   U"隔月",
      U"四半期", U"上旬", U"初旬", U"中旬", U"下旬",   U"上半期", U"下半期",
  };
  for (const std::u32string_view idiom : kIdioms)
    if (text.find(idiom) != std::u32string::npos) return true;
  const auto month_or_digit = [](char32_t c) { return is_digit(c) || c == U'月'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t next = i + 1 < text.size() ? text[i + 1] : 0;
    if (is_digit(text[i]) && next == U'月') return true;
    if (text[i] == kRangeMark && ((i > 0 && month_or_digit(text[i - 1])) || month_or_digit(next)))
      return true;
    // 年2回, 第2水曜
    if (text[i] == U'年' || text[i] == U'第') {
      std::size_t j = i + 1;
      while (j < text.size() && is_digit(text[j])) ++j;
      if (j == i + 1 || j == text.size()) continue;
      if (text[i] == U'年' && text[j] == U'回') return true;
      if (text[i] == U'第' && kWeekdayNames.find(text[j]) != std::u32string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace

ScheduleLine split_schedule_line(std::string_view line) {
  ScheduleLine result;
  auto decoded = decode_utf8(line);
  if (!decoded) {
    result.title = std::string(trim_spaces(line));
    result.problems.push_back({"", decoded.error().message, std::nullopt, decoded.error().meaning});
    return result;
  }
  const std::vector<CodePoint>& code_points = *decoded;
  const auto folded_at = [&](std::size_t i) { return fold(code_points[i].value); };
  const auto bytes_of = [&](std::size_t first, std::size_t last) {
    const std::size_t begin = code_points[first].offset;
    return line.substr(begin, code_points[last].offset + code_points[last].size - begin);
  };
  const auto diagnose = [&](std::size_t open, std::string message, Meaning meaning) {
    result.problems.push_back({"character " + std::to_string(open + 1), std::move(message),
                               open + 1, std::move(meaning)});
  };

  std::string title;
  std::size_t copied = 0;  // bytes of `line` already in `title` or dropped
  std::size_t i = 0;
  while (i < code_points.size()) {
    if (!is_opening(folded_at(i))) {
      ++i;
      continue;
    }
    std::optional<Group> group;
    std::size_t depth = 0;
    for (std::size_t j = i; j < code_points.size() && !group; ++j) {
      if (is_opening(folded_at(j))) ++depth;
      if (is_closing(folded_at(j)) && --depth == 0) group = Group{i, j};
    }
    if (!group) {
      // Never closed: the rest is text, but say so if it was meant as a schedule.
      if (looks_like_schedule(folded_text(std::span(code_points).subspan(i)))) {
        auto parsed = parse_when(bytes_of(i, code_points.size() - 1));
        if (!parsed) diagnose(i, parsed.error().message, parsed.error().meaning);
      }
      break;
    }

    const std::string_view text = bytes_of(group->open, group->close);
    const std::u32string folded =
        folded_text(std::span(code_points).subspan(group->open, group->close + 1 - group->open));
    auto parsed = parse_when(text);
    // Bare numbers, （1） or （4、6）, are items or counts more often than months: only a group
    // that says 月, writes a day as 11/3, names a year (R8.11) or uses an idiom is a schedule.
    const bool names_schedule =
        parsed && (!is_month_based(parsed->rule) || folded.find(U'月') != std::u32string::npos ||
                   folded.find(U'/') != std::u32string::npos || !parsed->dated_months.empty());
    if (names_schedule) {
      title.append(line.substr(copied, code_points[group->open].offset - copied));
      title = std::string(trim_spaces(title));  // the group takes the spaces before it along
      copied = code_points[group->close].offset + code_points[group->close].size;
      result.schedules.push_back(std::move(*parsed));
      result.schedule_texts.emplace_back(text);
    } else if (looks_like_schedule(folded) && parsed) {
      diagnose(
          group->open,
          "expected 月 in \"" + std::string(text) + "\" to read it as a schedule (\"" +
              to_string(*parsed) + "\")",
          meaning_of(when_meaning::kMonthMarkMissing, {std::string(text), to_string(*parsed)}));
    } else if (looks_like_schedule(folded)) {
      diagnose(group->open, parsed.error().message, parsed.error().meaning);
    }
    i = group->close + 1;
  }
  title.append(line.substr(copied));
  result.title = std::string(trim_spaces(title));
  return result;
}

}  // namespace torikumi
