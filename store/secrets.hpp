#pragma once

// Secrets the server hands out (API tokens, subscription URLs, session cookies, CSRF tokens):
// made from OpenSSL's RAND_bytes, kept only as SHA-256 hashes (store/access.hpp), compared in
// constant time. OpenSSL stays behind this header.

#include <string>
#include <string_view>

namespace torikumi::store {

// What a secret is for: its prefix says so at a glance in logs and leaked-secret scanners.
enum class SecretKind {
  api_token,     // "tkm_": torikumi token create
  subscription,  // "tks_": the ?token= of a feed URL
  session,       // "tkc_": the dashboard's session cookie
  csrf,          // no prefix: a form's hidden field
};

// A new secret: the kind's prefix and 32 random bytes in unpadded base64url (43 characters).
// Throws std::runtime_error only when the system has no randomness to give.
std::string make_secret(SecretKind kind);

// Lower-case hex SHA-256 of the text (64 characters). Throws std::runtime_error only when OpenSSL
// cannot run the digest at all (out of memory).
std::string sha256_hex(std::string_view text);

// A reply token (mail/reply_address.hpp): 32 of a-z 0-9 (165 random bits), lower case because
// mail systems may change the case of an address's local part. Throws as make_secret does.
std::string make_reply_token();

// Lower-case hex HMAC-SHA256 of `text` under `key` (64 characters). Throws std::runtime_error
// only when OpenSSL cannot run it at all.
std::string hmac_sha256_hex(std::string_view key, std::string_view text);

// Equal without an early exit: the time taken does not tell how much of a guess was right.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace torikumi::store
