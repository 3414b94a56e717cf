#include "store/migrations.hpp"

#include <array>

namespace torikumi::store {

namespace {

// Times are UTC instants as text (2026-04-08T05:00:00Z), days ISO dates (2026-04-08): readable in
// the sqlite3 shell and ordered as text.
constexpr std::string_view kInitialSchema = R"sql(
-- A plan's latest revision and what every write needs from it without reading its JSON.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,                 -- the latest in plan_revisions
  initiative TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  fiscal_year_start_month INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL               -- the year an import without --fy works on
) STRICT;

-- Each import that changed the plan: its JSON (plan-format.md), who imported it and when.
CREATE TABLE plan_revisions (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  revision INTEGER NOT NULL,
  json TEXT NOT NULL,
  source TEXT NOT NULL,                      -- the file it came from
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision)
) STRICT;

-- Every occurrence of a fiscal year a plan was imported or written for, with its state.
-- `shape` is what the expansion gave it (window, schedule, place, title): a re-import that
-- changes it raises `revision`. `present` is 0 for an orphan, an occurrence the latest revision
-- no longer has; its state is kept.
CREATE TABLE occurrences (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  fiscal_year INTEGER NOT NULL,
  task_id TEXT NOT NULL,
  window_start TEXT NOT NULL,
  due TEXT NOT NULL,
  shape TEXT NOT NULL,
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('planned', 'scheduled', 'done', 'skipped', 'cancelled')),
  reason TEXT,                               -- why skipped or cancelled
  scheduled_start TEXT,                      -- overrides set by `torikumi schedule`
  scheduled_end TEXT,
  place TEXT,
  revision INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX occurrences_by_plan ON occurrences (plan_id, fiscal_year);

-- Completions; an undone one keeps its row with undone_at set. At most one is in force.
-- Keyed by occurrence and sequence (0, 1, ...) so a completion writes one B-tree, not two.
CREATE TABLE completions (
  occurrence_id TEXT NOT NULL REFERENCES occurrences(id),
  sequence INTEGER NOT NULL,
  completed_at TEXT NOT NULL,
  completed_by TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  undone_at TEXT,
  PRIMARY KEY (occurrence_id, sequence)
) STRICT, WITHOUT ROWID;

-- 進捗の状況: a note of a task's share of a period, or of the period (task_id NULL).
CREATE TABLE progress_notes (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  fiscal_year INTEGER NOT NULL,
  period TEXT NOT NULL,
  task_id TEXT,
  text TEXT NOT NULL,
  written_at TEXT NOT NULL,
  written_by TEXT NOT NULL
) STRICT;
CREATE INDEX progress_notes_by_plan ON progress_notes (plan_id, fiscal_year);

-- Activity of as-needed (随時) tasks.
CREATE TABLE activity_log (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  task_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  happened_at TEXT NOT NULL,
  logged_by TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX activity_log_by_plan ON activity_log (plan_id, fiscal_year);

-- KPI figures per fiscal year; setting one again replaces it (the audit log keeps the old).
CREATE TABLE kpi_values (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kpi_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, kpi_id, year)
) STRICT;

-- Every change: who, when, what (action and subject), before and after as JSON (NULL: none).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
-- No index on subject: each would cost every write a page; `history SUBJECT` scans.
)sql";

// The reminder outbox (http/delivery/dispatcher.hpp): reminders that came due, one row per id so
// entering one again is ignored; one delivery per reminder and webhook endpoint, with its attempts;
// the endpoints a 410 disabled.
constexpr std::string_view kReminderOutbox = R"sql(
-- A reminder that came due. `payload` is the webhook body, written once: every retry sends the
-- same bytes. `state` is 'withdrawn' once its occurrence was done, skipped, cancelled or moved
-- before all its deliveries were made.
CREATE TABLE reminders (
  id TEXT PRIMARY KEY,                       -- OCCURRENCE/RULE/SEND_AT: the webhook-id
  plan_id TEXT NOT NULL,
  occurrence_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  send_at TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'withdrawn')),
  enqueued_at TEXT NOT NULL,
  changed_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX reminders_by_plan ON reminders (plan_id, send_at);

