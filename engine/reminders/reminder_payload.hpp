#pragma once

// The JSON body of a reminder webhook (docs/config.md shows one): type, id, plan, occurrence,
// recipients, subject, text and HTML bodies, links. Written once when the reminder enters the
// outbox, so every retry signs and sends the same bytes.

#include <string>

#include "engine/plan/plan.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "engine/reminders/reminder_planning.hpp"

namespace torikumi {

inline constexpr const char* kReminderEventType = "reminder.due";

// REQUIRES: the reminder was planned from this plan.
std::string reminder_payload_json(const Plan& plan, const Reminder& reminder,
                                  const ReminderMessage& message, const ReminderLinks& links,
                                  Language language);

}  // namespace torikumi
