#include "http/transport/log_writer.hpp"

#include <ostream>

namespace torikumi::http {

LogWriter::LogWriter(std::ostream& out, LogWriterOptions options) : out_(out), options_(options) {
  thread_ = std::thread{[this] { run(); }};
}

LogWriter::~LogWriter() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LogWriter::write_line(std::string_view line) {
  bool full = false;
  {
    std::lock_guard lock{mutex_};
    pending_.append(line);
    pending_ += '\n';
    full = pending_.size() >= options_.batch_bytes;
  }
  if (full) wake_.notify_one();
}

void LogWriter::flush() {
  std::unique_lock lock{mutex_};
  write_out(lock);
  lock.unlock();
  // A batch the thread took before is being written under out_mutex_ (taken while it still held
  // mutex_): waiting for out_mutex_ waits for it.
  std::lock_guard written{out_mutex_};
}

// REQUIRES: `lock` holds mutex_; it is released while writing and held again after.
// The locks are always taken in one order, mutex_ then out_mutex_: out_mutex_ is taken before
// mutex_ is released, so batches keep their order, and given back before mutex_ is taken again,
// so that a flush() holding mutex_ and waiting for out_mutex_ cannot wait forever.
void LogWriter::write_out(std::unique_lock<std::mutex>& lock) {
  if (pending_.empty()) return;
  std::string batch;
  batch.swap(pending_);
  std::unique_lock out_lock{out_mutex_};
  lock.unlock();
  out_.write(batch.data(), static_cast<std::streamsize>(batch.size()));
  out_.flush();
  out_lock.unlock();
  lock.lock();
}

void LogWriter::run() {
  std::unique_lock lock{mutex_};
  while (true) {
    wake_.wait_for(lock, options_.interval,
                   [&] { return stopping_ || pending_.size() >= options_.batch_bytes; });
    write_out(lock);
    // Lines added while that batch was written (mutex_ is free then) go out before stopping.
    if (stopping_ && pending_.empty()) return;
  }
}

}  // namespace torikumi::http
