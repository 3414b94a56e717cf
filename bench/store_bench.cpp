// The store's speed: completions recorded one transaction each (WAL, synchronous=NORMAL) into a
// file, checkpointed as `torikumi serve` does (a checkpointer on a thread of its own; or as the
// commands do, by SQLite in the commit, with --checkpoints automatic), then progress read for
// many plans, each as `torikumi progress` does it: the plan's latest revision, its expansion,
// its recorded state, compute_period_progress.
//
// usage: store_bench [--plans N] [--completions N] [--file PATH]
//                    [--checkpoints background|automatic]

#include <date/date.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_support.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/period_progress.hpp"
#include "store/store.hpp"

namespace {

using namespace torikumi;
using torikumi::bench::group_digits;
using torikumi::bench::Stopwatch;

// A plan like a ward's sheet, but with more dated work: monthly meetings and tasks (12 a year
// each), a span and a deadline, so 1,000 plans hold 100,000 occurrences and more.
std::string plan_json(int index) {
  const std::string id = "ward-" + std::to_string(index);
  std::string json =
      R"({"id": ")" + id + R"(", "organisation": {"name": "区役所)" + std::to_string(index) +
      R"("}, "initiative": "地域共生社会の実現に向けた取組の推進", "fiscal_year": 2026,
    "meeting_rule": {"week": 2, "weekday": "wednesday", "start": "14:00", "duration_minutes": 90}, "tasks": [
    {"id": "meeting", "title": "多機関協働担当を中心とした会議の開催", "when": "毎月", "kind": "meeting"},
    {"id": "span", "title": "地域資源の周知", "when": "（4～3月）"},
    {"id": "deadline", "title": "プラットフォームの整備", "period": "前期", "when": "（～6月）"},
    {"id": "consult", "title": "個別支援の実施", "when": "（随時）"})";
  for (int task = 0; task < 8; ++task)
    json += R"(, {"id": "work-)" + std::to_string(task) + R"(", "title": "見守り活動)" +
            std::to_string(task) + R"(", "when": "毎月"})";
  return json + "]}";
}

// The database with SQLite's files beside it, so each run starts empty and leaves nothing.
void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

struct Options {
  long plans = 1000;
  long completions = 100000;
  std::string path = (std::filesystem::temp_directory_path() / "torikumi-store-bench.db").string();
  store::Checkpoints checkpoints = store::Checkpoints::background;
};

// The options, or nothing after a message on stderr.
std::optional<Options> read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg{argv[i]};
    std::optional<long> value;
    if (arg == "--plans") {
      value = bench::read_count_option(argc, argv, i, 1);
      if (value) options.plans = *value;
    } else if (arg == "--completions") {
      value = bench::read_count_option(argc, argv, i, 0);
      if (value) options.completions = *value;
    } else if (arg == "--file" && i + 1 < argc) {
      options.path = argv[++i];
      value = 0;
    } else if (arg == "--checkpoints" && i + 1 < argc) {
      const std::string_view mode{argv[++i]};
      if (mode == "background") {
        options.checkpoints = store::Checkpoints::background;
        value = 0;
      } else if (mode == "automatic") {
        options.checkpoints = store::Checkpoints::automatic;
        value = 0;
      }
    }
    if (!value) {
      std::fprintf(stderr,
                   "usage: store_bench [--plans N] [--completions N] [--file PATH]\n"
                   "                   [--checkpoints background|automatic]\n");
      return std::nullopt;
    }
  }
  return options;
}

// Imports `plans` plans and prints how long it took; answers the ids of their FY2026
// occurrences, or nothing when an import fails.
std::optional<std::vector<std::string>> import_plans(store::Store& store, long plans,
                                                     const store::Actor& actor) {
  Stopwatch import_clock;
  std::vector<std::string> occurrence_ids;
  for (long i = 0; i < plans; ++i) {
    auto plan = read_plan_json(plan_json(static_cast<int>(i)));
    if (!plan) return std::nullopt;
    const auto imported =
        store.import_plan(*plan, {.actor = actor, .source = "bench", .fiscal_year = 2026});
    if (!imported) {
      std::fprintf(stderr, "store_bench: %s\n", imported.error().message.c_str());
      return std::nullopt;
    }
    const auto expansion = expand_plan(*plan, date::year{2026});
    for (const auto& occurrence : expansion->occurrences) occurrence_ids.push_back(occurrence.id);
  }
  const double import_seconds = import_clock.elapsed().count();
  std::printf("imported %ld plans (%s occurrences) in %.2f s\n", plans,
              group_digits(occurrence_ids.size()).c_str(), import_seconds);
  return occurrence_ids;
}

