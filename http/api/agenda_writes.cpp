#include "http/api/agenda_writes.hpp"

#include <algorithm>
#include <charconv>

#include "engine/base/json_reader.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/tracked_actions.hpp"

namespace torikumi::http {

using nlohmann::json;

namespace {

// The number of /api/agenda/<item>: 404 for anything else, as for an item that is not there.
Result<std::int64_t, HttpError> item_number(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (problem != std::errc{} || end != text.data() + text.size() || id <= 0)
    return HttpError{ErrorKind::not_found, "no agenda item " + in_quotes(text)};
  return id;
}

// A 1-based position, or the body's problem with it.
Result<std::optional<int>, HttpError> position_field(const json& fields) {
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  const auto position =
      reader.integer(fields, "body", "position", false, 1, static_cast<long long>(kMaxAgendaItems));
  if (!diagnostics.empty()) return unreadable_body(diagnostics);
  if (!position) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(*position)};
}

json item_answer(const AgendaItem& item) { return json{{"item", agenda_item_json(item, false)}}; }

}  // namespace

WriteResult agenda_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const AgendaReader& reader) {
  const auto meeting = meeting_of(catalog, occurrence_id);
  if (!meeting) return meeting.error();
  const auto& [snapshot, occurrence] = *meeting;
  const auto items =
      catalog.with_store([&](store::Store& store) { return store.agenda(occurrence_id); });
  if (!items) return http_error(items.error());
  json list = json::array();
  for (const AgendaItem& item : *items)
    list.push_back(agenda_item_json(item, !may_see(item, reader)));
  json open_actions = json::array();
  for (const MeetingAction* action :
       open_actions_before(snapshot->expansion, snapshot->recorded.actions, *occurrence))
    open_actions.push_back(action_json(*action, !may_see(*action, reader)));
  return json{{"occurrence", occurrence_id},
              {"meeting_type", meeting_type_of(*snapshot->plan, *occurrence->task).name},
              {"items", std::move(list)},
              {"open_actions", std::move(open_actions)}};
}

WriteResult minutes_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                             const AgendaReader& reader, const store::Actor& viewer) {
  if (const auto meeting = meeting_of(catalog, occurrence_id); !meeting) return meeting.error();
  return catalog.with_store([&](store::Store& store) -> WriteResult {
    const auto versions = store.minutes(occurrence_id);
    if (!versions) return http_error(versions.error());
    const auto attendance = store.attendance(occurrence_id);
    if (!attendance) return http_error(attendance.error());
    std::vector<std::int64_t> shown;
    json list = json::array();
    for (const store::MinutesVersion& version : *versions) {
      json outcomes = json::array();
      for (const store::MinutesOutcome& outcome : version.outcomes) {
        json entry{{"item", outcome.item}, {"position", outcome.position}};
        if (!may_see(outcome.visibility, outcome.agencies, reader)) {
          entry["withheld"] = true;
        } else {
          if (outcome.visibility == ItemVisibility::named_agencies) shown.push_back(outcome.item);
          entry["title"] = outcome.title;
          entry["outcome"] = outcome.outcome;
        }
        outcomes.push_back(std::move(entry));
      }
      list.push_back(
          {{"version", version.version},
           {"state", std::string{store::to_string(version.state)}},
           {"reason", version.reason.empty() ? json(nullptr) : json(version.reason)},
           {"approved_at",
            version.approved_at ? json(format_utc_instant(*version.approved_at)) : json(nullptr)},
           {"approved_by", version.approved_by.empty() ? json(nullptr) : json(version.approved_by)},
           {"outcomes", std::move(outcomes)}});
    }
    std::sort(shown.begin(), shown.end());
    shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
    if (auto recorded = store.record_restricted_view(occurrence_id, "api", shown, viewer);
        !recorded)
      return http_error(recorded.error());
    json counted = nullptr;
    if (!attendance->empty()) {
      const AttendanceCount count = count_attendance(*attendance);
      counted = json{{"agencies", count.agencies}, {"people", count.people}};
    }
    return json{{"occurrence", occurrence_id},
                {"attendance", std::move(counted)},
                {"versions", std::move(list)}};
  });
}

