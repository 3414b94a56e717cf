#pragma once

// Splitting a task or progress line into its title and the schedules written in it:
// 多機関協働のための会議の開催（4、6月）、個別支援の実施（隨時） → two schedules and the title
// 多機関協働のための会議の開催、個別支援の実施.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/schedule/when_expression.hpp"

namespace torikumi {

// A task line split into its title and its schedule(s).
struct ScheduleLine {
  // The line with schedule groups taken out and spaces trimmed. Parenthesised text that is
  // not a schedule stays: （例：相談会等）, （プラットフォーム）, （学校を通じて）.
  std::string title;
  // Each parenthesised group that is a schedule, in the order written.
  std::vector<WhenExpression> schedules;
  std::vector<std::string> schedule_texts;  // those groups as written, brackets included
  // Groups that look like a schedule (digits with 月, a range mark, a known idiom) but do not
  // parse; `where` is "character N" of the line, `message` the parser's message. They stay
  // in the title.
  std::vector<Diagnostic> problems;
};

ScheduleLine split_schedule_line(std::string_view line);

}  // namespace torikumi
