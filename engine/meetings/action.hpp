#pragma once

// Actions (宿題): what a meeting's outcome leaves to do — what, the agency that owns it, the day
// it is due — tracked until done, and listed on the same meeting's next agenda while open. An
// action raised from an agenda item keeps that item's visibility: what it says may name a case,
// so it is shown only to those who may see the item, and what leaves torikumi (feeds, reminders)
// names it generically.

#include <date/date.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/meetings/agenda.hpp"
#include "engine/meetings/participants.hpp"

namespace torikumi {

inline constexpr std::size_t kMaxActionBytes = 500;
inline constexpr std::size_t kMaxActionsPerMeeting = 100;

// An action as a person writes it.
struct ActionText {
  std::string what;
  std::string owner;  // an agency taking part in the meeting
  date::sys_days due{};
  bool operator==(const ActionText&) const = default;
};

// An action as stored.
struct MeetingAction {
  std::int64_t id = 0;
  std::string occurrence;              // the meeting that raised it
  std::optional<std::int64_t> item{};  // the agenda item whose outcome raised it, if any
  std::string what;
  std::string owner;
  date::sys_days due{};
  ItemVisibility visibility = ItemVisibility::participants;  // its item's, when raised
  std::vector<std::string> agencies{};                       // with named_agencies
  std::optional<date::sys_seconds> done_at{};
  std::string done_by{};
  date::sys_seconds created_at{};
  std::string created_by{};
  // Raised when it is done or reopened; a feed's SEQUENCE follows it. Changed: its last change.
  std::uint32_t revision = 0;
  date::sys_seconds changed_at{};
  bool operator==(const MeetingAction&) const = default;

  bool open() const { return !done_at.has_value(); }
};

class JsonReader;

// What a request raises: the action and, when an agenda item's outcome raised it, the item.
struct RaisedAction {
  ActionText text;
  std::optional<std::int64_t> item{};
};

// Reads {"what", "owner", "due": "YYYY-MM-DD", "item"?: N}, reporting problems under `where`;
// nullopt when it is not such an object.
std::optional<RaisedAction> read_action(JsonReader& reader, const nlohmann::json& value,
                                        const std::string& where);

// Checks an action against its meeting: `what` one line of 1 to kMaxActionBytes, an owner that
// takes part (`participants`), due no earlier than the meeting's day. Returns it trimmed, or the
// first problem with its meaning.
Result<ActionText> settle_action(ActionText action, std::span<const Participant> participants,
                                 date::sys_days meeting_day);

// True when `reader` may see what the action says.
bool may_see(const MeetingAction& action, const AgendaReader& reader);
// A change to an action its writer may not see: forbidden.
Error unseen_action_error(const MeetingAction& action);

// For the API: {"id", "occurrence", "item", "what", "owner", "due", "done_at", "done_by"}; with
// `withheld` the what is left out and "withheld" is true.
nlohmann::json action_json(const MeetingAction& action, bool withheld);

}  // namespace torikumi
