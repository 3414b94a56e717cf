// Meeting types: the built-in three, a plan's own, a meeting task's type, and what reading refuses.

#include "engine/meetings/meeting_type.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/plan_json.hpp"
#include "tests/engine/meetings/plan_documents.hpp"

using namespace torikumi;
using namespace torikumi::testing;

TEST_CASE("the built-in types: 定例会議 is open, 支援会議 and 重層的支援会議 are confidential") {
  std::vector<std::string> lines;
  for (const MeetingType& type : builtin_meeting_types())
    lines.push_back(type.name + (type.confidential ? " confidential " : " open ") +
                    std::string{to_string(type.items)});
  CHECK(lines == std::vector<std::string>{"定例会議 open participants",
                                          "支援会議 confidential named_agencies",
                                          "重層的支援会議 confidential named_agencies"});
}

TEST_CASE("a meeting task names its type; one that names none is a 定例会議") {
  const Plan regular = plan_of(plan_document());
  CHECK(meeting_type_of(regular, regular.tasks[0]).name == "定例会議");
  CHECK_FALSE(meeting_type_of(regular, regular.tasks[0]).confidential);

  const Plan support = plan_of(plan_document(json::object(), {{"meeting_type", "支援会議"}}));
  CHECK(support.tasks[0].meeting_type == "支援会議");
  CHECK(meeting_type_of(support, support.tasks[0]).confidential);
  CHECK(meeting_type_of(support, support.tasks[0]).items == ItemVisibility::named_agencies);
  // A campaign has none: 定例会議, not confidential.
  CHECK_FALSE(meeting_type_of(support, support.tasks[1]).confidential);
}

TEST_CASE("a plan names types of its own, which its meeting tasks use and the plan writes back") {
  const json own = json::parse(R"([
      {"name": "個別ケース検討会議", "confidential": true, "items": "named_agencies"},
      {"name": "地域ケア会議"}])");
  const Plan plan =
      plan_of(plan_document({{"meeting_types", own}}, {{"meeting_type", "個別ケース検討会議"}}));
  REQUIRE(plan.meeting_types.size() == 2);
  CHECK(plan.meeting_types[1] == MeetingType{"地域ケア会議", false, ItemVisibility::participants});
  const MeetingType& type = meeting_type_of(plan, plan.tasks[0]);
  CHECK(type.name == "個別ケース検討会議");
  CHECK(type.confidential);
  CHECK(find_meeting_type(plan, "重層的支援会議") != nullptr);
  CHECK(find_meeting_type(plan, "どこにもない会議") == nullptr);

  // Written back and read again: the same plan.
  const json written = plan_to_json(plan);
  CHECK(written["meeting_types"] == json::parse(R"([
      {"name": "個別ケース検討会議", "confidential": true, "items": "named_agencies"},
      {"name": "地域ケア会議", "confidential": false, "items": "participants"}])"));
  CHECK(written["tasks"][0]["meeting_type"] == "個別ケース検討会議");
  CHECK_FALSE(written["tasks"][1].contains("meeting_type"));
  CHECK(plan_of(written) == plan);
}

TEST_CASE("reading refuses a type it does not know, a built-in's name, one twice, bad fields") {
  CHECK(problems_of(plan_document(json::object(), {{"meeting_type", "秘密会議"}})) ==
        std::vector<std::string>{
            "plan.tasks[0].meeting_type: unknown meeting type \"秘密会議\", expected one of "
            "\"定例会議\", \"支援会議\", \"重層的支援会議\""});
  json document = plan_document();
  document["tasks"][1]["meeting_type"] = "支援会議";
  CHECK(problems_of(document) ==
        std::vector<std::string>{"plan.tasks[1].meeting_type: only a meeting task has a meeting "
                                 "type, got kind \"campaign\""});
  const json bad = json::parse(R"([
      {"name": "支援会議"},
      {"name": "検討会", "confidential": "yes"},
      {"name": "検討会", "items": "everyone"},
      {"name": "  "}])");
  CHECK(problems_of(plan_document({{"meeting_types", bad}})) ==
        std::vector<std::string>{
            "plan.meeting_types[0].name: meeting type \"支援会議\" is built in already",
            "plan.meeting_types[1].confidential: expected true or false, got string \"yes\"",
            "plan.meeting_types[2].items: expected participants or named_agencies, got "
            "\"everyone\"",
            "plan.meeting_types[2].name: meeting type \"検討会\" is listed already "
            "(plan.meeting_types[1])",
            "plan.meeting_types[3].name: expected a non-empty string, got \"  \""});
  // The plan's own types are offered by name in the refusal of one it does not have.
  CHECK(problems_of(plan_document({{"meeting_types", json::parse(R"([{"name": "検討会"}])")}},
                                  {{"meeting_type", "秘密会議"}})) ==
        std::vector<std::string>{
            "plan.tasks[0].meeting_type: unknown meeting type \"秘密会議\", expected one of "
            "\"定例会議\", \"支援会議\", \"重層的支援会議\", \"検討会\""});
}
