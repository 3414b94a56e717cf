#pragma once

// What a sheet does not say and a person gives beside it, on the command line or in a companion
// file (docs/sheet-format.md): the 担当 (owner) of tasks and the time meetings are held at.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

// 担当 for the tasks a key names (tasks_named_by).
struct OwnerAssignment {
  std::string key;
  std::string owner;
  std::string where;  // where it was given, to locate its error: `--owner`, `owners."会議"`
  bool operator==(const OwnerAssignment&) const = default;
};

struct SheetAdditions {
  std::optional<MeetingRule> meeting_rule;  // the plan's meeting rule
  // What a meeting whose day is closed does, set on the plan's meeting rule; and where it was
  // given, to locate its error: `--on-closed-day`, `on_closed_day`.
  std::optional<OnClosedDay> on_closed_day;
  std::string on_closed_day_where;
  std::vector<OwnerAssignment> owners;  // in order: a later one overrides an earlier one
  bool operator==(const SheetAdditions&) const = default;
};

// Reads a companion file: {"meeting_rule": "第2水曜日 14:00 90分 3階会議室",
// "on_closed_day": "skip", "owners": {"KEY": "担当"}}, each field optional, no others. Each
// problem names its field:
//   meeting_rule: length "90" not understood: expected 90分 or 1時間30分
//   on_closed_day: expected next_business_day, previous_business_day or skip, got "moved"
//   owners."会議": expected the 担当 as a non-empty string, got number 3
//   tasks: unknown field: expected meeting_rule, on_closed_day or owners
Result<SheetAdditions, Diagnostics> read_sheet_additions_json(std::string_view text);

// `first` with `then` over it: then's meeting rule and closed-day choice when it has them,
// then's owners after first's.
SheetAdditions merge_additions(SheetAdditions first, const SheetAdditions& then);

// The indexes of the tasks a key names, trying in turn: a task id; a task title (compared as
// text_key: widths folded, spaces removed); a measure id or title, for the tasks whose `measure`
// is it; tasks whose title contains the key. A sheet links no task to a measure, so for a
// sheet's plan a measure names only the tasks whose titles contain its title, and when none
// does the error says so (`measure "相談体制の充実" (measure-f8254349) serves no task and no
// task title contains it: ...`). The error when the key names nothing:
//   no task or measure matches "会議X": expected a task id, a task title or part of one, or a
//   measure id or title; tasks: meeting-9202d898-1 "多機関協働担当を中心とした会議の開催", ...;
//   measures: measure-1b2c3d4e "見守りネットワークの拡充"
Result<std::vector<std::size_t>> tasks_named_by(const Plan& plan, std::string_view key);

// Sets the additions on the plan: the meeting rule as the plan's, the closed-day choice on it,
// each owner on the tasks its key names. Fails when a closed-day choice has no meeting rule to
// go on (`on_closed_day: needs a meeting rule: ...` after its `where`), and on the first key
// that names nothing,
// with tasks_named_by's error after the assignment's `where`:
// `owners."会議X": no task or measure matches "会議X": ...`.
Status apply_additions(Plan& plan, const SheetAdditions& additions);

// What a plan read from a sheet still lacks.
struct SheetGaps {
  std::size_t tasks_without_owner = 0;  // tasks other than 次年度以降 items with no 担当
  std::size_t meetings_without_time =
      0;  // meeting tasks with no meeting rule, theirs or the plan's
  bool operator==(const SheetGaps&) const = default;
};

SheetGaps gaps_of(const Plan& plan);

}  // namespace torikumi
