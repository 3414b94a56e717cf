#pragma once

// What the when-expression parser and the line splitter share: how a character is seen once
// widths, range marks and separators are folded. Internal to engine/.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schedule/when_expression.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi::schedule_text {

inline constexpr char32_t kRangeMark = U'~';
inline constexpr char32_t kSeparator = U',';

// The Japanese weekday names in date::weekday's order, Sunday first.
inline constexpr std::u32string_view kWeekdayNames = U"日月火水木金土";

// A character as the grammar sees it: width folded, range marks and separators unified.
inline char32_t fold(char32_t code_point) {
  const char32_t normalized = normalize_width(code_point);
  switch (normalized) {
    case U'\u301C':  // 〜 wave dash; ～ (U+FF5E) already folded to ~
    case U'\u2010':  // ‐ hyphen
    case U'-':       // also － (U+FF0D), folded
      return kRangeMark;
    case U'\u3001':       // 、
    case U'\u30FB':       // ・
      return kSeparator;  // ， (U+FF0C) already folded to ,
    default:
      return normalized;
  }
}

inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_opening(char32_t folded) { return folded == U'('; }
inline bool is_closing(char32_t folded) { return folded == U')'; }

// Where in a month a point lies, as the window rules take it: the whole month, or its end (末).
inline constexpr DaysOfMonth kWholeMonth{1, 31};
inline constexpr DaysOfMonth kEndOfMonth{31, 31};

// 上旬 1–10, 中旬 11–20, 下旬 21–end.
inline DaysOfMonth days_of(PartOfMonth part) {
  switch (part) {
    case PartOfMonth::early:
      return {1, 10};
    case PartOfMonth::middle:
      return {11, 20};
    case PartOfMonth::late:
      return {21, 31};
  }
  return kWholeMonth;
}

// Rules dated by month numbers (as opposed to idioms such as 随時 or 毎月).
bool is_month_based(const WhenRule& rule);

// A character of the text that is not a space, in its compatibility form (compatibility.hpp)
// and folded, and where it was written: ⽉ (U+2F49) is 月, and ㍻ two symbols at one index.
struct Symbol {
  char32_t value = 0;
  std::size_t index = 0;  // into the text's code points
};

std::vector<Symbol> symbols_of(std::span<const CodePoint> code_points);

// The folded, space-free characters of a text, for matching words.
std::u32string folded_text(std::span<const CodePoint> code_points);

}  // namespace torikumi::schedule_text
