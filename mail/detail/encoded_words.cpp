#include "mail/detail/encoded_words.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include "engine/base/base64.hpp"

namespace torikumi::mail::detail {

namespace {

std::optional<std::uint8_t> base64_value(char character) {
  if (character >= 'A' && character <= 'Z') return static_cast<std::uint8_t>(character - 'A');
  if (character >= 'a' && character <= 'z') return static_cast<std::uint8_t>(character - 'a' + 26);
  if (character >= '0' && character <= '9') return static_cast<std::uint8_t>(character - '0' + 52);
  if (character == '+') return 62;
  if (character == '/') return 63;
  return std::nullopt;
}

// The bytes of a base64 payload, up to its first '='.
std::string decode_base64_leniently(std::string_view payload) {
  std::string bytes;
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (const char character : payload) {
    if (character == '=') break;
    const std::optional<std::uint8_t> value = base64_value(character);
    if (!value) continue;
    bits = (bits << 6) | *value;
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes += static_cast<char>((bits >> bit_count) & 0xFF);
    }
  }
  return bytes;
}

std::string quoted_printable(std::string_view bytes) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string text;
  for (const char character : bytes) {
    if ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
        (character >= '0' && character <= '9')) {
      text += character;
      continue;
    }
    const auto byte = static_cast<unsigned char>(character);
    text += '=';
    text += kHex[byte >> 4];
    text += kHex[byte & 0x0F];
  }
  return text;
}

// RFC 2047 §2: a charset is a token without especials ('*' starts an RFC 2231 language).
bool is_charset(std::string_view text) {
  if (text.empty()) return false;
  for (const char character : text)
    if (!((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
          (character >= '0' && character <= '9') ||
          std::string_view{"!#$%&'*+-^_`{|}~"}.find(character) != std::string_view::npos))
      return false;
  return true;
}

}  // namespace

std::string with_quoted_printable_words(std::string_view value) {
  std::string result;
  result.reserve(value.size());
  std::size_t position = 0;
  while (position < value.size()) {
    const std::size_t start = value.find("=?", position);
    if (start == std::string_view::npos) break;
    // =?charset?B?payload?=
    const std::size_t charset_end = value.find('?', start + 2);
    if (charset_end == std::string_view::npos || charset_end + 2 >= value.size() ||
        value[charset_end + 2] != '?' ||
        (value[charset_end + 1] != 'B' && value[charset_end + 1] != 'b') ||
        !is_charset(value.substr(start + 2, charset_end - start - 2))) {
      result.append(value.substr(position, start + 2 - position));
      position = start + 2;
      continue;
    }
    const std::size_t payload_start = charset_end + 3;
    const std::size_t end = value.find("?=", payload_start);
    if (end == std::string_view::npos) break;
    const std::string_view payload = value.substr(payload_start, end - payload_start);
    if (payload.find_first_of(" \t\r\n") != std::string_view::npos) {
      result.append(value.substr(position, start + 2 - position));
      position = start + 2;
      continue;
    }
    result.append(value.substr(position, start - position));
    result += "=?";
    result.append(value.substr(start + 2, charset_end - start - 2));
    result += "?Q?";
    result += quoted_printable(decode_base64_leniently(payload));
    result += "?=";
    position = end + 2;
  }
  result.append(value.substr(position));
  return result;
}

namespace {

// Base64 of 52 characters, 64 with =?UTF-8?B??=, 74 after "Reply-To: ". A multiple of 3, so a
// word is padded only when it is the last, and readers that join words (GMime) lose nothing.
constexpr std::size_t kMaximumWordTextBytes = 39;

// The length of the UTF-8 sequence a leading byte starts (1 for anything else).
std::size_t sequence_length(char leading) {
  const auto byte = static_cast<unsigned char>(leading);
  if (byte >= 0xF0) return 4;
  if (byte >= 0xE0) return 3;
  if (byte >= 0xC0) return 2;
  return 1;
}

bool is_printable_ascii(std::string_view text) {
  for (const char character : text)
    if (character < 0x20 || character > 0x7E) return false;
  return true;
}

}  // namespace

std::string encoded_words(std::string_view text) {
  std::string result;
  while (!text.empty()) {
    std::size_t size = 0;
    while (size < text.size()) {
      const std::size_t next = std::min(text.size(), size + sequence_length(text[size]));
      if (next > kMaximumWordTextBytes) break;
      size = next;
    }
    if (!result.empty()) result += "\n ";
    result += "=?UTF-8?B?" + encode_base64(text.substr(0, size)) + "?=";
    text.remove_prefix(size);
  }
  return result;
}

std::string header_text(std::string_view text) {
  constexpr std::size_t kMaximumPlainBytes = 68;
  if (text.size() <= kMaximumPlainBytes && is_printable_ascii(text) &&
      text.find("=?") == std::string_view::npos)
    return std::string{text};
  return encoded_words(text);
}

std::string header_mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string{address};
  if (!is_printable_ascii(name) || name.find("=?") != std::string_view::npos)
    return encoded_words(name) + "\n <" + std::string{address} + ">";
  std::string quoted = "\"";
  for (const char character : name) {
    if (character == '"' || character == '\\') quoted += '\\';
    quoted += character;
  }
  return quoted + "\" <" + std::string{address} + ">";
}

}  // namespace torikumi::mail::detail
