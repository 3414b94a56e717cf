// Agenda items: read from JSON, settled against their meeting (visibility from the type,
// presenter and named agencies among the participants), and who may see them.

#include "engine/meetings/agenda.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/base/json_reader.hpp"
#include "engine/meetings/meetings_meaning.hpp"

using namespace torikumi;
using nlohmann::json;

namespace {

const std::vector<Participant> kParticipants{
    {.agency = "多機関協働担当", .role = ParticipantRole::chair},
    {.agency = "東区地域包括支援センター", .role = ParticipantRole::required},
    {.agency = "こども家庭センター", .role = ParticipantRole::required},
    {.agency = "民生委員", .role = ParticipantRole::optional}};

const MeetingType& type_named(std::string_view name) {
  for (const MeetingType& type : builtin_meeting_types())
    if (type.name == name) return type;
  FAIL("no built-in type " << name);
  return builtin_meeting_types().front();
}

AgendaItemText item(std::string title, std::optional<ItemVisibility> visibility = std::nullopt,
                    std::vector<std::string> agencies = {}) {
  return AgendaItemText{.title = std::move(title),
                        .presenter = {},
                        .minutes = 15,
                        .visibility = visibility,
                        .agencies = std::move(agencies)};
}

std::string meaning_code(const Result<AgendaItemText>& settled) {
  REQUIRE_FALSE(settled.ok());
  return settled.error().meaning.code;
}

AgendaItem stored(ItemVisibility visibility, std::vector<std::string> agencies) {
  AgendaItem out;
  out.id = 7;
  out.occurrence = "p/meeting/2026-06";
  out.position = 2;
  out.title = "山田太郎さん（仮名）の支援方針";
  out.presenter = "東区地域包括支援センター";
  out.minutes = 20;
  out.visibility = visibility;
  out.agencies = std::move(agencies);
  return out;
}

}  // namespace

TEST_CASE(
    "an item's visibility is its meeting type's unless it says, and a case item names "
    "who sees it") {
  const auto regular = settle_agenda_item(item("活動報告"), type_named("定例会議"), kParticipants);
  REQUIRE(regular.ok());
  CHECK(regular->visibility == ItemVisibility::participants);

  // 支援会議: items are for the agencies they name unless they say otherwise.
  CHECK(meaning_code(settle_agenda_item(item("事例検討"), type_named("支援会議"), kParticipants)) ==
        meetings_meaning::kItemNeedsAgencies);
  const auto open = settle_agenda_item(item("情報共有", ItemVisibility::participants),
                                       type_named("支援会議"), kParticipants);
  REQUIRE(open.ok());
  CHECK(open->visibility == ItemVisibility::participants);

  // Named agencies are kept in the participants' order, each once; trimmed.
  const auto case_item = settle_agenda_item(
      item("山田太郎さん（仮名）の支援方針", std::nullopt,
           {"こども家庭センター", " 東区地域包括支援センター", "こども家庭センター"}),
      type_named("支援会議"), kParticipants);
  REQUIRE(case_item.ok());
  CHECK(case_item->visibility == ItemVisibility::named_agencies);
  CHECK(case_item->agencies ==
        std::vector<std::string>{"東区地域包括支援センター", "こども家庭センター"});

  // An item for every participant names nobody.
  const auto cleared = settle_agenda_item(item("報告", ItemVisibility::participants, {"民生委員"}),
                                          type_named("定例会議"), kParticipants);
  REQUIRE(cleared.ok());
  CHECK(cleared->agencies.empty());
}

