#include "mail/detail/mail_text.hpp"

#include "engine/text/japanese_text.hpp"

namespace torikumi::mail::detail {

std::optional<Error> first_invalid_utf8(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (static_cast<unsigned char>(text[offset]) < 0x80) {
      ++offset;
      continue;
    }
    const auto code_point = decode_code_point(text, offset);
    if (!code_point) return code_point.error();
    offset += code_point->size;
  }
  return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (static_cast<unsigned char>(text[offset]) < 0x80) {
      result += text[offset++];
      continue;
    }
    const auto code_point = decode_code_point(text, offset);
    if (!code_point) {
      result += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++offset;
      continue;
    }
    result.append(text.substr(offset, code_point->size));
    offset += code_point->size;
  }
  return result;
}

std::optional<std::size_t> first_control_character(std::string_view text) {
  for (std::size_t index = 0; index < text.size(); ++index) {
    const auto byte = static_cast<unsigned char>(text[index]);
    if (byte < 0x20 || byte == 0x7F) return index;
  }
  return std::nullopt;
}

std::string with_crlf_line_ends(std::string_view text) {
  std::string result;
  result.reserve(text.size() + text.size() / 32);
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char character = text[index];
    if (character == '\r') {
      result += "\r\n";
      if (index + 1 < text.size() && text[index + 1] == '\n') ++index;
    } else if (character == '\n') {
      result += "\r\n";
    } else {
      result += character;
    }
  }
  return result;
}

std::string ascii_lowercase(std::string_view text) {
  std::string result{text};
  for (char& character : result)
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  return result;
}

std::string ascii_uppercase(std::string_view text) {
  std::string result{text};
  for (char& character : result)
    if (character >= 'a' && character <= 'z') character = static_cast<char>(character - 'a' + 'A');
  return result;
}

}  // namespace torikumi::mail::detail
