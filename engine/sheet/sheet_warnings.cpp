#include "engine/sheet/sheet_warnings.hpp"

#include <algorithm>

#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

constexpr std::size_t kQuoteLength = 40;  // characters of a row shown in a warning

}  // namespace

std::string_view to_string(SheetWarningKind kind) {
  switch (kind) {
    case SheetWarningKind::note:
      return "note";
    case SheetWarningKind::schedule_refused:
      return "schedule_refused";
  }
  return "note";
}

std::optional<SheetWarningKind> parse_sheet_warning_kind(std::string_view text) {
  for (const SheetWarningKind kind : {SheetWarningKind::note, SheetWarningKind::schedule_refused})
    if (to_string(kind) == text) return kind;
  return std::nullopt;
}

std::size_t count_warnings(const std::vector<SheetWarning>& warnings, SheetWarningKind kind) {
  return static_cast<std::size_t>(
      std::count_if(warnings.begin(), warnings.end(),
                    [kind](const SheetWarning& warning) { return warning.kind == kind; }));
}

void SheetWarnings::warn(std::size_t line, std::string message, Meaning meaning,
                         SheetWarningKind kind) {
  const bool repeated = std::any_of(lines_.begin(), lines_.end(), [&](const auto& warning) {
    return warning.first == line && warning.second.diagnostic.message == message;
  });
  if (repeated) return;
  lines_.emplace_back(
      line, SheetWarning{Diagnostic{name_ + ":" + std::to_string(line), std::move(message),
                                    std::nullopt, std::move(meaning)},
                         kind, line});
}

std::vector<SheetWarning> SheetWarnings::in_line_order() && {
  std::stable_sort(lines_.begin(), lines_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SheetWarning> warnings;
  for (auto& [line, warning] : lines_) warnings.push_back(std::move(warning));
  return warnings;
}

std::string excerpt(std::string_view text) {
  const std::u32string characters = code_points_of(text);
  if (characters.size() <= kQuoteLength) return std::string{text};
  return encode_utf8(std::u32string_view(characters).substr(0, kQuoteLength)) + "…";
}

std::string quoted_excerpt(std::string_view text) { return in_quotes(excerpt(text)); }

std::string unique_id(std::string candidate, TakenIds& taken, std::size_t line,
                      std::string_view text, SheetWarnings& warnings) {
  const std::string key = text_key(text);
  const auto holder = taken.find(candidate);
  if (holder == taken.end()) {
    taken.emplace(candidate, key);
    return candidate;
  }
  const bool written_again = holder->second == key;
  for (int suffix = 2;; ++suffix) {
    std::string next = candidate + "-" + std::to_string(suffix);
    if (!taken.emplace(next, key).second) continue;
    if (written_again)
      warnings.warn(line,
                    quoted_excerpt(text) + " is written more than once; its id is \"" + next + "\"",
                    meaning_of(sheet_meaning::kWrittenAgain, {excerpt(text), next}));
    return next;
  }
}

}  // namespace torikumi
