// The server's view of the store: snapshots that follow writes, and the writes' answers.

#include "http/catalog/store_catalog.hpp"

#include <doctest/doctest.h>

#include "http/api/api.hpp"
#include "http/api/writes.hpp"
#include "store/store_meaning.hpp"
#include "tests/http/http_test_support.hpp"
#include "tests/store/test_database.hpp"

namespace torikumi::http {
namespace {

using nlohmann::json;

const date::sys_seconds kNow =
    date::sys_days{date::year{2026} / date::September / 1} + std::chrono::hours{1};

std::unique_ptr<StorePlanCatalog> catalog_with_higashi(const std::string& path) {
  auto store = store::Store::open(path);
  REQUIRE(store.ok());
  const auto imported = store->import_plan(
      testing::higashi_plan(),
      {.actor = {"test", kNow}, .source = "plan.json", .fiscal_year = std::nullopt});
  REQUIRE(imported.ok());
  auto catalog = StorePlanCatalog::create(std::move(*store), std::nullopt, [] { return kNow; });
  REQUIRE(catalog.ok());
  return std::move(*catalog);
}

const store::Actor kEditor{"編集者", kNow};
constexpr const char* kMeeting = "higashi-kyosei/multi-agency-meeting/2026-08";

TEST_CASE("a write through the catalog publishes a snapshot with a higher revision") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const SnapshotPointer before = catalog->find("higashi-kyosei");
  REQUIRE(before);
  CHECK(before->recorded.status_of(kMeeting) == OccurrenceStatus::planned);

  const WriteResult done = complete_occurrence(*catalog, kMeeting, json{{"note", "12名"}}, kEditor);
  REQUIRE(done.ok());
  CHECK((*done)["occurrence"]["status"] == "done");
  CHECK((*done)["warnings"] == json::array());
  const SnapshotPointer after = catalog->find("higashi-kyosei");
  CHECK(after->revision > before->revision);
  CHECK(after->recorded.status_of(kMeeting) == OccurrenceStatus::done);
  CHECK(after->feed_states.at(kMeeting).status == calendars::OccurrenceStatus::done);
}

TEST_CASE("reading the store again without a change keeps the snapshot and its revision") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const SnapshotPointer before = catalog->find("higashi-kyosei");
  REQUIRE(catalog->refresh_all().ok());
  CHECK(catalog->find("higashi-kyosei") == before);
}

TEST_CASE("a plan imported by another connection appears on refresh_all") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  Plan other = testing::higashi_plan();
  other.id = "other-plan";
  {
    auto second = store::Store::open(database.path());
    REQUIRE(second.ok());
    REQUIRE(second
                ->import_plan(
                    other,
                    {.actor = {"cli", kNow}, .source = "other.json", .fiscal_year = std::nullopt})
                .ok());
  }
  CHECK(catalog->plans().size() == 1);
  REQUIRE(catalog->refresh_all().ok());
  CHECK(catalog->plans().size() == 2);
  CHECK(catalog->find("other-plan") != nullptr);
}

TEST_CASE("writes answer with the status that says what was wrong") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  REQUIRE(complete_occurrence(*catalog, kMeeting, json::object(), kEditor).ok());

  const WriteResult twice = complete_occurrence(*catalog, kMeeting, json::object(), kEditor);
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error() == HttpError{ErrorKind::conflict,
                                   "occurrence \"" + std::string{kMeeting} + "\" is done already",
                                   KnownRefusal::occurrence_closed,
                                   {std::string{kMeeting}, "done"}});

  const WriteResult unknown =
      complete_occurrence(*catalog, "higashi-kyosei/nope/2026-08", json::object(), kEditor);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().kind == ErrorKind::not_found);
  CHECK(unknown.error().message.starts_with("unknown occurrence \"higashi-kyosei/nope/2026-08\""));

  const WriteResult bad_note = complete_occurrence(
      *catalog, "higashi-kyosei/multi-agency-meeting/2026-10", json{{"note", 3}}, kEditor);
  REQUIRE_FALSE(bad_note.ok());
  CHECK(bad_note.error() == HttpError{ErrorKind::bad_request, "note: expected a string, got 3"});

  const WriteResult bad_time =
      complete_occurrence(*catalog, "higashi-kyosei/multi-agency-meeting/2026-10",
                          json{{"completed_at", "yesterday"}}, kEditor);
  REQUIRE_FALSE(bad_time.ok());
  CHECK(bad_time.error() ==
        HttpError{
            ErrorKind::bad_request,
            "completed_at: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339, got \"yesterday\""});

  const WriteResult no_reason =
      drop_occurrence(*catalog, "higashi-kyosei/multi-agency-meeting/2026-10",
                      OccurrenceStatus::skipped, json{{"reason", "  "}}, kEditor);
  REQUIRE_FALSE(no_reason.ok());
  CHECK(
      no_reason.error() ==
      HttpError{
          ErrorKind::unprocessable,
          "a reason is needed to skip occurrence \"higashi-kyosei/multi-agency-meeting/2026-10\""});

  const WriteResult nothing_to_undo =
      undo_occurrence(*catalog, "higashi-kyosei/multi-agency-meeting/2026-10", kEditor);
  REQUIRE_FALSE(nothing_to_undo.ok());
  CHECK(nothing_to_undo.error() ==
        HttpError{ErrorKind::conflict,
                  "occurrence \"higashi-kyosei/multi-agency-meeting/2026-10\" has nothing to undo: "
                  "it is planned",
                  KnownRefusal::nothing_to_undo,
                  {"higashi-kyosei/multi-agency-meeting/2026-10", "planned"}});

  const WriteResult no_plan =
      write_note(*catalog, "nope", json{{"period", "中期"}, {"text", "x"}}, kEditor);
  REQUIRE_FALSE(no_plan.ok());
  CHECK(no_plan.error() ==
        HttpError{ErrorKind::not_found, "no plan \"nope\"", KnownRefusal::no_plan, {"nope"}});
}

