#include "calendars/content_lines.hpp"

namespace torikumi::calendars {

namespace {

constexpr std::size_t kMaxOctets = 75;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The longest prefix of `text` of at most `limit` octets that ends on a character boundary.
std::size_t cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t length = limit;
  while (length > 0 && is_continuation_byte(text[length])) --length;
  // Not UTF-8 at all (a run of continuation bytes): cut where the limit says rather than loop.
  return length == 0 ? limit : length;
}

void append_folded_line(std::string& out, std::string_view line) {
  std::size_t length = cut(line, kMaxOctets);
  out.append(line.substr(0, length));
  line.remove_prefix(length);
  while (!line.empty()) {
    out.append("\r\n ");
    length = cut(line, kMaxOctets - 1);
    out.append(line.substr(0, length));
    line.remove_prefix(length);
  }
  out.append("\r\n");
}

}  // namespace

void append_unfolded(std::string& out, std::string_view text) {
  std::size_t begin = 0;
  std::size_t from = 0;
  for (;;) {
    const std::size_t cr = text.find('\r', from);
    if (cr == std::string_view::npos) break;
    if (cr + 2 < text.size() && text[cr + 1] == '\n' &&
        (text[cr + 2] == ' ' || text[cr + 2] == '\t')) {
      out.append(text.substr(begin, cr - begin));
      begin = from = cr + 3;
    } else {
      from = cr + 1;
    }
  }
  out.append(text.substr(begin));
}

std::string unfold_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_unfolded(out, text);
  return out;
}

void append_folded(std::string& out, std::string_view unfolded) {
  while (!unfolded.empty()) {
    const std::size_t end = unfolded.find("\r\n");
    append_folded_line(out, unfolded.substr(0, end));
    if (end == std::string_view::npos) break;
    unfolded.remove_prefix(end + 2);
  }
}

std::string fold_lines(std::string_view unfolded) {
  std::string out;
  out.reserve(unfolded.size() + unfolded.size() / 24);
  append_folded(out, unfolded);
  return out;
}

}  // namespace torikumi::calendars
