#pragma once

// The meanings (engine/base/meaning.hpp) of what the importer says about a sheet and of why a
// plan's bytes are refused, each with the subjects it names in order. A text from the sheet is
// as the English quotes it (a line's cut to 40 characters then "…", by excerpt); a warning's line
// is SheetWarning::line, not a subject.

#include <string_view>

namespace torikumi::sheet_meaning {

// Warnings (SheetWarning).
inline constexpr std::string_view kUnrecognisedRow = "sheet.unrecognised_row";  // the row's text
inline constexpr std::string_view kTitleYearOutOfRange = "sheet.title_year_out_of_range";  // year
// the period as written, the section (スケジュール or 進捗の状況), then each period expected.
inline constexpr std::string_view kUnknownPeriod = "sheet.unknown_period";
// the period as written, the month it ends in, the plan's period it is read as, that one's month.
inline constexpr std::string_view kPeriodEndDiffers = "sheet.period_end_differs";
inline constexpr std::string_view kKpiBaseline = "sheet.kpi_baseline";  // the cell's text
inline constexpr std::string_view kKpiName = "sheet.kpi_name";          // the cell's text
inline constexpr std::string_view kKpiTarget = "sheet.kpi_target";      // the cell's text
inline constexpr std::string_view kSdgGoal = "sheet.sdg_goal";          // the cell's text
// 取組の内容 written before its first ○: that text.
inline constexpr std::string_view kTextBeforeFirstMeasure = "sheet.text_before_first_measure";
inline constexpr std::string_view kWrittenAgain = "sheet.written_again";  // the text, its new id
// the bracket, its character in the line, the line.
inline constexpr std::string_view kBracketNeverClosed = "sheet.bracket_never_closed";
inline constexpr std::string_view kBracketNeverOpened = "sheet.bracket_never_opened";
// the group; its cause is the parser's message (when_meaning.hpp).
inline constexpr std::string_view kScheduleNotUnderstood = "sheet.schedule_not_understood";
// the schedule; its cause is check_fiscal_year's message. The task is left undated.
inline constexpr std::string_view kScheduleRefused = "sheet.schedule_refused";
inline constexpr std::string_view kUntitledScheduleItem = "sheet.untitled_schedule_item";  // item
inline constexpr std::string_view kUntitledProgressLine = "sheet.untitled_progress_line";  // line
// a 次年度以降 item's title, the schedule written in it.
inline constexpr std::string_view kNextYearDated = "sheet.next_year_dated";
// the title, then each schedule written in it; the first is kept.
inline constexpr std::string_view kSeveralSchedules = "sheet.several_schedules";
// the title, the month, the other line that lists it.
inline constexpr std::string_view kMonthListedAgain = "sheet.month_listed_again";
inline constexpr std::string_view kNextYearProgress = "sheet.next_year_progress";  // the line

// Refusals of a sheet (import_sheet), none with subjects.
inline constexpr std::string_view kNotASheet = "sheet.not_a_sheet";
inline constexpr std::string_view kNoInitiative = "sheet.no_initiative";
inline constexpr std::string_view kNoOrganisation = "sheet.no_organisation";

// Refusals of a plan's bytes (read_plan_source, sheet_text_of, sheet_text_from_xlsx).
inline constexpr std::string_view kEmptyFile = "source.empty";
inline constexpr std::string_view kOldWorkbook = "source.old_workbook";  // .xls, or a password
// what is wrong with the workbook, in English (`not a workbook: no xl/workbook.xml`).
inline constexpr std::string_view kBrokenWorkbook = "xlsx.broken";
inline constexpr std::string_view kEmptyWorksheet = "xlsx.empty_worksheet";  // the sheet's name

}  // namespace torikumi::sheet_meaning
