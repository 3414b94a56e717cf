#include "engine/meetings/participants.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/meetings/agency.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/plan_changes.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "tests/engine/meaning_string_maker.hpp"
#include "tests/engine/meetings/plan_documents.hpp"
#include "tests/example_files.hpp"

using namespace torikumi;
using namespace torikumi::testing;
using nlohmann::json;

namespace {

constexpr const char* kCentre = "東区地域包括支援センター";
constexpr const char* kCouncil = "東区社会福祉協議会";
constexpr const char* kSection = "多機関協働担当";

}  // namespace

TEST_CASE("a role reads by its name or in Japanese, and a 事務局 and a 会長 are both chairs") {
  struct Row {
    std::string text;
    std::optional<ParticipantRole> role;
  };
  const Row rows[] = {
      {"chair", ParticipantRole::chair},
      {"事務局", ParticipantRole::chair},
      {"会長", ParticipantRole::chair},
      {"required", ParticipantRole::required},
      {"必須", ParticipantRole::required},
      {"optional", ParticipantRole::optional},
      {"任意", ParticipantRole::optional},
      {"Chair", std::nullopt},
      {"出席", std::nullopt},
      {"", std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(parse_participant_role(row.text) == row.role);
  }
  for (const ParticipantRole role :
       {ParticipantRole::chair, ParticipantRole::required, ParticipantRole::optional})
    CHECK(parse_participant_role(to_string(role)) == role);
}

TEST_CASE("a plan's and a meeting's participants are read, required by default, and written back") {
  const Plan plan = plan_of(plan_document(
      {{"participants", json::parse(R"([{"agency": "多機関協働担当", "role": "事務局"},
                                        {"agency": "東区地域包括支援センター"}])")}},
      {{"participants", json::parse(R"([{"agency": "東区社会福祉協議会", "role": "会長"},
                                        {"agency": "東区地域包括支援センター", "role": "任意"}])")}}));
  CHECK(plan.participants == std::vector<Participant>{{kSection, ParticipantRole::chair},
                                                      {kCentre, ParticipantRole::required}});
  CHECK(plan.tasks[0].participants ==
        std::vector<Participant>{{kCouncil, ParticipantRole::chair},
                                 {kCentre, ParticipantRole::optional}});
  CHECK(plan.tasks[1].participants.empty());
  const json written = plan_to_json(plan);
  CHECK(written["participants"] == json::parse(R"([{"agency": "多機関協働担当", "role": "chair"},
      {"agency": "東区地域包括支援センター", "role": "required"}])"));
  CHECK_FALSE(written["tasks"][1].contains("participants"));
  CHECK(plan_of(written) == plan);
}

TEST_CASE("participants that break the rules are refused, each at its path") {
  SUBCASE("on a task that is not a meeting, written or inferred") {
    json document = plan_document();
    document["tasks"][1]["participants"] = json::parse(R"([{"agency": "東区社会福祉協議会"}])");
    document["tasks"].push_back(
        json::parse(R"({"id": "report", "title": "報告", "when": "（～6月）",
        "kind": "deliverable", "participants": [{"agency": "x"}]})"));
    CHECK(problems_of(document) ==
          std::vector<std::string>{
              "plan.tasks[1].participants: only a meeting task has participants, got kind "
              "\"campaign\"",
              "plan.tasks[2].participants: only a meeting task has participants, got kind "
              "\"deliverable\""});
    const auto refused = read_plan_document(document);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error()[0].meaning ==
          meaning_of(meetings_meaning::kParticipantsNeedMeeting, {"campaign"}));
  }
  SUBCASE("an empty list on any task is none") {
    json document = plan_document();
    document["tasks"][1]["participants"] = json::array();
    CHECK(plan_of(document).tasks[1].participants.empty());
  }
  SUBCASE("a task whose kind is refused is not refused again for its participants") {
    json document = plan_document();
    document["tasks"][1]["kind"] = "party";
    document["tasks"][1]["participants"] = json::parse(R"([{"agency": "x"}])");
    CHECK(problems_of(document) ==
          std::vector<std::string>{"plan.tasks[1].kind: expected one of meeting, campaign, "
                                   "deliverable, as-needed, next-year, got \"party\""});
  }
  SUBCASE("an agency twice, a role unknown, a name blank, too long or of two lines") {
    const std::string long_name(201, 'a');
    json list = json::parse(R"([{"agency": "東区社会福祉協議会", "role": "boss"},
        {"agency": " "}, {"role": "chair"}, {"agency": "東区社会福祉協議会", "role": "任意"},
        {"agency": "a\nb"}, {"agency": 3}, "x", {"agency": "y", "note": "z"}])");
    list.push_back({{"agency", long_name}});
    CHECK(problems_of(plan_document({{"participants", list}})) ==
          std::vector<std::string>{
              "plan.participants[0].role: expected chair (事務局, 会長), required (必須) or "
              "optional (任意), got \"boss\"",
              "plan.participants[1].agency: expected a non-empty string, got \" \"",
              "plan.participants[2].agency: missing",
              "plan.participants[3].agency: agency \"東区社会福祉協議会\" is listed already "
              "(plan.participants[0])",
              "plan.participants[4].agency: owner: expected one line without control characters",
              "plan.participants[5].agency: expected a string, got number 3",
              "plan.participants[6]: expected an object, got string \"x\"",
              "plan.participants[7].note: unknown field",
              "plan.participants[8].agency: owner: expected at most 200 bytes, got 201"});
    const auto refused = read_plan_document(plan_document({{"participants", list}}));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error()[0].meaning ==
          meaning_of(meetings_meaning::kUnknownParticipantRole, {"boss"}));
    CHECK(refused.error()[3].meaning == meaning_of(meetings_meaning::kParticipantTwice,
                                                   {"東区社会福祉協議会", "plan.participants[0]"}));
  }
  SUBCASE("a list that is not one, or holds more than 100") {
    json many = json::array();
    for (int i = 0; i < 101; ++i) many.push_back({{"agency", "機関" + std::to_string(i)}});
    CHECK(problems_of(plan_document({{"participants", many}}, {{"participants", "all"}})) ==
          std::vector<std::string>{
              "plan.participants: expected at most 100 participants, got 101",
              "plan.tasks[0].participants: expected an array, got string \"all\""});
    many.erase(many.end() - 1);
    CHECK(plan_of(plan_document({{"participants", many}})).participants.size() == 100);
  }
}

TEST_CASE("a meeting's standing participants are its own, else the plan's; other tasks have none") {
  const Plan plan = plan_of(plan_document(
      {{"participants", json::parse(R"([{"agency": "多機関協働担当", "role": "chair"}])")}}));
  const std::vector<Participant> plans{{kSection, ParticipantRole::chair}};
  CHECK(standing_participants(plan, plan.tasks[0]) == plans);
  CHECK(standing_participants(plan, plan.tasks[1]).empty());
  Plan own = plan;
  own.tasks[0].participants = {{kCentre, ParticipantRole::required}};
  CHECK(standing_participants(own, own.tasks[0]) ==
        std::vector<Participant>{{kCentre, ParticipantRole::required}});
  Plan none = plan;
  none.participants.clear();
  CHECK(standing_participants(none, none.tasks[0]).empty());
}

TEST_CASE("each occurrence of a meeting has its task's standing participants; others have none") {
  const Plan plan = plan_of(
      plan_document({{"participants", json::parse(R"([{"agency": "多機関協働担当", "role": "chair"},
                                        {"agency": "東区地域包括支援センター"}])")}}));
  const auto expansion = expand_plan(plan, date::year{2026});
  REQUIRE(expansion.ok());
  std::string lines;
  for (const Occurrence& occurrence : expansion->occurrences) {
    lines += occurrence.id + ":";
    for (const Participant& participant : occurrence_participants_for(plan, occurrence, {}))
      lines += " " + participant.agency + "(" + std::string{to_string(participant.role)} + ")";
    lines += "\n";
  }
  CHECK(lines ==
        "p/awareness/fy2026:\n"
        "p/meeting/2026-04: 多機関協働担当(chair) 東区地域包括支援センター(required)\n"
        "p/meeting/2026-06: 多機関協働担当(chair) 東区地域包括支援センター(required)\n");
}

TEST_CASE(
    "an occurrence's own changes give its participants; one that no longer applies is passed "
    "over") {
  const Plan plan = plan_of(
      plan_document({{"participants", json::parse(R"([{"agency": "多機関協働担当", "role": "chair"},
                                        {"agency": "東区地域包括支援センター"}])")}}));
  const auto expansion = expand_plan(plan, date::year{2026});
  REQUIRE(expansion.ok());
  const Occurrence& june = expansion->occurrences.back();
  REQUIRE(june.id == "p/meeting/2026-06");
  const auto names = [&](const std::vector<ParticipantChange>& changes) {
    std::string line;
    for (const Participant& participant : occurrence_participants_for(plan, june, changes))
      line += participant.agency + "(" + std::string{to_string(participant.role)} + ") ";
    return line;
  };
  using Kind = ParticipantChange::Kind;
  CHECK(names({{.kind = Kind::add, .agency = kCouncil, .role = ParticipantRole::optional},
               {.kind = Kind::drop, .agency = kCentre, .role = ParticipantRole::required}}) ==
        "多機関協働担当(chair) " + std::string{kCouncil} + "(optional) ");
  // The plan, imported again, no longer has the agency a stored change drops: the rest hold.
  CHECK(names({{.kind = Kind::drop, .agency = kCouncil, .role = ParticipantRole::required},
               {.kind = Kind::add, .agency = kCentre, .role = ParticipantRole::optional}}) ==
        "多機関協働担当(chair) 東区地域包括支援センター(optional) ");
  // A task that is no meeting has none, whatever the changes say.
  CHECK(occurrence_participants_for(
            plan, expansion->occurrences.front(),
            {{.kind = Kind::add, .agency = kCouncil, .role = ParticipantRole::optional}})
            .empty());
}

TEST_CASE("participants invite any of some agencies when one of them is among them") {
  const std::vector<Participant> participants{{kSection, ParticipantRole::chair},
                                              {kCentre, ParticipantRole::optional}};
  CHECK(invites_any(participants, {kCentre}));
  CHECK(invites_any(participants, {kCouncil, kSection}));
  CHECK_FALSE(invites_any(participants, {kCouncil}));
  CHECK_FALSE(invites_any(participants, {}));
  CHECK_FALSE(invites_any({}, {kCentre}));
}

TEST_CASE("an occurrence's participants are the standing ones with its adds and drops") {
  using Kind = ParticipantChange::Kind;
  const std::vector<Participant> standing{{kSection, ParticipantRole::chair},
                                          {kCentre, ParticipantRole::required},
                                          {kCouncil, ParticipantRole::optional}};
  struct Row {
    const char* name;
    std::vector<ParticipantChange> changes;
    std::vector<Participant> expected;
  };
  const Row rows[] = {
      {"no change", {}, standing},
      {"an add goes last, in the order added",
       {{Kind::add, "東区こども家庭センター", ParticipantRole::optional},
        {Kind::add, "東区障害者基幹相談支援センター", ParticipantRole::required}},
       {standing[0],
        standing[1],
        standing[2],
        {"東区こども家庭センター", ParticipantRole::optional},
        {"東区障害者基幹相談支援センター", ParticipantRole::required}}},
      {"an add of one there changes its role in its place",
       {{Kind::add, kCouncil, ParticipantRole::required}},
       {standing[0], standing[1], {kCouncil, ParticipantRole::required}}},
      {"a drop takes one out",
       {{Kind::drop, kCentre, ParticipantRole::required}},
       {standing[0], standing[2]}},
      {"a drop and then an add puts it last",
       {{Kind::drop, kSection, ParticipantRole::required},
        {Kind::add, kSection, ParticipantRole::chair}},
       {standing[1], standing[2], standing[0]}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const auto participants = occurrence_participants(standing, row.changes);
    REQUIRE(participants.ok());
    CHECK(*participants == row.expected);
  }
}

TEST_CASE("an occurrence's drop of an agency it does not have, or a list too long, is an error") {
  using Kind = ParticipantChange::Kind;
  const std::vector<Participant> standing{{kSection, ParticipantRole::chair}};
  const auto dropped_twice =
      occurrence_participants(standing, {{Kind::add, kCouncil, ParticipantRole::optional},
                                         {Kind::drop, kCouncil, ParticipantRole::required},
                                         {Kind::drop, kCouncil, ParticipantRole::required}});
  REQUIRE_FALSE(dropped_twice.ok());
  CHECK(dropped_twice.error() ==
        Error{"changes[2]: drop \"東区社会福祉協議会\": not a participant of the occurrence",
              ErrorCode::invalid, meaning_of(meetings_meaning::kNotAParticipant, {kCouncil})});
  std::vector<ParticipantChange> adds;
  for (int i = 0; i < 100; ++i)
    adds.push_back({Kind::add, "機関" + std::to_string(i), ParticipantRole::optional});
  const auto too_many = occurrence_participants(standing, adds);
  REQUIRE_FALSE(too_many.ok());
  CHECK(too_many.error() ==
        Error{"changes[99]: add \"機関99\": expected at most 100 participants", ErrorCode::invalid,
              meaning_of(meetings_meaning::kTooManyParticipants, {"100", "101"})});
  adds.pop_back();
  const auto full = occurrence_participants(standing, adds);
  REQUIRE(full.ok());
  CHECK(full->size() == 100);
}

// Sorted by bytes, which is by code point: a full-width Ａ comes after every kanji.
TEST_CASE("the agencies a plan's participants name that are not agencies are listed once, sorted") {
  Plan plan = plan_of(
      plan_document({{"participants", json::parse(R"([{"agency": "多機関協働担当", "role": "chair"},
                                        {"agency": "東区社会福祉協議会"}])")}},
                    {{"participants", json::parse(R"([{"agency": "東区地域包括支援センター"},
                                        {"agency": "東区社会福祉協議会"}, {"agency": "Ａ学校"}])")}}));
  const std::vector<Agency> agencies{{kSection, AgencyKind::ward_section, {}},
                                     {kCentre, AgencyKind::community_support_center, {}}};
  CHECK(unknown_participants(plan, agencies) ==
        std::vector<std::string>{"東区社会福祉協議会", "Ａ学校"});
  CHECK(unknown_participants(plan, {}) == std::vector<std::string>{"多機関協働担当",
                                                                   "東区地域包括支援センター",
                                                                   "東区社会福祉協議会", "Ａ学校"});
  plan.participants.clear();
  plan.tasks[0].participants.clear();
  CHECK(unknown_participants(plan, {}).empty());
}

TEST_CASE("a change of participants, a task's or the plan's, shows as a changed field") {
  const Plan before = plan_of(plan_document());
  Plan after = before;
  after.tasks[0].participants = {{kCentre, ParticipantRole::required}};
  after.participants = {{kSection, ParticipantRole::chair}};
  PlanChanges changes = compare_plans(before, after);
  CHECK(changes.plan_fields == std::vector<std::string>{"participants"});
  CHECK(changes.tasks == std::vector<TaskChange>{
                             {TaskChangeKind::changed, "meeting", "会議の開催", {"participants"}}});
  // A role alone is a change too.
  Plan role = after;
  role.tasks[0].participants[0].role = ParticipantRole::optional;
  changes = compare_plans(after, role);
  CHECK(changes.plan_fields.empty());
  CHECK(changes.tasks == std::vector<TaskChange>{
                             {TaskChangeKind::changed, "meeting", "会議の開催", {"participants"}}});
}

TEST_CASE("the Higashi example's meetings convene agencies the example agencies file has") {
  const auto plan = read_plan_json(torikumi::testing::example_text("higashi/plan.json"));
  REQUIRE(plan.ok());
  const auto agencies =
      read_agencies_json(torikumi::testing::example_text("agencies.json"), "agencies");
  REQUIRE_MESSAGE(agencies.ok(), (agencies.ok() ? "" : agencies.error().front().to_string()));
  const Task* meeting = plan->find_task("multi-agency-meeting-zenki");
  REQUIRE(meeting != nullptr);
  CHECK(standing_participants(*plan, *meeting) ==
        std::vector<Participant>{{"多機関協働担当", ParticipantRole::chair},
                                 {"東区地域包括支援センター", ParticipantRole::required},
                                 {"東区障害者基幹相談支援センター", ParticipantRole::required},
                                 {"こども家庭センター", ParticipantRole::required},
                                 {"堺市社会福祉協議会東区事務所", ParticipantRole::optional}});
  // The meeting's owner chairs it.
  CHECK(standing_participants(*plan, *meeting).front().agency == meeting->owner);
  CHECK(unknown_participants(*plan, *agencies).empty());
  // Every owner of the plan is an agency too.
  for (const Task& task : plan->tasks) {
    CAPTURE(task.id);
    if (task.owner.empty()) continue;
    CHECK(std::any_of(agencies->begin(), agencies->end(),
                      [&](const Agency& agency) { return agency.name == task.owner; }));
  }
}
