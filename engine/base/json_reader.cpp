#include "engine/base/json_reader.hpp"

namespace torikumi {

Result<nlohmann::json, Diagnostics> parse_json_document(std::string_view text,
                                                        const std::string& where) {
  // The library reports where the text broke only through its exception: a parse_error for the
  // syntax, an out_of_range for a number no double holds (1e999), and so on.
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& error) {
    std::string message = error.what();
    if (const auto end = message.find("] ");
        message.starts_with("[json.exception") && end != std::string::npos)
      message.erase(0, end + 2);
    return Diagnostics{{where, "invalid JSON: " + message, std::nullopt,
                        meaning_of(json_meaning::kInvalidJson, {message})}};
  }
}

namespace {

constexpr std::size_t kDescribedLength = 60;

// Appends the value's compact JSON text (what dump(-1) writes) to `out`, but stops once `out`
// is longer than `limit`: each level of nesting writes a bracket, so the walk goes no deeper
// than the text it writes, and [[[[...]]]] 100,000 deep cannot exhaust the stack as dump does.
// What comes after the limit may be brackets closed early; callers cut there.
void append_json_prefix(const nlohmann::json& value, std::string& out, std::size_t limit) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  if (!value.is_structured()) {
    out += value.dump(-1, ' ', false, kReplace);
    return;
  }
  out += value.is_array() ? '[' : '{';
  bool first = true;
  for (const auto& [key, member] : value.items()) {
    if (out.size() > limit) break;
    if (!first) out += ',';
    first = false;
    if (value.is_object()) out += nlohmann::json(key).dump(-1, ' ', false, kReplace) + ':';
    append_json_prefix(member, out, limit);
  }
  out += value.is_array() ? ']' : '}';
}

}  // namespace

std::string describe_json(const nlohmann::json& value) {
  std::string text;
  append_json_prefix(value, text, kDescribedLength);
  if (text.size() > kDescribedLength) {
    std::size_t cut = kDescribedLength - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;  // not inside a character
    text = text.substr(0, cut) + "...";
  }
  return std::string{value.type_name()} + " " + text;
}

}  // namespace torikumi
