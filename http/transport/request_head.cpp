#include "http/transport/request_head.hpp"

#include <algorithm>
#include <array>

namespace torikumi::http {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Whether a comma-separated field value (Connection) lists `token`.
bool lists_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (equals_ignoring_case(trim_blanks(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// tchar (RFC 9110 §5.6.2): what a method and a field name are made of.
bool is_token_char(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return kSymbols.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Refusal bad(std::string message) { return Refusal{400, std::move(message), ""}; }

// Reads one line ending in CRLF from `bytes` at `position`: the line, and moves past it. A bare CR
// or LF in it, or no CRLF, is nothing.
std::optional<std::string_view> take_line(std::string_view bytes, std::size_t& position) {
  const auto end = bytes.find("\r\n", position);
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view line = bytes.substr(position, end - position);
  if (line.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  position = end + 2;
  return line;
}

// The methods served; any other is 501 (and never becomes a label in the metrics).
constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};

// Whether a field value holds a control character other than tab.
bool has_control(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
  });
}

// The fields the loop deals with itself, left out of normalized().
constexpr std::array<std::string_view, 7> kHandledFields = {
    "Content-Length", "Transfer-Encoding", "Expect", "TE", "Trailer", "Range", "If-Range"};

}  // namespace

std::optional<std::size_t> head_length(std::string_view bytes) {
  std::size_t from = 0;
  while (true) {
    const auto newline = bytes.find('\n', from);
    if (newline == std::string_view::npos) return std::nullopt;
    if (newline + 1 < bytes.size() && bytes[newline + 1] == '\n') return newline + 2;
    if (newline + 2 < bytes.size() && bytes[newline + 1] == '\r' && bytes[newline + 2] == '\n')
      return newline + 3;
    if (newline + 2 >= bytes.size()) return std::nullopt;  // the rest may be the blank line
    from = newline + 1;
  }
}

Result<RequestHead, Refusal> RequestHead::parse(std::string_view bytes) {
  RequestHead head;
  std::size_t position = 0;
  const auto line = take_line(bytes, position);
  if (!line) return bad("the request line does not end in CRLF");
  if (auto refused = head.read_request_line(*line)) return std::move(*refused);
  if (auto refused = head.read_fields(bytes, position)) return std::move(*refused);
  if (position != bytes.size()) return bad("bytes after the header's blank line");
  if (auto refused = head.read_framing()) return std::move(*refused);
  if (auto refused = head.check_method_and_body()) return std::move(*refused);
  for (const auto& [name, value] : head.fields_) {
    if (!equals_ignoring_case(name, "Expect")) continue;
    if (!equals_ignoring_case(value, "100-continue"))
      return Refusal{417, "the only expectation met is 100-continue", ""};
    head.expects_continue_ = head.has_body();
  }
  return head;
}

std::optional<Refusal> RequestHead::read_request_line(std::string_view line) {
  const auto first = line.find(' ');
  const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos)
    return bad("the request line is not METHOD TARGET VERSION, one space apart");
  method_ = line.substr(0, first);
  target_ = line.substr(first + 1, second - first - 1);
  version_ = line.substr(second + 1);
  if (!is_token(method_)) return bad("the method is not a token");
  if (std::find(kMethods.begin(), kMethods.end(), method_) == kMethods.end())
    return Refusal{501, "the method is not one this server serves", ""};
  if (version_ == "HTTP/1.0") {
    http10_ = true;
  } else if (version_ != "HTTP/1.1") {
    const bool looks_like_version = version_.size() == 8 && version_.starts_with("HTTP/") &&
                                    is_digits(version_.substr(5, 1)) && version_[6] == '.' &&
                                    is_digits(version_.substr(7, 1));
    if (looks_like_version) return Refusal{505, "only HTTP/1.0 and HTTP/1.1 are served", ""};
    return bad("the request line's version is not HTTP/x.y");
  }
  const bool asterisk = target_ == "*" && method_ == "OPTIONS";
  if (target_.empty() || (target_.front() != '/' && !asterisk))
    return bad("the request target is not a path");
  for (const char c : target_)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return bad("the request target holds a control, space or non-ASCII byte");
  return std::nullopt;
}

std::optional<Refusal> RequestHead::read_fields(std::string_view bytes, std::size_t& position) {
  while (true) {
    const auto field = take_line(bytes, position);
    if (!field) return bad("a header line does not end in CRLF");
    if (field->empty()) return std::nullopt;  // the blank line
    if (field->front() == ' ' || field->front() == '\t')
      return bad("obsolete line folding in the header");
    const auto colon = field->find(':');
    if (colon == std::string_view::npos) return bad("a header line has no colon");
    const std::string_view name = field->substr(0, colon);
    if (!is_token(name)) return bad("a header field name is not a token");
    const std::string_view value = trim_blanks(field->substr(colon + 1));
    if (has_control(value)) return bad("a header field value holds a control character");
    if (fields_.size() == kMaxFields)
      return bad("more than " + std::to_string(kMaxFields) + " header fields");
    fields_.emplace_back(name, value);
  }
}

// Host, and the body's framing (RFC 9112 §3.2, §6.1, §6.3).
std::optional<Refusal> RequestHead::read_framing() {
  std::size_t hosts = 0;
  std::size_t lengths = 0;
  std::size_t codings = 0;
  std::optional<std::string_view> length;
  std::optional<std::string_view> coding;
  for (const auto& [name, value] : fields_) {
    if (equals_ignoring_case(name, "Host")) ++hosts;
    if (equals_ignoring_case(name, "Content-Length")) {
      ++lengths;
      length = value;
    }
    if (equals_ignoring_case(name, "Transfer-Encoding")) {
      ++codings;
      coding = value;
    }
  }
  if (hosts > 1) return bad("two Host fields");
  if (hosts == 0 && !http10_) return bad("an HTTP/1.1 request without Host");
  if (lengths > 1) return bad("two Content-Length fields");
  if (codings > 1) return bad("two Transfer-Encoding fields");
  if (coding && length) return bad("both Transfer-Encoding and Content-Length");
  if (coding && http10_) return bad("Transfer-Encoding in an HTTP/1.0 request");
  if (coding) {
    if (!equals_ignoring_case(*coding, "chunked"))
      return Refusal{501, "the only transfer coding served is chunked", ""};
    framing_ = BodyFraming::chunked;
  } else if (length) {
    if (!is_digits(*length) || length->size() > 18)
      return bad("Content-Length is not a number of bytes");
    std::uint64_t value = 0;
    for (const char c : *length) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    framing_ = BodyFraming::content_length;
    content_length_ = value;
  }
  return std::nullopt;
}

std::optional<Refusal> RequestHead::check_method_and_body() const {
  const std::string_view method = method_;
  if (has_body() && (method == "GET" || method == "HEAD" || method == "OPTIONS"))
    return bad("no body is taken with " + std::string{method});
  if (framing_ == BodyFraming::none && (method == "POST" || method == "PUT" || method == "PATCH"))
    return Refusal{411, std::string{method} + " needs Content-Length or Transfer-Encoding: chunked",
                   ""};
  if (const auto encoding = field("Content-Encoding");
      encoding && !equals_ignoring_case(*encoding, "identity"))
    return Refusal{415, "request bodies are taken without Content-Encoding", ""};
  return std::nullopt;
}

std::optional<std::string_view> RequestHead::field(std::string_view name) const {
  for (const auto& [field_name, value] : fields_)
    if (equals_ignoring_case(field_name, name)) return value;
  return std::nullopt;
}

bool RequestHead::has_body() const {
  return framing_ == BodyFraming::chunked ||
         (framing_ == BodyFraming::content_length && content_length_ > 0);
}

bool RequestHead::keeps_alive() const {
  const auto connection = field("Connection");
  if (http10_) return connection && lists_token(*connection, "keep-alive");
  return !connection || !lists_token(*connection, "close");
}

std::string RequestHead::normalized(std::string_view body) const {
  std::string out;
  out.reserve(256 + body.size());
  out.append(method_).append(" ").append(target_).append(" ").append(version_).append("\r\n");
  for (const auto& field : fields_) {
    const bool handled =
        std::any_of(kHandledFields.begin(), kHandledFields.end(),
                    [&](std::string_view name) { return equals_ignoring_case(name, field.first); });
    if (handled) continue;
    // cpp-httplib 0.11.4 percent-decodes every header value it reads: each % is written as %25,
    // so that what the handlers see is what the loop checked.
    out.append(field.first).append(": ");
    for (const char c : field.second) {
      if (c == '%') {
        out.append("%25");
      } else {
        out += c;
      }
    }
    out.append("\r\n");
  }
  const bool takes_length =
      method_ == "POST" || method_ == "PUT" || method_ == "PATCH" || method_ == "DELETE";
  if (!body.empty() || takes_length || framing_ != BodyFraming::none)
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  out.append("\r\n").append(body);
  return out;
}

// --- ChunkedBody --------------------------------------------------------------------------------

Result<std::size_t, Refusal> ChunkedBody::read(std::string_view input) {
  std::size_t taken = 0;
  const auto line_at = [&](std::size_t limit) -> Result<std::optional<std::string_view>, Refusal> {
    const std::string_view rest = input.substr(taken);
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) {
      if (rest.size() > limit) return bad("a chunk line over " + std::to_string(limit) + " bytes");
      return std::optional<std::string_view>{};
    }
    if (newline == 0 || rest[newline - 1] != '\r') return bad("a chunk line ends in a bare LF");
    if (newline - 1 > limit) return bad("a chunk line over " + std::to_string(limit) + " bytes");
    const std::string_view line = rest.substr(0, newline - 1);
    if (line.find('\r') != std::string_view::npos) return bad("a bare CR in a chunk line");
    taken += newline + 1;
    return std::optional<std::string_view>{line};
  };
  while (state_ != State::done) {
    if (state_ == State::chunk_data) {
      const std::size_t available = input.size() - taken;
      if (available == 0) break;
      const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, available));
      data_.append(input.substr(taken, count));
      taken += count;
      chunk_left_ -= count;
      if (chunk_left_ == 0) state_ = State::chunk_end;
      continue;
    }
    if (state_ == State::chunk_end) {
      if (input.size() - taken < 2) break;
      if (input.substr(taken, 2) != "\r\n") return bad("a chunk's data is not followed by CRLF");
      taken += 2;
      state_ = State::size_line;
      continue;
    }
    const bool trailers = state_ == State::trailers;
    auto line = line_at(trailers ? kMaxTrailerBytes : kMaxLineBytes);
    if (!line) return line.error();
    if (!*line) break;  // the rest of the line has not arrived
    const std::string_view text = **line;
    if (trailers) {
      trailer_bytes_ += text.size() + 2;
      if (trailer_bytes_ > kMaxTrailerBytes)
        return bad("trailer fields over " + std::to_string(kMaxTrailerBytes) + " bytes");
      if (text.empty()) {
        state_ = State::done;
      } else {
        const auto colon = text.find(':');
        if (colon == std::string_view::npos || !is_token(text.substr(0, colon)) ||
            has_control(text.substr(colon + 1)))
          return bad("a trailer line is not a field");
      }
      continue;
    }
    // chunk-size [ chunk-ext ]: the extension is dropped.
    std::string_view size = text.substr(0, text.find(';'));
    while (!size.empty() && (size.back() == ' ' || size.back() == '\t')) size.remove_suffix(1);
    if (size.empty() || size.size() > 15 || !std::all_of(size.begin(), size.end(), [](char c) {
          return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }))
      return bad("a chunk size is not hexadecimal");
    std::uint64_t value = 0;
    for (const char c : size)
      value = value * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : lower(c) - 'a' + 10);
    chunk_left_ = value;
    state_ = value == 0 ? State::trailers : State::chunk_data;
  }
  return taken;
}

}  // namespace torikumi::http
