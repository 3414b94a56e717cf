#include "store/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <array>
#include <fstream>
#include <iterator>
#include <sstream>

#include "engine/plan/plan_json.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "tests/store/test_database.hpp"

using namespace date;
using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::read_test_plan;
using torikumi::store::testing::TemporaryDatabase;

namespace {

constexpr const char* kPlan =
    R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "取組",
 "fiscal_year": 2026, "tasks": [
  {"id": "meeting", "title": "会議の開催", "period": "前期", "when": "（4、6月）", "kind": "meeting",
   "meeting_rule": {"week": 2, "weekday": "wednesday", "start": "14:00", "duration_minutes": 90, "place": "会議室"}},
  {"id": "span", "title": "周知", "when": "（4～3月）"},
  {"id": "deadline", "title": "整備", "period": "前期", "when": "（～6月）"},
  {"id": "consult", "title": "相談", "period": "前期", "when": "（随時）"}],
 "kpis": [{"id": "kpi-1", "name": "率", "unit": "%"}]})";

// 09:00 in Tokyo on a day.
sys_seconds tokyo(sys_days day, int hour = 9) {
  return sys_seconds{day} + std::chrono::hours{hour - 9};
}

const Actor kTanaka{"tanaka", tokyo(2026_y / April / 20)};

Store open_store(const std::string& path = ":memory:") {
  auto store = Store::open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store.value());
}

Store store_with_plan(const std::string& path = ":memory:") {
  Store store = open_store(path);
  const auto imported = store.import_plan(
      read_test_plan(kPlan), {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
  return store;
}

std::string pragma_text(const std::string& path, const char* sql) {
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK);
  std::string text;
  if (sqlite3_step(statement) == SQLITE_ROW)
    text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(database);
  return text;
}

// The seed sheet (tests/data/sheets/higashi.txt) imported for FY2026 as plan "higashi".
Result<SheetImport> seed_sheet() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/sheets/higashi.txt"};
  std::stringstream text;
  text << file.rdbuf();
  SheetImportOptions options;
  options.fiscal_year = 2026;
  options.plan_id = "higashi";
  auto sheet = import_sheet(text.str(), options);
  REQUIRE(sheet.ok());
  return sheet;
}

std::size_t history_size(Store& store) {
  const auto entries = store.history(std::nullopt);
  REQUIRE(entries.ok());
  return entries->size();
}

}  // namespace

TEST_CASE("a new file gets the latest schema in WAL mode") {
  const TemporaryDatabase file;
  Store store = open_store(file.path());
  CHECK(store.schema_version().value() == latest_schema_version());
  CHECK(pragma_text(file.path(), "PRAGMA journal_mode") == "wal");
  CHECK(pragma_text(file.path(), "PRAGMA integrity_check") == "ok");
}

TEST_CASE("an older file is upgraded by the migrations it lacks and keeps its data") {
  const TemporaryDatabase file;
  {
    Store store = store_with_plan(file.path());
    CHECK(store.schema_version().value() == latest_schema_version());
  }
  std::vector<Migration> newer{schema_migrations().begin(), schema_migrations().end()};
  newer.push_back(Migration{latest_schema_version() + 1, "a test table",
                            "CREATE TABLE upgraded (id INTEGER);"});
  auto store = Store::open(file.path(),
                           {.migrations = newer, .busy_timeout = std::chrono::milliseconds{1000}});
  REQUIRE(store.ok());
  CHECK(store->schema_version().value() == latest_schema_version() + 1);
  CHECK(store->load_plan("p").ok());
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM upgraded") == "0");
}

