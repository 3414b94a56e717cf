#pragma once

// Content providers for cpp-httplib that never write past their bytes. cpp-httplib 0.11.4 does
// not clamp a Range to the content's length and hands a provider whatever offset and length the
// range asked for; a provider that trusted them sent the memory after its bytes. The server takes
// every Range out before cpp-httplib reads a request (http/transport/request_head.hpp), and its
// providers clamp anyway.

#include <httplib.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace torikumi::http {

// What a provider reports once its bytes are written. `close` reports failure, which is what makes
// cpp-httplib 0.11.4 close the connection after the answer (it ignores `Connection: close`).
enum class AfterAnswer { keep_open, close };

// A provider over `bytes`, kept alive by `keep`: writes the part of [offset, offset + length) that
// lies within them, nothing for an offset past their end. Asked for more than there is, it writes
// what there is and reports failure (cpp-httplib would otherwise ask again forever, and the
// connection is closed).
inline httplib::ContentProvider bounded_provider(std::shared_ptr<const void> keep,
                                                 std::string_view bytes, AfterAnswer after) {
  return [keep = std::move(keep), bytes, after](std::size_t offset, std::size_t length,
                                                httplib::DataSink& sink) {
    const std::size_t count = offset < bytes.size() ? std::min(length, bytes.size() - offset) : 0;
    if (count > 0 && !sink.write(bytes.data() + offset, count)) return false;
    return count == length && after == AfterAnswer::keep_open;
  };
}

}  // namespace torikumi::http
