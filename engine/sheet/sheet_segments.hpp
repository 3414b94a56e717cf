#pragma once

// A sheet line cut into what it reports, and the bracketed groups written in it: the importer's
// reading of 会議の開催（4、6月）、個別支援の実施（隨時） as two tasks, and its check that a group
// which reads like a schedule was understood.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schedule/schedule_line.hpp"

namespace torikumi {

// One task (or progress report) of a line that reports several:
// 会議の開催（4、6月）、個別支援の実施 （隨時） is two, cut after each schedule.
struct Segment {
  std::string source;
  ScheduleLine split;
};

// The segments of a line: one when it has at most one schedule, else one per schedule, each
// cut after its schedule (separators such as 、 trimmed from the next one's start).
std::vector<Segment> segments_of(std::string_view item);

// The bracketed group of `text` opening at character `index`, to its matching bracket or the end.
std::string group_at(std::string_view text, std::size_t index);

// The top-level bracketed groups of a text, as written.
std::vector<std::string> groups_of(std::string_view text);

// The 0-based characters of the brackets of `text` that have no partner: a "）" never opened,
// and a "（" never closed (half- or full-width), in the order written.
std::vector<std::size_t> unmatched_brackets(std::string_view text);

// Words that make a bracketed group read like a schedule although split_schedule_line does not
// see one (its own list is the idioms it parses): such a group is reported, not kept silently.
bool reads_like_schedule(std::string_view group);

}  // namespace torikumi
