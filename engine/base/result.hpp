#pragma once

// Errors as values across module boundaries (leveldb's Status, std::expected in spirit).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/base/meaning.hpp"

namespace torikumi {

// What kind of thing went wrong, which is all a caller needs to tell errors apart (never the
// first words of a message). The HTTP layer maps each code to a status in one function.
enum class ErrorCode {
  invalid,    // the input is not acceptable: a plan, a sheet, a request, a write
  not_found,  // it names something that does not exist (a plan, task, occurrence, KPI, token)
  conflict,   // the recorded state forbids it (a done occurrence, no dead deliveries to replay)
  forbidden,  // the caller may not do it
  internal,   // anything else: the database, the file system
};

// One thing that went wrong, with where it went wrong already in the text:
// `plan.tasks[2].when: unknown month "13" in "（13月）"`.
struct Error {
  std::string message;
  ErrorCode code = ErrorCode::invalid;
  Meaning meaning{};  // what the message says, for a reader in another language; may be empty
  bool operator==(const Error&) const = default;
};

// An error that names something that does not exist.
inline Error not_found_error(std::string message, Meaning meaning = {}) {
  return Error{std::move(message), ErrorCode::not_found, std::move(meaning)};
}

// An error the recorded state causes.
inline Error conflict_error(std::string message, Meaning meaning = {}) {
  return Error{std::move(message), ErrorCode::conflict, std::move(meaning)};
}

// An error of the machinery (database, files), not of the input.
inline Error internal_error(std::string message) {
  return Error{std::move(message), ErrorCode::internal};
}

// `text` in double quotes, the way every message quotes what it names: `unknown plan "nishi"`.
inline std::string in_quotes(std::string_view text) { return "\"" + std::string{text} + "\""; }

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

// The result of something that yields no value: ok, or an error (leveldb's Status).
// Construct an ok one with `Status{}` (or `return {};`), a failed one from an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: !ok().
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// A problem found while reading input, located by a path such as `plan.tasks[2].when`
// or `sheet:14`. Readers collect all of them instead of stopping at the first.
struct Diagnostic {
  std::string where;
  std::string message;
  // For a problem inside one line, the 1-based character of the line it starts at (the same
  // number `where` names as "character N"), so that a caller can point at it without parsing.
  std::optional<std::size_t> character = std::nullopt;
  Meaning meaning{};  // what `message` says, for a reader in another language; may be empty
  bool operator==(const Diagnostic&) const = default;

  // "where: message", the form every error is printed in.
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace torikumi
