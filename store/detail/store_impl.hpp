#pragma once

// Store::Impl, the connection and what the store's files share: the occurrence rows, the
// audit helpers, the resolved zones and the plan cache. Private to store/: store.cpp (reads),
// plan_import.cpp, occurrence_writes.cpp and records.cpp include it, nothing else does.

#include <date/tz.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/calendar/plan_zone.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "store/detail/audit_log.hpp"
#include "store/detail/open_configured.hpp"
#include "store/detail/sqlite.hpp"
#include "store/store.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::store {

using detail::Connection;
using detail::Statement;
using detail::Transaction;
using nlohmann::json;

// Instants are stored as UTC text: 2026-04-08T05:00:00Z.
inline std::string instant_text(date::sys_seconds instant) { return format_utc_instant(instant); }

inline std::optional<date::sys_seconds> read_instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_rfc3339(*text);
}

inline date::sys_seconds read_instant_or_epoch(const std::string& text) {
  return parse_rfc3339(text).value_or(date::sys_seconds{});
}

inline std::string fiscal_year_range(const FiscalYear& year) {
  return "fiscal year " + std::to_string(static_cast<int>(year.year())) + " (" +
         format_iso_date(year.first_day()) + ".." + format_iso_date(year.last_day()) + ")";
}

inline std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string{text.substr(first, last - first + 1)};
}

inline std::string period_names(const Plan& plan) { return list_period_names(plan.periods); }

// What a calendar shows of an occurrence: when it changes on re-import, its revision goes up.
inline std::string occurrence_shape(const Plan& plan, const Occurrence& occurrence) {
  const Task& task = *occurrence.task;
  const MeetingRule* rule = task.kind == TaskKind::meeting ? plan.meeting_rule_for(task) : nullptr;
  json shape{
      {"task", task.id},
      {"title", task.title},
      {"start", format_iso_date(occurrence.start)},
      {"due", format_iso_date(occurrence.due)},
      {"scheduled_start", occurrence.scheduled_start
                              ? json(instant_text(*occurrence.scheduled_start))
                              : json(nullptr)},
      {"scheduled_end",
       occurrence.scheduled_end ? json(instant_text(*occurrence.scheduled_end)) : json(nullptr)},
      {"place", occurrence.scheduled_start && rule && !rule->place.empty() ? json(rule->place)
                                                                           : json(nullptr)},
  };
  return shape.dump();
}

// A stored occurrence with what the write paths need of its plan.
struct OccurrenceRow {
  OccurrenceInfo info;
  FiscalYear fiscal_year{date::year{2026}};
  std::int64_t completions_ever = 0;
};

// What a write to one occurrence opens with (Store::Impl::begin_occurrence_write): the write
// transaction, the occurrence read inside it, and the subject its messages name it by. Done,
// skip, cancel and schedule use it; undo does not, because it may undo an orphan's state.
struct OccurrenceWrite {
  Transaction transaction;
  OccurrenceRow row;
  std::string subject;  // occurrence "<id>"
};

// One "key":value member of a JSON object.
inline void append_member(std::string& out, std::string_view key, std::string_view value_json) {
  if (out.size() > 1) out += ',';
  out += '"';
  out += key;
  out += "\":";
  out += value_json;
}

// A JSON string. Printable ASCII without quotes or backslashes (instants, statuses, most names)
// stands as it is; anything else is escaped by nlohmann/json, which also refuses bad UTF-8.
inline void append_string_member(std::string& out, std::string_view key, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (!plain) return append_member(out, key, json(text).dump());
  append_member(out, key, "\"");
  out += text;
  out += '"';
}

// An occurrence's state for the audit log, written directly (one completion writes two of
// these, so no json object is built). Keys in alphabetical order, as nlohmann's std::map-backed
// objects write them, so the log reads the same as ever.
inline std::string record_json(const OccurrenceRecord& record) {
  std::string out = "{";
  const bool completed = record.status == OccurrenceStatus::done && record.completed_at;
  if (completed) {
    append_string_member(out, "completed_at", instant_text(*record.completed_at));
    append_string_member(out, "completed_by", record.completed_by);
    if (!record.note.empty()) append_string_member(out, "note", record.note);
  }
  if (!record.place.empty()) append_string_member(out, "place", record.place);
  if (!record.reason.empty()) append_string_member(out, "reason", record.reason);
  append_member(out, "revision", std::to_string(record.revision));
  if (record.scheduled_end)
    append_string_member(out, "scheduled_end", instant_text(*record.scheduled_end));
  if (record.scheduled_start)
    append_string_member(out, "scheduled_start", instant_text(*record.scheduled_start));
  append_string_member(out, "status", to_string(record.status));
  out += '}';
  return out;
}

