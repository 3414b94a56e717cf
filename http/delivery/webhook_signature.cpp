#include "http/delivery/webhook_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "engine/base/base64.hpp"

namespace torikumi::http {

Result<std::string> webhook_key(std::string_view secret) {
  constexpr std::string_view kPrefix = "whsec_";
  if (secret.starts_with(kPrefix)) secret.remove_prefix(kPrefix.size());
  auto key = decode_base64(secret);
  if (!key || key->empty()) return Error{"expected \"whsec_\" followed by base64"};
  return std::move(*key);
}

std::string sign_webhook(std::string_view key, std::string_view id, std::int64_t timestamp,
                         std::string_view body) {
  std::string content;
  content.reserve(id.size() + body.size() + 24);
  content.append(id);
  content += '.';
  content += std::to_string(timestamp);
  content += '.';
  content.append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest, &length);
  return "v1," + encode_base64(std::string_view{reinterpret_cast<const char*>(digest), length});
}

bool verify_webhook(std::string_view key, std::string_view id, std::int64_t timestamp,
                    std::string_view body, std::string_view signature_header) {
  const std::string expected = sign_webhook(key, id, timestamp, body);
  bool found = false;
  while (!signature_header.empty()) {
    const auto space = signature_header.find(' ');
    const std::string_view candidate = signature_header.substr(0, space);
    if (candidate.size() == expected.size() &&
        CRYPTO_memcmp(candidate.data(), expected.data(), expected.size()) == 0)
      found = true;
    if (space == std::string_view::npos) break;
    signature_header.remove_prefix(space + 1);
  }
  return found;
}

}  // namespace torikumi::http
