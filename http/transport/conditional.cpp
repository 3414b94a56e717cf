#include "http/transport/conditional.hpp"

#include <cstdint>
#include <cstdio>
#include <locale>
#include <sstream>

namespace torikumi::http {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view opaque_tag(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

std::string strong_etag(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char text[48];
  std::snprintf(text, sizeof text, "\"%016llx-%zx\"", static_cast<unsigned long long>(hash),
                bytes.size());
  return text;
}

bool if_none_match_matches(std::string_view header, std::string_view etag) {
  header = trim(header);
  if (header == "*") return true;
  const std::string_view wanted = opaque_tag(etag);
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view tag = header.substr(0, comma);
    if (opaque_tag(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string http_date(date::sys_seconds instant) {
  return date::format("%a, %d %b %Y %H:%M:%S GMT", instant);
}

std::optional<date::sys_seconds> parse_http_date(std::string_view text) {
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    std::istringstream in{std::string{text}};
    in.imbue(std::locale::classic());
    date::sys_seconds instant;
    in >> date::parse(format, instant);
    if (in.fail()) continue;
    if (in.peek() != std::char_traits<char>::eof()) continue;  // trailing text
    return instant;
  }
  return std::nullopt;
}

bool is_not_modified(std::optional<std::string_view> if_none_match,
                     std::optional<std::string_view> if_modified_since, std::string_view etag,
                     date::sys_seconds last_modified) {
  if (if_none_match) return if_none_match_matches(*if_none_match, etag);
  if (!if_modified_since) return false;
  const auto since = parse_http_date(*if_modified_since);
  return since && last_modified <= *since;
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    std::string_view item = trim(accept_encoding.substr(0, comma));
    accept_encoding.remove_prefix(comma == std::string_view::npos ? accept_encoding.size()
                                                                  : comma + 1);
    std::string_view quality;
    if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      quality = trim(item.substr(semicolon + 1));
      item = trim(item.substr(0, semicolon));
    }
    const std::string coding = lower(item);
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (quality.starts_with("q=") || quality.starts_with("Q=")) {
      const std::string_view value = quality.substr(2);
      // q=0, q=0.0, q=0.000: refused.
      if (value.find_first_not_of("0.") == std::string_view::npos) return false;
    }
    return true;
  }
  return false;
}

}  // namespace torikumi::http
