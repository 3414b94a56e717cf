// Background checkpoints (store/checkpointer.hpp): the WAL stays bounded beside a writer that
// does not pause, is rewound once the writer stops, is copied back when the store closes, and
// the writer checkpoints itself when the checkpointer does not keep up.

#include "store/checkpointer.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "engine/progress/expansion.hpp"
#include "store/store.hpp"
#include "tests/store/test_database.hpp"

using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::monthly_plan_json;
using torikumi::store::testing::read_test_plan;
using torikumi::store::testing::TemporaryDatabase;

namespace {

// More than the pages any one completion writes (about 4).
constexpr std::int64_t kPagesOfOneCompletion = 50;

const date::sys_seconds kAt = date::sys_days{date::year{2026} / date::May / 1};

// A plan of `tasks` monthly tasks imported on a store of its own, closed again: the WAL is
// copied back and removed, so what follows starts from an empty one.
std::vector<std::string> import_plan(const std::string& path, int tasks) {
  auto store = Store::open(path);
  REQUIRE(store.ok());
  const Plan plan = read_test_plan(monthly_plan_json("wal", tasks));
  REQUIRE(
      store->import_plan(plan, {.actor = {"test", kAt}, .source = "", .fiscal_year = 2026}).ok());
  const auto expansion = expand_plan(plan, date::year{2026});
  REQUIRE(expansion.ok());
  std::vector<std::string> ids;
  for (const Occurrence& occurrence : expansion->occurrences) ids.push_back(occurrence.id);
  return ids;
}

void complete(Store& store, const std::string& id) {
  const auto done = store.mark_done(
      {.occurrence = id, .completed_at = kAt, .note = "", .actor = {"writer", kAt}});
  REQUIRE_MESSAGE(done.ok(), (done.ok() ? "" : done.error().message));
}

std::int64_t wal_file_bytes(const std::string& path) {
  std::error_code missing;
  const auto size = std::filesystem::file_size(path + "-wal", missing);
  return missing ? 0 : static_cast<std::int64_t>(size);
}

// The length of a WAL of `pages` frames of 4 KiB pages: its header, then a header and a page each.
std::int64_t wal_bytes(std::int64_t pages) { return 32 + pages * (24 + 4096); }

std::size_t done_count(Store& store) {
  const auto state = store.load_state("wal", 2026);
  REQUIRE(state.ok());
  std::size_t done = 0;
  for (const auto& [id, record] : state->occurrences)
    done += record.status == OccurrenceStatus::done;
  return done;
}

// A connection of sqlite3's own, as another process would have.
class RawConnection {
 public:
  explicit RawConnection(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &database_) == SQLITE_OK);
  }
  ~RawConnection() { sqlite3_close(database_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // The first column of each row, as text.
  std::vector<std::string> query(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database_, sql, -1, &statement, nullptr) == SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(statement);
    return rows;
  }

 private:
  sqlite3* database_ = nullptr;
};

}  // namespace

TEST_CASE("the page size is the one the WAL lengths below assume") {
  const TemporaryDatabase file;
  import_plan(file.path(), 1);
  RawConnection raw{file.path()};
  CHECK(raw.query("PRAGMA page_size") == std::vector<std::string>{"4096"});
}

