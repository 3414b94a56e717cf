#include "engine/sheet/sheet_warnings.hpp"

#include <algorithm>

#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

constexpr std::size_t kQuoteLength = 40;  // characters of a row shown in a warning

}  // namespace

void SheetWarnings::warn(std::size_t line, std::string message) {
  lines_.emplace_back(line, Diagnostic{name_ + ":" + std::to_string(line), std::move(message)});
}

Diagnostics SheetWarnings::in_line_order() && {
  std::stable_sort(lines_.begin(), lines_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Diagnostics warnings;
  for (auto& [line, warning] : lines_) warnings.push_back(std::move(warning));
  return warnings;
}

std::string quoted_excerpt(std::string_view text) {
  const std::u32string characters = code_points_of(text);
  if (characters.size() <= kQuoteLength) return in_quotes(text);
  return in_quotes(encode_utf8(std::u32string_view(characters).substr(0, kQuoteLength)) + "…");
}

std::string unique_id(std::string candidate, std::set<std::string>& taken, std::size_t line,
                      std::string_view text, SheetWarnings& warnings) {
  if (taken.insert(candidate).second) return candidate;
  for (int suffix = 2;; ++suffix) {
    std::string next = candidate + "-" + std::to_string(suffix);
    if (taken.insert(next).second) {
      warnings.warn(
          line, quoted_excerpt(text) + " is written more than once; its id is \"" + next + "\"");
      return next;
    }
  }
}

}  // namespace torikumi