-- One per reminder and endpoint (a URL of the config's allow-list).
CREATE TABLE deliveries (
  reminder_id TEXT NOT NULL REFERENCES reminders(id),
  endpoint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'withdrawn')),
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_attempt_at TEXT,
  last_status INTEGER,                       -- the last HTTP status; NULL: none came
  last_error TEXT,
  delivered_at TEXT,
  PRIMARY KEY (reminder_id, endpoint)
) STRICT, WITHOUT ROWID;
CREATE INDEX deliveries_due ON deliveries (endpoint, next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_dead ON deliveries (reminder_id) WHERE state = 'dead';

-- Every attempt: when, the HTTP status (NULL: none came), the error, and what followed.
CREATE TABLE delivery_attempts (
  id INTEGER PRIMARY KEY,
  reminder_id TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  status INTEGER,
  error TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead', 'endpoint disabled'))
) STRICT;
CREATE INDEX delivery_attempts_by_reminder ON delivery_attempts (reminder_id);

-- Endpoints an answer of 410 Gone disabled; `torikumi remind enable URL` takes the row away.
CREATE TABLE disabled_endpoints (
  url TEXT PRIMARY KEY,
  disabled_at TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
)sql";

// Who may do what (store/access.hpp). Only SHA-256 hashes of the secrets are kept; revoking
// keeps the row. A subscription opens a plan's feed (plan_id), one owner's feed of a plan
// (plan_id and owner) or an organisation's (organisation alone).
constexpr std::string_view kAccessSchema = R"sql(
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,                 -- hex SHA-256 of the token
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT                            -- NULL while it is in force
) STRICT;

CREATE TABLE calendar_subscriptions (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,                 -- hex SHA-256 of the ?token= secret
  plan_id TEXT REFERENCES plans(id),
  owner TEXT,
  organisation TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((plan_id IS NOT NULL AND organisation IS NULL) OR
         (plan_id IS NULL AND owner IS NULL AND organisation IS NOT NULL))
) STRICT;

-- The dashboard's sign-ins. Not audited; expired rows are deleted as new ones are made.
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,                     -- hex SHA-256 of the session cookie
  token_id INTEGER NOT NULL REFERENCES api_tokens(id),
  csrf_token TEXT NOT NULL,                  -- useless without the cookie
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_token ON sessions (token_id);
)sql";

// Every completion, undo, skip and schedule rewrites its occurrence's row (a WITHOUT ROWID
// UPDATE writes the whole record), and `shape` was most of it: about 250 bytes of JSON that only
// a re-import and `schedule` read. It moves to a table of its own. The occurrences table is
// rebuilt rather than losing a column, to write its status check with OR: SQLite evaluates a
// CHECK of `IN` with more than two values by building a temporary B-tree of them on every
// UPDATE that sets the column, a tenth of a completion's time (bench/README.md). The rebuild
// drops the old table, so it needs foreign keys off, as Store::open has them while migrating.
constexpr std::string_view kOccurrenceShapes = R"sql(
CREATE TABLE occurrences_v4 (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  fiscal_year INTEGER NOT NULL,
  task_id TEXT NOT NULL,
  window_start TEXT NOT NULL,
  due TEXT NOT NULL,
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  status TEXT NOT NULL CHECK (status = 'planned' OR status = 'scheduled' OR status = 'done' OR
                              status = 'skipped' OR status = 'cancelled'),
  reason TEXT,                               -- why skipped or cancelled
  scheduled_start TEXT,                      -- overrides set by `torikumi schedule`
  scheduled_end TEXT,
  place TEXT,
  revision INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO occurrences_v4 (id, plan_id, fiscal_year, task_id, window_start, due, present, status,
                            reason, scheduled_start, scheduled_end, place, revision, changed_at,
                            changed_by)
  SELECT id, plan_id, fiscal_year, task_id, window_start, due, present, status, reason,
         scheduled_start, scheduled_end, place, revision, changed_at, changed_by FROM occurrences;

-- What the expansion gave each occurrence (window, schedule, place, title), as JSON: a re-import
-- that changes it raises the occurrence's revision.
CREATE TABLE occurrence_shapes (
  occurrence_id TEXT PRIMARY KEY REFERENCES occurrences(id),
  shape TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO occurrence_shapes (occurrence_id, shape) SELECT id, shape FROM occurrences;

-- completions and occurrence_shapes name `occurrences`: after the rename they refer to the new one.
DROP TABLE occurrences;
ALTER TABLE occurrences_v4 RENAME TO occurrences;
CREATE INDEX occurrences_by_plan ON occurrences (plan_id, fiscal_year);
)sql";

// A subscription made through the server remembers the API token it was made with, so that
// revoking the token revokes it too (an editor's subscriptions do not outlive the editor's
// access). NULL for one made by the CLI or by `torikumi serve` at its start: those stay until
// revoked themselves. SQLite adds a column with a REFERENCES clause when its default is NULL.
constexpr std::string_view kSubscriptionTokens = R"sql(
ALTER TABLE calendar_subscriptions ADD COLUMN created_by_token INTEGER REFERENCES api_tokens(id);
CREATE INDEX calendar_subscriptions_by_token ON calendar_subscriptions (created_by_token)
  WHERE created_by_token IS NOT NULL;
)sql";

