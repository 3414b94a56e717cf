#pragma once

// The input limits of http/contract/limits.hpp held against a write's fields, the API's JSON body
// and the dashboard's forms alike.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/transport/http_error.hpp"

namespace torikumi::http {

// A text's length in characters (Unicode code points) as the forms' maxlength counts them for
// Japanese; a byte that is not valid UTF-8 counts as one.
std::size_t count_characters(std::string_view text);

// The first limited field over its limit, as unprocessable (422):
// `note: 501 characters, over the limit of 500`. Fields that are not strings are left to the
// write, which says what it expected.
std::optional<HttpError> check_field_limits(const nlohmann::json& fields);
std::optional<HttpError> check_field_limits(const std::map<std::string, std::string>& fields);

}  // namespace torikumi::http
