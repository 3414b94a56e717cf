// A helper for the crash and concurrency tests: records every planned occurrence of a plan's
// fiscal year done, one transaction each, printing `ack ID` after each commit. The tests kill
// it at random moments and check that every acknowledged write is in the file. With
// `background`, checkpoints are as in torikumi serve (a checkpointer thread), but many times more
// often, so that a kill often comes during a pass, a rewind or the writer's own checkpoint.
//
// usage: store_writer DB PLAN_ID YEAR [automatic|background]

#include <date/date.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/progress/expansion.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  using namespace torikumi;
  const std::string mode = argc == 5 ? argv[4] : "automatic";
  if ((argc != 4 && argc != 5) || (mode != "automatic" && mode != "background")) {
    std::fprintf(stderr, "usage: store_writer DB PLAN_ID YEAR [automatic|background]\n");
    return 2;
  }
  store::OpenOptions options;
  if (mode == "background") {
    options.checkpoints = store::Checkpoints::background;
    options.checkpoint_policy = {
        .pass_at_pages = 40, .rewind_at_pages = 16, .writer_limit_pages = 400};
  }
  auto store = store::Store::open(argv[1], options);
  if (!store) {
    std::fprintf(stderr, "store_writer: %s\n", store.error().message.c_str());
    return 1;
  }
  const int year = std::atoi(argv[3]);
  const auto plan = store->load_plan(argv[2]);
  if (!plan) {
    std::fprintf(stderr, "store_writer: %s\n", plan.error().message.c_str());
    return 1;
  }
  const auto expansion = expand_plan(plan->plan, date::year{year});
  const auto state = store->load_state(argv[2], year);
  if (!expansion || !state) return 1;
  const date::sys_seconds at =
      date::sys_days{date::year{year} / date::May / 1} + std::chrono::hours{3};
  for (const Occurrence& occurrence : expansion->occurrences) {
    if (state->status_of(occurrence.id) != OccurrenceStatus::planned) continue;
    const auto written = store->mark_done({.occurrence = occurrence.id,
                                           .completed_at = at,
                                           .note = "crash test",
                                           .actor = {"writer", at}});
    if (!written) {
      std::fprintf(stderr, "store_writer: %s\n", written.error().message.c_str());
      return 1;
    }
    std::printf("ack %s\n", occurrence.id.c_str());
    std::fflush(stdout);
  }
  return 0;
}
