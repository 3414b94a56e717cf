#pragma once

// Meeting types (会議の種類): 定例会議 (regular coordination), 支援会議 (社会福祉法 第106条の6: its
// members owe confidentiality, and cases may be shared without consent), 重層的支援会議 (cases with
// consent only), and those a plan names for itself. A meeting task names its type; the type sets
// what its meetings do unless they say otherwise: whether the envelope that leaves torikumi
// (invitations, feeds) is marked CLASS:CONFIDENTIAL, and who may see an agenda item.

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace torikumi {

class JsonReader;
struct Plan;
struct Task;

// Who may see an agenda item that does not say: every participant's members, or only the
// agencies the item names (a case item).
enum class ItemVisibility { participants, named_agencies };
std::string_view to_string(ItemVisibility visibility);  // "participants", "named_agencies"
std::optional<ItemVisibility> parse_item_visibility(std::string_view text);

struct MeetingType {
  std::string name;           // 支援会議: how the plan names it, unique
  bool confidential = false;  // the envelope is CLASS:CONFIDENTIAL
  ItemVisibility items = ItemVisibility::participants;
  bool operator==(const MeetingType&) const = default;
};

// The type of a meeting task that names none.
inline constexpr std::string_view kRegularMeeting = "定例会議";

// 定例会議 (not confidential, items to all participants), 支援会議 and 重層的支援会議 (both
// confidential, items to the agencies they name).
std::span<const MeetingType> builtin_meeting_types();

// The most types a plan names of its own.
inline constexpr std::size_t kMaxMeetingTypes = 20;

// Reads a plan's own types (`value`: [{"name", "confidential", "items"}], confidential false and
// items "participants" unless given), each problem at its path from `where`: not an array, more
// than kMaxMeetingTypes, a name blank, over kMaxOwnerBytes or not one line, a name a built-in
// type has or one listed twice, confidential not true or false, items another word.
std::vector<MeetingType> read_meeting_types(JsonReader& reader, const nlohmann::json& value,
                                            const std::string& where);
nlohmann::json meeting_types_to_json(const std::vector<MeetingType>& types);

// The type named `name`: one of the plan's own, else a built-in; nullptr for none.
const MeetingType* find_meeting_type(const Plan& plan, std::string_view name);

// A meeting task's type: the one it names, else 定例会議 (also for a name the plan no longer
// has, which reading the plan refuses, and for a task that is no meeting).
const MeetingType& meeting_type_of(const Plan& plan, const Task& task);

}  // namespace torikumi
