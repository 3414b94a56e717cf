#include "http/inbound/header_parameters.hpp"

#include <algorithm>

namespace torikumi::http {

namespace {

// RFC 9110 §5.6.2 tchar.
bool is_token_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
}

std::string lowercase(std::string_view text) {
  std::string lowered{text};
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lowered;
}

void skip_blanks(std::string_view& text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
}

// The token at the start of `text`, taken off it; empty when there is none.
std::string_view take_token(std::string_view& text) {
  const auto end = std::find_if_not(text.begin(), text.end(), is_token_character);
  const std::string_view token = text.substr(0, static_cast<std::size_t>(end - text.begin()));
  text.remove_prefix(token.size());
  return token;
}

// A quoted-string at the start of `text` (which starts with '"'), unquoted and taken off it.
std::optional<std::string> take_quoted(std::string_view& text) {
  std::string value;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      text.remove_prefix(i + 1);
      return value;
    }
    if (c == '\\') {
      if (++i == text.size()) return std::nullopt;
      value += text[i];
      continue;
    }
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return std::nullopt;
    value += c;
  }
  return std::nullopt;  // no closing quote
}

// `; name=value` parameters up to the end of `text`, after the value.
std::optional<HeaderValue> read_parameters(std::string value, std::string_view text) {
  HeaderValue header{std::move(value), {}};
  while (true) {
    skip_blanks(text);
    if (text.empty()) return header;
    if (text.front() != ';') return std::nullopt;
    text.remove_prefix(1);
    skip_blanks(text);
    if (text.empty()) return header;  // a trailing ';', as some senders write
    const std::string name = lowercase(take_token(text));
    if (name.empty() || text.empty() || text.front() != '=') return std::nullopt;
    text.remove_prefix(1);
    std::string parameter;
    if (!text.empty() && text.front() == '"') {
      auto quoted = take_quoted(text);
      if (!quoted) return std::nullopt;
      parameter = std::move(*quoted);
    } else {
      parameter = std::string{take_token(text)};
      if (parameter.empty()) return std::nullopt;
    }
    if (header.parameter(name)) return std::nullopt;  // named twice
    header.parameters.emplace_back(name, std::move(parameter));
  }
}

}  // namespace

std::optional<std::string_view> HeaderValue::parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters)
    if (key == name) return value;
  return std::nullopt;
}

std::optional<HeaderValue> parse_media_type(std::string_view text) {
  skip_blanks(text);
  const std::string_view type = take_token(text);
  if (type.empty() || text.empty() || text.front() != '/') return std::nullopt;
  text.remove_prefix(1);
  const std::string_view subtype = take_token(text);
  if (subtype.empty()) return std::nullopt;
  return read_parameters(lowercase(type) + "/" + lowercase(subtype), text);
}

std::optional<HeaderValue> parse_disposition(std::string_view text) {
  skip_blanks(text);
  const std::string_view kind = take_token(text);
  if (kind.empty()) return std::nullopt;
  return read_parameters(lowercase(kind), text);
}

}  // namespace torikumi::http
