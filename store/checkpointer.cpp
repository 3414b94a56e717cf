#include "store/checkpointer.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <system_error>

#include "store/detail/sqlite.hpp"

namespace torikumi::store {

using detail::CheckpointMode;
using detail::Connection;

namespace {

// How long the checkpointer waits for a busy writer to stop after its commit before it runs the
// RESTART anyway (a writer that is not writing never comes).
constexpr std::chrono::milliseconds kWriterPauseWait{10};
// How long a RESTART of the checkpointer waits for the writer lock and for readers of the WAL
// (its connection's busy timeout) before it gives up, to try again after the next pass. The
// writer, stopped for the rewind, waits twice as long at most (the RESTART also copies and
// syncs), then goes on: its next BEGIN waits for the write lock as any writer does.
constexpr std::chrono::milliseconds kRewindWait{100};

}  // namespace

Checkpointer::Checkpointer(Connection own, Connection& writer, const CheckpointPolicy& policy)
    : connection_(std::make_unique<Connection>(std::move(own))),
      writer_(writer),
      policy_(policy),
      writer_limit_(policy.writer_limit_pages) {}

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path,
                                                          Connection& writer,
                                                          const CheckpointPolicy& policy) {
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  connection->set_busy_timeout(static_cast<int>(kRewindWait.count()));
  // Reading the file once opens its WAL on this connection (a checkpoint alone would not).
  if (auto set = connection->execute("PRAGMA synchronous = NORMAL"); !set) return set.error();
  const auto version = connection->query_integer("PRAGMA user_version");
  if (!version) return version.error();
  if (auto set = writer.execute("PRAGMA wal_autocheckpoint = 0"); !set) return set.error();
  std::unique_ptr<Checkpointer> checkpointer{
      new Checkpointer(std::move(*connection), writer, policy)};
  // The thread starts with every signal blocked, so that none meant for the process (SIGTERM,
  // which torikumi serve takes on a thread of its own) is delivered to it.
  sigset_t all_signals;
  sigset_t before;
  sigfillset(&all_signals);
  pthread_sigmask(SIG_SETMASK, &all_signals, &before);
  try {
    checkpointer->thread_ = std::thread{[raw = checkpointer.get()] { raw->run(); }};
  } catch (const std::system_error& error) {
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    return internal_error(std::string{"cannot start the checkpointer's thread: "} + error.what());
  }
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  writer.call_after_commit(
      [raw = checkpointer.get()](std::int64_t wal_pages) { raw->after_commit(wal_pages); });
  return checkpointer;
}

Checkpointer::~Checkpointer() {
  stop();
  writer_.call_after_commit(nullptr);
}

void Checkpointer::stop() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

CheckpointCounts Checkpointer::counts() const {
  std::lock_guard lock{mutex_};
  return counts_;
}

void Checkpointer::after_commit(std::int64_t wal_pages) {
  std::unique_lock lock{mutex_};
  wal_pages_ = counts_.wal_pages = wal_pages;
  counts_.largest_wal_pages = std::max(counts_.largest_wal_pages, wal_pages);
  if (wal_pages < passed_at_) passed_at_ = copied_ = 0;  // rewound by another connection
  if (rewind_wanted_) {
    // Holding no lock now, the writer lets the RESTART take the write lock at once.
    writer_waiting_ = true;
    changed_.notify_all();
    changed_.wait_for(lock, kRewindWait * 2, [&] { return !rewind_wanted_ || stopping_; });
    writer_waiting_ = false;
    return;
  }
  if (pass_due()) changed_.notify_all();
  if (wal_pages < writer_limit_) return;
  // SQLite runs one checkpoint at a time and refuses a second at once, without waiting: the
  // writer waits for the checkpointer's pass to end (its rewind may make this one needless).
  changed_.wait(lock, [&] { return !checkpoint_running_; });
  if (wal_pages_ < writer_limit_) return;
  checkpoint_running_ = true;
  ++counts_.writer_checkpoints;
  lock.unlock();
  // The writer's own connection and busy timeout: it waits for readers of the WAL.
  const auto checkpoint = writer_.checkpoint(CheckpointMode::restart);
  lock.lock();
  checkpoint_running_ = false;
  changed_.notify_all();
  if (!checkpoint) {
    ++counts_.failures;
  } else if (checkpoint->complete) {
    writer_limit_ = policy_.writer_limit_pages;
    wal_pages_ = passed_at_ = copied_ = 0;
    chase_ = false;
    return;
  }
  writer_limit_ = wal_pages + policy_.writer_limit_pages;
}

