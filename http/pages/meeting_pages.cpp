// A meeting occurrence's page (meeting_routes in page_routes.hpp; docs/meetings.md): the meeting,
// its participants with each person's answer and how it came, the counter-proposals, and what
// was sent when. Editors send and resend the invitation, record an answer given by phone or FAX,
// change this meeting's participants, and accept or decline a proposed time. Viewers see the
// agencies' answers, not the people's addresses.

#include <httplib.h>

#include <algorithm>
#include <charconv>

#include "engine/calendar/time_text.hpp"
#include "engine/meetings/action.hpp"
#include "engine/meetings/agenda.hpp"
#include "engine/meetings/answers.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/progress/tracked_actions.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "http/api/writes.hpp"
#include "http/contract/routes.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/meetings/meetings_http_meaning.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"
#include "store/secrets.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::http {

namespace {

using templates::View;
using Fields = std::map<std::string, std::string>;

constexpr std::string_view kMeetingSend = R"(/meetings/(.+)/send)";
constexpr std::string_view kMeetingAnswer = R"(/meetings/(.+)/answer)";
constexpr std::string_view kMeetingCounter = R"(/meetings/(.+)/counter)";
constexpr std::string_view kMeetingParticipants = R"(/meetings/(.+)/participants)";
constexpr std::string_view kMeetingAgenda = R"(/meetings/(.+)/agenda)";
constexpr std::string_view kMeetingAttendance = R"(/meetings/(.+)/attendance)";
constexpr std::string_view kMeetingMinutes = R"(/meetings/(.+)/minutes)";
constexpr std::string_view kMeetingActions = R"(/meetings/(.+)/actions)";
constexpr std::string_view kAttendanceSheet = R"(/meetings/(.+)/attendance-sheet)";
constexpr std::string_view kMinutesPrint = R"(/meetings/(.+)/minutes-print)";
constexpr std::string_view kMeetingLabel = "/meetings/{occurrence}";

std::string label_of(Language language, std::string_view prefix, std::string_view value) {
  return std::string{page::label(language, std::string{prefix} + std::string{value})};
}

std::string page_path(std::string_view occurrence) {
  return std::string{routes::kMeetingsPrefix} + std::string{occurrence};
}

// The plan of an occurrence id: what comes before its first '/'.
std::string plan_of(std::string_view occurrence) {
  return std::string{occurrence.substr(0, occurrence.find('/'))};
}

// Everything the page shows, read under the store's lock.
struct MeetingFacts {
  std::optional<store::StoredInvitation> invitation;
  std::vector<store::StoredCounter> counters;
  std::vector<store::SentMessage> messages;
  std::vector<Agency> agencies;
  MeetingInvitees invitees;
  std::vector<AgendaItem> agenda;
  // The nearest earlier occurrence of the same meeting with items, and those of its items not
  // carried over here yet.
  const Occurrence* previous = nullptr;
  std::vector<AgendaItem> to_carry;
  std::vector<Attendance> attendance;
  std::vector<store::MinutesVersion> minutes;  // oldest first
};

// The people whose attendance is taken: those the invitation went to and still invites, else
// those it would invite.
std::vector<InvitedPerson> attendees_of(const MeetingFacts& facts) {
  std::vector<InvitedPerson> people;
  if (facts.invitation) {
    for (const store::StoredAttendee& attendee : facts.invitation->attendees)
      if (attendee.invited) people.push_back(attendee.person);
    return people;
  }
  return facts.invitees.desired.attendees;
}

// The count of the attendance recorded, or none when nothing was.
std::optional<AttendanceCount> recorded_count(const MeetingFacts& facts) {
  if (facts.attendance.empty()) return std::nullopt;
  return count_attendance(facts.attendance);
}

// What the progress section will say of the meeting once its minutes are approved.
std::string note_of(const MeetingFacts& facts, const PlanZone& zone) {
  const MeetingShape& shape = facts.invitees.desired.shape;
  return held_note(shape.title, zone.local_day(shape.start), recorded_count(facts));
}

std::string version_words(int version, Language language) {
  std::string words{page::label(language, "minutes_version")};
  const auto mark = words.find("{}");
  if (mark != std::string::npos) words.replace(mark, 2, std::to_string(version));
  return words;
}

// The occurrence of the same meeting (series, or task) before `occurrence` that is nearest to it,
// if any.
const Occurrence* previous_occurrence(const PlanSnapshot& snapshot, const Occurrence& occurrence) {
  const Occurrence* previous = nullptr;
  for (const Occurrence& other : snapshot.expansion.occurrences)
    if (activity_id(*other.task) == activity_id(*occurrence.task) &&
        other.start < occurrence.start && (!previous || previous->start < other.start))
      previous = &other;
  return previous;
}

Result<MeetingFacts> read_facts(store::Store& store, const PlanSnapshot& snapshot,
                                const std::string& occurrence, date::sys_seconds now) {
  MeetingFacts facts;
  auto invitation = store.invitation(occurrence);
  if (!invitation) return invitation.error();
  facts.invitation = std::move(*invitation);
  auto counters = store.counters(occurrence);
  if (!counters) return counters.error();
  facts.counters = std::move(*counters);
  auto messages = store.invitation_messages(occurrence);
  if (!messages) return messages.error();
  facts.messages = std::move(*messages);
  auto agencies = store.agencies();
  if (!agencies) return agencies.error();
  facts.agencies = std::move(*agencies);
  auto changes = store.participant_changes(occurrence);
  if (!changes) return changes.error();
  auto invitees =
      meeting_invitees(snapshot, occurrence, *changes, facts.agencies, membership_day(now));
  if (!invitees) return invitees.error();
  facts.invitees = std::move(*invitees);
  auto attendance = store.attendance(occurrence);
  if (!attendance) return attendance.error();
  facts.attendance = std::move(*attendance);
  auto minutes = store.minutes(occurrence);
  if (!minutes) return minutes.error();
  facts.minutes = std::move(*minutes);
  auto agenda = store.agenda(occurrence);
  if (!agenda) return agenda.error();
  facts.agenda = std::move(*agenda);
  const Occurrence* current = find_occurrence(snapshot.expansion, occurrence);
  facts.previous = current ? previous_occurrence(snapshot, *current) : nullptr;
  if (facts.previous) {
    auto earlier = store.agenda(facts.previous->id);
    if (!earlier) return earlier.error();
    for (AgendaItem& item : *earlier)
      if (std::none_of(facts.agenda.begin(), facts.agenda.end(),
                       [&](const AgendaItem& here) { return here.carried_from == item.id; }))
        facts.to_carry.push_back(std::move(item));
  }
  return facts;
}

// Each person whose attendance is taken, with what was recorded of them.
View attendance_view(const MeetingFacts& facts, Language language) {
  View people{View::type::list};
  const std::vector<InvitedPerson> attendees = attendees_of(facts);
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    const InvitedPerson& person = attendees[i];
    const auto recorded = std::find_if(
        facts.attendance.begin(), facts.attendance.end(),
        [&](const Attendance& entry) { return same_address(entry.email, person.email); });
    // What was recorded of them: present, proxy, absent, or unrecorded.
    const std::string_view state = recorded == facts.attendance.end()
                                       ? std::string_view{"unrecorded"}
                                       : to_string(recorded->presence);
    templates::append(
        people, templates::object_of(
                    {{"index", std::to_string(i)},
                     {"email", person.email},
                     {"name", person.name},
                     {"agency", person.agency},
                     {"unrecorded", state == "unrecorded"},
                     {"present", state == "present"},
                     {"proxy", state == "proxy"},
                     {"absent", state == "absent"},
                     {"presence", label_of(language, "attendance_", state)},
                     {"proxy_name",
                      recorded == facts.attendance.end() ? std::string{} : recorded->proxy}}));
  }
  return people;
}

