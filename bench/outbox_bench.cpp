// The reminder outbox: N due reminders through the dispatcher to a local receiver (in this
// process, checking every signature), each delivery recorded durably after its 2xx.
//
// usage: outbox_bench [--reminders N] [--file DB]

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_set>

#include "bench/bench_support.hpp"
#include "engine/calendar/time_text.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "store/outbox.hpp"
#include "tests/http/webhook_receiver.hpp"

namespace {

using namespace torikumi;

// The secret the dispatcher signs with and the receiver checks every delivery against.
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct Options {
  long reminders = 100000;
  std::string file = (std::filesystem::temp_directory_path() / "torikumi-outbox-bench.db").string();
};

// The options, or nothing after a message on stderr.
std::optional<Options> read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view name{argv[i]};
    if (name == "--reminders") {
      const auto value = bench::read_count_option(argc, argv, i, 1);
      if (!value) return std::nullopt;
      options.reminders = *value;
    } else if (name == "--file" && i + 1 < argc) {
      options.file = argv[++i];
    } else {
      std::fprintf(stderr, "usage: outbox_bench [--reminders N] [--file DB]\n");
      return std::nullopt;
    }
  }
  return options;
}

// The database with SQLite's files and the dispatcher's lock beside it, so each run starts empty
// and leaves nothing behind.
void remove_database(const std::string& file) {
  for (const char* suffix : {"", "-wal", "-shm", ".dispatch-lock"})
    std::filesystem::remove(file + suffix);
}

// Enters `reminders` reminders, all due at `now`, for one endpoint, and prints how long it took.
// The outbox is closed on return, so the dispatcher opens the file as a new process would.
bool enter_reminders(const std::string& file, long reminders, const std::string& endpoint,
                     date::sys_seconds now) {
  auto outbox = store::Outbox::open(file);
  if (!outbox) {
    std::fprintf(stderr, "outbox_bench: %s\n", outbox.error().message.c_str());
    return false;
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
  const std::vector<std::string> endpoints{endpoint};
  if (auto entered = outbox->reconcile("bench", entries, ids, endpoints, now); !entered) {
    std::fprintf(stderr, "outbox_bench: %s\n", entered.error().message.c_str());
    return false;
  }
  std::printf("entered %s reminders in %.2f s\n",
              bench::group_digits(std::uint64_t(reminders)).c_str(), entering.elapsed().count());
  return true;
}

// One dispatcher pass and how long it took.
struct Delivery {
  Result<http::PassSummary> pass;
  double seconds = 0;
};

// One pass of a dispatcher that sends (not a dry run) to the receiver, timed.
Delivery deliver_due_reminders(const std::string& file, const std::string& receiver_url,
                               date::sys_seconds now) {
  Config config = default_config();
  config.webhooks.push_back({.url = parse_http_url(receiver_url).value(), .secret = kSecret});
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
  auto pass = dispatcher.run_once();
  const double seconds = sending.elapsed().count();
  return {.pass = std::move(pass), .seconds = seconds};
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = read_options(argc, argv);
  if (!options) return 2;
  const long reminders = options->reminders;
  remove_database(options->file);
  http::testing::WebhookReceiver receiver{http::webhook_key(kSecret).value()};
  const date::sys_seconds now = parse_rfc3339("2026-04-07T00:00:00Z").value();
  if (!enter_reminders(options->file, reminders, receiver.url(), now)) return 1;
  const Delivery delivery = deliver_due_reminders(options->file, receiver.url(), now);
  const auto& pass = delivery.pass;
  if (!pass) {
    std::fprintf(stderr, "outbox_bench: %s\n", pass.error().message.c_str());
    return 1;
  }
  const std::size_t received = receiver.accepted().size();
  std::printf("delivered %s (receiver accepted %s, bad signatures %d) in %.2f s: %s deliveries/s\n",
              bench::group_digits(std::uint64_t(pass->delivered)).c_str(),
              bench::group_digits(std::uint64_t(received)).c_str(), receiver.bad_signatures(),
              delivery.seconds,
              bench::group_digits(static_cast<double>(pass->delivered) / delivery.seconds).c_str());
  std::printf("peak RSS %.1f MiB\n", bench::peak_resident_memory().mebibytes());
  remove_database(options->file);
  return pass->delivered == static_cast<std::size_t>(reminders) &&
                 received == static_cast<std::size_t>(reminders)
             ? 0
             : 1;
}