bool Checkpointer::pass_due() const {
  return chase_ || wal_pages_ - passed_at_ >= policy_.pass_at_pages;
}

void Checkpointer::run() {
  std::unique_lock lock{mutex_};
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || (!checkpoint_running_ && pass_due()); });
    if (stopping_) break;
    checkpoint_running_ = true;
    pass(lock);
    checkpoint_running_ = false;
    changed_.notify_all();
  }
  changed_.wait(lock, [&] { return !checkpoint_running_; });
  checkpoint_running_ = true;
  lock.unlock();
  (void)connection_->checkpoint(CheckpointMode::passive);
  lock.lock();
  checkpoint_running_ = false;
  changed_.notify_all();
}

void Checkpointer::pass(std::unique_lock<std::mutex>& lock) {
  const bool first = !chase_;
  chase_ = false;
  const std::int64_t copied_before = copied_;
  const std::int64_t wal_before = wal_pages_;
  lock.unlock();
  auto outcome = connection_->checkpoint(CheckpointMode::passive);
  // SQLite syncs the database file only when a checkpoint reaches the end of the WAL, which a
  // pass beside a writer does not: else the rewind would sync every page of the passes before
  // it while the writer waits.
  if (outcome && outcome->copied_pages > copied_before) {
    if (auto synced = connection_->sync_database_file(); !synced) outcome = synced.error();
  }
  lock.lock();
  ++counts_.passes;
  if (!outcome || outcome->wal_pages < 0) {  // failed, or another process was checkpointing
    if (!outcome) ++counts_.failures;
    passed_at_ = wal_before;  // not again before as many pages more
    return;
  }
  // The pass copied the WAL as it was when it began; the writer went on meanwhile.
  passed_at_ = std::max(wal_pages_, outcome->wal_pages);
  copied_ = outcome->copied_pages;
  const std::int64_t left = passed_at_ - copied_;
  if (left > policy_.rewind_at_pages) {
    if (copied_ == copied_before) return;  // a reader holds the WAL: wait for more pages
    // While the passes gain on the writer (each leaves a quarter less than the one before),
    // another follows at once; when they stop gaining, the writer waits for the rest.
    if (first || left <= left_before_ * 3 / 4) {
      chase_ = true;
      left_before_ = left;
      return;
    }
  }
  rewind(lock);
}

void Checkpointer::rewind(std::unique_lock<std::mutex>& lock) {
  rewind_wanted_ = true;
  changed_.wait_for(lock, kWriterPauseWait, [&] { return writer_waiting_ || stopping_; });
  lock.unlock();
  const auto restart = connection_->checkpoint(CheckpointMode::restart);
  lock.lock();
  rewind_wanted_ = false;
  changed_.notify_all();
  if (!restart) {
    ++counts_.failures;
    return;
  }
  if (!restart->complete) {
    ++counts_.incomplete_rewinds;
    if (restart->wal_pages >= 0) {
      passed_at_ = restart->wal_pages;
      copied_ = restart->copied_pages;
    }
    return;
  }
  ++counts_.rewinds;
  // The writer's next commit starts the WAL from its beginning and reports its new length.
  wal_pages_ = passed_at_ = copied_ = 0;
  writer_limit_ = policy_.writer_limit_pages;
}

}  // namespace torikumi::store
