#include "engine/text/compatibility.hpp"

#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <array>

namespace torikumi {

namespace {

// Ranges no NFKC mapping touches, read without asking ICU: ASCII, the kana and the unified
// ideographs, which are nearly all of a sheet.
bool is_stable(char32_t code_point) {
  return code_point < 0x80 || (code_point >= 0x3041 && code_point <= 0x3096) ||
         (code_point >= 0x30A1 && code_point <= 0x30FA) ||
         (code_point >= 0x4E00 && code_point <= 0x9FFF);
}

const UNormalizer2* nfkc() {
  static const UNormalizer2* const normaliser = [] {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* instance = unorm2_getNFKCInstance(&status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  return normaliser;
}

}  // namespace

std::u32string compatibility_form(char32_t code_point) {
  if (is_stable(code_point) || code_point > 0x10FFFF || nfkc() == nullptr)
    return std::u32string(1, code_point);
  std::array<UChar, 2> source{};
  int32_t length = 0;
  U16_APPEND_UNSAFE(source.data(), length, static_cast<UChar32>(code_point));
  // The longest NFKC expansion of one code point is 18 UTF-16 units (U+FDFA).
  std::array<UChar, 32> normalised{};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t written = unorm2_normalize(nfkc(), source.data(), length, normalised.data(),
                                           static_cast<int32_t>(normalised.size()), &status);
  if (U_FAILURE(status) || written <= 0) return std::u32string(1, code_point);
  std::u32string out;
  for (int32_t i = 0; i < written;) {
    UChar32 unit = 0;
    U16_NEXT(normalised.data(), i, written, unit);
    out.push_back(static_cast<char32_t>(unit));
  }
  return out;
}

}  // namespace torikumi
