#pragma once

// Content providers for cpp-httplib that never write past their bytes. cpp-httplib 0.11.4 does
// not clamp a Range to the content's length and hands a provider whatever offset and length the
// range asked for; a provider that trusted them sent the memory after its bytes. The server takes
// every Range out before cpp-httplib reads a request (http/request_head.hpp), and its providers
// clamp anyway.

#include <httplib.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace torikumi::http {

// What a provider reports once its bytes are written. `close` reports failure, which is what makes
// cpp-httplib 0.11.4 close the connection after the answer (it ignores `Connection: close`).
enum class AfterAnswer { keep_open, close };

// A provider over `bytes`, kept alive by `keep`: writes the part of [offset, offset + length) that
// lies within them, nothing for an offset past their end.
inline httplib::ContentProvider bounded_provider(std::shared_ptr<const void> keep,
                                                 std::string_view bytes, AfterAnswer after) {
  return [keep = std::move(keep), bytes, after](std::size_t offset, std::size_t length,
                                                httplib::DataSink& sink) {
    if (offset < bytes.size()) {
      const std::size_t count = std::min(length, bytes.size() - offset);
      if (!sink.write(bytes.data() + offset, count)) return false;
    }
    return after == AfterAnswer::keep_open;
  };
}

}  // namespace torikumi::http