View count_view(const std::optional<AttendanceCount>& count) {
  if (!count) return false;
  return templates::object_of(
      {{"agencies", std::to_string(count->agencies)}, {"people", std::to_string(count->people)}});
}

// A version's outcomes as `reader` may see them, and the numbers of the restricted items shown.
View outcomes_view(const store::MinutesVersion& version, const std::vector<AgendaItem>& agenda,
                   bool editable, const AgendaReader& reader, std::vector<std::int64_t>& shown) {
  View outcomes{View::type::list};
  const auto add = [&](std::int64_t item, int position, const std::string& title,
                       ItemVisibility visibility, const std::vector<std::string>& agencies,
                       const std::string& outcome) {
    const bool seen = may_see(visibility, agencies, reader);
    if (seen && visibility == ItemVisibility::named_agencies) shown.push_back(item);
    templates::append(
        outcomes,
        templates::object_of({{"item", std::to_string(item)},
                              {"position", std::to_string(position)},
                              {"title", seen ? title : std::string{}},
                              {"withheld", !seen},
                              {"editable", editable},
                              {"outcome", page::text_or_false(seen ? outcome : std::string{})}}));
  };
  if (!editable) {
    for (const store::MinutesOutcome& outcome : version.outcomes)
      add(outcome.item, outcome.position, outcome.title, outcome.visibility, outcome.agencies,
          outcome.outcome);
    return outcomes;
  }
  // A draft is written against the agenda as it is now.
  for (const AgendaItem& item : agenda) {
    const auto written =
        std::find_if(version.outcomes.begin(), version.outcomes.end(),
                     [&](const store::MinutesOutcome& outcome) { return outcome.item == item.id; });
    add(item.id, item.position, item.title, item.visibility, item.agencies,
        written == version.outcomes.end() ? std::string{} : written->outcome);
  }
  return outcomes;
}

// The minutes' section: the latest version with its forms, and the versions before it.
View minutes_view(const MeetingFacts& facts, const std::string& occurrence, bool can_edit,
                  bool can_approve, const std::string& csrf, const AgendaReader& reader,
                  const PlanZone& zone, Language language, std::vector<std::int64_t>& shown) {
  if (facts.minutes.empty()) return false;
  const store::MinutesVersion& latest = facts.minutes.back();
  const bool draft = latest.state == store::MinutesState::draft;
  const bool submitted = latest.state == store::MinutesState::submitted;
  View earlier{View::type::list};
  for (std::size_t i = 0; i + 1 < facts.minutes.size(); ++i) {
    const store::MinutesVersion& version = facts.minutes[i];
    templates::append(
        earlier,
        templates::object_of(
            {{"version", version_words(version.version, language)},
             {"state", label_of(language, "minutes_state_", to_string(version.state))},
             {"approved",
              page::text_or_false(version.approved_at
                                      ? page::instant_text(*version.approved_at, zone, language) +
                                            " " + version.approved_by
                                      : std::string{})},
             {"reason", page::text_or_false(version.reason)}}));
  }
  return templates::object_of(
      {{"version", version_words(latest.version, language)},
       {"state", label_of(language, "minutes_state_", to_string(latest.state))},
       {"state_class", latest.state == store::MinutesState::approved ? "done" : "scheduled"},
       {"reason", page::text_or_false(latest.reason)},
       {"editable", can_edit && draft},
       {"outcomes", outcomes_view(latest, facts.agenda, can_edit && draft, reader, shown)},
       {"can_submit", can_edit && draft},
       {"waiting", submitted && !can_approve},
       {"can_approve", submitted && can_approve},
       {"held_note", note_of(facts, zone)},
       {"can_correct", can_edit && latest.state == store::MinutesState::approved},
       {"has_earlier", facts.minutes.size() > 1},
       {"earlier", std::move(earlier)},
       {"occurrence", occurrence},
       {"csrf", csrf}});
}

// What of the agenda and minutes a page's visitor sees (Gatekeeper::agenda_reader); nobody signed
// in sees the items for every participant.
AgendaReader visitor_reader(const PageContext& context, const std::vector<Agency>& agencies) {
  return Gatekeeper::agenda_reader(
      context.visitor ? std::optional{context.visitor->role} : std::nullopt,
      context.visitor ? context.visitor->person : std::string{}, agencies,
      membership_day(context.now));
}

// The agenda as `reader` may see it, with the forms of an editor.
View agenda_view(const MeetingFacts& facts, const std::string& occurrence, bool can_edit,
                 const std::string& csrf, const AgendaReader& reader) {
  View items{View::type::list};
  for (std::size_t i = 0; i < facts.agenda.size(); ++i) {
    const AgendaItem& item = facts.agenda[i];
    std::string agencies;
    for (const std::string& agency : item.agencies)
      agencies += (agencies.empty() ? "" : "、") + agency;
    templates::append(
        items, templates::object_of(
                   {{"id", std::to_string(item.id)},
                    {"position", std::to_string(item.position)},
                    {"withheld", !may_see(item, reader)},
                    {"title", item.title},
                    {"carried", item.carried_from.has_value()},
                    {"presenter", item.presenter},
                    {"minutes", page::text_or_false(item.minutes > 0 ? std::to_string(item.minutes)
                                                                     : std::string{})},
                    {"named", item.visibility == ItemVisibility::named_agencies},
                    {"agencies", agencies},
                    {"first", i == 0},
                    {"last", i + 1 == facts.agenda.size()},
                    {"can_edit", can_edit},
                    {"can_change", can_edit && may_see(item, reader)},
                    {"occurrence", occurrence},
                    {"csrf", csrf}}));
  }
  return items;
}

