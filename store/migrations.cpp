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

// The reminder outbox (http/dispatcher.hpp): reminders that came due, one row per id so entering
// one again is ignored; one delivery per reminder and webhook endpoint, with its attempts; the
// endpoints a 410 disabled.
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

constexpr std::array kMigrations = {
    Migration{1, "plans, occurrence state, completions, notes, activity, KPI values, audit log",
              kInitialSchema},
    Migration{2, "the reminder outbox: reminders, deliveries, attempts, disabled endpoints",
              kReminderOutbox},
    // Versions 3 and 4 are reserved for API tokens and other work.
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

}  // namespace torikumi::store
