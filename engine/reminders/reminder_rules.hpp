#pragma once

// Reminder rules: when a plan's occurrences are worth a message. Per task kind, lead times before
// a meeting's start, before a deadline's due day and before each period's end for the progress
// note (進捗の状況) of every span; for an overdue deadline a repeat every N days, escalated to a
// second recipient list after M days. Defaults come from the config, a plan may override them
// kind by kind ("reminders" in docs/plan-format.md).

#include <date/date.h>

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace torikumi {

class JsonReader;

// Reminding of an item still not done after its due day.
struct OverdueRule {
  date::days every{7};            // a repeat this often after the due day
  date::days escalate_after{14};  // from this many days overdue on, the escalation list too
  bool operator==(const OverdueRule&) const = default;
};

// The reminders of one kind of item.
struct KindReminderRule {
  std::vector<date::days> before;  // lead times before the anchor day; 0 days: on the day
  std::optional<OverdueRule> overdue;
  bool operator==(const KindReminderRule&) const = default;
};

// Every rule, complete.
struct ReminderRules {
  // Before a meeting's (scheduled) start day.
  KindReminderRule meeting{.before = {date::days{14}, date::days{1}}, .overdue = std::nullopt};
  // Before a deadline's (a deliverable task's) due day, then repeats while it is overdue.
  KindReminderRule deadline{.before = {date::days{7}, date::days{0}}, .overdue = OverdueRule{}};
  // Before the last day of each period a span overlaps, for its progress note of that period.
  KindReminderRule progress_note{.before = {date::days{7}}, .overdue = std::nullopt};
  // The local time of day reminders go out at, on business-day mornings in the plan's zone.
  std::chrono::minutes send_time{9 * 60};
  bool operator==(const ReminderRules&) const = default;
};

// What a plan's first reminders do with its past (config reminders.on_first_import): the first
// pass that plans a plan's reminders, with none of them in the outbox yet, finds the items
// already overdue when the plan comes in mid-year (engine/reminders/first_import.hpp).
enum class FirstImportReminders {
  summary,  // "summary": one message per owner (担当) lists them, in place of a reminder each
  none,     // "none": nothing is sent of them
  each,     // "each": a reminder each, as for any pass
};

std::string_view to_string(FirstImportReminders choice);  // "summary", "none", "each"
std::optional<FirstImportReminders> parse_first_import_reminders(std::string_view text);

// What a plan or the config says; each kind given replaces that kind's rule whole, what is not
// given comes from the rules below (the config's, then the built-in defaults).
struct ReminderRuleOverrides {
  std::optional<KindReminderRule> meeting;
  std::optional<KindReminderRule> deadline;
  std::optional<KindReminderRule> progress_note;
  std::optional<std::chrono::minutes> send_time;
  bool empty() const { return !meeting && !deadline && !progress_note && !send_time; }
  bool operator==(const ReminderRuleOverrides&) const = default;
};

// `base` with the overrides applied.
ReminderRules apply_overrides(const ReminderRules& base, const ReminderRuleOverrides& overrides);

// Reads {"meeting": {"before_days": [14, 1]}, "deadline": {"before_days": [7, 0], "overdue":
// {"every_days": 7, "escalate_after_days": 14}}, "progress_note": {...}, "send_time": "09:00"},
// reporting problems under `where`; nullopt when it is not an object.
std::optional<ReminderRuleOverrides> read_reminder_rules(JsonReader& reader,
                                                         const nlohmann::json& value,
                                                         const std::string& where);

// Writes what read_reminder_rules reads back equal; only the parts given.
nlohmann::json reminder_rules_to_json(const ReminderRuleOverrides& overrides);

}  // namespace torikumi
