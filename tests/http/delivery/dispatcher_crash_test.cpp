// Nothing lost, nothing doubled: `torikumi remind --once` SIGKILLed at random moments while it
// sends, and started again, against a real receiver that records webhook-ids: reminders, and a
// year of meetings' invitations.

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

#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "store/outbox.hpp"
#include "tests/example_files.hpp"
#include "tests/http/webhook_receiver.hpp"
#include "tests/store/test_database.hpp"

extern char** environ;

using namespace torikumi;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kNow = "2026-04-07T00:00:00Z";

pid_t start_remind(const std::string& database, const std::string& config,
                   const std::string& now = kNow) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args{TORIKUMI_BINARY, "remind", "--once", "--db", database,
                                "--config",      config,   "--now",  now};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, TORIKUMI_BINARY, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

struct KillRuns {
  int kills = 0;
  std::size_t delivered_before_last_kill = 0;
};

// Starts `torikumi remind --once` and kills it, until `kills_wanted` kills or until `all` items
// were delivered; then a last run to the end.
KillRuns kill_while_sending(const http::testing::WebhookReceiver& receiver,
                            const std::string& database, const std::string& config,
                            const std::string& now, int kills_wanted, std::size_t all) {
  std::mt19937 random{20260407};
  // Moments within the run's work, not its start: a sanitizer build starts and works some times
  // slower, and kills that all land before or during its first delivery would resend that one
  // each time.
  std::uniform_int_distribution<int> delay_milliseconds{20 * TORIKUMI_SLOWDOWN,
                                                        150 * TORIKUMI_SLOWDOWN};
  KillRuns runs;
  while (runs.kills < kills_wanted) {
    const std::size_t before = receiver.accepted().size();
    const pid_t pid = start_remind(database, config, now);
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
    if (WIFSIGNALED(status)) ++runs.kills;
    runs.delivered_before_last_kill = receiver.accepted().size();
    if (runs.delivered_before_last_kill >= all) break;
  }
  const pid_t pid = start_remind(database, config, now);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  return runs;
}

// How many webhook-ids the receiver took twice, and the most times it took one.
std::pair<std::size_t, int> repeats(const std::map<std::string, int>& accepted) {
  std::size_t twice = 0;
  int most = 0;
  for (const auto& [id, count] : accepted) {
    twice += count == 2;
    most = std::max(most, count);
  }
  return {twice, most};
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
  const KillRuns runs = kill_while_sending(receiver, database.path(), config, kNow, 25, kReminders);
  const auto accepted = receiver.accepted();
  const auto [twice, most] = repeats(accepted);
  MESSAGE(runs.kills << " kills; " << runs.delivered_before_last_kill
                     << " delivered before the last; " << twice << " webhook-ids delivered twice");
  CHECK(runs.kills >= 20);
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

TEST_CASE(
    "the dispatcher killed at random moments while it sends a year of meetings' invitations "
    "delivers every one, none more than twice") {
  http::testing::WebhookReceiver receiver{http::webhook_key(kSecret).value()};
  const store::testing::TemporaryDatabase database;
  const std::string config = database.path() + ".config.json";
  const nlohmann::json organizer = {{"name", "東区役所 多機関協働担当"},
                                    {"email", "takikan@example.org"}};
  std::ofstream{config} << nlohmann::json{
      {"webhooks", {{{"url", receiver.url()}, {"secret", kSecret}}}},
      {"meetings", {{"organizer", organizer}, {"reply_domain", "reply.example.org"}}}};
  const std::string now = "2026-05-20T01:00:00Z";
  const date::sys_seconds at = parse_rfc3339(now).value();
  // 24 plans like the example, each with its five meetings still to come, and ten more
  // members in each agency that is no ward section (50 invitees a meeting, as a large 支援会議
  // might have): 6,000 invitations, each its own outbox item.
  constexpr int kPlans = 24;
  constexpr const char* kMonths[] = {"2026-06", "2026-08", "2026-10", "2026-12", "2027-02"};
  std::vector<std::string> ids;
  std::vector<std::string> occurrences;
  {
    auto store = store::Store::open(database.path());
    REQUIRE(store.ok());
    const store::Actor office{"東 花子", at};
    auto agencies_json = nlohmann::json::parse(torikumi::testing::example_text("agencies.json"));
    int added = 0;
    for (auto& agency : agencies_json["agencies"]) {
      if (agency["kind"] == "区役所") continue;
      for (int i = 0; i < 10; ++i, ++added)
        agency["members"].push_back({{"name", "職員 " + std::to_string(added)},
                                     {"email", "staff" + std::to_string(added) + "@example.jp"},
                                     {"role", "担当者"}});
    }
    auto agencies = read_agencies_json(agencies_json.dump(), "agencies");
    REQUIRE_MESSAGE(agencies.ok(), (agencies.ok() ? "" : agencies.error().front().message));
    REQUIRE(store->import_agencies(*agencies, office, "agencies.json").ok());
    const http::MeetingsOptions options{.organizer = {organizer["name"], organizer["email"]},
                                        .reply_domain = "reply.example.org",
                                        .endpoints = {receiver.url()},
                                        .language = Language::japanese,
                                        .inbound = {}};
    auto settings = http::invitation_settings(options, *store, default_base_url().text, at);
    REQUIRE(settings.ok());
    for (int n = 0; n < kPlans; ++n) {
      auto plan_json = nlohmann::json::parse(torikumi::testing::example_text("higashi/plan.json"));
      plan_json["id"] = "higashi-" + std::to_string(n);
      auto plan = read_plan_json(plan_json.dump());
      REQUIRE(plan.ok());
      REQUIRE(store->import_plan(*plan, {.actor = office, .source = "plan.json"}).ok());
      auto recorded = store->load_state(plan->id, 2026);
      REQUIRE(recorded.ok());
      auto snapshot = http::snapshot_from_record(*plan, date::year{2026}, *recorded, 1, at);
      REQUIRE(snapshot.ok());
      for (const char* month : kMonths) {
        occurrences.push_back(plan->id + "/multi-agency-meeting/" + month);
        const auto sent = http::send_invitation(
            *store, **snapshot, *settings,
            {.occurrence = occurrences.back(), .send = InvitationSend::first, .comment = {}},
            office);
        REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
        const auto messages = store->invitation_messages(occurrences.back());
        REQUIRE(messages.ok());
        for (const auto& message : *messages) ids.push_back(message.outbox_id);
      }
    }
  }
  REQUIRE(ids.size() == 6000);
  const KillRuns runs = kill_while_sending(receiver, database.path(), config, now, 15, ids.size());
  const auto accepted = receiver.accepted();
  const auto [twice, most] = repeats(accepted);
  MESSAGE(runs.kills << " kills; " << runs.delivered_before_last_kill << " of " << ids.size()
                     << " delivered before the last; " << twice << " webhook-ids delivered twice");
  CHECK(runs.kills >= 12);
  CHECK(receiver.bad_signatures() == 0);
  for (const auto& id : ids) CHECK_MESSAGE(accepted.contains(id), id);
  CHECK(most <= 2);
  CHECK(twice <= static_cast<std::size_t>(runs.kills));
  // Each run followed the invitations and found nothing to send again.
  auto store = store::Store::open(database.path());
  for (const std::string& occurrence : occurrences)
    CHECK(store->invitation_messages(occurrence)->size() == ids.size() / occurrences.size());
  std::filesystem::remove(config);
}
