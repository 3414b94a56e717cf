#pragma once

// Base64 (RFC 4648, the standard alphabet with '=' padding), for webhook secrets and signatures.

#include <optional>
#include <string>
#include <string_view>

namespace torikumi {

std::string encode_base64(std::string_view bytes);

// The bytes, or nullopt unless the text is canonical padded base64 (length a multiple of four,
// only the alphabet, at most two '=' at the end).
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace torikumi
