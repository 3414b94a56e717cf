#include "mail/detail/gmime.hpp"

#include <mutex>

namespace torikumi::mail::detail {

namespace {

void drop_log_message(const gchar* /*domain*/, GLogLevelFlags /*level*/, const gchar* /*message*/,
                      gpointer /*user_data*/) {}

}  // namespace

void initialise_gmime() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_mime_init();
    g_log_set_handler(
        "gmime",
        static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
        drop_log_message, nullptr);
  });
}

std::string bytes_of(GMimeStream* memory_stream) {
  const GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory_stream));
  if (array == nullptr || array->len == 0) return {};
  return std::string{reinterpret_cast<const char*>(array->data), array->len};
}

}  // namespace torikumi::mail::detail
