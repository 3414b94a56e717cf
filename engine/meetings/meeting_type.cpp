#include "engine/meetings/meeting_type.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "engine/base/json_reader.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

const std::array<MeetingType, 3> kBuiltinTypes{{
    {std::string{kRegularMeeting}, false, ItemVisibility::participants},
    {"支援会議", true, ItemVisibility::named_agencies},
    {"重層的支援会議", true, ItemVisibility::named_agencies},
}};

std::optional<MeetingType> read_meeting_type(JsonReader& reader, const json& value,
                                             const std::string& where) {
  if (!reader.expect_object(value, where, {"name", "confidential", "items"})) return std::nullopt;
  MeetingType type;
  if (auto name = reader.required_text(value, where, "name")) {
    if (const auto problem = owner_name_problem(*name)) reader.report(where + ".name", *problem);
    type.name = std::move(*name);
  }
  if (const auto confidential = reader.boolean(value, where, "confidential", false))
    type.confidential = *confidential;
  if (const std::string items = reader.optional_text(value, where, "items"); !items.empty()) {
    if (const auto parsed = parse_item_visibility(items))
      type.items = *parsed;
    else
      reader.report(where + ".items",
                    "expected participants or named_agencies, got " + in_quotes(items),
                    meaning_of(meetings_meaning::kUnknownItemVisibility, {items}));
  }
  return type;
}

}  // namespace

std::string_view to_string(ItemVisibility visibility) {
  return visibility == ItemVisibility::named_agencies ? "named_agencies" : "participants";
}

std::optional<ItemVisibility> parse_item_visibility(std::string_view text) {
  if (text == "participants") return ItemVisibility::participants;
  if (text == "named_agencies") return ItemVisibility::named_agencies;
  return std::nullopt;
}

std::span<const MeetingType> builtin_meeting_types() { return kBuiltinTypes; }

std::vector<MeetingType> read_meeting_types(JsonReader& reader, const json& value,
                                            const std::string& where) {
  std::vector<MeetingType> types;
  if (!value.is_array()) {
    reader.report(where, "expected an array, got " + describe_json(value),
                  meaning_of(json_meaning::kExpectedArray, {describe_json(value)}));
    return types;
  }
  if (value.size() > kMaxMeetingTypes) {
    reader.report(where,
                  "expected at most " + std::to_string(kMaxMeetingTypes) + " meeting types, got " +
                      std::to_string(value.size()),
                  meaning_of(meetings_meaning::kTooManyMeetingTypes,
                             {std::to_string(kMaxMeetingTypes), std::to_string(value.size())}));
    return types;
  }
  std::map<std::string, std::string, std::less<>> first_seen;  // name → where it was
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string path = where + "[" + std::to_string(i) + "]";
    auto type = read_meeting_type(reader, value[i], path);
    if (!type) continue;
    if (!type->name.empty()) {
      const bool builtin =
          std::any_of(kBuiltinTypes.begin(), kBuiltinTypes.end(),
                      [&](const MeetingType& known) { return known.name == type->name; });
      if (builtin) {
        reader.report(path + ".name",
                      "meeting type " + in_quotes(type->name) + " is built in already",
                      meaning_of(meetings_meaning::kBuiltinMeetingType, {type->name}));
      } else if (const auto [first, inserted] = first_seen.emplace(type->name, path); !inserted) {
        reader.report(
            path + ".name",
            "meeting type " + in_quotes(type->name) + " is listed already (" + first->second + ")",
            meaning_of(meetings_meaning::kMeetingTypeTwice, {type->name, first->second}));
      }
    }
    types.push_back(std::move(*type));
  }
  return types;
}

json meeting_types_to_json(const std::vector<MeetingType>& types) {
  json list = json::array();
  for (const MeetingType& type : types)
    list.push_back({{"name", type.name},
                    {"confidential", type.confidential},
                    {"items", std::string{to_string(type.items)}}});
  return list;
}

const MeetingType* find_meeting_type(const Plan& plan, std::string_view name) {
  for (const MeetingType& type : plan.meeting_types)
    if (type.name == name) return &type;
  for (const MeetingType& type : kBuiltinTypes)
    if (type.name == name) return &type;
  return nullptr;
}

const MeetingType& meeting_type_of(const Plan& plan, const Task& task) {
  if (task.kind == TaskKind::meeting && !task.meeting_type.empty())
    if (const MeetingType* type = find_meeting_type(plan, task.meeting_type)) return *type;
  return kBuiltinTypes.front();
}

}  // namespace torikumi
