// Nothing lost, nothing doubled: `torikumi remind --once` SIGKILLed at random moments while it
// sends, and started again, against a real receiver that records webhook-ids.

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>
#include <unordered_set>

#include "engine/calendar/time_text.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "store/outbox.hpp"
#include "tests/http/webhook_receiver.hpp"
#include "tests/store/test_database.hpp"

extern char** environ;

using namespace torikumi;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kNow = "2026-04-07T00:00:00Z";

pid_t start_remind(const std::string& database, const std::string& config) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args{TORIKUMI_BINARY, "remind", "--once", "--db", database,
                                "--config",      config,   "--now",  kNow};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, TORIKUMI_BINARY, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

TEST_CASE(
    "the dispatcher killed at random moments 20 times delivers every reminder, none more than "
    "twice") {
  http::testing::WebhookReceiver receiver{http::webhook_key(kSecret).value()};
  const store::testing::TemporaryDatabase database;
  const std::string config = database.path() + ".config.json";
  std::ofstream{config} << R"({"webhooks": [{"url": ")" << receiver.url() << R"(", "secret": ")"
                        << kSecret << R"("}]})";
  constexpr int kReminders = 20000;  // more than 25 short runs can send
  std::vector<std::string> ids;
  {
    auto outbox = store::Outbox::open(database.path());
    REQUIRE(outbox.ok());
    std::vector<store::OutboxEntry> entries;
    for (int i = 0; i < kReminders; ++i) {
      ids.push_back("crash/t/2026-04/meeting-1d/" + std::to_string(i));
      entries.push_back({.id = ids.back(),
                         .plan = "crash",
                         .occurrence = "crash/t/2026-04",
                         .rule = "meeting-1d",
                         .send_at = parse_rfc3339(kNow).value(),
                         .subject = "件名",
                         .payload = R"({"n": )" + std::to_string(i) + "}"});
    }
    const std::vector<std::string> endpoints{receiver.url()};
    REQUIRE(outbox
                ->reconcile("crash", entries, {ids.begin(), ids.end()}, endpoints,
                            parse_rfc3339(kNow).value())
                .ok());
  }
  std::mt19937 random{20260407};
  // Moments within the run's work, not its start: a sanitizer build starts and works some times
  // slower, and kills that all land before or during its first delivery would resend that one
  // each time.
  std::uniform_int_distribution<int> delay_milliseconds{20 * TORIKUMI_SLOWDOWN,
                                                        150 * TORIKUMI_SLOWDOWN};
  int kills = 0;
  std::size_t delivered_before_last_kill = 0;
  while (kills < 25) {
    const std::size_t before = receiver.accepted().size();
    const pid_t pid = start_remind(database.path(), config);
    // Each run is killed only after it delivered something new (the one the last kill may have
    // interrupted goes first): on a loaded machine a run can take longer to start than the random
    // delay, and kills that keep landing on the same first delivery would resend it a third time,
    // which the outbox never promised against. Then a random moment within its work.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (receiver.accepted().size() == before && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
    std::this_thread::sleep_for(std::chrono::milliseconds{delay_milliseconds(random)});
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++kills;
    delivered_before_last_kill = receiver.accepted().size();
    if (delivered_before_last_kill == static_cast<std::size_t>(kReminders)) break;
  }
  // A last run to the end.
  const pid_t pid = start_remind(database.path(), config);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  const auto accepted = receiver.accepted();
  std::size_t twice = 0;
  int most = 0;
  for (const auto& [id, count] : accepted) {
    twice += count == 2;
    most = std::max(most, count);
  }
  MESSAGE(kills << " kills; " << delivered_before_last_kill << " delivered before the last; "
                << twice << " webhook-ids delivered twice");
  CHECK(kills >= 20);
  CHECK(receiver.bad_signatures() == 0);
  CHECK(accepted.size() == static_cast<std::size_t>(kReminders));
  for (const auto& id : ids) CHECK_MESSAGE(accepted.contains(id), id);
  CHECK(most <= 2);
  auto outbox = store::Outbox::open(database.path());
  const auto pending = outbox->deliveries({.plan = "crash",
                                           .state = store::DeliveryState::pending,
                                           .reminder = std::nullopt,
                                           .limit = 10});
  CHECK(pending->empty());
  std::filesystem::remove(config);
}
