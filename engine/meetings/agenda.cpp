#include "engine/meetings/agenda.hpp"

#include <algorithm>

#include "engine/base/json_reader.hpp"
#include "engine/meetings/meetings_meaning.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

bool takes_part(std::span<const Participant> participants, std::string_view agency) {
  return std::any_of(participants.begin(), participants.end(),
                     [&](const Participant& participant) { return participant.agency == agency; });
}

std::optional<Error> title_problem(std::string_view title) {
  if (title.empty())
    return Error{"an agenda item needs a title", ErrorCode::invalid,
                 meaning_of(meetings_meaning::kAgendaTitleNeeded)};
  if (title.size() > kMaxAgendaTitleBytes)
    return Error{
        "an agenda item's title is at most " + std::to_string(kMaxAgendaTitleBytes) +
            " bytes, got " + std::to_string(title.size()),
        ErrorCode::invalid,
        meaning_of(meetings_meaning::kAgendaTitleTooLong, {std::to_string(kMaxAgendaTitleBytes)})};
  if (std::any_of(title.begin(), title.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return Error{"an agenda item's title is one line, without control characters",
                 ErrorCode::invalid, meaning_of(meetings_meaning::kAgendaTitleNotOneLine)};
  return std::nullopt;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string{text.substr(first, text.find_last_not_of(" \t") - first + 1)};
}

}  // namespace

std::optional<AgendaItemText> read_agenda_item(JsonReader& reader, const json& value,
                                               const std::string& where, const AgendaItemText& base,
                                               bool partial) {
  if (!reader.expect_object(value, where,
                            {"title", "presenter", "minutes", "visibility", "agencies"}))
    return std::nullopt;
  AgendaItemText item = base;
  bool ok = true;
  if (!partial || reader.member(value, "title") != nullptr) {
    if (auto title = reader.required_text(value, where, "title"))
      item.title = std::move(*title);
    else
      ok = false;
  }
  if (const json* presenter = reader.member(value, "presenter")) {
    if (presenter->is_null())
      item.presenter.clear();
    else if (auto text = reader.string(value, where, "presenter", false, true))
      item.presenter = std::move(*text);
    else
      ok = false;
  }
  if (const json* minutes = reader.member(value, "minutes")) {
    if (minutes->is_null())
      item.minutes = 0;
    else if (auto number = reader.integer(value, where, "minutes", false, 0, kMaxAgendaMinutes))
      item.minutes = static_cast<int>(*number);
    else
      ok = false;
  }
  if (const json* visibility = reader.member(value, "visibility")) {
    if (visibility->is_null()) {
      item.visibility.reset();
    } else if (auto text = reader.string(value, where, "visibility", false, false)) {
      if (const auto parsed = parse_item_visibility(*text)) {
        item.visibility = *parsed;
      } else {
        reader.report(where + ".visibility",
                      "expected participants or named_agencies, got " + in_quotes(*text),
                      meaning_of(meetings_meaning::kUnknownItemVisibility, {*text}));
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  if (const json* agencies = reader.member(value, "agencies")) {
    item.agencies.clear();
    const std::string path = where + ".agencies";
    if (agencies->is_null()) {
    } else if (!agencies->is_array()) {
      reader.report(path, "expected an array, got " + describe_json(*agencies),
                    meaning_of(json_meaning::kExpectedArray, {describe_json(*agencies)}));
      ok = false;
    } else if (agencies->size() > kMaxItemAgencies) {
      reader.report(
          path,
          "expected at most " + std::to_string(kMaxItemAgencies) + " agencies, got " +
              std::to_string(agencies->size()),
          meaning_of(meetings_meaning::kTooManyParticipants,
                     {std::to_string(kMaxItemAgencies), std::to_string(agencies->size())}));
      ok = false;
    } else {
      for (std::size_t i = 0; i < agencies->size(); ++i) {
        const json& agency = (*agencies)[i];
        if (!agency.is_string() || trimmed(agency.get_ref<const std::string&>()).empty()) {
          reader.report(path + "[" + std::to_string(i) + "]",
                        "expected an agency's name, got " + describe_json(agency),
                        meaning_of(json_meaning::kExpectedString, {describe_json(agency)}));
          ok = false;
          continue;
        }
        item.agencies.push_back(agency.get<std::string>());
      }
    }
  }
  if (!ok) return std::nullopt;
  return item;
}

Result<AgendaItemText> settle_agenda_item(AgendaItemText item, const MeetingType& type,
                                          std::span<const Participant> participants) {
  item.title = trimmed(item.title);
  item.presenter = trimmed(item.presenter);
  if (auto problem = title_problem(item.title)) return *problem;
  if (item.minutes < 0 || item.minutes > kMaxAgendaMinutes)
    return Error{"an agenda item's time box is 0 to " + std::to_string(kMaxAgendaMinutes) +
                     " minutes, got " + std::to_string(item.minutes),
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kAgendaMinutes,
                            {std::to_string(kMaxAgendaMinutes), std::to_string(item.minutes)})};
  if (!item.presenter.empty() && !takes_part(participants, item.presenter))
    return Error{"presenter " + in_quotes(item.presenter) + " takes no part in this meeting",
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kPresenterNotParticipant, {item.presenter})};
  const ItemVisibility visibility = item.visibility.value_or(type.items);
  item.visibility = visibility;
  if (visibility == ItemVisibility::participants) {
    item.agencies.clear();
    return item;
  }
  for (std::string& agency : item.agencies) {
    agency = trimmed(agency);
    if (!takes_part(participants, agency))
      return Error{"agency " + in_quotes(agency) +
                       " takes no part in this meeting, so it cannot be named to see an item",
                   ErrorCode::invalid,
                   meaning_of(meetings_meaning::kItemAgencyNotParticipant, {agency})};
  }
  // In the participants' order, each once.
  std::vector<std::string> ordered;
  for (const Participant& participant : participants)
    if (std::find(item.agencies.begin(), item.agencies.end(), participant.agency) !=
        item.agencies.end())
      ordered.push_back(participant.agency);
  item.agencies = std::move(ordered);
  if (item.agencies.empty())
    return Error{"an item for named agencies names at least one agency that may see it",
                 ErrorCode::invalid, meaning_of(meetings_meaning::kItemNeedsAgencies)};
  return item;
}

bool may_see(const AgendaItem& item, const AgendaReader& reader) {
  return may_see(item.visibility, item.agencies, reader);
}

bool may_see(ItemVisibility visibility, std::span<const std::string> agencies,
             const AgendaReader& reader) {
  if (visibility == ItemVisibility::participants || reader.sees_all) return true;
  return std::any_of(agencies.begin(), agencies.end(), [&](const std::string& agency) {
    return std::find(reader.agencies.begin(), reader.agencies.end(), agency) !=
           reader.agencies.end();
  });
}

Error unseen_item_error(const AgendaItem& item) {
  return Error{"agenda item " + std::to_string(item.id) +
                   " is for named agencies only; changing it needs a token of one of them or the "
                   "secretariat's",
               ErrorCode::forbidden,
               meaning_of(meetings_meaning::kItemNotSeen, {std::to_string(item.id)})};
}

json agenda_item_json(const AgendaItem& item, bool withheld) {
  json value{{"id", item.id},
             {"position", item.position},
             {"visibility", std::string{to_string(item.visibility)}}};
  if (withheld) {
    value["withheld"] = true;
    return value;
  }
  value["title"] = item.title;
  value["presenter"] = item.presenter.empty() ? json(nullptr) : json(item.presenter);
  value["minutes"] = item.minutes;
  value["agencies"] = item.agencies;
  value["carried_from"] = item.carried_from ? json(*item.carried_from) : json(nullptr);
  return value;
}

json agenda_item_audit_json(const AgendaItem& item) {
  json value{{"id", item.id},
             {"position", item.position},
             {"minutes", item.minutes},
             {"visibility", std::string{to_string(item.visibility)}}};
  if (!item.presenter.empty()) value["presenter"] = item.presenter;
  if (!item.agencies.empty()) value["agencies"] = item.agencies;
  if (item.carried_from) value["carried_from"] = *item.carried_from;
  return value;
}

}  // namespace torikumi
