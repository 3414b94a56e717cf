// Taking a plan's bytes (preview, create, replace) and editing what a sheet cannot say.

#include "http/api/plan_writes.hpp"

#include <doctest/doctest.h>

#include "engine/base/json_reader.hpp"
#include "engine/plan/meeting_rule_text.hpp"
#include "engine/plan/plan_meaning.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/sheet/sheet_ids.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "http/pages/plan_intake_pages.hpp"
#include "store/store_meaning.hpp"
#include "tests/http/http_test_support.hpp"
#include "tests/http/store_catalog_support.hpp"
#include "tests/store/test_database.hpp"

namespace torikumi::http {
namespace {

using nlohmann::json;

using testing::empty_catalog;
using testing::file_text;
using testing::kEditor;
using testing::kNow;

constexpr const char* kPlanId = "higashi-chiiki-kyosei-shakai";
// The deadline of 前期's platform task (～6月), which the sheet does not mark done.
constexpr const char* kDeadline =
    "higashi-chiiki-kyosei-shakai/kunai-shochugakko-sodan-jian/fy2026";

// A catalog over the database at `path` with `sheet` stored as a new plan (revision 1).
std::unique_ptr<StorePlanCatalog> catalog_with_sheet(const std::string& path,
                                                     const std::string& sheet) {
  auto catalog = empty_catalog(path);
  REQUIRE(take_plan(*catalog, {.bytes = sheet, .name = "higashi.txt"}, kEditor,
                    store::ImportMode::write)
              .ok());
  return catalog;
}

}  // namespace

TEST_CASE("a sheet previewed stores nothing, then stored is a plan the catalog shows") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  const PlanUpload upload{.bytes = sheet, .name = "higashi.txt", .expected_revision = 0};
  const auto preview = take_plan(*catalog, upload, kEditor, store::ImportMode::preview);
  REQUIRE(preview.ok());
  CHECK(preview->summary.plan == kPlanId);
  CHECK(preview->summary.revision == 1);
  CHECK(preview->changes.tasks.size() == 15);
  CHECK(preview->changes.tasks[0].kind == TaskChangeKind::added);
  CHECK_FALSE(catalog->find(kPlanId));

  const auto stored = take_plan(*catalog, upload, kEditor, store::ImportMode::write);
  REQUIRE(stored.ok());
  const SnapshotPointer snapshot = catalog->find(kPlanId);
  REQUIRE(snapshot);
  CHECK(snapshot->stored.revision == 1);
  const json document = intake_document(*stored);
  CHECK(document["plan"] == kPlanId);
  CHECK(document["previous_revision"] == 0);
  CHECK(document["occurrences"]["added"] == 14);

  // The same sheet again as a new plan is a conflict; as a replacement it changes nothing.
  const auto again = take_plan(*catalog, upload, kEditor, store::ImportMode::write);
  REQUIRE_FALSE(again.ok());
  const std::string exists =
      "plan \"higashi-chiiki-kyosei-shakai\" exists already (revision 1): replace it rather than "
      "create it";
  CHECK(again.error() ==
        HttpError{ErrorKind::conflict,
                  exists,
                  KnownRefusal::none,
                  {},
                  {{"", exists, std::nullopt,
                    meaning_of(store::store_meaning::kPlanExists, {kPlanId, "1"})}}});
}

TEST_CASE("a workbook saved from Excel is taken as the sheet it holds") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const std::string workbook = file_text("tests/data/sheets/higashi.xlsx");
  const auto taken = take_plan(*catalog, {.bytes = workbook, .name = "higashi.xlsx"}, kEditor,
                               store::ImportMode::write);
  REQUIRE(taken.ok());
  CHECK(taken->summary.plan == kPlanId);
  CHECK(taken->loaded.plan.tasks.size() == 15);
  CHECK(taken->loaded.warnings.empty());
  const std::string damaged = workbook.substr(0, workbook.size() / 2);
  const auto refused = take_plan(*catalog, {.bytes = damaged, .name = "damaged.xlsx"}, kEditor,
                                 store::ImportMode::preview);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::unprocessable);
  CHECK(refused.error().message ==
        "damaged.xlsx: xlsx: not a zip archive: no end of central directory");
}

