#pragma once

// Small UTF-8 helpers for Japanese text as sheets write it: code points, character counts,
// full-width to half-width folding, and spaces that include the ideographic space (U+3000).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// U+3000, the full-width space Japanese text pads with.
inline constexpr char32_t kIdeographicSpace = U'\u3000';

// The meaning (engine/base/meaning.hpp) of text that is not UTF-8; its subject is the byte.
inline constexpr std::string_view kInvalidUtf8Meaning = "text.invalid_utf8";

// One character of a UTF-8 text: its code point and the bytes it occupies, [offset, offset +
// size).
struct CodePoint {
  char32_t value = 0;
  std::size_t offset = 0;
  std::size_t size = 0;
  bool operator==(const CodePoint&) const = default;
};

// The character starting at byte `offset` (REQUIRES: offset < text.size()). Rejects stray
// continuation bytes, truncated sequences, overlong forms, surrogates and code points above
// U+10FFFF; the message counts bytes from 1:
//   invalid UTF-8 at byte 2: expected a continuation byte, got 0x41
// and the meaning kInvalidUtf8Meaning, whose subject is the byte ("2").
Result<CodePoint> decode_code_point(std::string_view text, std::size_t offset);

// Every character of a text, in order; the first invalid sequence is the error.
Result<std::vector<CodePoint>> decode_utf8(std::string_view text);

// Appends the UTF-8 encoding of a Unicode scalar value (REQUIRES: not a surrogate, at most
// U+10FFFF).
// The code points of a text, skipping bytes that are not valid UTF-8: for text already
// validated at the boundary.
std::u32string code_points_of(std::string_view text);

void append_utf8(std::string& out, char32_t code_point);
std::string encode_utf8(char32_t code_point);
// A whole text of code points, in UTF-8 (REQUIRES as append_utf8).
std::string encode_utf8(std::u32string_view text);

// The number of characters (code points), not bytes: "東区" is 2.
Result<std::size_t> count_characters(std::string_view text);

// Full-width ASCII (U+FF01..U+FF5E: "４", "（", "～") becomes ASCII, the ideographic space an
// ASCII space; everything else, kana and kanji included, is returned as is.
char32_t normalize_width(char32_t code_point);
// The same over a text. Bytes that are not valid UTF-8 are copied unchanged.
std::string normalize_width(std::string_view text);

// ASCII whitespace (space, tab, CR, LF, VT, FF) or the ideographic space.
bool is_space(char32_t code_point);

// The text without leading and trailing spaces (as is_space).
std::string_view trim_spaces(std::string_view text);

// Each run of spaces (as is_space) becomes one ASCII space; nothing is trimmed. Bytes that are
// not valid UTF-8 are copied unchanged.
std::string collapse_spaces(std::string_view text);

}  // namespace torikumi
