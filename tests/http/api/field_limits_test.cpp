#include "http/api/field_limits.hpp"

#include <doctest/doctest.h>

#include <string>

#include "http/contract/limits.hpp"

namespace torikumi::http {

namespace {

std::string repeated(std::string_view text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST_CASE("characters are counted as the forms' maxlength counts Japanese") {
  CHECK(count_characters("") == 0);
  CHECK(count_characters("note") == 4);
  CHECK(count_characters("進捗の状況") == 5);
  CHECK(count_characters("\xff\xfe") == 2);  // not UTF-8: a byte each
}

TEST_CASE("each limited field is held to its limit, at the limit and one over") {
  for (const limits::FieldLimit& limit : limits::kFields) {
    CAPTURE(limit.field);
    const std::string name{limit.field};
    CHECK_FALSE(check_field_limits(nlohmann::json{{name, repeated("あ", limit.max_characters)}}));
    const auto over =
        check_field_limits(nlohmann::json{{name, repeated("x", limit.max_characters + 1)}});
    REQUIRE(over);
    CHECK(*over ==
          HttpError{ErrorKind::unprocessable,
                    name + ": " + std::to_string(limit.max_characters + 1) +
                        " characters, over the limit of " + std::to_string(limit.max_characters),
                    KnownRefusal::field_too_long,
                    {name, std::to_string(limit.max_characters + 1),
                     std::to_string(limit.max_characters)}});
  }
}

TEST_CASE("the limits are the forms' maxlengths and the API's alike") {
  CHECK(check_field_limits(std::map<std::string, std::string>{{"note", repeated("あ", 501)}}) ==
        HttpError{ErrorKind::unprocessable,
                  "note: 501 characters, over the limit of 500",
                  KnownRefusal::field_too_long,
                  {"note", "501", "500"}});
  CHECK(check_field_limits(nlohmann::json{{"text", repeated("x", 2001)}}) ==
        HttpError{ErrorKind::unprocessable,
                  "text: 2001 characters, over the limit of 2000",
                  KnownRefusal::field_too_long,
                  {"text", "2001", "2000"}});
}

TEST_CASE("fields without a limit, and values that are not strings, are left to the write") {
  CHECK_FALSE(check_field_limits(nlohmann::json{{"start", repeated("x", 5000)}}));
  CHECK_FALSE(check_field_limits(nlohmann::json{{"note", 12}}));
  CHECK_FALSE(check_field_limits(nlohmann::json::array()));
  CHECK_FALSE(check_field_limits(std::map<std::string, std::string>{{"csrf", repeated("x", 900)}}));
}

}  // namespace torikumi::http
