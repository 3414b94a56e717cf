#pragma once

// Bytes of request bodies held at once by the callers the server cannot tell apart before their
// bodies arrive (the email gateway's anonymous posts): each reserves what it may send before the
// event loop reads it, and gives it back when its request has been answered. Thread-safe: the
// loops reserve on their threads, leases end on any thread.

#include <atomic>
#include <cstddef>
#include <memory>

namespace torikumi::http {

class BodyBudget {
 public:
  explicit BodyBudget(std::size_t bytes);

  // A lease on `bytes`, released when its last copy goes; nullptr when fewer are left. A lease
  // may outlive the budget.
  std::shared_ptr<const void> reserve(std::size_t bytes);

  // The bytes leased now.
  std::size_t reserved() const;

 private:
  struct State {
    explicit State(std::size_t bytes) : capacity(bytes) {}
    const std::size_t capacity;
    std::atomic<std::size_t> reserved{0};
  };
  std::shared_ptr<State> state_;
};

}  // namespace torikumi::http