TEST_CASE("an item is refused with what is wrong: title, time box, presenter, agencies") {
  const MeetingType& regular = type_named("定例会議");
  CHECK(meaning_code(settle_agenda_item(item("  "), regular, kParticipants)) ==
        meetings_meaning::kAgendaTitleNeeded);
  CHECK(meaning_code(settle_agenda_item(item("一行目\n二行目"), regular, kParticipants)) ==
        meetings_meaning::kAgendaTitleNotOneLine);
  CHECK(meaning_code(settle_agenda_item(item(std::string(kMaxAgendaTitleBytes + 1, 'a')), regular,
                                        kParticipants)) == meetings_meaning::kAgendaTitleTooLong);
  CHECK(settle_agenda_item(item(std::string(kMaxAgendaTitleBytes, 'a')), regular, kParticipants)
            .ok());

  AgendaItemText long_item = item("報告");
  long_item.minutes = kMaxAgendaMinutes + 1;
  CHECK(meaning_code(settle_agenda_item(long_item, regular, kParticipants)) ==
        meetings_meaning::kAgendaMinutes);

  AgendaItemText presented = item("報告");
  presented.presenter = "学校連携担当";
  const auto refused = settle_agenda_item(presented, regular, kParticipants);
  CHECK(meaning_code(refused) == meetings_meaning::kPresenterNotParticipant);
  CHECK(refused.error().message == "presenter \"学校連携担当\" takes no part in this meeting");

  CHECK(meaning_code(settle_agenda_item(
            item("事例", ItemVisibility::named_agencies, {"こども家庭センター", "学校連携担当"}),
            regular, kParticipants)) == meetings_meaning::kItemAgencyNotParticipant);
}

TEST_CASE("a case item is seen by its agencies' members and by the office, no one else") {
  const AgendaItem case_item =
      stored(ItemVisibility::named_agencies, {"東区地域包括支援センター", "こども家庭センター"});
  CHECK(may_see(case_item, {.sees_all = true, .agencies = {}}));
  CHECK(may_see(case_item, {.sees_all = false, .agencies = {"民生委員", "こども家庭センター"}}));
  CHECK_FALSE(may_see(case_item, {.sees_all = false, .agencies = {"民生委員"}}));
  CHECK_FALSE(may_see(case_item, {.sees_all = false, .agencies = {}}));
  const AgendaItem open = stored(ItemVisibility::participants, {});
  CHECK(may_see(open, {.sees_all = false, .agencies = {}}));

  // Withheld, the item keeps its place and says nothing of itself; the audit never has a title.
  const json withheld = agenda_item_json(case_item, true);
  CHECK(withheld ==
        json{{"id", 7}, {"position", 2}, {"visibility", "named_agencies"}, {"withheld", true}});
  CHECK(agenda_item_json(case_item, false)["title"] == "山田太郎さん（仮名）の支援方針");
  CHECK(agenda_item_audit_json(case_item).dump().find("山田") == std::string::npos);
  CHECK(agenda_item_audit_json(case_item)["agencies"].size() == 2);
}

TEST_CASE(
    "an item is read from JSON with every problem at its path; an edit reads only what "
    "it changes") {
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  const auto read = read_agenda_item(reader,
                                     json{{"title", "事例検討"},
                                          {"presenter", "こども家庭センター"},
                                          {"minutes", 30},
                                          {"visibility", "named_agencies"},
                                          {"agencies", {"こども家庭センター"}}},
                                     "agenda");
  REQUIRE(read.has_value());
  CHECK(diagnostics.empty());
  CHECK(read->minutes == 30);
  CHECK(read->visibility == ItemVisibility::named_agencies);

  const auto refused = read_agenda_item(
      reader,
      json{{"minutes", 500}, {"visibility", "everyone"}, {"agencies", {1}}, {"colour", "red"}},
      "agenda");
  CHECK_FALSE(refused.has_value());
  std::vector<std::string> where;
  for (const Diagnostic& diagnostic : diagnostics) where.push_back(diagnostic.where);
  CHECK(where == std::vector<std::string>{"agenda.colour", "agenda.title", "agenda.minutes",
                                          "agenda.visibility", "agenda.agencies[0]"});

  Diagnostics edit_diagnostics;
  JsonReader edit_reader{edit_diagnostics};
  const auto edited = read_agenda_item(edit_reader, json{{"minutes", 45}}, "agenda", *read, true);
  REQUIRE(edited.has_value());
  CHECK(edited->title == "事例検討");
  CHECK(edited->minutes == 45);
  CHECK(edited->agencies == std::vector<std::string>{"こども家庭センター"});
}
