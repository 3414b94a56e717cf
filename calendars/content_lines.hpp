#pragma once

// RFC 5545 content lines: folding long lines at 75 octets and unfolding them.
//
// libical 3.0.16 folds on its own, at 75 octets and on UTF-8 boundaries, but it can land a fold
// between the CR and the LF of a line end (leaving a bare CR and a bare LF, a line of one
// space) and prefers breaks after ':' ';' ' ' that leave lines near-empty. So every feed is
// unfolded after libical writes it and folded again here.

#include <string>
#include <string_view>

namespace torikumi::calendars {

// Removes every fold (CRLF followed by one space or tab).
std::string unfold_lines(std::string_view text);
void append_unfolded(std::string& out, std::string_view text);

// Folds each CRLF-terminated line longer than 75 octets: the first part up to 75 octets, then
// continuation lines of a space and up to 74 octets, never splitting a UTF-8 character. Lines
// end in CRLF; a last line without one gets one.
std::string fold_lines(std::string_view unfolded);
void append_folded(std::string& out, std::string_view unfolded);

}  // namespace torikumi::calendars
