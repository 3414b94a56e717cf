#pragma once

// The JSON body of a reminder webhook (docs/config.md shows one): type, id, plan, occurrence,
// recipients, subject, text and HTML bodies, links; a first import's summary has a summary with
// its items in place of the occurrence; a participant reminder has the meeting as last sent, and
// the attendee's agency and answer or a nudge's agencies yet to answer. Written once when it enters
// the outbox, so every retry signs and sends the same bytes.

#include <string>

#include "engine/plan/plan.hpp"
#include "engine/reminders/first_import.hpp"
#include "engine/reminders/overdue_summary_message.hpp"
#include "engine/reminders/participant_reminder_message.hpp"
#include "engine/reminders/participant_reminders.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "engine/reminders/reminder_planning.hpp"

namespace torikumi {

inline constexpr const char* kReminderEventType = "reminder.due";
inline constexpr const char* kSummaryEventType = "reminder.summary";
// To one attendee (unanswered, accepted), and to the 事務局 (nudge).
inline constexpr const char* kParticipantReminderEventType = "reminder.participant";
inline constexpr const char* kNudgeEventType = "reminder.nudge";

// REQUIRES: the reminder was planned from this plan.
std::string reminder_payload_json(const Plan& plan, const Reminder& reminder,
                                  const ReminderMessage& message, const ReminderLinks& links,
                                  Language language);

// REQUIRES: the summary was made from this plan.
std::string overdue_summary_payload_json(const Plan& plan, const OverdueSummary& summary,
                                         const ReminderMessage& message,
                                         const OverdueSummaryLinks& links, Language language);

// The envelope only: the meeting's title, time and place, agency names, the recipients.
// REQUIRES: the reminder was planned from this plan.
std::string participant_reminder_payload_json(const Plan& plan, const ParticipantReminder& reminder,
                                              const ReminderMessage& message,
                                              const ParticipantReminderLinks& links,
                                              Language language);

}  // namespace torikumi