// Completions, one transaction each, spread over the plans (plan after plan, month by month);
// prints the rate. False when a write fails.
bool write_completions(store::Store& store, const std::vector<std::string>& occurrence_ids,
                       long completions, date::sys_seconds now, const store::Actor& actor) {
  const long to_write = std::min<long>(completions, static_cast<long>(occurrence_ids.size()));
  Stopwatch write_clock;
  for (long i = 0; i < to_write; ++i) {
    const std::size_t index =
        static_cast<std::size_t>((i * 7919) % static_cast<long>(occurrence_ids.size()));
    const auto written = store.mark_done({.occurrence = occurrence_ids[index],
                                          .completed_at = now - std::chrono::hours{24},
                                          .note = "",
                                          .actor = actor});
    if (!written) {
      std::fprintf(stderr, "store_bench: %s\n", written.error().message.c_str());
      return false;
    }
  }
  const double write_seconds = write_clock.elapsed().count();
  std::printf(
      "completions: %s in %.2f s: %s per second (one transaction each, WAL, synchronous=NORMAL)\n",
      group_digits(static_cast<std::uint64_t>(to_write)).c_str(), write_seconds,
      group_digits(write_seconds > 0 ? static_cast<double>(to_write) / write_seconds : 0.0)
          .c_str());
  return true;
}

// What the writes left behind: the WAL's length and the checkpointer's counts.
void print_checkpoints(store::Store& store, const std::string& path) {
  // The WAL file is as long as the WAL ever was: a rewind writes it again from its start.
  const std::string wal = path + "-wal";
  std::printf("largest WAL: %.1f MiB (its file's length)\n",
              std::filesystem::exists(wal)
                  ? static_cast<double>(std::filesystem::file_size(wal)) / (1024.0 * 1024.0)
                  : 0.0);
  if (const auto counts = store.checkpoint_counts()) {
    std::printf(
        "checkpoints: %s passes, %s rewinds (%s incomplete), %s by the writer at its limit, %s "
        "failed; longest WAL after a commit %s pages\n",
        group_digits(static_cast<std::uint64_t>(counts->passes)).c_str(),
        group_digits(static_cast<std::uint64_t>(counts->rewinds)).c_str(),
        group_digits(static_cast<std::uint64_t>(counts->incomplete_rewinds)).c_str(),
        group_digits(static_cast<std::uint64_t>(counts->writer_checkpoints)).c_str(),
        group_digits(static_cast<std::uint64_t>(counts->failures)).c_str(),
        group_digits(static_cast<std::uint64_t>(counts->largest_wal_pages)).c_str());
  }
}

// Progress for every plan, as `torikumi progress` computes it, and the rate; false when a plan
// cannot be read back.
bool read_progress(store::Store& store, long plans) {
  Stopwatch progress_clock;
  std::size_t done_total = 0;
  for (long i = 0; i < plans; ++i) {
    const std::string id = "ward-" + std::to_string(i);
    const auto stored = store.load_plan(id);
    if (!stored) return false;
    const auto expansion = expand_plan(stored->plan, date::year{2026});
    const auto state = store.load_state(id, 2026);
    if (!expansion || !state) return false;
    const PlanProgress progress = compute_period_progress(
        stored->plan, *expansion, *state, date::sys_days{date::year{2027} / date::March / 1});
    for (const auto& period : progress.periods) done_total += period.done;
  }
  const double progress_seconds = progress_clock.elapsed().count();
  std::printf("progress: %ld plans in %.3f s: %.3f ms per plan (%s items done)\n", plans,
              progress_seconds, 1000.0 * progress_seconds / static_cast<double>(plans),
              group_digits(done_total).c_str());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = read_options(argc, argv);
  if (!options) return 2;
  const std::string& path = options->path;
  remove_database(path);

  auto store = store::Store::open(path, {.checkpoints = options->checkpoints});
  if (!store) {
    std::fprintf(stderr, "store_bench: %s\n", store.error().message.c_str());
    return 1;
  }
  const date::sys_seconds now = date::sys_days{date::year{2027} / date::March / 1};
  const store::Actor actor{"bench", now};

  const auto occurrence_ids = import_plans(*store, options->plans, actor);
  if (!occurrence_ids) return 1;
  if (!write_completions(*store, *occurrence_ids, options->completions, now, actor)) return 1;
  print_checkpoints(*store, path);

  // Progress read back as a new process would: a fresh connection, no cache.
  store = store::Store::open(path);
  if (!store) return 1;
  if (!read_progress(*store, options->plans)) return 1;
  std::printf("file: %.1f MiB\n",
              static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0));
  remove_database(path);
  return 0;
}
