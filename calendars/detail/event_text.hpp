#pragma once

// Internal to calendars/: the words of an event (summary, description, categories), kept apart
// from the iCalendar plumbing so that the Japanese wording is in one place.

#include <cstdint>
#include <string>
#include <vector>

#include "calendars/occurrence_state.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"

namespace torikumi::calendars::detail {

// What a deadline's summary starts with: 締切: 整備.
inline constexpr const char* kDeadlinePrefix = "締切: ";
inline constexpr const char* kDoneMark = "✓ ";

// Whether an undated-by-time occurrence is shown on its due day only (a deliverable's deadline)
// rather than over its whole window.
bool shown_on_due_day(const Occurrence& occurrence);

// SUMMARY: the task's title, 締切: before a deadline, ✓ before anything done.
std::string summary_text(const Occurrence& occurrence, OccurrenceStatus status);

// The category a kind is shown under: 会議, 取組, 締切, 随時, 次年度以降.
std::string kind_label(TaskKind kind);

// CATEGORIES: the periods (in plan order), the kind, the owner. Commas and semicolons, which
// libical would read as separators there, become their full-width forms.
std::vector<std::string> category_texts(const Plan& plan, const Task& task, std::uint32_t periods);

// What the DESCRIPTION says of one occurrence or of a series (`occurrence` null).
struct DescriptionInput {
  const Plan* plan = nullptr;
  const Task* task = nullptr;
  const Occurrence* occurrence = nullptr;  // null for a series' master event
  std::uint32_t periods = 0;
  const OccurrenceState* state = nullptr;  // null: open
  std::string link;                        // empty: none
};

// Several lines: the title, 取組, 取組の内容 (the measure), 期, 担当, the window for an all-day
// item, the status and its note, a provisional-date warning, the dashboard link.
std::string description_text(const DescriptionInput& input);

}  // namespace torikumi::calendars::detail
