#include "engine/json_reader.hpp"

namespace torikumi {

Result<nlohmann::json, Diagnostics> parse_json_document(std::string_view text,
                                                        const std::string& where) {
  // The library reports where the text broke only through its exception: a parse_error, or an
  // out_of_range for a number no double holds (1e400).
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& error) {
    std::string message = error.what();
    if (const auto end = message.find("] ");
        message.starts_with("[json.exception") && end != std::string::npos)
      message.erase(0, end + 2);
    return Diagnostics{{where, "invalid JSON: " + message}};
  }
}

std::string describe_json(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return std::string{value.type_name()} + " " + text;
}

}  // namespace torikumi
