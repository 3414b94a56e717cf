#include "http/api/action_writes.hpp"

#include <charconv>

#include "engine/base/json_reader.hpp"
#include "engine/progress/tracked_actions.hpp"

namespace torikumi::http {

using nlohmann::json;

namespace {

// The number of /api/actions/<n>: 404 for anything else, as for an action that is not there.
Result<std::int64_t, HttpError> action_number(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (problem != std::errc{} || end != text.data() + text.size() || id <= 0)
    return HttpError{ErrorKind::not_found, "no action " + in_quotes(text)};
  return id;
}

json list_json(std::span<const MeetingAction* const> actions, const AgendaReader& reader) {
  json list = json::array();
  for (const MeetingAction* action : actions)
    list.push_back(action_json(*action, !may_see(*action, reader)));
  return list;
}

// The plan of an action's meeting, refreshed after a write so its progress and feeds follow.
Status refresh_plan_of(StorePlanCatalog& catalog, const MeetingAction& action) {
  return catalog.refresh(
      std::string_view{action.occurrence}.substr(0, action.occurrence.find('/')));
}

WriteResult refreshed(StorePlanCatalog& catalog, const MeetingAction& action, json answer) {
  if (auto done = refresh_plan_of(catalog, action); !done)
    return HttpError{ErrorKind::internal, done.error().message};
  return answer;
}

}  // namespace

WriteResult actions_document(StorePlanCatalog& catalog, std::string_view occurrence_id,
                             const AgendaReader& reader) {
  const auto meeting = meeting_of(catalog, occurrence_id);
  if (!meeting) return meeting.error();
  const auto& [snapshot, occurrence] = *meeting;
  std::vector<const MeetingAction*> own;
  for (const MeetingAction& action : snapshot->recorded.actions)
    if (action.occurrence == occurrence_id) own.push_back(&action);
  std::sort(own.begin(), own.end(),
            [](const MeetingAction* a, const MeetingAction* b) { return a->id < b->id; });
  return json{
      {"occurrence", occurrence_id},
      {"actions", list_json(own, reader)},
      {"open_before",
       list_json(open_actions_before(snapshot->expansion, snapshot->recorded.actions, *occurrence),
                 reader)}};
}

WriteResult plan_actions_document(StorePlanCatalog& catalog, std::string_view plan_id,
                                  const AgendaReader& reader) {
  const SnapshotPointer snapshot = catalog.find(std::string{plan_id});
  if (!snapshot) return HttpError{ErrorKind::not_found, "no plan " + in_quotes(plan_id)};
  std::vector<const MeetingAction*> all;
  for (const MeetingAction& action : snapshot->recorded.actions) all.push_back(&action);
  return json{{"plan", plan_id},
              {"fiscal_year", static_cast<int>(snapshot->expansion.fiscal_year.year())},
              {"actions", list_json(all, reader)}};
}

WriteResult raise_action(StorePlanCatalog& catalog, std::string_view occurrence_id,
                         const json& fields, const AgendaReader& reader,
                         const store::Actor& actor) {
  const auto meeting = meeting_of(catalog, occurrence_id);
  if (!meeting) return meeting.error();
  const auto& [snapshot, occurrence] = *meeting;
  Diagnostics diagnostics;
  JsonReader body{diagnostics};
  const auto raised = read_action(body, fields, "body");
  if (!diagnostics.empty() || !raised) return unreadable_body(diagnostics);
  const date::sys_days day = meeting_day(snapshot->expansion, *occurrence);
  const auto added = catalog.with_store([&](store::Store& store) -> Result<MeetingAction> {
    if (raised->item) {
      auto item = store.agenda_item(*raised->item);
      if (item && !may_see(*item, reader)) return unseen_item_error(*item);
    }
    return store.add_action(occurrence_id, raised->text, raised->item, day, actor);
  });
  if (!added) return http_error(added.error());
  return refreshed(catalog, *added, json{{"action", action_json(*added, false)}});
}

WriteResult change_action(StorePlanCatalog& catalog, std::string_view action_id, const json& fields,
                          const AgendaReader& reader, const store::Actor& actor) {
  const auto id = action_number(action_id);
  if (!id) return id.error();
  Diagnostics diagnostics;
  JsonReader body{diagnostics};
  std::optional<bool> done;
  if (body.expect_object(fields, "body", {"done"}))
    done = body.boolean(fields, "body", "done", true);
  if (!diagnostics.empty() || !done) return unreadable_body(diagnostics);
  const auto changed = catalog.with_store([&](store::Store& store) -> Result<MeetingAction> {
    auto before = store.action(*id);
    if (!before) return before.error();
    if (!may_see(*before, reader)) return unseen_action_error(*before);
    return *done ? store.complete_action(*id, actor) : store.reopen_action(*id, actor);
  });
  if (!changed) return http_error(changed.error());
  return refreshed(catalog, *changed, json{{"action", action_json(*changed, false)}});
}

WriteResult remove_action(StorePlanCatalog& catalog, std::string_view action_id,
                          const AgendaReader& reader, const store::Actor& actor) {
  const auto id = action_number(action_id);
  if (!id) return id.error();
  const auto removed = catalog.with_store([&](store::Store& store) -> Result<MeetingAction> {
    auto before = store.action(*id);
    if (!before) return before.error();
    if (!may_see(*before, reader)) return unseen_action_error(*before);
    return store.remove_action(*id, actor);
  });
  if (!removed) return http_error(removed.error());
  return refreshed(catalog, *removed,
                   json{{"action", action_json(*removed, false)}, {"removed", true}});
}

}  // namespace torikumi::http
