#include "calendars/content_lines.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace torikumi::calendars;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos;
       end = text.find("\r\n", begin)) {
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 2;
  }
  CHECK(begin == text.size());  // every line ends in CRLF
  return lines;
}

bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

}  // namespace

TEST_CASE("a short line is left alone and ends in CRLF") {
  CHECK(fold_lines("SUMMARY:会議") == "SUMMARY:会議\r\n");
  CHECK(fold_lines("A:1\r\nB:2\r\n") == "A:1\r\nB:2\r\n");
}

TEST_CASE("a line of exactly 75 octets is not folded and one of 76 is") {
  const std::string exact = "X:" + std::string(73, 'a');
  CHECK(fold_lines(exact) == exact + "\r\n");
  const std::string longer = exact + "b";
  CHECK(fold_lines(longer) == exact + "\r\n b\r\n");
}

TEST_CASE("folding never splits a three-octet Japanese character") {
  // 8 + 3k octets: the 75th octet falls inside a character for every shift of the ASCII prefix.
  for (std::size_t prefix = 0; prefix < 3; ++prefix) {
    std::string line = "SUMMARY:" + std::string(prefix, 'x');
    for (int i = 0; i < 60; ++i) line += "多機関協働";
    const std::string folded = fold_lines(line);
    for (const std::string& part : lines_of(folded)) {
      CHECK(part.size() <= 75);
      CHECK(valid_utf8(part));
    }
    CHECK(unfold_lines(folded) == line + "\r\n");
  }
}

TEST_CASE("continuation lines start with one space and carry at most 74 octets") {
  const std::string line = "DESCRIPTION:" + std::string(300, 'z');
  const auto parts = lines_of(fold_lines(line));
  REQUIRE(parts.size() == 5);
  CHECK(parts[0].size() == 75);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    CHECK(parts[i][0] == ' ');
    CHECK(parts[i].size() <= 75);
  }
}

TEST_CASE("unfolding repairs a fold that libical put between CR and LF") {
  // libical 3.0.16 wrote "…）\r" "\r\n " "\nX-WR-CALNAME…" for a line ending at its fold point.
  CHECK(unfold_lines("NAME:東区役所（令和8年度）\r\r\n \nX-WR-CALNAME:x\r\n") ==
        "NAME:東区役所（令和8年度）\r\nX-WR-CALNAME:x\r\n");
  CHECK(unfold_lines("DESCRIPTION:a\r\n b\r\n\tc\r\nUID:1\r\n") == "DESCRIPTION:abc\r\nUID:1\r\n");
}
