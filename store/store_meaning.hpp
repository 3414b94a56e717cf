#pragma once

// The meanings (engine/base/meaning.hpp) of the store's refusals that a page can show, each with
// the subjects it names in order. An occurrence is named by its id, a day as 2026-06-30, an
// instant as the store's messages write it, a fiscal year as 2026-04-01..2027-03-31.

#include <string_view>

namespace torikumi::store::store_meaning {

// A plan written against a revision that is no longer the latest: the plan, its revision now,
// the one expected.
inline constexpr std::string_view kStaleRevision = "store.stale_revision";
// A new plan whose id is taken: the plan, its revision.
inline constexpr std::string_view kPlanExists = "store.plan_exists";
// A plan written against a revision, and no longer stored: the plan.
inline constexpr std::string_view kPlanGone = "store.plan_gone";
inline constexpr std::string_view kUnknownPlan = "store.unknown_plan";  // the plan
inline constexpr std::string_view kUnknownTask = "store.unknown_task";  // the task, the plan
inline constexpr std::string_view kUnknownKpi = "store.unknown_kpi";    // the KPI, the plan
inline constexpr std::string_view kUnknownNote = "store.unknown_note";  // the note's number
// the occurrence, the day it was completed, by whom.
inline constexpr std::string_view kDoneAlready = "store.done_already";
// the occurrence, its status (skipped or cancelled), the reason given.
inline constexpr std::string_view kClosedAlready = "store.closed_already";
// a completion's day, the fiscal year, the occurrence.
inline constexpr std::string_view kCompletionOutsideYear = "store.completion_outside_year";
// a schedule's day, the fiscal year, the occurrence.
inline constexpr std::string_view kStartOutsideYear = "store.start_outside_year";
// the end, the start, the occurrence.
inline constexpr std::string_view kEndNotAfterStart = "store.end_not_after_start";
inline constexpr std::string_view kNoteNeedsText = "store.note_needs_text";  // (none)
// the period, then each period of the plan.
inline constexpr std::string_view kUnknownPeriod = "store.unknown_period";
inline constexpr std::string_view kKpiNotFinite = "store.kpi_not_finite";  // (none)
// an activity logged for a task that is not as-needed: the plan/task, its kind.
inline constexpr std::string_view kNotAsNeeded = "store.not_as_needed";
// a token or a subscription revoked already: "token" or "subscription", its number.
inline constexpr std::string_view kRevokedAlready = "store.revoked_already";

// The directory's refusals; an entry is named by its owner, empty for the entry of the owners not
// listed. An owner's name refused is directory_meaning's (engine/plan/directory.hpp).
inline constexpr std::string_view kEntryNeedsRecipient = "store.entry_needs_recipient";  // owner
// owner, the list (recipients or escalation), its limit, how many it has.
inline constexpr std::string_view kTooManyPeople = "store.too_many_people";
inline constexpr std::string_view kEmailRefused = "store.email_refused";  // owner, the address
// owner, the limit in bytes.
inline constexpr std::string_view kRecipientNameTooLong = "store.recipient_name_too_long";
inline constexpr std::string_view kNotInDirectory = "store.not_in_directory";  // owner
// A whole directory replaced by one without an entry.
inline constexpr std::string_view kEmptyDirectory = "store.empty_directory";  // (none)

// Agencies' refusals (an agency is named like an owner; its list of people is "members").
inline constexpr std::string_view kUnknownAgency = "store.unknown_agency";  // the name
// A member whose last day comes before their first: the agency, the member's address.
inline constexpr std::string_view kLeavesBeforeJoining = "store.leaves_before_joining";
inline constexpr std::string_view kNoAgencies = "store.no_agencies";  // an import of none

// Meetings' refusals (store/meetings.cpp).
// An answer or a counter-proposal whose reply token no invitation has: (none).
inline constexpr std::string_view kUnknownReplyToken = "store.unknown_reply_token";
// An answer from an attendee dropped from the meeting since: the occurrence.
inline constexpr std::string_view kNoLongerInvited = "store.no_longer_invited";
// A send made against an invitation another send changed meanwhile: the occurrence.
inline constexpr std::string_view kInvitationChanged = "store.invitation_changed";
inline constexpr std::string_view kUnknownCounter = "store.unknown_counter";  // its number
// A counter-proposal accepted or declined already: its number.
inline constexpr std::string_view kCounterDecided = "store.counter_decided";

// A calendar subscription's scope (Access::create_subscription; an unknown plan is kUnknownPlan,
// an unknown agency kUnknownAgency).
inline constexpr std::string_view kOwnerFeedNeedsPlan = "store.owner_feed_needs_plan";  // (none)
inline constexpr std::string_view kPlanOrOrganisation = "store.plan_or_organisation";   // (none)
inline constexpr std::string_view kFeedNeedsScope = "store.feed_needs_scope";           // (none)
inline constexpr std::string_view kNoTaskOfOwner = "store.no_task_of_owner";  // owner, plan
// the organisation.
inline constexpr std::string_view kNoPlanOfOrganisation = "store.no_plan_of_organisation";
// A person's subscription for an address no agency member has: the address.
inline constexpr std::string_view kNoMemberWithAddress = "store.no_member_with_address";
// The token a row is made with, revoked meanwhile: its number.
inline constexpr std::string_view kMakerRevoked = "store.maker_revoked";

}  // namespace torikumi::store::store_meaning
