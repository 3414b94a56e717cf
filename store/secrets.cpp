#include "store/secrets.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace torikumi::store {

namespace {

constexpr std::size_t kSecretBytes = 32;

std::string_view prefix_of(SecretKind kind) {
  switch (kind) {
    case SecretKind::api_token:
      return "tkm_";
    case SecretKind::subscription:
      return "tks_";
    case SecretKind::session:
      return "tkc_";
    case SecretKind::csrf:
      return "";
  }
  return "";
}

// RFC 4648 §5 without padding: safe in a URL's query, a cookie and a form field as it is.
std::string base64url(const unsigned char* bytes, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const unsigned group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += kAlphabet[(group >> 6) & 63];
    out += kAlphabet[group & 63];
  }
  if (size - i == 1) {
    const unsigned group = bytes[i] << 16;
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
  } else if (size - i == 2) {
    const unsigned group = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += kAlphabet[(group >> 6) & 63];
  }
  return out;
}

std::string lower_hex(const unsigned char* bytes, unsigned int size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[bytes[i] >> 4];
    hex += kHex[bytes[i] & 15];
  }
  return hex;
}

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  if (code == 0) return "no reason given";
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return text.data();
}

}  // namespace

std::string make_secret(SecretKind kind) {
  std::array<unsigned char, kSecretBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error{"RAND_bytes: no randomness to make a secret: " + openssl_error()};
  return std::string{prefix_of(kind)} + base64url(bytes.data(), bytes.size());
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the implementation up again on every
  // digest, which was most of the cost of checking a feed's secret. Kept for the process's life.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  // EVP_Digest fails only when OpenSSL cannot allocate; there is no hash to give then.
  if (sha256 == nullptr ||
      EVP_Digest(text.data(), text.size(), digest.data(), &size, sha256, nullptr) != 1)
    throw std::runtime_error{"EVP_Digest (SHA-256): " + openssl_error()};
  return lower_hex(digest.data(), size);
}

std::string make_reply_token() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  constexpr std::size_t kLength = 32;
  std::string token;
  token.reserve(kLength);
  while (token.size() < kLength) {
    std::array<unsigned char, 64> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
      throw std::runtime_error{"RAND_bytes: no randomness to make a token: " + openssl_error()};
    // 252 is the largest multiple of 36 below 256: bytes from it up are dropped, so that every
    // character is as likely as any other.
    for (const unsigned char byte : bytes)
      if (byte < 252 && token.size() < kLength) token += kAlphabet[byte % 36];
  }
  return token;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data(),
           &size) == nullptr)
    throw std::runtime_error{"HMAC (SHA-256): " + openssl_error()};
  return lower_hex(digest.data(), size);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  // The length is not secret (every secret of a kind has the same); the bytes are.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace torikumi::store
