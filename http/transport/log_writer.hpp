#pragma once

// The request log's writer: lines are gathered in memory and written by a thread of its own, one
// write() per batch every few milliseconds, so that a request costs a lock and a copy rather than
// a system call (as nginx's access_log buffer= does). flush() and the destructor write out what is
// gathered, so nothing is lost on a clean stop.

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace torikumi::http {

struct LogWriterOptions {
  std::chrono::milliseconds interval{50};  // how long a line may wait to be written
  std::size_t batch_bytes = 64 * 1024;     // a batch this large is written at once
};

class LogWriter {
 public:
  explicit LogWriter(std::ostream& out, LogWriterOptions options = {});
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Adds one line (a newline is appended). Thread-safe.
  void write_line(std::string_view line);
  // Writes out everything added so far before returning.
  void flush();

 private:
  void run();
  void write_out(std::unique_lock<std::mutex>& lock);

  std::ostream& out_;
  const LogWriterOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::mutex out_mutex_;  // one writer of out_ at a time
  std::thread thread_;
};

}  // namespace torikumi::http
