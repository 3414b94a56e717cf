// libical_recur_bench: the yardstick for expand_bench. Expands as many bimonthly series with
// libical's recurrence iterator as the nationwide workload has tasks (522,300), each
// FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE;COUNT=6 from 2026-04-08 14:00: the six second Wednesdays,
// April 2026 to February 2027, that expand_bench --only-bimonthly expands. See bench/README.md.
//
//   libical_recur_bench [--series N] [--repeat N]
//
// Two ways, each the best of --repeat runs:
//   parse + iterate: each series reads its own RRULE and DTSTART text, as a calendar with one
//                    VEVENT per series would;
//   iterate only:    the rule and start are parsed once and every series only runs the
//                    iterator, libical's fastest path and the one to compare with.
// DTSTART is a floating local time: no time-zone conversion, no holidays, no ids.

#include <libical/ical.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

#include "bench/bench_support.hpp"

namespace {

using namespace torikumi::bench;

constexpr long kSeries = 1741L * 20 * 15;  // the nationwide workload's tasks
constexpr const char* kRule = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE;COUNT=6";
constexpr const char* kStart = "20260408T140000";
constexpr std::uint64_t kOccurrencesPerSeries = 6;

// What the iterators gave: how many occurrences, and a checksum of their days so the work
// cannot be optimised away and both ways can be checked to agree.
struct Tally {
  std::uint64_t occurrences = 0;
  std::uint64_t day_sum = 0;
  bool operator==(const Tally&) const = default;
};

bool run_series(const icalrecurrencetype& rule, const icaltimetype& start, Tally& tally) {
  icalrecur_iterator* iterator = icalrecur_iterator_new(rule, start);
  if (iterator == nullptr) return false;
  for (icaltimetype next = icalrecur_iterator_next(iterator); !icaltime_is_null_time(next);
       next = icalrecur_iterator_next(iterator)) {
    ++tally.occurrences;
    tally.day_sum += static_cast<std::uint64_t>(next.year * 10000 + next.month * 100 + next.day);
  }
  icalrecur_iterator_free(iterator);
  return true;
}

std::optional<Tally> parse_and_iterate(long series) {
  Tally tally;
  for (long i = 0; i < series; ++i) {
    const icalrecurrencetype rule = icalrecurrencetype_from_string(kRule);
    const icaltimetype start = icaltime_from_string(kStart);
    if (rule.freq == ICAL_NO_RECURRENCE || icaltime_is_null_time(start)) return std::nullopt;
    if (!run_series(rule, start, tally)) return std::nullopt;
  }
  return tally;
}

std::optional<Tally> iterate_only(long series) {
  const icalrecurrencetype rule = icalrecurrencetype_from_string(kRule);
  const icaltimetype start = icaltime_from_string(kStart);
  if (rule.freq == ICAL_NO_RECURRENCE || icaltime_is_null_time(start)) return std::nullopt;
  Tally tally;
  for (long i = 0; i < series; ++i)
    if (!run_series(rule, start, tally)) return std::nullopt;
  return tally;
}

struct Timing {
  Tally tally;
  Seconds best{0};
  std::vector<Seconds> runs;
};

template <typename Way>
std::optional<Timing> time_best_of(long repeat, long series, Way way) {
  Timing timing;
  for (long run = 0; run < repeat; ++run) {
    const Stopwatch stopwatch;
    const std::optional<Tally> tally = way(series);
    const Seconds elapsed = stopwatch.elapsed();
    if (!tally) return std::nullopt;
    timing.tally = *tally;
    timing.runs.push_back(elapsed);
  }
  timing.best = *std::min_element(timing.runs.begin(), timing.runs.end());
  return timing;
}

void print_timing(const char* title, const Timing& timing) {
  const double seconds = timing.best.count();
  std::printf("\n%s\n", title);
  std::printf("  occurrences          %s\n", group_digits(timing.tally.occurrences).c_str());
  std::printf("  seconds              %.3f (best of %zu:", seconds, timing.runs.size());
  for (const Seconds run : timing.runs) std::printf(" %.3f", run.count());
  std::printf(")\n");
  std::printf("  occurrences/second   %s\n",
              group_digits(static_cast<double>(timing.tally.occurrences) / seconds).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  long series = kSeries;
  long repeat = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument{argv[i]};
    std::optional<long> value;
    if (argument == "--series" && (value = read_count_option(argc, argv, i, 1))) {
      series = *value;
    } else if (argument == "--repeat" && (value = read_count_option(argc, argv, i, 1))) {
      repeat = *value;
    } else {
      std::fprintf(stderr,
                   "usage: libical_recur_bench [--series N] [--repeat N]\n"
                   "  --series N  bimonthly series to expand (default %ld, the workload's tasks)\n"
                   "  --repeat N  time the best of N runs (default 3)\n",
                   kSeries);
      return 2;
    }
  }

  std::printf("libical_recur_bench: libical %d.%d.%d, one thread\n", ICAL_MAJOR_VERSION,
              ICAL_MINOR_VERSION, ICAL_PATCH_VERSION);
  std::printf("  series               %s x %s from %s\n",
              group_digits(static_cast<std::uint64_t>(series)).c_str(), kRule, kStart);
  const auto parsing = time_best_of(repeat, series, parse_and_iterate);
  const auto iterating = time_best_of(repeat, series, iterate_only);
  if (!parsing || !iterating) {
    std::fprintf(stderr, "libical_recur_bench: libical rejected %s from %s: %s\n", kRule, kStart,
                 icalerror_strerror(icalerrno));
    return 1;
  }
  const std::uint64_t expected = static_cast<std::uint64_t>(series) * kOccurrencesPerSeries;
  if (!(parsing->tally == iterating->tally) || iterating->tally.occurrences != expected) {
    std::fprintf(stderr, "libical_recur_bench: expected %llu occurrences, got %llu and %llu\n",
                 static_cast<unsigned long long>(expected),
                 static_cast<unsigned long long>(parsing->tally.occurrences),
                 static_cast<unsigned long long>(iterating->tally.occurrences));
    return 1;
  }
  print_timing("parse + iterate (each series reads its RRULE and DTSTART)", *parsing);
  print_timing("iterate only (rule and start parsed once)", *iterating);
  std::printf("\n  peak RSS             %.1f MiB (ru_maxrss)\n",
              peak_resident_memory().mebibytes());
  return 0;
}
