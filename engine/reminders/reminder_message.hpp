#pragma once

// What a reminder says: its subject and its text body, in Japanese by default or in English, and
// the parts that the HTML body lays out (http/pages/templates/reminder_email.hpp renders the
// whole message, HTML included, for the email gateway to send).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// What the message says, part by part.
struct ReminderWording {
  Language language = Language::japanese;
  std::string subject;  // one line
  std::string greeting;
  std::string sentence;
  std::vector<std::pair<std::string, std::string>> facts;  // (label, value) about the occurrence
  std::string dashboard_label;                             // what the links are called
  std::string feed_label;
};

// 2026年4月8日(水), or Wed 8 Apr 2026 in English.
std::string reminder_day_text(date::sys_days day, Language language);

// 14:00: the local time of day of an instant in the plan's zone.
std::string reminder_time_text(date::sys_seconds instant, const PlanZone& zone);
// 2026年4月8日(水) 14:00, or Wed 8 Apr 2026 14:00 in English: an instant's local day and time.
std::string reminder_when_text(date::sys_seconds instant, const PlanZone& zone, Language language);

// A subject is one line of an email header: each run of control characters (CR, LF, tab, NUL,
// DEL, and the C1 controls U+0080 to U+009F, NEL among them) in it becomes one space, so text
// written in a plan cannot end the header or start another.
std::string single_line(std::string_view text);

// The subject is one line: each run of control characters in the plan's text (a title with CR
// or LF) becomes one space. REQUIRES: the reminder was planned from this plan (its zone exists).
ReminderWording reminder_wording(const Plan& plan, const Reminder& reminder, Language language);

// The text body: the greeting, the sentence, the facts, the links.
std::string reminder_text(const ReminderWording& wording, const ReminderLinks& links);

}  // namespace torikumi
