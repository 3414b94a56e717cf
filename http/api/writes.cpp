#include "http/api/writes.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "engine/calendar/time_text.hpp"
#include "engine/progress/occurrence_json.hpp"

namespace torikumi::http {

namespace {

using nlohmann::json;

// A JSON value as a fiscal year a write may name: a whole number the holiday tables cover (1949
// to 2099, engine/calendar/japanese_holidays.hpp), else nothing. Never get<int>(), which wraps
// 2147483648 round to -2147483648; a negative number is never one.
std::optional<int> fiscal_year_of(const json& value) {
  if (!value.is_number_unsigned()) return std::nullopt;
  const std::uint64_t year = value.get<std::uint64_t>();
  if (year < 1949 || year > 2099) return std::nullopt;
  return static_cast<int>(year);
}

// A string field: absent (or null) is nullopt; anything but a string is bad_request.
Result<std::optional<std::string>, HttpError> text_field(const json& fields, const char* name) {
  const auto found = fields.find(name);
  if (found == fields.end() || found->is_null()) return std::optional<std::string>{};
  if (!found->is_string())
    return HttpError{ErrorKind::bad_request,
                     std::string{name} + ": expected a string, got " + found->dump()};
  return std::optional<std::string>{found->get<std::string>()};
}

Result<std::optional<date::sys_seconds>, HttpError> time_field(const json& fields, const char* name,
                                                               const PlanZone& time_zone) {
  const auto text = text_field(fields, name);
  if (!text) return text.error();
  if (!*text || (*text)->empty()) return std::optional<date::sys_seconds>{};
  const auto instant = parse_user_time(**text, time_zone);
  if (!instant)
    return HttpError{ErrorKind::bad_request, std::string{name} + ": " + instant.error().message};
  return std::optional<date::sys_seconds>{*instant};
}

// The occurrence a write is about, stored (a fiscal year not yet stored is stored now) and not
// an orphan.
Result<store::OccurrenceInfo, HttpError> writable_occurrence(store::Store& store,
                                                             std::string_view occurrence_id) {
  auto info = store.occurrence(occurrence_id);
  if (!info) return http_error(info.error());
  if (!info->present)
    return HttpError{ErrorKind::conflict,
                     "occurrence " + in_quotes(occurrence_id) +
                         " is an orphan: the latest revision of plan " + in_quotes(info->plan) +
                         " no longer has it",
                     KnownRefusal::orphan_occurrence,
                     {std::string{occurrence_id}, info->plan}};
  return std::move(*info);
}

json warnings_json(const store::Warnings& warnings) {
  json list = json::array();
  for (const std::string& warning : warnings) list.push_back(warning);
  return list;
}

// The answer of an occurrence write: the occurrence as the list shows it after the write.
WriteResult answer_occurrence(StorePlanCatalog& catalog, const store::OccurrenceInfo& info,
                              const store::Warnings& warnings) {
  if (auto refreshed = catalog.refresh(info.plan); !refreshed)
    return HttpError{ErrorKind::internal, refreshed.error().message};
  const SnapshotPointer snapshot = catalog.find(info.plan, info.fiscal_year);
  if (!snapshot)
    return HttpError{ErrorKind::internal, "plan " + in_quotes(info.plan) + " vanished"};
  const Occurrence* occurrence = find_occurrence(snapshot->expansion, info.id);
  if (!occurrence)
    return HttpError{ErrorKind::internal, "occurrence " + in_quotes(info.id) + " vanished"};
  return json{{"occurrence", occurrence_to_json(*snapshot->plan, snapshot->expansion, *occurrence,
                                                snapshot->recorded.find(occurrence->id))},
              {"warnings", warnings_json(warnings)}};
}

WriteResult answer_plan_write(StorePlanCatalog& catalog, std::string_view plan_id, json entry,
                              const store::Warnings& warnings) {
  if (auto refreshed = catalog.refresh(plan_id); !refreshed)
    return HttpError{ErrorKind::internal, refreshed.error().message};
  entry["warnings"] = warnings_json(warnings);
  return entry;
}

// The stored plan a plan-level write names: not_found when there is none.
Result<SnapshotPointer, HttpError> stored_plan(const StorePlanCatalog& catalog,
                                               std::string_view plan_id) {
  SnapshotPointer snapshot = catalog.find(plan_id);
  if (!snapshot)
    return HttpError{ErrorKind::not_found,
                     "no plan " + in_quotes(plan_id),
                     KnownRefusal::no_plan,
                     {std::string{plan_id}}};
  return snapshot;
}

}  // namespace

HttpError unreadable_body(const Diagnostics& diagnostics) {
  HttpError error{ErrorKind::unprocessable, std::string{}};
  for (const Diagnostic& diagnostic : diagnostics) {
    error.message += (error.message.empty() ? "" : "; ") + diagnostic.to_string();
    error.problems.push_back(diagnostic);
  }
  return error;
}

Result<json, HttpError> parse_body(std::string_view body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded())
    return HttpError{ErrorKind::bad_request, "body: expected a JSON object, got invalid JSON"};
  if (!parsed.is_object())
    return HttpError{ErrorKind::bad_request,
                     "body: expected a JSON object, got " + std::string{parsed.type_name()}};
  return parsed;
}

