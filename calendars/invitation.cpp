#include "calendars/invitation.hpp"

#include <algorithm>
#include <utility>

#include "calendars/detail/libical.hpp"
#include "calendars/detail/time_zone_component.hpp"

namespace torikumi::calendars {

namespace {

using namespace detail;

// How far beyond its first and last instance a VTIMEZONE covers, for clients that look a little
// past an event.
constexpr date::days kZoneMargin{7};

enum class EventStatus { confirmed, cancelled };

// Which attendees a VEVENT lists.
enum class AttendeeList { everyone, one };

std::string mailto(std::string_view email) { return "mailto:" + std::string{email}; }

// A CN as clients read it: libical writes a double quote in RFC 6868's ^' form, which Outlook
// and python-icalendar show as it is, so it becomes a full-width one; a line end a blank.
std::string common_name(std::string_view name) {
  std::string text;
  text.reserve(name.size());
  for (const char c : name) {
    if (c == '"')
      text += "＂";
    else if (c == '\r' || c == '\n')
      text += ' ';
    else
      text += c;
  }
  return text;
}

icalparameter* common_name_parameter(std::string_view name) {
  return icalparameter_new_cn(common_name(name).c_str());
}

Error invalid(const Invitation& invitation, const std::string& message) {
  return Error{"invitation " + in_quotes(invitation.uid) + ": " + message};
}

bool has_instance(const std::vector<date::local_seconds>& starts, date::local_seconds instance) {
  return std::find(starts.begin(), starts.end(), instance) != starts.end();
}

date::local_seconds instance_of(const InstanceException& exception) {
  return std::visit([](const auto& change) { return change.instance; }, exception);
}

std::string local_text(date::local_seconds local) { return date::format("%FT%R", local); }

Status check(const Invitation& invitation) {
  if (invitation.uid.empty()) return invalid(invitation, "no UID");
  if (invitation.organizer.email.empty())
    return invalid(invitation, "the organiser has no address");
  for (std::size_t i = 0; i < invitation.attendees.size(); ++i)
    if (invitation.attendees[i].person.email.empty())
      return invalid(invitation, "attendees[" + std::to_string(i) + "] has no address");
  if (invitation.duration <= std::chrono::minutes{0})
    return invalid(invitation, "duration " + std::to_string(invitation.duration.count()) +
                                   " min, expected more than 0");
  const auto* series = std::get_if<MeetingSeries>(&invitation.schedule);
  if (series == nullptr) return {};
  const auto& starts = instance_starts(series->instances);
  if (starts.empty()) return invalid(invitation, "a series without instances");
  std::vector<date::local_seconds> seen;
  for (const InstanceException& exception : series->exceptions) {
    const date::local_seconds instance = instance_of(exception);
    if (!has_instance(starts, instance))
      return invalid(invitation, "an exception for " + local_text(instance) +
                                     ", which is no instance of the series");
    if (has_instance(seen, instance))
      return invalid(invitation, "two exceptions for the instance of " + local_text(instance));
    seen.push_back(instance);
  }
  return {};
}

// The local starts every VEVENT of the invitation names, for the VTIMEZONE's range.
std::vector<date::local_seconds> every_start(const Invitation& invitation) {
  if (const auto* single = std::get_if<SingleMeeting>(&invitation.schedule)) return {single->start};
  const auto& series = std::get<MeetingSeries>(invitation.schedule);
  std::vector<date::local_seconds> starts = instance_starts(series.instances);
  for (const InstanceException& exception : series.exceptions)
    if (const auto* moved = std::get_if<MovedInstance>(&exception)) starts.push_back(moved->start);
  return starts;
}

class EventWriter {
 public:
  explicit EventWriter(const Invitation& invitation) : invitation_(invitation) {}

  icalproperty* local_time(icalproperty* property) const {
    icalproperty_add_parameter(property, icalparameter_new_tzid(invitation_.zone.name().c_str()));
    return property;
  }

