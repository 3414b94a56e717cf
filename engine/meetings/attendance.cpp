#include "engine/meetings/attendance.hpp"

#include <algorithm>
#include <set>

#include "engine/meetings/agency.hpp"
#include "engine/meetings/meetings_meaning.hpp"

namespace torikumi {

std::string_view to_string(Presence presence) {
  switch (presence) {
    case Presence::present:
      return "present";
    case Presence::proxy:
      return "proxy";
    case Presence::absent:
      return "absent";
  }
  return "present";
}

std::optional<Presence> parse_presence(std::string_view text) {
  for (const Presence presence : {Presence::present, Presence::proxy, Presence::absent})
    if (to_string(presence) == text) return presence;
  return std::nullopt;
}

Status check_attendance(std::span<const Attendance> record) {
  for (std::size_t i = 0; i < record.size(); ++i) {
    const Attendance& entry = record[i];
    for (std::size_t j = 0; j < i; ++j)
      if (same_address(record[j].email, entry.email))
        return Error{"attendance: " + in_quotes(entry.email) + " is listed twice",
                     ErrorCode::invalid,
                     meaning_of(meetings_meaning::kAttendanceTwice, {entry.email})};
    const bool one_line = std::none_of(entry.proxy.begin(), entry.proxy.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (entry.presence == Presence::proxy &&
        (entry.proxy.find_first_not_of(" \t") == std::string::npos ||
         entry.proxy.size() > kMaxProxyNameBytes || !one_line))
      return Error{"attendance: " + in_quotes(entry.email) +
                       " came by proxy: the proxy's name is one line of 1 to " +
                       std::to_string(kMaxProxyNameBytes) + " bytes",
                   ErrorCode::invalid,
                   meaning_of(meetings_meaning::kProxyNameNeeded,
                              {entry.name, std::to_string(kMaxProxyNameBytes)})};
  }
  return {};
}

std::string held_note(std::string_view title, date::sys_days day,
                      const std::optional<AttendanceCount>& count) {
  constexpr std::string_view kHolding = "の開催";
  std::string note{title};
  if (note.ends_with(kHolding)) note.resize(note.size() - kHolding.size());
  note += "を開催（";
  const date::year_month_day date{day};
  note += std::to_string(static_cast<unsigned>(date.month())) + "月" +
          std::to_string(static_cast<unsigned>(date.day())) + "日";
  if (count && count->people > 0)
    note +=
        "、" + std::to_string(count->agencies) + "機関" + std::to_string(count->people) + "名出席";
  return note + "）";
}

AttendanceCount count_attendance(std::span<const Attendance> record) {
  std::set<std::string> agencies;
  AttendanceCount count;
  for (const Attendance& entry : record) {
    if (entry.presence == Presence::absent) continue;
    ++count.people;
    agencies.insert(entry.agency);
  }
  count.agencies = static_cast<int>(agencies.size());
  return count;
}

}  // namespace torikumi
