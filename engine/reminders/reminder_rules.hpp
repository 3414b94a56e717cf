#pragma once

// Reminder rules: when a plan's occurrences are worth a message. Per task kind, lead times before
// a meeting's start, before a deadline's due day and before each period's end for the progress
// note (進捗の状況) of every span; for an overdue deadline a repeat every N days, escalated to a
// second recipient list after M days. Once a meeting occurrence's invitation was sent, its
// participants hear too (participant_reminders.hpp): who has not answered, who is coming, and the
// 事務局 (chair) when a required agency has not answered. Defaults come from the config, a plan may
// override them kind by kind ("reminders" in docs/plan-format.md).

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

// Reminders to the people a meeting occurrence's invitation went to
// (reminders.meeting.participants), lead times before the meeting's day. None are planned for an
// occurrence with no invitation sent.
struct ParticipantReminderRule {
  // To each attendee still invited who has not answered (or answered needs-action): ご回答のお願い.
  std::vector<date::days> unanswered_before{date::days{7}};
  // To each attendee coming: accepted, tentative, or delegated (代理, the 代理's name shown).
  std::vector<date::days> accepted_before{date::days{1}};
  // To the 事務局 (the chair agencies' attendees, else the owner's recipients) while a required
  // agency has no attendee with an answer.
  std::vector<date::days> nudge_before{date::days{5}};
  // To an action's owning agency while the action is open (宿題の期限), before its due day.
  std::vector<date::days> action_before{date::days{3}, date::days{0}};
  bool operator==(const ParticipantReminderRule&) const = default;
};

// Every rule, complete.
struct ReminderRules {
  // Before a meeting's (scheduled) start day.
  KindReminderRule meeting{.before = {date::days{14}, date::days{1}}, .overdue = std::nullopt};
  // To a meeting's participants, once its invitation was sent.
  ParticipantReminderRule participants{};
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
// given comes from the rules below (the config's, then the built-in defaults). The participants'
// rule is a part of its own, written inside the meeting's: a meeting rule given without it keeps
// the participants' rule from below.
struct ReminderRuleOverrides {
  std::optional<KindReminderRule> meeting;
  // Only with `meeting` (read_reminder_rules gives it so): JSON writes it inside the meeting rule.
  std::optional<ParticipantReminderRule> participants;
  std::optional<KindReminderRule> deadline;
  std::optional<KindReminderRule> progress_note;
  std::optional<std::chrono::minutes> send_time;
  bool empty() const {
    return !meeting && !participants && !deadline && !progress_note && !send_time;
  }
  bool operator==(const ReminderRuleOverrides&) const = default;
};

// `base` with the overrides applied.
ReminderRules apply_overrides(const ReminderRules& base, const ReminderRuleOverrides& overrides);

// Reads {"meeting": {"before_days": [14, 1], "participants": {"unanswered_before_days": [7],
// "accepted_before_days": [1], "nudge_before_days": [5], "action_before_days": [3, 0]}},
// "deadline": {"before_days": [7, 0], "overdue": {"every_days": 7, "escalate_after_days": 14}},
// "progress_note": {...}, "send_time": "09:00"}, reporting problems under `where`; nullopt when it
// is not an object. Lead times are whole days from 0 to 366, each once in its list; a list not
// given is empty (participants given replace the participants' rule whole).
std::optional<ReminderRuleOverrides> read_reminder_rules(JsonReader& reader,
                                                         const nlohmann::json& value,
                                                         const std::string& where);

// Writes what read_reminder_rules reads back equal; only the parts given. REQUIRES: participants
// only with a meeting rule.
nlohmann::json reminder_rules_to_json(const ReminderRuleOverrides& overrides);

}  // namespace torikumi
