#pragma once

// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 of
// "ID.TIMESTAMP.BODY" with the secret's key, written "v1,BASE64". OpenSSL is seen only here.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi::http {

// The key of a "whsec_BASE64" secret (the prefix may be left out, as the reference libraries
// allow); the error says what was wrong.
Result<std::string> webhook_key(std::string_view secret);

// "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" for the specification's test vector.
std::string sign_webhook(std::string_view key, std::string_view id, std::int64_t timestamp,
                         std::string_view body);

// Whether any of the space-separated signatures of a webhook-signature header is the right v1
// one, compared in constant time.
bool verify_webhook(std::string_view key, std::string_view id, std::int64_t timestamp,
                    std::string_view body, std::string_view signature_header);

}  // namespace torikumi::http