View person_view(const InvitedPerson& person, bool invited, const std::optional<Answer>& answer,
                 std::uint32_t sequence, bool show_addresses, const PlanZone& zone,
                 Language language) {
  const std::string state = answer ? std::string{to_string(answer->state)} : "none";
  return templates::object_of(
      {{"agency", person.agency},
       {"role", label_of(language, "participant_", to_string(person.role))},
       {"name", person.name},
       {"email", page::text_or_false(show_addresses ? person.email : std::string{})},
       {"invited", invited},
       {"answer", label_of(language, "answer_", state)},
       {"answer_class", state},
       {"delegate", page::text_or_false(answer ? answer->delegate : std::string{})},
       {"earlier", answer.has_value() && answer->sequence < sequence},
       {"channel",
        answer ? label_of(language, "channel_", to_string(answer->channel)) : std::string{}},
       {"answered_at",
        page::text_or_false(answer ? page::instant_text(answer->received_at, zone, language)
                                   : std::string{})},
       {"comment", answer ? answer->comment : std::string{}}});
}

// The meeting page; `shown` gets the restricted agenda items whose title or outcome it shows.
// One action as `reader` may see it, with an editor's buttons; `raised_by` names the meeting
// that raised it when that is not this page's. A restricted action shown goes into `shown` (by
// its item).
View action_view(const PlanSnapshot& snapshot, const MeetingAction& action,
                 const Occurrence* raised_by, const std::string& occurrence, bool can_edit,
                 const std::string& csrf, const AgendaReader& reader, date::sys_days today,
                 Language language, std::vector<std::int64_t>& shown) {
  const bool seen = may_see(action, reader);
  if (seen && action.visibility == ItemVisibility::named_agencies && action.item)
    shown.push_back(*action.item);
  const bool overdue = action.open() && action.due < today;
  const std::string state = !action.open() ? "done" : overdue ? "overdue" : "open";
  std::string state_words = label_of(language, "action_state_", state);
  if (action.done_at)
    state_words +=
        " " + page::day_text(snapshot.expansion.zone.local_day(*action.done_at), language);
  View from = false;
  if (raised_by != nullptr)
    from = templates::object_of(
        {{"raised_by", raised_by->id},
         {"when", page::day_text(meeting_day(snapshot.expansion, *raised_by), language)}});
  return templates::object_of({{"id", std::to_string(action.id)},
                               {"withheld", !seen},
                               {"what", action.what},
                               {"owner", action.owner},
                               {"due", page::day_text(action.due, language)},
                               {"overdue", overdue},
                               {"state", state_words},
                               {"state_class", state},
                               {"open", action.open()},
                               {"from", std::move(from)},
                               {"can_change", can_edit && seen},
                               {"occurrence", occurrence},
                               {"csrf", csrf}});
}

// The actions section: the open actions of the meeting's earlier occurrences (on its agenda until
// done), this occurrence's own, and the form that raises one (for an item the writer sees).
View actions_view(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                  const MeetingFacts& facts, bool can_edit, const std::string& csrf,
                  const AgendaReader& reader, date::sys_days today, Language language,
                  std::vector<std::int64_t>& shown) {
  View open_before{View::type::list};
  for (const MeetingAction* action :
       open_actions_before(snapshot.expansion, snapshot.recorded.actions, occurrence))
    templates::append(
        open_before,
        action_view(snapshot, *action, find_occurrence(snapshot.expansion, action->occurrence),
                    occurrence.id, can_edit, csrf, reader, today, language, shown));
  View own{View::type::list};
  std::vector<const MeetingAction*> raised;
  for (const MeetingAction& action : snapshot.recorded.actions)
    if (action.occurrence == occurrence.id) raised.push_back(&action);
  std::sort(raised.begin(), raised.end(),
            [](const MeetingAction* a, const MeetingAction* b) { return a->id < b->id; });
  for (const MeetingAction* action : raised)
    templates::append(own, action_view(snapshot, *action, nullptr, occurrence.id, can_edit, csrf,
                                       reader, today, language, shown));
  View items{View::type::list};
  for (const AgendaItem& item : facts.agenda)
    if (may_see(item, reader))
      templates::append(items, templates::object_of({{"id", std::to_string(item.id)},
                                                     {"position", std::to_string(item.position)},
                                                     {"title", item.title}}));
  View owners{View::type::list};
  for (const Participant& participant : facts.invitees.participants)
    templates::append(owners, templates::object_of({{"name", participant.agency}}));
  View raise = false;
  if (can_edit)
    raise = templates::object_of(
        {{"items", std::move(items)},
         {"owners", std::move(owners)},
         {"min_due", format_iso_date(meeting_day(snapshot.expansion, occurrence))},
         {"occurrence", occurrence.id},
         {"csrf", csrf}});
  const bool has_open_before = open_before.is_non_empty_list();
  const bool has_actions = own.is_non_empty_list();
  return templates::object_of({{"open_before", std::move(open_before)},
                               {"has_open_before", has_open_before},
                               {"list", std::move(own)},
                               {"has_actions", has_actions},
                               {"raise", std::move(raise)}});
}