TEST_CASE("a preview of an edited sheet names the changed tasks and the orphans' records") {
  store::testing::TemporaryDatabase database;
  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  auto catalog = catalog_with_sheet(database.path(), sheet);
  REQUIRE(complete_occurrence(*catalog, kDeadline, {{"note", "6月に整備"}}, kEditor).ok());
  // 前期's platform task goes, and the term-long awareness work becomes （5～3月）.
  std::string edited = sheet;
  const std::string gone =
      " <input type=\"checkbox\"/> "
      "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォーム"
      "）"
      "の整備（～6月）";
  REQUIRE(edited.find(gone) != std::string::npos);
  edited.erase(edited.find(gone), gone.size());
  edited.replace(edited.find("区内小中学校への区役所内相談窓口等の周知（4～3月）"),
                 std::string{"区内小中学校への区役所内相談窓口等の周知（4～3月）"}.size(),
                 "区内小中学校への区役所内相談窓口等の周知（5～3月）");
  const auto preview = take_plan(
      *catalog, {.bytes = edited, .name = "edited.txt", .plan_id = kPlanId, .expected_revision = 1},
      kEditor, store::ImportMode::preview);
  REQUIRE(preview.ok());
  const std::vector<TaskChange> expected{
      {TaskChangeKind::removed,
       "kunai-shochugakko-sodan-jian",
       "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォー"
       "ム）の整備",
       {}},
      {TaskChangeKind::changed,
       "kunai-shochugakko",
       "区内小中学校への区役所内相談窓口等の周知",
       {"source_text", "when"}}};
  CHECK(preview->changes.tasks == expected);
  // The removed deadline was marked done: its orphan says so.
  REQUIRE(preview->summary.orphaned.size() == 1);
  CHECK(preview->summary.orphaned[0].occurrence == kDeadline);
  CHECK(preview->summary.orphaned[0].status == OccurrenceStatus::done);
  CHECK(preview->summary.orphaned[0].completions == 1);
  CHECK(catalog->find(kPlanId)->stored.revision == 1);
}

TEST_CASE(
    "a preview's timeline shows what is recorded of the occurrences that keep their ids, as the "
    "plan page does once it is saved") {
  store::testing::TemporaryDatabase database;
  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  auto catalog = catalog_with_sheet(database.path(), sheet);
  // Recorded on the dashboard since: a deadline done, a completion the sheet's progress lines made
  // taken back, and an item skipped.
  const SnapshotPointer imported = catalog->find(kPlanId);
  std::string done_by_sheet, planned;
  for (const Occurrence& occurrence : imported->expansion.occurrences) {
    const OccurrenceStatus status = imported->recorded.status_of(occurrence.id);
    if (done_by_sheet.empty() && status == OccurrenceStatus::done) done_by_sheet = occurrence.id;
    if (planned.empty() && status == OccurrenceStatus::planned && occurrence.id != kDeadline)
      planned = occurrence.id;
  }
  REQUIRE_FALSE(done_by_sheet.empty());
  REQUIRE_FALSE(planned.empty());
  REQUIRE(complete_occurrence(*catalog, kDeadline, json::object(), kEditor).ok());
  REQUIRE(undo_occurrence(*catalog, done_by_sheet, kEditor).ok());
  REQUIRE(
      drop_occurrence(*catalog, planned, OccurrenceStatus::skipped, {{"reason", "中止"}}, kEditor)
          .ok());

  PageContext context;
  context.now = kNow;
  const PlanUpload upload{
      .bytes = sheet, .name = "higashi.txt", .plan_id = kPlanId, .expected_revision = 1};
  const auto preview = take_plan(*catalog, upload, kEditor, store::ImportMode::preview);
  REQUIRE(preview.ok());
  const std::string page =
      render_preview_page(*preview, {.data = "", .name = "higashi.txt"}, context);
  REQUIRE(take_plan(*catalog, upload, kEditor, store::ImportMode::write).ok());
  const std::string saved = render_timeline_svg(*catalog->find(kPlanId), context);
  CHECK(saved.find("class=\"mark skipped\"") != std::string::npos);
  CHECK(page.find(saved) != std::string::npos);
}

