#pragma once

// What the importer's phases share to report on a sheet: the warnings, each located by line
// and given back in line order, and the two ways a warning names a text (internal to
// engine/sheet; import_sheet is the public face).

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// The warnings of one sheet, located as NAME:LINE.
class SheetWarnings {
 public:
  explicit SheetWarnings(std::string name) : name_(std::move(name)) {}

  void warn(std::size_t line, std::string message);

  // In line order, those of one line in the order they were given: the importer finds some
  // problems only once the whole sheet is read.
  Diagnostics in_line_order() &&;

 private:
  std::string name_;
  std::vector<std::pair<std::size_t, Diagnostic>> lines_;
};

// A text for a warning: quoted, cut to 40 characters (then "…").
std::string quoted_excerpt(std::string_view text);

// `candidate`, or candidate-2, -3, ... when taken (with a warning at `line` naming `text`);
// the id returned is added to `taken`.
std::string unique_id(std::string candidate, std::set<std::string>& taken, std::size_t line,
                      std::string_view text, SheetWarnings& warnings);

}  // namespace torikumi