// What an import said about its sheet stays with the revision it made, and the plan's row holds
// the warnings still open: an import replaces them, an edit keeps them, acknowledging clears them.
// Each is a JSON array of {"where", "message", "kind"} (SheetWarning); since meanings, each also
// has "line", "code", "subjects" and maybe "causes" (store/plan_import.cpp), with no new version.
constexpr std::string_view kImportWarnings = R"sql(
ALTER TABLE plan_revisions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE plans ADD COLUMN open_warnings TEXT NOT NULL DEFAULT '[]';
)sql";

// A progress note may be edited and deleted (Store::edit_note, delete_note; each audited). A
// deleted note keeps its row with deleted_at set, and written_text keeps the text the note was
// first written with, so that importing the same sheet again brings back no line someone edited
// or deleted, as it redoes no completion someone undid.
constexpr std::string_view kNoteEdits = R"sql(
ALTER TABLE progress_notes ADD COLUMN deleted_at TEXT;
ALTER TABLE progress_notes ADD COLUMN written_text TEXT;
UPDATE progress_notes SET written_text = text;
)sql";

// A token names the person who holds it, shown on the dashboard and recorded as who wrote ('' for
// one made before, or without a name: its label stands in); and a token made on the dashboard's
// account page remembers the admin's token it was made with, so that revoking that one revokes
// it (as migration 5 does for subscriptions).
constexpr std::string_view kTokenHolders = R"sql(
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN created_by_token INTEGER REFERENCES api_tokens(id);
CREATE INDEX api_tokens_by_token ON api_tokens (created_by_token)
  WHERE created_by_token IS NOT NULL;
)sql";

// The directory (engine/plan/directory.hpp): who 担当 is, edited by admins on the dashboard. An
// owner's row (NULL: the entry for the owners not listed, at most one) and its people in order,
// recipients and escalation; directory_imports records each whole import (the config file's
// `directory` is the first, made once, when the database has never had a directory).
constexpr std::string_view kDirectory = R"sql(
CREATE TABLE directory_owners (
  id INTEGER PRIMARY KEY,
  owner TEXT UNIQUE,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX directory_one_unlisted ON directory_owners ((owner IS NULL)) WHERE owner IS NULL;
CREATE TABLE directory_people (
  owner_id INTEGER NOT NULL REFERENCES directory_owners(id) ON DELETE CASCADE,
  list TEXT NOT NULL CHECK (list IN ('recipients', 'escalation')),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (owner_id, list, position)
) STRICT, WITHOUT ROWID;
CREATE TABLE directory_imports (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  source TEXT NOT NULL,
  owners INTEGER NOT NULL
) STRICT;
)sql";

