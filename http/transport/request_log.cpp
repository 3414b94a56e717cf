#include "http/transport/request_log.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

#include "engine/calendar/time_text.hpp"

namespace torikumi::http {

namespace {

// The length of the UTF-8 sequence at `text[at]`, or 0 when it is not a valid one.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(at);
  if (lead < 0xC2 || lead > 0xF4) return 0;
  const std::size_t length = lead <= 0xDF ? 2 : lead <= 0xEF ? 3 : 4;
  const unsigned minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (at + length > text.size()) return 0;
  unsigned code_point = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF))
    return 0;
  return length;
}

// A JSON string: quotes, backslashes and control characters escaped, UTF-8 kept, invalid bytes
// replaced by U+FFFD (a path is whatever bytes a client sent).
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if (const std::size_t length = utf8_sequence(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

void append_number(std::string& out, std::uint64_t value) {
  char digits[24];
  const auto [end, status] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

}  // namespace

// Written by hand, not through nlohmann::json and date::format: it runs once per request, and
// those took a fifth of a feed request's instructions (bench/http.md).
std::string format_log_line(const RequestLogEntry& entry) {
  std::string line;
  line.reserve(160 + entry.path.size());
  const auto seconds = date::floor<std::chrono::seconds>(entry.time);
  std::string time = format_utc_instant(seconds);  // 2026-04-01T00:00:01Z
  const auto milliseconds = static_cast<unsigned>((entry.time - seconds).count());
  time.pop_back();
  time += '.';
  time += static_cast<char>('0' + milliseconds / 100);
  time += static_cast<char>('0' + milliseconds / 10 % 10);
  time += static_cast<char>('0' + milliseconds % 10);
  time += 'Z';
  line += "{\"time\":";
  append_json_string(line, time);
  line += ",\"method\":";
  append_json_string(line, entry.method);
  line += ",\"path\":";
  append_json_string(line, entry.path);
  line += ",\"route\":";
  append_json_string(line, entry.route);
  line += ",\"status\":";
  append_number(line, static_cast<std::uint64_t>(entry.status < 0 ? 0 : entry.status));
  line += ",\"bytes\":";
  append_number(line, entry.bytes);
  // Milliseconds with up to three decimals, as a JSON number: 0.25, 12.0.
  const auto micros =
      static_cast<std::uint64_t>(entry.latency.count() < 0 ? 0 : entry.latency.count());
  line += ",\"ms\":";
  append_number(line, micros / 1000);
  line += '.';
  std::uint64_t fraction = micros % 1000;
  if (fraction == 0) {
    line += '0';
  } else {
    char decimals[3] = {static_cast<char>('0' + fraction / 100),
                        static_cast<char>('0' + fraction / 10 % 10),
                        static_cast<char>('0' + fraction % 10)};
    std::size_t count = 3;
    while (count > 1 && decimals[count - 1] == '0') --count;
    line.append(decimals, count);
  }
  line += ",\"remote\":";
  append_json_string(line, entry.remote);
  line += '}';
  return line;
}

}  // namespace torikumi::http
