#pragma once

// A meeting occurrence's agenda (議題): items with a title, the agency that presents them, a time
// box, an order, and who may see them — every participant's members, or only the agencies an item
// names (a case item: 「山田太郎さん（仮名）の支援方針」 to the two agencies working on it). An
// item may be carried over from an earlier occurrence of the same meeting. What an item says
// stays behind sign-in: nothing here reaches a feed, an invitation or a webhook (docs/meetings.md,
// "The envelope rule").

#include <date/date.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/meetings/meeting_type.hpp"
#include "engine/meetings/participants.hpp"

namespace torikumi {

class JsonReader;

inline constexpr std::size_t kMaxAgendaTitleBytes = 300;
inline constexpr int kMaxAgendaMinutes = 480;       // a time box of at most 8 hours
inline constexpr std::size_t kMaxAgendaItems = 50;  // per occurrence
inline constexpr std::size_t kMaxItemAgencies = kMaxParticipants;

// An item as a person writes it (the meeting page's form, the API's body).
struct AgendaItemText {
  std::string title;
  std::string presenter{};  // an agency's name; empty: none named
  int minutes = 0;          // the time box; 0: none
  // Who may see it; nullopt: the meeting type's default (meeting_type.hpp).
  std::optional<ItemVisibility> visibility{};
  std::vector<std::string> agencies{};  // with named_agencies: the agencies that may see it
  bool operator==(const AgendaItemText&) const = default;
};

// An item as stored, in its occurrence's order.
struct AgendaItem {
  std::int64_t id = 0;
  std::string occurrence;
  int position = 0;  // 1, 2, ... in the order the meeting takes them
  std::string title;
  std::string presenter;
  int minutes = 0;
  ItemVisibility visibility = ItemVisibility::participants;
  std::vector<std::string> agencies;           // with named_agencies, at least one
  std::optional<std::int64_t> carried_from{};  // the item of an earlier occurrence it continues
  date::sys_seconds created_at{};
  std::string created_by{};
  bool operator==(const AgendaItem&) const = default;
};

// Reads an item's fields (`value`: {"title", "presenter", "minutes", "visibility",
// "agencies"}), each problem at its path from `where`. Every field may be absent when `partial`
// (an edit: what is absent stays as it was, taken from `base`).
std::optional<AgendaItemText> read_agenda_item(JsonReader& reader, const nlohmann::json& value,
                                               const std::string& where,
                                               const AgendaItemText& base = {},
                                               bool partial = false);

// Checks an item against its meeting: a title that is one line of at most kMaxAgendaTitleBytes,
// a presenter and named agencies that take part (`participants`), minutes in
// 0..kMaxAgendaMinutes, an item for named agencies that names at least one. Returns the item
// settled: visibility resolved from `type`, agencies sorted in the participants' order and
// cleared for an item every participant sees. The first problem is the error, with its meaning.
Result<AgendaItemText> settle_agenda_item(AgendaItemText item, const MeetingType& type,
                                          std::span<const Participant> participants);

// Who reads an agenda: someone who sees every item (the office that keeps the meeting), or a
// member of some agencies.
struct AgendaReader {
  bool sees_all = false;
  std::vector<std::string> agencies{};
};

// True when `reader` may see the item's title, presenter and outcome: an item for every
// participant, or one that names an agency of the reader's.
bool may_see(const AgendaItem& item, const AgendaReader& reader);
// The same for what an item was (a minutes' outcome keeps its visibility and agencies).
bool may_see(ItemVisibility visibility, std::span<const std::string> agencies,
             const AgendaReader& reader);

// The refusal of a change to an item `reader` may not see (forbidden): `agenda item 7 is for
// named agencies only`.
Error unseen_item_error(const AgendaItem& item);

// The item for the API: {"id", "position", "title", "presenter", "minutes", "visibility",
// "agencies", "carried_from"}; with `withheld` only id, position, visibility and "withheld": true.
nlohmann::json agenda_item_json(const AgendaItem& item, bool withheld);

// The item as the audit log keeps it: everything but its title, which may name a person.
nlohmann::json agenda_item_audit_json(const AgendaItem& item);

}  // namespace torikumi