// Agencies (engine/meetings/agency.hpp): the organisations that own tasks and take part in
// meetings, with their members in order, current and former. The directory's owners become
// agencies of kind ward_section, their recipients contacts and their escalation leads; only the
// entry for the owners not listed stays in directory_owners. Days are ISO dates, `until` the last.
constexpr std::string_view kAgencies = R"sql(
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
) STRICT;
CREATE TABLE agency_members (
  agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('contact', 'lead', 'member')),
  since TEXT,
  until TEXT,
  pledged TEXT,
  PRIMARY KEY (agency_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO agencies (id, name, kind, changed_at, changed_by)
  SELECT id, owner, 'ward_section', changed_at, changed_by FROM directory_owners
  WHERE owner IS NOT NULL;
INSERT INTO agency_members (agency_id, position, name, email, role)
  SELECT owner_id, (CASE list WHEN 'recipients' THEN 0 ELSE 100000 END) + position, name, email,
         CASE list WHEN 'recipients' THEN 'contact' ELSE 'lead' END
  FROM directory_people WHERE owner_id IN (SELECT id FROM agencies);
DELETE FROM directory_people WHERE owner_id IN (SELECT id FROM agencies);
DELETE FROM directory_owners WHERE owner IS NOT NULL;
)sql";

// Meetings (store/meeting_records.hpp): each occurrence's changes to its standing participants,
// and each meeting occurrence's invitation with its attendees (their reply tokens and the answer
// kept), every answer and counter-proposal that came (a fingerprint each, so a replay writes
// nothing), and the messages entered for it. Invitation messages ride the reminder outbox, a
// kind of their own, so a reminder pass never withdraws them.
constexpr std::string_view kMeetings = R"sql(
CREATE TABLE participant_changes (
  occurrence_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('add', 'drop')),
  agency TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'required', 'optional')),
  PRIMARY KEY (occurrence_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL,
  occurrence_id TEXT NOT NULL UNIQUE,
  uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL,
  shape TEXT NOT NULL,                       -- JSON: title, start, end, place, cancelled
  messages INTEGER NOT NULL,                 -- entered so far: numbers the next webhook id
  first_sent_at TEXT NOT NULL,
  last_sent_at TEXT NOT NULL
) STRICT;
CREATE INDEX invitations_by_plan ON invitations (plan_id);

CREATE TABLE invitation_attendees (
  invitation_id INTEGER NOT NULL REFERENCES invitations(id),
  email TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  agency TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'required', 'optional')),
  token TEXT NOT NULL UNIQUE,                -- rsvp+TOKEN@ and the answer link
  invited INTEGER NOT NULL CHECK (invited IN (0, 1)),
  answer TEXT CHECK (answer IN ('needs-action', 'accepted', 'declined', 'tentative', 'delegated')),
  comment TEXT,
  delegate TEXT,
  channel TEXT CHECK (channel IN ('email', 'link', 'phone', 'fax', 'office')),
  answer_sequence INTEGER,
  answer_stamp TEXT,
  answered_at TEXT,
  PRIMARY KEY (invitation_id, email)
) STRICT, WITHOUT ROWID;

CREATE TABLE invitation_answers (
  id INTEGER PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES invitations(id),
  email TEXT NOT NULL,
  answer TEXT NOT NULL,
  comment TEXT NOT NULL,
  delegate TEXT NOT NULL,
  channel TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  stamp TEXT,
  received_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('applied', 'stale', 'unchanged')),
  fingerprint TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX invitation_answers_by_invitation ON invitation_answers (invitation_id);

