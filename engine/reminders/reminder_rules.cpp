#include "engine/reminders/reminder_rules.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/base/json_reader.hpp"
#include "engine/plan/plan_json.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

// A year ahead is the most a lead time or a repeat can usefully say in a fiscal year.
constexpr long long kLongestDays = 366;

// Reads the lead times of the list at `key` of `value` into `into`; false on a problem.
bool read_days(JsonReader& reader, const json& value, const std::string& where,
               std::string_view key, std::vector<date::days>& into) {
  bool good = true;
  reader.each(value, where, key, [&](const json& element, const std::string& path) {
    if (!element.is_number_integer() || element.get<long long>() < 0 ||
        element.get<long long>() > kLongestDays) {
      reader.report(path,
                    "expected a whole number of days from 0 to " + std::to_string(kLongestDays) +
                        ", got " + describe_json(element),
                    element.is_number_integer()
                        ? meaning_of(json_meaning::kIntegerRange,
                                     {"0", std::to_string(kLongestDays), element.dump()})
                        : meaning_of(json_meaning::kExpectedInteger, {describe_json(element)}));
      good = false;
      return;
    }
    const date::days lead{element.get<long long>()};
    if (std::find(into.begin(), into.end(), lead) != into.end()) {
      reader.report(path, "lead time " + std::to_string(lead.count()) + " days is listed twice",
                    meaning_of(json_meaning::kListedTwice, {std::to_string(lead.count())}));
      good = false;
      return;
    }
    into.push_back(lead);
  });
  if (const json* list = reader.member(value, key); list && !list->is_null() && !list->is_array())
    good = false;  // reported by each()
  return good;
}

// `keys`: those the kind's rule may have (the meeting's has its participants' rule too).
std::optional<KindReminderRule> read_kind(JsonReader& reader, const json& value,
                                          const std::string& where,
                                          std::initializer_list<std::string_view> keys) {
  if (!reader.expect_object(value, where, keys)) return std::nullopt;
  KindReminderRule rule;
  bool good = read_days(reader, value, where, "before_days", rule.before);
  if (const auto overdue = value.find("overdue"); overdue != value.end() && !overdue->is_null()) {
    const std::string path = where + ".overdue";
    if (reader.expect_object(*overdue, path, {"every_days", "escalate_after_days"})) {
      const auto every = reader.integer(*overdue, path, "every_days", true, 1, kLongestDays);
      const auto escalate =
          reader.integer(*overdue, path, "escalate_after_days", false, 1, kLongestDays);
      if (every) {
        rule.overdue = OverdueRule{
            .every = date::days{*every},
            .escalate_after = escalate ? date::days{*escalate} : OverdueRule{}.escalate_after};
      }
      good = good && every && (escalate || !overdue->contains("escalate_after_days"));
    } else {
      good = false;
    }
  }
  if (!good) return std::nullopt;
  return rule;
}

std::optional<ParticipantReminderRule> read_participant_rule(JsonReader& reader, const json& value,
                                                             const std::string& where) {
  if (!reader.expect_object(value, where,
                            {"unanswered_before_days", "accepted_before_days", "nudge_before_days",
                             "action_before_days"}))
    return std::nullopt;
  ParticipantReminderRule rule{
      .unanswered_before = {}, .accepted_before = {}, .nudge_before = {}, .action_before = {}};
  const bool unanswered =
      read_days(reader, value, where, "unanswered_before_days", rule.unanswered_before);
  const bool accepted =
      read_days(reader, value, where, "accepted_before_days", rule.accepted_before);
  const bool nudge = read_days(reader, value, where, "nudge_before_days", rule.nudge_before);
  const bool action = read_days(reader, value, where, "action_before_days", rule.action_before);
  if (!unanswered || !accepted || !nudge || !action) return std::nullopt;
  return rule;
}

json days_to_json(const std::vector<date::days>& leads) {
  json list = json::array();
  for (const auto lead : leads) list.push_back(lead.count());
  return list;
}

