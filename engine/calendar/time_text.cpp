#include "engine/calendar/time_text.hpp"


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
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':')
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
    if (!offset_hours || !offset_minutes || *offset_hours > 23 || *offset_minutes > 59)
      return std::nullopt;
    offset = std::chrono::minutes{*offset_hours * 60 + *offset_minutes} * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const date::sys_seconds local_as_utc = *day + std::chrono::hours{*hours} +
                                         std::chrono::minutes{*minutes} +
                                         std::chrono::seconds{*seconds};
  return local_as_utc - offset;
}

namespace {

void append_two_digits(std::string& out, unsigned value) {
  out += static_cast<char>('0' + value / 10 % 10);
  out += static_cast<char>('0' + value % 10);
}

void append_date(std::string& out, date::sys_days day) {
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {
    append_two_digits(out, static_cast<unsigned>(year / 100));
    append_two_digits(out, static_cast<unsigned>(year % 100));
  } else {
    out += std::to_string(year);
  }
  out += '-';
  append_two_digits(out, static_cast<unsigned>(ymd.month()));
  out += '-';
  append_two_digits(out, static_cast<unsigned>(ymd.day()));
}

// "2026-04-08T14:00:00" for a count of seconds since 1970-01-01T00:00:00 on some clock.
void append_date_time(std::string& out, std::chrono::seconds since_epoch) {
  const date::sys_seconds instant{since_epoch};
  const date::sys_days day = date::floor<date::days>(instant);
  append_date(out, day);
  const auto seconds = (instant - day).count();  // 0..86399
  out += 'T';
  append_two_digits(out, static_cast<unsigned>(seconds / 3600));
  out += ':';
  append_two_digits(out, static_cast<unsigned>(seconds / 60 % 60));
  out += ':';
  append_two_digits(out, static_cast<unsigned>(seconds % 60));
}

}  // namespace

std::string format_iso_date(date::sys_days day) {
  std::string text;
  text.reserve(10);
  append_date(text, day);
  return text;
}

std::string format_utc_instant(date::sys_seconds instant) {
  std::string text;
  text.reserve(20);
  append_date_time(text, instant.time_since_epoch());
  text += 'Z';
  return text;
}

std::string format_rfc3339(date::sys_seconds instant, const PlanZone& zone) {
  const date::local_seconds local = zone.to_local(instant);
  std::string text;
  text.reserve(25);
  append_date_time(text, local.time_since_epoch());
  const auto total_minutes =
      std::chrono::duration_cast<std::chrono::minutes>(local.time_since_epoch() -
                                                       instant.time_since_epoch())
          .count();
  const auto magnitude = static_cast<unsigned>(total_minutes < 0 ? -total_minutes : total_minutes);
  text += total_minutes < 0 ? '-' : '+';
  append_two_digits(text, magnitude / 60);
  text += ':';
  append_two_digits(text, magnitude % 60);
  return text;
}

}  // namespace torikumi

namespace torikumi {

Result<date::sys_seconds> parse_user_time(std::string_view text, const PlanZone& zone) {
  const Error error{"expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, got \"" +
                    std::string{text} + "\""};
  if (const auto instant = parse_rfc3339(text)) return *instant;
  const auto day = parse_iso_date(text.substr(0, 10));
  if (!day) return error;
  date::local_seconds local{date::local_days{day->time_since_epoch()}};
  if (text.size() > 10) {
    // THH:MM or " HH:MM", optionally :SS.
    const std::string_view rest = text.substr(10);
    if ((rest.size() != 6 && rest.size() != 9) || (rest[0] != 'T' && rest[0] != ' ') ||
        rest[3] != ':' || (rest.size() == 9 && rest[6] != ':'))
      return error;
    const auto hours = read_digits(rest, 1, 2);
    const auto minutes = read_digits(rest, 4, 2);
    const auto seconds = rest.size() == 9 ? read_digits(rest, 7, 2) : std::optional<int>{0};
    if (!hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 59)
      return error;
    local += std::chrono::hours{*hours} + std::chrono::minutes{*minutes} +
             std::chrono::seconds{*seconds};
  }
  return zone.to_instant(local);
}

}  // namespace torikumi