TEST_CASE("a sheet taken over a plan stored under the id sheets had before is compared with it") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  auto loaded = read_plan_source(sheet, "higashi.txt");
  REQUIRE(loaded.ok());
  Plan legacy = loaded->plan;
  legacy.id = legacy_plan_id(legacy);
  REQUIRE(legacy.id == "plan-2853493a");
  REQUIRE(catalog
              ->with_store([&](store::Store& store) {
                return store.import_plan(legacy, {.actor = kEditor, .source = "higashi.txt"});
              })
              .ok());
  const auto preview = take_plan(*catalog, {.bytes = sheet, .name = "higashi.txt"}, kEditor,
                                 store::ImportMode::preview);
  REQUIRE(preview.ok());
  CHECK(preview->loaded.plan.id == "plan-2853493a");
  REQUIRE(preview->stored);
  CHECK(preview->stored->id == "plan-2853493a");
  CHECK(preview->changes.tasks.empty());
  CHECK(preview->summary.previous_revision == 1);
  CHECK_FALSE(preview->summary.new_revision);
}

TEST_CASE("participants given in a plan JSON stay when the sheet is taken again over it") {
  store::testing::TemporaryDatabase database;
  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  auto catalog = catalog_with_sheet(database.path(), sheet);
  // The plan as stored (a snapshot's has the fiscal year it was expanded in).
  const auto stored_plan = [&] {
    Plan plan;
    REQUIRE(catalog
                ->with_store([&](store::Store& store) -> Status {
                  auto stored = store.load_plan(kPlanId);
                  if (!stored) return stored.error();
                  plan = std::move(stored->plan);
                  return {};
                })
                .ok());
    return plan;
  };
  // The stored plan as JSON, with the plan's participants and a meeting's own, taken back.
  json document = plan_to_json(stored_plan());
  document["participants"] = json::parse(R"([{"agency": "多機関協働担当", "role": "事務局"},
      {"agency": "東区地域包括支援センター"}])");
  json& meeting = document["tasks"][0];
  REQUIRE(meeting["kind"] == "meeting");
  meeting["participants"] = json::parse(R"([{"agency": "東区社会福祉協議会", "role": "任意"}])");
  const auto given = take_plan(
      *catalog,
      {.bytes = document.dump(), .name = "plan.json", .plan_id = kPlanId, .expected_revision = 1},
      kEditor, store::ImportMode::write);
  REQUIRE(given.ok());
  CHECK(given->changes.plan_fields == std::vector<std::string>{"participants"});
  REQUIRE(given->changes.tasks.size() == 1);
  CHECK(given->changes.tasks[0].fields == std::vector<std::string>{"participants"});
  const Plan with_participants = stored_plan();
  REQUIRE(with_participants.participants.size() == 2);
  // The sheet again: nothing changes, and what is stored keeps them.
  const PlanUpload upload{
      .bytes = sheet, .name = "higashi.txt", .plan_id = kPlanId, .expected_revision = 2};
  const auto preview = take_plan(*catalog, upload, kEditor, store::ImportMode::preview);
  REQUIRE(preview.ok());
  CHECK(preview->changes.empty());
  REQUIRE(take_plan(*catalog, upload, kEditor, store::ImportMode::write).ok());
  const Plan stored = stored_plan();
  CHECK(stored.participants == with_participants.participants);
  CHECK(stored.tasks[0].participants ==
        std::vector<Participant>{{"東区社会福祉協議会", ParticipantRole::optional}});
  CHECK(stored == with_participants);
}

