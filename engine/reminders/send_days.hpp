#pragma once

// When reminders go out: business-day mornings (ReminderRules::send_time) in the plan's zone. A
// lead time's day that is not a business day moves to the business day before it, so a reminder
// never comes later than promised; each lead's reminder is worth sending until the next lead's is
// due. The owners' reminders (reminder_planning.hpp) and the participants'
// (participant_reminders.hpp) share it, so the rule is written once. Pure but for the time-zone
// rules the PlanZone holds.

#include <date/date.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/calendar/business_calendar.hpp"
#include "engine/calendar/plan_zone.hpp"

namespace torikumi {

class SendDays {
 public:
  // REQUIRES: `zone` outlives this.
  SendDays(const BusinessCalendarOptions& calendar, const PlanZone& zone,
           std::chrono::minutes send_time)
      : calendar_(calendar), zone_(zone), send_time_(send_time) {}

  // The local `time` of `day` in the plan's zone, as an instant.
  date::sys_seconds local_instant(date::sys_days day, std::chrono::minutes time) const;
  // The send time of `day`.
  date::sys_seconds morning(date::sys_days day) const { return local_instant(day, send_time_); }
  // The end of `day` (the next day's midnight) in the plan's zone.
  date::sys_seconds end_of_day(date::sys_days day) const {
    return local_instant(day + date::days{1}, std::chrono::minutes{0});
  }
  // `day` if it is a business day, else the nearest one before it; `day` itself when none is
  // within 31 days (Golden Week and the year-end closure are the longest closed runs).
  date::sys_days business_day_on_or_before(date::sys_days day) const;

  const BusinessCalendar& calendar() const { return calendar_; }
  const PlanZone& zone() const { return zone_; }

 private:
  BusinessCalendar calendar_;
  const PlanZone& zone_;
  std::chrono::minutes send_time_;
};

// One lead time's reminder: when it is due and until when it is worth sending.
struct LeadSend {
  date::days lead{0};
  date::sys_seconds send_at;
  date::sys_seconds expires_at;
  bool operator==(const LeadSend&) const = default;
};

// The reminders of lead times before one anchor day, the longest lead first: each due on the
// business-day morning on or before anchor_day - lead, and worth sending until the next lead's is
// due (after a downtime the 14-days-before one is not sent the day before), the last until
// `anchor_instant` (the meeting begins, the due day ends). Left out: one never worth sending (two
// leads on one morning: the longer; one due at or after the anchor). REQUIRES: no lead twice.
std::vector<LeadSend> lead_sends(const SendDays& days, std::vector<date::days> leads,
                                 date::sys_days anchor_day, date::sys_seconds anchor_instant);

// 2026-03-25T00:00:00Z as 20260325T0000Z: short, and safe in an HTTP header (the last part of a
// reminder's id).
std::string compact_instant(date::sys_seconds instant);

}  // namespace torikumi
