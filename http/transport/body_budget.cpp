#include "http/transport/body_budget.hpp"

namespace torikumi::http {

BodyBudget::BodyBudget(std::size_t bytes) : state_(std::make_shared<State>(bytes)) {}

std::shared_ptr<const void> BodyBudget::reserve(std::size_t bytes) {
  std::size_t reserved = state_->reserved.load();
  do {
    if (bytes > state_->capacity || reserved > state_->capacity - bytes) return nullptr;
  } while (!state_->reserved.compare_exchange_weak(reserved, reserved + bytes));
  // The deleter keeps the state alive and gives the bytes back; the pointer itself is the state,
  // never read through.
  return std::shared_ptr<const void>{
      state_.get(), [state = state_, bytes](const void*) { state->reserved.fetch_sub(bytes); }};
}

std::size_t BodyBudget::reserved() const { return state_->reserved.load(); }

}  // namespace torikumi::http
