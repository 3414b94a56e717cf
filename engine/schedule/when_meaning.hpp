#pragma once

// The meanings (engine/base/meaning.hpp) of the when-expression parser's messages and of
// check_fiscal_year's, each with the subjects it names in order. Every parser message names first
// the text as written ("（13月）") and the character its problem starts at ("2", 1-based, as the
// English says "at character 2"); the list gives the subjects after those two. A "got" subject is
// the character found, empty when the text ended there.

#include <string_view>

namespace torikumi::when_meaning {

// parse_when: text, character, then:
inline constexpr std::string_view kUnmatchedBracket = "when.unmatched_bracket";  // the bracket
inline constexpr std::string_view kNoSchedule = "when.no_schedule";              // （）
inline constexpr std::string_view kExpectedWeekday = "when.expected_weekday";    // got
inline constexpr std::string_view kExpectedDayMark = "when.expected_day_mark";   // got (not 日)
inline constexpr std::string_view kExpectedWeek = "when.expected_week";          // got
inline constexpr std::string_view kExpectedMonth = "when.expected_month";        // got
inline constexpr std::string_view kExpectedDay = "when.expected_day";            // got
// A list of days with a month in it (7月20日、8月): the point written without its day.
inline constexpr std::string_view kExpectedDate = "when.expected_date";
inline constexpr std::string_view kTimesPerMonth = "when.times_per_month";  // count (月3回)
inline constexpr std::string_view kTimesPerYear = "when.times_per_year";    // count (年5回)
inline constexpr std::string_view kUnknownDay = "when.unknown_day";         // day (毎月40日)
inline constexpr std::string_view kUnknownDayOfMonth = "when.unknown_day_of_month";  // day, month
inline constexpr std::string_view kUnknownQuarter = "when.unknown_quarter";          // number
inline constexpr std::string_view kUnknownWeek = "when.unknown_week";                // number
inline constexpr std::string_view kDuplicateWeek = "when.duplicate_week";            // number
inline constexpr std::string_view kUnknownMonth = "when.unknown_month";              // number
inline constexpr std::string_view kDuplicateMonth = "when.duplicate_month";          // number
inline constexpr std::string_view kDuplicateDay = "when.duplicate_day";              // day written
inline constexpr std::string_view kUnknownInterval = "when.unknown_interval";  // months (13か月)
inline constexpr std::string_view kUnknownYear = "when.unknown_year";          // year (26年)
// What is not read, as written; the next three with a hint of what would work instead.
inline constexpr std::string_view kUnrecognised = "when.unrecognised";
inline constexpr std::string_view kExceptionsNotRead = "when.exceptions_not_read";  // （8月は休み）
inline constexpr std::string_view kSeasonsNotRead = "when.seasons_not_read";        // （夏頃）
inline constexpr std::string_view kCountNotOneNumber = "when.count_not_one_number";  // （年3～4回）

// split_schedule_line: a group that parses but names no month, how it would read with 月
// (（4、6）, "4、6月").
inline constexpr std::string_view kMonthMarkMissing = "when.month_mark_missing";

// check_fiscal_year; a fiscal year is named as 令和8年度 (2026).
inline constexpr std::string_view kEndsBeforeStart = "when.ends_before_start";  // schedule
// schedule, the fiscal year's last month, the two lines to write instead ("2～3月", "4～5月").
inline constexpr std::string_view kCrossesYearEnd = "when.crosses_year_end";
// the fiscal year written, the plan's.
inline constexpr std::string_view kOtherFiscalYear = "when.other_fiscal_year";
// the month written with its year (2027年5月), the plan's fiscal year, the month alone ("5").
inline constexpr std::string_view kMonthOutsideYear = "when.month_outside_year";
// the day (2月29日), the plan's fiscal year, the calendar year that is not a leap year.
inline constexpr std::string_view kNoSuchDay = "when.no_such_day";

}  // namespace torikumi::when_meaning
