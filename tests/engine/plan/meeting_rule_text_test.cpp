#include "engine/plan/meeting_rule_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/engine/meaning_string_maker.hpp"

namespace torikumi {
namespace {

using namespace date;
using std::chrono::minutes;

MeetingRule rule(MeetingDay day, minutes start, minutes duration, std::string place) {
  return MeetingRule{.day = day, .start_time = start, .duration = duration, .place = place};
}

struct GoodCase {
  std::string_view text;
  MeetingRule expected;
};

TEST_CASE("a meeting rule as typed is read into its day, time, length and place") {
  const std::vector<GoodCase> cases = {
      {"第2水曜日 14:00 90分 3階会議室",
       rule(NthWeekday{2, Wednesday}, minutes{840}, minutes{90}, "3階会議室")},
      {"毎月第1月曜日 9:30 1時間 本庁舎 大会議室",
       rule(NthWeekday{1, Monday}, minutes{570}, minutes{60}, "本庁舎 大会議室")},
      {"第５金曜　１４時　１時間３０分",
       rule(NthWeekday{5, Friday}, minutes{840}, minutes{90}, "")},
      {"第3土 14時30分 1.5時間 公民館",
       rule(NthWeekday{3, Saturday}, minutes{870}, minutes{90}, "公民館")},
      {"毎月15日 10:00 45分 2階", rule(DayOfMonth{15}, minutes{600}, minutes{45}, "2階")},
      {"1日 ０８：０５ 24時間", rule(DayOfMonth{1}, minutes{485}, minutes{1440}, "")},
      {"  31日 23:59 1分  ", rule(DayOfMonth{31}, minutes{1439}, minutes{1}, "")},
  };
  for (const GoodCase& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_meeting_rule_text(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(*parsed == c.expected);
  }
}

struct BadCase {
  std::string_view text;
  std::string_view message;
};

TEST_CASE("a meeting rule that cannot be read names the part and what was expected") {
  const std::vector<BadCase> cases = {
      {"第2水曜日 14:00 90 3階会議室", "length \"90\" not understood: expected 90分 or 1時間30分"},
      {"第2水曜日 14:00 2時間60分",
       "length \"2時間60分\" not understood: expected 90分 or 1時間30分"},
      {"第2水曜日 14:00 25時間", "length \"25時間\" not understood: expected 90分 or 1時間30分"},
      {"第2水曜日 14:00 0分", "length \"0分\" not understood: expected 90分 or 1時間30分"},
      {"第2水曜日 25:00 90分", "time \"25:00\" not understood: expected 14:00 or 14時30分"},
      {"第2水曜日 14:5 90分", "time \"14:5\" not understood: expected 14:00 or 14時30分"},
      {"第2水曜日 午後2時 90分", "time \"午後2時\" not understood: expected 14:00 or 14時30分"},
      {"第6水曜日 14:00 90分",
       "day \"第6水曜日\" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)"},
      {"第2水よう日 14:00 90分",
       "day \"第2水よう日\" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)"},
      {"毎月32日 14:00 90分",
       "day \"毎月32日\" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)"},
      {"水曜日 14:00 90分",
       "day \"水曜日\" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)"},
      {"第2水曜日 14:00",
       "expected a day, a time and a length such as \"第2水曜日 14:00 90分 3階会議室\", got "
       "\"第2水曜日 14:00\""},
      {"",
       "expected a day, a time and a length such as \"第2水曜日 14:00 90分 3階会議室\", got \"\""},
  };
  for (const BadCase& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_meeting_rule_text(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
  }
  // Each has a meaning: its part as written (the whole text when parts are missing).
  namespace meaning = meeting_rule_meaning;
  const std::pair<std::string_view, Meaning> meanings[] = {
      {"第2水曜日 14:00 90 3階会議室", meaning_of(meaning::kLength, {"90"})},
      {"第2水曜日 25:00 90分", meaning_of(meaning::kTime, {"25:00"})},
      {"第6水曜日 14:00 90分", meaning_of(meaning::kDay, {"第6水曜日"})},
      {"第2水曜日 14:00",
       meaning_of(meaning::kParts, {"第2水曜日 14:00", "第2水曜日 14:00 90分 3階会議室"})},
  };
  for (const auto& [text, expected] : meanings) {
    CAPTURE(text);
    CHECK(parse_meeting_rule_text(text).error().meaning == expected);
  }
}

}  // namespace
}  // namespace torikumi

TEST_CASE("a rule written as text reads back as the same rule") {
  for (const char* text : {"第2水曜日 14:00 90分 3階会議室", "毎月15日 9:30 60分",
                           "第5金曜日 9:05 1440分", "第1月曜日 0:00 15分 東区役所 3階 会議室"}) {
    CAPTURE(text);
    const auto rule = torikumi::parse_meeting_rule_text(text);
    REQUIRE(rule.ok());
    CHECK(torikumi::meeting_rule_text(*rule) == text);
    CHECK(torikumi::parse_meeting_rule_text(torikumi::meeting_rule_text(*rule)).value() == *rule);
  }
}
