#pragma once

// When-expressions: the schedules written in a sheet's task lines, （4、6月）, （4～3月）,
// （～6月）, （4月～）, （隨時）, and the idioms other sheets use (毎月, 隔月, 四半期ごと, 通年,
// 年度末, 上旬/中旬/下旬, 第2水曜日, 6月頃, 年2回). Month numbers are months of the fiscal
// year; resolving them to calendar months is the expander's job.

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

namespace when {
// （4、6月） （8月、10月） （12、2月） （6月頃）: one occurrence in each listed month.
struct Months {
  std::vector<date::month> months;
  bool operator==(const Months&) const = default;
};
// （4～3月）: one occurrence spanning from the first day of `first` to the last day of `last`.
struct Span {
  date::month first;
  date::month last;
  bool operator==(const Span&) const = default;
};
// （～6月）: due on the last day of `last`; the window opens at the start of the row's period.
struct Until {
  date::month last;
  bool operator==(const Until&) const = default;
};
// （4月～）: from `first` to the end of the fiscal year.
struct From {
  date::month first;
  bool operator==(const From&) const = default;
};
// 通年: the whole fiscal year.
struct WholeYear {
  bool operator==(const WholeYear&) const = default;
};
// 年度末: due on the last day of the fiscal year; the window opens at the row's period start.
struct YearEnd {
  bool operator==(const YearEnd&) const = default;
};
// 随時 (older form 隨時): as needed, never dated.
struct AsNeeded {
  bool operator==(const AsNeeded&) const = default;
};
// 毎月 (1), 隔月 (2), 四半期ごと (3): every `interval` months through the row's period, or the
// fiscal year for a task without a period.
struct Every {
  unsigned interval_months = 1;
  bool operator==(const Every&) const = default;
};
// 年2回: `count` occurrences, the fiscal year cut into that many equal runs of months
// (年2回 = April–September and October–March); count divides 12.
struct TimesPerYear {
  unsigned count = 1;
  bool operator==(const TimesPerYear&) const = default;
};
}  // namespace when

using WhenRule = std::variant<when::Months, when::Span, when::Until, when::From, when::WholeYear,
                              when::YearEnd, when::AsNeeded, when::Every, when::TimesPerYear>;

struct WhenExpression {
  WhenRule rule;
  std::optional<PartOfMonth> part;  // narrows each month's window: 6月上旬
  std::optional<NthWeekday> day;    // the day in each month: 毎月第2水曜日
  bool approximate = false;         // 頃: 6月頃
  bool operator==(const WhenExpression&) const = default;
};

// Parses one schedule, with or without its brackets: "（4、6月）", "4～3月", "随時",
// "毎月第2水曜日". Accepts half- and full-width digits and brackets, 〜 ～ ~ as range marks,
// 、 ・ , ， as separators, 月 present or not. On failure the message names the character
// position (1-based, in characters, of the original text) and the text:
//   unknown month "13" at character 2 in "（13月）"
//   unrecognised schedule "予定" at character 4 in "（4月予定）"
Result<WhenExpression> parse_when(std::string_view text);

// The canonical written form, parseable again: "4、6月", "4～3月", "～6月", "4月～", "通年",
// "年度末", "随時", "毎月第2水曜日", "6月上旬", "6月頃", "年2回".
std::string to_string(const WhenExpression& expression);

}  // namespace torikumi