// A meeting occurrence an agenda write is for, read inside the write's transaction: its row,
// its plan, its meeting type and its participants now (the task's, with the occurrence's changes).
struct AgendaMeeting {
  OccurrenceRow row;
  std::shared_ptr<const StoredPlan> plan;
  const MeetingType* type = nullptr;  // points into plan
  std::vector<Participant> participants;
};

// What a step of the minutes opens with (submit, approve, correct): the transaction, the meeting,
// the latest version, in the state the step starts from.
struct MinutesStep {
  Transaction transaction;
  AgendaMeeting meeting;
  MinutesVersion latest;
};

// What becomes of an action (Store::Impl::change_action).
enum class ActionChange { done, reopen, remove };

// What a write to one agenda item opens with: the transaction, the item before, its meeting.
struct AgendaItemWrite {
  Transaction transaction;
  AgendaItem before;
  AgendaMeeting meeting;
};

struct Store::Impl {
  Connection connection;
  // After the connection, so destroyed (stopped) before it closes.
  std::unique_ptr<Checkpointer> checkpointer;
  std::unordered_map<std::string, PlanZone> zones;
  struct CachedPlan {
    int revision = 0;
    std::shared_ptr<const StoredPlan> plan;
  };
  std::unordered_map<std::string, CachedPlan> plans;

  // Defined in agenda.cpp: the meeting an agenda write is for (refused as
  // set_participant_changes refuses an occurrence), and an occurrence's items in order.
  Result<AgendaMeeting> agenda_meeting(std::string_view occurrence_id, const Actor& actor);
  Result<std::vector<AgendaItem>> read_agenda(std::string_view occurrence_id);
  Result<AgendaItemWrite> begin_agenda_item_write(std::int64_t item_id, const Actor& actor);
  // Defined in actions.cpp: a plan's year of actions, by due day; an action done, reopened or
  // removed, audited.
  Result<std::vector<MeetingAction>> plan_actions(std::string_view plan_id, int fiscal_year);
  Result<MeetingAction> change_action(std::int64_t action_id, ActionChange change,
                                      const Actor& actor);
  // Defined in minutes.cpp: a step of the minutes from `from`, else a conflict ending `refused`.
  Result<MinutesStep> begin_minutes_step(std::string_view occurrence_id, MinutesState from,
                                         std::string_view refused, const Actor& actor);

  // Both defined in plan_import.cpp, parts of Store::import_plan.
  Status store_revision(const Plan& plan, const std::string& plan_json,
                        const ImportOptions& options, ImportSummary& summary);
  Status record_import_progress(const Plan& plan, const Expansion& import_year, const Actor& actor,
                                ImportSummary& summary);

  explicit Impl(Connection opened) : connection(std::move(opened)) {}

  // The zone of that name, resolved once per store. read_plan_json refuses an unknown one, so
  // only a hand-edited database gets one here, and it is an internal error, never UTC.
  Result<PlanZone> zone_named(const std::string& zone_name) {
    auto found = zones.find(zone_name);
    if (found == zones.end()) {
      auto zone = PlanZone::locate(zone_name);
      if (!zone) return internal_error(zone.error().message);
      found = zones.emplace(zone_name, std::move(*zone)).first;
    }
    return found->second;
  }