TEST_CASE("a version 1 file with completions moves its shapes out and keeps every record") {
  // Written by torikumi before migration 4: tests/data/store/version-1.sql says how.
  const TemporaryDatabase file;
  {
    std::ifstream dump{std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/store/version-1.sql"};
    REQUIRE(dump);
    const std::string sql{std::istreambuf_iterator<char>{dump}, {}};
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    CHECK(sqlite3_exec(database, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  REQUIRE(pragma_text(file.path(), "PRAGMA user_version") == "1");

  Store store = open_store(file.path());
  CHECK(store.schema_version().value() == latest_schema_version());
  CHECK(pragma_text(file.path(), "PRAGMA integrity_check") == "ok");
  CHECK(pragma_text(file.path(), "PRAGMA foreign_key_check") == "");
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM occurrences") == "4");
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM occurrence_shapes") == "4");
  CHECK(pragma_text(file.path(),
                    "SELECT COUNT(*) FROM pragma_table_info('occurrences') WHERE name = 'shape'") ==
        "0");
  CHECK(pragma_text(file.path(),
                    "SELECT group_concat(\"table\") FROM (SELECT * FROM "
                    "pragma_foreign_key_list('completions') UNION ALL SELECT * FROM "
                    "pragma_foreign_key_list('occurrence_shapes'))") == "occurrences,occurrences");
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM completions") == "2");
  CHECK(history_size(store) == 9);

  const auto state = store.load_state("p", 2026).value();
  const OccurrenceRecord& done = state.occurrences.at("p/meeting/2026-04");
  CHECK(done.status == OccurrenceStatus::done);
  CHECK(done.completed_at == sys_days{2026_y / April / 9} + std::chrono::hours{7});
  CHECK(done.note == "再開催");
  CHECK(done.revision == 3);
  const OccurrenceRecord& scheduled = state.occurrences.at("p/meeting/2026-06");
  CHECK(scheduled.status == OccurrenceStatus::scheduled);
  CHECK(scheduled.place == "第2会議室");
  CHECK(scheduled.scheduled_end == tokyo(2026_y / June / 12, 11) + std::chrono::minutes{30});
  CHECK(state.occurrences.at("p/deadline/fy2026").reason == "見送り");
  CHECK(state.notes.size() == 1);
  CHECK(state.activity.size() == 1);
  CHECK(store.kpi_values("p")->at(0).value == 42.5);

  // The shapes moved intact: the same plan again changes no occurrence, and a schedule without
  // an end takes the meeting's length from its shape.
  const auto again = store.import_plan(read_test_plan(kPlan),
                                       {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE(again.ok());
  CHECK_FALSE(again->new_revision);
  CHECK(again->occurrences_changed == 0);
  CHECK(again->occurrences_added == 0);
  REQUIRE(store
              .schedule({.occurrence = "p/meeting/2026-04",
                         .start = tokyo(2026_y / April / 22, 10),
                         .end = std::nullopt,
                         .place = std::nullopt,
                         .actor = kTanaka})
              .ok());
  CHECK(store.load_state("p", 2026)->occurrences.at("p/meeting/2026-04").scheduled_end ==
        tokyo(2026_y / April / 22, 10) + std::chrono::minutes{90});
  REQUIRE(store
              .mark_done({.occurrence = "p/span/fy2026",
                          .completed_at = tokyo(2026_y / April / 21),
                          .note = "",
                          .actor = kTanaka})
              .ok());
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM completions") == "3");
}

TEST_CASE("a migration that leaves a dangling foreign key is refused and not applied") {
  const TemporaryDatabase file;
  { Store store = store_with_plan(file.path()); }
  std::vector<Migration> newer{schema_migrations().begin(), schema_migrations().end()};
  newer.push_back(
      Migration{latest_schema_version() + 1, "a stray completion",
                "INSERT INTO completions VALUES ('p/none', 0, 'a', 'b', '', 'c', NULL);"});
  const auto refused = Store::open(
      file.path(), {.migrations = newer, .busy_timeout = std::chrono::milliseconds{1000}});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "schema migration " +
                                       std::to_string(latest_schema_version() + 1) +
                                       " (a stray completion) failed: a foreign key refers "
                                       "to nothing (1 found by PRAGMA foreign_key_check)");
  CHECK(open_store(file.path()).schema_version().value() == latest_schema_version());
  CHECK(pragma_text(file.path(), "SELECT COUNT(*) FROM completions") == "0");
}

TEST_CASE("a file from a newer torikumi is refused naming both versions") {
  const TemporaryDatabase file;
  std::vector<Migration> newer{schema_migrations().begin(), schema_migrations().end()};
  newer.push_back(
      Migration{latest_schema_version() + 3, "the future", "CREATE TABLE future (id INTEGER);"});
  REQUIRE(Store::open(file.path(),
                      {.migrations = newer, .busy_timeout = std::chrono::milliseconds{1000}})
              .ok());
  const auto refused = Store::open(file.path());
  REQUIRE_FALSE(refused.ok());
  const int latest = latest_schema_version();
  CHECK(refused.error().message == "database schema version " + std::to_string(latest + 3) +
                                       " is newer than this torikumi understands (version " +
                                       std::to_string(latest) + "); use a newer torikumi");
}

TEST_CASE("importing a plan stores its first revision and its occurrences") {
  Store store = open_store();
  const auto imported = store.import_plan(
      read_test_plan(kPlan), {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE(imported.ok());
  CHECK(imported->revision == 1);
  CHECK(imported->new_revision);
  CHECK(imported->fiscal_year == 2026);
  CHECK(imported->occurrences_added == 4);
  const auto plans = store.list_plans();
  REQUIRE(plans.ok());
  REQUIRE(plans->size() == 1);
  CHECK((*plans)[0].id == "p");
  CHECK((*plans)[0].imported_by == "tanaka");
  CHECK(store.load_plan("p")->plan == read_test_plan(kPlan));
  CHECK(nlohmann::json::parse(store.export_plan("p").value()) ==
        plan_to_json(read_test_plan(kPlan)));
  CHECK(store.load_plan("q").error().message == "unknown plan \"q\"");
}

TEST_CASE("importing the same plan again keeps its revision and every occurrence's") {
  Store store = store_with_plan();
  const auto again = store.import_plan(read_test_plan(kPlan),
                                       {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE(again.ok());
  CHECK(again->revision == 1);
  CHECK_FALSE(again->new_revision);
  CHECK(again->occurrences_added == 0);
  CHECK(again->occurrences_changed == 0);
  CHECK(store.load_state("p", 2026)->occurrences.at("p/meeting/2026-04").revision == 0);
}

TEST_CASE("re-importing an edited plan keeps state by id and orphans what vanished") {
  Store store = store_with_plan();
  REQUIRE(store
              .mark_done({.occurrence = "p/meeting/2026-06",
                          .completed_at = tokyo(2026_y / June / 10),
                          .note = "",
                          .actor = kTanaka})
              .ok());
  REQUIRE(store
              .mark_done({.occurrence = "p/deadline/fy2026",
                          .completed_at = tokyo(2026_y / June / 1),
                          .note = "",
                          .actor = kTanaka})
              .ok());
  // The meeting moves to 14:00 on the third Wednesday, the deadline goes, a task is added.
  Plan edited = read_test_plan(kPlan);
  edited.tasks[0].meeting_rule->day = NthWeekday{3, Wednesday};
  edited.tasks.erase(edited.tasks.begin() + 2);
  edited.tasks.push_back(read_test_plan(kPlan).tasks[1]);
  edited.tasks.back().id = "span2";
  const auto imported =
      store.import_plan(edited, {.actor = kTanaka, .source = "p2.json", .fiscal_year = {}});
  REQUIRE(imported.ok());
  CHECK(imported->revision == 2);
  CHECK(imported->occurrences_added == 1);
  CHECK(imported->occurrences_changed == 2);  // both meetings moved
  CHECK(imported->occurrences_orphaned == 1);
  const auto state = store.load_state("p", 2026);
  REQUIRE(state.ok());
  CHECK(state->status_of("p/meeting/2026-06") == OccurrenceStatus::done);  // kept by id
  CHECK(state->occurrences.at("p/meeting/2026-06").revision == 2);         // done, then moved
  CHECK(state->occurrences.at("p/span/fy2026").revision == 0);             // unchanged
  const auto orphans = store.orphans("p");
  REQUIRE(orphans.ok());
  REQUIRE(orphans->size() == 1);
  CHECK((*orphans)[0].occurrence == "p/deadline/fy2026");
  CHECK((*orphans)[0].status == OccurrenceStatus::done);
  CHECK((*orphans)[0].completions == 1);
  // Writing to an orphan is refused; importing the old plan again revives it with its state.
  const auto refused = store.skip("p/deadline/fy2026", "no", kTanaka);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "occurrence \"p/deadline/fy2026\" is an orphan: the latest revision of plan \"p\" no "
        "longer has it "
        "(see torikumi plan orphans p)");
  const auto back = store.import_plan(read_test_plan(kPlan),
                                      {.actor = kTanaka, .source = "p.json", .fiscal_year = {}});
  REQUIRE(back.ok());
  CHECK(back->revision == 3);
  CHECK(back->occurrences_revived == 1);
  CHECK(back->occurrences_orphaned == 1);  // span2, now gone
  REQUIRE(store.orphans("p")->size() == 1);
  CHECK(store.orphans("p")->front().occurrence == "p/span2/fy2026");
}

TEST_CASE("a preview says what an import would do, names the orphans' state, and keeps nothing") {
  Store store = store_with_plan();
  REQUIRE(store
              .mark_done({.occurrence = "p/deadline/fy2026",
                          .completed_at = tokyo(2026_y / June / 1),
                          .note = "",
                          .actor = kTanaka})
              .ok());
  const std::size_t entries = history_size(store);
  Plan edited = read_test_plan(kPlan);
  edited.tasks.erase(edited.tasks.begin() + 2);  // the deadline goes
  const auto preview = store.import_plan(
      edited,
      {.actor = kTanaka, .source = "p2.json", .mode = ImportMode::preview, .expected_revision = 1});
  REQUIRE(preview.ok());
  CHECK(preview->previous_revision == 1);
  CHECK(preview->revision == 2);
  CHECK(preview->new_revision);
  REQUIRE(preview->orphaned.size() == 1);
  CHECK(preview->orphaned[0].occurrence == "p/deadline/fy2026");
  CHECK(preview->orphaned[0].task == "deadline");
  CHECK(preview->orphaned[0].status == OccurrenceStatus::done);
  CHECK(preview->orphaned[0].completions == 1);
  // Nothing was kept.
  CHECK(store.load_plan("p")->revision == 1);
  CHECK(store.orphans("p")->empty());
  CHECK(history_size(store) == entries);
  // The import itself, then the old plan again: its orphan comes back.
  REQUIRE(store.import_plan(edited, {.actor = kTanaka, .source = "p2.json"}).ok());
  const auto back = store.import_plan(
      read_test_plan(kPlan),
      {.actor = kTanaka, .source = "p.json", .mode = ImportMode::preview, .expected_revision = 2});
  REQUIRE(back.ok());
  CHECK(back->revived == std::vector<std::string>{"p/deadline/fy2026"});
  CHECK(back->orphaned.empty());
}

TEST_CASE("a change made against another revision than the latest is refused") {
  Store store = store_with_plan();
  Plan edited = read_test_plan(kPlan);
  edited.initiative = "取組（改）";
  const auto stale = store.import_plan(
      edited, {.actor = kTanaka, .source = "edit", .action = "plan edit", .expected_revision = 3});
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::conflict);
  CHECK(stale.error().message ==
        "plan \"p\" is at revision 1 now, not 3: someone changed it meanwhile; look at it again "
        "and redo the change");
  const auto exists =
      store.import_plan(edited, {.actor = kTanaka, .source = "new.json", .expected_revision = 0});
  REQUIRE_FALSE(exists.ok());
  CHECK(exists.error().message ==
        "plan \"p\" exists already (revision 1): replace it rather than create it");
  Plan other = read_test_plan(kPlan);
  other.id = "q";
  const auto missing =
      store.import_plan(other, {.actor = kTanaka, .source = "edit", .expected_revision = 1});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::not_found);
  CHECK(missing.error().message == "plan \"q\" is not stored (was it removed?); read it in again");
  // Against the latest, the edit is a revision of its own, audited as an edit.
  const auto made = store.import_plan(
      edited, {.actor = kTanaka, .source = "edit", .action = "plan edit", .expected_revision = 1});
  REQUIRE(made.ok());
  CHECK(made->revision == 2);
  const auto entries = store.history("p");
  REQUIRE(entries.ok());
  CHECK(entries->back().action == "plan edit");
  CHECK(entries->back().after == R"({"revision":2,"source":"edit"})");
}

TEST_CASE("a warning's line and meaning are kept with it; one stored before meanings has none") {
  const TemporaryDatabase file;
  Store store = open_store(file.path());
  const std::vector<SheetWarning> warnings{
      {{"sheet.txt:12", "schedule \"（夏頃）\" not understood: ...", std::nullopt,
        meaning_of(sheet_meaning::kScheduleNotUnderstood, {"（夏頃）"},
                   {meaning_of(when_meaning::kSeasonsNotRead, {"（夏頃）", "2", "夏頃"})})},
       SheetWarningKind::schedule_refused,
       12},
      {{"sheet.txt:30", "unrecognised row \"メモ\"", std::nullopt,
        meaning_of(sheet_meaning::kUnrecognisedRow, {"メモ"})},
       SheetWarningKind::note,
       30}};
  REQUIRE(store
              .import_plan(read_test_plan(kPlan),
                           {.actor = kTanaka, .source = "sheet.txt", .warnings = warnings})
              .ok());
  CHECK(store.open_warnings("p").value() == warnings);
  // As torikumi stored them before they had meanings: the same JSON without "line" and the rest.
  {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    CHECK(sqlite3_exec(database,
                       R"(UPDATE plans SET open_warnings = '[{"where": "sheet.txt:30", )"
                       R"("message": "unrecognised row \"メモ\"", "kind": "note"}]')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  CHECK(store.open_warnings("p").value() ==
        std::vector<SheetWarning>{
            {{"sheet.txt:30", "unrecognised row \"メモ\""}, SheetWarningKind::note, 0}});
}

TEST_CASE("an import's warnings stay open through edits until acknowledged or imported again") {
  Store store = open_store();
  const std::vector<SheetWarning> warnings{
      {{"sheet.txt:12", "schedule \"（夏頃）\" not understood"},
       SheetWarningKind::schedule_refused},
      {{"sheet.txt:30", "unrecognised row \"メモ\""}, SheetWarningKind::note}};
  REQUIRE(store
              .import_plan(read_test_plan(kPlan),
                           {.actor = kTanaka, .source = "sheet.txt", .warnings = warnings})
              .ok());
  CHECK(store.open_warnings("p").value() == warnings);
  Plan edited = read_test_plan(kPlan);
  edited.tasks[1].owner = "企画係";
  REQUIRE(store
              .import_plan(edited, {.actor = kTanaka,
                                    .source = "edit",
                                    .action = "plan edit",
                                    .open_warnings = OpenWarnings::keep})
              .ok());
  CHECK(store.open_warnings("p").value() == warnings);
  REQUIRE(store.acknowledge_warnings("p", kTanaka).ok());
  CHECK(store.open_warnings("p").value().empty());
  const auto entries = store.history("p");
  REQUIRE(entries.ok());
  CHECK(entries->back().action == "warnings acknowledged");
  CHECK(entries->back().after.empty());
  // Nothing open: no change, no entry.
  REQUIRE(store.acknowledge_warnings("p", kTanaka).ok());
  CHECK(store.history("p")->size() == entries->size());
  // An import replaces them, even a plan that is the same.
  REQUIRE(store.import_plan(edited, {.actor = kTanaka, .source = "sheet.txt", .warnings = warnings})
              .ok());
  CHECK(store.open_warnings("p").value() == warnings);
  REQUIRE(store.import_plan(edited, {.actor = kTanaka, .source = "sheet.txt"}).ok());
  CHECK(store.open_warnings("p").value().empty());
  CHECK(store.open_warnings("x").error().message == "unknown plan \"x\"");
}

TEST_CASE("importing the seed sheet carries its progress into completions and notes") {
  const auto sheet = seed_sheet();
  Store store = open_store();
  const Actor late_in_year{"import", tokyo(2027_y / March / 1)};
  const auto imported = store.import_plan(
      sheet->plan, {.actor = late_in_year, .source = "higashi.txt", .fiscal_year = {}});
  REQUIRE(imported.ok());
  CHECK(imported->completions_added == 4);  // the meetings of April, June, August, October
  CHECK(imported->notes_added == sheet->plan.progress.size());
  const auto state = store.load_state("higashi", 2026);
  REQUIRE(state.ok());
  for (const char* month : {"2026-04", "2026-06", "2026-08", "2026-10"})
    CHECK(state->status_of(std::string{"higashi/takikankyo-tanto-chushin/"} + month) ==
          OccurrenceStatus::done);
  CHECK(state->status_of("higashi/takikankyo-tanto-chushin/2026-12") == OccurrenceStatus::planned);
  // Undone, a completion is not brought back by importing the sheet again; nor are notes doubled.
  REQUIRE(store.undo("higashi/takikankyo-tanto-chushin/2026-04", late_in_year).ok());
  const auto again = store.import_plan(
      sheet->plan, {.actor = late_in_year, .source = "higashi.txt", .fiscal_year = {}});
  REQUIRE(again.ok());
  CHECK(again->completions_added == 0);
  CHECK(again->notes_added == 0);
}

TEST_CASE("done undo skip and cancel change the status and raise the revision") {
  Store store = store_with_plan();
  const std::string id = "p/meeting/2026-04";
  const auto done = store.mark_done({.occurrence = id,
                                     .completed_at = tokyo(2026_y / April / 8, 16),
                                     .note = "10人参加",
                                     .actor = kTanaka});
  REQUIRE(done.ok());
  CHECK(done->empty());
  auto record = store.load_state("p", 2026)->occurrences.at(id);
  CHECK(record.status == OccurrenceStatus::done);
  CHECK(record.completed_at == tokyo(2026_y / April / 8, 16));
  CHECK(record.completed_by == "tanaka");
  CHECK(record.note == "10人参加");
  CHECK(record.revision == 1);
  CHECK(store
            .mark_done({.occurrence = id,
                        .completed_at = tokyo(2026_y / April / 9),
                        .note = "",
                        .actor = kTanaka})
            .error()
            .message ==
        "occurrence \"p/meeting/2026-04\" is already done (completed 2026-04-08 by tanaka); undo "
        "it first");
  REQUIRE(store.undo(id, kTanaka).ok());
  record = store.load_state("p", 2026)->occurrences.at(id);
  CHECK(record.status == OccurrenceStatus::planned);
  CHECK_FALSE(record.completed_at.has_value());
  CHECK(record.revision == 2);
  CHECK(store.undo(id, kTanaka).error().message ==
        "occurrence \"p/meeting/2026-04\" has nothing to undo: it is planned");
  REQUIRE(store.skip(id, "  台風のため ", kTanaka).ok());
  record = store.load_state("p", 2026)->occurrences.at(id);
  CHECK(record.status == OccurrenceStatus::skipped);
  CHECK(record.reason == "台風のため");
  CHECK(store
            .mark_done({.occurrence = id,
                        .completed_at = tokyo(2026_y / April / 9),
                        .note = "",
                        .actor = kTanaka})
            .error()
            .message == "occurrence \"p/meeting/2026-04\" is skipped (台風のため); undo it first");
  REQUIRE(store.undo(id, kTanaka).ok());
  REQUIRE(store.cancel(id, "中止", kTanaka).ok());
  CHECK(store.load_state("p", 2026)->status_of(id) == OccurrenceStatus::cancelled);
  const auto history = store.history(id);
  REQUIRE(history.ok());
  std::vector<std::string> actions;
  for (const auto& entry : *history) actions.push_back(entry.action);
  CHECK(actions == std::vector<std::string>{"done", "undo", "skip", "undo", "cancel"});
  CHECK(nlohmann::json::parse((*history)[0].before) ==
        nlohmann::json{{"status", "planned"}, {"revision", 0}});
  CHECK(nlohmann::json::parse((*history)[0].after)["note"] == "10人参加");
}

TEST_CASE("bad writes are refused with a clear message and change nothing") {
  Store store = store_with_plan();
  const std::size_t before = history_size(store);
  // `not_found`: the error names nothing stored (the server answers 404, not 422).
  const auto refuse = [&](const auto& written, const std::string& message, bool not_found = false) {
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().message == message);
    CHECK((written.error().code == ErrorCode::not_found) == not_found);
  };
  refuse(store.mark_done({.occurrence = "p/meeting/2026-05",
                          .completed_at = tokyo(2026_y / May / 1),
                          .note = "",
                          .actor = kTanaka}),
         "unknown occurrence \"p/meeting/2026-05\": plan \"p\" has no such occurrence in FY2026",
         true);
  refuse(store.mark_done({.occurrence = "q/meeting/2026-05",
                          .completed_at = tokyo(2026_y / May / 1),
                          .note = "",
                          .actor = kTanaka}),
         "unknown occurrence \"q/meeting/2026-05\": no plan \"q\"", true);
  refuse(store.mark_done({.occurrence = "meeting",
                          .completed_at = tokyo(2026_y / May / 1),
                          .note = "",
                          .actor = kTanaka}),
         "unknown occurrence \"meeting\": expected PLAN/TASK/KEY, such as "
         "higashi-kyosei/meeting/2026-04",
         true);
  refuse(store.mark_done({.occurrence = "p/meeting/2026-04",
                          .completed_at = tokyo(2027_y / April / 2),
                          .note = "",
                          .actor = kTanaka}),
         "completion day 2027-04-02 is outside fiscal year 2026 (2026-04-01..2027-03-31) of "
         "occurrence \"p/meeting/2026-04\"");
  refuse(store.skip("p/meeting/2026-04", "   ", kTanaka),
         "a reason is needed to skip occurrence \"p/meeting/2026-04\"");
  refuse(store.schedule({.occurrence = "p/meeting/2026-04",
                         .start = tokyo(2027_y / May / 1),
                         .end = std::nullopt,
                         .place = std::nullopt,
                         .actor = kTanaka}),
         "start day 2027-05-01 is outside fiscal year 2026 (2026-04-01..2027-03-31) of occurrence "
         "\"p/meeting/2026-04\"");
  refuse(store.schedule({.occurrence = "p/meeting/2026-04",
                         .start = tokyo(2026_y / April / 9),
                         .end = tokyo(2026_y / April / 9),
                         .place = std::nullopt,
                         .actor = kTanaka}),
         "end 2026-04-09T00:00:00Z is not after start 2026-04-09T00:00:00Z of occurrence "
         "\"p/meeting/2026-04\"");
  refuse(store.log_activity({.plan = "p",
                             .task = "meeting",
                             .happened_at = tokyo(2026_y / May / 1),
                             .note = "",
                             .actor = kTanaka}),
         "task \"p/meeting\" is a meeting task, not an as-needed (随時) one: record its "
         "occurrences with done");
  refuse(store.log_activity({.plan = "p",
                             .task = "nope",
                             .happened_at = tokyo(2026_y / May / 1),
                             .note = "",
                             .actor = kTanaka}),
         "unknown task \"nope\" in plan \"p\"", true);
  refuse(store.write_note({.plan = "p",
                           .task = "span",
                           .fiscal_year = 2026,
                           .period = "夏期",
                           .text = "x",
                           .actor = kTanaka}),
         "unknown period \"夏期\", expected one of 前期, 中期, 後期");
  refuse(store.write_note({.plan = "p",
                           .task = "span",
                           .fiscal_year = 2026,
                           .period = "前期",
                           .text = " ",
                           .actor = kTanaka}),
         "a note needs text");
  refuse(store.set_kpi({.plan = "p", .kpi = "kpi-2", .year = 2026, .value = 1, .actor = kTanaka}),
         "unknown KPI \"kpi-2\" in plan \"p\", expected one of kpi-1", true);
  CHECK(history_size(store) == before);
  const auto state = store.load_state("p", 2026);
  REQUIRE(state.ok());
  for (const auto& [id, record] : state->occurrences)
    CHECK(record.status == OccurrenceStatus::planned);
  CHECK(state->notes.empty());
  CHECK(state->activity.empty());
}

TEST_CASE("a completion before the window opens is recorded with a warning") {
  Store store = store_with_plan();
  const auto done = store.mark_done({.occurrence = "p/meeting/2026-06",
                                     .completed_at = tokyo(2026_y / May / 30),
                                     .note = "",
                                     .actor = kTanaka});
  REQUIRE(done.ok());
  CHECK(*done == Warnings{"occurrence \"p/meeting/2026-06\" is done on 2026-05-30, before its "
                          "window opens on 2026-06-01"});
  CHECK(store.load_state("p", 2026)->status_of("p/meeting/2026-06") == OccurrenceStatus::done);
}

TEST_CASE("schedule sets the time and place and keeps the meeting's length") {
  Store store = store_with_plan();
  const auto written = store.schedule({.occurrence = "p/meeting/2026-04",
                                       .start = tokyo(2026_y / April / 15, 10),
                                       .end = std::nullopt,
                                       .place = "第2会議室",
                                       .actor = kTanaka});
  REQUIRE(written.ok());
  CHECK(written->empty());
  const auto record = store.load_state("p", 2026)->occurrences.at("p/meeting/2026-04");
  CHECK(record.status == OccurrenceStatus::scheduled);
  CHECK(record.scheduled_start == tokyo(2026_y / April / 15, 10));
  CHECK(record.scheduled_end == tokyo(2026_y / April / 15, 10) + std::chrono::minutes{90});
  CHECK(record.place == "第2会議室");
  CHECK(record.revision == 1);
  const auto outside = store.schedule({.occurrence = "p/meeting/2026-04",
                                       .start = tokyo(2026_y / May / 7, 10),
                                       .end = std::nullopt,
                                       .place = std::nullopt,
                                       .actor = kTanaka});
  REQUIRE(outside.ok());
  CHECK(*outside == Warnings{"occurrence \"p/meeting/2026-04\" is scheduled on 2026-05-07, outside "
                             "its window 2026-04-01..2026-04-30"});
  REQUIRE(store
              .mark_done({.occurrence = "p/meeting/2026-04",
                          .completed_at = tokyo(2026_y / May / 7, 12),
                          .note = "",
                          .actor = kTanaka})
              .ok());
  REQUIRE(store.undo("p/meeting/2026-04", kTanaka).ok());
  CHECK(store.load_state("p", 2026)->status_of("p/meeting/2026-04") == OccurrenceStatus::scheduled);
}

TEST_CASE("activity notes and KPI values are kept per fiscal year") {
  Store store = store_with_plan();
  REQUIRE(store
              .log_activity({.plan = "p",
                             .task = "consult",
                             .happened_at = tokyo(2026_y / May / 1),
                             .note = "相談1件",
                             .actor = kTanaka})
              .ok());
  REQUIRE(store
              .log_activity({.plan = "p",
                             .task = "consult",
                             .happened_at = tokyo(2027_y / April / 3),
                             .note = "",
                             .actor = kTanaka})
              .ok());
  REQUIRE(store
              .write_note({.plan = "p",
                           .task = "span",
                           .fiscal_year = 2026,
                           .period = "前期",
                           .text = "周知した",
                           .actor = kTanaka})
              .ok());
  REQUIRE(store
              .write_note({.plan = "p",
                           .task = "",
                           .fiscal_year = 2026,
                           .period = "中期",
                           .text = "その他",
                           .actor = kTanaka})
              .ok());
  const auto state = store.load_state("p", 2026);
  REQUIRE(state.ok());
  REQUIRE(state->activity.size() == 1);
  CHECK(state->activity[0] ==
        ActivityEntry{"consult", tokyo(2026_y / May / 1), "tanaka", "相談1件"});
  CHECK(store.load_state("p", 2027)->activity.size() == 1);
  REQUIRE(state->notes.size() == 2);
  CHECK(state->notes[0] == ProgressNote{"span", "前期", "周知した", kTanaka.at, "tanaka", 1});
  CHECK(state->notes[1] == ProgressNote{"", "中期", "その他", kTanaka.at, "tanaka", 2});
  REQUIRE(
      store.set_kpi({.plan = "p", .kpi = "kpi-1", .year = 2026, .value = 14.2, .actor = kTanaka})
          .ok());
  REQUIRE(
      store.set_kpi({.plan = "p", .kpi = "kpi-1", .year = 2026, .value = 13.9, .actor = kTanaka})
          .ok());
  CHECK(*store.kpi_values("p") ==
        std::vector<KpiValue>{{"kpi-1", 2026, 13.9, kTanaka.at, "tanaka"}});
  const auto history = store.history("p/kpi-1/2026");
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK((*history)[1].before == R"({"value":14.2})");
  CHECK((*history)[1].after == R"({"value":13.9})");
}

TEST_CASE("a progress note is edited and deleted, and the history keeps every version") {
  Store store = store_with_plan();
  const auto written = store.write_note({.plan = "p",
                                         .task = "span",
                                         .fiscal_year = 2026,
                                         .period = "前期",
                                         .text = " 周知した ",
                                         .actor = kTanaka});
  REQUIRE(written.ok());
  CHECK(*written == StoredNote{.id = 1,
                               .plan = "p",
                               .fiscal_year = 2026,
                               .period = "前期",
                               .task = "span",
                               .text = "周知した",
                               .written_at = kTanaka.at,
                               .written_by = "tanaka"});
  const Actor suzuki{"suzuki", tokyo(2026_y / May / 7)};
  const auto edited = store.edit_note(1, "チラシで周知した\n", suzuki);
  REQUIRE(edited.ok());
  CHECK(edited->text == "チラシで周知した");
  CHECK(edited->written_by == "tanaka");  // who first wrote it; the audit log says who edited
  CHECK(store.load_state("p", 2026)->notes ==
        std::vector<ProgressNote>{{"span", "前期", "チラシで周知した", kTanaka.at, "tanaka", 1}});
  // The same text again is no change.
  REQUIRE(store.edit_note(1, "チラシで周知した", suzuki).ok());

  const auto deleted = store.delete_note(1, suzuki);
  REQUIRE(deleted.ok());
  CHECK(deleted->text == "チラシで周知した");
  CHECK(store.load_state("p", 2026)->notes.empty());
  const auto gone = store.note(1);
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().message == "unknown note 1");

  const auto history = store.history("p/span");
  REQUIRE(history.ok());
  REQUIRE(history->size() == 3);
  CHECK((*history)[0].action == "note");
  CHECK((*history)[0].before.empty());
  CHECK((*history)[0].after == R"({"fiscal_year":2026,"id":1,"period":"前期","text":"周知した"})");
  CHECK((*history)[1].action == "note edit");
  CHECK((*history)[1].by == "suzuki");
  CHECK((*history)[1].before == (*history)[0].after);
  CHECK((*history)[1].after ==
        R"({"fiscal_year":2026,"id":1,"period":"前期","text":"チラシで周知した"})");
  CHECK((*history)[2].action == "note delete");
  CHECK((*history)[2].before == (*history)[1].after);
  CHECK((*history)[2].after.empty());
}

TEST_CASE("an unknown or deleted note, or a note without text, is refused and nothing changes") {
  Store store = store_with_plan();
  REQUIRE(store
              .write_note({.plan = "p",
                           .task = "",
                           .fiscal_year = 2026,
                           .period = "中期",
                           .text = "その他",
                           .actor = kTanaka})
              .ok());
  const std::size_t before = history_size(store);
  const auto refuse = [](const Result<StoredNote>& written, const std::string& message,
                         ErrorCode code) {
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().message == message);
    CHECK(written.error().code == code);
  };
  refuse(store.edit_note(12, "x", kTanaka), "unknown note 12", ErrorCode::not_found);
  refuse(store.delete_note(12, kTanaka), "unknown note 12", ErrorCode::not_found);
  refuse(store.edit_note(1, " \n", kTanaka), "a note needs text", ErrorCode::invalid);
  CHECK(history_size(store) == before);
  CHECK(store.load_state("p", 2026)->notes.at(0).text == "その他");
  REQUIRE(store.delete_note(1, kTanaka).ok());
  refuse(store.edit_note(1, "x", kTanaka), "unknown note 1", ErrorCode::not_found);
  refuse(store.delete_note(1, kTanaka), "unknown note 1", ErrorCode::not_found);
  CHECK(history_size(store) == before + 1);
}

TEST_CASE("a sheet's progress line edited or deleted is not brought back by importing it again") {
  const auto sheet = seed_sheet();
  Store store = open_store();
  const Actor actor{"import", tokyo(2027_y / March / 1)};
  REQUIRE(store.import_plan(sheet->plan, {.actor = actor, .source = "higashi.txt"}).ok());
  const std::vector<ProgressNote> notes = store.load_state("higashi", 2026)->notes;
  REQUIRE(notes.size() >= 2);
  REQUIRE(store.edit_note(notes[0].id, "書き直した", actor).ok());
  REQUIRE(store.delete_note(notes[1].id, actor).ok());
  const auto again = store.import_plan(sheet->plan, {.actor = actor, .source = "higashi.txt"});
  REQUIRE(again.ok());
  CHECK(again->notes_added == 0);
  const std::vector<ProgressNote> after = store.load_state("higashi", 2026)->notes;
  CHECK(after.size() == notes.size() - 1);
  CHECK(after.at(0).text == "書き直した");
}

TEST_CASE("a version 6 file's progress notes keep their text as first written and can be edited") {
  const TemporaryDatabase file;
  const std::vector<Migration> version_6{schema_migrations().begin(),
                                         schema_migrations().begin() + 6};
  {
    auto store = Store::open(file.path(), {.migrations = version_6});
    REQUIRE(store.ok());
    REQUIRE(store->import_plan(read_test_plan(kPlan), {.actor = kTanaka, .source = "p.json"}).ok());
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
    CHECK(sqlite3_exec(database,
                       "INSERT INTO progress_notes (plan_id, fiscal_year, period, task_id, text, "
                       "written_at, written_by) VALUES ('p', 2026, '前期', 'span', '周知した', "
                       "'2026-04-20T00:00:00Z', 'tanaka')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(database);
  }
  REQUIRE(pragma_text(file.path(), "PRAGMA user_version") == "6");
  Store store = open_store(file.path());
  CHECK(store.schema_version().value() == latest_schema_version());
  CHECK(pragma_text(file.path(), "SELECT written_text FROM progress_notes") == "周知した");
  CHECK(store.load_state("p", 2026)->notes ==
        std::vector<ProgressNote>{{"span", "前期", "周知した", kTanaka.at, "tanaka", 1}});
  REQUIRE(store.edit_note(1, "チラシで周知した", kTanaka).ok());
  CHECK(pragma_text(file.path(), "SELECT text || '/' || written_text FROM progress_notes") ==
        "チラシで周知した/周知した");
}

TEST_CASE("an occurrence of a fiscal year not stored yet is stored on first use") {
  Store store = store_with_plan();
  const auto done = store.mark_done({.occurrence = "p/meeting/2027-06",
                                     .completed_at = tokyo(2027_y / June / 9),
                                     .note = "",
                                     .actor = kTanaka});
  REQUIRE(done.ok());
  CHECK(store.load_state("p", 2027)->status_of("p/meeting/2027-06") == OccurrenceStatus::done);
  CHECK(store.load_state("p", 2027)->occurrences.size() == 4);
  const auto info = store.occurrence("p/span/fy2028");
  REQUIRE(info.ok());
  CHECK(info->fiscal_year == 2028);
  CHECK(info->start == sys_days{2028_y / April / 1});
  CHECK(info->due == sys_days{2029_y / March / 31});
}
