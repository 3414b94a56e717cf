#pragma once

// Compatibility characters read as what they stand for: Unicode's NFKC of one character (ICU's
// normaliser), so that text from PDF-to-text and old spreadsheets matches what a person typed.
// ⽉ (U+2F49, the Kangxi radical) → 月, ４ → 4, ～ → ~, ｶ → カ, ① → 1, ㍻ → 平成.

#include <string>

namespace torikumi {

// The NFKC form of one code point: itself for most, several for some (㍻ → 平成). Each
// character alone: a sequence that composes only with its neighbours (a letter and a separate
// combining mark) is left as written. Never empty for a valid code point.
std::u32string compatibility_form(char32_t code_point);

}  // namespace torikumi
