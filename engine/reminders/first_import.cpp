#include "engine/reminders/first_import.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "engine/base/fnv_hash.hpp"

namespace torikumi {

namespace {

// owner-8baa27d3 (多機関協働担当): ASCII whatever the owner's name is written in.
std::string owner_key(std::string_view owner) {
  char text[16];
  std::snprintf(text, sizeof text, "owner-%08x", static_cast<unsigned>(fnv1a_32(owner)));
  return text;
}

// 20261207.
std::string compact_day(date::sys_days day) {
  const date::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

OverdueItem item_of(const Reminder& reminder, date::sys_days day) {
  return {.reminder = reminder.id,
          .occurrence = reminder.occurrence,
          .task = reminder.task,
          .title = reminder.title,
          .task_kind = reminder.task_kind,
          .periods = reminder.periods,
          .period = reminder.period,
          .due = reminder.anchor_day,
          .overdue = std::max(date::days{0}, day - reminder.anchor_day),
          .escalated = reminder.escalated};
}

// The owners in the order the plan's tasks name them first.
std::vector<std::string> owners_in_order(const Plan& plan) {
  std::vector<std::string> owners;
  for (const Task& task : plan.tasks)
    if (std::find(owners.begin(), owners.end(), task.owner) == owners.end())
      owners.push_back(task.owner);
  return owners;
}

// One summary per owner of the reminders of the past, each item once: the reminder of an item
// that would go out last that day (an 08:00 pass finds the one due and the one of 09:00 ahead).
std::vector<OverdueSummary> summaries_of(const Plan& plan, const std::vector<const Reminder*>& past,
                                         date::sys_seconds now, date::sys_days day) {
  // (occurrence, share's period) → its latest reminder.
  std::map<std::pair<std::string, std::string>, const Reminder*> latest;
  for (const Reminder* reminder : past) {
    const Reminder*& kept = latest[{reminder->occurrence, reminder->period}];
    if (kept == nullptr || kept->send_at < reminder->send_at) kept = reminder;
  }
  std::map<std::string, OverdueSummary, std::less<>> by_owner;
  for (const auto& [key, reminder] : latest) {
    OverdueSummary& summary = by_owner[reminder->owner];
    if (summary.id.empty()) {
      summary.id = plan.id + "/first-import/" + owner_key(reminder->owner) + "/" + compact_day(day);
      summary.plan = plan.id;
      summary.owner = reminder->owner;
      summary.send_at = now;
      summary.day = day;
    }
    for (const Recipient& recipient : reminder->recipients)
      if (std::find(summary.recipients.begin(), summary.recipients.end(), recipient) ==
          summary.recipients.end())
        summary.recipients.push_back(recipient);
    summary.escalated = summary.escalated || reminder->escalated;
    summary.items.push_back(item_of(*reminder, day));
  }
  std::vector<OverdueSummary> summaries;
  const auto take = [&](const std::string& owner) {
    const auto found = by_owner.find(owner);
    if (found == by_owner.end()) return;
    OverdueSummary& summary = found->second;
    std::sort(summary.items.begin(), summary.items.end(),
              [](const OverdueItem& a, const OverdueItem& b) {
                return std::tie(a.due, a.title, a.occurrence, a.period) <
                       std::tie(b.due, b.title, b.occurrence, b.period);
              });
    summaries.push_back(std::move(summary));
    by_owner.erase(found);
  };
  for (const std::string& owner : owners_in_order(plan)) take(owner);
  while (!by_owner.empty()) take(by_owner.begin()->first);  // an owner no task names any more
  return summaries;
}

}  // namespace

PassReminders settle_first_import(const Plan& plan, std::span<const Reminder> planned,
                                  const FirstImportPass& pass) {
  PassReminders result;
  const PlanZone& zone = plan.time_zone;
  const date::sys_days first_day = zone.local_day(pass.first_entered.value_or(pass.now));
  const bool holds_back = pass.choice != FirstImportReminders::each;
  // Overdue repeats planned up to the end of the first import's day.
  const auto of_the_past = [&](const Reminder& reminder) {
    return holds_back && reminder.kind == ReminderKind::overdue &&
           zone.local_day(reminder.send_at) <= first_day;
  };
  std::vector<const Reminder*> past;
  for (const Reminder& reminder : planned) {
    const bool due = is_due(reminder, pass.now);
    if (!of_the_past(reminder)) {
      if (due) result.due.push_back(reminder);
      continue;
    }
    if (due) result.held_back.push_back(reminder.id);
    if (!pass.first_entered && reminder.expires_at > pass.now) past.push_back(&reminder);
  }
  if (!pass.first_entered && pass.choice == FirstImportReminders::summary)
    result.summaries = summaries_of(plan, past, pass.now, first_day);
  return result;
}

}  // namespace torikumi
