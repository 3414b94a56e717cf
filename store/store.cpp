#include "store/store.hpp"

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

namespace torikumi::store {

using detail::Connection;
using detail::Statement;
using detail::Transaction;
using nlohmann::json;

namespace {

// Instants are stored as UTC text: 2026-04-08T05:00:00Z.
std::string instant_text(date::sys_seconds instant) { return format_utc_instant(instant); }

std::optional<date::sys_seconds> read_instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_rfc3339(*text);
}

date::sys_seconds read_instant_or_epoch(const std::string& text) {
  return parse_rfc3339(text).value_or(date::sys_seconds{});
}

std::string fiscal_year_range(const FiscalYear& year) {
  return "fiscal year " + std::to_string(static_cast<int>(year.year())) + " (" +
         format_iso_date(year.first_day()) + ".." + format_iso_date(year.last_day()) + ")";
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string{text.substr(first, last - first + 1)};
}

std::string period_names(const Plan& plan) { return list_period_names(plan.periods); }

// What a calendar shows of an occurrence: when it changes on re-import, its revision goes up.
std::string occurrence_shape(const Plan& plan, const Occurrence& occurrence) {
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

// One "key":value member of a JSON object.
void append_member(std::string& out, std::string_view key, std::string_view value_json) {
  if (out.size() > 1) out += ',';
  out += '"';
  out += key;
  out += "\":";
  out += value_json;
}

// A JSON string. Printable ASCII without quotes or backslashes (instants, statuses, most names)
// stands as it is; anything else is escaped by nlohmann/json, which also refuses bad UTF-8.
void append_string_member(std::string& out, std::string_view key, std::string_view text) {
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
std::string record_json(const OccurrenceRecord& record) {
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

}  // namespace

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

  // The day an instant falls on in the zone of that name.
  Result<date::sys_days> local_day(const std::string& zone_name, date::sys_seconds instant) {
    auto zone = zone_named(zone_name);
    if (!zone) return zone.error();
    return zone->local_day(instant);
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
    if (!*row) return not_found_error("unknown plan " + in_quotes(plan_id));
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
    info.time_zone = statement->text(13);
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
        if (revived) ++summary.occurrences_revived;
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

  Result<Warnings> set_status(std::string_view occurrence_id, OccurrenceStatus status,
                              std::string_view reason_text, const Actor& actor) {
    const std::string verb = status == OccurrenceStatus::skipped ? "skip" : "cancel";
    const std::string reason = trimmed(reason_text);
    if (reason.empty())
      return Error{"a reason is needed to " + verb + " occurrence " + in_quotes(occurrence_id)};
    auto transaction = Transaction::begin(connection);
    if (!transaction) return transaction.error();
    auto row = writable_occurrence(occurrence_id, actor);
    if (!row) return row.error();
    const OccurrenceInfo& info = row->info;
    const OccurrenceStatus current = info.record.status;
    if (!is_open(current)) {
      return Error{"occurrence " + in_quotes(occurrence_id) + " is " +
                   std::string{to_string(current)} + "; undo it first"};
    }
    OccurrenceRecord after = info.record;
    after.status = status;
    after.reason = reason;
    ++after.revision;
    if (auto done = update_state(info, after, actor); !done) return done.error();
    if (auto done = audit_state(actor, verb, occurrence_id, info.record, after); !done)
      return done.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return Warnings{};
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path, const OpenOptions& options) {
  if (options.checkpoints == Checkpoints::background && path == ":memory:")
    return Error{"background checkpoints need a database file, not \":memory:\""};
  auto connection = detail::open_configured(path, options);
  if (!connection) return connection.error();
  auto impl = std::make_unique<Impl>(std::move(*connection));
  if (options.checkpoints == Checkpoints::background) {
    auto started = Checkpointer::start(path, impl->connection, options.checkpoint_policy);
    if (!started) return started.error();
    impl->checkpointer = std::move(*started);
  }
  return Store{std::move(impl)};
}

std::optional<CheckpointCounts> Store::checkpoint_counts() const {
  if (!impl_->checkpointer) return std::nullopt;
  return impl_->checkpointer->counts();
}

Result<std::int64_t> Store::data_version() {
  return impl_->connection.query_integer("PRAGMA data_version");
}

Result<int> Store::schema_version() {
  const auto version = impl_->connection.query_integer("PRAGMA user_version");
  if (!version) return version.error();
  return static_cast<int>(*version);
}

Result<ImportSummary> Store::import_plan(const Plan& plan, const ImportOptions& options) {
  Impl& impl = *impl_;
  Connection& connection = impl.connection;
  const Actor& actor = options.actor;
  const std::string plan_json = plan_to_json(plan).dump();
  ImportSummary summary;
  summary.plan = plan.id;
  if (options.fiscal_year) {
    summary.fiscal_year = *options.fiscal_year;
  } else if (plan.fiscal_year) {
    summary.fiscal_year = *plan.fiscal_year;
  } else {
    const auto today = impl.local_day(plan.time_zone, actor.at);
    if (!today) return today.error();
    summary.fiscal_year =
        static_cast<int>(FiscalYear::containing(*today, plan.fiscal_year_start).year());
  }
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();

  std::optional<int> latest;
  std::string latest_json;
  {
    auto statement = connection.prepare(
        "SELECT p.revision, r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND "
        "r.revision = p.revision "
        "WHERE p.id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, plan.id);
    const auto row = statement->step();
    if (!row) return row.error();
    if (*row) {
      latest = static_cast<int>(statement->integer(0));
      latest_json = statement->text(1);
    }
  }
  summary.new_revision = !latest || latest_json != plan_json;
  summary.revision = summary.new_revision ? latest.value_or(0) + 1 : *latest;
  {
    auto statement = connection.prepare(
        "INSERT INTO plans (id, revision, initiative, time_zone, fiscal_year_start_month, "
        "fiscal_year) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET revision = ?2, initiative "
        "= ?3, "
        "time_zone = ?4, fiscal_year_start_month = ?5, fiscal_year = ?6");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(
            plan.id, summary.revision, plan.initiative, plan.time_zone,
            static_cast<int>(static_cast<unsigned>(plan.fiscal_year_start)), summary.fiscal_year);
        !done)
      return done.error();
  }
  if (summary.new_revision) {
    auto statement = connection.prepare(
        "INSERT INTO plan_revisions (plan_id, revision, json, source, imported_at, imported_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(plan.id, summary.revision, plan_json, options.source,
                                        instant_text(actor.at), actor.by);
        !done)
      return done.error();
    const json before = latest ? json{{"revision", *latest}} : json(nullptr);
    if (auto done = impl.audit(actor, "plan import", plan.id, before,
                               json{{"revision", summary.revision}, {"source", options.source}});
        !done)
      return done.error();
  }

  // The years to bring in line: those stored already, and the import's own.
  std::set<int> years{summary.fiscal_year};
  {
    auto statement =
        connection.prepare("SELECT DISTINCT fiscal_year FROM occurrences WHERE plan_id = ?1");
    if (!statement) return statement.error();
    statement->bind(1, plan.id);
    const auto read =
        statement->each_row([&] { years.insert(static_cast<int>(statement->integer(0))); });
    if (!read) return read.error();
  }
  std::optional<Expansion> import_year;
  for (const int year : years) {
    auto expansion = expand_plan(plan, date::year{year});
    if (!expansion) return Error{"plan " + in_quotes(plan.id) + ": " + expansion.error().message};
    if (auto synced = impl.sync_occurrences(plan, *expansion, actor, summary); !synced)
      return synced.error();
    if (year == summary.fiscal_year) import_year = std::move(*expansion);
  }

  // The plan's progress lines: completions where nothing was ever recorded, and notes.
  const RecordedState progress = recorded_state_from_progress(plan, *import_year);
  for (const auto& [occurrence_id, record] : progress.occurrences) {
    auto row = impl.find_occurrence(occurrence_id);
    if (!row) return row.error();
    if (!*row) continue;
    const OccurrenceInfo& info = (*row)->info;
    if ((*row)->completions_ever > 0 || info.record.status != OccurrenceStatus::planned) continue;
    OccurrenceRecord after = info.record;
    after.status = OccurrenceStatus::done;
    // The sheet does not say when: the occurrence's end, or the import if that is earlier.
    after.completed_at = std::min(*record.completed_at, actor.at);
    after.completed_by = actor.by;
    ++after.revision;
    if (auto done = impl.update_state(info, after, actor); !done) return done.error();
    if (auto done = impl.insert_completion(occurrence_id, (*row)->completions_ever,
                                           *after.completed_at, actor.by, "", actor.at);
        !done)
      return done.error();
    if (auto done = impl.audit_state(actor, "done", occurrence_id, info.record, after); !done)
      return done.error();
    ++summary.completions_added;
  }
  for (const ProgressNote& note : progress.notes) {
    const std::optional<std::string> task =
        note.task.empty() ? std::nullopt : std::optional<std::string>{note.task};
    auto exists = connection.prepare(
        "SELECT COUNT(*) FROM progress_notes WHERE plan_id = ?1 AND fiscal_year = ?2 AND period = "
        "?3 "
        "AND task_id IS ?4 AND text = ?5");
    if (!exists) return exists.error();
    exists->bind_all(plan.id, summary.fiscal_year, note.period, task, note.text);
    if (auto row = exists->step(); !row) return row.error();
    if (exists->integer(0) > 0) continue;
    auto insert = connection.prepare(
        "INSERT INTO progress_notes (plan_id, fiscal_year, period, task_id, text, written_at, "
        "written_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return insert.error();
    // Written by the end of the period it reports on, or at the import if that is earlier.
    const FiscalCalendar calendar{import_year->fiscal_year, plan.periods};
    const PeriodDefinition* period = calendar.find_period(note.period);
    const date::sys_seconds written_at =
        period ? std::min(actor.at, import_year->zone.end_of(calendar.period_last_day(*period)))
               : actor.at;
    if (auto done = insert->run_with(plan.id, summary.fiscal_year, note.period, task, note.text,
                                     instant_text(written_at), actor.by);
        !done)
      return done.error();
    const json after{
        {"fiscal_year", summary.fiscal_year}, {"period", note.period}, {"text", note.text}};
    if (auto done =
            impl.audit(actor, "note", task ? plan.id + "/" + *task : plan.id, json(nullptr), after);
        !done)
      return done.error();
    ++summary.notes_added;
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return summary;
}

Result<std::vector<PlanSummary>> Store::list_plans() {
  auto statement = impl_->connection.prepare(
      "SELECT p.id, p.revision, p.initiative, p.fiscal_year, r.imported_at, r.imported_by, "
      "(SELECT COUNT(*) FROM occurrences o WHERE o.plan_id = p.id AND o.present = 0) FROM plans p "
      "JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision ORDER BY p.id");
  if (!statement) return statement.error();
  std::vector<PlanSummary> plans;
  const auto read = statement->each_row([&] {
    plans.push_back(PlanSummary{statement->text(0), static_cast<int>(statement->integer(1)),
                                statement->text(2), static_cast<int>(statement->integer(3)),
                                read_instant_or_epoch(statement->text(4)), statement->text(5),
                                static_cast<std::size_t>(statement->integer(6))});
  });
  if (!read) return read.error();
  return plans;
}

Result<StoredPlan> Store::load_plan(std::string_view plan_id) {
  auto stored = impl_->load_plan(plan_id);
  if (!stored) return stored.error();
  return **stored;
}

Result<std::string> Store::export_plan(std::string_view plan_id) {
  auto statement = impl_->connection.prepare(
      "SELECT r.json FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = "
      "p.revision WHERE p.id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return not_found_error("unknown plan " + in_quotes(plan_id));
  return json::parse(statement->text(0)).dump(2);
}

Result<std::vector<Orphan>> Store::orphans(std::string_view plan_id) {
  if (auto stored = impl_->load_plan(plan_id); !stored) return stored.error();
  auto statement = impl_->connection.prepare(
      "SELECT o.id, o.fiscal_year, o.task_id, o.status, "
      "(SELECT COUNT(*) FROM completions c WHERE c.occurrence_id = o.id) FROM occurrences o "
      "WHERE o.plan_id = ?1 AND o.present = 0 ORDER BY o.fiscal_year, o.id");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  std::vector<Orphan> orphans;
  const auto read = statement->each_row([&] {
    orphans.push_back(
        Orphan{statement->text(0), static_cast<int>(statement->integer(1)), statement->text(2),
               parse_occurrence_status(statement->text(3)).value_or(OccurrenceStatus::planned),
               static_cast<std::size_t>(statement->integer(4))});
  });
  if (!read) return read.error();
  return orphans;
}

Result<RecordedState> Store::load_state(std::string_view plan_id, int fiscal_year) {
  Connection& connection = impl_->connection;
  RecordedState state;
  {
    auto statement = connection.prepare(
        "SELECT o.id, o.status, o.reason, o.scheduled_start, o.scheduled_end, o.place, o.revision, "
        "o.changed_at, "
        "c.completed_at, c.completed_by, c.note FROM occurrences o "
        "LEFT JOIN completions c ON c.occurrence_id = o.id AND c.undone_at IS NULL "
        "WHERE o.plan_id = ?1 AND o.fiscal_year = ?2");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      OccurrenceRecord record;
      record.status =
          parse_occurrence_status(statement->text(1)).value_or(OccurrenceStatus::planned);
      record.reason = statement->optional_text(2).value_or("");
      record.scheduled_start = read_instant(statement->optional_text(3));
      record.scheduled_end = read_instant(statement->optional_text(4));
      record.place = statement->optional_text(5).value_or("");
      record.revision = static_cast<std::uint32_t>(statement->integer(6));
      record.changed_at = read_instant(statement->optional_text(7));
      if (!statement->is_null(8)) {
        record.completed_at = read_instant(statement->optional_text(8));
        record.completed_by = statement->text(9);
        record.note = statement->text(10);
      }
      state.occurrences.emplace(statement->text(0), std::move(record));
    });
    if (!read) return read.error();
  }
  {
    auto statement = connection.prepare(
        "SELECT task_id, period, text, written_at, written_by FROM progress_notes "
        "WHERE plan_id = ?1 AND fiscal_year = ?2 ORDER BY id");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      state.notes.push_back(ProgressNote{
          statement->optional_text(0).value_or(""), statement->text(1), statement->text(2),
          read_instant(statement->optional_text(3)), statement->text(4)});
    });
    if (!read) return read.error();
  }
  {
    auto statement = connection.prepare(
        "SELECT task_id, happened_at, logged_by, note FROM activity_log WHERE plan_id = ?1 AND "
        "fiscal_year = ?2 "
        "ORDER BY id");
    if (!statement) return statement.error();
    statement->bind_all(plan_id, fiscal_year);
    const auto read = statement->each_row([&] {
      state.activity.push_back(ActivityEntry{statement->text(0),
                                             read_instant_or_epoch(statement->text(1)),
                                             statement->text(2), statement->text(3)});
    });
    if (!read) return read.error();
  }
  return state;
}

Result<OccurrenceInfo> Store::occurrence(std::string_view occurrence_id) {
  auto found = impl_->find_occurrence(occurrence_id);
  if (!found) return found.error();
  if (*found) return std::move((*found)->info);
  // Not stored yet: expanding its year is a write.
  auto transaction = Transaction::begin(impl_->connection);
  if (!transaction) return transaction.error();
  auto row = impl_->resolve_occurrence(occurrence_id, Actor{"torikumi", date::sys_seconds{}});
  if (!row) return row.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return std::move(row->info);
}

Result<std::string> Store::plan_time_zone(std::string_view plan_id) {
  auto stored = impl_->load_plan(plan_id);
  if (!stored) return stored.error();
  return (*stored)->plan.time_zone;
}

Result<Warnings> Store::mark_done(const DoneRequest& request) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto row = impl.writable_occurrence(request.occurrence, request.actor);
  if (!row) return row.error();
  const OccurrenceInfo& info = row->info;
  const std::string subject = "occurrence " + in_quotes(request.occurrence);
  switch (info.record.status) {
    case OccurrenceStatus::done: {
      const auto completed =
          impl.local_day(info.time_zone, info.record.completed_at.value_or(date::sys_seconds{}));
      if (!completed) return completed.error();
      return Error{subject + " is already done (completed " + format_iso_date(*completed) + " by " +
                   info.record.completed_by + "); undo it first"};
    }
    case OccurrenceStatus::skipped:
    case OccurrenceStatus::cancelled:
      return Error{subject + " is " + std::string{to_string(info.record.status)} + " (" +
                   info.record.reason + "); undo it first"};
    case OccurrenceStatus::planned:
    case OccurrenceStatus::scheduled:
      break;
  }
  const auto local_day = impl.local_day(info.time_zone, request.completed_at);
  if (!local_day) return local_day.error();
  const date::sys_days day = *local_day;
  if (!row->fiscal_year.contains(day)) {
    return Error{"completion day " + format_iso_date(day) + " is outside " +
                 fiscal_year_range(row->fiscal_year) + " of " + subject};
  }
  Warnings warnings;
  if (day < info.start) {
    warnings.push_back(subject + " is done on " + format_iso_date(day) +
                       ", before its window opens on " + format_iso_date(info.start));
  }
  OccurrenceRecord after = info.record;
  after.status = OccurrenceStatus::done;
  after.completed_at = request.completed_at;
  after.completed_by = request.actor.by;
  after.note = request.note;
  ++after.revision;
  if (auto done = impl.update_state(info, after, request.actor); !done) return done.error();
  if (auto done =
          impl.insert_completion(request.occurrence, row->completions_ever, request.completed_at,
                                 request.actor.by, request.note, request.actor.at);
      !done)
    return done.error();
  if (auto done = impl.audit_state(request.actor, "done", request.occurrence, info.record, after);
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return warnings;
}

Result<Warnings> Store::undo(std::string_view occurrence_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto row = impl.resolve_occurrence(occurrence_id, actor);
  if (!row) return row.error();
  const OccurrenceInfo& info = row->info;
  if (is_open(info.record.status)) {
    return Error{"occurrence " + in_quotes(occurrence_id) + " has nothing to undo: it is " +
                 std::string{to_string(info.record.status)}};
  }
  OccurrenceRecord after = info.record;
  after.status = after.scheduled_start ? OccurrenceStatus::scheduled : OccurrenceStatus::planned;
  after.reason.clear();
  after.completed_at.reset();
  after.completed_by.clear();
  after.note.clear();
  ++after.revision;
  if (info.record.status == OccurrenceStatus::done) {
    auto statement = impl.connection.prepare(
        "UPDATE completions SET undone_at = ?2 WHERE occurrence_id = ?1 AND undone_at IS NULL");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(occurrence_id, instant_text(actor.at)); !done)
      return done.error();
  }
  if (auto done = impl.update_state(info, after, actor); !done) return done.error();
  if (auto done = impl.audit_state(actor, "undo", occurrence_id, info.record, after); !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<Warnings> Store::skip(std::string_view occurrence_id, std::string_view reason,
                             const Actor& actor) {
  return impl_->set_status(occurrence_id, OccurrenceStatus::skipped, reason, actor);
}

Result<Warnings> Store::cancel(std::string_view occurrence_id, std::string_view reason,
                               const Actor& actor) {
  return impl_->set_status(occurrence_id, OccurrenceStatus::cancelled, reason, actor);
}

Result<Warnings> Store::schedule(const ScheduleRequest& request) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto row = impl.writable_occurrence(request.occurrence, request.actor);
  if (!row) return row.error();
  const OccurrenceInfo& info = row->info;
  const std::string subject = "occurrence " + in_quotes(request.occurrence);
  const auto local_day = impl.local_day(info.time_zone, request.start);
  if (!local_day) return local_day.error();
  const date::sys_days day = *local_day;
  if (!row->fiscal_year.contains(day))
    return Error{"start day " + format_iso_date(day) + " is outside " +
                 fiscal_year_range(row->fiscal_year) + " of " + subject};
  std::optional<date::sys_seconds> end = request.end;
  if (!end) {
    // Keep the length it had: the override's, else the expansion's.
    const auto shape = impl.read_shape(request.occurrence);
    if (!shape) return shape.error();
    std::optional<date::sys_seconds> start_before = info.record.scheduled_start;
    std::optional<date::sys_seconds> end_before = info.record.scheduled_end;
    if (!start_before && (*shape)["scheduled_start"].is_string()) {
      start_before = parse_rfc3339((*shape)["scheduled_start"].get<std::string>());
      end_before = (*shape)["scheduled_end"].is_string()
                       ? parse_rfc3339((*shape)["scheduled_end"].get<std::string>())
                       : std::nullopt;
    }
    if (start_before && end_before) end = request.start + (*end_before - *start_before);
  }
  if (end && *end <= request.start) {
    return Error{"end " + instant_text(*end) + " is not after start " +
                 instant_text(request.start) + " of " + subject};
  }
  Warnings warnings;
  if (day < info.start || day > info.due) {
    warnings.push_back(subject + " is scheduled on " + format_iso_date(day) +
                       ", outside its window " + format_iso_date(info.start) + ".." +
                       format_iso_date(info.due));
  }
  OccurrenceRecord after = info.record;
  if (after.status == OccurrenceStatus::planned) after.status = OccurrenceStatus::scheduled;
  after.scheduled_start = request.start;
  after.scheduled_end = end;
  if (request.place) after.place = trimmed(*request.place);
  ++after.revision;
  if (auto done = impl.update_state(info, after, request.actor); !done) return done.error();
  if (auto done =
          impl.audit_state(request.actor, "schedule", request.occurrence, info.record, after);
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return warnings;
}

Result<Warnings> Store::log_activity(const LogRequest& request) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  const Task* task = plan.find_task(request.task);
  if (task == nullptr)
    return not_found_error("unknown task " + in_quotes(request.task) + " in plan " +
                           in_quotes(request.plan));
  if (task->kind != TaskKind::as_needed) {
    return Error{"task " + in_quotes(request.plan + "/" + request.task) + " is a " +
                 std::string{to_string(task->kind)} +
                 " task, not an as-needed (随時) one: record its occurrences with done"};
  }
  const auto local_day = impl.local_day(plan.time_zone, request.happened_at);
  if (!local_day) return local_day.error();
  const date::sys_days day = *local_day;
  const int year = static_cast<int>(FiscalYear::containing(day, plan.fiscal_year_start).year());
  auto insert = impl.connection.prepare(
      "INSERT INTO activity_log (plan_id, task_id, fiscal_year, happened_at, logged_by, note, "
      "recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return insert.error();
  if (auto done =
          insert->run_with(request.plan, request.task, year, instant_text(request.happened_at),
                           request.actor.by, request.note, instant_text(request.actor.at));
      !done)
    return done.error();
  const json after{
      {"at", instant_text(request.happened_at)}, {"note", request.note}, {"fiscal_year", year}};
  if (auto done =
          impl.audit(request.actor, "log", request.plan + "/" + request.task, json(nullptr), after);
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<Warnings> Store::write_note(const NoteRequest& request) {
  Impl& impl = *impl_;
  const std::string text = trimmed(request.text);
  if (text.empty()) return Error{"a note needs text"};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  if (!request.task.empty() && plan.find_task(request.task) == nullptr)
    return not_found_error("unknown task " + in_quotes(request.task) + " in plan " +
                           in_quotes(request.plan));
  if (period_index(plan, request.period) == plan.periods.size())
    return Error{"unknown period " + in_quotes(request.period) + ", expected one of " +
                 period_names(plan)};
  auto insert = impl.connection.prepare(
      "INSERT INTO progress_notes (plan_id, fiscal_year, period, task_id, text, written_at, "
      "written_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return insert.error();
  const std::optional<std::string> task =
      request.task.empty() ? std::nullopt : std::optional<std::string>{request.task};
  if (auto done = insert->run_with(request.plan, request.fiscal_year, request.period, task, text,
                                   instant_text(request.actor.at), request.actor.by);
      !done)
    return done.error();
  const json after{
      {"fiscal_year", request.fiscal_year}, {"period", request.period}, {"text", text}};
  if (auto done =
          impl.audit(request.actor, "note", task ? request.plan + "/" + *task : request.plan,
                     json(nullptr), after);
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<Warnings> Store::set_kpi(const KpiRequest& request) {
  Impl& impl = *impl_;
  if (!std::isfinite(request.value)) return Error{"a KPI value must be a finite number"};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto stored = impl.load_plan(request.plan);
  if (!stored) return stored.error();
  const Plan& plan = (*stored)->plan;
  const bool known = std::any_of(plan.kpis.begin(), plan.kpis.end(),
                                 [&](const Kpi& kpi) { return kpi.id == request.kpi; });
  if (!known) {
    std::string ids;
    for (const Kpi& kpi : plan.kpis) ids += (ids.empty() ? "" : ", ") + kpi.id;
    return not_found_error("unknown KPI " + in_quotes(request.kpi) + " in plan " +
                           in_quotes(request.plan) +
                           (ids.empty() ? ", which has no KPIs" : ", expected one of " + ids));
  }
  json before = nullptr;
  {
    auto statement = impl.connection.prepare(
        "SELECT value FROM kpi_values WHERE plan_id = ?1 AND kpi_id = ?2 AND year = ?3");
    if (!statement) return statement.error();
    statement->bind_all(request.plan, request.kpi, request.year);
    const auto row = statement->step();
    if (!row) return row.error();
    if (*row) before = json{{"value", statement->real(0)}};
  }
  auto upsert = impl.connection.prepare(
      "INSERT INTO kpi_values (plan_id, kpi_id, year, value, recorded_at, recorded_by) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (plan_id, kpi_id, year) DO UPDATE SET value = ?4, recorded_at = ?5, recorded_by "
      "= ?6");
  if (!upsert) return upsert.error();
  if (auto done = upsert->run_with(request.plan, request.kpi, request.year, request.value,
                                   instant_text(request.actor.at), request.actor.by);
      !done)
    return done.error();
  if (auto done = impl.audit(request.actor, "kpi set",
                             request.plan + "/" + request.kpi + "/" + std::to_string(request.year),
                             before, json{{"value", request.value}});
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<std::vector<KpiValue>> Store::kpi_values(std::string_view plan_id) {
  auto statement = impl_->connection.prepare(
      "SELECT kpi_id, year, value, recorded_at, recorded_by FROM kpi_values WHERE plan_id = ?1 "
      "ORDER BY kpi_id, year");
  if (!statement) return statement.error();
  statement->bind(1, plan_id);
  std::vector<KpiValue> values;
  const auto read = statement->each_row([&] {
    values.push_back(KpiValue{statement->text(0), static_cast<int>(statement->integer(1)),
                              statement->real(2), read_instant_or_epoch(statement->text(3)),
                              statement->text(4)});
  });
  if (!read) return read.error();
  return values;
}

Result<std::vector<AuditEntry>> Store::history(std::optional<std::string_view> subject) {
  auto statement =
      subject
          ? impl_->connection.prepare(
                "SELECT id, at, actor, action, subject, before_json, after_json FROM audit_log "
                "WHERE subject = ?1 OR substr(subject, 1, length(?1) + 1) = ?1 || '/' ORDER BY id")
          : impl_->connection.prepare(
                "SELECT id, at, actor, action, subject, before_json, after_json FROM audit_log "
                "ORDER BY id");
  if (!statement) return statement.error();
  if (subject) statement->bind(1, *subject);
  std::vector<AuditEntry> entries;
  const auto read = statement->each_row([&] {
    entries.push_back(AuditEntry{statement->integer(0), read_instant_or_epoch(statement->text(1)),
                                 statement->text(2), statement->text(3), statement->text(4),
                                 statement->optional_text(5).value_or(""),
                                 statement->optional_text(6).value_or("")});
  });
  if (!read) return read.error();
  return entries;
}

}  // namespace torikumi::store