json kind_to_json(const KindReminderRule& rule) {
  json value = json::object();
  value["before_days"] = days_to_json(rule.before);
  if (rule.overdue)
    value["overdue"] = {{"every_days", rule.overdue->every.count()},
                        {"escalate_after_days", rule.overdue->escalate_after.count()}};
  return value;
}

// The actions' list, newer than the others, only when it holds a lead time: a rule written
// before it reads back the same (a list not given is empty).
json participants_to_json(const ParticipantReminderRule& rule) {
  json value{{"unanswered_before_days", days_to_json(rule.unanswered_before)},
             {"accepted_before_days", days_to_json(rule.accepted_before)},
             {"nudge_before_days", days_to_json(rule.nudge_before)}};
  if (!rule.action_before.empty()) value["action_before_days"] = days_to_json(rule.action_before);
  return value;
}

}  // namespace

std::string_view to_string(FirstImportReminders choice) {
  switch (choice) {
    case FirstImportReminders::summary:
      return "summary";
    case FirstImportReminders::none:
      return "none";
    case FirstImportReminders::each:
      return "each";
  }
  return "summary";
}

std::optional<FirstImportReminders> parse_first_import_reminders(std::string_view text) {
  for (const auto choice :
       {FirstImportReminders::summary, FirstImportReminders::none, FirstImportReminders::each})
    if (text == to_string(choice)) return choice;
  return std::nullopt;
}

ReminderRules apply_overrides(const ReminderRules& base, const ReminderRuleOverrides& overrides) {
  ReminderRules rules = base;
  if (overrides.meeting) rules.meeting = *overrides.meeting;
  if (overrides.participants) rules.participants = *overrides.participants;
  if (overrides.deadline) rules.deadline = *overrides.deadline;
  if (overrides.progress_note) rules.progress_note = *overrides.progress_note;
  if (overrides.send_time) rules.send_time = *overrides.send_time;
  return rules;
}

std::optional<ReminderRuleOverrides> read_reminder_rules(JsonReader& reader, const json& value,
                                                         const std::string& where) {
  if (!reader.expect_object(value, where, {"meeting", "deadline", "progress_note", "send_time"}))
    return std::nullopt;
  ReminderRuleOverrides overrides;
  const auto kind = [&](const char* key, std::optional<KindReminderRule>& into,
                        std::initializer_list<std::string_view> keys) {
    if (const auto found = value.find(key); found != value.end() && !found->is_null())
      into = read_kind(reader, *found, where + "." + key, keys);
  };
  kind("meeting", overrides.meeting, {"before_days", "overdue", "participants"});
  kind("deadline", overrides.deadline, {"before_days", "overdue"});
  kind("progress_note", overrides.progress_note, {"before_days", "overdue"});
  if (const json* meeting = reader.member(value, "meeting"); meeting && meeting->is_object())
    if (const json* participants = reader.member(*meeting, "participants");
        participants != nullptr && !participants->is_null())
      overrides.participants =
          read_participant_rule(reader, *participants, where + ".meeting.participants");
  if (const auto text = reader.string(value, where, "send_time", false, false)) {
    if (const auto time = parse_time_of_day(*text))
      overrides.send_time = *time;
    else
      reader.report(where + ".send_time", "expected a time HH:MM, got " + in_quotes(*text),
                    meaning_of(json_meaning::kExpectedTime, {*text}));
  }
  return overrides;
}

json reminder_rules_to_json(const ReminderRuleOverrides& overrides) {
  json value = json::object();
  if (overrides.meeting) value["meeting"] = kind_to_json(*overrides.meeting);
  if (overrides.meeting && overrides.participants)
    value["meeting"]["participants"] = participants_to_json(*overrides.participants);
  if (overrides.deadline) value["deadline"] = kind_to_json(*overrides.deadline);
  if (overrides.progress_note) value["progress_note"] = kind_to_json(*overrides.progress_note);
  if (overrides.send_time) value["send_time"] = format_time_of_day(*overrides.send_time);
  return value;
}

}  // namespace torikumi
