#pragma once

// What to send for a meeting occurrence's invitation (招待): the messages that bring the people
// who hold it up to date with the meeting as it is now. Each meeting occurrence is one invitation
// (one UID): answers, participants, moves and cancellations are all per occurrence, and Outlook
// reads a single event best. The store keeps what was last sent (SentInvitation); this compares
// it with what the occurrence and its participants say now (DesiredInvitation) and says which
// REQUESTs and CANCELs to send, with which SEQUENCE (RFC 5546 §2.1.4, notes/itip-interop.md 3).

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/meetings/participants.hpp"

namespace torikumi {

// One person an invitation goes to: a current member of a participating agency.
struct InvitedPerson {
  std::string email;  // normalised (the domain lower-cased)
  std::string name;
  std::string agency;
  ParticipantRole role = ParticipantRole::required;  // their agency's
  bool operator==(const InvitedPerson&) const = default;
};

// What attendees' calendars show of a meeting: a change of any of these raises SEQUENCE.
struct MeetingShape {
  std::string title;
  date::sys_seconds start{};
  date::sys_seconds end{};
  std::string place;
  bool cancelled = false;  // the occurrence was cancelled (or skipped): STATUS:CANCELLED
  bool operator==(const MeetingShape&) const = default;
};

// What was last sent, as the store keeps it.
struct SentInvitation {
  std::uint32_t sequence = 0;
  MeetingShape shape;
  std::vector<InvitedPerson> attendees;  // those invited and not since dropped
  bool operator==(const SentInvitation&) const = default;
};

// The meeting and its people now.
struct DesiredInvitation {
  MeetingShape shape;
  std::vector<InvitedPerson> attendees;  // each email once
  bool operator==(const DesiredInvitation&) const = default;
};

enum class InvitationSend {
  changes,  // only what changed since the last send (nothing for an invitation never sent)
  first,    // a first send: every attendee gets a REQUEST; after one, as `changes`
  all,      // send again: every attendee gets a REQUEST at the current SEQUENCE (or CANCEL)
};

// The messages to send. A REQUEST lists every attendee of `attendees`; a CANCEL of the meeting
// goes to all of them; an attendee's CANCEL goes to that attendee alone.
struct InvitationMessages {
  std::uint32_t sequence = 0;                // of every message here, and of the invitation after
  std::vector<InvitedPerson> attendees;      // the invitation's attendees after sending
  std::vector<InvitedPerson> requests;       // each gets a REQUEST
  std::vector<InvitedPerson> cancellations;  // each gets a CANCEL of the meeting
  std::vector<InvitedPerson> dropped;        // each gets a CANCEL for them alone
  bool update = false;  // the REQUESTs are updates of a changed meeting (not a first invitation)
  bool empty() const { return requests.empty() && cancellations.empty() && dropped.empty(); }
  bool operator==(const InvitationMessages&) const = default;
};

// The rules, in order:
// - never sent: with `changes`, nothing; else a REQUEST to each attendee at SEQUENCE 0 (none when
//   the meeting is cancelled already);
// - cancelled now, and not when last sent: a CANCEL to each attendee sent to, SEQUENCE raised;
//   cancelled then and now: nothing (with `all`, the CANCEL again at the same SEQUENCE);
// - no longer cancelled (an undo): a REQUEST to each attendee, SEQUENCE raised;
// - the title, time or place changed: a REQUEST to each attendee, SEQUENCE raised, and a CANCEL to
//   each attendee dropped;
// - else: a REQUEST to each attendee new since the last send, a CANCEL to each dropped one, at
//   the same SEQUENCE (an attendee list is not what SEQUENCE is raised for); with `all`, a
//   REQUEST to every attendee.
InvitationMessages plan_invitation_messages(const std::optional<SentInvitation>& sent,
                                            const DesiredInvitation& desired, InvitationSend send);

}  // namespace torikumi
