#include "mail/mailbox.hpp"

#include <cstddef>

namespace torikumi::mail {

namespace {

constexpr std::size_t kMaximumHostNameBytes = 253;
constexpr std::size_t kMaximumLabelBytes = 63;
constexpr std::size_t kMaximumAddressBytes = 254;  // RFC 5321's path limit less the brackets
constexpr std::size_t kMaximumLocalPartBytes = 64;

bool is_letter_or_digit(char character) {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
         (character >= '0' && character <= '9');
}

// RFC 5322 §3.2.3 atext.
bool is_atext(char character) {
  return is_letter_or_digit(character) ||
         std::string_view{"!#$%&'*+-/=?^_`{|}~"}.find(character) != std::string_view::npos;
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > kMaximumLabelBytes) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (const char character : label)
    if (!is_letter_or_digit(character) && character != '-') return false;
  return true;
}

}  // namespace

bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  char previous = '\0';
  for (const char character : text) {
    if (character == '.' && previous == '.') return false;
    if (character != '.' && !is_atext(character)) return false;
    previous = character;
  }
  return true;
}

bool is_host_name(std::string_view text) {
  if (text.empty() || text.size() > kMaximumHostNameBytes) return false;
  while (true) {
    const std::size_t dot = text.find('.');
    if (!is_label(text.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    text.remove_prefix(dot + 1);
  }
}

bool is_mail_address(std::string_view text) {
  if (text.size() > kMaximumAddressBytes) return false;
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view local_part = text.substr(0, at);
  return local_part.size() <= kMaximumLocalPartBytes && is_dot_atom(local_part) &&
         is_host_name(text.substr(at + 1));
}

}  // namespace torikumi::mail
