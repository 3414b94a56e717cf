#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

constexpr char32_t kLastCodePoint = 0x10FFFF;
constexpr char32_t kFullWidthFirst = 0xFF01;  // ！
constexpr char32_t kFullWidthLast = 0xFF5E;   // ～
constexpr char32_t kFullWidthOffset = 0xFF01 - 0x21;

std::string hex(unsigned value, int digits) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0 && value != 0; --i, value >>= 4)
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return out;
}

Error invalid_at(std::size_t offset, const std::string& what) {
  const std::string byte = std::to_string(offset + 1);
  return Error{"invalid UTF-8 at byte " + byte + ": " + what, ErrorCode::invalid,
               meaning_of(kInvalidUtf8Meaning, {byte})};
}

std::string byte_text(unsigned char byte) { return "0x" + hex(byte, 2); }

std::string code_point_text(char32_t value) {
  return "U+" + hex(static_cast<unsigned>(value), value > 0xFFFF ? 6 : 4);
}

// Calls `on_character(code_point, bytes)` for each valid character and `on_invalid(byte)` for
// each byte that does not start a valid one; decoding resumes at the next byte.
template <typename OnCharacter, typename OnInvalid>
void for_each_lenient(std::string_view text, OnCharacter on_character, OnInvalid on_invalid) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    auto decoded = decode_code_point(text, offset);
    if (!decoded) {
      on_invalid(text[offset]);
      ++offset;
      continue;
    }
    on_character(decoded->value, text.substr(offset, decoded->size));
    offset += decoded->size;
  }
}

}  // namespace

Result<CodePoint> decode_code_point(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80) return CodePoint{lead, offset, 1};

  std::size_t size = 0;
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
    value = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
    value = lead & 0x07;
  } else {
    // 0x80..0xBF continue a character; 0xC0, 0xC1 and 0xF5.. never appear in UTF-8.
    return invalid_at(offset, "expected the start of a character, got " + byte_text(lead));
  }

  for (std::size_t i = 1; i < size; ++i) {
    if (offset + i >= text.size())
      return invalid_at(offset + i, "expected a continuation byte, got the end of the text");
    const auto byte = static_cast<unsigned char>(text[offset + i]);
    if ((byte & 0xC0) != 0x80)
      return invalid_at(offset + i, "expected a continuation byte, got " + byte_text(byte));
    value = (value << 6) | (byte & 0x3F);
  }

  const char32_t smallest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
  if (value < smallest) return invalid_at(offset, "overlong encoding of " + code_point_text(value));
  if (value >= 0xD800 && value <= 0xDFFF)
    return invalid_at(offset, "encoded surrogate " + code_point_text(value));
  if (value > kLastCodePoint)
    return invalid_at(offset, "code point " + code_point_text(value) + " above U+10FFFF");
  return CodePoint{value, offset, size};
}

Result<std::vector<CodePoint>> decode_utf8(std::string_view text) {
  std::vector<CodePoint> code_points;
  code_points.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) {
    auto decoded = decode_code_point(text, offset);
    if (!decoded) return decoded.error();
    code_points.push_back(*decoded);
    offset += decoded->size;
  }
  return code_points;
}

std::u32string code_points_of(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) {
    const auto decoded = decode_code_point(text, offset);
    if (!decoded) {
      ++offset;
      continue;
    }
    offset += decoded->size;
    out.push_back(decoded->value);
  }
  return out;
}

void append_utf8(std::string& out, char32_t code_point) {
  const auto put = [&out](unsigned value) { out.push_back(static_cast<char>(value)); };
  const auto value = static_cast<unsigned>(code_point);
  if (value < 0x80) {
    put(value);
  } else if (value < 0x800) {
    put(0xC0 | (value >> 6));
    put(0x80 | (value & 0x3F));
  } else if (value < 0x10000) {
    put(0xE0 | (value >> 12));
    put(0x80 | ((value >> 6) & 0x3F));
    put(0x80 | (value & 0x3F));
  } else {
    put(0xF0 | (value >> 18));
    put(0x80 | ((value >> 12) & 0x3F));
    put(0x80 | ((value >> 6) & 0x3F));
    put(0x80 | (value & 0x3F));
  }
}

std::string encode_utf8(char32_t code_point) {
  std::string out;
  append_utf8(out, code_point);
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) append_utf8(out, c);
  return out;
}

Result<std::size_t> count_characters(std::string_view text) {
  std::size_t count = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    auto decoded = decode_code_point(text, offset);
    if (!decoded) return decoded.error();
    ++count;
    offset += decoded->size;
  }
  return count;
}

char32_t normalize_width(char32_t code_point) {
  if (code_point >= kFullWidthFirst && code_point <= kFullWidthLast)
    return code_point - kFullWidthOffset;
  if (code_point == kIdeographicSpace) return U' ';
  return code_point;
}

std::string normalize_width(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_lenient(
      text,
      [&out](char32_t code_point, std::string_view bytes) {
        const char32_t normalized = normalize_width(code_point);
        if (normalized == code_point)
          out.append(bytes);
        else
          append_utf8(out, normalized);
      },
      [&out](char byte) { out.push_back(byte); });
  return out;
}

bool is_space(char32_t code_point) {
  return code_point == U' ' || (code_point >= U'\t' && code_point <= U'\r') ||
         code_point == kIdeographicSpace;
}

std::string_view trim_spaces(std::string_view text) {
  // UTF-8 never uses an ASCII byte or the lead byte 0xE3 inside another character, so matching
  // the encodings at either end is safe without decoding the middle.
  constexpr std::string_view kIdeographicSpaceBytes = "\xE3\x80\x80";
  while (!text.empty()) {
    if (text.starts_with(kIdeographicSpaceBytes)) {
      text.remove_prefix(kIdeographicSpaceBytes.size());
    } else if (is_space(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    } else {
      break;
    }
  }
  while (!text.empty()) {
    if (text.ends_with(kIdeographicSpaceBytes)) {
      text.remove_suffix(kIdeographicSpaceBytes.size());
    } else if (is_space(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    } else {
      break;
    }
  }
  return text;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_run = false;
  for_each_lenient(
      text,
      [&](char32_t code_point, std::string_view bytes) {
        if (is_space(code_point)) {
          if (!in_run) out.push_back(' ');
          in_run = true;
          return;
        }
        in_run = false;
        out.append(bytes);
      },
      [&](char byte) {
        in_run = false;
        out.push_back(byte);
      });
  return out;
}

}  // namespace torikumi
