#pragma once

// Header values with parameters (RFC 9110 §5.6.6), as a webhook's sender writes them:
// `multipart/form-data; boundary="x"` and a form part's `form-data; name="email"`. Strict, since
// their senders are machines and what is read here decides which bytes are the message: a value
// that two readers could take differently is refused, not guessed at.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torikumi::http {

struct HeaderValue {
  // The value before its parameters, lowercase: "multipart/form-data", "form-data".
  std::string value;
  // Each parameter's name, lowercase, with its value unquoted (quoted-pairs undone), in order.
  std::vector<std::pair<std::string, std::string>> parameters;

  // The value of the parameter of that name (lowercase), if given.
  std::optional<std::string_view> parameter(std::string_view name) const;
};

// A Content-Type: type/subtype (two tokens), then `; name=value` parameters, each value a token
// or a quoted-string. nullopt for anything else: a missing subtype, a parameter without '=', an
// unterminated quote, a control character, or a parameter named twice (two boundaries).
std::optional<HeaderValue> parse_media_type(std::string_view text);

// A Content-Disposition: a token (form-data, attachment), then parameters as above.
std::optional<HeaderValue> parse_disposition(std::string_view text);

}  // namespace torikumi::http
