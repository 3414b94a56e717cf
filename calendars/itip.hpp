#pragma once

// The people of an iTIP message (RFC 5546): the organiser and the attendees of an invitation,
// with an attendee's role and answer, as invitation.hpp writes them and itip_reply.hpp reads
// them. Values of the calendars module, free of any meetings module and of libical.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::calendars {

// Someone who sends or receives invitations: CN and a mailto: address.
struct Person {
  std::string name;   // CN; may be Japanese, may be empty
  std::string email;  // without mailto:, as normalise_email gives it
  bool operator==(const Person&) const = default;
};

// ROLE: the 会長/事務局 chairs (CHAIR), a required agency (REQ-PARTICIPANT), an optional one
// (OPT-PARTICIPANT).
enum class AttendeeRole { chair, required, optional };

// PARTSTAT of a VEVENT's attendee: no answer yet, or the answer; delegated is 代理 (someone else
// goes, named by DELEGATED-TO).
enum class PartStat { needs_action, accepted, declined, tentative, delegated };

// RSVP: whether the organiser asks for an answer.
enum class AnswerWanted { yes, no };

struct Attendee {
  Person person;
  AttendeeRole role = AttendeeRole::required;
  PartStat partstat = PartStat::needs_action;
  AnswerWanted rsvp = AnswerWanted::yes;
  std::vector<std::string> delegated_to{};    // DELEGATED-TO addresses (normalised)
  std::vector<std::string> delegated_from{};  // DELEGATED-FROM addresses (normalised)
  bool operator==(const Attendee&) const = default;
};

// The ROLE parameter's value: CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT.
std::string_view role_text(AttendeeRole role);
// The PARTSTAT parameter's value: NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, DELEGATED.
std::string_view partstat_text(PartStat partstat);
// A PARTSTAT value of a VEVENT, in any case; nullopt for another (COMPLETED, IN-PROCESS, X-...).
std::optional<PartStat> parse_partstat(std::string_view text);

// An address as compared and stored: surrounding blanks and a mailto: prefix (any case) removed,
// the domain in lower case; the local part kept as written (RFC 5321 lets it be case-sensitive).
// `mailto:Tanaka@Ward.Example.JP` → `Tanaka@ward.example.jp`.
std::string normalise_email(std::string_view address);

// The UID of an invitation: `<meeting>@invitations.<host>`, where `meeting` is an occurrence id
// (`higashi/meeting/2026-06`) or a plan's series (`higashi/kyosei`) and `host` the office's
// domain. Feed UIDs end in `@torikumi` (feed.hpp), and no host is empty, so the two can never
// be equal: a person who subscribes to the feed and gets the invitation sees two entries, not
// one event overwritten by the other. Fails on an empty meeting or host, or one with `@` or a
// blank: `invitation uid: host "" must be a domain name`.
Result<std::string> invitation_uid(std::string_view meeting, std::string_view host);

}  // namespace torikumi::calendars
