#include "engine/text/japanese_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace torikumi {
namespace {

TEST_CASE("decoding splits text into code points with their byte ranges") {
  // a (1 byte), é (2), 東 (3), 𠮷 (4)
  const auto decoded = decode_utf8("a\u00E9\u6771\U00020BB7");
  REQUIRE(decoded.ok());
  const std::vector<CodePoint> expected = {
      {U'a', 0, 1}, {U'\u00E9', 1, 2}, {U'\u6771', 3, 3}, {U'\U00020BB7', 6, 4}};
  CHECK(*decoded == expected);
}

TEST_CASE("decoding an empty text gives no code points") {
  const auto decoded = decode_utf8("");
  REQUIRE(decoded.ok());
  CHECK(decoded->empty());
}

TEST_CASE("decoding a single character reads it at its offset") {
  const std::string_view text = "第2水曜日";
  const auto second = decode_code_point(text, 3);
  REQUIRE(second.ok());
  CHECK(*second == CodePoint{U'2', 3, 1});
  const auto third = decode_code_point(text, 4);
  REQUIRE(third.ok());
  CHECK(*third == CodePoint{U'水', 4, 3});
}

TEST_CASE("invalid UTF-8 is rejected with the byte and what was wrong") {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  const Case cases[] = {
      {"\x80", "invalid UTF-8 at byte 1: expected the start of a character, got 0x80"},
      {"ab\xBF", "invalid UTF-8 at byte 3: expected the start of a character, got 0xBF"},
      {"\xC0\xAF", "invalid UTF-8 at byte 1: expected the start of a character, got 0xC0"},
      {"\xC1\x81", "invalid UTF-8 at byte 1: expected the start of a character, got 0xC1"},
      {"\xF5\x80\x80\x80", "invalid UTF-8 at byte 1: expected the start of a character, got 0xF5"},
      {"\xFF", "invalid UTF-8 at byte 1: expected the start of a character, got 0xFF"},
      {"\xE6\x9D",
       "invalid UTF-8 at byte 3: expected a continuation byte, got the end of the text"},
      {"\xE6", "invalid UTF-8 at byte 2: expected a continuation byte, got the end of the text"},
      {"\xE6"
       "A\x81",
       "invalid UTF-8 at byte 2: expected a continuation byte, got 0x41"},
      {"x\xC3\xC3", "invalid UTF-8 at byte 3: expected a continuation byte, got 0xC3"},
      {"\xE0\x80\xAF", "invalid UTF-8 at byte 1: overlong encoding of U+002F"},
      {"\xF0\x82\x82\xAC", "invalid UTF-8 at byte 1: overlong encoding of U+20AC"},
      {"\xED\xA0\x80", "invalid UTF-8 at byte 1: encoded surrogate U+D800"},
      {"\xED\xBF\xBF", "invalid UTF-8 at byte 1: encoded surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", "invalid UTF-8 at byte 1: code point U+110000 above U+10FFFF"},
      {"東区\xE6\x9D",
       "invalid UTF-8 at byte 9: expected a continuation byte, got the end of the text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    const auto decoded = decode_utf8(c.text);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message == c.message);
    const auto counted = count_characters(c.text);
    REQUIRE_FALSE(counted.ok());
    CHECK(counted.error().message == c.message);
  }
}

TEST_CASE("the edges of the code space decode") {
  struct Case {
    std::string_view text;
    char32_t value;
  };
  const Case cases[] = {
      {std::string_view("\0", 1), U'\0'},
      {"\x7F", U'\x7F'},
      {"\xC2\x80", U'\u0080'},
      {"\xDF\xBF", U'\u07FF'},
      {"\xE0\xA0\x80", U'\u0800'},
      {"\xED\x9F\xBF", U'\uD7FF'},
      {"\xEE\x80\x80", U'\uE000'},
      {"\xEF\xBF\xBF", U'\uFFFF'},
      {"\xF0\x90\x80\x80", U'\U00010000'},
      {"\xF4\x8F\xBF\xBF", U'\U0010FFFF'},
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<unsigned>(c.value));
    const auto decoded = decode_utf8(c.text);
    REQUIRE(decoded.ok());
    REQUIRE(decoded->size() == 1);
    CHECK(decoded->front().value == c.value);
    CHECK(decoded->front().size == c.text.size());
    CHECK(encode_utf8(c.value) == c.text);
  }
}

TEST_CASE("characters are counted as code points not bytes") {
  struct Case {
    std::string_view text;
    std::size_t count;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"東区役所", 4},
      {"（4、6月）", 6},
      {"多機関協働担当を中心とした会議の開催（4、6月）", 24},
      {"\U00020BB7野家", 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto counted = count_characters(c.text);
    REQUIRE(counted.ok());
    CHECK(*counted == c.count);
  }
}

TEST_CASE("width normalisation folds full-width ASCII and the ideographic space only") {
  struct Case {
    std::string_view text;
    std::string_view normalized;
  };
  const Case cases[] = {
      {"（４、６月）", "(4、6月)"},
      {"１２３４５６７８９０", "1234567890"},
      {"ＡＢＣ ａｂｃ", "ABC abc"},
      {"！～", "!~"},
      {"，．：；", ",.:;"},
      {"第２水曜日", "第2水曜日"},
      {"東区\u3000役所", "東区 役所"},
      // Kana, kanji, the wave dash, 、 and half-width katakana are not full-width ASCII.
      {"ひらがなカタカナ漢字〜、・ｶﾀｶﾅ", "ひらがなカタカナ漢字〜、・ｶﾀｶﾅ"},
      {"plain ascii", "plain ascii"},
      {"", ""},
      // Invalid bytes pass through untouched.
      {"４\xFF４",
       "4\xFF"
       "4"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(normalize_width(c.text) == c.normalized);
  }
}

TEST_CASE("width normalisation of single code points covers the whole full-width block") {
  CHECK(normalize_width(U'\uFF01') == U'!');
  CHECK(normalize_width(U'\uFF5E') == U'~');
  CHECK(normalize_width(U'\uFF00') == U'\uFF00');
  CHECK(normalize_width(U'\uFF5F') == U'\uFF5F');
  CHECK(normalize_width(U'\u3000') == U' ');
  CHECK(normalize_width(U'東') == U'東');
}

TEST_CASE("spaces are ASCII whitespace and the ideographic space") {
  for (const char32_t space : {U' ', U'\t', U'\n', U'\r', U'\v', U'\f', U'\u3000'}) {
    CAPTURE(static_cast<unsigned>(space));
    CHECK(is_space(space));
  }
  for (const char32_t other : {U'a', U'\0', U'\u00A0', U'\u200B', U'、'}) {
    CAPTURE(static_cast<unsigned>(other));
    CHECK_FALSE(is_space(other));
  }
}

TEST_CASE("trimming removes ASCII whitespace and ideographic spaces at both ends") {
  struct Case {
    std::string_view text;
    std::string_view trimmed;
  };
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"\u3000\u3000", ""},
      {"  会議の開催  ", "会議の開催"},
      {"\u3000会議の開催\u3000", "会議の開催"},
      {" \t\u3000 会議 の\u3000開催 \u3000\n", "会議 の\u3000開催"},
      {"会議", "会議"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(trim_spaces(c.text) == c.trimmed);
  }
}

TEST_CASE("collapsing turns each run of spaces into one ASCII space") {
  struct Case {
    std::string_view text;
    std::string_view collapsed;
  };
  const Case cases[] = {
      {"", ""},
      {"次年度 以降", "次年度 以降"},
      {"次年度\u3000\u3000以降", "次年度 以降"},
      {"a \t\n b", "a b"},
      {"  前期 (~7月)  ", " 前期 (~7月) "},
      {"\u3000", " "},
      {"a\xFF  b", "a\xFF b"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(collapse_spaces(c.text) == c.collapsed);
  }
}

TEST_CASE("code points of a text skip bytes that are not UTF-8") {
  CHECK(code_points_of("東区") == std::u32string{U'東', U'区'});
  CHECK(code_points_of("a\xff"
                       "b") == std::u32string{U'a', U'b'});
  CHECK(code_points_of("").empty());
}

}  // namespace
}  // namespace torikumi
