#include "mail/detail/encoded_words.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace torikumi::mail::detail {
namespace {

TEST_CASE("base64 encoded-words become quoted-printable ones of the same bytes") {
  struct Case {
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"=?UTF-8?B?5p2x?=", "=?UTF-8?Q?=E6=9D=B1?="},
      {"=?utf-8?b?SGk=?= =?utf-8?B?IOesrA==?=", "=?utf-8?Q?Hi?= =?utf-8?Q?=20=E7=AC=AC?="},
      {"=?UTF-8?B?SGk?=", "=?UTF-8?Q?Hi?="},  // padding left out
      {"Re: =?ISO-2022-JP?B?GyRCRWwbKEI=?= x", "Re: =?ISO-2022-JP?Q?=1B=24BEl=1B=28B?= x"},
      {"=?UTF-8*ja?B?5p2x?=", "=?UTF-8*ja?Q?=E6=9D=B1?="},  // RFC 2231 language
      {"=?UTF-8?Q?=E6=9D=B1?=", "=?UTF-8?Q?=E6=9D=B1?="},   // already Q
      {"plain text", "plain text"},
      {"=?UTF-8?B?5p2x", "=?UTF-8?B?5p2x"},        // not closed
      {"=?UTF 8?B?5p2x?=", "=?UTF 8?B?5p2x?="},    // not a charset
      {"=?UTF-8?B?5p 2x?=", "=?UTF-8?B?5p 2x?="},  // a space inside
      {"a=?=?UTF-8?B?SGk=?=", "a=?=?UTF-8?Q?Hi?="},
      {"=?", "=?"},
  };
  for (const Case& test : cases) {
    CAPTURE(test.value);
    CHECK(with_quoted_printable_words(test.value) == test.expected);
  }
}

}  // namespace
}  // namespace torikumi::mail::detail

namespace torikumi::mail::detail {
namespace {

TEST_CASE("headers are written as encoded-words of whole characters, 39 bytes at most") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"会議のご案内", "=?UTF-8?B?5Lya6K2w44Gu44GU5qGI5YaF?="},
      // 14 characters of 3 bytes: 13 in the first word, never a character cut in two.
      {"重層的支援会議重層的支援会議",
       "=?UTF-8?B?6YeN5bGk55qE5pSv5o+05Lya6K2w6YeN5bGk55qE5pSv5o+05Lya?=\n =?UTF-8?B?6K2w?="},
      {"", ""},
  };
  for (const Case& test : cases) {
    CAPTURE(test.text);
    CHECK(encoded_words(test.text) == test.expected);
  }
  CHECK(header_text("Counter-proposal declined") == "Counter-proposal declined");
  CHECK(header_text("=?UTF-8?B?x?=") == "=?UTF-8?B?PT9VVEYtOD9CP3g/PQ==?=");
  CHECK(header_text(std::string(69, 'a')).starts_with("=?UTF-8?B?"));
  CHECK(header_mailbox("", "a@example.jp") == "a@example.jp");
  CHECK(header_mailbox("Suzuki \"Hanako\"", "a@example.jp") ==
        "\"Suzuki \\\"Hanako\\\"\" <a@example.jp>");
  CHECK(header_mailbox("山田", "a@example.jp") == "=?UTF-8?B?5bGx55Sw?=\n <a@example.jp>");
}

}  // namespace
}  // namespace torikumi::mail::detail
