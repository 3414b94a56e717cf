#include "http/transport/url.hpp"

#include <doctest/doctest.h>

#include <string>

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

TEST_CASE("a sign-in goes on only to a path of this server, without control characters") {
  struct Case {
    std::string next;
    std::string kept;
  };
  const Case cases[] = {
      {"/plans/higashi-kyosei", "/plans/higashi-kyosei"},
      {"/plans/x?lang=en#top", "/plans/x?lang=en#top"},
      {"/", "/"},
      {"/%2F%2Fevil.example", "/%2F%2Fevil.example"},  // a path: browsers do not decode it
      {"/東区", "/東区"},
      {"", "/"},
      {"plans/x", "/"},
      {"https://evil.example/", "/"},
      {"//evil.example/", "/"},
      {"/\\evil.example", "/"},
      {"/plans\\x", "/"},
      {"/\t/evil.example", "/"},
      {"/\n/evil.example", "/"},
      {"/\r/evil.example", "/"},
      {"/plans/x\r\nSet-Cookie: a=b", "/"},
      {std::string{"/"} + '\0' + "/evil.example", "/"},
      {"/\x01/evil.example", "/"},
      {"/\x1f/evil.example", "/"},
      {"/\x7f/evil.example", "/"},
      {"/plans/x\x0b", "/"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.next);
    CHECK(safe_next(c.next) == c.kept);
  }
}
