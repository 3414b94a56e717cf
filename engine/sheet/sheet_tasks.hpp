#pragma once

// The second phase of reading a 重要取組シート for its checkbox items: スケジュール items become
// tasks with ids derived from their text, 進捗の状況 items become progress lines matched to those
// tasks (internal to engine/sheet; import_sheet is the public face; docs/sheet-format.md).

#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/sheet/sheet_layout.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi {

// The tasks of the schedule's items, in sheet order: one per segment of an item (one per item
// under 次年度以降), with its first schedule, its kind and a unique id; rows of the same title
// dated by months in several periods form a series. Uses the plan's periods and the start of
// its fiscal year. Schedules not understood, extra schedules, spans that end before they start,
// items with no text and repeated ids are warned of.
std::vector<Task> build_tasks(const std::vector<Item>& schedule_items, const Plan& plan,
                              SheetWarnings& warnings);

// The progress lines of the progress items, in sheet order, each matched to one of plan.tasks
// (match_progress_line). Items under 次年度以降 and items with no text are left out, saying so.
std::vector<ProgressLine> build_progress_lines(const std::vector<Item>& progress_items,
                                               const Plan& plan, SheetWarnings& warnings);

}  // namespace torikumi
