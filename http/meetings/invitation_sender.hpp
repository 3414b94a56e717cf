#pragma once

// Sending a meeting occurrence's invitation (docs/meetings.md): who it goes to now (the
// occurrence's participants, each agency's current members with an address), what must be sent
// to bring everyone up to date (engine/meetings/invitation_plan.hpp), the iTIP calendars
// (calendars/invitation.hpp) and one item per recipient (mail/invitation_mail.hpp), entered in
// the outbox with the invitation's new state in one transaction (Store::record_invitation). The
// dispatcher then POSTs them like reminders: retried, never lost, never sent twice by our fault.

#include <date/date.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "calendars/itip.hpp"
#include "engine/base/language.hpp"
#include "engine/base/result.hpp"
#include "engine/meetings/invitation_plan.hpp"
#include "engine/plan/config.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "store/store.hpp"

namespace torikumi::http {

// What sending needs beyond the store and the plan: the config's and the server's.
struct InvitationSettings {
  calendars::Person organizer;  // From and ORGANIZER: a mailbox the office reads
  std::string reply_domain;     // rsvp+TOKEN@reply_domain, and the invitations' UID host
  HttpUrl base_url;             // where links point
  Language language = Language::japanese;
  std::vector<std::string> endpoints;  // the webhook URLs every message is POSTed to
  std::string link_key;                // Store::server_key(kAnswerLinkKeyName)
};

// What the config says of invitations (meetings.organizer, meetings.reply_domain, webhooks): the
// part of InvitationSettings that does not change while the server runs.
struct MeetingsOptions {
  calendars::Person organizer;
  std::string reply_domain;
  std::vector<std::string> endpoints;
  Language language = Language::japanese;
  InboundSettings inbound{};  // how the gateway's replies are known (POST /inbound/email)
  bool operator==(const MeetingsOptions&) const = default;
};

// The settings a send needs: `options`, the links' base and the answer links' key (made and kept
// by the store on first use, at `now`). Errors: the store's; a base that is no http(s) URL.
Result<InvitationSettings> invitation_settings(const MeetingsOptions& options, store::Store& store,
                                               std::string_view base_url, date::sys_seconds now);

// Who a meeting occurrence invites now, and what they are invited to.
struct MeetingInvitees {
  DesiredInvitation desired;
  std::vector<Participant> participants;  // standing, with the occurrence's changes
  // Participants that reach nobody: an agency not among the agencies, or one with no current
  // member with an address. Named, each once, in the participants' order.
  std::vector<std::string> unreached;
};

// The occurrence's meeting and invitees from the plan's snapshot, the store's changes of its
// participants and the agencies, their members current on `day`. Errors: no such occurrence in
// the snapshot (not_found), one of a task that is not a meeting, a meeting without a time.
Result<MeetingInvitees> meeting_invitees(const PlanSnapshot& snapshot,
                                         std::string_view occurrence_id,
                                         const std::vector<ParticipantChange>& changes,
                                         const std::vector<Agency>& agencies, date::sys_days day);

struct InvitationRequest {
  std::string occurrence;
  InvitationSend send = InvitationSend::changes;
  std::string comment;  // the organiser's words in the messages (a reason to cancel); may be empty
};

struct InvitationOutcome {
  InvitationMessages messages;  // what was sent (empty: nothing needed sending)
  std::size_t entered = 0;      // items entered in the outbox, one per recipient
  std::vector<std::string> unreached;
};

// Sends what the occurrence's invitation needs now, at actor.at. Errors: those of
// meeting_invitees; no endpoint or organiser configured; nobody to invite on a first send; a
// calendar or message that cannot be written; the store's (a conflict when another send came in
// between).
Result<InvitationOutcome> send_invitation(store::Store& store, const PlanSnapshot& snapshot,
                                          const InvitationSettings& settings,
                                          const InvitationRequest& request,
                                          const store::Actor& actor);

// Turns down an open counter-proposal: a DECLINECOUNTER to the one who made it, with `comment`.
// Errors: the store's (no such counter, decided already), and as send_invitation.
Status decline_counter(store::Store& store, const PlanSnapshot& snapshot,
                       const InvitationSettings& settings, std::int64_t counter_id,
                       std::string_view comment, const store::Actor& actor);

// Every stored invitation of the plan whose meeting is not over by `actor.at` brought up to date
// (InvitationSend::changes): what the dispatcher does each pass, so a change made anywhere (the
// CLI, another server) reaches the attendees. Returns the items entered; a failure of one
// invitation does not stop the others (its message goes to `problems`).
Result<std::size_t> follow_invitations(store::Store& store, const PlanSnapshot& snapshot,
                                       const InvitationSettings& settings,
                                       const store::Actor& actor,
                                       std::vector<std::string>& problems);

}  // namespace torikumi::http
