// pages_bench: how long the dashboard takes to render its two busiest pages (http/pages/).
//
//   pages_bench [--repeat N] [--plans N] [--write DIR]
//
//   overview: GET / for N copies of examples/higashi/plan.json (default 1), signed in as an editor.
//   plan:     GET /plans/<id> for the example plan, signed in as an editor (its forms included).
// Each is rendered --repeat times (default 2,000) on one thread; the median and the best time of
// one render are printed, with the page's size. The snapshots are built once, before the timing:
// what is measured is what a request to a warm server pays for its page (templates parsed).
// --write DIR saves the two pages as DIR/overview.html and DIR/plan.html, to compare the bytes
// of two builds.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "engine/plan/plan_json.hpp"
#include "http/pages/dashboard.hpp"

namespace {

using namespace torikumi;
using torikumi::bench::Seconds;
using torikumi::bench::Stopwatch;

template <typename Render>
void measure(const char* name, long repeat, const std::string& write_to, Render render) {
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(repeat));
  std::size_t bytes = 0;
  for (long i = 0; i < repeat; ++i) {
    const Stopwatch stopwatch;
    const std::string page = render();
    micros.push_back(std::chrono::duration<double, std::micro>(stopwatch.elapsed()).count());
    bytes = page.size();
    if (i == 0 && !write_to.empty()) std::ofstream{write_to + "/" + name + ".html"} << page;
  }
  std::sort(micros.begin(), micros.end());
  const double median = micros[micros.size() / 2];
  std::printf("%-9s %8.1f µs median, %8.1f µs best, %7zu bytes, %s pages/s on one thread\n", name,
              median, micros.front(), bytes, bench::group_digits(1e6 / median).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  long repeat = 2000;
  long plans = 1;
  std::string write_to;
  for (int i = 1; i < argc; ++i) {
    const std::string_view option{argv[i]};
    std::optional<long> value;
    if (option == "--write" && i + 1 < argc) {
      write_to = argv[++i];
      continue;
    }
    if (option == "--repeat" || option == "--plans") {
      value = bench::read_count_option(argc, argv, i, 1);
    } else {
      std::fprintf(stderr, "usage: pages_bench [--repeat N] [--plans N] [--write DIR]\n");
      return 2;
    }
    if (!value) return 2;
    (option == "--repeat" ? repeat : plans) = *value;
  }
  std::ifstream file{TORIKUMI_SOURCE_DIR "/examples/higashi/plan.json"};
  std::stringstream text;
  text << file.rdbuf();
  auto read = read_plan_json(text.str());
  if (!read) {
    for (const Diagnostic& problem : read.error())
      std::fprintf(stderr, "examples/higashi/plan.json: %s\n", problem.message.c_str());
    return 1;
  }
  const date::sys_seconds changed_at = date::sys_days{date::year{2026} / date::May / 1};
  std::vector<http::SnapshotPointer> snapshots;
  for (long i = 0; i < plans; ++i) {
    Plan plan = *read;
    if (i > 0) plan.id += "-" + std::to_string(i);
    auto snapshot = http::snapshot_from_plan(std::move(plan), date::year{2026}, 1, changed_at);
    if (!snapshot) {
      std::fprintf(stderr, "snapshot: %s\n", snapshot.error().message.c_str());
      return 1;
    }
    snapshots.push_back(std::move(*snapshot));
  }
  http::PageContext context;
  context.now = changed_at + std::chrono::hours{24 * 30};
  context.visitor = http::Visitor{"bench", true, std::string(43, 'c')};
  measure("overview", repeat, write_to,
          [&] { return http::render_overview_page(snapshots, context); });
  measure("plan", repeat, write_to,
          [&] { return http::render_plan_page(*snapshots.front(), context); });
  return 0;
}
