#include "http/transport/request_head.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace torikumi::http;

TEST_CASE("a request head is read into its line, fields and body framing") {
  const auto head = RequestHead::parse(
      "GET /calendars/a.ics?token=x HTTP/1.1\r\nHost: h\r\naccept-encoding:  gzip \r\n\r\n");
  REQUIRE(head);
  CHECK(head->method() == "GET");
  CHECK(head->target() == "/calendars/a.ics?token=x");
  CHECK(head->field("Accept-Encoding") == "gzip");
  CHECK(head->field("If-None-Match") == std::nullopt);
  CHECK(head->framing() == BodyFraming::none);
  CHECK_FALSE(head->has_body());
  CHECK(head->keeps_alive());

  const auto post = RequestHead::parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n");
  REQUIRE(post);
  CHECK(post->framing() == BodyFraming::content_length);
  CHECK(post->content_length() == 3);
  CHECK(post->has_body());
  CHECK_FALSE(
      RequestHead::parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")->has_body());
  const auto chunked =
      RequestHead::parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n");
  REQUIRE(chunked);
  CHECK(chunked->framing() == BodyFraming::chunked);
  CHECK(chunked->has_body());
  CHECK_FALSE(
      RequestHead::parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n")->keeps_alive());
  CHECK_FALSE(RequestHead::parse("GET / HTTP/1.0\r\n\r\n")->keeps_alive());
  CHECK(RequestHead::parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")->keeps_alive());
  CHECK(RequestHead::parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"));
  CHECK(RequestHead::parse("GET /%E6%9D%B1 HTTP/1.1\r\nHost: h\r\nX: caf\xc3\xa9\t1\r\n\r\n"));
  CHECK(RequestHead::parse(
            "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n")
            ->expects_continue());
}

TEST_CASE(
    "a head that is malformed, or framed so that another reader could take it otherwise, "
    "is refused with its status and a message that echoes nothing") {
  struct Case {
    std::string head;
    int status;
    std::string message;
  };
  const std::string host = "Host: h\r\n";
  const Case cases[] = {
      {"GET / HTTP/2.0\r\n\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are served"},
      {"TRACE / HTTP/1.1\r\n" + host + "\r\n", 501, "the method is not one this server serves"},
      {"M" + std::string(8000, 'A') + " / HTTP/1.1\r\n" + host + "\r\n", 501,
       "the method is not one this server serves"},
      {"POST / HTTP/1.1\r\n" + host +
           "Content-Length: 2\r\nExpect: 100-continue\r\nExpect: x\r\n\r\n",
       417, "the only expectation met is 100-continue"},
      {"GET / HTTP/1.1\r\n" + host + std::string(15000, 'N') + ": \x01\r\n\r\n", 400,
       "a header field value holds a control character"},
      {"GET / HTTP/1.1x\r\n\r\n", 400, "the request line's version is not HTTP/x.y"},
      {"GET / HTTP/1.1\nHost: h\n\n", 400, "the request line does not end in CRLF"},
      {"GET / HTTP/1.1\r\nHost: h\n\r\n", 400, "a header line does not end in CRLF"},
      {"GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400, "a header line does not end in CRLF"},
      {"GET / HTTP/1.1\r\n" + host + "A: b\r\n  c\r\n\r\n", 400,
       "obsolete line folding in the header"},
      {"GET / HTTP/1.1\r\n" + host + "NoColon\r\n\r\n", 400, "a header line has no colon"},
      {"GET  / HTTP/1.1\r\n\r\n", 400,
       "the request line is not METHOD TARGET VERSION, one space apart"},
      {"G(T / HTTP/1.1\r\n\r\n", 400, "the method is not a token"},
      {"GET http://h/ HTTP/1.1\r\n\r\n", 400, "the request target is not a path"},
      {"GET * HTTP/1.1\r\n\r\n", 400, "the request target is not a path"},
      {"GET /\x7f HTTP/1.1\r\n\r\n", 400,
       "the request target holds a control, space or non-ASCII byte"},
      {"GET /\xe6 HTTP/1.1\r\n\r\n", 400,
       "the request target holds a control, space or non-ASCII byte"},
      {"GET / HTTP/1.1\r\n" + host + "Bad Name: x\r\n\r\n", 400,
       "a header field name is not a token"},
      {"GET / HTTP/1.1\r\n" + host + "Content-Length : 5\r\n\r\n", 400,
       "a header field name is not a token"},
      {"GET / HTTP/1.1\r\n" + host +
           "X: a\x01"
           "b\r\n\r\n",
       400, "a header field value holds a control character"},
      {"GET / HTTP/1.1\r\n" + host + std::string("X: a\0b\r\n\r\n", 10), 400,
       "a header field value holds a control character"},
      {"GET / HTTP/1.1\r\n\r\n", 400, "an HTTP/1.1 request without Host"},
      {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "two Host fields"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400,
       "two Content-Length fields"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n", 400,
       "two Content-Length fields"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\n", 400,
       "Content-Length is not a number of bytes"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 5x\r\n\r\n", 400,
       "Content-Length is not a number of bytes"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 5\r\n\r\n", 400,
       "Content-Length is not a number of bytes"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n", 400,
       "Content-Length is not a number of bytes"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       400, "both Transfer-Encoding and Content-Length"},
      {"POST / HTTP/1.1\r\n" + host +
           "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       400, "two Transfer-Encoding fields"},
      {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
       "Transfer-Encoding in an HTTP/1.0 request"},
      {"POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501,
       "the only transfer coding served is chunked"},
      {"POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, identity\r\n\r\n", 501,
       "the only transfer coding served is chunked"},
      {"GET / HTTP/1.1\r\n" + host + "Content-Length: 5\r\n\r\n", 400, "no body is taken with GET"},
      {"HEAD / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n", 400,
       "no body is taken with HEAD"},
      {"OPTIONS / HTTP/1.1\r\n" + host + "Content-Length: 1\r\n\r\n", 400,
       "no body is taken with OPTIONS"},
      {"POST / HTTP/1.1\r\n" + host + "\r\n", 411,
       "POST needs Content-Length or Transfer-Encoding: chunked"},
      {"PUT / HTTP/1.1\r\n" + host + "\r\n", 411,
       "PUT needs Content-Length or Transfer-Encoding: chunked"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 2\r\nContent-Encoding: gzip\r\n\r\n", 415,
       "request bodies are taken without Content-Encoding"},
      {"POST / HTTP/1.1\r\n" + host + "Content-Length: 2\r\nExpect: 200-ok\r\n\r\n", 417,
       "the only expectation met is 100-continue"},
      {"GET / HTTP/1.1\r\n" + host + "\r\nGET / HTTP/1.1\r\n", 400,
       "bytes after the header's blank line"},
  };
  for (const auto& [head, status, message] : cases) {
    CAPTURE(head);
    const auto parsed = RequestHead::parse(head);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error() == Refusal{status, message, ""});
  }
  std::string many = "GET / HTTP/1.1\r\n" + host;
  for (std::size_t i = 0; i < RequestHead::kMaxFields; ++i) many += "X: 1\r\n";
  CHECK(RequestHead::parse(many + "\r\n").error().message == "more than 100 header fields");
}

TEST_CASE(
    "the full server gets the request in one plain form: no framing, ranges or "
    "expectations of the client's, and always a length where a body may be") {
  const auto head = RequestHead::parse(
      "POST /api/x?y=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nRange: bytes=0-1\r\n"
      "If-Range: \"e\"\r\nExpect: 100-continue\r\nTE: trailers\r\nTrailer: X\r\n"
      "Authorization: Bearer t\r\n\r\n");
  REQUIRE(head);
  CHECK(head->normalized("{}") ==
        "POST /api/x?y=1 HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer t\r\nContent-Length: "
        "2\r\n\r\n{}");
  const auto get =
      RequestHead::parse("GET /f HTTP/1.1\r\nHost: h\r\nRange: bytes=17000-99999\r\n\r\n");
  CHECK(get->normalized("") == "GET /f HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto percent = RequestHead::parse("GET / HTTP/1.1\r\nHost: h\r\nCookie: a=%0d%0aX\r\n\r\n");
  CHECK(percent->normalized("") == "GET / HTTP/1.1\r\nHost: h\r\nCookie: a=%250d%250aX\r\n\r\n");
  const auto removal = RequestHead::parse("DELETE /x HTTP/1.0\r\n\r\n");
  CHECK(removal->normalized("") == "DELETE /x HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("a chunked body is read as it arrives, its extensions and trailers dropped") {
  const std::string body =
      "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX: 1\r\n\r\nNEXT";
  for (std::size_t step : {std::size_t{1}, std::size_t{3}, body.size()}) {
    CAPTURE(step);
    ChunkedBody chunked;
    std::size_t taken = 0;
    std::size_t arrived = 0;
    while (!chunked.complete() && arrived < body.size()) {
      arrived = std::min(body.size(), arrived + step);
      const auto got = chunked.read(std::string_view{body}.substr(taken, arrived - taken));
      REQUIRE(got);
      taken += *got;
    }
    CHECK(chunked.complete());
    CHECK(chunked.data() == "Wikipedia in\r\n\r\nchunks.");
    CHECK(body.substr(taken) == "NEXT");
  }

  ChunkedBody declared;
  REQUIRE(declared.read("fffff\r\nab"));
  CHECK(declared.declared_size() == 0xfffff);

  struct Case {
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"x\r\n", "a chunk size is not hexadecimal"},
      {"-1\r\n", "a chunk size is not hexadecimal"},
      {" 1\r\n", "a chunk size is not hexadecimal"},
      {"1000000000000000\r\n", "a chunk size is not hexadecimal"},
      {"1\n", "a chunk line ends in a bare LF"},
      {"1\r\nab\r\n", "a chunk's data is not followed by CRLF"},
      {"1\r\na\r\n0\r\nbad\r\n\r\n", "a trailer line is not a field"},
      {"1\r\na\r\n0\r\nX Y: z\r\n\r\n", "a trailer line is not a field"},
      {std::string("1\r\na\r\n0\r\nX: \0z\r\n\r\n", 17), "a trailer line is not a field"},
      {"1;" + std::string(5000, 'e'), "a chunk line over 4096 bytes"},
  };
  for (const auto& [bytes, message] : cases) {
    CAPTURE(bytes);
    ChunkedBody chunked;
    const auto got = chunked.read(bytes);
    REQUIRE_FALSE(got);
    CHECK(got.error() == Refusal{400, message, ""});
  }
}