TEST_CASE(
    "beside a writer that does not pause, the WAL stays within the writer's limit and every "
    "write is there") {
  const TemporaryDatabase file;
  const auto ids = import_plan(file.path(), 300);  // 3,600 completions: 14,000 pages and more
  const CheckpointPolicy policy{
      .pass_at_pages = 100, .rewind_at_pages = 50, .writer_limit_pages = 1000};
  auto store = Store::open(file.path(),
                           {.checkpoints = Checkpoints::background, .checkpoint_policy = policy});
  REQUIRE(store.ok());
  std::int64_t largest = 0;
  for (const std::string& id : ids) {
    complete(*store, id);
    largest = std::max(largest, wal_file_bytes(file.path()));
  }
  CHECK(largest > 0);
  CHECK(largest <= wal_bytes(policy.writer_limit_pages + kPagesOfOneCompletion));
  const auto counts = store->checkpoint_counts();
  REQUIRE(counts.has_value());
  CHECK(counts->largest_wal_pages <= policy.writer_limit_pages + kPagesOfOneCompletion);
  CHECK(counts->rewinds + counts->writer_checkpoints > 0);
  CHECK(counts->failures == 0);
  CHECK(done_count(*store) == ids.size());
  RawConnection raw{file.path()};
  CHECK(raw.query("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
}

TEST_CASE("when the writer pauses, the checkpointer copies the WAL back and rewinds it") {
  const TemporaryDatabase file;
  const auto ids = import_plan(file.path(), 100);  // 1,200 occurrences
  // The writer never checkpoints itself here: only the checkpointer can rewind the WAL.
  const CheckpointPolicy policy{
      .pass_at_pages = 100, .rewind_at_pages = 100, .writer_limit_pages = 1'000'000};
  auto store = Store::open(file.path(),
                           {.checkpoints = Checkpoints::background, .checkpoint_policy = policy});
  REQUIRE(store.ok());
  std::size_t next = 0;
  for (; next < 300; ++next) complete(*store, ids[next]);  // 900 pages and more
  // Then a completion now and then, until one finds the WAL started again. Without a rewind it
  // would be longer after each of them.
  bool rewound = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (!rewound && next < ids.size() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
    complete(*store, ids[next++]);
    rewound = store->checkpoint_counts()->wal_pages <= kPagesOfOneCompletion;
  }
  CHECK(rewound);
  const auto counts = store->checkpoint_counts();
  CHECK(counts->rewinds > 0);
  CHECK(counts->writer_checkpoints == 0);
  CHECK(done_count(*store) == next);
}

TEST_CASE("when the checkpointer does not keep up, the writer checkpoints at its limit") {
  const TemporaryDatabase file;
  const auto ids = import_plan(file.path(), 50);  // 600 completions: 2,400 pages and more
  // The checkpointer never begins a pass: the writer alone keeps the WAL bounded.
  const CheckpointPolicy policy{
      .pass_at_pages = 1'000'000, .rewind_at_pages = 0, .writer_limit_pages = 200};
  auto store = Store::open(file.path(),
                           {.checkpoints = Checkpoints::background, .checkpoint_policy = policy});
  REQUIRE(store.ok());
  for (const std::string& id : ids) complete(*store, id);
  const auto counts = store->checkpoint_counts();
  REQUIRE(counts.has_value());
  CHECK(counts->passes == 0);
  CHECK(counts->writer_checkpoints > 0);
  CHECK(wal_file_bytes(file.path()) <=
        wal_bytes(policy.writer_limit_pages + kPagesOfOneCompletion));
  CHECK(done_count(*store) == ids.size());
}

TEST_CASE("closing a store stops its checkpointer, which copies what was written into the file") {
  const TemporaryDatabase file;
  const auto ids = import_plan(file.path(), 10);  // 120 occurrences
  // Another connection stays open, so that closing the store's is not what copies the WAL back.
  RawConnection other{file.path()};
  REQUIRE(other.query("PRAGMA user_version").size() == 1);  // reads: holds the file open
  {
    const CheckpointPolicy policy{
        .pass_at_pages = 1'000'000, .rewind_at_pages = 0, .writer_limit_pages = 1'000'000};
    auto store = Store::open(file.path(),
                             {.checkpoints = Checkpoints::background, .checkpoint_policy = policy});
    REQUIRE(store.ok());
    for (const std::string& id : ids) complete(*store, id);
    CHECK(store->checkpoint_counts()->passes == 0);
  }
  CHECK(wal_file_bytes(file.path()) > 0);  // still there: only copied back
  // The database file alone, without its WAL, holds every completion.
  const TemporaryDatabase copy;
  std::filesystem::copy_file(file.path(), copy.path());
  auto reopened = Store::open(copy.path());
  REQUIRE(reopened.ok());
  CHECK(done_count(*reopened) == ids.size());
}

TEST_CASE("background checkpoints need a file") {
  const auto opened = Store::open(":memory:", {.checkpoints = Checkpoints::background});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message == "background checkpoints need a database file, not \":memory:\"");
}
