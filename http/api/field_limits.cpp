#include "http/api/field_limits.hpp"

#include "http/contract/limits.hpp"

namespace torikumi::http {

namespace {

std::optional<HttpError> check_text(std::string_view field, std::string_view text) {
  for (const auto& limit : limits::kFields) {
    if (limit.field != field) continue;
    const std::size_t characters = count_characters(text);
    if (characters <= limit.max_characters) return std::nullopt;
    return HttpError{
        ErrorKind::unprocessable,
        std::string{field} + ": " + std::to_string(characters) + " characters, over the limit of " +
            std::to_string(limit.max_characters),
        KnownRefusal::field_too_long,
        {std::string{field}, std::to_string(characters), std::to_string(limit.max_characters)}};
  }
  return std::nullopt;
}

}  // namespace

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

std::optional<HttpError> check_field_limits(const nlohmann::json& fields) {
  if (!fields.is_object()) return std::nullopt;
  for (const auto& [name, value] : fields.items()) {
    if (!value.is_string()) continue;
    if (auto error = check_text(name, value.get_ref<const std::string&>())) return error;
  }
  return std::nullopt;
}

std::optional<HttpError> check_field_limits(const std::map<std::string, std::string>& fields) {
  for (const auto& [name, value] : fields) {
    if (auto error = check_text(name, value)) return error;
  }
  return std::nullopt;
}

}  // namespace torikumi::http