TEST_CASE("a plan's bytes that are no plan, too large, refused or misnamed are answered so") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const auto write = [&](const PlanUpload& upload) {
    return take_plan(*catalog, upload, kEditor, store::ImportMode::write);
  };
  CHECK(write({.bytes = "  \n", .name = "empty.txt"}).error() ==
        HttpError{ErrorKind::unprocessable,
                  "empty.txt: the file is empty: expected a plan JSON or a 重要取組シート",
                  KnownRefusal::unreadable_plan,
                  {"empty.txt"},
                  {{"", "the file is empty: expected a plan JSON or a 重要取組シート", std::nullopt,
                    meaning_of(sheet_meaning::kEmptyFile)}}});
  const Meaning missing = meaning_of(json_meaning::kMissing);
  CHECK(write({.bytes = R"({"id": "p"})", .name = "p.json"}).error() ==
        HttpError{ErrorKind::unprocessable,
                  "p.json: plan.organisation: missing\np.json: plan.initiative: missing",
                  KnownRefusal::unreadable_plan,
                  {"p.json"},
                  {{"plan.organisation", "missing", std::nullopt, missing},
                   {"plan.initiative", "missing", std::nullopt, missing}}});
  const std::string large(kMaxPlanFileBytes + 1, 'x');
  CHECK(write({.bytes = large, .name = "big.txt"}).error() ==
        HttpError{ErrorKind::payload_too_large,
                  "big.txt: the file is 513 KiB, more than 512 KiB",
                  KnownRefusal::plan_file_too_large,
                  {"big.txt", "513 KiB", "512 KiB"}});
  const std::string plan = file_text("examples/higashi/plan.json");
  CHECK(write({.bytes = plan, .name = "plan.json", .plan_id = "other"}).error() ==
        HttpError{ErrorKind::unprocessable,
                  "plan.json: the plan's id is \"higashi-kyosei\", not \"other\" as the path says",
                  KnownRefusal::plan_id_mismatch,
                  {"plan.json", "higashi-kyosei", "other"}});
  std::string refused = file_text("tests/data/sheets/higashi.txt");
  refused.replace(refused.find("（4、6月）"), std::string{"（4、6月）"}.size(), "（夏頃）");
  CHECK(write({.bytes = refused, .name = "summer.txt"}).error() ==
        HttpError{ErrorKind::unprocessable,
                  "summer.txt: 1 schedule refused; nothing stored: correct the sheet, or store it "
                  "anyway (lenient) with those tasks undated",
                  KnownRefusal::schedules_refused,
                  {"summer.txt", "1"}});
  CHECK_FALSE(catalog->find(kPlanId));
  const auto lenient = write({.bytes = refused, .name = "summer.txt", .lenient = true});
  REQUIRE(lenient.ok());
  CHECK(lenient->refused == 1);
  // Its warnings stay open on the plan until acknowledged.
  REQUIRE(catalog->find(kPlanId)->stored.open_warnings.size() == lenient->loaded.warnings.size());
  REQUIRE(acknowledge_warnings(*catalog, kPlanId, kEditor).ok());
  CHECK(catalog->find(kPlanId)->stored.open_warnings.empty());
}