CREATE TABLE invitation_counters (
  id INTEGER PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES invitations(id),
  email TEXT NOT NULL,
  proposed_start TEXT NOT NULL,
  proposed_end TEXT,
  comment TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  stamp TEXT,
  received_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined')),
  decided_at TEXT,
  decided_by TEXT,
  fingerprint TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX invitation_counters_by_invitation ON invitation_counters (invitation_id);

CREATE TABLE invitation_messages (
  outbox_id TEXT PRIMARY KEY REFERENCES reminders(id),
  invitation_id INTEGER NOT NULL REFERENCES invitations(id),
  method TEXT NOT NULL,
  notice TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  email TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX invitation_messages_by_invitation ON invitation_messages (invitation_id);

ALTER TABLE reminders ADD COLUMN kind TEXT NOT NULL DEFAULT 'reminder'
  CHECK (kind IN ('reminder', 'invitation'));

-- Keys the server signs with (the answer links'), made on first use and shared by every process
-- on the database, so a link stays good across restarts.
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
)sql";

// Subscriptions to an agency's feed (the meetings it takes part in) and to a person's (the
// meetings of the agencies they are a current member of, found by their address). The table is
// rebuilt, as SQLite changes a CHECK, so that a row names exactly one feed: a plan (and maybe an
// owner), an organisation, an agency or a person. Neither new column refers to agencies: a feed
// whose agency or person is gone answers 404 until they are back, and the subscription stays
// until revoked. Self-contained: it copies the columns of versions 3 and 5 by name. The rebuild
// drops the old table, so it needs foreign keys off, as Store::open has them while migrating.
constexpr std::string_view kMeetingSubscriptions = R"sql(
CREATE TABLE calendar_subscriptions_v12 (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,                 -- hex SHA-256 of the ?token= secret
  plan_id TEXT REFERENCES plans(id),
  owner TEXT,
  organisation TEXT,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  created_by_token INTEGER REFERENCES api_tokens(id),
  agency TEXT,                               -- an agency's feed: its name
  person TEXT,                               -- a person's feed: their address
  CHECK ((plan_id IS NOT NULL) + (organisation IS NOT NULL) + (agency IS NOT NULL) +
         (person IS NOT NULL) = 1 AND (owner IS NULL OR plan_id IS NOT NULL))
) STRICT;
INSERT INTO calendar_subscriptions_v12 (id, hash, plan_id, owner, organisation, label, created_at,
                                        created_by, revoked_at, created_by_token)
  SELECT id, hash, plan_id, owner, organisation, label, created_at, created_by, revoked_at,
         created_by_token FROM calendar_subscriptions;
DROP TABLE calendar_subscriptions;
ALTER TABLE calendar_subscriptions_v12 RENAME TO calendar_subscriptions;
CREATE INDEX calendar_subscriptions_by_token ON calendar_subscriptions (created_by_token)
  WHERE created_by_token IS NOT NULL;
)sql";

// A meeting occurrence's agenda (engine/meetings/agenda.hpp): items in order, each with the
// agencies that may see it when it is not for every participant, and the item of an earlier
// occurrence it carries over (once per occurrence). An item goes with its occurrence's row.
constexpr std::string_view kAgenda = R"sql(
CREATE TABLE agenda_items (
  id INTEGER PRIMARY KEY,
  occurrence_id TEXT NOT NULL REFERENCES occurrences(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  title TEXT NOT NULL,
  presenter TEXT,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 480),
  visibility TEXT NOT NULL CHECK (visibility IN ('participants', 'named_agencies')),
  carried_from INTEGER REFERENCES agenda_items(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  UNIQUE (occurrence_id, carried_from)
) STRICT;
CREATE INDEX agenda_items_by_occurrence ON agenda_items (occurrence_id, position);

CREATE TABLE agenda_item_agencies (
  item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  agency TEXT NOT NULL,
  PRIMARY KEY (item_id, agency)
) STRICT, WITHOUT ROWID;
)sql";

// People: a token belongs to a person, known by their address (a member of agencies, whose
// current agencies decide what of a meeting they see), and a fourth role, secretariat (事務局),
// between editor and admin. The table is rebuilt, as SQLite changes a CHECK, keeping every row,
// id and index; sessions and subscriptions refer to it by id and stay. Self-contained: it copies
// the columns of versions 3 and 8 by name. Needs foreign keys off, as Store::open has them while
// migrating.
constexpr std::string_view kPeople = R"sql(
CREATE TABLE api_tokens_v14 (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,                 -- hex SHA-256 of the token
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'secretariat', 'admin')),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,                           -- NULL while it is in force
  name TEXT NOT NULL DEFAULT '',
  created_by_token INTEGER REFERENCES api_tokens(id),
  person TEXT                                -- the holder's address; NULL: no person's
) STRICT;
INSERT INTO api_tokens_v14 (id, hash, role, label, created_at, created_by, revoked_at, name,
                            created_by_token)
  SELECT id, hash, role, label, created_at, created_by, revoked_at, name, created_by_token
  FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_v14 RENAME TO api_tokens;
