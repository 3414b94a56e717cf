#include "http/url.hpp"

#include <doctest/doctest.h>

using namespace torikumi::http;

TEST_CASE("percent-decoding turns %XX into bytes and, in forms, plus into a space") {
  CHECK(percent_decode("%E6%9D%B1%E5%8C%BA", false) == "東区");
  CHECK(percent_decode("a+b%20c", true) == "a b c");
  CHECK(percent_decode("a+b", false) == "a+b");
  CHECK(percent_decode("100%", true) == "100%");
  CHECK(percent_decode("%zz%4", true) == "%zz%4");
  CHECK(percent_decode(percent_encode("東区役所 3階/会議室"), false) == "東区役所 3階/会議室");
}

TEST_CASE("a form body gives its fields, the first of a repeated name") {
  const auto fields = parse_form(
      "csrf=abc&occurrence=higashi-kyosei%2Fmeeting%2F2026-04&note=12%E5%90%8D+%E5%8F%82%E5%8A%A0&"
      "note=x&empty=&flag");
  CHECK(fields.at("csrf") == "abc");
  CHECK(fields.at("occurrence") == "higashi-kyosei/meeting/2026-04");
  CHECK(fields.at("note") == "12名 参加");
  CHECK(fields.at("empty").empty());
  CHECK(fields.at("flag").empty());
  CHECK(parse_form("").empty());
}

TEST_CASE("a cookie is found by its exact name") {
  CHECK(cookie_value("lang=en; torikumi_session=tkc_abc", "torikumi_session") == "tkc_abc");
  CHECK(cookie_value("torikumi_session_old=1;torikumi_session=2", "torikumi_session") == "2");
  CHECK(cookie_value("lang=en", "torikumi_session") == std::nullopt);
  CHECK(cookie_value("", "lang") == std::nullopt);
}
