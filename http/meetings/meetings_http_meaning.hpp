#pragma once

// The meanings (engine/base/meaning.hpp) of what the meetings' HTTP parts refuse: answer links,
// the invitation sender and the meeting and answer pages' forms, each with the subjects it names
// in order.

#include <string_view>

namespace torikumi::http::meetings_http_meaning {

inline constexpr std::string_view kLinkMalformed = "answer.malformed";  // (none)
inline constexpr std::string_view kLinkForged = "answer.forged";        // (none)
inline constexpr std::string_view kLinkExpired = "answer.expired";      // the last day
// The sender: an occurrence that is no meeting (the occurrence), a meeting without a time (the
// occurrence), no webhook endpoint to send through, no organiser in the config.
inline constexpr std::string_view kNotAMeeting = "invitation.not_a_meeting";
inline constexpr std::string_view kNoMeetingTime = "invitation.no_time";
inline constexpr std::string_view kNoEndpoint = "invitation.no_endpoint";
inline constexpr std::string_view kNoOrganizer = "invitation.no_organizer";
// A send that reaches nobody: no participant agency has a current member with an address.
inline constexpr std::string_view kNobodyToInvite = "invitation.nobody";
// The meeting page's forms: an answer taken by phone or FAX without an answer or a channel;
// a change of participants without a kind or a role; a counter-proposal's decision without its
// number or accept/decline (none of them names a subject); an answer for an address the
// invitation does not have (the address).
inline constexpr std::string_view kOfficeAnswerForm = "meeting.office_answer_form";
inline constexpr std::string_view kParticipantChangeForm = "meeting.participant_change_form";
inline constexpr std::string_view kCounterDecisionForm = "meeting.counter_decision_form";
inline constexpr std::string_view kNotInvited = "meeting.not_invited";
// The agenda form without what to do, or an item's number for up, down, remove or carry (none).
inline constexpr std::string_view kAgendaForm = "meeting.agenda_form";
// The actions form without what to do, or an action's number for done, reopen or remove; a due
// day that is no date (none of them names a subject).
inline constexpr std::string_view kActionsForm = "meeting.actions_form";
inline constexpr std::string_view kActionDueDay = "meeting.action_due_day";
// The attendance form with a presence that is none of the three; the minutes form without what to
// do; an approval by a token below the secretariat (none of them names a subject).
inline constexpr std::string_view kAttendanceForm = "meeting.attendance_form";
inline constexpr std::string_view kMinutesForm = "meeting.minutes_form";
inline constexpr std::string_view kApproveNeedsSecretariat = "meeting.approve_needs_secretariat";
// The answer page's form without an answer (none); an answer to a cancelled meeting (none).
inline constexpr std::string_view kLinkAnswerForm = "answer.form";
inline constexpr std::string_view kAnsweredCancelled = "answer.cancelled";

}  // namespace torikumi::http::meetings_http_meaning