namespace {

// What an occurrence must be for a write: still open (done, skip, schedule), or closed (undo).
enum class Needs { open, closed };

// One occurrence write under the store's lock: the occurrence resolved, its state checked
// (409 when it forbids the write), `write` run, then the plan refreshed and the occurrence
// answered. `write` returns the store's warnings or the error to answer with.
template <typename Write>
WriteResult write_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id, Needs needs,
                             Write&& write) {
  std::optional<store::OccurrenceInfo> written;
  const auto outcome =
      catalog.with_store([&](store::Store& store) -> Result<store::Warnings, HttpError> {
        auto info = writable_occurrence(store, occurrence_id);
        if (!info) return info.error();
        const std::string status{to_string(info->record.status)};
        if (needs == Needs::open && !is_open(info->record.status))
          return HttpError{ErrorKind::conflict,
                           "occurrence " + in_quotes(occurrence_id) + " is " + status + " already",
                           KnownRefusal::occurrence_closed,
                           {std::string{occurrence_id}, status}};
        if (needs == Needs::closed && is_open(info->record.status))
          return HttpError{
              ErrorKind::conflict,
              "occurrence " + in_quotes(occurrence_id) + " has nothing to undo: it is " + status,
              KnownRefusal::nothing_to_undo,
              {std::string{occurrence_id}, status}};
        auto done = write(store, *info);
        if (!done) return done.error();
        written = std::move(*info);
        return std::move(*done);
      });
  if (!outcome) return outcome.error();
  return answer_occurrence(catalog, *written, *outcome);
}

Result<store::Warnings, HttpError> from_store(Result<store::Warnings> result) {
  if (!result) return http_error(result.error());
  return std::move(*result);
}

// The answer of a note's write: the note as stored, and who wrote, changed or deleted it.
json note_answer(const store::StoredNote& note, const store::Actor& actor) {
  return json{{"id", note.id},
              {"plan", note.plan},
              {"task", note.task.empty() ? json(nullptr) : json(note.task)},
              {"fiscal_year", note.fiscal_year},
              {"period", note.period},
              {"text", note.text},
              {"by", actor.by}};
}

