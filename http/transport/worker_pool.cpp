#include "http/transport/worker_pool.hpp"

namespace torikumi::http {

WorkerPool::WorkerPool(std::size_t workers, std::size_t capacity) : capacity_(capacity) {
  threads_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::submit(std::function<void()> task) {
  std::unique_lock lock{mutex_};
  space_.wait(lock, [&] { return tasks_.size() < capacity_ || stopping_; });
  if (stopping_) return false;
  tasks_.push_back(std::move(task));
  lock.unlock();
  ready_.notify_one();
  return true;
}

bool WorkerPool::try_submit(std::function<void()> task) {
  std::unique_lock lock{mutex_};
  if (stopping_ || tasks_.size() >= capacity_) return false;
  tasks_.push_back(std::move(task));
  lock.unlock();
  ready_.notify_one();
  return true;
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock{mutex_};
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  space_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

void WorkerPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock{mutex_};
      ready_.wait(lock, [&] { return !tasks_.empty() || stopping_; });
      if (tasks_.empty()) return;  // stopping, and nothing left
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    space_.notify_one();
    task();
  }
}

}  // namespace torikumi::http