std::string render_meeting_page(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                                const MeetingFacts& facts, bool configured,
                                const PageContext& context, std::vector<std::int64_t>& shown) {
  const Language language = context.language;
  const PlanZone& zone = snapshot.expansion.zone;
  const MeetingShape& shape = facts.invitees.desired.shape;
  const bool can_edit = context.visitor && context.visitor->can_edit;
  const std::string csrf = context.visitor ? context.visitor->csrf_token : std::string{};
  const ShownStatus status = shown_status(occurrence, snapshot.recorded.status_of(occurrence.id),
                                          membership_day(context.now));

  View people{View::type::list};
  View invited_people{View::type::list};
  if (facts.invitation) {
    for (const store::StoredAttendee& attendee : facts.invitation->attendees) {
      templates::append(people,
                        person_view(attendee.person, attendee.invited, attendee.answer,
                                    facts.invitation->sent.sequence, can_edit, zone, language));
      if (attendee.invited)
        templates::append(invited_people, templates::object_of({{"email", attendee.person.email},
                                                                {"agency", attendee.person.agency},
                                                                {"name", attendee.person.name}}));
    }
  } else {
    for (const InvitedPerson& person : facts.invitees.desired.attendees)
      templates::append(people,
                        person_view(person, true, std::nullopt, 0, can_edit, zone, language));
  }
  View counters{View::type::list};
  for (const store::StoredCounter& counter : facts.counters) {
    const store::StoredAttendee* who =
        facts.invitation ? facts.invitation->attendee_with_email(counter.email) : nullptr;
    templates::append(
        counters, templates::object_of(
                      {{"id", std::to_string(counter.id)},
                       {"who", who ? who->person.agency + " " + who->person.name : counter.email},
                       {"proposed", page::instant_text(counter.proposed_start, zone, language)},
                       {"comment", page::text_or_false(counter.comment)},
                       {"state", label_of(language, "counter_", to_string(counter.state))},
                       {"open", counter.state == store::CounterState::open},
                       {"can_edit", can_edit},
                       {"occurrence", occurrence.id},
                       {"csrf", csrf}}));
  }
  View messages{View::type::list};
  for (const store::SentMessage& message : facts.messages)
    templates::append(messages,
                      templates::object_of(
                          {{"entered_at", page::instant_text(message.entered_at, zone, language)},
                           {"notice", label_of(language, "notice_", message.notice)},
                           {"method", message.method},
                           {"sequence", std::to_string(message.sequence)},
                           {"email", can_edit ? message.email : std::string{}},
                           {"delivery", label_of(language, "delivery_", message.delivery)}}));
  View agencies{View::type::list};
  for (const Agency& agency : facts.agencies)
    templates::append(agencies, templates::object_of({{"name", agency.name}}));

  View sent = false;
  if (facts.invitation)
    sent = templates::object_of(
        {{"first_sent", page::instant_text(facts.invitation->first_sent_at, zone, language)},
         {"last_sent", page::instant_text(facts.invitation->last_sent_at, zone, language)},
         {"updated", facts.invitation->last_sent_at != facts.invitation->first_sent_at},
         {"sequence", std::to_string(facts.invitation->sent.sequence)},
         {"cancelled", facts.invitation->sent.shape.cancelled}});
  std::string unreached;
  for (const std::string& name : facts.invitees.unreached)
    unreached += (unreached.empty() ? "" : "、") + name;

  const Plan& plan = *snapshot.plan;
  const MeetingType& type = meeting_type_of(plan, *occurrence.task);
  const AgendaReader reader = visitor_reader(context, facts.agencies);
  int total_minutes = 0;
  bool restricted = false;
  for (const AgendaItem& item : facts.agenda) {
    total_minutes += item.minutes;
    restricted = restricted || item.visibility == ItemVisibility::named_agencies;
    if (item.visibility == ItemVisibility::named_agencies && may_see(item, reader))
      shown.push_back(item.id);
  }
  const bool can_approve =
      context.visitor && store::role_allows(context.visitor->role, store::Role::secretariat);
  View minutes = minutes_view(facts, occurrence.id, can_edit, can_approve, csrf, reader, zone,
                              language, shown);
  View start_minutes = false;
  if (facts.minutes.empty() && can_edit && !facts.agenda.empty()) {
    View items{View::type::list};
    for (const AgendaItem& item : facts.agenda)
      if (may_see(item, reader))
        templates::append(items, templates::object_of({{"item", std::to_string(item.id)},
                                                       {"position", std::to_string(item.position)},
                                                       {"title", item.title}}));
    start_minutes = templates::object_of(
        {{"items", std::move(items)}, {"occurrence", occurrence.id}, {"csrf", csrf}});
  }
  View attendees = attendance_view(facts, language);
  const bool has_attendees = attendees.is_non_empty_list();
  View participant_agencies{View::type::list};
  for (std::size_t i = 0; i < facts.invitees.participants.size(); ++i)
    templates::append(participant_agencies,
                      templates::object_of({{"name", facts.invitees.participants[i].agency},
                                            {"index", std::to_string(i)}}));
  View carry_over = false;
  View to_carry{View::type::list};
  for (const AgendaItem& item : facts.to_carry)
    if (may_see(item, reader))
      templates::append(to_carry, templates::object_of({{"id", std::to_string(item.id)},
                                                        {"title", item.title},
                                                        {"occurrence", occurrence.id},
                                                        {"csrf", csrf}}));
  if (can_edit && facts.previous && to_carry.is_non_empty_list())
    carry_over = templates::object_of(
        {{"from_when", facts.previous->scheduled_start
                           ? page::instant_text(*facts.previous->scheduled_start, zone, language)
                           : page::day_text(facts.previous->start, language)},
         {"items", std::move(to_carry)}});
  View view = templates::object_of(
      {{"plan_id", plan.id},
       {"initiative", plan.initiative},
       {"occurrence", occurrence.id},
       {"title", shape.title},
       {"meeting_type", type.name},
       {"confidential", type.confidential},
       {"when", page::instant_text(shape.start, zone, language) + "〜" +
                    reminder_time_text(shape.end, zone)},
       {"place", page::text_or_false(shape.place)},
       {"status", page::status_text(status, language)},
       {"status_class", std::string{to_string(status)}},
       {"sent", std::move(sent)},
       {"unreached",
        unreached.empty() ? View{false} : templates::object_of({{"names", unreached}})},
       {"not_configured", can_edit && !configured},
       {"can_send", can_edit && configured},
       {"can_edit", can_edit},
       {"can_record", can_edit && facts.invitation.has_value()},
       {"csrf", csrf},
       {"people", std::move(people)},
       {"invited_people", std::move(invited_people)},
       {"agencies", std::move(agencies)},
       {"has_counters", !facts.counters.empty()},
       {"counters", std::move(counters)},
       {"has_messages", !facts.messages.empty()},
       {"messages", std::move(messages)},
       {"agenda", agenda_view(facts, occurrence.id, can_edit, csrf, reader)},
       {"has_agenda", !facts.agenda.empty()},
       {"total_minutes", std::to_string(total_minutes)},
       {"restricted", restricted},
       {"participant_agencies", std::move(participant_agencies)},
       {"named_default", type.items == ItemVisibility::named_agencies},
       {"carry_over", std::move(carry_over)},
       {"attendees", std::move(attendees)},
       {"has_attendees", has_attendees},
       {"attendance_count", count_view(recorded_count(facts))},
       {"minutes", std::move(minutes)},
       {"start_minutes", std::move(start_minutes)},
       {"actions", actions_view(snapshot, occurrence, facts, can_edit, csrf, reader,
                                zone.today(context.now), language, shown)}});
  return page::render_page("meeting.html.mustache", view, shape.title, context);
}

// Records in the audit log that the visitor was shown restricted items (nothing when none); on a
// failure answers the refusal and returns false, showing nothing.
bool record_view(const PagesContext& pages, const PageContext& context,
                 const std::string& occurrence, std::string_view where,
                 const std::vector<std::int64_t>& shown, httplib::Response& response) {
  if (shown.empty()) return true;
  const store::Actor actor{context.visitor ? context.visitor->label : std::string{"(anonymous)"},
                           context.now};
  const Status recorded = pages.catalog.with_store([&](store::Store& store) {
    return store.record_restricted_view(occurrence, where, shown, actor);
  });
  if (recorded) return true;
  answer_refused(response, http_error(recorded.error()), page_path(occurrence), context);
  return false;
}