  // UID, DTSTAMP, SEQUENCE, ORGANIZER; then the attendees (all of them, or the one given).
  void add_identity(icalcomponent* event, AttendeeList list, const Attendee* one = nullptr) const {
    add(event, icalproperty_new_uid(invitation_.uid.c_str()));
    add(event, icalproperty_new_dtstamp(ical_utc_time(invitation_.dtstamp)));
    add(event, icalproperty_new_sequence(static_cast<int>(invitation_.sequence)));
    icalproperty* organizer =
        icalproperty_new_organizer(mailto(invitation_.organizer.email).c_str());
    if (!invitation_.organizer.name.empty())
      icalproperty_add_parameter(organizer, common_name_parameter(invitation_.organizer.name));
    add(event, organizer);
    if (list == AttendeeList::one) {
      add(event, attendee_property(*one));
      return;
    }
    for (const Attendee& attendee : invitation_.attendees) add(event, attendee_property(attendee));
  }

  void add_times(icalcomponent* event, date::local_seconds start) const {
    add(event, local_time(icalproperty_new_dtstart(ical_local_time(start))));
    add(event, local_time(icalproperty_new_dtend(ical_local_time(start + invitation_.duration))));
  }

  void add_words(icalcomponent* event, const std::string& location, EventStatus status) const {
    add(event, icalproperty_new_summary(invitation_.summary.c_str()));
    if (!location.empty()) add(event, icalproperty_new_location(location.c_str()));
    if (!invitation_.description.empty())
      add(event, icalproperty_new_description(invitation_.description.c_str()));
    if (!invitation_.url.empty()) add(event, icalproperty_new_url(invitation_.url.c_str()));
    add(event, icalproperty_new_class(invitation_.confidentiality == Confidentiality::confidential
                                          ? ICAL_CLASS_CONFIDENTIAL
                                          : ICAL_CLASS_PUBLIC));
    add(event, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    add(event, icalproperty_new_status(status == EventStatus::cancelled ? ICAL_STATUS_CANCELLED
                                                                        : ICAL_STATUS_CONFIRMED));
  }

  // The meeting, or the series' master with its rule, extra dates and excluded instances.
  ComponentHandle main_event(EventStatus status, AttendeeList list,
                             const Attendee* one = nullptr) const {
    ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
    add_identity(event.get(), list, one);
    if (const auto* single = std::get_if<SingleMeeting>(&invitation_.schedule)) {
      add_times(event.get(), single->start);
    } else {
      const auto& series = std::get<MeetingSeries>(invitation_.schedule);
      const auto& starts = instance_starts(series.instances);
      add_times(event.get(), starts.front());
      if (const auto* rule = std::get_if<MonthlyRecurrence>(&series.instances)) {
        add(event.get(),
            icalproperty_new_rrule(icalrecurrencetype_from_string(rule->rule.c_str())));
      } else {
        for (std::size_t i = 1; i < starts.size(); ++i) {
          icaldatetimeperiodtype date{};
          date.time = ical_local_time(starts[i]);
          date.period = icalperiodtype_null_period();
          add(event.get(), local_time(icalproperty_new_rdate(date)));
        }
      }
      for (const InstanceException& exception : series.exceptions)
        if (const auto* cancelled = std::get_if<CancelledInstance>(&exception))
          add(event.get(),
              local_time(icalproperty_new_exdate(ical_local_time(cancelled->instance))));
    }
    add_words(event.get(), invitation_.location, status);
    return event;
  }

  // The VEVENT that stands for one instance of the series: RECURRENCE-ID, then its own times.
  ComponentHandle instance_event(date::local_seconds instance, date::local_seconds start,
                                 const std::string& location, EventStatus status) const {
    ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
    add_identity(event.get(), AttendeeList::everyone);
    add(event.get(), local_time(icalproperty_new_recurrenceid(ical_local_time(instance))));
    add_times(event.get(), start);
    add_words(event.get(), location, status);
    return event;
  }

 private:
  static icalproperty* attendee_property(const Attendee& attendee) {
    icalproperty* property = icalproperty_new_attendee(mailto(attendee.person.email).c_str());
    if (!attendee.person.name.empty())
      icalproperty_add_parameter(property, common_name_parameter(attendee.person.name));
    icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
    icalproperty_set_parameter_from_string(property, "ROLE",
                                           std::string{role_text(attendee.role)}.c_str());
    icalproperty_set_parameter_from_string(property, "PARTSTAT",
                                           std::string{partstat_text(attendee.partstat)}.c_str());
    icalproperty_add_parameter(
        property, icalparameter_new_rsvp(attendee.rsvp == AnswerWanted::yes ? ICAL_RSVP_TRUE
                                                                            : ICAL_RSVP_FALSE));
    for (const std::string& delegate : attendee.delegated_to)
      icalproperty_add_parameter(property, icalparameter_new_delegatedto(mailto(delegate).c_str()));
    for (const std::string& delegator : attendee.delegated_from)
      icalproperty_add_parameter(property,
                                 icalparameter_new_delegatedfrom(mailto(delegator).c_str()));
    return property;
  }

  const Invitation& invitation_;
};

// The VCALENDAR head of an iTIP message: PRODID, VERSION, CALSCALE, METHOD and the zone's
// VTIMEZONE covering every start named.
Result<ComponentHandle> calendar_head(const Invitation& invitation, icalproperty_method method,
                                      const InvitationOptions& options) {
  const std::vector<date::local_seconds> starts = every_start(invitation);
  const auto [first, last] = std::minmax_element(starts.begin(), starts.end());
  const date::sys_seconds from = invitation.zone.to_instant(*first) - kZoneMargin;
  const date::sys_seconds to =
      invitation.zone.to_instant(*last) + invitation.duration + kZoneMargin;
  auto zone = time_zone_component(invitation.zone.name(), from, to);
  if (!zone) return zone.error();
  ComponentHandle calendar = new_component(ICAL_VCALENDAR_COMPONENT);
  add(calendar.get(), icalproperty_new_prodid(options.product_id.c_str()));
  add(calendar.get(), icalproperty_new_version("2.0"));
  add(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  add(calendar.get(), icalproperty_new_method(method));
  add(calendar.get(), std::move(*zone));
  return calendar;
}

// The calendar's text: libical writes it, then it is folded again (content_lines.hpp).
std::string calendar_text(ComponentHandle calendar, std::vector<ComponentHandle> events) {
  for (ComponentHandle& event : events) add(calendar.get(), std::move(event));
  std::string text;
  std::string scratch;
  append_ical_text(text, calendar.get(), scratch);
  return text;
}

Result<std::string> write(const Invitation& invitation, icalproperty_method method,
                          std::vector<ComponentHandle> events, const InvitationOptions& options) {
  auto head = calendar_head(invitation, method, options);
  if (!head) return head.error();
  return calendar_text(std::move(*head), std::move(events));
}

const Attendee* attendee_of(const Invitation& invitation, std::string_view email) {
  const std::string wanted = normalise_email(email);
  for (const Attendee& attendee : invitation.attendees)
    if (normalise_email(attendee.person.email) == wanted) return &attendee;
  return nullptr;
}

}  // namespace

SeriesInstances series_instances(const MeetingDay& day, std::chrono::minutes start_time,
                                 std::span<const date::year_month> months) {
  if (auto rule = monthly_recurrence(day, start_time, months)) return std::move(*rule);
  ListedInstances listed;
  for (const date::year_month month : months)
    listed.starts.push_back(date::local_days{rule_day(month, day).time_since_epoch()} + start_time);
  return listed;
}

const std::vector<date::local_seconds>& instance_starts(const SeriesInstances& instances) {
  if (const auto* rule = std::get_if<MonthlyRecurrence>(&instances)) return rule->instance_starts;
  return std::get<ListedInstances>(instances).starts;
}

Result<std::string> write_request(const Invitation& invitation, const InvitationOptions& options) {
  if (const Status checked = check(invitation); !checked) return checked.error();
  const EventWriter writer{invitation};
  std::vector<ComponentHandle> events;
  events.push_back(writer.main_event(EventStatus::confirmed, AttendeeList::everyone));
  if (const auto* series = std::get_if<MeetingSeries>(&invitation.schedule))
    for (const InstanceException& exception : series->exceptions)
      if (const auto* moved = std::get_if<MovedInstance>(&exception))
        events.push_back(writer.instance_event(moved->instance, moved->start,
                                               moved->location.value_or(invitation.location),
                                               EventStatus::confirmed));
  return write(invitation, ICAL_METHOD_REQUEST, std::move(events), options);
}

Result<std::string> write_cancel(const Invitation& invitation, const InvitationOptions& options) {
  if (const Status checked = check(invitation); !checked) return checked.error();
  std::vector<ComponentHandle> events;
  events.push_back(
      EventWriter{invitation}.main_event(EventStatus::cancelled, AttendeeList::everyone));
  return write(invitation, ICAL_METHOD_CANCEL, std::move(events), options);
}

Result<std::string> write_occurrence_cancel(const Invitation& invitation,
                                            date::local_seconds instance,
                                            const InvitationOptions& options) {
  if (const Status checked = check(invitation); !checked) return checked.error();
  const auto* series = std::get_if<MeetingSeries>(&invitation.schedule);
  if (series == nullptr)
    return invalid(invitation, "a meeting held once has no occurrence to cancel; cancel it whole");
  if (!has_instance(instance_starts(series->instances), instance))
    return invalid(invitation, local_text(instance) + " is no instance of the series");
  // The instance as attendees have it now: moved, perhaps, with its own place.
  date::local_seconds start = instance;
  std::string location = invitation.location;
  for (const InstanceException& exception : series->exceptions)
    if (const auto* moved = std::get_if<MovedInstance>(&exception);
        moved != nullptr && moved->instance == instance) {
      start = moved->start;
      location = moved->location.value_or(invitation.location);
    }
  std::vector<ComponentHandle> events;
  events.push_back(
      EventWriter{invitation}.instance_event(instance, start, location, EventStatus::cancelled));
  return write(invitation, ICAL_METHOD_CANCEL, std::move(events), options);
}

Result<std::string> write_attendee_cancel(const Invitation& invitation, std::string_view email,
                                          const InvitationOptions& options) {
  if (const Status checked = check(invitation); !checked) return checked.error();
  const Attendee* dropped = attendee_of(invitation, email);
  if (dropped == nullptr) return invalid(invitation, "no attendee " + in_quotes(email));
  std::vector<ComponentHandle> events;
  events.push_back(
      EventWriter{invitation}.main_event(EventStatus::cancelled, AttendeeList::one, dropped));
  return write(invitation, ICAL_METHOD_CANCEL, std::move(events), options);
}

Result<std::string> write_decline_counter(const Invitation& invitation, const ItipReply& counter,
                                          std::string_view comment,
                                          const InvitationOptions& options) {
  if (const Status checked = check(invitation); !checked) return checked.error();
  if (counter.method != ReplyMethod::counter)
    return invalid(invitation, "only a COUNTER is declined, got a REPLY");
  if (counter.uid != invitation.uid)
    return invalid(invitation, "the COUNTER is for UID " + in_quotes(counter.uid));
  const Attendee* known = attendee_of(invitation, counter.attendee.email);
  const Attendee proposer =
      known != nullptr ? *known
                       : Attendee{.person = counter.attendee, .partstat = counter.partstat};
  const EventWriter writer{invitation};
  ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
  writer.add_identity(event.get(), AttendeeList::one, &proposer);
  if (counter.recurrence_id)
    add(event.get(), writer.local_time(icalproperty_new_recurrenceid(
                         ical_local_time(invitation.zone.to_local(*counter.recurrence_id)))));
  if (!comment.empty()) add(event.get(), icalproperty_new_comment(std::string{comment}.c_str()));
  std::vector<ComponentHandle> events;
  events.push_back(std::move(event));
  return write(invitation, ICAL_METHOD_DECLINECOUNTER, std::move(events), options);
}

}  // namespace torikumi::calendars
