#pragma once

// What a reminder says: its subject and its text and HTML bodies, in Japanese by default or in
// English, for the email gateway to send. User text (titles, places, names) is escaped in HTML.

#include <string>

#include "engine/plan/config.hpp"
#include "engine/plan/plan.hpp"
#include "engine/reminders/reminder_planning.hpp"

namespace torikumi {

// Where a reminder points people: the plan's dashboard page and its calendar feed.
struct ReminderLinks {
  std::string dashboard;  // BASE/plans/PLAN
  std::string feed;       // BASE/calendars/PLAN.ics
  bool operator==(const ReminderLinks&) const = default;
};

ReminderLinks reminder_links(const HttpUrl& base_url, const Plan& plan);

struct ReminderMessage {
  std::string subject;
  std::string text;
  std::string html;
  bool operator==(const ReminderMessage&) const = default;
};

// The subject is one line: each run of control characters in the plan's text (a title with CR
// or LF) becomes one space. REQUIRES: the reminder was planned from this plan (its zone exists).
ReminderMessage render_reminder_message(const Plan& plan, const Reminder& reminder,
                                        Language language, const ReminderLinks& links);

}  // namespace torikumi
