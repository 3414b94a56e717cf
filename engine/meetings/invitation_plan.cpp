#include "engine/meetings/invitation_plan.hpp"

#include <algorithm>

namespace torikumi {

namespace {

bool lists(const std::vector<InvitedPerson>& people, const std::string& email) {
  return std::any_of(people.begin(), people.end(),
                     [&](const InvitedPerson& person) { return person.email == email; });
}

// Those of `from` whose address `other` does not have, in `from`'s order.
std::vector<InvitedPerson> missing_from(const std::vector<InvitedPerson>& from,
                                        const std::vector<InvitedPerson>& other) {
  std::vector<InvitedPerson> missing;
  for (const InvitedPerson& person : from)
    if (!lists(other, person.email)) missing.push_back(person);
  return missing;
}

bool same_meeting(const MeetingShape& a, const MeetingShape& b) {
  return a.title == b.title && a.start == b.start && a.end == b.end && a.place == b.place;
}

}  // namespace

InvitationMessages plan_invitation_messages(const std::optional<SentInvitation>& sent,
                                            const DesiredInvitation& desired, InvitationSend send) {
  InvitationMessages messages;
  if (!sent) {
    if (send == InvitationSend::changes || desired.shape.cancelled) return messages;
    messages.attendees = desired.attendees;
    messages.requests = desired.attendees;
    return messages;
  }

  messages.sequence = sent->sequence;
  if (desired.shape.cancelled) {
    messages.attendees = sent->attendees;
    if (!sent->shape.cancelled) {
      messages.sequence = sent->sequence + 1;
      messages.cancellations = sent->attendees;
    } else if (send == InvitationSend::all) {
      messages.cancellations = sent->attendees;
    }
    return messages;
  }

  messages.attendees = desired.attendees;
  const std::vector<InvitedPerson> dropped = missing_from(sent->attendees, desired.attendees);
  if (sent->shape.cancelled || !same_meeting(sent->shape, desired.shape)) {
    messages.sequence = sent->sequence + 1;
    messages.requests = desired.attendees;
    messages.dropped = dropped;
    messages.update = true;
    return messages;
  }
  messages.dropped = dropped;
  if (send == InvitationSend::all) {
    messages.requests = desired.attendees;
  } else {
    messages.requests = missing_from(desired.attendees, sent->attendees);
  }
  return messages;
}

}  // namespace torikumi
