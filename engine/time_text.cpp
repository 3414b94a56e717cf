#include "engine/time_text.hpp"

#include <date/tz.h>

#include <cstdio>

namespace torikumi {

namespace {

// Reads `count` digits at `position`; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t position, std::size_t count) {
  if (position + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<date::sys_days> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = read_digits(text, 0, 4);
  const auto month = read_digits(text, 5, 2);
  const auto day = read_digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const date::year_month_day value{date::year{*year}, date::month(static_cast<unsigned>(*month)),
                                   date::day(static_cast<unsigned>(*day))};
  if (!value.ok()) return std::nullopt;
  return date::sys_days{value};
}

std::optional<date::sys_seconds> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM.
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const auto day = parse_iso_date(text.substr(0, 10));
  const auto hours = read_digits(text, 11, 2);
  const auto minutes = read_digits(text, 14, 2);
  const auto seconds = read_digits(text, 17, 2);
  if (!day || !hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 59)
    return std::nullopt;
  std::chrono::minutes offset{0};
  const std::string_view zone = text.substr(19);
  if (zone == "Z" || zone == "z") {
    offset = std::chrono::minutes{0};
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto offset_hours = read_digits(zone, 1, 2);
    const auto offset_minutes = read_digits(zone, 4, 2);
    if (!offset_hours || !offset_minutes || *offset_hours > 23 || *offset_minutes > 59) return std::nullopt;
    offset = std::chrono::minutes{*offset_hours * 60 + *offset_minutes} * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const date::sys_seconds local_as_utc = *day + std::chrono::hours{*hours} +
                                         std::chrono::minutes{*minutes} + std::chrono::seconds{*seconds};
  return local_as_utc - offset;
}

std::string format_iso_date(date::sys_days day) { return date::format("%F", day); }

std::string format_rfc3339(date::sys_seconds instant, const std::string& time_zone) {
  const date::zoned_seconds zoned{time_zone, instant};
  std::string text = date::format("%FT%T", zoned.get_local_time());
  const auto total_minutes = std::chrono::duration_cast<std::chrono::minutes>(zoned.get_info().offset).count();
  const auto magnitude = total_minutes < 0 ? -total_minutes : total_minutes;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%c%02d:%02d", total_minutes < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60 % 100), static_cast<int>(magnitude % 60));
  return text + suffix;
}

}  // namespace torikumi
