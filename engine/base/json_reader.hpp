#pragma once

// Reading a JSON document into domain values while collecting every problem with the path where
// it was found (`plan.tasks[2].when: ...`): what the plan and config readers share.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi {

// The meanings (engine/base/meaning.hpp) of the problems every JSON document may have, at the
// diagnostic's `where`; `got` is describe_json's text of what came (`string "abc"`).
namespace json_meaning {
inline constexpr std::string_view kInvalidJson = "json.invalid";               // the parser's words
inline constexpr std::string_view kMissing = "json.missing";                   // (none)
inline constexpr std::string_view kUnknownField = "json.unknown_field";        // (none)
inline constexpr std::string_view kExpectedObject = "json.expected_object";    // got
inline constexpr std::string_view kExpectedArray = "json.expected_array";      // got
inline constexpr std::string_view kExpectedString = "json.expected_string";    // got
inline constexpr std::string_view kExpectedText = "json.expected_text";        // the blank text
inline constexpr std::string_view kExpectedInteger = "json.expected_integer";  // got
inline constexpr std::string_view kIntegerRange = "json.integer_range";        // low, high, got
inline constexpr std::string_view kExpectedNumber = "json.expected_number";    // got
inline constexpr std::string_view kExpectedBoolean = "json.expected_boolean";  // got
inline constexpr std::string_view kNumberRange = "json.number_range";          // low, high, got
// A text that should hold a time (14:00), a date (2026-08-13) or a month and day (12-29): the
// text as written.
inline constexpr std::string_view kExpectedTime = "json.expected_time";
inline constexpr std::string_view kExpectedDate = "json.expected_date";
inline constexpr std::string_view kExpectedMonthDay = "json.expected_month_day";
// A value a list may hold once, listed again: the value as written ("7").
inline constexpr std::string_view kListedTwice = "json.listed_twice";
}  // namespace json_meaning

// Parses a whole document; a syntax error, or a number no double holds, becomes one diagnostic
// at `where`: `plan: invalid JSON: parse error at line 1, column 15: ...`,
// `plan: invalid JSON: number overflow parsing '1e999'`.
Result<nlohmann::json, Diagnostics> parse_json_document(std::string_view text,
                                                        const std::string& where);

// The value's type and its text, cut to 57 bytes and "..." when longer than 60 (never inside a
// UTF-8 character): `string "abc"`, `number 12`. Nesting of any depth is described.
std::string describe_json(const nlohmann::json& value);

// Walks a JSON document, reading fields into domain values and collecting every problem with
// the path where it was found. Reads return nullopt on a problem; the caller goes on.
class JsonReader {
 public:
  using json = nlohmann::json;

  explicit JsonReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void report(const std::string& where, std::string message, Meaning meaning = {}) {
    diagnostics_.push_back({where, std::move(message), std::nullopt, std::move(meaning)});
  }
  // An error of a value read at `where` (a when-expression, a time zone), with its meaning.
  void report(const std::string& where, const Error& error) {
    report(where, error.message, error.meaning);
  }

  // The object at `where`, with only the listed keys allowed.
  bool expect_object(const json& value, const std::string& where,
                     std::initializer_list<std::string_view> allowed) {
    if (!value.is_object()) {
      report(where, "expected an object, got " + describe_json(value),
             meaning_of(json_meaning::kExpectedObject, {describe_json(value)}));
      return false;
    }
    for (const auto& [key, member] : value.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        report(where + "." + key, "unknown field", meaning_of(json_meaning::kUnknownField));
    }
    return true;
  }

  const json* member(const json& object, std::string_view key) {
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
  }

  std::optional<std::string> string(const json& object, const std::string& where,
                                    std::string_view key, bool required, bool allow_empty) {
    const std::string path = where + "." + std::string{key};
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) {
      if (required) report(path, "missing", meaning_of(json_meaning::kMissing));
      return std::nullopt;
    }
    if (!value->is_string()) {
      report(path, "expected a string, got " + describe_json(*value),
             meaning_of(json_meaning::kExpectedString, {describe_json(*value)}));
      return std::nullopt;
    }
    std::string text = value->get<std::string>();
    if (!allow_empty && text.find_first_not_of(" \t\r\n") == std::string::npos) {
      report(path, "expected a non-empty string, got \"" + text + "\"",
             meaning_of(json_meaning::kExpectedText, {text}));
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string> required_text(const json& object, const std::string& where,
                                           std::string_view key) {
    return string(object, where, key, /*required=*/true, /*allow_empty=*/false);
  }
  std::string optional_text(const json& object, const std::string& where, std::string_view key) {
    return string(object, where, key, /*required=*/false, /*allow_empty=*/true).value_or("");
  }

  std::optional<long long> integer(const json& object, const std::string& where,
                                   std::string_view key, bool required, long long low,
                                   long long high) {
    const std::string path = where + "." + std::string{key};
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) {
      if (required) report(path, "missing", meaning_of(json_meaning::kMissing));
      return std::nullopt;
    }
    if (!value->is_number_integer()) {
      report(path, "expected an integer, got " + describe_json(*value),
             meaning_of(json_meaning::kExpectedInteger, {describe_json(*value)}));
      return std::nullopt;
    }
    // An unsigned number beyond long long would wrap round in get<long long>().
    const bool beyond = value->is_number_unsigned() &&
                        value->get<unsigned long long>() >
                            static_cast<unsigned long long>(std::numeric_limits<long long>::max());
    const long long number = beyond ? 0 : value->get<long long>();
    if (beyond || number < low || number > high) {
      report(path,
             "expected an integer from " + std::to_string(low) + " to " + std::to_string(high) +
                 ", got " + value->dump(),
             meaning_of(json_meaning::kIntegerRange,
                        {std::to_string(low), std::to_string(high), value->dump()}));
      return std::nullopt;
    }
    return number;
  }

  std::optional<double> number(const json& object, const std::string& where, std::string_view key) {
    const std::string path = where + "." + std::string{key};
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) {
      report(path, "missing", meaning_of(json_meaning::kMissing));
      return std::nullopt;
    }
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
      report(path, "expected a number, got " + describe_json(*value),
             meaning_of(json_meaning::kExpectedNumber, {describe_json(*value)}));
      return std::nullopt;
    }
    return value->get<double>();
  }

  // true or false at `key`; nullopt (reported when required) when absent or null.
  std::optional<bool> boolean(const json& object, const std::string& where, std::string_view key,
                              bool required) {
    const std::string path = where + "." + std::string{key};
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) {
      if (required) report(path, "missing", meaning_of(json_meaning::kMissing));
      return std::nullopt;
    }
    if (!value->is_boolean()) {
      report(path, "expected true or false, got " + describe_json(*value),
             meaning_of(json_meaning::kExpectedBoolean, {describe_json(*value)}));
      return std::nullopt;
    }
    return value->get<bool>();
  }

  // Calls read(element, path) for each element of the array at `key`, if present.
  void each(const json& object, const std::string& where, std::string_view key,
            const std::function<void(const json&, const std::string&)>& read) {
    const std::string path = where + "." + std::string{key};
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) return;
    if (!value->is_array()) {
      report(path, "expected an array, got " + describe_json(*value),
             meaning_of(json_meaning::kExpectedArray, {describe_json(*value)}));
      return;
    }
    for (std::size_t i = 0; i < value->size(); ++i)
      read((*value)[i], path + "[" + std::to_string(i) + "]");
  }

 private:
  Diagnostics& diagnostics_;
};

}  // namespace torikumi
