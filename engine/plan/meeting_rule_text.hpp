#pragma once

// A meeting rule as a person types it on a command line or in a companion file:
// 第2水曜日 14:00 90分 3階会議室.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

// The meanings (engine/base/meaning.hpp) of parse_meeting_rule_text's errors, with their subjects.
namespace meeting_rule_meaning {
inline constexpr std::string_view kParts = "meeting_rule.parts";    // the text, the example
inline constexpr std::string_view kDay = "meeting_rule.day";        // the day as written
inline constexpr std::string_view kTime = "meeting_rule.time";      // the time as written
inline constexpr std::string_view kLength = "meeting_rule.length";  // the length as written
}  // namespace meeting_rule_meaning

// Reads "DAY TIME LENGTH [PLACE]", parts separated by spaces (ASCII or ideographic), digits
// and colons half- or full-width:
//   DAY     第N曜日 / 第N水曜 / 毎月第N水曜日 (N from 1 to 5), or 毎月N日 / N日 (1 to 31)
//   TIME    14:00, 9:30, 14時, 14時30分
//   LENGTH  90分, 1時間, 1時間30分, 1.5時間 (at most 24 hours)
//   PLACE   the rest as written (may be absent)
// Each error names the part and what was expected:
//   expected a day, a time and a length such as "第2水曜日 14:00 90分 3階会議室", got "第2水曜日"
//   day "第6水曜日" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)
//   time "25:00" not understood: expected 14:00 or 14時30分
//   length "90" not understood: expected 90分 or 1時間30分
// and their meanings (meeting_rule_meaning).
Result<MeetingRule> parse_meeting_rule_text(std::string_view text);

// The rule as parse_meeting_rule_text reads it back: "第2水曜日 14:00 90分 3階会議室",
// "毎月15日 9:30 60分". What a closed day does is not in the text (on_closed_day).
std::string meeting_rule_text(const MeetingRule& rule);

}  // namespace torikumi
