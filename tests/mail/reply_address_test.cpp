#include "mail/reply_address.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "mail/mail_meaning.hpp"

namespace torikumi::mail {
namespace {

TEST_CASE("a reply address carries its token and gives it back") {
  const auto address = reply_address_for("k7q2m9x4w8e3r6t1", "higashi.example.jp");
  REQUIRE(address);
  CHECK(*address == "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp");
  CHECK(reply_token_of(*address, "higashi.example.jp") == "k7q2m9x4w8e3r6t1");
}

TEST_CASE("only a well-formed reply address of our domain gives a token") {
  struct Case {
    std::string address;
    std::optional<std::string> token;
  };
  const std::vector<Case> cases{
      {"rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp", "k7q2m9x4w8e3r6t1"},
      {"RSVP+K7Q2M9X4W8E3R6T1@Higashi.Example.JP", "k7q2m9x4w8e3r6t1"},  // case changed on the way
      {"rsvp+k7q2m9x4w8e3r6t1@nishi.example.jp", std::nullopt},          // another domain
      {"rsvp+k7q2m9x4w8e3r6t1@evil-higashi.example.jp", std::nullopt},
      {"rsvp+k7q2m9x4w8e3r6@higashi.example.jp", std::nullopt},     // 15 characters
      {"rsvp+k7q2-9x4w8e3r6t1x@higashi.example.jp", std::nullopt},  // outside the alphabet
      {"rsvp+" + std::string(65, 'a') + "@higashi.example.jp", std::nullopt},
      {"rsvp+" + std::string(64, 'a') + "@higashi.example.jp", std::string(64, 'a')},
      {"jimukyoku@higashi.example.jp", std::nullopt},
      {"rsvp+@higashi.example.jp", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& test : cases) {
    CAPTURE(test.address);
    CHECK(reply_token_of(test.address, "higashi.example.jp") == test.token);
  }
}

TEST_CASE("a token or domain that cannot make an address is refused") {
  CHECK(reply_address_for("Abc", "higashi.example.jp").error() ==
        Error{"reply address: token: expected 16 to 64 of a-z 0-9, got \"Abc\"", ErrorCode::invalid,
              meaning_of(mail_meaning::kInvalidReplyToken, {"Abc"})});
  CHECK(reply_address_for("k7q2m9x4w8e3r6t1", "example..jp").error() ==
        Error{"reply address: domain: expected a host name, got \"example..jp\"",
              ErrorCode::invalid, meaning_of(mail_meaning::kInvalidDomain, {"example..jp"})});
}

TEST_CASE("the token is found among a message's recipients, once, however often it appears") {
  const std::string token = "k7q2m9x4w8e3r6t1";
  const std::string address = "rsvp+" + token + "@higashi.example.jp";
  CHECK(*find_reply_token({"jimukyoku@higashi.example.jp", address, address},
                          "higashi.example.jp") == token);
  CHECK(find_reply_token({"jimukyoku@higashi.example.jp"}, "higashi.example.jp").error() ==
        Error{"reply token: no recipient is rsvp+TOKEN@higashi.example.jp", ErrorCode::not_found,
              meaning_of(mail_meaning::kNoReplyToken, {"higashi.example.jp"})});
  CHECK(
      find_reply_token({address, "rsvp+aaaaaaaaaaaaaaaa@higashi.example.jp"}, "higashi.example.jp")
          .error() ==
      Error{"reply token: two tokens among the recipients: \"k7q2m9x4w8e3r6t1\" "
            "and \"aaaaaaaaaaaaaaaa\"",
            ErrorCode::invalid,
            meaning_of(mail_meaning::kTwoReplyTokens, {"k7q2m9x4w8e3r6t1", "aaaaaaaaaaaaaaaa"})});
}

}  // namespace
}  // namespace torikumi::mail
