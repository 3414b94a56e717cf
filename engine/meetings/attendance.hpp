#pragma once

// Who came to a meeting (出欠): each invited person present, present by proxy (代理, with the
// proxy's name) or absent, recorded on the meeting page during or after it. The count of agencies
// and people present is what the progress section says of the meeting: 「9機関12名出席」.

#include <date/date.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

enum class Presence { present, proxy, absent };
std::string_view to_string(Presence presence);  // "present", "proxy", "absent"
std::optional<Presence> parse_presence(std::string_view text);

inline constexpr std::size_t kMaxProxyNameBytes = 100;

// One person's attendance: an invitee by address, as the invitation named them.
struct Attendance {
  std::string email;
  std::string name;
  std::string agency;
  Presence presence = Presence::present;
  std::string proxy{};  // with Presence::proxy: who came in their place
  bool operator==(const Attendance&) const = default;
};

// Checks a record before it is kept: each address once, a proxy's name for Presence::proxy (one
// line, at most kMaxProxyNameBytes) and none otherwise. The first problem, with its meaning.
Status check_attendance(std::span<const Attendance> record);

// Present or by proxy: how many agencies (each once) and how many people.
struct AttendanceCount {
  int agencies = 0;
  int people = 0;
  bool operator==(const AttendanceCount&) const = default;
};
AttendanceCount count_attendance(std::span<const Attendance> record);

// What the progress section says of a meeting held (the note its approval records): the title
// with 「の開催」 made 「を開催」 (else 「を開催」 added), the day and, when attendance was
// recorded, the count: 「多機関協働担当を中心とした会議を開催（8月12日、6機関9名出席）」.
std::string held_note(std::string_view title, date::sys_days day,
                      const std::optional<AttendanceCount>& count);

}  // namespace torikumi
