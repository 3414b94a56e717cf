#include "engine/reminders/send_days.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace torikumi {

namespace {

// How far a lead time's day may move back looking for a business day (Golden Week and the
// year-end closure are the longest runs of closed days, under two weeks).
constexpr date::days kLongestMove{31};

}  // namespace

date::sys_seconds SendDays::local_instant(date::sys_days day, std::chrono::minutes time) const {
  return zone_.to_instant(date::local_seconds{date::local_days{day.time_since_epoch()}} + time);
}

date::sys_days SendDays::business_day_on_or_before(date::sys_days day) const {
  for (date::sys_days candidate = day; candidate > day - kLongestMove; candidate -= date::days{1})
    if (calendar_.is_business_day(candidate)) return candidate;
  return day;
}

std::vector<LeadSend> lead_sends(const SendDays& days, std::vector<date::days> leads,
                                 date::sys_days anchor_day, date::sys_seconds anchor_instant) {
  std::sort(leads.begin(), leads.end(), std::greater<>{});
  std::vector<LeadSend> sends;
  for (const date::days lead : leads)
    sends.push_back({.lead = lead,
                     .send_at = days.morning(days.business_day_on_or_before(anchor_day - lead)),
                     .expires_at = anchor_instant});
  for (std::size_t i = 0; i + 1 < sends.size(); ++i)
    sends[i].expires_at = std::min(sends[i + 1].send_at, anchor_instant);
  std::erase_if(sends, [](const LeadSend& send) { return send.send_at >= send.expires_at; });
  return sends;
}

std::string compact_instant(date::sys_seconds instant) {
  const auto day = date::floor<date::days>(instant);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss time{instant - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  return text;
}

}  // namespace torikumi