// GET /meetings/<occurrence>.
// What a meeting's pages show, read for a GET: the context, the plan, the occurrence and the facts.
struct MeetingView {
  PageContext context;
  SnapshotPointer snapshot;
  const Occurrence* occurrence = nullptr;
  MeetingFacts facts;
};

// The meeting of a GET's path, or nullopt after answering why not (sign-in, 404, the store).
std::optional<MeetingView> meeting_view(const PagesContext& pages, const httplib::Request& request,
                                        httplib::Response& response) {
  auto context = reading_page_context(pages, request, response);
  if (!context) return std::nullopt;
  const std::string occurrence_id = request.matches[1];
  SnapshotPointer snapshot =
      plan_or_missing_page(pages, plan_of(occurrence_id), *context, response);
  if (!snapshot) return std::nullopt;
  const Occurrence* occurrence = find_occurrence(snapshot->expansion, occurrence_id);
  if (!occurrence || occurrence->task->kind != TaskKind::meeting) {
    response.status = 404;
    answer_refused(response,
                   {ErrorKind::not_found,
                    "no meeting " + in_quotes(occurrence_id),
                    KnownRefusal::plan_has_no_occurrence,
                    {snapshot->plan->id, occurrence_id}},
                   "/plans/" + snapshot->plan->id, *context);
    return std::nullopt;
  }
  auto facts = pages.catalog.with_store([&](store::Store& store) {
    return read_facts(store, *snapshot, occurrence_id, context->now);
  });
  if (!facts) {
    answer_refused(response, http_error(facts.error()), "/plans/" + snapshot->plan->id, *context);
    return std::nullopt;
  }
  return MeetingView{std::move(*context), std::move(snapshot), occurrence, std::move(*facts)};
}

// GET /meetings/<occurrence>.
void show_meeting(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response) {
  const auto view = meeting_view(pages, request, response);
  if (!view) return;
  std::vector<std::int64_t> shown;
  std::string page = render_meeting_page(*view->snapshot, *view->occurrence, view->facts,
                                         pages.meetings.has_value(), view->context, shown);
  if (!record_view(pages, view->context, view->occurrence->id, "page", shown, response)) return;
  answer_unstored_page(response, std::move(page));
}

// GET /meetings/<occurrence>/attendance-sheet and /minutes-print: A4 pages to print, the
// attendance sheet (each person by agency, a column to sign) or the latest minutes.
void show_print(const PagesContext& pages, const httplib::Request& request,
                httplib::Response& response, bool sheet) {
  auto view = meeting_view(pages, request, response);
  if (!view) return;
  const Language language = view->context.language;
  const PlanZone& zone = view->snapshot->expansion.zone;
  const MeetingFacts& facts = view->facts;
  const MeetingShape& shape = facts.invitees.desired.shape;
  const MeetingType& type = meeting_type_of(*view->snapshot->plan, *view->occurrence->task);
  const AgendaReader reader = visitor_reader(view->context, facts.agencies);
  std::vector<std::int64_t> shown;
  View people{View::type::list};
  if (sheet)
    for (const InvitedPerson& person : attendees_of(facts))
      templates::append(people,
                        templates::object_of({{"agency", person.agency}, {"name", person.name}}));
  View record = false;
  if (!sheet && !facts.minutes.empty()) {
    const store::MinutesVersion& latest = facts.minutes.back();
    record = templates::object_of(
        {{"version", version_words(latest.version, language)},
         {"state", label_of(language, "minutes_state_", to_string(latest.state))},
         {"approved",
          page::text_or_false(latest.approved_at
                                  ? page::instant_text(*latest.approved_at, zone, language) + " " +
                                        latest.approved_by
                                  : std::string{})},
         {"reason", page::text_or_false(latest.reason)},
         {"attendance_count", count_view(recorded_count(facts))},
         {"outcomes", outcomes_view(latest, facts.agenda, false, reader, shown)}});
  }
  const std::string heading{page::label(language, sheet ? "attendance_sheet" : "minutes_heading")};
  View print = templates::object_of(
      {{"occurrence", view->occurrence->id},
       {"heading", heading},
       {"organisation", view->snapshot->plan->organisation.name},
       {"title", shape.title},
       {"when", page::instant_text(shape.start, zone, language) + "〜" +
                    reminder_time_text(shape.end, zone)},
       {"place", page::text_or_false(shape.place)},
       {"meeting_type", type.name},
       {"confidential", type.confidential},
       {"sheet", sheet ? templates::object_of({{"people", std::move(people)}}) : View{false}},
       {"record", std::move(record)}});
  PageContext context = view->context;
  context.script = print_script_url();
  std::string page =
      page::render_page("meeting_print.html.mustache", print, heading + " " + shape.title, context);
  if (!record_view(pages, view->context, view->occurrence->id, "print", shown, response)) return;
  answer_unstored_page(response, std::move(page), PageScripts::own);
}

// What of the agenda and minutes a form's writer sees, today.
AgendaReader writer_reader(const PagesContext& pages, const FormWriter& writer) {
  return Gatekeeper::agenda_reader(writer.principal.role, writer.principal.person,
                                   pages.catalog.agencies()->agencies,
                                   membership_day(writer.actor.at));
}

// What every form of the page starts with: the writer (an editor), the plan's snapshot.
struct MeetingForm {
  FormWriter writer;
  SnapshotPointer snapshot;
  std::string occurrence;
  std::string back;
};

std::optional<MeetingForm> meeting_form(const PagesContext& pages, const httplib::Request& request,
                                        httplib::Response& response, const Fields& fields) {
  const std::string occurrence = request.matches[1];
  const std::string back = page_path(occurrence);
  auto writer = form_writer(pages, request, response, fields, back);
  if (!writer) return std::nullopt;
  SnapshotPointer snapshot =
      plan_or_missing_page(pages, plan_of(occurrence), writer->context, response);
  if (!snapshot) return std::nullopt;
  return MeetingForm{std::move(*writer), std::move(snapshot), occurrence, back};
}

// The settings of a send, or an error the page words.
Result<InvitationSettings> settings_of(const PagesContext& pages, store::Store& store,
                                       date::sys_seconds now) {
  if (!pages.meetings)
    return Error{"no organiser in the config (meetings.organizer): invitations need one",
                 ErrorCode::conflict, meaning_of(meetings_http_meaning::kNoOrganizer)};
  return invitation_settings(*pages.meetings, store, pages.base_url(), now);
}

// A form's fields that do not say what to do: refused, the page words why.
void refuse_form(httplib::Response& response, const MeetingForm& form, std::string message,
                 std::string_view meaning) {
  answer_refused(response,
                 http_error(Error{std::move(message), ErrorCode::invalid, meaning_of(meaning)}),
                 form.back, form.writer.context);
}

