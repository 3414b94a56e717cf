#include "http/inbound/multipart_form.hpp"

#include <algorithm>

#include "http/inbound/header_parameters.hpp"

namespace torikumi::http {

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kLongestBoundary = 70;

// RFC 2046 §5.1.1 bchars: a boundary of 1 to 70 of them, not ending in a space.
bool is_boundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > kLongestBoundary || boundary.back() == ' ')
    return false;
  return std::all_of(boundary.begin(), boundary.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view{"'()+_,-./:=? "}.find(c) != std::string_view::npos;
  });
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

HttpError malformed(std::string message) {
  return {ErrorKind::bad_request, "multipart/form-data: " + std::move(message)};
}

HttpError in_part(std::size_t part, std::string_view what) {
  return malformed("part " + std::to_string(part) + ": " + std::string{what});
}

// The header lines of part `part` (between its boundary line and the blank line), read into
// `field`; an error when they are not a form field's.
std::optional<HttpError> read_part_headers(std::string_view block, std::size_t part,
                                           FormField& field) {
  // Unfolded lines: a line that starts with a blank continues the one before.
  std::vector<std::string> lines;
  while (!block.empty()) {
    const auto end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    if (!lines.empty() && (line.starts_with(' ') || line.starts_with('\t')))
      lines.back().append(line);
    else
      lines.emplace_back(line);
    if (end == std::string_view::npos) break;
    block.remove_prefix(end + kCrlf.size());
  }
  bool disposition_read = false;
  bool content_type_read = false;
  bool encoding_read = false;
  for (const std::string& line : lines) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) return in_part(part, "a header line without a colon");
    const std::string_view name = trimmed(std::string_view{line}.substr(0, colon));
    const std::string_view value = trimmed(std::string_view{line}.substr(colon + 1));
    const auto once = [&](bool& read, std::string_view header) -> std::optional<HttpError> {
      if (read) return in_part(part, std::string{header} + " given twice");
      read = true;
      return std::nullopt;
    };
    if (equal_ignoring_case(name, "Content-Disposition")) {
      if (auto twice = once(disposition_read, "Content-Disposition")) return twice;
      const auto disposition = parse_disposition(value);
      const auto field_name = disposition ? disposition->parameter("name") : std::nullopt;
      if (!disposition || disposition->value != "form-data" || !field_name)
        return in_part(part, "no Content-Disposition: form-data with a name");
      field.name = std::string{*field_name};
      if (const auto filename = disposition->parameter("filename"))
        field.filename = std::string{*filename};
    } else if (equal_ignoring_case(name, "Content-Type")) {
      if (auto twice = once(content_type_read, "Content-Type")) return twice;
      field.content_type = std::string{value};
    } else if (equal_ignoring_case(name, "Content-Transfer-Encoding")) {
      if (auto twice = once(encoding_read, "Content-Transfer-Encoding")) return twice;
      if (!equal_ignoring_case(value, "7bit") && !equal_ignoring_case(value, "8bit") &&
          !equal_ignoring_case(value, "binary"))
        return in_part(part, "a Content-Transfer-Encoding other than 7bit, 8bit or binary");
    }
  }
  if (!disposition_read) return in_part(part, "no Content-Disposition: form-data with a name");
  return std::nullopt;
}

}  // namespace

// Searching for CRLF "--" BOUNDARY is linear: CR appears in it only first, so two partial matches
// never overlap.
Result<std::vector<FormField>, HttpError> read_multipart_form(std::string_view boundary,
                                                              std::string_view body,
                                                              const MultipartLimits& limits) {
  if (!is_boundary(boundary))
    return malformed("the boundary is not 1 to 70 of RFC 2046's characters");
  const std::string dash_boundary = "--" + std::string{boundary};
  const std::string delimiter = std::string{kCrlf} + dash_boundary;
  std::size_t position = 0;
  if (!body.starts_with(dash_boundary)) {
    const auto found = body.find(delimiter);
    if (found == std::string_view::npos) return malformed("no boundary line");
    position = found + kCrlf.size();
  }
  position += dash_boundary.size();
  std::vector<FormField> fields;
  while (true) {
    const std::size_t part = fields.size() + 1;
    // After a boundary: "--" closes the body; else blanks, then the line's end.
    std::string_view rest = body.substr(position);
    if (rest.starts_with("--")) return fields;
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.starts_with(kCrlf))
      return in_part(part, rest.empty() ? "the body ends before its closing boundary"
                                        : "a line starts with the boundary but is not a boundary "
                                          "line");
    rest.remove_prefix(kCrlf.size());
    if (part > limits.max_parts)
      return HttpError{
          ErrorKind::payload_too_large,
          "multipart/form-data: more than " + std::to_string(limits.max_parts) + " parts"};
    // The headers, up to a blank line (at once when the part has none).
    std::size_t headers_end = 0;
    if (!rest.starts_with(kCrlf)) {
      const std::string_view window = rest.substr(0, limits.max_header_bytes + 2 * kCrlf.size());
      const auto blank = window.find("\r\n\r\n");
      if (blank == std::string_view::npos) {
        if (window.size() < rest.size())
          return HttpError{ErrorKind::payload_too_large,
                           "multipart/form-data: part " + std::to_string(part) + ": headers over " +
                               std::to_string(limits.max_header_bytes) + " bytes"};
        return in_part(part, "the body ends inside its headers");
      }
      headers_end = blank + kCrlf.size();
    }
    FormField field;
    if (auto problem = read_part_headers(rest.substr(0, headers_end), part, field)) return *problem;
    const std::size_t content = body.size() - rest.size() + headers_end + kCrlf.size();
    const auto next = body.find(delimiter, content);
    if (next == std::string_view::npos)
      return in_part(part, "the body ends before its closing boundary");
    field.value = body.substr(content, next - content);
    fields.push_back(std::move(field));
    position = next + delimiter.size();
  }
}

}  // namespace torikumi::http
