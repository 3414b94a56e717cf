#include "engine/meetings/participants.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/base/json_reader.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

struct RoleName {
  ParticipantRole role;
  std::string_view name;
};
// Each role's name, then its Japanese names: a 事務局 and a 会長 are both chairs.
constexpr RoleName kRoleNames[] = {
    {ParticipantRole::chair, "chair"},       {ParticipantRole::required, "required"},
    {ParticipantRole::optional, "optional"}, {ParticipantRole::chair, "事務局"},
    {ParticipantRole::chair, "会長"},        {ParticipantRole::required, "必須"},
    {ParticipantRole::optional, "任意"},
};

std::optional<Participant> read_participant(JsonReader& reader, const json& value,
                                            const std::string& where) {
  if (!reader.expect_object(value, where, {"agency", "role"})) return std::nullopt;
  Participant participant;
  if (auto agency = reader.required_text(value, where, "agency")) {
    if (const auto problem = owner_name_problem(*agency))
      reader.report(where + ".agency", *problem);
    participant.agency = std::move(*agency);
  }
  if (const std::string role = reader.optional_text(value, where, "role"); !role.empty()) {
    if (const auto parsed = parse_participant_role(role))
      participant.role = *parsed;
    else
      reader.report(where + ".role",
                    std::string{kParticipantRoleChoices} + ", got " + in_quotes(role),
                    meaning_of(meetings_meaning::kUnknownParticipantRole, {role}));
  }
  return participant;
}

}  // namespace

std::string_view to_string(ParticipantRole role) {
  for (const RoleName& entry : kRoleNames)
    if (entry.role == role) return entry.name;
  return "required";
}

std::optional<ParticipantRole> parse_participant_role(std::string_view text) {
  for (const RoleName& entry : kRoleNames)
    if (entry.name == text) return entry.role;
  return std::nullopt;
}

std::vector<Participant> read_participants(JsonReader& reader, const json& value,
                                           const std::string& where) {
  std::vector<Participant> participants;
  if (!value.is_array()) {
    reader.report(where, "expected an array, got " + describe_json(value),
                  meaning_of(json_meaning::kExpectedArray, {describe_json(value)}));
    return participants;
  }
  if (value.size() > kMaxParticipants) {
    reader.report(where,
                  "expected at most " + std::to_string(kMaxParticipants) + " participants, got " +
                      std::to_string(value.size()),
                  meaning_of(meetings_meaning::kTooManyParticipants,
                             {std::to_string(kMaxParticipants), std::to_string(value.size())}));
    return participants;
  }
  std::map<std::string, std::string, std::less<>> first_seen;  // agency → where it was
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string path = where + "[" + std::to_string(i) + "]";
    auto participant = read_participant(reader, value[i], path);
    if (!participant) continue;
    if (!participant->agency.empty()) {
      const auto [first, inserted] = first_seen.emplace(participant->agency, path);
      if (!inserted)
        reader.report(
            path + ".agency",
            "agency " + in_quotes(participant->agency) + " is listed already (" + first->second +
                ")",
            meaning_of(meetings_meaning::kParticipantTwice, {participant->agency, first->second}));
    }
    participants.push_back(std::move(*participant));
  }
  return participants;
}

json participants_to_json(const std::vector<Participant>& participants) {
  json list = json::array();
  for (const Participant& participant : participants)
    list.push_back(
        {{"agency", participant.agency}, {"role", std::string{to_string(participant.role)}}});
  return list;
}

std::vector<Participant> standing_participants(const Plan& plan, const Task& task) {
  if (!task.participants.empty()) return task.participants;
  if (task.kind == TaskKind::meeting) return plan.participants;
  return {};
}

Result<std::vector<Participant>> occurrence_participants(
    const std::vector<Participant>& standing, const std::vector<ParticipantChange>& changes) {
  std::vector<Participant> participants = standing;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const ParticipantChange& change = changes[i];
    const std::string where = "changes[" + std::to_string(i) + "]: ";
    const auto found = std::find_if(
        participants.begin(), participants.end(),
        [&](const Participant& participant) { return participant.agency == change.agency; });
    if (change.kind == ParticipantChange::Kind::drop) {
      if (found == participants.end())
        return Error{
            where + "drop " + in_quotes(change.agency) + ": not a participant of the occurrence",
            ErrorCode::invalid, meaning_of(meetings_meaning::kNotAParticipant, {change.agency})};
      participants.erase(found);
      continue;
    }
    if (found != participants.end()) {
      found->role = change.role;
      continue;
    }
    if (participants.size() == kMaxParticipants)
      return Error{
          where + "add " + in_quotes(change.agency) + ": expected at most " +
              std::to_string(kMaxParticipants) + " participants",
          ErrorCode::invalid,
          meaning_of(meetings_meaning::kTooManyParticipants,
                     {std::to_string(kMaxParticipants), std::to_string(kMaxParticipants + 1)})};
    participants.push_back({change.agency, change.role});
  }
  return participants;
}

std::vector<Participant> occurrence_participants_for(
    const Plan& plan, const Occurrence& occurrence, const std::vector<ParticipantChange>& changes) {
  std::vector<Participant> participants = standing_participants(plan, *occurrence.task);
  if (occurrence.task->kind != TaskKind::meeting) return participants;
  for (const ParticipantChange& change : changes)
    if (auto applied = occurrence_participants(participants, {change}))
      participants = std::move(*applied);
  return participants;
}

bool invites_any(const std::vector<Participant>& participants,
                 const std::vector<std::string>& agencies) {
  return std::any_of(participants.begin(), participants.end(), [&](const Participant& participant) {
    return std::find(agencies.begin(), agencies.end(), participant.agency) != agencies.end();
  });
}

std::vector<std::string> unknown_participants(const Plan& plan,
                                              const std::vector<Agency>& agencies) {
  std::set<std::string, std::less<>> known;
  for (const Agency& agency : agencies) known.insert(agency.name);
  std::set<std::string> unknown;
  const auto look_at = [&](const std::vector<Participant>& participants) {
    for (const Participant& participant : participants)
      if (!known.contains(participant.agency)) unknown.insert(participant.agency);
  };
  look_at(plan.participants);
  for (const Task& task : plan.tasks) look_at(task.participants);
  return {unknown.begin(), unknown.end()};
}

}  // namespace torikumi
