#pragma once

// Percent-encoding of path segments and query values (RFC 3986).

#include <string>
#include <string_view>

namespace torikumi::http {

// Every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) as %XX: 東区役所 → %E6%9D%B1….
std::string percent_encode(std::string_view text);

}  // namespace torikumi::http
