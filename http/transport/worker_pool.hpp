#pragma once

// A fixed number of threads over a bounded queue of tasks. When the queue is full, submit()
// waits: the caller (an accepting thread, an event loop) is held back instead of memory growing
// without bound. shutdown() lets the queued tasks run, then joins.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace torikumi::http {

class WorkerPool {
 public:
  WorkerPool(std::size_t workers, std::size_t capacity);
  ~WorkerPool();  // shutdown() if not done
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; waits while the queue holds `capacity` tasks. After shutdown() began, the task
  // is not run: it is returned false and dropped.
  bool submit(std::function<void()> task);
  // Queues `task` unless the queue is full or shutdown() began; false (the task dropped) then. For
  // an event loop, which must never wait.
  bool try_submit(std::function<void()> task);

  // Runs what is queued, then joins the threads. Idempotent.
  void shutdown();

 private:
  void work();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace torikumi::http
