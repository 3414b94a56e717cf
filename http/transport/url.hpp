#pragma once

// Percent-encoding of path segments and query values (RFC 3986), and reading what a browser
// sends back: form bodies (application/x-www-form-urlencoded) and cookies.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace torikumi::http {

// Every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) as %XX: 東区役所 → %E6%9D%B1….
std::string percent_encode(std::string_view text);

// %XX back to its byte and, in a form, '+' to a space. A '%' not followed by two hex digits stays
// as it is.
std::string percent_decode(std::string_view text, bool plus_is_space);

// The fields of an application/x-www-form-urlencoded body; a name given twice keeps the first.
std::map<std::string, std::string> parse_form(std::string_view body);
// One field of a parsed form; empty when the form has none of that name.
std::string form_field(const std::map<std::string, std::string>& fields, const std::string& name);

// A feed's http:// or https:// URL as calendar apps subscribe to it: webcal://, the rest kept.
// Any other text comes back as it is.
std::string webcal_url(std::string_view url);

// The value of one cookie in a Cookie header (`a=1; lang=en`), or nothing.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// Where a sign-in may send the browser on: `next` when it is a path of this server, else "/".
// Refused: anything that does not start with '/', "//" and any backslash (browsers read both as
// another host), and any control character (0x00-0x1f, 0x7f): browsers drop tabs and newlines
// from a URL, so "/\t/evil.example" would become "//evil.example".
std::string safe_next(std::string_view next);

}  // namespace torikumi::http