TEST_CASE("a refused write leaves the store and the snapshot as they were") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const SnapshotPointer before = catalog->find("higashi-kyosei");
  const WriteResult outside =
      schedule_occurrence(*catalog, "higashi-kyosei/multi-agency-meeting/2026-10",
                          json{{"start", "2027-06-01"}}, kEditor);
  REQUIRE_FALSE(outside.ok());
  CHECK(outside.error().kind == ErrorKind::unprocessable);
  REQUIRE(catalog->refresh_all().ok());
  CHECK(catalog->find("higashi-kyosei") == before);
  const auto history = catalog->with_store([](store::Store& store) {
    return store.history("higashi-kyosei/multi-agency-meeting/2026-10");
  });
  REQUIRE(history.ok());
  CHECK(history->empty());
}

TEST_CASE("a meeting's new date and place reach the snapshot and its feed states") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const WriteResult moved = schedule_occurrence(
      *catalog, "higashi-kyosei/multi-agency-meeting/2026-10",
      json{{"start", "2026-10-15T10:00"}, {"place", "東区役所 2階 大会議室"}}, kEditor);
  REQUIRE(moved.ok());
  CHECK((*moved)["occurrence"]["scheduled_start"] == "2026-10-15T10:00:00+09:00");
  CHECK((*moved)["occurrence"]["place"] == "東区役所 2階 大会議室");
  const SnapshotPointer after = catalog->find("higashi-kyosei");
  CHECK(after->feed_states.at("higashi-kyosei/multi-agency-meeting/2026-10").place ==
        "東区役所 2階 大会議室");
}

TEST_CASE("notes, activity and KPI values are written and shown") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const WriteResult note = write_note(*catalog, "higashi-kyosei",
                                      json{{"period", "中期"}, {"text", "事例共有"}}, kEditor);
  REQUIRE(note.ok());
  CHECK((*note)["period"] == "中期");
  const SnapshotPointer after = catalog->find("higashi-kyosei");
  CHECK(std::any_of(
      after->recorded.notes.begin(), after->recorded.notes.end(),
      [](const ProgressNote& n) { return n.text == "事例共有" && n.period == "中期"; }));

  const Plan& plan = *after->plan;
  REQUIRE_FALSE(plan.kpis.empty());
  const WriteResult kpi = set_kpi(*catalog, "higashi-kyosei", plan.kpis.front().id, "2026",
                                  json{{"value", "14"}}, kEditor);
  REQUIRE(kpi.ok());
  CHECK(catalog->find("higashi-kyosei")->kpi_values ==
        std::vector<RecordedKpi>{{plan.kpis.front().id, 2026, 14.0}});
  const WriteResult bad_year = set_kpi(*catalog, "higashi-kyosei", plan.kpis.front().id, "20x6",
                                       json{{"value", 1}}, kEditor);
  REQUIRE_FALSE(bad_year.ok());
  CHECK(bad_year.error() ==
        HttpError{ErrorKind::bad_request, "year: expected a year from 1949 to 2099, got \"20x6\""});

  const WriteResult history = history_document(*catalog, std::nullopt, 2, PersonalData::shown);
  REQUIRE(history.ok());
  CHECK((*history)["entries"].size() == 2);
  CHECK((*history)["entries"][0]["action"] == "kpi set");
  CHECK((*history)["entries"][0]["by"] == "編集者");
}

