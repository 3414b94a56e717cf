#include "engine/occurrence_json.hpp"

#include "engine/time_text.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

json optional_instant(const std::optional<date::sys_seconds>& instant, const std::string& zone) {
  return instant ? json(format_rfc3339(*instant, zone)) : json(nullptr);
}

json optional_text(std::string_view text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json occurrence_to_json(const Plan& plan, const Expansion& expansion, const Occurrence& occurrence) {
  const Task& task = *occurrence.task;
  const std::vector<std::string> periods = period_names(plan, occurrence);
  // The row's period when it has one; else the period the window opens in.
  const std::string period = !task.period.empty() ? task.period : (periods.empty() ? "" : periods.front());
  const MeetingRule* rule = task.kind == TaskKind::meeting ? plan.meeting_rule_for(task) : nullptr;
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
      {"scheduled_start", optional_instant(occurrence.scheduled_start, expansion.time_zone)},
      {"scheduled_end", optional_instant(occurrence.scheduled_end, expansion.time_zone)},
      {"place", occurrence.scheduled_start && rule ? optional_text(rule->place) : json(nullptr)},
      {"kind", to_string(task.kind)},
      {"owner", optional_text(task.owner)},
      {"measure", optional_text(task.measure)},
      {"series", optional_text(series_id(task))},
      {"provisional", occurrence.provisional},
  };
}

json occurrences_to_json(const Plan& plan, const Expansion& expansion) {
  json array = json::array();
  for (const auto& occurrence : expansion.occurrences)
    array.push_back(occurrence_to_json(plan, expansion, occurrence));
  return array;
}

}  // namespace torikumi
