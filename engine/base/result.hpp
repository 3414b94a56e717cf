#pragma once

// Errors as values across module boundaries (leveldb's Status, std::expected in spirit).

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace torikumi {

// One thing that went wrong, with where it went wrong already in the text:
// `plan.tasks[2].when: unknown month "13" in "（13月）"`.
struct Error {
  std::string message;
  // The error names something that does not exist (an unknown plan, task, occurrence, KPI,
  // token, reminder), which a server answers with 404 rather than 422.
  bool not_found = false;
  bool operator==(const Error&) const = default;
};

// An error that names something that does not exist.
inline Error not_found_error(std::string message) { return Error{std::move(message), true}; }

// Either a value or an error (an Error by default). Construct from either; test with
// `if (result)`.
template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok().
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

// A problem found while reading input, located by a path such as `plan.tasks[2].when`
// or `sheet:14`. Readers collect all of them instead of stopping at the first.
struct Diagnostic {
  std::string where;
  std::string message;
  bool operator==(const Diagnostic&) const = default;

  // "where: message", the form every error is printed in.
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace torikumi
