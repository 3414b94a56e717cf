// ics_bench: how long torikumi takes to render iCalendar feeds (calendars/feed.hpp).
//
//   ics_bench [--occurrences N] [--repeat N]
//
// Three feeds, each the best of --repeat renders (expansion not included, done once before):
//   seed:       examples/higashi/plan.json, FY2026: 14 occurrences, one recurring series, 8 to-dos.
//               Target: under 1 ms.
//   mixed:      a generated plan of about N occurrences (default 10,000) in groups of four tasks:
//               a monthly meeting on the second Monday (one RRULE with two holiday overrides),
//               a campaign in four listed months, a span and a deadline, the last three with
//               to-do twins. Target: under 100 ms for 10,000.
//   one-each:   about N occurrences that each need a VEVENT of their own (meetings in unevenly
//               spaced months), the heaviest case per occurrence.
// Each render is parsed back by libical once, outside the timing, so a broken feed fails here.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "calendars/feed.hpp"
#include "calendars/feed_reader.hpp"
#include "engine/plan/plan_json.hpp"

namespace {

using namespace torikumi;
using torikumi::bench::Seconds;
using torikumi::bench::Stopwatch;

struct Measured {
  Seconds best{1e9};
  std::size_t bytes = 0;
  std::size_t events = 0;
  std::size_t todos = 0;
};

// Renders the feed `repeat` times and keeps the best time; parses the last one back.
bool measure(const char* name, const Plan& plan, long repeat, double target_ms) {
  const auto expansion = expand_plan(plan, date::year{2026});
  if (!expansion) {
    std::fprintf(stderr, "%s: %s\n", name, expansion.error().message.c_str());
    return false;
  }
  const calendars::OccurrenceStates states;
  const calendars::FeedOptions options;
  Measured measured;
  std::string feed;
  for (long i = 0; i < repeat; ++i) {
    const Stopwatch stopwatch;
    auto rendered = calendars::render_plan_feed({&plan, &*expansion, &states}, options);
    const Seconds elapsed = stopwatch.elapsed();
    if (!rendered) {
      std::fprintf(stderr, "%s: %s\n", name, rendered.error().message.c_str());
      return false;
    }
    measured.best = std::min(measured.best, elapsed);
    feed = std::move(*rendered);
  }
  const auto parsed = calendars::read_feed(feed);
  if (!parsed) {
    std::fprintf(stderr, "%s: the feed does not read back: %s\n", name,
                 parsed.error().message.c_str());
    return false;
  }
  const double milliseconds = measured.best.count() * 1e3;
  std::printf(
      "%-9s %6zu occurrences -> %5zu VEVENTs, %5zu VTODOs, %9zu bytes: %9.3f ms (best of %ld)  "
      "target %g ms: %s\n",
      name, expansion->occurrences.size(), parsed->events.size(), parsed->todos.size(), feed.size(),
      milliseconds, repeat, target_ms, milliseconds < target_ms ? "met" : "MISSED");
  return true;
}

std::optional<Plan> read_seed() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"};
  std::ostringstream text;
  text << file.rdbuf();
  auto plan = read_plan_json(text.str());
  if (!plan) return std::nullopt;
  return std::move(plan.value());
}

nlohmann::json plan_header(const char* id) {
  return {{"id", id},
          {"organisation", {{"name", "東区役所"}, {"unit", "東保健福祉総合センター"}}},
          {"initiative", "地域共生社会の実現に向けた取組の推進（ベンチマーク）"},
          {"meeting_rule",
           {{"week", 2},
            {"weekday", "monday"},
            {"start", "14:00"},
            {"duration_minutes", 90},
            {"place", "東区役所 3階 会議室"}}},
          {"tasks", nlohmann::json::array()}};
}

// About `occurrences` occurrences, 18 per group of four tasks.
Plan mixed_plan(long occurrences) {
  nlohmann::json document = plan_header("bench-mixed");
  for (long group = 0; group * 18 < occurrences; ++group) {
    const std::string n = std::to_string(group);
    auto& tasks = document["tasks"];
    tasks.push_back({{"id", "meeting-" + n},
                     {"title", "多機関協働担当を中心とした会議の開催 " + n},
                     {"when", "毎月"},
                     {"kind", "meeting"},
                     {"owner", "多機関協働担当"}});
    tasks.push_back({{"id", "campaign-" + n},
                     {"title", "区内小中学校への区役所内相談窓口等の周知 " + n},
                     {"when", "（4、6、8、10月）"},
                     {"kind", "campaign"},
                     {"owner", "学校連携担当"}});
    tasks.push_back({{"id", "span-" + n},
                     {"period", "前期"},
                     {"title", "こども家庭センターにおけるサポートプランの調整 " + n},
                     {"when", "（4～3月）"},
                     {"kind", "campaign"},
                     {"owner", "こども家庭センター"}});
    tasks.push_back({{"id", "deadline-" + n},
                     {"period", "前期"},
                     {"title", "プラットフォームの整備 " + n},
                     {"when", "（～6月）"},
                     {"kind", "deliverable"},
                     {"owner", "学校連携担当"}});
  }
  auto plan = read_plan_document(document);
  return plan ? std::move(plan.value()) : Plan{};
}

// About `occurrences` meetings, each its own VEVENT: months 4, 5, 7, 10, 11, 1 are not evenly
// spaced.
Plan one_each_plan(long occurrences) {
  nlohmann::json document = plan_header("bench-one-each");
  for (long task = 0; task * 6 < occurrences; ++task) {
    const std::string n = std::to_string(task);
    document["tasks"].push_back({{"id", "meeting-" + n},
                                 {"title", "地域ケア会議 " + n},
                                 {"when", "（4、5、7、10、11、1月）"},
                                 {"kind", "meeting"},
                                 {"owner", "地域包括支援センター"}});
  }
  auto plan = read_plan_document(document);
  return plan ? std::move(plan.value()) : Plan{};
}

}  // namespace

int main(int argc, char** argv) {
  long occurrences = 10'000;
  long repeat = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument{argv[i]};
    std::optional<long> value;
    if (argument == "--occurrences") {
      value = torikumi::bench::read_count_option(argc, argv, i, 1);
      if (value) occurrences = *value;
    } else if (argument == "--repeat") {
      value = torikumi::bench::read_count_option(argc, argv, i, 1);
      if (value) repeat = *value;
    } else {
      std::fprintf(stderr, "usage: ics_bench [--occurrences N] [--repeat N]\n");
      return 2;
    }
    if (!value) return 2;
  }
  const auto seed = read_seed();
  if (!seed) {
    std::fprintf(stderr, "ics_bench: cannot read examples/higashi/plan.json\n");
    return 1;
  }
  bool ok = measure("seed", *seed, std::max(repeat, 10 * repeat), 1.0);
  ok = measure("mixed", mixed_plan(occurrences), repeat,
               100.0 * static_cast<double>(occurrences) / 10'000) &&
       ok;
  ok = measure("one-each", one_each_plan(occurrences), repeat,
               100.0 * static_cast<double>(occurrences) / 10'000) &&
       ok;
  return ok ? 0 : 1;
}