// A write to one stored note of a plan, under the store's lock: the plan must be stored, the id a
// whole number (400 `note: expected a note id, got "x"`) and the note the plan's (404 `unknown
// note 12 in plan "p"`, or the store's `unknown note 12`) before `write` runs.
template <typename Write>
Result<store::StoredNote, HttpError> write_stored_note(StorePlanCatalog& catalog,
                                                       std::string_view plan_id,
                                                       std::string_view note_id, Write&& write) {
  if (const auto snapshot = stored_plan(catalog, plan_id); !snapshot) return snapshot.error();
  std::int64_t id = 0;
  const auto [end, status] = std::from_chars(note_id.data(), note_id.data() + note_id.size(), id);
  if (status != std::errc{} || end != note_id.data() + note_id.size() || id <= 0)
    return HttpError{ErrorKind::bad_request, "note: expected a note id, got " + in_quotes(note_id)};
  const auto written = catalog.with_store([&](store::Store& store) -> Result<store::StoredNote> {
    auto note = store.note(id);
    if (!note) return note.error();
    if (note->plan != plan_id)
      return not_found_error("unknown note " + std::to_string(id) + " in plan " +
                             in_quotes(plan_id));
    return write(store, id);
  });
  if (!written) return http_error(written.error());
  return *written;
}

}  // namespace

WriteResult complete_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                                const json& fields, const store::Actor& actor) {
  const auto note = text_field(fields, "note");
  if (!note) return note.error();
  return write_occurrence(
      catalog, occurrence_id, Needs::open,
      [&](store::Store& store,
          const store::OccurrenceInfo& info) -> Result<store::Warnings, HttpError> {
        const auto completed_at = time_field(fields, "completed_at", info.time_zone);
        if (!completed_at) return completed_at.error();
        return from_store(
            store.mark_done(store::DoneRequest{.occurrence = std::string{occurrence_id},
                                               .completed_at = completed_at->value_or(actor.at),
                                               .note = note->value_or(""),
                                               .actor = actor}));
      });
}

WriteResult undo_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            const store::Actor& actor) {
  return write_occurrence(catalog, occurrence_id, Needs::closed,
                          [&](store::Store& store, const store::OccurrenceInfo&) {
                            return from_store(store.undo(occurrence_id, actor));
                          });
}

WriteResult drop_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                            OccurrenceStatus status, const json& fields,
                            const store::Actor& actor) {
  const auto reason = text_field(fields, "reason");
  if (!reason) return reason.error();
  const std::string why = reason->value_or("");
  return write_occurrence(catalog, occurrence_id, Needs::open,
                          [&](store::Store& store, const store::OccurrenceInfo&) {
                            return from_store(status == OccurrenceStatus::cancelled
                                                  ? store.cancel(occurrence_id, why, actor)
                                                  : store.skip(occurrence_id, why, actor));
                          });
}

WriteResult schedule_occurrence(StorePlanCatalog& catalog, std::string_view occurrence_id,
                                const json& fields, const store::Actor& actor) {
  const auto place = text_field(fields, "place");
  if (!place) return place.error();
  return write_occurrence(
      catalog, occurrence_id, Needs::open,
      [&](store::Store& store,
          const store::OccurrenceInfo& info) -> Result<store::Warnings, HttpError> {
        const auto start = time_field(fields, "start", info.time_zone);
        if (!start) return start.error();
        if (!*start)
          return HttpError{ErrorKind::bad_request, "start: expected a day or a time, got nothing"};
        const auto end = time_field(fields, "end", info.time_zone);
        if (!end) return end.error();
        std::optional<std::string> new_place;
        if (*place && !(*place)->empty()) new_place = **place;
        return from_store(
            store.schedule(store::ScheduleRequest{.occurrence = std::string{occurrence_id},
                                                  .start = **start,
                                                  .end = *end,
                                                  .place = new_place,
                                                  .actor = actor}));
      });
}

