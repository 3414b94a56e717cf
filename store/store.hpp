#pragma once

// SQLite persistence of what was done: plans and their revisions, each occurrence's state,
// completions, progress notes, as-needed activity, KPI values and an audit log of every change.
// docs/store.md describes the schema, the migrations and the re-import rules.
//
// Every write is one transaction: it either happens whole or leaves the file as it was, and
// returns an error value saying what was wrong. The file is in WAL mode, so readers in other
// processes go on while one writes; writers wait for each other up to the busy timeout.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/meetings/action.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/meetings/agenda.hpp"
#include "engine/meetings/attendance.hpp"
#include "engine/meetings/participants.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/recorded_state.hpp"
#include "engine/sheet/sheet_warnings.hpp"
#include "store/checkpointer.hpp"
#include "store/meeting_records.hpp"
#include "store/migrations.hpp"

namespace torikumi::store {

// Who copies the WAL back into the database file (checkpoints).
enum class Checkpoints {
  // SQLite, in the commit that finds 8,000 pages in the WAL, which then waits for the copy and
  // its fsyncs: for commands that write a little and exit.
  automatic,
  // A Checkpointer (checkpointer.hpp) on a thread of its own: for a process whose writes do not
  // pause (torikumi serve). Store::open only; a file, not ":memory:".
  background,
};

struct OpenOptions {
  std::span<const Migration> migrations = schema_migrations();  // tests pass their own
  std::chrono::milliseconds busy_timeout{5000};
  Checkpoints checkpoints = Checkpoints::automatic;
  CheckpointPolicy checkpoint_policy = {};  // with Checkpoints::background
};

// Who makes a change and when it is recorded (the clock reading of the command).
struct Actor {
  std::string by;
  date::sys_seconds at;
};

// What an import of agencies did.
struct AgencyImport {
  int added = 0;
  int changed = 0;
  int unchanged = 0;
  bool operator==(const AgencyImport&) const = default;
};

// What a write has to say besides succeeding: `occurrence "…" is done on 2026-03-30, before its
// window opens on 2026-04-01`.
using Warnings = std::vector<std::string>;

// Whether an import is kept.
enum class ImportMode {
  write,
  // Everything an import does, then rolled back: the summary says what it would do.
  preview,
};

// What becomes of the plan's open warnings (Store::open_warnings).
enum class OpenWarnings {
  replace,  // an import of a sheet or a file: its warnings are the open ones now
  keep,     // an edit of the plan: the import's warnings stay open
};

struct ImportOptions {
  Actor actor;
  std::string source;                // the file the plan came from, kept with the revision
  std::optional<int> fiscal_year{};  // default: the plan's, else the one actor.at falls in
  ImportMode mode = ImportMode::write;
  // The audit log's action for a new revision: "plan import", or "plan edit" for a change made
  // on the dashboard or through the API (then `source` says what changed).
  std::string action = "plan import";
  std::vector<SheetWarning> warnings{};  // the importer's, kept with the revision
  OpenWarnings open_warnings = OpenWarnings::replace;
  // The revision the change was made against (a preview's, an edit form's): a conflict when the
  // plan's latest is another, so that two people's changes do not overwrite each other unseen.
  // 0: the plan must not exist yet.
  std::optional<int> expected_revision{};
};

// An occurrence the latest revision of its plan no longer has, with the state kept for it.
struct Orphan {
  std::string occurrence;
  int fiscal_year = 0;
  std::string task;
  OccurrenceStatus status = OccurrenceStatus::planned;
  std::size_t completions = 0;  // ever recorded, those taken back included
  bool operator==(const Orphan&) const = default;
};

struct ImportSummary {
  std::string plan;
  int revision = 0;           // the plan's revision after the import
  bool new_revision = false;  // false: the plan was the same as its latest revision
  int fiscal_year = 0;        // the year whose progress lines were carried over
  std::size_t occurrences_added = 0;
  std::size_t occurrences_changed =
      0;  // their window, schedule, place or title moved: revision raised
  std::size_t occurrences_orphaned = 0;  // no longer in the plan; their state is kept
  std::size_t occurrences_revived = 0;   // orphans the plan has again
  std::size_t completions_added = 0;     // from the plan's progress lines
  std::size_t notes_added = 0;
  int previous_revision = 0;         // 0: the plan was new
  std::vector<Orphan> orphaned;      // those the import made orphans, with their state
  std::vector<std::string> revived;  // occurrence ids
  // A preview's: what would be recorded of fiscal_year once the plan is stored (load_state's, read
  // before the rollback), as its pages would show it. Nullopt when written: the store has it.
  std::optional<RecordedState> previewed_state{};
};

struct PlanSummary {
  std::string id;
  int revision = 0;
  std::string initiative;
  int fiscal_year = 0;
  date::sys_seconds imported_at;
  std::string imported_by;
  std::size_t orphans = 0;
};

struct StoredPlan {
  Plan plan;
  int revision = 0;
  int fiscal_year = 0;  // the year the plan's commands work on by default
};

// One stored occurrence, for the CLI to check and print.
struct OccurrenceInfo {
  std::string id;
  std::string plan;
  int fiscal_year = 0;
  std::string task;
  date::sys_days start;
  date::sys_days due;
  bool present = true;  // false: an orphan
  PlanZone time_zone;   // its plan's
  OccurrenceRecord record;
};

struct DoneRequest {
  std::string occurrence;
  date::sys_seconds completed_at;
  std::string note;
  Actor actor;  // who completed it, and when it is recorded
};

struct ScheduleRequest {
  std::string occurrence;
  date::sys_seconds start;
  std::optional<date::sys_seconds> end;  // default: start plus the expansion's duration, if any
  std::optional<std::string> place;      // default: the place set before, if any
  Actor actor;
};

struct LogRequest {
  std::string plan;
  std::string task;  // an as-needed (随時) task
  date::sys_seconds happened_at;
  std::string note;
  Actor actor;
};

struct NoteRequest {
  std::string plan;
  std::string task;  // empty: a note of the period
  int fiscal_year = 0;
  std::string period;
  std::string text;
  Actor actor;
};

// A progress note as stored (進捗の状況), addressed by its id for edit_note and delete_note.
struct StoredNote {
  std::int64_t id = 0;
  std::string plan{};
  int fiscal_year = 0;
  std::string period{};
  std::string task{};  // empty: a note of the period
  std::string text{};
  date::sys_seconds written_at{};  // when first written; an edit keeps it
  std::string written_by{};
  bool operator==(const StoredNote&) const = default;
};

struct KpiRequest {
  std::string plan;
  std::string kpi;
  int year = 0;
  double value = 0;
  Actor actor;
};

struct KpiValue {
  std::string kpi;
  int year = 0;
  double value = 0;
  date::sys_seconds recorded_at;
  std::string recorded_by;
  bool operator==(const KpiValue&) const = default;
};

struct AuditEntry {
  std::int64_t id = 0;
  date::sys_seconds at;
  std::string by;
  std::string action;   // "plan import", "done", "undo", "skip", "schedule", "log", "note", ...
  std::string subject;  // the occurrence, plan, plan/task or plan/kpi/year it changed
  std::string before;   // JSON, empty when there was nothing before
  std::string after;    // JSON, empty when nothing is left
};

class Store {
 public:
  // Opens or creates the file (":memory:" for a private database), then sets WAL, foreign
  // keys, synchronous=NORMAL and the busy timeout, applies the missing migrations and, with
  // Checkpoints::background, starts the checkpointer (stopped when the store goes away). Refuses
  // a file whose schema is newer than the migrations know:
  //   database schema version 4 is newer than this torikumi understands (version 1); use a newer
  //   torikumi
  static Result<Store> open(const std::string& path, const OpenOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // What the background checkpoints did; nullopt with Checkpoints::automatic.
  std::optional<CheckpointCounts> checkpoint_counts() const;

  // PRAGMA user_version.
  Result<int> schema_version();
  // PRAGMA data_version of this connection: it changes when another connection (another process,
  // the outbox, the access tables) commits, never for this store's own writes.
  Result<std::int64_t> data_version();

  // Imports a plan as a new revision when it differs from the latest (or is new), then brings
  // the stored occurrences of the import's fiscal year and of every year already stored in line
  // with it: new ones are added, changed ones get a higher revision, vanished ones become
  // orphans with their state kept. The plan's progress lines (進捗の状況) mark done the
  // occurrences nothing was ever recorded for, and become progress notes unless the same note
  // is there already. REQUIRES: the plan is valid.
  Result<ImportSummary> import_plan(const Plan& plan, const ImportOptions& options);

  Result<std::vector<PlanSummary>> list_plans();
  // The latest revision; `unknown plan "x"` when there is none.
  Result<StoredPlan> load_plan(std::string_view plan_id);
  // The JSON of the latest revision, as imported.
  Result<std::string> export_plan(std::string_view plan_id);
  Result<std::vector<Orphan>> orphans(std::string_view plan_id);
  // The warnings of the plan's last import not yet acknowledged, in line order.
  Result<std::vector<SheetWarning>> open_warnings(std::string_view plan_id);
  // Clears the open warnings ("warnings acknowledged" in the audit log); none open: no change.
  Result<Warnings> acknowledge_warnings(std::string_view plan_id, const Actor& actor);
  // What was recorded for a plan's fiscal year.
  Result<RecordedState> load_state(std::string_view plan_id, int fiscal_year);
  // An occurrence by id; a fiscal year not yet stored is expanded (and stored) on first use.
  Result<OccurrenceInfo> occurrence(std::string_view occurrence_id);
  // The time zone of a plan, for reading the dates a user writes.
  Result<PlanZone> plan_time_zone(std::string_view plan_id);

  // Completes an occurrence. Errors: unknown or orphaned occurrence, already done, skipped or
  // cancelled, a day outside its fiscal year. Warns when done before its window opens.
  Result<Warnings> mark_done(const DoneRequest& request);
  // Takes back a done, skip or cancel: the occurrence is scheduled again if it has a schedule
  // override, else planned. The completion stays in the file, marked undone.
  Result<Warnings> undo(std::string_view occurrence_id, const Actor& actor);
  // Skips (or cancels) an occurrence; the reason must not be empty.
  Result<Warnings> skip(std::string_view occurrence_id, std::string_view reason,
                        const Actor& actor);
  Result<Warnings> cancel(std::string_view occurrence_id, std::string_view reason,
                          const Actor& actor);
  // Sets an occurrence's date, time and place; a planned one becomes scheduled.
  Result<Warnings> schedule(const ScheduleRequest& request);
  Result<Warnings> log_activity(const LogRequest& request);
  // Adds a progress note; its text is trimmed and must not be empty (`a note needs text`).
  // Returns the note as stored, with its id.
  Result<StoredNote> write_note(const NoteRequest& request);
  // A note by id; `unknown note 12` (not_found) when there is none or it was deleted.
  Result<StoredNote> note(std::int64_t note_id);
  // Replaces a note's text (trimmed, not empty), audited as "note edit" with the text before and
  // after; the same text again changes nothing. Returns the note after. Errors as note().
  Result<StoredNote> edit_note(std::int64_t note_id, std::string_view text, const Actor& actor);
  // Deletes a note: it leaves the recorded state (pages, forms, progress) while its audit entries
  // stay, and a "note delete" entry keeps its text. Returns the note as it was. Errors as note().
  Result<StoredNote> delete_note(std::int64_t note_id, const Actor& actor);
  Result<Warnings> set_kpi(const KpiRequest& request);
  Result<std::vector<KpiValue>> kpi_values(std::string_view plan_id);

  // Agencies (engine/meetings/agency.hpp), by name, with their members current and former.
  // Every change is audited with the agency before and after: "agency set", "agency remove",
  // "agency import" (subject "@agency/NAME").
  Result<std::vector<Agency>> agencies();
  // `no agency "x"` (not_found) when there is none.
  Result<Agency> agency(std::string_view name);
  // Creates or replaces the agency of that name, returning the one before, if any.
  Result<std::optional<Agency>> put_agency(const Agency& agency, const Actor& actor);
  // Removes one, with its members' rows, returning it. Errors as agency().
  Result<Agency> remove_agency(std::string_view name, const Actor& actor);
  // Creates or replaces each agency of a file (`torikumi agency import`); the others stay. All or
  // nothing: the first refused agency refuses the import.
  Result<AgencyImport> import_agencies(const std::vector<Agency>& agencies, const Actor& actor,
                                       std::string_view source);

  // The directory (who 担当 is; engine/plan/directory.hpp), as stored. Every change is audited
  // with the entry before and after: "directory import" (subject "@directory"), "directory set"
  // and "directory remove" (subject "@directory/owner/OWNER", "@directory/unlisted"); no plan id
  // starts with '@', so no plan's history holds them. An owner's entry is its agency's contacts
  // and leads current on `day` (membership_day); set and remove change who is current from the
  // day of the actor's `at`, keeping former members' rows.
  Result<Directory> directory(date::sys_days day);
  // True once the database has had a directory (an import, or an entry set), even if every
  // entry was removed since: then the config's is no longer its first import.
  Result<bool> has_directory();
  // Stores `directory` when the database has never had one (no import, no entry): the config
  // file's `directory` at the first start of serve or remind. True when it stored it.
  Result<bool> import_first_directory(const Directory& directory, const Actor& actor,
                                      std::string_view source);
  // Replaces the whole directory (`torikumi directory import`, PUT /api/directory); an empty one
  // is refused (an import that found no directory must not wipe it).
  Status replace_directory(const Directory& directory, const Actor& actor, std::string_view source);
  // Sets one owner's entry (nullopt: the entry for the owners not listed), returning the one it
  // replaced, if any. An entry needs at least one recipient: `an entry needs a recipient`.
  Result<std::optional<DirectoryEntry>> set_directory_entry(std::optional<std::string_view> owner,
                                                            const DirectoryEntry& entry,
                                                            const Actor& actor);
  // Removes one, returning it; `owner "x" is not in the directory` (not_found).
  Result<DirectoryEntry> remove_directory_entry(std::optional<std::string_view> owner,
                                                const Actor& actor);

  // Meetings (store/meeting_records.hpp). An occurrence's changes to its standing participants
  // (engine/meetings/participants.hpp), in order; none when it has none. Setting them replaces
  // them all ("participants set", audited with the list before and after); an id that is no
  // meeting occurrence is refused as occurrence() refuses it.
  Result<std::vector<ParticipantChange>> participant_changes(std::string_view occurrence_id);
  Status set_participant_changes(std::string_view occurrence_id,
                                 const std::vector<ParticipantChange>& changes, const Actor& actor);
  // Every occurrence of the plan's fiscal year with changes, by occurrence id (load_state gives
  // them with the rest of each occurrence's record).
  Result<std::map<std::string, std::vector<ParticipantChange>, std::less<>>>
  plan_participant_changes(std::string_view plan_id, int fiscal_year);

  // A meeting occurrence's invitation, if one was ever sent; by reply token; all of a plan's.
  Result<std::optional<StoredInvitation>> invitation(std::string_view occurrence_id);
  Result<std::optional<StoredInvitation>> invitation_by_token(std::string_view token);
  Result<std::vector<StoredInvitation>> invitations(std::string_view plan_id);
  // Writes a send in one transaction: the invitation after it, its attendees' tokens, and each
  // message entered in the outbox (kind 'invitation') with a delivery per endpoint, audited as
  // "invitation send" (methods, SEQUENCE and how many; no address). A conflict when another send
  // came in between (expected_messages); a send without messages changes nothing.
  Status record_invitation(const InvitationRecord& record, std::span<const std::string> endpoints,
                           const Actor& actor);
  // The messages entered for an occurrence's invitation, the latest first, with their delivery.
  Result<std::vector<SentMessage>> invitation_messages(std::string_view occurrence_id);

  // Records an answer by reply token (audited "answer": state, channel; the comment stays in the
  // answers' table). Errors: an unknown token (not_found); an attendee dropped since (conflict).
  // A fingerprint seen before is a replay: nothing is written.
  Result<AnswerOutcome> record_answer(const AnswerRequest& request, const Actor& actor);
  // Every answer that came for an occurrence's invitation, oldest first.
  Result<std::vector<AnswerHistoryEntry>> answer_history(std::string_view occurrence_id);
  // Records a counter-proposal, open until the 事務局 decides; a fingerprint seen before is a
  // replay. Errors as record_answer.
  Result<CounterOutcome> record_counter(const CounterRequest& request, const Actor& actor);
  // An occurrence's counter-proposals, the latest first.
  Result<std::vector<StoredCounter>> counters(std::string_view occurrence_id);
  Result<StoredCounter> counter(std::int64_t id);
  // Marks an open counter accepted (the 事務局 then moves the meeting, which sends the update).
  // A declined one is decided by the record_invitation that sends its DECLINECOUNTER. Errors: no
  // such counter (not_found), one decided already (conflict).
  Status accept_counter(std::int64_t id, const Actor& actor);

  // A meeting occurrence's agenda (engine/meetings/agenda.hpp), in order. Every change is
  // settled against the occurrence's meeting type and its participants now (settle_agenda_item)
  // and audited with the item before and after, its title left out ("agenda add", "agenda edit",
  // "agenda move", "agenda remove", "agenda carry"; subject the occurrence). Errors: an occurrence
  // that is unknown, an orphan or no meeting (as set_participant_changes); an item that is not
  // there (`no agenda item 7`, not_found); more than kMaxAgendaItems (conflict).
  Result<std::vector<AgendaItem>> agenda(std::string_view occurrence_id);
  Result<AgendaItem> agenda_item(std::int64_t item_id);
  // Adds an item at the end.
  Result<AgendaItem> add_agenda_item(std::string_view occurrence_id, const AgendaItemText& item,
                                     const Actor& actor);
  // Replaces an item's text; the same again changes nothing.
  Result<AgendaItem> edit_agenda_item(std::int64_t item_id, const AgendaItemText& item,
                                      const Actor& actor);
  // Moves an item to `position` (1 ... the number of items), the others keeping their order.
  Result<AgendaItem> move_agenda_item(std::int64_t item_id, int position, const Actor& actor);
  // Removes an item, returning it; those after it move up.
  Result<AgendaItem> remove_agenda_item(std::int64_t item_id, const Actor& actor);
  // Adds to the end of `occurrence_id`'s agenda a copy of an item of an earlier occurrence of the
  // same meeting (its series, or its task), marked as carried from it, settled against this
  // occurrence's participants. Errors: an item of another task or plan, or not earlier (invalid);
  // carried here already (conflict).
  Result<AgendaItem> carry_over_agenda_item(std::int64_t item_id, std::string_view occurrence_id,
                                            const Actor& actor);

  // Attendance (engine/meetings/attendance.hpp): who came to a meeting occurrence, in the order
  // recorded. Recording replaces it all (check_attendance first), audited "attendance record"
  // with the counts before and after, no names. Errors as add_agenda_item for the occurrence.
  Result<std::vector<Attendance>> attendance(std::string_view occurrence_id);
  Status record_attendance(std::string_view occurrence_id, const std::vector<Attendance>& record,
                           const Actor& actor);

  // Minutes (会議録): every version of an occurrence's, oldest first.
  Result<std::vector<MinutesVersion>> minutes(std::string_view occurrence_id);
  // Writes the outcomes (agenda item id → text, at most kMaxOutcomeBytes each; an empty text
  // removes one) into the latest version while it is a draft, or into version 1 when there is
  // none; each item must be on the occurrence's agenda, and is kept with its title and visibility
  // now. Errors: the latest submitted or approved (conflict: approved minutes are locked, and are
  // corrected by correct_minutes). Audited "minutes save" with the version and the items, never
  // their text.
  Result<MinutesVersion> save_minutes(std::string_view occurrence_id,
                                      const std::map<std::int64_t, std::string>& outcomes,
                                      const Actor& actor);
  // A draft is submitted for approval; a submitted version is approved, which locks it and, in the
  // same transaction, marks the occurrence done (unless it is closed already) at the meeting's
  // start with `note`. Errors: no minutes, or the latest in another state (conflict).
  Result<MinutesVersion> submit_minutes(std::string_view occurrence_id, const Actor& actor);
  Result<MinutesApproval> approve_minutes(std::string_view occurrence_id, date::sys_seconds held_at,
                                          const std::string& note, const Actor& actor);
  // Records that `actor` was shown the restricted items `items` of an occurrence's agenda or
  // minutes (the page, its print, the API): "restricted view", with where and the item numbers.
  Status record_restricted_view(std::string_view occurrence_id, std::string_view where,
                                const std::vector<std::int64_t>& items, const Actor& actor);
  // A new draft version of approved minutes, with their outcomes and the reason (not empty).
  Result<MinutesVersion> correct_minutes(std::string_view occurrence_id, std::string_view reason,
                                         const Actor& actor);

  // Actions (engine/meetings/action.hpp) a meeting occurrence raised, in the order raised (a
  // plan's year of them is in load_state, by due day). Adding one settles it against the
  // occurrence's participants and `meeting_day` (its local day); one raised from an agenda item (`item`, on that
  // occurrence's agenda) keeps the item's visibility. Audited "action add", "action done",
  // "action reopen", "action remove" with everything but what it says. Errors: no such action
  // (`no action 7`, not_found); done already, or open already (conflict); more than
  // kMaxActionsPerMeeting.
  Result<std::vector<MeetingAction>> actions(std::string_view occurrence_id);
  Result<MeetingAction> action(std::int64_t action_id);
  Result<MeetingAction> add_action(std::string_view occurrence_id, const ActionText& action,
                                   std::optional<std::int64_t> item, date::sys_days meeting_day,
                                   const Actor& actor);
  Result<MeetingAction> complete_action(std::int64_t action_id, const Actor& actor);
  Result<MeetingAction> reopen_action(std::int64_t action_id, const Actor& actor);
  Result<MeetingAction> remove_action(std::int64_t action_id, const Actor& actor);

  // The server's key of that name (the answer links' signing key): made at random and kept on
  // first use (at `now`), the same for every process on the database after.
  Result<std::string> server_key(std::string_view name, date::sys_seconds now);

  // The audit log, oldest first; with a subject, only the entries about it (an occurrence id,
  // a plan id, PLAN/TASK).
  Result<std::vector<AuditEntry>> history(std::optional<std::string_view> subject);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace torikumi::store
