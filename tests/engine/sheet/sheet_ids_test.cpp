#include "engine/sheet/sheet_ids.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "engine/plan/plan_json.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "engine/text/romanisation.hpp"

namespace torikumi {
namespace {

std::string read_data(const std::string& name) {
  std::ifstream file(std::string(TORIKUMI_TEST_DATA_DIR) + "/sheets/" + name, std::ios::binary);
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

Plan imported_sheet(const std::string& text) {
  SheetImportOptions options;
  options.fiscal_year = 2026;
  auto imported = import_sheet(text, options);
  REQUIRE_MESSAGE(imported.ok(), imported.error().message);
  return std::move(imported->plan);
}

TEST_CASE("an id is the title's first words, as many as fit in 28 characters") {
  REQUIRE(load_romaniser().ok());
  struct Case {
    std::string title;
    std::string id;
  };
  const Case cases[] = {
      {"区内小中学校の訪問による各校の状況把握", "kunai-shochugakko-homon"},
      {"多機関協働担当を中心とした会議の開催", "takikankyo-tanto-chushin"},
      {"見守りネットワーク連絡会の開催", "mimamori-nettowaku"},
      {"事業の振り返り", "jigyo-furikaeri"},
      {"ＳＮＳによる情報発信", "sns-joho-hasshin"},
      {"全世帯への備蓄品配布", "zensetai-bichikuhin-haifu"},
      // A first word longer than 28 characters is cut.
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFの実施", "abcdefghijklmnopqrstuvwxyzab"},
      {"（）・、", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.title);
    CHECK(readable_id(c.title) == c.id);
    CHECK(readable_id(c.title).size() <= kReadableIdLength);
  }
}

TEST_CASE("a plan's id reads its organisation and initiative; the old one hashed them") {
  Plan plan;
  plan.organisation.name = "東区役所";
  plan.initiative = "地域共生社会の実現に向けた取組の推進";
  CHECK(readable_plan_id(plan) == "higashi-chiiki-kyosei-shakai");
  CHECK(legacy_plan_id(plan) == "plan-2853493a");
  plan.organisation.name = "・";
  CHECK(readable_plan_id(plan) == "chiiki-kyosei-shakai");
  plan.initiative = "・";
  CHECK(readable_plan_id(plan) == "plan");
}

TEST_CASE("every id of the five sheets is readable, valid and unique in its list") {
  for (const char* name : {"higashi.txt", "kita.txt", "minami.txt", "nishi.txt"}) {
    CAPTURE(name);
    const Plan plan = imported_sheet(read_data(name));
    CHECK(is_valid_id(plan.id));
    std::set<std::string> tasks;
    for (const Task& task : plan.tasks) {
      CHECK(is_valid_id(task.id));
      CHECK(task.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
            std::string::npos);
      CHECK(tasks.insert(task.id).second);
    }
    std::set<std::string> measures;
    for (const Measure& measure : plan.measures) CHECK(measures.insert(measure.id).second);
    // The same text gives the same ids: re-typed with other widths and spaces too.
    CHECK(imported_sheet(read_data(name)) == plan);
  }
}

TEST_CASE("a sheet imported over a plan stored with hashed ids keeps every stored id") {
  // The seed as the importer wrote it before ids were readable.
  const auto stored = read_plan_json(read_data("higashi-hashed-ids.json"));
  REQUIRE(stored.ok());
  Plan plan = imported_sheet(read_data("higashi.txt"));
  CHECK(plan.id == "higashi-chiiki-kyosei-shakai");
  CHECK(legacy_plan_id(plan) == stored->id);
  keep_stored_ids(plan, *stored);
  CHECK(plan.id == "plan-2853493a");
  REQUIRE(plan.tasks.size() == stored->tasks.size());
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    CHECK(plan.tasks[i].id == stored->tasks[i].id);
    CHECK(plan.tasks[i].series == stored->tasks[i].series);
  }
  CHECK(plan.tasks[0].id == "meeting-9202d898-1");
  REQUIRE(plan.progress.size() == stored->progress.size());
  for (std::size_t i = 0; i < plan.progress.size(); ++i)
    CHECK(plan.progress[i].task == stored->progress[i].task);
  for (std::size_t i = 0; i < plan.measures.size(); ++i)
    CHECK(plan.measures[i].id == stored->measures[i].id);
  CHECK(plan.kpis.front().id == stored->kpis.front().id);
  // What the stored plan does not have keeps its readable id.
  Plan edited = imported_sheet(read_data("higashi.txt"));
  edited.tasks[1].title = "サポートプランの見直し";
  edited.tasks[1].id = readable_id(edited.tasks[1].title);
  keep_stored_ids(edited, *stored);
  CHECK(edited.tasks[1].id == "sapoto-puran-minaoshi");
  CHECK(edited.tasks[2].id == stored->tasks[2].id);
}

TEST_CASE("a sheet imported over a stored plan keeps its participants, which no sheet says") {
  const Plan sheet = imported_sheet(read_data("higashi.txt"));
  REQUIRE(sheet.participants.empty());
  REQUIRE(sheet.tasks[0].kind == TaskKind::meeting);
  REQUIRE(sheet.tasks[1].kind != TaskKind::meeting);
  const std::vector<Participant> plans{{"多機関協働担当", ParticipantRole::chair},
                                       {"東区地域包括支援センター", ParticipantRole::required}};
  const std::vector<Participant> meetings{{"東区社会福祉協議会", ParticipantRole::optional}};
  // Stored as a plan JSON gave it: the ids of the sheet, and participants.
  Plan stored = sheet;
  stored.participants = plans;
  stored.tasks[0].participants = meetings;
  for (ProgressLine& line : stored.progress)
    if (line.task == stored.tasks[0].id) line.task = "meeting";
  stored.tasks[0].id = "meeting";
  Plan plan = sheet;
  keep_stored_ids(plan, stored);
  CHECK(plan.participants == plans);
  CHECK(plan.tasks[0].id == "meeting");
  CHECK(plan.tasks[0].participants == meetings);
  for (std::size_t i = 1; i < plan.tasks.size(); ++i) CHECK(plan.tasks[i].participants.empty());
  CHECK(plan == stored);
  // A task the sheet retitled is new: it has none of the old one's; what the imported plan has of
  // its own stays.
  Plan retitled = sheet;
  retitled.tasks[0].title = "多機関協働会議の開催";
  retitled.participants = meetings;
  keep_stored_ids(retitled, stored);
  CHECK(retitled.tasks[0].id != "meeting");
  CHECK(retitled.tasks[0].participants.empty());
  CHECK(retitled.participants == meetings);
}

TEST_CASE("a sheet taken again keeps the owners and meeting rules edited on the dashboard") {
  const Plan sheet = imported_sheet(read_data("higashi.txt"));
  REQUIRE(sheet.tasks[0].kind == TaskKind::meeting);
  REQUIRE(sheet.tasks[0].owner.empty());
  REQUIRE_FALSE(sheet.meeting_rule);
  const MeetingRule second_wednesday{.day = NthWeekday{2, date::Wednesday},
                                     .start_time = std::chrono::hours{14},
                                     .duration = std::chrono::minutes{90},
                                     .place = "3階会議室",
                                     .on_closed_day = OnClosedDay::next_business_day};
  MeetingRule fourth_tuesday = second_wednesday;
  fourth_tuesday.day = NthWeekday{4, date::Tuesday};
  // Stored after edits: the plan's meeting rule, a task's owner and another's own rule.
  Plan stored = sheet;
  stored.meeting_rule = second_wednesday;
  stored.tasks[0].meeting_rule = fourth_tuesday;
  stored.tasks[1].owner = "学校連携担当";
  Plan plan = sheet;
  keep_stored_ids(plan, stored);
  CHECK(plan == stored);
  // What the sheet says wins: an owner it names is its own.
  Plan owned = sheet;
  owned.tasks[1].owner = "企画総務課";
  keep_stored_ids(owned, stored);
  CHECK(owned.tasks[1].owner == "企画総務課");
  CHECK(owned.tasks[0].meeting_rule == fourth_tuesday);
}

TEST_CASE("a new task whose id a kept one has is numbered; references follow the ids") {
  const Plan sheet = imported_sheet(
      "東区役所\n取組項目\t防災\n取組の内容\t○防災訓練の実施 訓練する。\n"
      "スケジュール\t前期\t<input type=\"checkbox\"/> 防災訓練の実施（6月） "
      "<input type=\"checkbox\"/> 防災マップの配布（5月）\n"
      "進捗の状況\t前期\t<li>防災訓練を実施した（6月）</li>\n");
  REQUIRE(sheet.tasks.size() == 2);
  REQUIRE(sheet.progress.size() == 1);
  CHECK(sheet.progress[0].task == "bosai-kunren-jisshi");
  // Stored before: the map's title was the drill's id, the drill had another.
  Plan stored = sheet;
  stored.tasks[0].id = "drill";
  stored.tasks[1].title = "防災訓練の実施 （旧）";  // not the same text: not kept
  stored.tasks[1].id = "bosai-mappu-haifu";
  stored.tasks[1].kind = TaskKind::deliverable;
  Plan plan = sheet;
  plan.tasks[1].id = "drill";  // the new map task reads as an id the kept drill has
  keep_stored_ids(plan, stored);
  CHECK(plan.tasks[0].id == "drill");
  CHECK(plan.tasks[1].id == "drill-2");
  CHECK(plan.progress[0].task == "drill");
  CHECK(plan.measures[0].id == stored.measures[0].id);
}

}  // namespace
}  // namespace torikumi