WriteResult log_activity(StorePlanCatalog& catalog, std::string_view plan_id,
                         std::string_view task_id, const json& fields, const store::Actor& actor) {
  const auto snapshot = stored_plan(catalog, plan_id);
  if (!snapshot) return snapshot.error();
  const auto at = time_field(fields, "at", (*snapshot)->plan->time_zone);
  if (!at) return at.error();
  const auto note = text_field(fields, "note");
  if (!note) return note.error();
  const date::sys_seconds happened_at = at->value_or(actor.at);
  const auto logged = catalog.with_store([&](store::Store& store) {
    return store.log_activity(store::LogRequest{.plan = std::string{plan_id},
                                                .task = std::string{task_id},
                                                .happened_at = happened_at,
                                                .note = note->value_or(""),
                                                .actor = actor});
  });
  if (!logged) return http_error(logged.error());
  return answer_plan_write(catalog, plan_id,
                           json{{"plan", plan_id},
                                {"task", task_id},
                                {"at", format_rfc3339(happened_at, (*snapshot)->plan->time_zone)},
                                {"by", actor.by},
                                {"note", note->value_or("")}},
                           *logged);
}

WriteResult write_note(StorePlanCatalog& catalog, std::string_view plan_id, const json& fields,
                       const store::Actor& actor) {
  const auto snapshot = stored_plan(catalog, plan_id);
  if (!snapshot) return snapshot.error();
  const auto period = text_field(fields, "period");
  if (!period) return period.error();
  const auto text = text_field(fields, "text");
  if (!text) return text.error();
  const auto task = text_field(fields, "task");
  if (!task) return task.error();
  int fiscal_year = static_cast<int>((*snapshot)->expansion.fiscal_year.year());
  if (const auto year = fields.find("fiscal_year"); year != fields.end() && !year->is_null()) {
    const auto named = fiscal_year_of(*year);
    if (!named)
      return HttpError{ErrorKind::bad_request,
                       "fiscal_year: expected a year from 1949 to 2099, got " + year->dump()};
    fiscal_year = *named;
  }
  if (!*period || (*period)->empty())
    return HttpError{ErrorKind::bad_request, "period: expected a period name, got nothing"};
  const std::string task_id = task->value_or("");
  const auto written = catalog.with_store([&](store::Store& store) {
    return store.write_note(store::NoteRequest{.plan = std::string{plan_id},
                                               .task = task_id,
                                               .fiscal_year = fiscal_year,
                                               .period = **period,
                                               .text = text->value_or(""),
                                               .actor = actor});
  });
  if (!written) return http_error(written.error());
  return answer_plan_write(catalog, plan_id, note_answer(*written, actor), {});
}

WriteResult edit_note(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view note_id,
                      const json& fields, const store::Actor& actor) {
  const auto text = text_field(fields, "text");
  if (!text) return text.error();
  auto edited =
      write_stored_note(catalog, plan_id, note_id, [&](store::Store& store, std::int64_t id) {
        return store.edit_note(id, text->value_or(""), actor);
      });
  if (!edited) return edited.error();
  return answer_plan_write(catalog, plan_id, note_answer(*edited, actor), {});
}

WriteResult delete_note(StorePlanCatalog& catalog, std::string_view plan_id,
                        std::string_view note_id, const store::Actor& actor) {
  auto deleted = write_stored_note(
      catalog, plan_id, note_id,
      [&](store::Store& store, std::int64_t id) { return store.delete_note(id, actor); });
  if (!deleted) return deleted.error();
  json answer = note_answer(*deleted, actor);
  answer["deleted"] = true;
  return answer_plan_write(catalog, plan_id, std::move(answer), {});
}

