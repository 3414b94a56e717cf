#pragma once

// The meanings (engine/base/meaning.hpp) of what the meetings module says of agencies and their
// members (read_agencies), of meetings' participants (read_participants,
// occurrence_participants) and of meeting types (read_meeting_types), each with the subjects it
// names in order.

#include <string_view>

namespace torikumi::meetings_meaning {

// An agency's kind: the kind as written, then each kind expected.
inline constexpr std::string_view kUnknownKind = "agency.unknown_kind";
inline constexpr std::string_view kUnknownRole = "agency.unknown_role";    // the role as written
inline constexpr std::string_view kAgencyTwice = "agency.listed_twice";    // the agency's name
inline constexpr std::string_view kEmailRefused = "agency.email_refused";  // the text
inline constexpr std::string_view kNameTooLong = "agency.name_too_long";   // the limit in bytes
inline constexpr std::string_view kTooManyMembers = "agency.too_many_members";  // the limit
inline constexpr std::string_view kTooManyAgencies = "agency.too_many";         // the limit
// A member who leaves before joining: until, since (YYYY-MM-DD).
inline constexpr std::string_view kUntilBeforeSince = "agency.until_before_since";

// Participants on a task that is not a meeting: the task's kind (campaign).
inline constexpr std::string_view kParticipantsNeedMeeting = "participant.needs_meeting";
// An agency a list of participants has twice: the agency, the path of the first
// (plan.participants[0]).
inline constexpr std::string_view kParticipantTwice = "participant.listed_twice";
inline constexpr std::string_view kUnknownParticipantRole = "participant.unknown_role";  // the role
// A list of participants over the bound: the limit, the count.
inline constexpr std::string_view kTooManyParticipants = "participant.too_many";
// An occurrence's drop of an agency it does not have: the agency.
inline constexpr std::string_view kNotAParticipant = "participant.not_present";

// Meeting types (read_meeting_types, a task's meeting_type): items another word (the word);
// more than the bound (the limit, the count); a plan's type with a
// built-in's name (the name); a type listed twice (the name, the path of the first); a task's
// type that is none of the plan's or the built-ins (the name); a type on a task that is no
// meeting (the task's kind).
inline constexpr std::string_view kUnknownItemVisibility = "meeting_type.unknown_items";
inline constexpr std::string_view kTooManyMeetingTypes = "meeting_type.too_many";
inline constexpr std::string_view kBuiltinMeetingType = "meeting_type.builtin";
inline constexpr std::string_view kMeetingTypeTwice = "meeting_type.listed_twice";
inline constexpr std::string_view kUnknownMeetingType = "meeting_type.unknown";
inline constexpr std::string_view kMeetingTypeNeedsMeeting = "meeting_type.needs_meeting";

// Agenda items (settle_agenda_item, the store's agenda): a title blank, over the bound (the limit
// in bytes) or not one line; a time box out of range (the limit, the minutes); a presenter that
// takes no part (the agency); an agency named to see an item that takes no part (the agency); an
// item for named agencies that names none; an occurrence's agenda full (the limit); an item that
// is not there (its number); a carry-over from another meeting (the item's occurrence); a move to
// a place the agenda has not (the position, the items).
// An agenda for an occurrence of a task that is no meeting: the task's kind.
inline constexpr std::string_view kAgendaNeedsMeeting = "agenda.needs_meeting";
inline constexpr std::string_view kAgendaTitleNeeded = "agenda.title_needed";
inline constexpr std::string_view kAgendaTitleTooLong = "agenda.title_too_long";
inline constexpr std::string_view kAgendaTitleNotOneLine = "agenda.title_not_one_line";
inline constexpr std::string_view kAgendaMinutes = "agenda.minutes_range";
inline constexpr std::string_view kPresenterNotParticipant = "agenda.presenter_not_participant";
inline constexpr std::string_view kItemAgencyNotParticipant = "agenda.agency_not_participant";
inline constexpr std::string_view kItemNeedsAgencies = "agenda.needs_agencies";
inline constexpr std::string_view kTooManyAgendaItems = "agenda.too_many";
inline constexpr std::string_view kUnknownAgendaItem = "agenda.unknown_item";
inline constexpr std::string_view kCarryFromOtherMeeting = "agenda.carry_other_meeting";
inline constexpr std::string_view kAgendaPosition = "agenda.position_range";
// Attendance (check_attendance): an address listed twice (the address); a proxy without a name, or
// one too long or not one line (the person's name, the limit in bytes).
inline constexpr std::string_view kAttendanceTwice = "attendance.listed_twice";
inline constexpr std::string_view kProxyNameNeeded = "attendance.proxy_name";
// Minutes: a write the minutes' state does not allow (the state: none, draft, submitted,
// approved); an outcome over the bound (the limit in bytes); a correction without a reason.
inline constexpr std::string_view kMinutesState = "minutes.state";
inline constexpr std::string_view kOutcomeTooLong = "minutes.outcome_too_long";
inline constexpr std::string_view kCorrectionReason = "minutes.correction_reason";
// Actions (settle_action): what is blank, too long or not one line (the limit in bytes); an owner
// that takes no part (the agency); due before the meeting (the due day, the meeting's day).
inline constexpr std::string_view kActionWhat = "action.what";
inline constexpr std::string_view kActionOwner = "action.owner";
inline constexpr std::string_view kActionDue = "action.due_before_meeting";
// An action that is not there, done already, or open (each its number); too many (the limit).
inline constexpr std::string_view kUnknownAction = "action.unknown";
inline constexpr std::string_view kActionDoneAlready = "action.done_already";
inline constexpr std::string_view kActionOpen = "action.open";
inline constexpr std::string_view kTooManyActions = "action.too_many";
// A change to an action the writer may not see: the action's number.
inline constexpr std::string_view kActionNotSeen = "action.not_seen";
// A change to an item the writer may not see: the item's number.
inline constexpr std::string_view kItemNotSeen = "agenda.not_seen";
// An item carried over into an occurrence that has it already: the item's number.
inline constexpr std::string_view kCarriedAlready = "agenda.carried_already";

}  // namespace torikumi::meetings_meaning
