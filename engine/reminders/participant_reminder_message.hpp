#pragma once

// What a participant reminder says (participant_reminders.hpp): its subject, its text body and
// the parts the HTML body lays out (http/pages/templates/reminder_email.hpp), in Japanese by
// default or in English, as the owners' reminders are. Envelope only (DESIGN.md, "Meetings:
// orchestration"): the meeting's title, time and place, agency names, and to an attendee their own
// name and answer (with a 代理's name); never the agenda, another person or a comment.
//   【ご回答のお願い】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00
//   【明日の会議のご案内】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00
//   【必須機関の回答待ち 2機関】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00
// The answer link of the invitation cannot be made here (it is signed with the server's key):
// the message asks for an answer with the invitation email's buttons or its answer link, and
// links the meeting's page.

#include <string>
#include <utility>
#include <vector>

#include "engine/base/language.hpp"
#include "engine/plan/plan.hpp"
#include "engine/reminders/participant_reminders.hpp"

namespace torikumi {

// Where a participant reminder points: the meeting occurrence's page.
struct ParticipantReminderLinks {
  std::string meeting;  // BASE/meetings/OCCURRENCE
  bool operator==(const ParticipantReminderLinks&) const = default;
};

struct ParticipantReminderWording {
  Language language = Language::japanese;
  std::string subject;  // one line
  std::string greeting;
  std::string sentence;
  std::string request;  // how to answer (unanswered, tentative); empty for the others
  std::vector<std::pair<std::string, std::string>> facts;  // (label, value) about the meeting
  std::vector<std::string> agencies;  // a nudge's required agencies yet to answer; else empty
  std::string meeting_label;          // what the link is called
};

// The subject is one line, and so is each fact (control characters in the plan's or an answer's
// text become spaces). REQUIRES: the reminder was planned from this plan.
ParticipantReminderWording participant_reminder_wording(const Plan& plan,
                                                        const ParticipantReminder& reminder,
                                                        Language language);

// The text body: the greeting, the sentence and the request, the facts, the agencies (・ or -
// before each), the link.
std::string participant_reminder_text(const ParticipantReminderWording& wording,
                                      const ParticipantReminderLinks& links);

}  // namespace torikumi
