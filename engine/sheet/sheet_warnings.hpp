#pragma once

// What the importer's phases share to report on a sheet: the warnings, each located by line
// and given back in line order, and the two ways a warning names a text (internal to
// engine/sheet; import_sheet is the public face, SheetWarning and its kind are public).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// What a sheet's warning means for the plan, so that a caller can tell them apart without
// reading their text.
enum class SheetWarningKind {
  // Something left out, renamed or numbered apart; the plan still holds what the sheet means.
  note,
  // A schedule written on the sheet that the plan does not keep: a group that reads like a
  // schedule but is not understood (an unclosed or unmatched bracket included), one that ends
  // before it starts in the fiscal year, or a line with a bracket that has no partner
  // (会議の開催4、6月）). Its task is undated or keeps the text in its title.
  schedule_refused,
};

// "note", "schedule_refused": the kind as the API's answers and the stored warnings name it.
std::string_view to_string(SheetWarningKind kind);

// The kind `text` names (to_string's), nullopt for another text.
std::optional<SheetWarningKind> parse_sheet_warning_kind(std::string_view text);

// One warning of a sheet: `sheet:14: unrecognised row "メモ"`, its kind and its line; the
// diagnostic's meaning names its sentence (sheet_meaning.hpp).
struct SheetWarning {
  Diagnostic diagnostic;
  SheetWarningKind kind = SheetWarningKind::note;
  std::size_t line = 0;  // of the sheet (a workbook's row), from 1; 0 when not known
  bool operator==(const SheetWarning&) const = default;

  std::string to_string() const { return diagnostic.to_string(); }
};

// How many of `warnings` are of `kind`.
std::size_t count_warnings(const std::vector<SheetWarning>& warnings, SheetWarningKind kind);

// The warnings of one sheet, located as NAME:LINE.
class SheetWarnings {
 public:
  explicit SheetWarnings(std::string name) : name_(std::move(name)) {}

  // Adds a warning at `line` with its meaning, unless the same message is already there: a line
  // holds several checkbox items, and two of them may have the same problem (（4月予定） twice).
  void warn(std::size_t line, std::string message, Meaning meaning,
            SheetWarningKind kind = SheetWarningKind::note);

  // In line order, those of one line in the order they were given: the importer finds some
  // problems only once the whole sheet is read.
  std::vector<SheetWarning> in_line_order() &&;

 private:
  std::string name_;
  std::vector<std::pair<std::size_t, SheetWarning>> lines_;
};

// A text for a warning: cut to 40 characters (then "…").
std::string excerpt(std::string_view text);

// The excerpt in quotes, as warnings write it.
std::string quoted_excerpt(std::string_view text);

// The ids given so far in one list (tasks, measures or KPIs), each with the text_key of the text
// it was read from.
using TakenIds = std::map<std::string, std::string>;

// `candidate`, or candidate-2, -3, ... when taken; the id returned is added to `taken` with
// `text`. Two texts whose first words read alike get their numbers quietly; the same text
// written again gets a warning at `line`, since only the sheet's order tells the two apart.
std::string unique_id(std::string candidate, TakenIds& taken, std::size_t line,
                      std::string_view text, SheetWarnings& warnings);

}  // namespace torikumi