// Runs `work` with the store under its lock; on an error answers the form's refusal and returns
// false.
template <typename Work>
bool run_stored(const PagesContext& pages, httplib::Response& response, const MeetingForm& form,
                Work&& work) {
  const Status done = pages.catalog.with_store(std::forward<Work>(work));
  if (done) return true;
  answer_refused(response, http_error(done.error()), form.back, form.writer.context);
  return false;
}

// Reads the form's plan again after a write to its state (who is invited, a move), so that its
// snapshot, feeds and pages follow; on an error answers the form's refusal and returns false.
bool refresh_plan(const PagesContext& pages, httplib::Response& response, const MeetingForm& form) {
  if (auto refreshed = pages.catalog.refresh(form.snapshot->plan->id); !refreshed) {
    answer_refused(response, http_error(refreshed.error()), form.back, form.writer.context);
    return false;
  }
  return true;
}

// The form's work is done: the dispatcher woken for what it entered in the outbox, the page
// again, saying `done`.
void finish_form(const PagesContext& pages, httplib::Response& response, const MeetingForm& form,
                 std::string_view done) {
  if (pages.outbox_entered) pages.outbox_entered();
  redirect(response, form.back + "?done=" + std::string{done});
}

// Sends what the occurrence's invitation needs now (InvitationSend::changes after a change; the
// form's choice on 送る), from `snapshot`.
Status send_from(const PagesContext& pages, store::Store& store, const PlanSnapshot& snapshot,
                 const MeetingForm& form, InvitationSend send, std::string comment) {
  auto settings = settings_of(pages, store, form.writer.actor.at);
  if (!settings) return settings.error();
  auto done =
      send_invitation(store, snapshot, *settings,
                      {.occurrence = form.occurrence, .send = send, .comment = std::move(comment)},
                      form.writer.actor);
  if (!done) return done.error();
  return {};
}

// POST /meetings/<occurrence>/send: send (first, changes, all), comment.
void send_meeting(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const std::string mode = form_field(fields, "send");
  const InvitationSend send = mode == "first" ? InvitationSend::first
                              : mode == "all" ? InvitationSend::all
                                              : InvitationSend::changes;
  if (!run_stored(pages, response, *form, [&](store::Store& store) {
        return send_from(
            pages, store, *form->snapshot, *form, send,
            bounded_answer_text(form_field(fields, "comment"), kMaxAnswerCommentBytes));
      }))
    return;
  finish_form(pages, response, *form, "sent");
}

// POST /meetings/<occurrence>/answer: email, answer, channel (phone, fax, office), delegate,
// comment: an answer the 事務局 took by phone or FAX.
void record_meeting_answer(const PagesContext& pages, const httplib::Request& request,
                           httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const auto state = parse_answer_state(form_field(fields, "answer"));
  const auto channel = parse_answer_channel(form_field(fields, "channel"));
  if (!state || *state == AnswerState::needs_action || !channel ||
      *channel == AnswerChannel::email || *channel == AnswerChannel::link)
    return refuse_form(response, *form,
                       "expected an answer (accepted, declined, tentative, delegated) and a "
                       "channel (phone, fax, office)",
                       meetings_http_meaning::kOfficeAnswerForm);
  const std::string email = form_field(fields, "email");
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        auto invitation = store.invitation(form->occurrence);
        if (!invitation) return invitation.error();
        const store::StoredAttendee* attendee =
            *invitation ? (*invitation)->attendee_with_email(email) : nullptr;
        if (!attendee)
          return Error{"no one invited to " + in_quotes(form->occurrence) + " has address " +
                           in_quotes(email),
                       ErrorCode::not_found,
                       meaning_of(meetings_http_meaning::kNotInvited, {email})};
        const date::sys_seconds at = form->writer.actor.at;
        auto answered =
            store.record_answer({.token = attendee->token,
                                 .answer = Answer{.state = *state,
                                                  .comment = form_field(fields, "comment"),
                                                  .delegate = form_field(fields, "delegate"),
                                                  .channel = *channel,
                                                  .sequence = (*invitation)->sent.sequence,
                                                  .stamp = at,
                                                  .received_at = at},
                                 .fingerprint = "office/" + store::make_reply_token()},
                                form->writer.actor);
        if (!answered) return answered.error();
        return {};
      }))
    return;
  finish_form(pages, response, *form, "recorded");
}

// POST /meetings/<occurrence>/participants: kind (add, drop), agency, role: one more change of
// this occurrence's participants, sent at once to whoever it adds or drops.
void change_meeting_participants(const PagesContext& pages, const httplib::Request& request,
                                 httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const auto role = parse_participant_role(form_field(fields, "role"));
  const std::string kind = form_field(fields, "kind");
  if (!role || (kind != "add" && kind != "drop"))
    return refuse_form(
        response, *form,
        "expected kind add or drop, and a role " + std::string{kParticipantRoleChoices},
        meetings_http_meaning::kParticipantChangeForm);
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        auto changes = store.participant_changes(form->occurrence);
        if (!changes) return changes.error();
        changes->push_back(ParticipantChange{
            .kind = kind == "add" ? ParticipantChange::Kind::add : ParticipantChange::Kind::drop,
            .agency = form_field(fields, "agency"),
            .role = *role});
        if (auto set =
                store.set_participant_changes(form->occurrence, *changes, form->writer.actor);
            !set)
          return set;
        // An invitation already sent goes to the agency added, and a CANCEL to the one dropped
        // (meeting_invitees reads the changes just stored).
        if (!pages.meetings) return {};
        auto invitation = store.invitation(form->occurrence);
        if (!invitation) return invitation.error();
        if (!*invitation) return {};
        return send_from(pages, store, *form->snapshot, *form, InvitationSend::changes, {});
      }))
    return;
  // Who the occurrence invites is part of its plan's state: the agencies' feeds follow it.
  if (!refresh_plan(pages, response, *form)) return;
  finish_form(pages, response, *form, "saved");
}

