// multipart/form-data read from memory, strictly: what the gateways send, and every way a body
// can be other than that.

#include "http/inbound/multipart_form.hpp"

#include <doctest/doctest.h>

#include "http/inbound/header_parameters.hpp"

namespace torikumi::http {

TEST_CASE("a form's parts are read with their names, file names, types and bytes") {
  const std::string body =
      "This is the preamble, which is skipped.\r\n"
      "--AaB03x\r\n"
      "Content-Disposition: form-data; name=\"email\"\r\n"
      "\r\n"
      "From: a@b.example\r\n\r\nbody\r\n--AaB0 is not the boundary\r\n"
      "--AaB03x  \r\n"
      "content-disposition: FORM-DATA;\r\n"
      "\tname=\"attachment-1\"; filename=\"invite.ics\"\r\n"
      "Content-Type: text/calendar; method=REPLY\r\n"
      "Content-Transfer-Encoding: 8bit\r\n"
      "\r\n"
      "BEGIN:VCALENDAR\r\n"
      "--AaB03x\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n"
      "\r\n"
      "\r\n"
      "--AaB03x--\r\n"
      "and an epilogue, skipped too";
  const auto fields = read_multipart_form("AaB03x", body);
  REQUIRE(fields.ok());
  CHECK(*fields ==
        std::vector<FormField>{
            {"email", std::nullopt, "",
             "From: a@b.example\r\n\r\nbody\r\n--AaB0 is not the boundary"},
            {"attachment-1", "invite.ics", "text/calendar; method=REPLY", "BEGIN:VCALENDAR"},
            {"empty", std::nullopt, "", ""}});
  // No parts at all is a form of no fields.
  CHECK(read_multipart_form("x", "--x--\r\n")->empty());
}

TEST_CASE("a form that is not one is refused, saying where") {
  struct Case {
    std::string body;
    HttpError error;
  };
  const auto bad = [](std::string message) {
    return HttpError{ErrorKind::bad_request, "multipart/form-data: " + std::move(message)};
  };
  const std::string part = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  const Case cases[] = {
      {"", bad("no boundary line")},
      {"--C\r\n", bad("no boundary line")},
      {"--Bx\r\n", bad("part 1: a line starts with the boundary but is not a boundary line")},
      {part + "--B-\r\n",
       bad("part 2: a line starts with the boundary but is not a boundary line")},
      {part + "--B", bad("part 2: the body ends before its closing boundary")},
      {part, bad("part 1: the body ends before its closing boundary")},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
       bad("part 1: the body ends before its closing boundary")},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n",
       bad("part 1: the body ends inside its headers")},
      {"--B\r\n\r\nx\r\n--B--", bad("part 1: no Content-Disposition: form-data with a name")},
      {"--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--",
       bad("part 1: no Content-Disposition: form-data with a name")},
      {"--B\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--B--",
       bad("part 1: no Content-Disposition: form-data with a name")},
      {"--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--B--",
       bad("part 1: no Content-Disposition: form-data with a name")},
      {"--B\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nx\r\n--B--",
       bad("part 1: no Content-Disposition: form-data with a name")},
      {part + "--B\r\nno colon here\r\n\r\nx\r\n--B--",
       bad("part 2: a header line without a colon")},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
       "name=\"b\"\r\n\r\nx\r\n--B--",
       bad("part 1: Content-Disposition given twice")},
      {"--B\r\nContent-Type: text/plain\r\nContent-Type: text/html\r\n\r\nx\r\n--B--",
       bad("part 1: Content-Type given twice")},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: "
       "base64\r\n\r\neA==\r\n--B--",
       bad("part 1: a Content-Transfer-Encoding other than 7bit, 8bit or binary")},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    const auto fields = read_multipart_form("B", c.body);
    REQUIRE_FALSE(fields.ok());
    CHECK(fields.error() == c.error);
  }
  for (const std::string& boundary :
       {std::string{}, std::string(71, 'b'), std::string{"a\"b"}, std::string{"ends "}}) {
    CAPTURE(boundary);
    CHECK(read_multipart_form(boundary, "--" + boundary + "--").error() ==
          bad("the boundary is not 1 to 70 of RFC 2046's characters"));
  }
}

TEST_CASE("a form is held to its number of parts and the size of each part's headers") {
  std::string body;
  for (int i = 0; i < 4; ++i)
    body += "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n\r\n";
  CHECK(read_multipart_form("B", body + "--B--", {.max_parts = 4})->size() == 4);
  CHECK(read_multipart_form("B", body + "--B--", {.max_parts = 3}).error() ==
        HttpError{ErrorKind::payload_too_large, "multipart/form-data: more than 3 parts"});
  const std::string long_header =
      "--B\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Long: " + std::string(100, 'x') +
      "\r\n\r\nvalue\r\n--B--";
  CHECK(read_multipart_form("B", long_header, {.max_header_bytes = 200}).ok());
  CHECK(read_multipart_form("B", long_header, {.max_header_bytes = 100}).error() ==
        HttpError{ErrorKind::payload_too_large,
                  "multipart/form-data: part 1: headers over 100 bytes"});
}

TEST_CASE("header values with parameters are read strictly") {
  const auto type = parse_media_type("Multipart/Form-Data; Boundary=\"a \\\"quoted\\\" b\";x=1");
  REQUIRE(type);
  CHECK(type->value == "multipart/form-data");
  CHECK(type->parameter("boundary") == "a \"quoted\" b");
  CHECK(type->parameter("x") == "1");
  CHECK_FALSE(type->parameter("y"));
  CHECK(parse_media_type("application/json;")->value == "application/json");
  for (const char* refused : {"", "json", "/json", "application/", "a/b; c", "a/b; c=", "a/b; =d",
                              "a/b; c=\"d", "a/b c", "a/b; c=d; C=e", "a/b; c=\"\x01\""}) {
    CAPTURE(refused);
    CHECK_FALSE(parse_media_type(refused));
  }
  const auto disposition = parse_disposition("form-data; name=\"body-mime\"");
  REQUIRE(disposition);
  CHECK(disposition->value == "form-data");
  CHECK(disposition->parameter("name") == "body-mime");
}

}  // namespace torikumi::http
