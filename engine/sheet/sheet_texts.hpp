#pragma once

// The second phase of reading a 重要取組シート for its two prose sections: 現状・課題 cut into
// issues, 取組の内容 cut into measures (internal to engine/sheet; import_sheet is the public
// face; docs/sheet-format.md).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi {

// 現状・課題: points end with 。 or start with a bullet (・ ● ■ ◆ ○ ◯); each point's spaces
// joined as in join_japanese_spaces, empty points dropped.
std::vector<std::string> split_issues(std::string_view text);

// 取組の内容: each ○ (◯ ●) item is a measure, its title up to the first space, its explanation
// after, its id hashed from the title (-2, -3 when repeated). Text before the first mark is kept
// as a measure of its own; that and repeated titles are warned of at `line`.
std::vector<Measure> build_measures(std::string_view text, std::size_t line,
                                    SheetWarnings& warnings);

}  // namespace torikumi
