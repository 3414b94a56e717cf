#include "engine/progress/occurrence_json.hpp"

#include "engine/calendar/time_text.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

json optional_instant(const std::optional<date::sys_seconds>& instant, const PlanZone& zone) {
  return instant ? json(format_rfc3339(*instant, zone)) : json(nullptr);
}

json optional_text(std::string_view text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json occurrence_to_json(const Plan& plan, const Expansion& expansion, const Occurrence& occurrence,
                        const OccurrenceRecord* record) {
  const Task& task = *occurrence.task;
  const std::vector<std::string> periods = period_names(plan, occurrence);
  // The row's period when it has one; else the period the window opens in.
  const std::string period =
      !task.period.empty() ? task.period : (periods.empty() ? "" : periods.front());
  const MeetingRule* rule = task.kind == TaskKind::meeting ? plan.meeting_rule_for(task) : nullptr;
  const OccurrenceRecord none;
  const OccurrenceRecord& recorded = record ? *record : none;
  const auto scheduled_start =
      recorded.scheduled_start ? recorded.scheduled_start : occurrence.scheduled_start;
  const auto scheduled_end =
      recorded.scheduled_start ? recorded.scheduled_end : occurrence.scheduled_end;
  json place = occurrence.scheduled_start && rule ? optional_text(rule->place) : json(nullptr);
  if (!recorded.place.empty()) place = recorded.place;
  return json{
      {"id", occurrence.id},
      {"plan", plan.id},
      {"task", task.id},
      {"title", task.title},
      {"source_text", optional_text(task.source_text)},
      {"period", period},
      {"periods", periods},
      {"start", format_iso_date(occurrence.start)},
      {"due", format_iso_date(occurrence.due)},
      {"scheduled_start", optional_instant(scheduled_start, expansion.zone)},
      {"scheduled_end", optional_instant(scheduled_end, expansion.zone)},
      {"place", place},
      {"kind", to_string(task.kind)},
      {"owner", optional_text(task.owner)},
      {"measure", optional_text(task.measure)},
      {"series", optional_text(series_id(task))},
      {"provisional", occurrence.provisional},
      {"status", to_string(recorded.status)},
      {"reason", optional_text(recorded.reason)},
      {"completed_at", recorded.status == OccurrenceStatus::done
                           ? optional_instant(recorded.completed_at, expansion.zone)
                           : json(nullptr)},
      {"revision", recorded.revision},
  };
}

json occurrences_to_json(const Plan& plan, const Expansion& expansion, const RecordedState& state) {
  json array = json::array();
  for (const auto& occurrence : expansion.occurrences)
    array.push_back(occurrence_to_json(plan, expansion, occurrence, state.find(occurrence.id)));
  return array;
}

json occurrences_to_json(const Plan& plan, const Expansion& expansion) {
  return occurrences_to_json(plan, expansion, RecordedState{});
}

}  // namespace torikumi