TEST_CASE("a task's owner, schedule, kind and meeting rule are edited as the importer validates") {
  store::testing::TemporaryDatabase database;
  auto catalog = testing::catalog_with(database.path(), "examples/higashi/plan.json");
  const auto edited = edit_task(*catalog, "higashi-kyosei", "support-plan",
                                {{"owner", "子育て支援課"}, {"when", "（5～3月）"}}, kEditor, 1);
  REQUIRE(edited.ok());
  CHECK((*edited)["revision"] == 2);
  CHECK((*edited)["changed"] == json{"owner", "when"});
  CHECK((*edited)["task"]["owner"] == "子育て支援課");
  const SnapshotPointer snapshot = catalog->find("higashi-kyosei");
  CHECK(snapshot->stored.revision == 2);
  CHECK(snapshot->plan->tasks[1].when_text == "（5～3月）");

  struct Row {
    std::string task;
    json fields;
    std::optional<int> revision;
    HttpError error;
  };
  const Row rows[] = {
      {"support-plan",
       {{"when", "（13月）"}},
       std::nullopt,
       {ErrorKind::unprocessable,
        "when: unknown month \"13\" at character 2 in \"（13月）\"",
        KnownRefusal::none,
        {},
        {{"when", "unknown month \"13\" at character 2 in \"（13月）\"", std::nullopt,
          meaning_of(when_meaning::kUnknownMonth, {"（13月）", "2", "13"})}}}},
      {"support-plan",
       {{"kind", "party"}},
       std::nullopt,
       {ErrorKind::unprocessable,
        "kind: expected one of meeting, campaign, deliverable, as-needed, next-year, got "
        "\"party\"",
        KnownRefusal::none,
        {},
        {{"kind",
          "expected one of meeting, campaign, deliverable, as-needed, next-year, got \"party\"",
          std::nullopt,
          meaning_of(plan_meaning::kUnknownKind,
                     {"party", "meeting", "campaign", "deliverable", "as-needed", "next-year"})}}}},
      {"support-plan",
       {{"meeting_rule", "第6水曜日 14:00 90分"}},
       std::nullopt,
       {ErrorKind::unprocessable,
        "meeting_rule: day \"第6水曜日\" not understood: expected 第N曜日 (N from 1 to 5) or "
        "毎月N日 (1 to 31)",
        KnownRefusal::none,
        {},
        {{"meeting_rule",
          "day \"第6水曜日\" not understood: expected 第N曜日 (N from 1 to 5) or 毎月N日 (1 to 31)",
          std::nullopt, meaning_of(meeting_rule_meaning::kDay, {"第6水曜日"})}}}},
      {"support-plan",
       {{"owner", 3}},
       std::nullopt,
       {ErrorKind::bad_request, "owner: expected text, got 3"}},
      {"support-plan",
       {{"title", "x"}},
       std::nullopt,
       {ErrorKind::unprocessable,
        "\"title\": not a field an edit sets; expected when, kind, owner or meeting_rule"}},
      {"support-plan",
       {{"owner", "係"}},
       1,
       {ErrorKind::conflict,
        "plan \"higashi-kyosei\" is at revision 2 now, not 1: someone changed it meanwhile; look "
        "at it again and redo the change",
        KnownRefusal::none,
        {},
        {{"",
          "plan \"higashi-kyosei\" is at revision 2 now, not 1: someone changed it meanwhile; "
          "look at it again and redo the change",
          std::nullopt,
          meaning_of(store::store_meaning::kStaleRevision, {"higashi-kyosei", "2", "1"})}}}},
      {"nothing",
       {{"owner", "係"}},
       std::nullopt,
       {ErrorKind::not_found,
        "plan \"higashi-kyosei\" has no task \"nothing\"",
        KnownRefusal::none,
        {},
        {{"", "plan \"higashi-kyosei\" has no task \"nothing\"", std::nullopt,
          meaning_of(store::store_meaning::kUnknownTask, {"nothing", "higashi-kyosei"})}}}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.fields.dump());
    CHECK(edit_task(*catalog, "higashi-kyosei", row.task, row.fields, kEditor, row.revision)
              .error() == row.error);
  }
  CHECK(catalog->find("higashi-kyosei")->stored.revision == 2);
  // The plan's meeting rule, from its text; the same again is no revision.
  const auto rule = edit_plan(*catalog, "higashi-kyosei",
                              {{"meeting_rule", "第3木曜日 10:00 60分 東区役所 3階"}}, kEditor, 2);
  REQUIRE(rule.ok());
  CHECK((*rule)["revision"] == 3);
  CHECK((*rule)["meeting_rule"] == json{{"week", 3},
                                        {"weekday", "thursday"},
                                        {"start", "10:00"},
                                        {"duration_minutes", 60},
                                        {"place", "東区役所 3階"}});
  const auto same = edit_plan(*catalog, "higashi-kyosei",
                              {{"meeting_rule", "第3木曜日 10:00 60分 東区役所 3階"}}, kEditor, 3);
  REQUIRE(same.ok());
  CHECK((*same)["revision"] == 3);
  CHECK((*same)["changed"] == json::array());
  const auto history =
      catalog->with_store([](store::Store& store) { return store.history("higashi-kyosei"); });
  REQUIRE(history.ok());
  std::vector<std::string> edits;
  for (const store::AuditEntry& entry : *history)
    if (entry.action == "plan edit") edits.push_back(entry.after);
  CHECK(edits ==
        std::vector<std::string>{R"({"revision":2,"source":"task support-plan: owner, when"})",
                                 R"({"revision":3,"source":"plan: meeting_rule"})"});
}

}  // namespace torikumi::http
