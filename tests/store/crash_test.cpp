// Nothing lost: a writer process killed at random moments, and readers beside a writer. The
// writer is tests/store/store_writer.cpp; its path comes from CMake.

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "store/store.hpp"
#include "tests/store/test_database.hpp"

extern char** environ;

using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::monthly_plan_json;
using torikumi::store::testing::read_test_plan;
using torikumi::store::testing::TemporaryDatabase;

namespace {

// How store_writer checkpoints: as the commands do, or as torikumi serve does.
enum class WriterCheckpoints { automatic, background };

// A running store_writer with its standard output on a pipe.
class Writer {
 public:
  Writer(const std::string& database, const std::string& plan, WriterCheckpoints checkpoints) {
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    std::string program = TORIKUMI_STORE_WRITER;
    std::string year = "2026";
    std::string database_arg = database;
    std::string plan_arg = plan;
    std::string mode = checkpoints == WriterCheckpoints::background ? "background" : "automatic";
    char* argv[] = {program.data(), database_arg.data(), plan_arg.data(),
                    year.data(),    mode.data(),         nullptr};
    REQUIRE(posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    output_ = pipe_ends[0];
  }
  ~Writer() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (output_ >= 0) close(output_);
  }

  void kill_now() { kill(pid_, SIGKILL); }

  // Waits until the writer has acknowledged its first write (its start-up, which loads the
  // time-zone database, takes a varying while on a loaded machine), or the timeout passes.
  bool wait_for_first_acknowledgement(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (text_.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{output_, POLLIN, 0};
      if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      const ssize_t got = read(output_, buffer, sizeof buffer);
      if (got <= 0) return false;
      text_.append(buffer, static_cast<std::size_t>(got));
    }
    return true;
  }

  // Waits for the process to end; true when it ended by itself with status 0.
  bool wait_finished() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  // The ids acknowledged: the complete `ack ID` lines. REQUIRES: the process has ended.
  std::vector<std::string> acknowledged() {
    std::string text = std::move(text_);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = read(output_, buffer, sizeof buffer)) > 0)
      text.append(buffer, static_cast<std::size_t>(got));
    std::vector<std::string> ids;
    std::size_t begin = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos;
         begin = end + 1, end = text.find('\n', begin))
      if (text.compare(begin, 4, "ack ") == 0)
        ids.push_back(text.substr(begin + 4, end - begin - 4));
    return ids;
  }

 private:
  pid_t pid_ = -1;
  int output_ = -1;
  std::string text_;  // read before acknowledged()
};

std::string integrity_check(const std::string& path) {
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(database, "PRAGMA integrity_check", -1, &statement, nullptr) ==
          SQLITE_OK);
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW)
    result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(database);
  return result;
}

void import_monthly_plan(const std::string& path, int tasks) {
  auto store = Store::open(path);
  REQUIRE(store.ok());
  const date::sys_seconds at = date::sys_days{date::year{2026} / date::April / 1};
  REQUIRE(store
              ->import_plan(read_test_plan(monthly_plan_json("crash", tasks)),
                            {.actor = {"test", at}, .source = "", .fiscal_year = 2026})
              .ok());
}

std::size_t done_count(Store& store) {
  const auto state = store.load_state("crash", 2026);
  REQUIRE_MESSAGE(state.ok(), (state.ok() ? "" : state.error().message));
  std::size_t done = 0;
  for (const auto& [id, record] : state->occurrences)
    done += record.status == OccurrenceStatus::done;
  return done;
}

// Kills the writer at random moments, at least 20 times, and checks the file afterwards.
void check_writer_killed_at_random_moments(WriterCheckpoints checkpoints) {
  const TemporaryDatabase file;
  // 36,000 occurrences: more than the runs below can finish (9,600 were nearly all done in 25
  // runs, about 400 a run, once completions had become faster, and a writer with nothing left
  // acknowledges nothing).
  import_monthly_plan(file.path(), 3000);
  std::mt19937 random{20260401};
  std::uniform_int_distribution<int> delay_microseconds{0, 30000};  // after the first write
  std::set<std::string> acknowledged;
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (kills < 25 && std::chrono::steady_clock::now() < deadline) {
    Writer writer{file.path(), "crash", checkpoints};
    INFO(kills << " kills so far, " << acknowledged.size() << " completions acknowledged");
    REQUIRE(writer.wait_for_first_acknowledgement(std::chrono::seconds{20}));
    std::this_thread::sleep_for(std::chrono::microseconds{delay_microseconds(random)});
    writer.kill_now();
    const bool finished = writer.wait_finished();
    REQUIRE_FALSE(finished);  // killed, not out of work
    for (auto& id : writer.acknowledged()) acknowledged.insert(std::move(id));
    ++kills;
  }
  CHECK(kills >= 20);
  CHECK(integrity_check(file.path()) == "ok");
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  const auto state = store->load_state("crash", 2026);
  REQUIRE(state.ok());
  MESSAGE(kills << " kills, " << acknowledged.size() << " acknowledged completions");
  CHECK(acknowledged.size() > 0);
  std::size_t missing = 0;
  for (const auto& id : acknowledged) missing += state->status_of(id) != OccurrenceStatus::done;
  CHECK(missing == 0);
  // Each completion is whole: a done occurrence has exactly its one completion, with its note.
  for (const auto& id : acknowledged) {
    const OccurrenceRecord* record = state->find(id);
    REQUIRE(record != nullptr);
    CHECK(record->note == "crash test");
  }
}

}  // namespace

TEST_CASE("every acknowledged completion survives a writer killed at random moments") {
  check_writer_killed_at_random_moments(WriterCheckpoints::automatic);
}

