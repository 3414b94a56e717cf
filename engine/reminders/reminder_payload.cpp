#include "engine/reminders/reminder_payload.hpp"

#include <nlohmann/json.hpp>

#include "engine/calendar/time_text.hpp"

namespace torikumi {

using nlohmann::json;

std::string reminder_payload_json(const Plan& plan, const Reminder& reminder,
                                  const ReminderMessage& message, const ReminderLinks& links,
                                  Language language) {
  const auto instant = [&](const std::optional<date::sys_seconds>& at) {
    return at ? json(format_rfc3339(*at, plan.time_zone)) : json(nullptr);
  };
  json recipients = json::array();
  for (const auto& recipient : reminder.recipients)
    recipients.push_back({{"name", recipient.name}, {"email", recipient.email}});
  json payload{
      {"type", kReminderEventType},
      {"id", reminder.id},
      {"timestamp", format_rfc3339(reminder.send_at, plan.time_zone)},
      {"language", language == Language::english ? "en" : "ja"},
      {"plan",
       {{"id", plan.id},
        {"initiative", plan.initiative},
        {"organisation", plan.organisation.name}}},
      {"occurrence",
       {{"id", reminder.occurrence},
        {"task", reminder.task},
        {"title", reminder.title},
        {"kind", std::string{to_string(reminder.task_kind)}},
        {"owner", reminder.owner},
        {"period", reminder.periods},
        {"window",
         {{"start", format_iso_date(reminder.window_start)},
          {"due", format_iso_date(reminder.due)}}},
        {"scheduled_start", instant(reminder.scheduled_start)},
        {"scheduled_end", instant(reminder.scheduled_end)},
        {"place", reminder.place.empty() ? json(nullptr) : json(reminder.place)}}},
      {"reminder",
       {{"rule", reminder.rule},
        {"kind", std::string{to_string(reminder.kind)}},
        {"days", reminder.days.count()},
        {"send_at", format_rfc3339(reminder.send_at, plan.time_zone)},
        {"period", reminder.period.empty() ? json(nullptr) : json(reminder.period)},
        {"escalated", reminder.escalated}}},
      {"recipients", std::move(recipients)},
      {"subject", message.subject},
      {"text", message.text},
      {"html", message.html},
      {"links", {{"dashboard", links.dashboard}, {"feed", links.feed}}},
  };
  return payload.dump();
}

}  // namespace torikumi
