#include "store/secrets.hpp"

#include <doctest/doctest.h>

#include <array>
#include <set>
#include <string>

using namespace torikumi::store;

TEST_CASE("sha256_hex gives the published test vectors") {
  // FIPS 180-2, appendix B.1 and B.2, and the empty message.
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Bytes, not C strings: an embedded NUL is hashed too.
  CHECK(sha256_hex(std::string_view{"a\0b", 3}) != sha256_hex("a"));
}

TEST_CASE("a secret is its kind's prefix and 43 characters of base64url") {
  struct Row {
    SecretKind kind;
    std::string prefix;
  };
  const std::array rows{Row{SecretKind::api_token, "tkm_"}, Row{SecretKind::subscription, "tks_"},
                        Row{SecretKind::session, "tkc_"}, Row{SecretKind::csrf, ""}};
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (const Row& row : rows) {
    CAPTURE(row.prefix);
    const std::string secret = make_secret(row.kind);
    REQUIRE(secret.size() == row.prefix.size() + 43);
    CHECK(secret.starts_with(row.prefix));
    const std::string body = secret.substr(row.prefix.size());
    CHECK(body.find_first_not_of(alphabet) == std::string::npos);
    // 32 bytes are 256 bits: 42 characters of 6 bits and 4 bits in the last, whose low 2 are 0.
    CHECK(alphabet.find(body.back()) % 4 == 0);
  }
}

TEST_CASE("secrets do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(make_secret(SecretKind::api_token));
  CHECK(seen.size() == 1000);
  // All 64 characters turn up in 43,000 random ones (missing one has a chance near e^-650): the
  // bytes are spread over the whole alphabet, not a part of it.
  std::set<char> characters;
  for (const auto& secret : seen) characters.insert(secret.begin() + 4, secret.end());
  CHECK(characters.size() == 64);
}

TEST_CASE("equal_in_constant_time compares the whole of both") {
  CHECK(equal_in_constant_time("tkm_abc", "tkm_abc"));
  CHECK(equal_in_constant_time("", ""));
  CHECK_FALSE(equal_in_constant_time("tkm_abc", "tkm_abd"));
  CHECK_FALSE(equal_in_constant_time("xkm_abc", "tkm_abc"));
  CHECK_FALSE(equal_in_constant_time("tkm_abc", "tkm_ab"));
  CHECK_FALSE(equal_in_constant_time("", "a"));
  CHECK_FALSE(equal_in_constant_time(std::string_view{"a\0b", 3}, std::string_view{"a\0c", 3}));
}
