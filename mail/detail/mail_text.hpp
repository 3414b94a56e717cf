#pragma once

// Internal to mail/: the small text rules the outgoing and inbound sides share.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi::mail::detail {

// The error of the first byte that is not UTF-8 (engine/text/japanese_text.hpp's message and
// meaning), or nullopt when all of `text` is UTF-8. Allocates nothing for valid text.
std::optional<Error> first_invalid_utf8(std::string_view text);

// `text` with every byte that is not part of a UTF-8 sequence replaced by U+FFFD, for what an
// inbound message says of itself (names, subject) that torikumi only logs and shows.
std::string valid_utf8(std::string_view text);

// The 0-based index of the first C0 control character or DEL, or nullopt.
std::optional<std::size_t> first_control_character(std::string_view text);

// `text` with every line break (CRLF, LF alone, CR alone) written as CRLF: the canonical form of
// text/* bodies (RFC 2045 §6.8, RFC 2046 §4.1.1) and of iCalendar (RFC 5545 §3.1).
std::string with_crlf_line_ends(std::string_view text);

// ASCII letters lowered; other bytes as they are.
std::string ascii_lowercase(std::string_view text);
std::string ascii_uppercase(std::string_view text);

}  // namespace torikumi::mail::detail
