// The reminder outbox: N due reminders through the dispatcher to a local receiver (in this
// process, checking every signature), each delivery recorded durably after its 2xx.
//
// usage: outbox_bench [--reminders N] [--file DB]

#include <cstdio>
#include <filesystem>
#include <string>
#include <unordered_set>

#include "bench/bench_support.hpp"
#include "engine/calendar/time_text.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "store/outbox.hpp"
#include "tests/http/webhook_receiver.hpp"

int main(int argc, char** argv) {
  using namespace torikumi;
  long reminders = 100000;
  std::string file = (std::filesystem::temp_directory_path() / "torikumi-outbox-bench.db").string();
  for (int i = 1; i < argc; ++i) {
    const std::string_view name{argv[i]};
    if (name == "--reminders") {
      const auto value = bench::read_count_option(argc, argv, i, 1);
      if (!value) return 2;
      reminders = *value;
    } else if (name == "--file" && i + 1 < argc) {
      file = argv[++i];
    } else {
      std::fprintf(stderr, "usage: outbox_bench [--reminders N] [--file DB]\n");
      return 2;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm", ".dispatch-lock"})
    std::filesystem::remove(file + suffix);
  const char* secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  http::testing::WebhookReceiver receiver{http::webhook_key(secret).value()};
  const date::sys_seconds now = parse_rfc3339("2026-04-07T00:00:00Z").value();
  {
    auto outbox = store::Outbox::open(file);
    if (!outbox) {
      std::fprintf(stderr, "outbox_bench: %s\n", outbox.error().message.c_str());
      return 1;
    }
    std::vector<store::OutboxEntry> entries;
    std::unordered_set<std::string> ids;
    // A body the size of a real reminder's (about 2 KB: subject, text and HTML in Japanese).
    const std::string filler(1800, 'x');
    for (long i = 0; i < reminders; ++i) {
      entries.push_back(
          {.id = "bench/t" + std::to_string(i % 100) + "/2026-04/meeting-1d/" + std::to_string(i),
           .plan = "bench",
           .occurrence = "bench/t/2026-04",
           .rule = "meeting-1d",
           .send_at = now,
           .subject = "件名",
           .payload = R"({"n": )" + std::to_string(i) + R"(, "text": ")" + filler + "\"}"});
      ids.insert(entries.back().id);
    }
    const bench::Stopwatch entering;
    const std::vector<std::string> endpoints{receiver.url()};
    if (auto entered = outbox->reconcile("bench", entries, ids, endpoints, now); !entered) {
      std::fprintf(stderr, "outbox_bench: %s\n", entered.error().message.c_str());
      return 1;
    }
    std::printf("entered %s reminders in %.2f s\n",
                bench::group_digits(std::uint64_t(reminders)).c_str(), entering.elapsed().count());
  }
  Config config = default_config();
  config.webhooks.push_back({.url = parse_http_url(receiver.url()).value(), .secret = secret});
  http::HttpTransport transport;
  http::Dispatcher dispatcher{http::DispatcherOptions{.database = file,
                                                      .config = config,
                                                      .clock = [now] { return now; },
                                                      .transport = &transport,
                                                      .log = nullptr,
                                                      .retry = {},
                                                      .random = {},
                                                      .interval = std::chrono::seconds{30},
                                                      .batch = 512,
                                                      .mode = http::DispatchMode::send}};
  const bench::Stopwatch sending;
  const auto pass = dispatcher.run_once();
  const double seconds = sending.elapsed().count();
  if (!pass) {
    std::fprintf(stderr, "outbox_bench: %s\n", pass.error().message.c_str());
    return 1;
  }
  const std::size_t received = receiver.accepted().size();
  std::printf("delivered %s (receiver accepted %s, bad signatures %d) in %.2f s: %s deliveries/s\n",
              bench::group_digits(std::uint64_t(pass->delivered)).c_str(),
              bench::group_digits(std::uint64_t(received)).c_str(), receiver.bad_signatures(),
              seconds, bench::group_digits(static_cast<double>(pass->delivered) / seconds).c_str());
  std::printf("peak RSS %.1f MiB\n", bench::peak_resident_memory().mebibytes());
  for (const char* suffix : {"", "-wal", "-shm", ".dispatch-lock"})
    std::filesystem::remove(file + suffix);
  return pass->delivered == static_cast<std::size_t>(reminders) &&
                 received == static_cast<std::size_t>(reminders)
             ? 0
             : 1;
}