WriteResult add_agenda_item(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const json& fields, const AgendaReader& reader,
                            const store::Actor& actor) {
  if (fields.contains("carry")) {
    Diagnostics diagnostics;
    JsonReader body{diagnostics};
    body.expect_object(fields, "body", {"carry"});
    const auto from =
        body.integer(fields, "body", "carry", true, 1, std::numeric_limits<std::int64_t>::max());
    if (!diagnostics.empty() || !from) return unreadable_body(diagnostics);
    const auto carried = catalog.with_store([&](store::Store& store) -> Result<AgendaItem> {
      auto source = store.agenda_item(*from);
      if (!source) return source.error();
      if (!may_see(*source, reader)) return unseen_item_error(*source);
      return store.carry_over_agenda_item(*from, occurrence_id, actor);
    });
    if (!carried) return http_error(carried.error());
    return item_answer(*carried);
  }
  Diagnostics diagnostics;
  JsonReader body{diagnostics};
  const auto item = read_agenda_item(body, fields, "body");
  if (!diagnostics.empty() || !item) return unreadable_body(diagnostics);
  const auto added = catalog.with_store(
      [&](store::Store& store) { return store.add_agenda_item(occurrence_id, *item, actor); });
  if (!added) return http_error(added.error());
  return item_answer(*added);
}

WriteResult change_agenda_item(StorePlanCatalog& catalog, std::string_view item_id,
                               const json& fields, const AgendaReader& reader,
                               const store::Actor& actor) {
  const auto id = item_number(item_id);
  if (!id) return id.error();
  const auto position = position_field(fields);
  if (!position) return position.error();
  json text_fields = fields;
  if (text_fields.is_object()) text_fields.erase("position");
  const auto changed =
      catalog.with_store([&](store::Store& store) -> Result<AgendaItem, HttpError> {
        auto before = store.agenda_item(*id);
        if (!before) return http_error(before.error());
        if (!may_see(*before, reader)) return http_error(unseen_item_error(*before));
        AgendaItem after = std::move(*before);
        if (*position) {
          // Checked before the edit, so that a move refused leaves the item as it was.
          auto items = store.agenda(after.occurrence);
          if (!items) return http_error(items.error());
          if (static_cast<std::size_t>(**position) > items->size())
            return HttpError{ErrorKind::unprocessable, "body.position: expected 1 to " +
                                                           std::to_string(items->size()) +
                                                           ", got " + std::to_string(**position)};
        }
        if (!text_fields.empty()) {
          Diagnostics diagnostics;
          JsonReader body{diagnostics};
          const AgendaItemText base{.title = after.title,
                                    .presenter = after.presenter,
                                    .minutes = after.minutes,
                                    .visibility = after.visibility,
                                    .agencies = after.agencies};
          const auto item = read_agenda_item(body, text_fields, "body", base, true);
          if (!diagnostics.empty() || !item) return unreadable_body(diagnostics);
          auto edited = store.edit_agenda_item(*id, *item, actor);
          if (!edited) return http_error(edited.error());
          after = std::move(*edited);
        }
        if (*position) {
          auto moved = store.move_agenda_item(*id, **position, actor);
          if (!moved) return http_error(moved.error());
          after = std::move(*moved);
        }
        return after;
      });
  if (!changed) return changed.error();
  return item_answer(*changed);
}

WriteResult remove_agenda_item(StorePlanCatalog& catalog, std::string_view item_id,
                               const AgendaReader& reader, const store::Actor& actor) {
  const auto id = item_number(item_id);
  if (!id) return id.error();
  const auto removed = catalog.with_store([&](store::Store& store) -> Result<AgendaItem> {
    auto item = store.agenda_item(*id);
    if (!item) return item.error();
    if (!may_see(*item, reader)) return unseen_item_error(*item);
    return store.remove_agenda_item(*id, actor);
  });
  if (!removed) return http_error(removed.error());
  json answer = item_answer(*removed);
  answer["removed"] = true;
  return answer;
}

}  // namespace torikumi::http
