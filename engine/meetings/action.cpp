#include "engine/meetings/action.hpp"

#include <algorithm>
#include <limits>

#include "engine/base/json_reader.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/meetings/meetings_meaning.hpp"

namespace torikumi {

namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string{text.substr(first, text.find_last_not_of(" \t") - first + 1)};
}

}  // namespace

std::optional<RaisedAction> read_action(JsonReader& reader, const nlohmann::json& value,
                                        const std::string& where) {
  if (!reader.expect_object(value, where, {"what", "owner", "due", "item"})) return std::nullopt;
  const auto what = reader.required_text(value, where, "what");
  const auto owner = reader.required_text(value, where, "owner");
  const auto due = read_day(reader, value, where, "due");
  if (!due && !value.contains("due"))
    reader.report(where + ".due", "missing", meaning_of(json_meaning::kMissing));
  const auto item =
      reader.integer(value, where, "item", false, 1, std::numeric_limits<std::int64_t>::max());
  if (!what || !owner || !due) return std::nullopt;
  return RaisedAction{.text = {.what = *what, .owner = *owner, .due = *due},
                      .item = item ? std::optional<std::int64_t>{*item} : std::nullopt};
}

Result<ActionText> settle_action(ActionText action, std::span<const Participant> participants,
                                 date::sys_days meeting_day) {
  action.what = trimmed(action.what);
  action.owner = trimmed(action.owner);
  const bool one_line = std::none_of(action.what.begin(), action.what.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (action.what.empty() || action.what.size() > kMaxActionBytes || !one_line)
    return Error{"an action says what is to be done in one line of 1 to " +
                     std::to_string(kMaxActionBytes) + " bytes",
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kActionWhat, {std::to_string(kMaxActionBytes)})};
  if (std::none_of(participants.begin(), participants.end(), [&](const Participant& participant) {
        return participant.agency == action.owner;
      }))
    return Error{"the action's owner " + in_quotes(action.owner) + " takes no part in this meeting",
                 ErrorCode::invalid, meaning_of(meetings_meaning::kActionOwner, {action.owner})};
  if (action.due < meeting_day)
    return Error{"the action is due on " + format_iso_date(action.due) + ", before the meeting (" +
                     format_iso_date(meeting_day) + ")",
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kActionDue,
                            {format_iso_date(action.due), format_iso_date(meeting_day)})};
  return action;
}

bool may_see(const MeetingAction& action, const AgendaReader& reader) {
  return may_see(action.visibility, action.agencies, reader);
}

Error unseen_action_error(const MeetingAction& action) {
  return Error{"action " + std::to_string(action.id) +
                   " is for named agencies only; changing it needs a token of one of them or the "
                   "secretariat's",
               ErrorCode::forbidden,
               meaning_of(meetings_meaning::kActionNotSeen, {std::to_string(action.id)})};
}

nlohmann::json action_json(const MeetingAction& action, bool withheld) {
  nlohmann::json value{
      {"id", action.id},
      {"occurrence", action.occurrence},
      {"item", action.item ? nlohmann::json(*action.item) : nlohmann::json(nullptr)},
      {"owner", action.owner},
      {"due", format_iso_date(action.due)},
      {"done_at", action.done_at ? nlohmann::json(format_utc_instant(*action.done_at))
                                 : nlohmann::json(nullptr)},
      {"done_by",
       action.done_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(action.done_by)}};
  if (withheld)
    value["withheld"] = true;
  else
    value["what"] = action.what;
  return value;
}

}  // namespace torikumi
