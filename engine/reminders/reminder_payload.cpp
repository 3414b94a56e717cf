#include "engine/reminders/reminder_payload.hpp"

#include <nlohmann/json.hpp>

#include "engine/calendar/time_text.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

json recipients_json(const std::vector<Recipient>& list) {
  json recipients = json::array();
  for (const auto& recipient : list)
    recipients.push_back({{"name", recipient.name}, {"email", recipient.email}});
  return recipients;
}

json plan_json(const Plan& plan) {
  return {
      {"id", plan.id}, {"initiative", plan.initiative}, {"organisation", plan.organisation.name}};
}

}  // namespace

std::string reminder_payload_json(const Plan& plan, const Reminder& reminder,
                                  const ReminderMessage& message, const ReminderLinks& links,
                                  Language language) {
  const auto instant = [&](const std::optional<date::sys_seconds>& at) {
    return at ? json(format_rfc3339(*at, plan.time_zone)) : json(nullptr);
  };
  json payload{
      {"type", kReminderEventType},
      {"id", reminder.id},
      {"timestamp", format_rfc3339(reminder.send_at, plan.time_zone)},
      {"language", language == Language::english ? "en" : "ja"},
      {"plan", plan_json(plan)},
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
      {"recipients", recipients_json(reminder.recipients)},
      {"subject", message.subject},
      {"text", message.text},
      {"html", message.html},
      {"links", {{"dashboard", links.dashboard}, {"feed", links.feed}}},
  };
  return payload.dump();
}

std::string overdue_summary_payload_json(const Plan& plan, const OverdueSummary& summary,
                                         const ReminderMessage& message,
                                         const OverdueSummaryLinks& links, Language language) {
  json items = json::array();
  for (const OverdueItem& item : summary.items)
    items.push_back({{"reminder", item.reminder},
                     {"occurrence", item.occurrence},
                     {"task", item.task},
                     {"title", item.title},
                     {"kind", std::string{to_string(item.task_kind)}},
                     {"period", item.periods},
                     {"share", item.period.empty() ? json(nullptr) : json(item.period)},
                     {"due", format_iso_date(item.due)},
                     {"days_overdue", item.overdue.count()},
                     {"escalated", item.escalated}});
  json payload{
      {"type", kSummaryEventType},
      {"id", summary.id},
      {"timestamp", format_rfc3339(summary.send_at, plan.time_zone)},
      {"language", language == Language::english ? "en" : "ja"},
      {"plan", plan_json(plan)},
      {"summary",
       {{"reason", "first-import"},
        {"rule", std::string{kFirstImportSummaryRule}},
        {"owner", summary.owner},
        {"day", format_iso_date(summary.day)},
        {"escalated", summary.escalated},
        {"items", std::move(items)}}},
      {"recipients", recipients_json(summary.recipients)},
      {"subject", message.subject},
      {"text", message.text},
      {"html", message.html},
      {"links",
       {{"dashboard", links.plan.dashboard},
        {"feed", links.plan.feed},
        {"overdue", links.overdue}}},
  };
  return payload.dump();
}

std::string participant_reminder_payload_json(const Plan& plan, const ParticipantReminder& reminder,
                                              const ReminderMessage& message,
                                              const ParticipantReminderLinks& links,
                                              Language language) {
  const MeetingShape& meeting = reminder.meeting;
  const bool nudge = reminder.kind == ParticipantReminderKind::nudge;
  json payload{
      {"type", nudge ? kNudgeEventType : kParticipantReminderEventType},
      {"id", reminder.id},
      {"timestamp", format_rfc3339(reminder.send_at, plan.time_zone)},
      {"language", language == Language::english ? "en" : "ja"},
      {"plan", plan_json(plan)},
      {"meeting",
       {{"occurrence", reminder.occurrence},
        {"title", meeting.title},
        {"start", format_rfc3339(meeting.start, plan.time_zone)},
        {"end", format_rfc3339(meeting.end, plan.time_zone)},
        {"place", meeting.place.empty() ? json(nullptr) : json(meeting.place)}}},
      {"reminder",
       {{"rule", reminder.rule},
        {"kind", std::string{to_string(reminder.kind)}},
        {"days", reminder.days.count()},
        {"send_at", format_rfc3339(reminder.send_at, plan.time_zone)}}},
  };
  if (nudge) {
    payload["unanswered_agencies"] = reminder.unanswered_agencies;
  } else if (reminder.action) {
    // Which action, whose and when due: never what it says.
    payload["action"] = {{"id", reminder.action->id},
                         {"owner", reminder.action->owner},
                         {"due", format_iso_date(reminder.action->due)}};
  } else if (reminder.attendee) {
    const AttendeeAnswer& attendee = *reminder.attendee;
    payload["attendee"] = {
        {"agency", attendee.person.agency},
        {"role", std::string{to_string(attendee.person.role)}},
        {"answer", std::string{to_string(attendee.answer ? attendee.answer->state
                                                         : AnswerState::needs_action)}}};
  }
  payload["recipients"] = recipients_json(reminder.recipients);
  payload["subject"] = message.subject;
  payload["text"] = message.text;
  payload["html"] = message.html;
  payload["links"] = {{"meeting", links.meeting}};
  return payload.dump();
}

}  // namespace torikumi
