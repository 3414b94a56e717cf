#pragma once

// gzip (RFC 1952) with zlib, for feeds compressed once per render.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"

namespace torikumi::http {

// The bytes gzip-compressed at the best compression level; an error only when zlib fails.
Result<std::string> gzip_compress(std::string_view bytes);

// The inverse, for the tests: fails on anything that is not one gzip member.
Result<std::string> gzip_decompress(std::string_view compressed);

}  // namespace torikumi::http
