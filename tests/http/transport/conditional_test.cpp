#include "http/transport/conditional.hpp"

#include <doctest/doctest.h>

#include "http/transport/gzip.hpp"
#include "http/transport/http_error.hpp"
#include "http/transport/url.hpp"

using namespace torikumi::http;

TEST_CASE("a strong etag depends only on the bytes") {
  const std::string tag = strong_etag("BEGIN:VCALENDAR\r\n");
  CHECK(tag == strong_etag("BEGIN:VCALENDAR\r\n"));
  CHECK(tag != strong_etag("BEGIN:VCALENDAR\r\n "));
  CHECK(tag.front() == '"');
  CHECK(tag.back() == '"');
  CHECK(tag.find("W/") == std::string::npos);
  CHECK(strong_etag("") == "\"cbf29ce484222325-0\"");
}

TEST_CASE("if-none-match matches a listed tag or a star") {
  const std::string tag = "\"0123456789abcdef-10\"";
  struct Row {
    const char* header;
    bool matches;
  };
  const Row rows[] = {
      {"\"0123456789abcdef-10\"", true},
      {"*", true},
      {" \"x\" , \"0123456789abcdef-10\"", true},
      {"W/\"0123456789abcdef-10\"", true},
      {"\"0123456789abcdef-11\"", false},
      {"", false},
      {"0123456789abcdef-10", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.header);
    CHECK(if_none_match_matches(row.header, tag) == row.matches);
  }
}

TEST_CASE("gzip is accepted unless its quality is zero") {
  struct Row {
    const char* header;
    bool accepted;
  };
  const Row rows[] = {
      {"gzip", true},
      {"gzip, deflate, br", true},
      {"br;q=1.0, GZIP;q=0.5", true},
      {"*", true},
      {"x-gzip", true},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"deflate, br", false},
      {"", false},
      {"identity", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.header);
    CHECK(accepts_gzip(row.header) == row.accepted);
  }
}

TEST_CASE("http dates are IMF-fixdate in GMT") {
  using namespace date;
  CHECK(http_date(sys_days{2026_y / April / 1}) == "Wed, 01 Apr 2026 00:00:00 GMT");
  CHECK(http_date(sys_days{2027_y / March / 31} + std::chrono::hours{15} + std::chrono::minutes{4} +
                  std::chrono::seconds{5}) == "Wed, 31 Mar 2027 15:04:05 GMT");
}

TEST_CASE("gzip round trips Japanese text") {
  const std::string text = "SUMMARY:多機関協働担当を中心とした会議の開催\r\n";
  std::string repeated;
  for (int i = 0; i < 200; ++i) repeated += text;
  const auto compressed = gzip_compress(repeated);
  REQUIRE(compressed.ok());
  CHECK(compressed->size() < repeated.size() / 10);
  CHECK(static_cast<unsigned char>((*compressed)[0]) == 0x1f);
  CHECK(static_cast<unsigned char>((*compressed)[1]) == 0x8b);
  const auto back = gzip_decompress(*compressed);
  REQUIRE(back.ok());
  CHECK(*back == repeated);
  CHECK(gzip_decompress("not gzip").error().message == "gzip: not a complete gzip stream");
}

TEST_CASE("every error kind maps to its status code") {
  CHECK(status_code(ErrorKind::bad_request) == 400);
  CHECK(status_code(ErrorKind::unauthorized) == 401);
  CHECK(status_code(ErrorKind::forbidden) == 403);
  CHECK(status_code(ErrorKind::not_found) == 404);
  CHECK(status_code(ErrorKind::method_not_allowed) == 405);
  CHECK(status_code(ErrorKind::conflict) == 409);
  CHECK(status_code(ErrorKind::payload_too_large) == 413);
  CHECK(status_code(ErrorKind::unprocessable) == 422);
  CHECK(status_code(ErrorKind::headers_too_large) == 431);
  CHECK(status_code(ErrorKind::internal) == 500);
}

TEST_CASE("an error body is one JSON object with the message escaped") {
  CHECK(error_body("no plan \"x\"") == R"({"error":"no plan \"x\""})");
  CHECK(error_body("計画がありません") == R"({"error":"計画がありません"})");
  CHECK(error_body("bad \xff byte") == "{\"error\":\"bad \xEF\xBF\xBD byte\"}");
}

TEST_CASE("percent encoding keeps only unreserved characters") {
  CHECK(percent_encode("higashi-kyosei_1.0~") == "higashi-kyosei_1.0~");
  CHECK(percent_encode("東区役所") == "%E6%9D%B1%E5%8C%BA%E5%BD%B9%E6%89%80");
  CHECK(percent_encode("a b/c?d") == "a%20b%2Fc%3Fd");
}

TEST_CASE("an HTTP-date is read in its three forms, and nothing else is") {
  using namespace date;
  const sys_seconds instant = sys_days{1994_y / November / 6} + std::chrono::hours{8} +
                              std::chrono::minutes{49} + std::chrono::seconds{37};
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == instant);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == instant);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == instant);
  CHECK(parse_http_date(http_date(instant)) == instant);
  for (const char* bad :
       {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 GMT trailing", "Sun, 06 Nov 1994 08:49:37",
        "Sun, 32 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 25:49:37 GMT"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_http_date(bad).has_value());
  }
}

TEST_CASE("304 by If-None-Match when sent, else by If-Modified-Since no earlier than the change") {
  using namespace date;
  const sys_seconds changed = sys_days{2026_y / April / 1};
  const std::string tag = "\"0123456789abcdef-10\"";
  const std::string at = http_date(changed);
  const std::string later = http_date(changed + std::chrono::seconds{1});
  const std::string earlier = http_date(changed - std::chrono::seconds{1});
  CHECK(is_not_modified(std::nullopt, at, tag, changed));
  CHECK(is_not_modified(std::nullopt, later, tag, changed));
  CHECK_FALSE(is_not_modified(std::nullopt, earlier, tag, changed));
  CHECK_FALSE(is_not_modified(std::nullopt, "not a date", tag, changed));
  CHECK_FALSE(is_not_modified(std::nullopt, std::nullopt, tag, changed));
  CHECK(is_not_modified(tag, earlier, tag, changed));       // If-None-Match decides
  CHECK_FALSE(is_not_modified("\"x\"", at, tag, changed));  // even against the date
}