WriteResult set_kpi(StorePlanCatalog& catalog, std::string_view plan_id, std::string_view kpi_id,
                    std::string_view year, const json& fields, const store::Actor& actor) {
  if (const auto snapshot = stored_plan(catalog, plan_id); !snapshot) return snapshot.error();
  int year_number = 0;
  const auto [end, status] = std::from_chars(year.data(), year.data() + year.size(), year_number);
  if (status != std::errc{} || end != year.data() + year.size() || year_number < 1949 ||
      year_number > 2099)
    return HttpError{ErrorKind::bad_request,
                     "year: expected a year from 1949 to 2099, got " + in_quotes(year)};
  const auto value = fields.find("value");
  double number = 0;
  if (value != fields.end() && value->is_number()) {
    number = value->get<double>();
  } else if (value != fields.end() && value->is_string()) {
    const std::string text = value->get<std::string>();
    const auto [value_end, value_status] =
        std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || value_status != std::errc{} || value_end != text.data() + text.size())
      return HttpError{ErrorKind::bad_request, "value: expected a number, got " + in_quotes(text)};
  } else {
    return HttpError{ErrorKind::bad_request,
                     "value: expected a number, got " +
                         (value == fields.end() ? std::string{"nothing"} : value->dump())};
  }
  const auto written = catalog.with_store([&](store::Store& store) {
    return store.set_kpi(store::KpiRequest{.plan = std::string{plan_id},
                                           .kpi = std::string{kpi_id},
                                           .year = year_number,
                                           .value = number,
                                           .actor = actor});
  });
  if (!written) return http_error(written.error());
  return answer_plan_write(catalog, plan_id,
                           json{{"plan", plan_id},
                                {"kpi", kpi_id},
                                {"year", year_number},
                                {"value", number},
                                {"by", actor.by}},
                           *written);
}

WriteResult kpi_document(StorePlanCatalog& catalog, std::string_view plan_id) {
  const auto snapshot = stored_plan(catalog, plan_id);
  if (!snapshot) return snapshot.error();
  const auto values =
      catalog.with_store([&](store::Store& store) { return store.kpi_values(plan_id); });
  if (!values) return HttpError{ErrorKind::internal, values.error().message};
  json list = json::array();
  for (const store::KpiValue& value : *values) {
    list.push_back(
        {{"kpi", value.kpi},
         {"year", value.year},
         {"value", value.value},
         {"recorded_at", format_rfc3339(value.recorded_at, (*snapshot)->plan->time_zone)},
         {"recorded_by", value.recorded_by}});
  }
  return json{{"plan", plan_id}, {"values", std::move(list)}};
}

WriteResult history_document(StorePlanCatalog& catalog, std::optional<std::string> subject,
                             std::size_t limit, PersonalData personal_data) {
  const auto entries = catalog.with_store([&](store::Store& store) {
    return store.history(subject ? std::optional<std::string_view>{*subject} : std::nullopt);
  });
  if (!entries) return HttpError{ErrorKind::internal, entries.error().message};
  json list = json::array();
  for (auto entry = entries->rbegin(); entry != entries->rend() && list.size() < limit; ++entry) {
    const auto parsed = [](const std::string& text) {
      return text.empty() ? json(nullptr) : json::parse(text, nullptr, false);
    };
    const bool withheld =
        personal_data == PersonalData::withheld &&
        (entry->action.starts_with("directory ") || entry->action.starts_with("agency ") ||
         entry->action.starts_with("token ") || entry->action.starts_with("subscription "));
    json item{{"id", entry->id},
              {"at", format_utc_instant(entry->at)},
              {"by", entry->by},
              {"action", entry->action},
              {"subject", entry->subject},
              {"before", withheld ? json(nullptr) : parsed(entry->before)},
              {"after", withheld ? json(nullptr) : parsed(entry->after)}};
    if (withheld) item["withheld"] = true;
    list.push_back(std::move(item));
  }
  return json{{"entries", std::move(list)}};
}

Result<std::pair<SnapshotPointer, const Occurrence*>, HttpError> meeting_of(
    const StorePlanCatalog& catalog, std::string_view occurrence_id) {
  const std::string plan_id{occurrence_id.substr(0, occurrence_id.find('/'))};
  SnapshotPointer snapshot = catalog.find(plan_id);
  const Occurrence* occurrence =
      snapshot ? find_occurrence(snapshot->expansion, occurrence_id) : nullptr;
  if (!occurrence || occurrence->task->kind != TaskKind::meeting)
    return HttpError{ErrorKind::not_found, "no meeting " + in_quotes(occurrence_id)};
  return std::pair{std::move(snapshot), occurrence};
}

}  // namespace torikumi::http
