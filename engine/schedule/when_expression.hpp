#pragma once

// When-expressions: the schedules written in a sheet's task lines, （4、6月）, （4～3月）,
// （～6月）, （4月～）, （隨時）, and what other offices write (docs/plan-format.md has the whole
// table): days （7月20日） （11/3）, spans of days and parts of months （6月下旬～7月上旬）, parts
// of the year （上半期） （第2四半期）, qualifiers （9月上旬を目途） （12月末時点）
// （6月中旬頃から）, idioms (毎月, 隔月, 四半期ごと, 通年, 年度内, 年度末, 第2水曜日, 年2回, 適宜),
// and years （令和8年11月） （令和8年度中） checked against the plan's. Month numbers are months of
// the fiscal year; resolving them to calendar months is the expander's job.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// 上旬 (days 1–10), 中旬 (11–20), 下旬 (21–end of month).
enum class PartOfMonth { early, middle, late };

// 第2水曜日: the nth given weekday of a month, n in 1..5.
struct NthWeekday {
  unsigned n = 1;
  date::weekday weekday{date::Wednesday};
  bool operator==(const NthWeekday&) const = default;
};

// Where in a month a window begins or ends: its days first..last, `last` cut to the month's
// length. The whole month (1..31), 上旬 (1..10), 中旬 (11..20), 下旬 (21..31), 末 (its last
// day, 31..31) or a day (20日, 20..20).
struct DaysOfMonth {
  unsigned first = 1;
  unsigned last = 31;
  bool operator==(const DaysOfMonth&) const = default;
};

// 7月20日, 11/3.
struct MonthDay {
  date::month month;
  unsigned day = 1;
  bool operator==(const MonthDay&) const = default;
};

namespace when {
// （4、6月） （8月、10月） （12、2月） （6月頃）: one occurrence in each listed month.
struct Months {
  std::vector<date::month> months;
  bool operator==(const Months&) const = default;
};
// （4～3月） （9月1日～9月30日） （6月下旬～7月上旬）: one occurrence from the first of
// `first_days` in `first` to the last of `last_days` in `last`.
struct Span {
  date::month first;
  date::month last;
  DaysOfMonth first_days{};
  DaysOfMonth last_days{};
  bool operator==(const Span&) const = default;
};
// （～6月） （12月末まで） （9月上旬を目途） （12月末時点）: due on the last of `days` in
// `last`; the window opens at the start of the row's period (or of that month, if later).
struct Until {
  date::month last;
  DaysOfMonth days{};
  bool operator==(const Until&) const = default;
};
// （4月～） （6月中旬から） （5月末着手）: from the first of `days` in `first` to the end of the
// fiscal year.
struct From {
  date::month first;
  DaysOfMonth days{};
  bool operator==(const From&) const = default;
};
// （7月20日） （11/3） （7月20日、8月3日）: those days, each an occurrence on that very day
// (a Saturday stays a Saturday: a day someone wrote is not moved).
struct Days {
  std::vector<MonthDay> days;
  bool operator==(const Days&) const = default;
};
// 上半期 (months 1–6 of the fiscal year), 下半期 (7–12), 第1〜第4四半期 (1–3, 4–6, 7–9, 10–12):
// one occurrence over `months` months from the fiscal year's month `first` (0-based).
struct YearPart {
  unsigned first = 0;
  unsigned months = 6;
  bool operator==(const YearPart&) const = default;
};
// 通年, 年度内, 年度中: the whole fiscal year.
struct WholeYear {
  bool operator==(const WholeYear&) const = default;
};
// 年度末: due on the last day of the fiscal year; the window opens at the row's period start.
struct YearEnd {
  bool operator==(const YearEnd&) const = default;
};
// 随時 (older form 隨時), 適宜: as needed, never dated.
struct AsNeeded {
  bool operator==(const AsNeeded&) const = default;
};
// 毎月 (1), 隔月 (2), 四半期ごと (3): every `interval` months through the row's period, or the
// fiscal year for a task without a period. 月2回: twice a month, once in each half (1–15,
// 16–end).
struct Every {
  unsigned interval_months = 1;
  unsigned per_month = 1;
  bool operator==(const Every&) const = default;
};
// 毎週金曜日 (1), 隔週水曜日 (2): that weekday every `interval_weeks` weeks through the row's
// period (or the fiscal year). 隔週 alone: on the weekday the period begins on.
struct Weekly {
  std::optional<date::weekday> weekday;
  unsigned interval_weeks = 1;
  bool operator==(const Weekly&) const = default;
};
// 年2回: `count` occurrences, the fiscal year cut into that many equal runs of months
// (年2回 = April–September and October–March); count divides 12.
struct TimesPerYear {
  unsigned count = 1;
  bool operator==(const TimesPerYear&) const = default;
};
}  // namespace when

using WhenRule = std::variant<when::Months, when::Span, when::Until, when::From, when::WholeYear,
                              when::YearEnd, when::AsNeeded, when::Every, when::TimesPerYear,
                              when::Days, when::YearPart, when::Weekly>;

struct WhenExpression {
  WhenRule rule;
  std::optional<PartOfMonth> part;  // narrows each month's window: 6月上旬
  std::optional<NthWeekday> day;    // the day in each month: 毎月第2水曜日
  std::vector<unsigned> also_weeks;  // and these weeks of it, same weekday: 第2・第4木曜日 → {4}
  std::optional<unsigned> day_of_month;  // the day in each month: 毎月10日
  bool approximate = false;              // 頃: 6月頃
  // The months written with their year (2026年11月, 令和8年11月, R8.11), and the fiscal year
  // written (令和8年度中): they must be the plan's (check_fiscal_year); none, any year.
  std::vector<date::year_month> dated_months;
  std::optional<int> fiscal_year;
  bool operator==(const WhenExpression&) const = default;
};

// Parses one schedule, with or without its brackets: "（4、6月）", "4～3月", "随時",
// "毎月第2水曜日". Accepts half- and full-width digits and brackets, 〜 ～ ~ as range marks,
// 、 ・ , ， as separators, 月 present or not. On failure the message names the character
// position (1-based, in characters, of the original text) and the text, and the error's meaning
// names its sentence (when_meaning.hpp):
//   unknown month "13" at character 2 in "（13月）"
//   unrecognised schedule "予定" at character 4 in "（4月予定）"
Result<WhenExpression> parse_when(std::string_view text);

// The canonical written form, parseable again: "4、6月", "4～3月", "～6月", "4月～", "通年",
// "年度末", "随時", "毎月第2水曜日", "6月上旬", "6月頃", "年2回", "7月20日", "6月下旬～7月上旬",
// "～9月上旬", "上半期", "第2四半期", "2026年11月", "2026年度中".
std::string to_string(const WhenExpression& expression);

// Whether the expression fits a fiscal year that begins in `start` (April by default): a span
// must end after it starts and not cross the year's end; a day must exist (2月29日 only in a
// leap year, when `year` is known); a year written must be `year`'s. nullopt when it fits,
// else why, with what would work (and its meaning, when_meaning.hpp):
//   "2～5月" crosses the end of the fiscal year (3月): write two lines, （2～3月） and （4～5月）
//   令和9年度 is not this plan's fiscal year 令和8年度 (2026)
std::optional<Error> check_fiscal_year(const WhenExpression& expression, date::month start,
                                       std::optional<int> year);

// Whether the expression dates anything in fiscal year `year` (beginning in `start`): false when
// it names another year.
bool applies_in(const WhenExpression& expression, date::month start, int year);

}  // namespace torikumi