  // before and after are JSON texts; nullopt: none (a creation or a removal).
  Status audit_text(const Actor& actor, std::string_view action, std::string_view subject,
                    const std::optional<std::string>& before,
                    const std::optional<std::string>& after) {
    return detail::append_audit_entry(connection, actor, action, subject, before, after);
  }
  Status audit(const Actor& actor, std::string_view action, std::string_view subject,
               const json& before, const json& after) {
    const auto text = [](const json& value) {
      return value.is_null() ? std::optional<std::string>{}
                             : std::optional<std::string>{value.dump()};
    };
    return audit_text(actor, action, subject, text(before), text(after));
  }
  // A change of an occurrence's state, before and after.
  Status audit_state(const Actor& actor, std::string_view action, std::string_view subject,
                     const OccurrenceRecord& before, const OccurrenceRecord& after) {
    return audit_text(actor, action, subject, record_json(before), record_json(after));
  }

  Result<std::shared_ptr<const StoredPlan>> load_plan(std::string_view plan_id) {
    auto statement = connection.prepare(
        "SELECT p.revision, p.fiscal_year, r.json FROM plans p "
        "JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision WHERE p.id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, plan_id);
    const auto row = statement->step();
    if (!row) return row.error();
    if (!*row)
      return not_found_error("unknown plan " + in_quotes(plan_id),
                             meaning_of(store_meaning::kUnknownPlan, {std::string{plan_id}}));
    const int revision = static_cast<int>(statement->integer(0));
    const std::string id{plan_id};
    if (const auto cached = plans.find(id);
        cached != plans.end() && cached->second.revision == revision)
      return cached->second.plan;
    auto plan = read_plan_json(statement->text(2));
    if (!plan) {
      return internal_error("plan " + in_quotes(plan_id) + " revision " + std::to_string(revision) +
                            " in the database does not read: " + plan.error().front().to_string());
    }
    auto stored = std::make_shared<const StoredPlan>(
        StoredPlan{std::move(*plan), revision, static_cast<int>(statement->integer(1))});
    plans[id] = CachedPlan{revision, stored};
    return stored;
  }

  Result<std::optional<OccurrenceRow>> find_occurrence(std::string_view occurrence_id) {
    auto statement = connection.prepare(
        "SELECT o.plan_id, o.fiscal_year, o.task_id, o.window_start, o.due, o.present, o.status, "
        "o.reason, "
        "o.scheduled_start, o.scheduled_end, o.place, o.revision, o.changed_at, p.time_zone, "
        "p.fiscal_year_start_month, c.completed_at, c.completed_by, c.note, "
        "(SELECT COUNT(*) FROM completions e WHERE e.occurrence_id = o.id) "
        "FROM occurrences o JOIN plans p ON p.id = o.plan_id "
        "LEFT JOIN completions c ON c.occurrence_id = o.id AND c.undone_at IS NULL WHERE o.id = "
        "?1");
    if (!statement) return statement.error();
    statement->bind(1, occurrence_id);
    const auto found = statement->step();
    if (!found) return found.error();
    if (!*found) return std::optional<OccurrenceRow>{};
    OccurrenceRow row;
    OccurrenceInfo& info = row.info;
    info.id = occurrence_id;
    info.plan = statement->text(0);
    info.fiscal_year = static_cast<int>(statement->integer(1));
    info.task = statement->text(2);
    info.start = parse_iso_date(statement->text(3)).value_or(date::sys_days{});
    info.due = parse_iso_date(statement->text(4)).value_or(date::sys_days{});
    info.present = statement->integer(5) != 0;
    info.record.status =
        parse_occurrence_status(statement->text(6)).value_or(OccurrenceStatus::planned);
    info.record.reason = statement->optional_text(7).value_or("");
    info.record.scheduled_start = read_instant(statement->optional_text(8));
    info.record.scheduled_end = read_instant(statement->optional_text(9));
    info.record.place = statement->optional_text(10).value_or("");
    info.record.revision = static_cast<std::uint32_t>(statement->integer(11));
    info.record.changed_at = read_instant(statement->optional_text(12));
    auto zone = zone_named(statement->text(13));
    if (!zone) return zone.error();
    info.time_zone = std::move(*zone);
    row.fiscal_year = FiscalYear{date::year{info.fiscal_year},
                                 date::month{static_cast<unsigned>(statement->integer(14))}};
    if (!statement->is_null(15)) {
      info.record.completed_at = read_instant(statement->optional_text(15));
      info.record.completed_by = statement->text(16);
      info.record.note = statement->text(17);
    }
    row.completions_ever = statement->integer(18);
    return std::optional<OccurrenceRow>{std::move(row)};
  }

  // What the expansion gave a stored occurrence, as JSON (occurrence_shape).
  Result<json> read_shape(std::string_view occurrence_id) {
    auto statement =
        connection.prepare("SELECT shape FROM occurrence_shapes WHERE occurrence_id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, occurrence_id);
    const auto found = statement->step();
    if (!found) return found.error();
    if (!*found)
      return internal_error("occurrence " + in_quotes(occurrence_id) + " has no shape stored");
    return json::parse(statement->text(0));
  }

  Status write_shape(std::string_view occurrence_id, const std::string& shape) {
    auto statement = connection.prepare(
        "INSERT INTO occurrence_shapes (occurrence_id, shape) VALUES (?1, ?2) "
        "ON CONFLICT (occurrence_id) DO UPDATE SET shape = ?2");
    if (!statement) return statement.error();
    return statement->run_with(occurrence_id, shape);
  }

  // Brings the stored occurrences of one fiscal year in line with an expansion of the plan.
  Status sync_occurrences(const Plan& plan, const Expansion& expansion, const Actor& actor,
                          ImportSummary& summary) {
    const int year = static_cast<int>(expansion.fiscal_year.year());
    struct Stored {
      std::string shape;
      bool present;
    };
    std::map<std::string, Stored, std::less<>> stored;
    {
      auto statement = connection.prepare(
          "SELECT o.id, s.shape, o.present FROM occurrences o JOIN occurrence_shapes s ON "
          "s.occurrence_id = o.id WHERE o.plan_id = ?1 AND o.fiscal_year = ?2");
      if (!statement) return statement.error();
      statement->bind_all(plan.id, year);
      const auto read = statement->each_row([&] {
        stored.emplace(statement->text(0), Stored{statement->text(1), statement->integer(2) != 0});
      });
      if (!read) return read.error();
    }
    const std::string now = instant_text(actor.at);
    for (const Occurrence& occurrence : expansion.occurrences) {
      const std::string shape = occurrence_shape(plan, occurrence);
      const auto found = stored.find(occurrence.id);
      if (found == stored.end()) {
        auto insert = connection.prepare(
            "INSERT INTO occurrences (id, plan_id, fiscal_year, task_id, window_start, due, "
            "present, status, revision, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, "
            "'planned', 0, ?7, ?8)");
        if (!insert) return insert.error();
        if (auto done = insert->run_with(occurrence.id, plan.id, year, occurrence.task->id,
                                         format_iso_date(occurrence.start),
                                         format_iso_date(occurrence.due), now, actor.by);
            !done)
          return done.error();
        if (auto done = write_shape(occurrence.id, shape); !done) return done.error();
        ++summary.occurrences_added;
        continue;
      }
      const bool changed = found->second.shape != shape;
      const bool revived = !found->second.present;
      if (changed || revived) {
        auto update = connection.prepare(
            "UPDATE occurrences SET task_id = ?2, window_start = ?3, due = ?4, present = 1, "
            "revision = revision + ?5, changed_at = ?6, changed_by = ?7 WHERE id = ?1");
        if (!update) return update.error();
        if (auto done = update->run_with(
                occurrence.id, occurrence.task->id, format_iso_date(occurrence.start),
                format_iso_date(occurrence.due), changed ? 1 : 0, now, actor.by);
            !done)
          return done.error();
        if (changed) {
          if (auto done = write_shape(occurrence.id, shape); !done) return done.error();
        }
        if (auto done = audit(actor, revived ? "occurrence revived" : "occurrence changed",
                              occurrence.id, json::parse(found->second.shape), json::parse(shape));
            !done)
          return done.error();
        if (changed) ++summary.occurrences_changed;
        if (revived) {
          ++summary.occurrences_revived;
          summary.revived.push_back(occurrence.id);
        }
      }
      stored.erase(found);
    }
    for (const auto& [id, vanished] : stored) {
      if (!vanished.present) continue;
      auto update = connection.prepare(
          "UPDATE occurrences SET present = 0, changed_at = ?2, changed_by = ?3 WHERE id = ?1");
      if (!update) return update.error();
      if (auto done = update->run_with(id, now, actor.by); !done) return done.error();
      if (auto done =
              audit(actor, "occurrence orphaned", id, json::parse(vanished.shape), json(nullptr));
          !done)
        return done.error();
      ++summary.occurrences_orphaned;
      auto state = connection.prepare(
          "SELECT o.task_id, o.status, (SELECT COUNT(*) FROM completions c WHERE "
          "c.occurrence_id = o.id) FROM occurrences o WHERE o.id = ?1");
      if (!state) return state.error();
      state->bind(1, id);
      if (auto row = state->step(); !row) return row.error();
      summary.orphaned.push_back(
          Orphan{id, year, state->text(0),
                 parse_occurrence_status(state->text(1)).value_or(OccurrenceStatus::planned),
                 static_cast<std::size_t>(state->integer(2))});
    }
    return {};
  }

  // The stored occurrence; a fiscal year not stored yet is expanded and stored first.
  // REQUIRES: inside a write transaction.
  Result<OccurrenceRow> resolve_occurrence(std::string_view occurrence_id, const Actor& actor) {
    auto found = find_occurrence(occurrence_id);
    if (!found) return found.error();
    if (*found) return std::move(**found);
    const std::string unknown = "unknown occurrence " + in_quotes(occurrence_id);
    const auto slash = occurrence_id.find('/');
    const auto last_slash = occurrence_id.rfind('/');
    if (slash == std::string_view::npos || slash == last_slash)
      return not_found_error(unknown +
                             ": expected PLAN/TASK/KEY, such as higashi-kyosei/meeting/2026-04");
    const std::string_view plan_id = occurrence_id.substr(0, slash);
    auto stored = load_plan(plan_id);
    if (!stored) return not_found_error(unknown + ": no plan " + in_quotes(plan_id));
    const Plan& plan = (*stored)->plan;
    // The key names the fiscal year: fy2026, or a month 2026-04 inside it.
    const std::string_view key = occurrence_id.substr(last_slash + 1);
    std::optional<int> year;
    if (key.size() == 6 && key.starts_with("fy")) {
      if (const auto day = parse_iso_date(std::string{key.substr(2)} + "-04-01"))
        year = static_cast<int>(date::year_month_day{*day}.year());
    } else if (const auto day = parse_iso_date(std::string{key} + "-01")) {
      year = static_cast<int>(FiscalYear::containing(*day, plan.fiscal_year_start).year());
    }
    if (!year || *year < 1949 || *year > 2099)
      return not_found_error(unknown + ": plan " + in_quotes(plan_id) + " has no such occurrence");
    auto has_year = connection.prepare(
        "SELECT COUNT(*) FROM occurrences WHERE plan_id = ?1 AND fiscal_year = ?2");
    if (!has_year) return has_year.error();
    has_year->bind_all(plan_id, *year);
    if (auto row = has_year->step(); !row) return row.error();
    const bool stored_year = has_year->integer(0) > 0;
    if (!stored_year) {
      const auto expansion = expand_plan(plan, date::year{*year});
      if (!expansion)
        return internal_error("plan " + in_quotes(plan_id) + ": " + expansion.error().message);
      ImportSummary ignored;
      if (auto synced = sync_occurrences(plan, *expansion, actor, ignored); !synced)
        return synced.error();
      found = find_occurrence(occurrence_id);
      if (!found) return found.error();
      if (*found) return std::move(**found);
    }
    return not_found_error(unknown + ": plan " + in_quotes(plan_id) +
                           " has no such occurrence in FY" + std::to_string(*year));
  }

  // The occurrence for a write: resolved, and not an orphan.
  Result<OccurrenceRow> writable_occurrence(std::string_view occurrence_id, const Actor& actor) {
    auto row = resolve_occurrence(occurrence_id, actor);
    if (!row) return row.error();
    if (!row->info.present) {
      return Error{"occurrence " + in_quotes(occurrence_id) +
                   " is an orphan: the latest revision of plan " + in_quotes(row->info.plan) +
                   " no longer has it (see torikumi plan orphans " + row->info.plan + ")"};
    }
    return row;
  }

  // The opening of a write to one occurrence, refused for an orphan. The transaction (BEGIN
  // IMMEDIATE) begins before the occurrence is read, so no other writer changes it between the
  // checks and the write.
  Result<OccurrenceWrite> begin_occurrence_write(std::string_view occurrence_id,
                                                 const Actor& actor) {
    auto transaction = Transaction::begin(connection);
    if (!transaction) return transaction.error();
    auto row = writable_occurrence(occurrence_id, actor);
    if (!row) return row.error();
    return OccurrenceWrite{.transaction = std::move(*transaction),
                           .row = std::move(*row),
                           .subject = "occurrence " + in_quotes(occurrence_id)};
  }

  Status update_state(const OccurrenceInfo& info, const OccurrenceRecord& after,
                      const Actor& actor) {
    auto update = connection.prepare(
        "UPDATE occurrences SET status = ?2, reason = ?3, scheduled_start = ?4, scheduled_end = "
        "?5, place = ?6, "
        "revision = ?7, changed_at = ?8, changed_by = ?9 WHERE id = ?1");
    if (!update) return update.error();
    const auto optional_instant = [](const std::optional<date::sys_seconds>& instant) {
      return instant ? std::optional<std::string>{instant_text(*instant)} : std::nullopt;
    };
    return update->run_with(
        info.id, to_string(after.status),
        after.reason.empty() ? std::optional<std::string>{}
                             : std::optional<std::string>{after.reason},
        optional_instant(after.scheduled_start), optional_instant(after.scheduled_end),
        after.place.empty() ? std::optional<std::string>{}
                            : std::optional<std::string>{after.place},
        static_cast<std::int64_t>(after.revision), instant_text(actor.at), actor.by);
  }

  // REQUIRES: `sequence` is the number of completions the occurrence had so far.
  Status insert_completion(std::string_view occurrence_id, std::int64_t sequence,
                           date::sys_seconds completed_at, const std::string& by,
                           const std::string& note, date::sys_seconds recorded_at) {
    auto insert = connection.prepare(
        "INSERT INTO completions (occurrence_id, sequence, completed_at, completed_by, note, "
        "recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return insert.error();
    return insert->run_with(occurrence_id, sequence, instant_text(completed_at), by, note,
                            instant_text(recorded_at));
  }

  // Records an open occurrence done at `completed_at` with `note`, inside the caller's write
  // transaction: its state, a completion, the audit entry "done".
  Status complete(const OccurrenceRow& row, date::sys_seconds completed_at, const std::string& note,
                  const Actor& actor) {
    const OccurrenceInfo& info = row.info;
    OccurrenceRecord after = info.record;
    after.status = OccurrenceStatus::done;
    after.completed_at = completed_at;
    after.completed_by = actor.by;
    after.note = note;
    ++after.revision;
    if (auto done = update_state(info, after, actor); !done) return done.error();
    if (auto done = insert_completion(info.id, row.completions_ever, completed_at, actor.by, note,
                                      actor.at);
        !done)
      return done.error();
    return audit_state(actor, "done", info.id, info.record, after);
  }

  Result<Warnings> set_status(std::string_view occurrence_id, OccurrenceStatus status,
                              std::string_view reason_text, const Actor& actor) {
    const std::string verb = status == OccurrenceStatus::skipped ? "skip" : "cancel";
    const std::string reason = trimmed(reason_text);
    if (reason.empty())
      return Error{"a reason is needed to " + verb + " occurrence " + in_quotes(occurrence_id)};
    auto write = begin_occurrence_write(occurrence_id, actor);
    if (!write) return write.error();
    auto& [transaction, row, subject] = *write;
    const OccurrenceInfo& info = row.info;
    const OccurrenceStatus current = info.record.status;
    if (!is_open(current))
      return Error{subject + " is " + std::string{to_string(current)} + "; undo it first"};
    OccurrenceRecord after = info.record;
    after.status = status;
    after.reason = reason;
    ++after.revision;
    if (auto done = update_state(info, after, actor); !done) return done.error();
    if (auto done = audit_state(actor, verb, occurrence_id, info.record, after); !done)
      return done.error();
    if (auto committed = transaction.commit(); !committed) return committed.error();
    return Warnings{};
  }
};

}  // namespace torikumi::store
