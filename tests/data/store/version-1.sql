-- A version 1 file as torikumi wrote it before migration 4 (commit e0f5782), for the upgrade
-- test in tests/store/store_test.cpp: `sqlite3 FILE .dump` after, with TORIKUMI_NOW fixed,
--   plan import p.json (the test's kPlan); done p/meeting/2026-04 --note 開催; undo it;
--   done it again --note 再開催; schedule p/meeting/2026-06 --place 第2会議室;
--   skip p/deadline/fy2026; log p/consult; note p/span --period 前期; kpi set p kpi-1 2026 42.5
-- and the schema version the dump leaves out. Do not regenerate it with a newer torikumi.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,                 -- the latest in plan_revisions
  initiative TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  fiscal_year_start_month INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL               -- the year an import without --fy works on
) STRICT;
INSERT INTO plans VALUES('p',1,'取組','Asia/Tokyo',4,2026);
CREATE TABLE plan_revisions (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  revision INTEGER NOT NULL,
  json TEXT NOT NULL,
  source TEXT NOT NULL,                      -- the file it came from
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision)
) STRICT;
INSERT INTO plan_revisions VALUES('p',1,'{"business_calendar":{"closed_days":[],"year_end_closure":{"first":"12-29","last":"01-03"}},"fiscal_year":2026,"fiscal_year_start_month":4,"format_version":1,"id":"p","initiative":"取組","issues":[],"kpis":[{"id":"kpi-1","name":"率","unit":"%"}],"measures":[],"organisation":{"name":"東区役所"},"periods":[{"first_month":4,"last_month":7,"name":"前期"},{"first_month":8,"last_month":11,"name":"中期"},{"first_month":12,"last_month":3,"name":"後期"}],"progress":[],"sdg_goals":[],"tasks":[{"id":"meeting","kind":"meeting","meeting_rule":{"duration_minutes":90,"place":"会議室","start":"14:00","week":2,"weekday":"wednesday"},"period":"前期","title":"会議の開催","when":"（4、6月）"},{"id":"span","kind":"campaign","title":"周知","when":"（4～3月）"},{"id":"deadline","kind":"deliverable","period":"前期","title":"整備","when":"（～6月）"},{"id":"consult","kind":"as-needed","period":"前期","title":"相談","when":"（随時）"}],"time_zone":"Asia/Tokyo"}','p.json','2026-04-20T00:00:00Z','tanaka');
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
INSERT INTO occurrences VALUES('p/deadline/fy2026','p',2026,'deadline','2026-04-01','2026-06-30','{"due":"2026-06-30","place":null,"scheduled_end":null,"scheduled_start":null,"start":"2026-04-01","task":"deadline","title":"整備"}',1,'skipped','見送り',NULL,NULL,NULL,1,'2026-04-20T05:00:00Z','tanaka');
INSERT INTO occurrences VALUES('p/meeting/2026-04','p',2026,'meeting','2026-04-01','2026-04-30','{"due":"2026-04-30","place":"会議室","scheduled_end":"2026-04-08T06:30:00Z","scheduled_start":"2026-04-08T05:00:00Z","start":"2026-04-01","task":"meeting","title":"会議の開催"}',1,'done',NULL,NULL,NULL,NULL,3,'2026-04-20T03:00:00Z','tanaka');
INSERT INTO occurrences VALUES('p/meeting/2026-06','p',2026,'meeting','2026-06-01','2026-06-30','{"due":"2026-06-30","place":"会議室","scheduled_end":"2026-06-10T06:30:00Z","scheduled_start":"2026-06-10T05:00:00Z","start":"2026-06-01","task":"meeting","title":"会議の開催"}',1,'scheduled',NULL,'2026-06-12T01:00:00Z','2026-06-12T02:30:00Z','第2会議室',1,'2026-04-20T04:00:00Z','tanaka');
INSERT INTO occurrences VALUES('p/span/fy2026','p',2026,'span','2026-04-01','2027-03-31','{"due":"2027-03-31","place":null,"scheduled_end":null,"scheduled_start":null,"start":"2026-04-01","task":"span","title":"周知"}',1,'planned',NULL,NULL,NULL,NULL,0,'2026-04-20T00:00:00Z','tanaka');
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
INSERT INTO completions VALUES('p/meeting/2026-04',0,'2026-04-08T07:00:00Z','tanaka','開催','2026-04-20T01:00:00Z','2026-04-20T02:00:00Z');
INSERT INTO completions VALUES('p/meeting/2026-04',1,'2026-04-09T07:00:00Z','tanaka','再開催','2026-04-20T03:00:00Z',NULL);
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
INSERT INTO progress_notes VALUES(1,'p',2026,'前期','span','周知を開始','2026-04-20T07:00:00Z','tanaka');
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
INSERT INTO activity_log VALUES(1,'p','consult',2026,'2026-04-14T15:00:00Z','tanaka','相談対応','2026-04-20T06:00:00Z');
CREATE TABLE kpi_values (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kpi_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, kpi_id, year)
) STRICT;
INSERT INTO kpi_values VALUES('p','kpi-1',2026,42.5,'2026-04-20T08:00:00Z','tanaka');
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
INSERT INTO audit_log VALUES(1,'2026-04-20T00:00:00Z','tanaka','plan import','p',NULL,'{"revision":1,"source":"p.json"}');
INSERT INTO audit_log VALUES(2,'2026-04-20T01:00:00Z','tanaka','done','p/meeting/2026-04','{"revision":0,"status":"planned"}','{"completed_at":"2026-04-08T07:00:00Z","completed_by":"tanaka","note":"開催","revision":1,"status":"done"}');
INSERT INTO audit_log VALUES(3,'2026-04-20T02:00:00Z','tanaka','undo','p/meeting/2026-04','{"completed_at":"2026-04-08T07:00:00Z","completed_by":"tanaka","note":"開催","revision":1,"status":"done"}','{"revision":2,"status":"planned"}');
INSERT INTO audit_log VALUES(4,'2026-04-20T03:00:00Z','tanaka','done','p/meeting/2026-04','{"revision":2,"status":"planned"}','{"completed_at":"2026-04-09T07:00:00Z","completed_by":"tanaka","note":"再開催","revision":3,"status":"done"}');
INSERT INTO audit_log VALUES(5,'2026-04-20T04:00:00Z','tanaka','schedule','p/meeting/2026-06','{"revision":0,"status":"planned"}','{"place":"第2会議室","revision":1,"scheduled_end":"2026-06-12T02:30:00Z","scheduled_start":"2026-06-12T01:00:00Z","status":"scheduled"}');
INSERT INTO audit_log VALUES(6,'2026-04-20T05:00:00Z','tanaka','skip','p/deadline/fy2026','{"revision":0,"status":"planned"}','{"reason":"見送り","revision":1,"status":"skipped"}');
INSERT INTO audit_log VALUES(7,'2026-04-20T06:00:00Z','tanaka','log','p/consult',NULL,'{"at":"2026-04-14T15:00:00Z","fiscal_year":2026,"note":"相談対応"}');
INSERT INTO audit_log VALUES(8,'2026-04-20T07:00:00Z','tanaka','note','p/span',NULL,'{"fiscal_year":2026,"period":"前期","text":"周知を開始"}');
INSERT INTO audit_log VALUES(9,'2026-04-20T08:00:00Z','tanaka','kpi set','p/kpi-1/2026',NULL,'{"value":42.5}');
CREATE INDEX occurrences_by_plan ON occurrences (plan_id, fiscal_year);
CREATE INDEX progress_notes_by_plan ON progress_notes (plan_id, fiscal_year);
CREATE INDEX activity_log_by_plan ON activity_log (plan_id, fiscal_year);
COMMIT;
PRAGMA user_version = 1;
