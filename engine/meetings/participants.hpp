#pragma once

// Participants (参加機関): the agencies a meeting convenes, each with its role. A meeting task (or
// its plan, for every meeting task that names none) lists its standing participants; each
// occurrence starts with them and can add or drop one (ParticipantChange, kept by the store).
// Plans name agencies by their name (engine/meetings/agency.hpp), as they name owners.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

class JsonReader;
struct Agency;
struct Occurrence;
struct Plan;
struct Task;

// What an agency does at a meeting. Several chairs are allowed and none is required: a
// 協議会 often has a 会長 from one agency and a 事務局 in another (the ward section that convenes
// it), both chair-like; iCalendar allows several attendees of ROLE=CHAIR; and the invitation's
// ORGANIZER is the office's mailbox, not a chair, so nothing needs exactly one. The bound on the
// list (kMaxParticipants) bounds the chairs too.
enum class ParticipantRole {
  chair,     // 会長・事務局: convenes and runs it
  required,  // 必須: the meeting needs them (a date poll's quorum, a nudge when they do not answer)
  optional,  // 任意: invited, not needed
};
std::string_view to_string(ParticipantRole role);  // "chair", "required", "optional"
// The role from its name or its Japanese: 事務局 and 会長 (chair), 必須 (required), 任意
// (optional).
std::optional<ParticipantRole> parse_participant_role(std::string_view text);
// What an error says parse_participant_role expected.
inline constexpr std::string_view kParticipantRoleChoices =
    "expected chair (事務局, 会長), required (必須) or optional (任意)";

struct Participant {
  std::string agency;  // an agency's name
  ParticipantRole role = ParticipantRole::required;
  bool operator==(const Participant&) const = default;
};

// The most participants one list (a task's, a plan's, an occurrence's) holds.
inline constexpr std::size_t kMaxParticipants = 100;

// Reads a list of participants (`value`, [{"agency", "role"}], role optional: required), each
// problem at its path from `where` (`plan.tasks[0].participants[1].role`): a list that is not an
// array, more than kMaxParticipants, an agency blank, over kMaxOwnerBytes or not one line
// (owner_name_problem), an agency listed twice, an unknown role.
std::vector<Participant> read_participants(JsonReader& reader, const nlohmann::json& value,
                                           const std::string& where);
// The JSON read_participants reads, the role always written.
nlohmann::json participants_to_json(const std::vector<Participant>& participants);

// The standing participants of a task: its own, else the plan's for a meeting task, else none.
// A meeting task cannot name "none" over a plan's list; it names its own list instead.
std::vector<Participant> standing_participants(const Plan& plan, const Task& task);

// One occurrence's change to its standing participants.
struct ParticipantChange {
  enum class Kind {
    add,   // invite an agency, or give one already there another role
    drop,  // no longer invite an agency
  };
  Kind kind = Kind::add;
  std::string agency;
  ParticipantRole role = ParticipantRole::required;  // for an add
  bool operator==(const ParticipantChange&) const = default;
};

// The participants an occurrence has: `standing` with each change applied in turn. An add of an
// agency there already changes its role in its place; an add of one not there goes after the
// rest; a drop takes one out (so a drop and then an add puts it last). Fails, naming the change
// by its index, on a drop of an agency not there:
//   changes[1]: drop "東区社会福祉協議会": not a participant of the occurrence
// and on a list grown past kMaxParticipants:
//   changes[100]: add "X": expected at most 100 participants
Result<std::vector<Participant>> occurrence_participants(
    const std::vector<Participant>& standing, const std::vector<ParticipantChange>& changes);

// The participants of one occurrence: the one place that says who a dated meeting convenes, which
// every reader of it asks (the agencies' and their members' feeds): its task's standing
// participants with the occurrence's own `changes` (as the store keeps them) applied. A change
// that no longer applies (the plan, imported again, no longer has the agency it drops) is passed
// over, as is an add past kMaxParticipants. None for an occurrence of a task that is no meeting.
// REQUIRES: occurrence.task points into `plan`.
std::vector<Participant> occurrence_participants_for(const Plan& plan, const Occurrence& occurrence,
                                                     const std::vector<ParticipantChange>& changes);

// True when one of `agencies` (names) is among `participants`.
bool invites_any(const std::vector<Participant>& participants,
                 const std::vector<std::string>& agencies);

// The agency names the plan's participants (its own and its tasks') use that none of `agencies`
// has, sorted and each once: for a page to warn of invitations nobody can receive.
std::vector<std::string> unknown_participants(const Plan& plan,
                                              const std::vector<Agency>& agencies);

}  // namespace torikumi