// POST /meetings/<occurrence>/counter: counter (its number), decision (accept, decline), comment.
// Accepting moves the meeting to the proposed time and sends everyone the update; declining sends
// its author a DECLINECOUNTER.
void decide_meeting_counter(const PagesContext& pages, const httplib::Request& request,
                            httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const std::string number = form_field(fields, "counter");
  std::int64_t id = 0;
  const auto [end, problem] = std::from_chars(number.data(), number.data() + number.size(), id);
  const std::string decision = form_field(fields, "decision");
  if (problem != std::errc{} || end != number.data() + number.size() ||
      (decision != "accept" && decision != "decline"))
    return refuse_form(response, *form,
                       "expected a counter-proposal's number and accept or decline",
                       meetings_http_meaning::kCounterDecisionForm);
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        auto counter = store.counter(id);
        if (!counter) return counter.error();
        if (counter->occurrence != form->occurrence)
          return Error{"no counter-proposal " + number + " for " + in_quotes(form->occurrence),
                       ErrorCode::not_found,
                       meaning_of(store::store_meaning::kUnknownCounter, {number})};
        if (decision == "decline") {
          auto settings = settings_of(pages, store, form->writer.actor.at);
          if (!settings) return settings.error();
          return decline_counter(
              store, *form->snapshot, *settings, id,
              bounded_answer_text(form_field(fields, "comment"), kMaxAnswerCommentBytes),
              form->writer.actor);
        }
        if (auto accepted = store.accept_counter(id, form->writer.actor); !accepted)
          return accepted;
        auto moved = store.schedule({.occurrence = form->occurrence,
                                     .start = counter->proposed_start,
                                     .end = counter->proposed_end,
                                     .place = std::nullopt,
                                     .actor = form->writer.actor});
        if (!moved) return moved.error();
        return {};
      }))
    return;
  if (decision == "accept") {
    // The move changed the plan's state: the update goes out from the snapshot that has it.
    if (!refresh_plan(pages, response, *form)) return;
    const SnapshotPointer moved = pages.catalog.find(form->snapshot->plan->id);
    if (!run_stored(pages, response, *form, [&](store::Store& store) {
          return send_from(pages, store, *moved, *form, InvitationSend::changes, {});
        }))
      return;
  }
  finish_form(pages, response, *form, "saved");
}

// The agenda item a form names (its "item" field), or nullopt when it names none.
std::optional<std::int64_t> form_item(const Fields& fields) {
  const std::string number = form_field(fields, "item");
  std::int64_t id = 0;
  const auto [end, problem] = std::from_chars(number.data(), number.data() + number.size(), id);
  if (problem != std::errc{} || end != number.data() + number.size() || id <= 0)
    return std::nullopt;
  return id;
}

// POST /meetings/<occurrence>/agenda: do = add (title, presenter, minutes, visibility, see-N: the
// agencies that may see it), up, down, remove (item), or carry (item: one of the last meeting's).
void change_meeting_agenda(const PagesContext& pages, const httplib::Request& request,
                           httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const std::string action = form_field(fields, "do");
  const auto item = form_item(fields);
  const bool on_item =
      action == "up" || action == "down" || action == "remove" || action == "carry";
  if (action != "add" && !(on_item && item))
    return refuse_form(response, *form,
                       "expected do: add, or up, down, remove or carry with an item's number",
                       meetings_http_meaning::kAgendaForm);
  const store::Actor& actor = form->writer.actor;
  const AgendaReader reader = writer_reader(pages, form->writer);
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        if (action == "add") {
          AgendaItemText text{.title = form_field(fields, "title"),
                              .presenter = form_field(fields, "presenter"),
                              .minutes = 0,
                              .visibility = parse_item_visibility(form_field(fields, "visibility")),
                              .agencies = {}};
          const std::string minutes = form_field(fields, "minutes");
          if (!minutes.empty()) {
            const auto [end, problem] =
                std::from_chars(minutes.data(), minutes.data() + minutes.size(), text.minutes);
            if (problem != std::errc{} || end != minutes.data() + minutes.size()) text.minutes = -1;
          }
          for (const auto& [name, value] : fields)
            if (name.starts_with("see-")) text.agencies.push_back(value);
          auto added = store.add_agenda_item(form->occurrence, text, actor);
          if (!added) return added.error();
          return {};
        }
        auto current = store.agenda_item(*item);
        if (!current) return current.error();
        if (!may_see(*current, reader)) return unseen_item_error(*current);
        if (action == "carry") {
          auto carried = store.carry_over_agenda_item(*item, form->occurrence, actor);
          if (!carried) return carried.error();
          return {};
        }
        if (current->occurrence != form->occurrence)
          return not_found_error(
              "no agenda item " + std::to_string(*item) + " in " + in_quotes(form->occurrence),
              meaning_of(meetings_meaning::kUnknownAgendaItem, {std::to_string(*item)}));
        if (action == "remove") {
          auto removed = store.remove_agenda_item(*item, actor);
          if (!removed) return removed.error();
          return {};
        }
        auto moved =
            store.move_agenda_item(*item, current->position + (action == "up" ? -1 : 1), actor);
        if (!moved) return moved.error();
        return {};
      }))
    return;
  finish_form(pages, response, *form, "saved");
}

// POST /meetings/<occurrence>/actions: do = add (what, owner, due YYYY-MM-DD, item: the agenda
// item whose outcome raised it, or none), or done, reopen, remove (action: its number, one of
// the plan's). The plan is read again after, so its progress and feeds follow.
void change_meeting_actions(const PagesContext& pages, const httplib::Request& request,
                            httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const std::string action = form_field(fields, "do");
  const std::string number = form_field(fields, "action");
  std::int64_t id = 0;
  const auto [end, problem] = std::from_chars(number.data(), number.data() + number.size(), id);
  const bool numbered = problem == std::errc{} && end == number.data() + number.size() && id > 0;
  if (action != "add" &&
      !((action == "done" || action == "reopen" || action == "remove") && numbered))
    return refuse_form(response, *form,
                       "expected do: add, or done, reopen or remove with an action's number",
                       meetings_http_meaning::kActionsForm);
  const Occurrence* occurrence = find_occurrence(form->snapshot->expansion, form->occurrence);
  if (occurrence == nullptr || occurrence->task->kind != TaskKind::meeting)
    return answer_refused(response,
                          {ErrorKind::not_found, "no meeting " + in_quotes(form->occurrence)},
                          form->back, form->writer.context);
  std::optional<date::sys_days> due;
  if (action == "add") {
    due = parse_iso_date(form_field(fields, "due"));
    if (!due)
      return refuse_form(response, *form, "the action's due day is no date YYYY-MM-DD",
                         meetings_http_meaning::kActionDueDay);
  }
  const store::Actor& actor = form->writer.actor;
  const AgendaReader reader = writer_reader(pages, form->writer);
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        if (action == "add") {
          const auto item = form_item(fields);
          if (item) {
            auto current = store.agenda_item(*item);
            if (!current) return current.error();
            if (!may_see(*current, reader)) return unseen_item_error(*current);
          }
          auto added =
              store.add_action(form->occurrence,
                               {.what = form_field(fields, "what"),
                                .owner = form_field(fields, "owner"),
                                .due = *due},
                               item, meeting_day(form->snapshot->expansion, *occurrence), actor);
          if (!added) return added.error();
          return {};
        }
        auto current = store.action(id);
        if (!current) return current.error();
        if (plan_of(current->occurrence) != form->snapshot->plan->id)
          return not_found_error("no action " + std::to_string(id) + " in this plan",
                                 meaning_of(meetings_meaning::kUnknownAction, {number}));
        if (!may_see(*current, reader)) return unseen_action_error(*current);
        auto changed = action == "done"     ? store.complete_action(id, actor)
                       : action == "reopen" ? store.reopen_action(id, actor)
                                            : store.remove_action(id, actor);
        if (!changed) return changed.error();
        return {};
      }))
    return;
  if (!refresh_plan(pages, response, *form)) return;
  finish_form(pages, response, *form, "saved");
}