CREATE INDEX api_tokens_by_token ON api_tokens (created_by_token)
  WHERE created_by_token IS NOT NULL;
)sql";

// Who came to each meeting occurrence, and its minutes (会議録): numbered versions, each a draft,
// submitted or approved (then locked: a correction is a new version with a reason), with an
// outcome per agenda item. An outcome keeps its item's title and who may see it as they were, so
// that removing an item from the agenda later changes no record.
constexpr std::string_view kMinutes = R"sql(
CREATE TABLE attendance (
  occurrence_id TEXT NOT NULL REFERENCES occurrences(id),
  position INTEGER NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  agency TEXT NOT NULL,
  presence TEXT NOT NULL CHECK (presence IN ('present', 'proxy', 'absent')),
  proxy TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (occurrence_id, email)
) STRICT, WITHOUT ROWID;

CREATE TABLE minutes_versions (
  id INTEGER PRIMARY KEY,
  occurrence_id TEXT NOT NULL REFERENCES occurrences(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved')),
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT,
  UNIQUE (occurrence_id, version)
) STRICT;

CREATE TABLE minutes_outcomes (
  version_id INTEGER NOT NULL REFERENCES minutes_versions(id),
  position INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('participants', 'named_agencies')),
  agencies TEXT NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY (version_id, item_id)
) STRICT, WITHOUT ROWID;
)sql";

// Actions (宿題) a meeting's outcomes raise: what, the owning agency, the day due, when done and
// by whom, and the agenda item (with its visibility as it was) that raised it; a revision raised
// on each change of state, for the feeds' SEQUENCE.
constexpr std::string_view kActions = R"sql(
CREATE TABLE meeting_actions (
  id INTEGER PRIMARY KEY,
  occurrence_id TEXT NOT NULL REFERENCES occurrences(id),
  item_id INTEGER,
  what TEXT NOT NULL,
  owner TEXT NOT NULL,
  due TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('participants', 'named_agencies')),
  agencies TEXT NOT NULL,
  done_at TEXT,
  done_by TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_actions_by_occurrence ON meeting_actions (occurrence_id);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "plans, occurrence state, completions, notes, activity, KPI values, audit log",
              kInitialSchema},
    Migration{2, "the reminder outbox: reminders, deliveries, attempts, disabled endpoints",
              kReminderOutbox},
    Migration{3, "API tokens, calendar subscriptions, sign-in sessions", kAccessSchema},
    Migration{4, "occurrence shapes in their own table, out of the row every write rewrites",
              kOccurrenceShapes},
    Migration{5, "the API token each calendar subscription was made with", kSubscriptionTokens},
    Migration{6,
              "an import's warnings, kept with its revision and open on the plan until dealt with",
              kImportWarnings},
    Migration{7, "progress notes edited and deleted: the text first written, when deleted",
              kNoteEdits},
    Migration{8, "the person who holds each API token, and the token it was made with",
              kTokenHolders},
    Migration{9, "the directory of who each owner is: recipients and escalation", kDirectory},
    Migration{10, "agencies and their members; the directory's owners become agencies", kAgencies},
    Migration{11, "meetings: participants per occurrence, invitations, answers, counter-proposals",
              kMeetings},
    Migration{12, "subscriptions to an agency's feed and to a person's", kMeetingSubscriptions},
    Migration{13, "meeting agendas: items, their order, who may see them, carried-over items",
              kAgenda},
    Migration{14, "people: the address of the person who holds a token; the secretariat role",
              kPeople},
    Migration{15, "meetings' attendance and minutes: versions, states, each item's outcome",
              kMinutes},
    Migration{16, "actions meetings raise: what, owner, due day, done", kActions},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

}  // namespace torikumi::store