TEST_CASE("a note is edited and deleted by its id, each answer saying what became of it") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  const WriteResult written =
      write_note(*catalog, "higashi-kyosei",
                 json{{"period", "中期"}, {"task", "support-plan"}, {"text", "調整"}}, kEditor);
  REQUIRE(written.ok());
  const std::int64_t id = (*written)["id"].get<std::int64_t>();
  CHECK(id > 0);
  const std::string note_id = std::to_string(id);
  // The progress document lists the year's notes with their ids.
  const auto progress = progress_document(*catalog, "higashi-kyosei", {},
                                          date::sys_days{date::year{2026} / date::September / 1});
  REQUIRE(progress.ok());
  const json& listed = (*progress)["notes"].back();
  CHECK(listed == json{{"id", id},
                       {"period", "中期"},
                       {"task", "support-plan"},
                       {"text", "調整"},
                       {"written_at", "2026-09-01T10:00:00+09:00"},
                       {"written_by", "編集者"}});

  const WriteResult edited =
      edit_note(*catalog, "higashi-kyosei", note_id, json{{"text", "調整を実施"}}, kEditor);
  REQUIRE(edited.ok());
  CHECK(*edited == json{{"id", id},
                        {"plan", "higashi-kyosei"},
                        {"task", "support-plan"},
                        {"fiscal_year", 2026},
                        {"period", "中期"},
                        {"text", "調整を実施"},
                        {"by", "編集者"},
                        {"warnings", json::array()}});
  CHECK(catalog->find("higashi-kyosei")->recorded.notes.back().text == "調整を実施");

  const auto refused = [&](const WriteResult& result, const HttpError& error) {
    REQUIRE_FALSE(result.ok());
    CHECK(result.error() == error);
  };
  refused(edit_note(*catalog, "higashi-kyosei", note_id, json{{"text", " "}}, kEditor),
          {ErrorKind::unprocessable,
           "a note needs text",
           KnownRefusal::none,
           {},
           {{"", "a note needs text", std::nullopt,
             meaning_of(store::store_meaning::kNoteNeedsText)}}});
  refused(edit_note(*catalog, "higashi-kyosei", note_id, json{{"text", 3}}, kEditor),
          {ErrorKind::bad_request, "text: expected a string, got 3"});
  refused(edit_note(*catalog, "higashi-kyosei", "x1", json{{"text", "x"}}, kEditor),
          {ErrorKind::bad_request, "note: expected a note id, got \"x1\""});
  refused(edit_note(*catalog, "higashi-kyosei", "999", json{{"text", "x"}}, kEditor),
          {ErrorKind::not_found,
           "unknown note 999",
           KnownRefusal::none,
           {},
           {{"", "unknown note 999", std::nullopt,
             meaning_of(store::store_meaning::kUnknownNote, {"999"})}}});
  refused(edit_note(*catalog, "nope", note_id, json{{"text", "x"}}, kEditor),
          {ErrorKind::not_found, "no plan \"nope\"", KnownRefusal::no_plan, {"nope"}});

  const WriteResult deleted = delete_note(*catalog, "higashi-kyosei", note_id, kEditor);
  REQUIRE(deleted.ok());
  CHECK((*deleted)["deleted"] == true);
  CHECK((*deleted)["text"] == "調整を実施");
  const auto& notes = catalog->find("higashi-kyosei")->recorded.notes;
  CHECK(std::none_of(notes.begin(), notes.end(),
                     [&](const ProgressNote& note) { return note.id == id; }));
  refused(delete_note(*catalog, "higashi-kyosei", note_id, kEditor),
          {ErrorKind::not_found,
           "unknown note " + note_id,
           KnownRefusal::none,
           {},
           {{"", "unknown note " + note_id, std::nullopt,
             meaning_of(store::store_meaning::kUnknownNote, {note_id})}}});

  const WriteResult history =
      history_document(*catalog, "higashi-kyosei/support-plan", 3, PersonalData::shown);
  REQUIRE(history.ok());
  CHECK((*history)["entries"][0]["action"] == "note delete");
  CHECK((*history)["entries"][1]["action"] == "note edit");
  CHECK((*history)["entries"][1]["before"]["text"] == "調整");
  CHECK((*history)["entries"][1]["after"]["text"] == "調整を実施");
}

TEST_CASE("a note of another plan is not found through this plan's path") {
  store::testing::TemporaryDatabase database;
  auto catalog = catalog_with_higashi(database.path());
  Plan other = testing::higashi_plan();
  other.id = "other-plan";
  REQUIRE(catalog
              ->with_store([&](store::Store& store) {
                return store.import_plan(
                    other, {.actor = {"cli", kNow}, .source = "other.json", .fiscal_year = {}});
              })
              .ok());
  REQUIRE(catalog->refresh_all().ok());
  const WriteResult written =
      write_note(*catalog, "other-plan", json{{"period", "中期"}, {"text", "他の計画"}}, kEditor);
  REQUIRE(written.ok());
  const std::string note_id = std::to_string((*written)["id"].get<std::int64_t>());
  const WriteResult deleted = delete_note(*catalog, "higashi-kyosei", note_id, kEditor);
  REQUIRE_FALSE(deleted.ok());
  CHECK(deleted.error() ==
        HttpError{ErrorKind::not_found, "unknown note " + note_id + " in plan \"higashi-kyosei\""});
}

}  // namespace
}  // namespace torikumi::http
