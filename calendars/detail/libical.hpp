#pragma once

// Internal to calendars/: libical's handles and the few conversions every file here needs.
// Nothing outside calendars/ includes this header, so libical stays behind the module.

#include <date/date.h>
#include <libical/ical.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "calendars/content_lines.hpp"

namespace torikumi::calendars::detail {

// A unique_ptr deleter that calls libical's own free function.
template <auto free_function>
struct FreeWith {
  template <typename T>
  void operator()(T* pointer) const {
    free_function(pointer);
  }
};

using ComponentHandle = std::unique_ptr<icalcomponent, FreeWith<&icalcomponent_free>>;
using PropertyHandle = std::unique_ptr<icalproperty, FreeWith<&icalproperty_free>>;
using RecurrenceIteratorHandle =
    std::unique_ptr<icalrecur_iterator, FreeWith<&icalrecur_iterator_free>>;
using BufferHandle = std::unique_ptr<char, FreeWith<&icalmemory_free_buffer>>;

inline ComponentHandle new_component(icalcomponent_kind kind) {
  return ComponentHandle{icalcomponent_new(kind)};
}

// Moves ownership of `child` into `parent`.
inline void add(icalcomponent* parent, ComponentHandle child) {
  icalcomponent_add_component(parent, child.release());
}
inline void add(icalcomponent* parent, icalproperty* property) {
  icalcomponent_add_property(parent, property);
}

// A DATE value: 20260401.
inline icaltimetype ical_date(date::sys_days day) {
  const date::year_month_day ymd{day};
  icaltimetype time = icaltime_null_time();
  time.year = static_cast<int>(ymd.year());
  time.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  time.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  time.is_date = 1;
  return time;
}

// A local DATE-TIME with no zone attached (the TZID parameter names the zone): 20260408T140000.
inline icaltimetype ical_local_time(date::local_seconds local) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time_of_day{local - day};
  icaltimetype time = icaltime_null_time();
  time.year = static_cast<int>(ymd.year());
  time.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  time.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  time.hour = static_cast<int>(time_of_day.hours().count());
  time.minute = static_cast<int>(time_of_day.minutes().count());
  time.second = static_cast<int>(time_of_day.seconds().count());
  return time;
}

// A UTC DATE-TIME: 20260408T050000Z.
inline icaltimetype ical_utc_time(date::sys_seconds instant) {
  icaltimetype time = ical_local_time(date::local_seconds{instant.time_since_epoch()});
  time.zone = icaltimezone_get_utc_timezone();
  return time;
}

// The local time an icaltimetype names, ignoring its zone.
inline date::local_seconds local_time_of(const icaltimetype& time) {
  const date::year_month_day ymd{date::year{time.year},
                                 date::month{static_cast<unsigned>(time.month)},
                                 date::day{static_cast<unsigned>(time.day)}};
  return date::local_days{ymd} + std::chrono::hours{time.hour} + std::chrono::minutes{time.minute} +
         std::chrono::seconds{time.second};
}

inline date::sys_days day_of(const icaltimetype& time) {
  return date::sys_days{date::year{time.year} / static_cast<unsigned>(time.month) /
                        static_cast<unsigned>(time.day)};
}

// Serialises a component: libical writes it, then it is folded again (content_lines.hpp says
// why) at 75 octets on UTF-8 boundaries, with CRLF line ends.
inline void append_ical_text(std::string& out, icalcomponent* component, std::string& scratch) {
  const BufferHandle text{icalcomponent_as_ical_string_r(component)};
  if (!text) return;
  scratch.clear();
  append_unfolded(scratch, text.get());
  append_folded(out, scratch);
}

// Writes a VCALENDAR a component at a time: each is serialised by libical, refolded, appended
// and freed at once, so a feed of 10,000 events never holds its whole tree in memory.
class CalendarWriter {
 public:
  // `head`: the VCALENDAR with its properties (and VTIMEZONEs); written at once. The feed's
  // size is reserved from `expected_bytes` so that a large one is not copied as it grows.
  CalendarWriter(ComponentHandle head, std::size_t expected_bytes) {
    std::string text;
    text.reserve(expected_bytes);
    append_ical_text(text, head.get(), scratch_);
    constexpr std::string_view kEnd = "END:VCALENDAR\r\n";
    if (text.size() >= kEnd.size() &&
        std::string_view{text}.substr(text.size() - kEnd.size()) == kEnd)
      text.resize(text.size() - kEnd.size());
    out_ = std::move(text);
  }

  void add(ComponentHandle component) { append_ical_text(out_, component.get(), scratch_); }

  std::string finish() && {
    out_.append("END:VCALENDAR\r\n");
    return std::move(out_);
  }

 private:
  std::string out_;
  std::string scratch_;
};

}  // namespace torikumi::calendars::detail
