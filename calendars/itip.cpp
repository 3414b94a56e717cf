#include "calendars/itip.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace torikumi::calendars {

namespace {

constexpr std::array<std::pair<PartStat, std::string_view>, 5> kPartStats{{
    {PartStat::needs_action, "NEEDS-ACTION"},
    {PartStat::accepted, "ACCEPTED"},
    {PartStat::declined, "DECLINED"},
    {PartStat::tentative, "TENTATIVE"},
    {PartStat::delegated, "DELEGATED"},
}};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view role_text(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::chair:
      return "CHAIR";
    case AttendeeRole::required:
      return "REQ-PARTICIPANT";
    case AttendeeRole::optional:
      return "OPT-PARTICIPANT";
  }
  return "REQ-PARTICIPANT";
}

std::string_view partstat_text(PartStat partstat) {
  for (const auto& [value, text] : kPartStats)
    if (value == partstat) return text;
  return "NEEDS-ACTION";
}

std::optional<PartStat> parse_partstat(std::string_view text) {
  for (const auto& [value, name] : kPartStats)
    if (equal_ignoring_case(trimmed(text), name)) return value;
  return std::nullopt;
}

std::string normalise_email(std::string_view address) {
  address = trimmed(address);
  constexpr std::string_view kScheme = "mailto:";
  if (address.size() >= kScheme.size() &&
      equal_ignoring_case(address.substr(0, kScheme.size()), kScheme))
    address = trimmed(address.substr(kScheme.size()));
  std::string email{address};
  const std::size_t at = email.rfind('@');
  if (at != std::string::npos)
    std::transform(email.begin() + static_cast<std::ptrdiff_t>(at), email.end(),
                   email.begin() + static_cast<std::ptrdiff_t>(at), lower);
  return email;
}

Result<std::string> invitation_uid(std::string_view meeting, std::string_view host) {
  const auto unusable = [](std::string_view part) {
    return part.empty() || std::any_of(part.begin(), part.end(), [](char c) {
             return c == '@' || is_blank(c) || static_cast<unsigned char>(c) < 0x20;
           });
  };
  if (unusable(meeting))
    return Error{"invitation uid: meeting " + in_quotes(meeting) +
                 " must be an occurrence or series id"};
  if (unusable(host))
    return Error{"invitation uid: host " + in_quotes(host) + " must be a domain name"};
  return std::string{meeting} + "@invitations." + std::string{host};
}

}  // namespace torikumi::calendars
