#pragma once

// iCalendar feeds (RFC 5545) of a plan's occurrences, for Outlook, Google, Apple and Thunderbird
// to subscribe to: one plan (optionally filtered by owner, kind or period), an organisation's
// plans together, or the meetings an agency (or a person's agencies) takes part in across plans.
// Every feed is PUBLISH without ORGANIZER or ATTENDEE: no client offers a reply nobody reads.
// docs/calendars.md describes the mapping and what each client shows.

#include <date/date.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendars/occurrence_state.hpp"
#include "engine/base/result.hpp"
#include "engine/meetings/action.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"

namespace torikumi::calendars {

// Which occurrences a feed shows; an unset field lets everything through.
struct FeedFilter {
  std::optional<std::string> owner;  // 担当, exactly as the plan writes it
  std::optional<TaskKind> kind;
  std::optional<std::string> period;  // a period name; a span is in every period it overlaps
  // Agencies by name: the meetings one of them takes part in (occurrence_participants_for,
  // engine/meetings/participants.hpp). Empty: nothing passes.
  std::optional<std::vector<std::string>> invited{};
  bool operator==(const FeedFilter&) const = default;
};

// Whether windows, spans and deadlines also get a VTODO for task-aware clients.
enum class TodoTwins { include, omit };

struct FeedOptions {
  FeedFilter filter;
  TodoTwins todos = TodoTwins::include;
  // The dashboard's address (https://torikumi.example.jp); each event links to its page there.
  // Empty: no links.
  std::string base_url;
  // DTSTAMP, and LAST-MODIFIED of what has no change of its own. Unset: the latest change among
  // the states, else midnight (plan zone) of the fiscal year's first day, so the same state
  // always gives the same bytes.
  std::optional<date::sys_seconds> last_modified;
  // A VALARM this long before each meeting that is not done or cancelled; unset: none.
  std::optional<std::chrono::minutes> meeting_alarm = std::chrono::minutes{24 * 60};
  // How often subscribers should fetch again (REFRESH-INTERVAL and X-PUBLISHED-TTL).
  std::chrono::minutes refresh_interval{12 * 60};
  std::string product_id = "-//torikumi//torikumi//JA";
  std::string uid_domain = "torikumi";  // UIDs are `<occurrence or series id>@<uid_domain>`
};

// A plan, its expansion and what has happened to its occurrences.
struct PlanFeedSource {
  const Plan* plan = nullptr;
  const Expansion* expansion = nullptr;      // from expand_plan(*plan, ...)
  const OccurrenceStates* states = nullptr;  // may be null: every occurrence open
  // The actions its meetings raised (RecordedState::actions); may be null: none. Each is an
  // all-day event on its due day (and a VTODO twin), named generically: 宿題（owner）: the
  // meeting's title, never what it says; CLASS:CONFIDENTIAL when raised from an item for named
  // agencies or at a meeting of a confidential type.
  const std::vector<MeetingAction>* actions = nullptr;
};

// The feed of one plan, with its meetings' actions unless the filter names an owner or a kind (a
// period filter shows those due in it). Fails when the filter names a period the plan does not
// have, or the plan's zone is unknown.
Result<std::string> render_plan_feed(const PlanFeedSource& source, const FeedOptions& options);

// One feed of several plans of an organisation, named after it. The filter applies to each
// plan (a period filter to those that have that period). Every distinct zone gets a VTIMEZONE.
Result<std::string> render_organisation_feed(std::string_view organisation,
                                             std::span<const PlanFeedSource> plans,
                                             const FeedOptions& options);

// The meetings `agency` takes part in, across `plans` (every plan of the city): each as the plan's
// feed writes it (same UID, SEQUENCE and LAST-MODIFIED), named 「<agency>の会議」, with the
// actions the agency owns. Only the plans with such a meeting or action are shown, each with one
// VTIMEZONE per zone, and DTSTAMP follows the latest change of what is shown.
// options.filter.invited is set to the agency.
Result<std::string> render_agency_feed(std::string_view agency,
                                       std::span<const PlanFeedSource> plans,
                                       const FeedOptions& options);

// A person's meetings: those of `agencies` (the ones they are a current member of: find_person,
// engine/meetings/agency.hpp), as render_agency_feed shows an agency's, named 「<person>の会議」.
// No agencies: a calendar without events that says so.
Result<std::string> render_person_feed(std::string_view person,
                                       const std::vector<std::string>& agencies,
                                       std::span<const PlanFeedSource> plans,
                                       const FeedOptions& options);

}  // namespace torikumi::calendars
