#pragma once

// A reminder as the email gateway sends it: the engine's subject and text body, and the HTML body
// laid out by reminder_email.html.mustache (a first import's summary: by
// overdue_summary_email.html.mustache; a participant reminder: by
// participant_reminder_email.html.mustache), every piece of plan text escaped there.

#include "engine/plan/plan.hpp"
#include "engine/reminders/overdue_summary_message.hpp"
#include "engine/reminders/participant_reminder_message.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "engine/reminders/reminder_planning.hpp"

namespace torikumi {

// The subject is one line: each run of control characters in the plan's text (a title with CR
// or LF) becomes one space. REQUIRES: the reminder was planned from this plan (its zone exists).
ReminderMessage render_reminder_message(const Plan& plan, const Reminder& reminder,
                                        Language language, const ReminderLinks& links);

// A first import's summary (engine/reminders/first_import.hpp), the same way.
ReminderMessage render_overdue_summary_message(const Plan& plan, const OverdueSummary& summary,
                                               Language language, const OverdueSummaryLinks& links);

// A reminder to a meeting's participants (engine/reminders/participant_reminders.hpp), the same
// way. REQUIRES: the reminder was planned from this plan.
ReminderMessage render_participant_reminder_message(const Plan& plan,
                                                    const ParticipantReminder& reminder,
                                                    Language language,
                                                    const ParticipantReminderLinks& links);

}  // namespace torikumi