TEST_CASE(
    "every acknowledged completion survives a writer with background checkpoints killed at random "
    "moments") {
  check_writer_killed_at_random_moments(WriterCheckpoints::background);
}

TEST_CASE("readers in another process see a writer's progress without waiting or failing") {
  const TemporaryDatabase file;
  import_monthly_plan(file.path(), 100);  // 1,200 occurrences
  auto store = Store::open(file.path());
  REQUIRE(store.ok());
  Writer writer{file.path(), "crash", WriterCheckpoints::background};  // as the server writes
  std::size_t reads = 0;
  std::size_t partial_reads = 0;
  std::size_t last = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
  while (last < 1200 && std::chrono::steady_clock::now() < deadline) {
    const std::size_t done = done_count(*store);
    CHECK(done >= last);  // never goes back
    last = done;
    ++reads;
    if (done > 0 && done < 1200) ++partial_reads;
  }
  CHECK(writer.wait_finished());
  CHECK(done_count(*store) == 1200);
  MESSAGE(reads << " reads, " << partial_reads << " while the writer was half way");
  CHECK(partial_reads > 0);
}

namespace {

constexpr const char* kMeetingPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組", "fiscal_year": 2026,
 "participants": [{"agency": "多機関協働担当", "role": "事務局"}],
 "tasks": [{"id": "meeting", "title": "会議の開催", "when": "（6月）", "kind": "meeting",
   "meeting_rule": {"week": 2, "weekday": "wednesday", "start": "14:00", "duration_minutes": 90}}]})";
constexpr const char* kMeeting = "p/meeting/2026-06";
const date::sys_seconds kHeld = date::sys_days{date::year{2026} / 6 / 10} + std::chrono::hours{5};

// The approver: forever, the minutes' next step (write and submit a draft, approve what is
// submitted, correct what is approved), writing "N\n" to `out` once version N's approval returned.
[[noreturn]] void approve_forever(const std::string& path, int out) {
  auto store = Store::open(path);
  if (!store) _exit(2);
  const Actor actor{"事務局", kHeld};
  const std::int64_t item = store->agenda(kMeeting).value().front().id;
  while (true) {
    const auto versions = store->minutes(kMeeting);
    if (!versions) _exit(3);
    const int version = versions->empty() ? 1 : versions->back().version;
    const MinutesState state = versions->empty() ? MinutesState::draft : versions->back().state;
    if (state == MinutesState::draft) {
      if (!store->save_minutes(kMeeting, {{item, "版" + std::to_string(version)}}, actor) ||
          !store->submit_minutes(kMeeting, actor))
        _exit(4);
    } else if (state == MinutesState::submitted) {
      if (!store->approve_minutes(kMeeting, kHeld, "会議を開催", actor)) _exit(5);
      const std::string line = std::to_string(version) + "\n";
      if (write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(6);
    } else if (!store->correct_minutes(kMeeting, "訂正 " + std::to_string(version), actor)) {
      _exit(7);
    }
  }
}

}  // namespace

TEST_CASE("every approved version of the minutes survives the approver killed at random moments") {
  TemporaryDatabase file;
  {
    auto store = Store::open(file.path());
    REQUIRE(store.ok());
    const Actor actor{"事務局", kHeld};
    REQUIRE(store->import_plan(read_test_plan(kMeetingPlan), {.actor = actor, .source = "p.json"})
                .ok());
    REQUIRE(store
                ->add_agenda_item(kMeeting,
                                  {.title = "活動報告",
                                   .presenter = {},
                                   .minutes = 10,
                                   .visibility = std::nullopt,
                                   .agencies = {}},
                                  actor)
                .ok());
  }
  std::mt19937 random{20261207};
  std::set<int> acknowledged;
  int kills = 0;
  for (; kills < 15; ++kills) {
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(pipe_ends[0]);
      approve_forever(file.path(), pipe_ends[1]);
    }
    close(pipe_ends[1]);
    const auto until =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds{std::uniform_int_distribution<int>{20, 250}(random)};
    std::string read;
    while (std::chrono::steady_clock::now() < until) {
      pollfd ready{pipe_ends[0], POLLIN, 0};
      if (poll(&ready, 1, 5) <= 0) continue;
      char buffer[256];
      const ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
      if (got <= 0) break;
      read.append(buffer, static_cast<std::size_t>(got));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));  // not an exit of its own
    for (char c; ::read(pipe_ends[0], &c, 1) == 1;) read += c;
    close(pipe_ends[0]);
    for (std::size_t start = 0, end; (end = read.find('\n', start)) != std::string::npos;
         start = end + 1)
      acknowledged.insert(std::stoi(read.substr(start, end - start)));
    // After each kill: every version acknowledged is approved with its own outcome, every version
    // before the latest is approved, and the meeting is done once the first was.
    auto store = Store::open(file.path());
    REQUIRE(store.ok());
    const auto versions = store->minutes(kMeeting).value();
    for (const int version : acknowledged) {
      REQUIRE(static_cast<std::size_t>(version) <= versions.size());
      const MinutesVersion& kept = versions[static_cast<std::size_t>(version - 1)];
      CHECK(kept.state == MinutesState::approved);
      REQUIRE(kept.outcomes.size() == 1);
      CHECK(kept.outcomes.front().outcome == "版" + std::to_string(version));
    }
    for (std::size_t i = 0; i + 1 < versions.size(); ++i)
      CHECK(versions[i].state == MinutesState::approved);
    const bool approved_once =
        !versions.empty() &&
        (versions.size() > 1 || versions.front().state == MinutesState::approved);
    CHECK((store->occurrence(kMeeting).value().record.status == OccurrenceStatus::done) ==
          approved_once);
  }
  MESSAGE(kills << " kills, " << acknowledged.size() << " approvals acknowledged");
  CHECK(acknowledged.size() >= 3);
}
