#include "http/transport/bounded_provider.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace torikumi::http;

TEST_CASE(
    "a content provider writes only what lies within its bytes, whatever range it is asked for") {
  const auto bytes = std::make_shared<const std::string>("BEGIN:VCALENDAR");  // 15 bytes
  struct Case {
    std::size_t offset;
    std::size_t length;
    std::string written;
  };
  const Case cases[] = {
      {0, 15, "BEGIN:VCALENDAR"},       {0, 5, "BEGIN"}, {6, 1048576, "VCALENDAR"},
      {14, 18446744073709551615u, "R"}, {15, 10, ""},    {17000, 83000, ""},
      {18446744073709551615u, 1, ""},
  };
  for (const auto& [offset, length, expected] : cases) {
    CAPTURE(offset);
    CAPTURE(length);
    for (const AfterAnswer after : {AfterAnswer::keep_open, AfterAnswer::close}) {
      std::string written;
      httplib::DataSink sink;
      sink.write = [&](const char* data, std::size_t size) {
        written.append(data, size);
        return true;
      };
      const auto provider = bounded_provider(bytes, *bytes, after);
      // Asked for more than there is: what there is, and failure (the connection closes).
      const bool whole = expected.size() == length;
      CHECK(provider(offset, length, sink) == (whole && after == AfterAnswer::keep_open));
      CHECK(written == expected);
    }
  }
}