// POST /meetings/<occurrence>/attendance: email-N, presence-N (present, proxy, absent, or empty:
// not recorded), proxy-N. Only the people the meeting invites are recorded.
void record_meeting_attendance(const PagesContext& pages, const httplib::Request& request,
                               httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        auto facts = read_facts(store, *form->snapshot, form->occurrence, form->writer.actor.at);
        if (!facts) return facts.error();
        const std::vector<InvitedPerson> people = attendees_of(*facts);
        std::vector<Attendance> record;
        for (std::size_t i = 0; i < people.size(); ++i) {
          const std::string n = std::to_string(i);
          const std::string email = form_field(fields, "email-" + n);
          if (email.empty()) continue;
          const auto person = std::find_if(people.begin(), people.end(), [&](const auto& p) {
            return same_address(p.email, email);
          });
          if (person == people.end())
            return Error{"no one invited to " + in_quotes(form->occurrence) + " has address " +
                             in_quotes(email),
                         ErrorCode::not_found,
                         meaning_of(meetings_http_meaning::kNotInvited, {email})};
          const std::string chosen = form_field(fields, "presence-" + n);
          if (chosen.empty()) continue;
          const auto presence = parse_presence(chosen);
          if (!presence)
            return Error{
                "presence-" + n + ": expected present, proxy or absent, got " + in_quotes(chosen),
                ErrorCode::invalid, meaning_of(meetings_http_meaning::kAttendanceForm)};
          record.push_back(Attendance{.email = person->email,
                                      .name = person->name,
                                      .agency = person->agency,
                                      .presence = *presence,
                                      .proxy = *presence == Presence::proxy
                                                   ? form_field(fields, "proxy-" + n)
                                                   : std::string{}});
        }
        return store.record_attendance(form->occurrence, record, form->writer.actor);
      }))
    return;
  finish_form(pages, response, *form, "recorded");
}

// POST /meetings/<occurrence>/minutes: do = save (outcome-ITEM: each item's outcome), submit,
// approve (the secretariat's: locks the version and records the meeting done with its note), or
// correct (reason).
void change_meeting_minutes(const PagesContext& pages, const httplib::Request& request,
                            httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto form = meeting_form(pages, request, response, fields);
  if (!form) return;
  const std::string action = form_field(fields, "do");
  if (action != "save" && action != "submit" && action != "approve" && action != "correct")
    return refuse_form(response, *form, "expected do: save, submit, approve or correct",
                       meetings_http_meaning::kMinutesForm);
  const Principal& writer = form->writer.principal;
  if (action == "approve" && !store::role_allows(writer.role, store::Role::secretariat))
    return answer_refused(
        response,
        http_error(Error{"token " + std::to_string(writer.token_id) +
                             " is not the secretariat's: approving minutes needs the "
                             "secretariat's or an admin's",
                         ErrorCode::forbidden,
                         meaning_of(meetings_http_meaning::kApproveNeedsSecretariat)}),
        form->back, form->writer.context);
  const store::Actor& actor = form->writer.actor;
  const AgendaReader reader = writer_reader(pages, form->writer);
  bool completed = false;
  if (!run_stored(pages, response, *form, [&](store::Store& store) -> Status {
        if (action == "submit") {
          auto submitted = store.submit_minutes(form->occurrence, actor);
          if (!submitted) return submitted.error();
          return {};
        }
        if (action == "correct") {
          auto corrected =
              store.correct_minutes(form->occurrence, form_field(fields, "reason"), actor);
          if (!corrected) return corrected.error();
          return {};
        }
        if (action == "approve") {
          // The note says when the meeting was and who came: the facts the page shows.
          auto facts = read_facts(store, *form->snapshot, form->occurrence, actor.at);
          if (!facts) return facts.error();
          auto approved =
              store.approve_minutes(form->occurrence, facts->invitees.desired.shape.start,
                                    note_of(*facts, form->snapshot->expansion.zone), actor);
          if (!approved) return approved.error();
          completed = approved->completed;
          return {};
        }
        // A save writes the outcomes of the items the writer sees; the others stay as they are.
        auto agenda = store.agenda(form->occurrence);
        if (!agenda) return agenda.error();
        std::map<std::int64_t, std::string> outcomes;
        for (const AgendaItem& item : *agenda) {
          const auto field = fields.find("outcome-" + std::to_string(item.id));
          if (field == fields.end()) continue;
          if (!may_see(item, reader)) return unseen_item_error(item);
          outcomes[item.id] = field->second;
        }
        auto saved = store.save_minutes(form->occurrence, outcomes, actor);
        if (!saved) return saved.error();
        return {};
      }))
    return;
  // Approval recorded the meeting done: its plan's pages and feeds follow.
  if (completed && !refresh_plan(pages, response, *form)) return;
  finish_form(pages, response, *form, "saved");
}

}  // namespace

std::vector<Route> meeting_routes(const PagesContext& pages) {
  return {
      form_route(kMeetingSend, "/meetings/{occurrence}/send", pages, send_meeting),
      form_route(kMeetingAnswer, "/meetings/{occurrence}/answer", pages, record_meeting_answer),
      form_route(kMeetingCounter, "/meetings/{occurrence}/counter", pages, decide_meeting_counter),
      form_route(kMeetingParticipants, "/meetings/{occurrence}/participants", pages,
                 change_meeting_participants),
      form_route(kMeetingAgenda, "/meetings/{occurrence}/agenda", pages, change_meeting_agenda),
      form_route(kMeetingActions, "/meetings/{occurrence}/actions", pages, change_meeting_actions),
      form_route(kMeetingAttendance, "/meetings/{occurrence}/attendance", pages,
                 record_meeting_attendance),
      form_route(kMeetingMinutes, "/meetings/{occurrence}/minutes", pages, change_meeting_minutes),
      page_route(kAttendanceSheet, "/meetings/{occurrence}/attendance-sheet", pages,
                 [](const PagesContext& pages, const httplib::Request& request,
                    httplib::Response& response) { show_print(pages, request, response, true); }),
      page_route(kMinutesPrint, "/meetings/{occurrence}/minutes-print", pages,
                 [](const PagesContext& pages, const httplib::Request& request,
                    httplib::Response& response) { show_print(pages, request, response, false); }),
      page_route(routes::kMeetingPage, kMeetingLabel, pages, show_meeting),
  };
}

}  // namespace torikumi::http
