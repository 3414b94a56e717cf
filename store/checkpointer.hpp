#pragma once

// Checkpoints on a thread and a connection of their own, for a process whose writer commits
// without pause (torikumi serve). With SQLite's automatic checkpoints the commit that finds the
// WAL long copies it back itself and waits for its fsyncs (190 ms for 8,000 pages on a slow
// disk), acknowledging nothing meanwhile; here that work leaves the commit path.
//
// The catch: SQLite starts the WAL again from its beginning only when a writer begins and every
// frame in it has been copied back, which a PASSIVE checkpoint beside a writer that never pauses
// does not achieve. So once passes leave little behind, the checkpointer asks the writer to
// wait after its next commit and copies the rest with RESTART; the WAL is rewound. If it falls
// behind all the same (a disk slower than the writes, or a reader holding on to the WAL), the
// writer checkpoints itself at a limit, which bounds the WAL and slows writes to the disk's pace.
//
// The writer tells the checkpointer the WAL's length after each commit (sqlite3_wal_hook, which
// SQLite calls with it): no polling, and the writer learns there whether to wait or checkpoint.
// The writer and the checkpointer must be in one process; other processes writing the same file
// keep their own automatic checkpoints, which the checkpointer notices as a shorter WAL.
//
// Durability is the writer's: each commit is its own transaction, synchronous=NORMAL (a commit
// survives the process; the checkpoint syncs the WAL before copying it, as SQLite always does).

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/base/result.hpp"

namespace torikumi::store {

namespace detail {
class Connection;  // store/detail/sqlite.hpp
}

// When the checkpoints run, in WAL pages: SQLite's unit (as in wal_autocheckpoint), one page of
// the database file (4 KiB) and a 24-byte header each. A completion writes about 4.
struct CheckpointPolicy {
  // A PASSIVE pass begins once this many pages have been written since the last pass.
  std::int64_t pass_at_pages = 4000;
  // A pass that leaves at most this many pages behind is followed by the rewind: the writer
  // waits after its next commit while a RESTART copies the rest, syncs the WAL and the
  // database file, and the WAL starts again. One that leaves more is followed by another pass
  // at once, as long as each leaves a quarter less than the one before, and by the rewind when
  // they stop gaining (the writer then waits for what the disk could not keep up with). The
  // writer's wait is two fsyncs of little, whatever this is (bench/README.md).
  std::int64_t rewind_at_pages = 256;
  // After a commit that leaves the WAL this long, the committing thread runs a RESTART itself
  // before its write returns. If that does not complete (a reader holds on to the WAL), the next
  // one waits until the WAL has grown by as much again.
  std::int64_t writer_limit_pages = 32000;
};

// What the checkpoints did so far, and the WAL's length.
struct CheckpointCounts {
  std::int64_t passes = 0;              // PASSIVE passes on the checkpointer's thread
  std::int64_t rewinds = 0;             // RESTARTs that copied everything: the WAL starts again
  std::int64_t incomplete_rewinds = 0;  // RESTARTs that gave up waiting for the writer or readers
  std::int64_t writer_checkpoints = 0;  // RESTARTs the writer ran at writer_limit_pages
  std::int64_t failures = 0;            // checkpoints that failed (I/O errors)
  std::int64_t wal_pages = 0;           // the WAL's length after the writer's latest commit
  std::int64_t largest_wal_pages = 0;   // the longest it was after a commit
  bool operator==(const CheckpointCounts&) const = default;
};

class Checkpointer {
 public:
  // Opens a connection of its own to `path` (in WAL mode, as Store::open leaves it), takes over
  // the checkpoints of `writer` (wal_autocheckpoint = 0: SQLite's automatic ones stop) and
  // starts its thread. REQUIRES: `writer` outlives the checkpointer, which is destroyed on the
  // thread that writes with it (or while nothing does).
  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path,
                                                     detail::Connection& writer,
                                                     const CheckpointPolicy& policy);
  // Stops, and no longer hears of the writer's commits (which then run no checkpoints at all).
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Lets the checkpoint in progress finish, runs a last PASSIVE pass (what the writer committed
  // is then in the database file, unless a reader holds it) and ends the thread. The writer's
  // commits after it still tell it the WAL's length, and still checkpoint at the limit. Idempotent.
  void stop();

  CheckpointCounts counts() const;

 private:
  Checkpointer(detail::Connection own, detail::Connection& writer, const CheckpointPolicy& policy);
  // On the writer's thread after each of its commits.
  void after_commit(std::int64_t wal_pages);
  void run();
  // Whether a pass is to begin. REQUIRES: mutex_ held.
  bool pass_due() const;
  // A PASSIVE pass, and the rewind if it left little. REQUIRES: `lock` holds mutex_ (and does on
  // return), checkpoint_running_ set for this thread.
  void pass(std::unique_lock<std::mutex>& lock);
  void rewind(std::unique_lock<std::mutex>& lock);

  std::unique_ptr<detail::Connection> connection_;  // used on the thread only
  detail::Connection& writer_;
  const CheckpointPolicy policy_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool checkpoint_running_ = false;  // by either connection: SQLite allows one at a time
  std::int64_t wal_pages_ = 0;       // after the writer's last commit (0 after a rewind)
  std::int64_t passed_at_ = 0;       // the WAL's length at the last pass (0 after a rewind)
  std::int64_t copied_ = 0;          // pages of the WAL as it stands copied back
  std::int64_t writer_limit_ = 0;    // the writer checkpoints itself at this length
  bool chase_ = false;               // the last pass gained but left much: pass again at once
  std::int64_t left_before_ = 0;     // what the last pass left behind, while chasing
  bool rewind_wanted_ = false;       // the writer waits after its commits while this holds
  bool writer_waiting_ = false;
  CheckpointCounts counts_;
  std::thread thread_;
};

}  // namespace torikumi::store
