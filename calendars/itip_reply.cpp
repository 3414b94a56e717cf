#include "calendars/itip_reply.hpp"

#include <algorithm>
#include <utility>

#include "calendars/detail/libical.hpp"
#include "calendars/itip_meaning.hpp"
#include "calendars/windows_zones.hpp"

namespace torikumi::calendars {

namespace {

using namespace detail;

// Years a date-time may name. libical's VTIMEZONE conversion walks a zone's rules up to the year
// it is asked about, so a hostile year 9999 would cost it; no meeting is outside these.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2200;

std::string text_or_empty(const char* text) {
  return text == nullptr ? std::string{} : std::string{text};
}

Error refusal(std::string message, std::string_view code, std::vector<std::string> subjects = {}) {
  return Error{"itip: " + std::move(message), ErrorCode::invalid,
               meaning_of(code, std::move(subjects))};
}

// Collects libical's X-LIC-ERROR texts and counts the components, walking the tree without
// recursion (a hostile calendar may nest thousands deep).
struct TreeSurvey {
  std::vector<std::string> errors;
  std::size_t components = 0;
};

TreeSurvey survey(icalcomponent* root) {
  TreeSurvey result;
  std::vector<icalcomponent*> pending{root};
  while (!pending.empty()) {
    icalcomponent* component = pending.back();
    pending.pop_back();
    ++result.components;
    for (icalproperty* property =
             icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY))
      result.errors.push_back(text_or_empty(icalproperty_get_xlicerror(property)));
    if (result.components > kMostItipComponents) continue;
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         child != nullptr; child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
      pending.push_back(child);
  }
  return result;
}

// What every message about one VEVENT starts with, and its subjects.
struct EventPlace {
  std::size_t number = 0;  // from 1
  std::string uid;

  std::string text() const {
    return "VEVENT " + std::to_string(number) +
           (uid.empty() ? "" : " (UID " + in_quotes(uid) + ")");
  }
  Error refusal(const std::string& message, std::string_view code,
                std::vector<std::string> more = {}) const {
    std::vector<std::string> subjects{std::to_string(number), uid};
    subjects.insert(subjects.end(), more.begin(), more.end());
    return calendars::refusal(text() + ": " + message, code, std::move(subjects));
  }
};

// Reads the date-times of one calendar with the caller's zone for floating times.
class TimeReader {
 public:
  TimeReader(icalcomponent* root, const PlanZone& zone) : root_(root), zone_(zone) {}

  // The instant a DATE-TIME (or DATE: its local midnight) property names.
  Result<date::sys_seconds> instant(icalproperty* property, const EventPlace& place) const {
    const char* name = icalproperty_kind_to_string(icalproperty_isa(property));
    const std::string property_name = name == nullptr ? "date-time" : name;
    icalvalue* value = icalproperty_get_value(property);
    if (value == nullptr)
      return place.refusal(property_name + " has no value", itip_meaning::kUnreadable,
                           {property_name});
    const icalvalue_kind kind = icalvalue_isa(value);
    if (kind != ICAL_DATETIME_VALUE && kind != ICAL_DATE_VALUE)
      return place.refusal(property_name + " is not a date-time", itip_meaning::kUnreadable,
                           {property_name});
    const icaltimetype time =
        kind == ICAL_DATE_VALUE ? icalvalue_get_date(value) : icalvalue_get_datetime(value);
    if (time.year < kFirstYear || time.year > kLastYear || time.month < 1 || time.month > 12 ||
        time.day < 1 || time.day > 31) {
      const std::string written = text_or_empty(icalvalue_as_ical_string(value));
      return place.refusal(property_name + " " + written + " is outside the years " +
                               std::to_string(kFirstYear) + " to " + std::to_string(kLastYear),
                           itip_meaning::kTimeOutOfRange, {property_name, written});
    }
    const date::local_seconds local = local_time_of(time);
    if (icaltime_is_utc(time)) return date::sys_seconds{local.time_since_epoch()};
    icalparameter* tzid_parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    const std::string tzid = tzid_parameter == nullptr
                                 ? std::string{}
                                 : text_or_empty(icalparameter_get_tzid(tzid_parameter));
    if (tzid.empty()) return zone_.to_instant(local);  // floating: the meeting's own zone
    if (const auto iana = iana_zone_of_windows_zone(tzid))
      if (auto located = PlanZone::locate(*iana)) return located->to_instant(local);
    if (auto located = PlanZone::locate(tzid)) return located->to_instant(local);
    if (icaltimezone* defined = icalcomponent_get_timezone(root_, tzid.c_str())) {
      icaltimetype floating = time;
      floating.zone = nullptr;
      return date::sys_seconds{
          std::chrono::seconds{icaltime_as_timet_with_zone(floating, defined)}};
    }
    return place.refusal(property_name + " has unknown time zone " + in_quotes(tzid),
                         itip_meaning::kUnknownTimeZone, {property_name, tzid});
  }

 private:
  icalcomponent* root_;
  const PlanZone& zone_;
};

// The address of a mailto: calendar user (the scheme in any case), normalised; nullopt for
// another scheme or none.
std::optional<std::string> mailto_address(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  constexpr std::string_view kScheme = "mailto:";
  if (value.size() < kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = value[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i])
      return std::nullopt;
  }
  std::string email = normalise_email(value);
  if (email.empty()) return std::nullopt;
  return email;
}

// The addresses of a DELEGATED-TO parameter: "mailto:a@x","mailto:b@x" (quotes optional).
std::vector<std::string> delegate_addresses(std::string_view text) {
  std::vector<std::string> addresses;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && (item.front() == '"' || item.front() == ' ')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == '"' || item.back() == ' ')) item.remove_suffix(1);
    if (!item.empty()) addresses.push_back(normalise_email(item));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return addresses;
}

std::string parameter_text(icalproperty* property, const char* name) {
  return text_or_empty(icalproperty_get_parameter_as_string(property, name));
}

// Google's X-RESPONSE-COMMENT, an X- parameter libical keeps by name.
std::string response_comment(icalproperty* attendee) {
  for (icalparameter* parameter = icalproperty_get_first_parameter(attendee, ICAL_X_PARAMETER);
       parameter != nullptr;
       parameter = icalproperty_get_next_parameter(attendee, ICAL_X_PARAMETER)) {
    const std::string name = text_or_empty(icalparameter_get_xname(parameter));
    if (name == "X-RESPONSE-COMMENT") return text_or_empty(icalparameter_get_xvalue(parameter));
  }
  return {};
}

std::vector<icalproperty*> properties_of(icalcomponent* component, icalproperty_kind kind) {
  std::vector<icalproperty*> found;
  for (icalproperty* property = icalcomponent_get_first_property(component, kind);
       property != nullptr; property = icalcomponent_get_next_property(component, kind))
    found.push_back(property);
  return found;
}

// The attendee who answers. A REPLY has exactly one (RFC 5546 3.2.3). A COUNTER may also list
// the organiser as an attendee (Thunderbird, with ROLE=CHAIR): the one left besides is it.
Result<icalproperty*> answering_attendee(icalcomponent* event, ReplyMethod method,
                                         const std::optional<std::string>& organizer,
                                         const EventPlace& place) {
  std::vector<icalproperty*> attendees = properties_of(event, ICAL_ATTENDEE_PROPERTY);
  if (attendees.empty()) return place.refusal("no ATTENDEE", itip_meaning::kNoAttendee);
  if (method == ReplyMethod::counter && attendees.size() > 1) {
    std::erase_if(attendees, [&](icalproperty* attendee) {
      const auto email = mailto_address(text_or_empty(icalproperty_get_attendee(attendee)));
      return (organizer && email == organizer) || parameter_text(attendee, "ROLE") == "CHAIR";
    });
  }
  if (attendees.size() != 1) {
    const std::string count = std::to_string(attendees.size());
    return place.refusal(count + " ATTENDEEs " +
                             (method == ReplyMethod::reply ? "in a REPLY, expected one"
                                                           : "besides the organiser in a COUNTER, "
                                                             "expected one"),
                         itip_meaning::kSeveralAttendees, {count});
  }
  return attendees.front();
}

Result<ItipReply> read_event(icalcomponent* event, ReplyMethod method, const TimeReader& times,
                             std::size_t number) {
  EventPlace place{number, {}};
  ItipReply reply;
  reply.method = method;
  reply.uid = text_or_empty(icalcomponent_get_uid(event));
  if (reply.uid.empty())
    return refusal(place.text() + ": no UID", itip_meaning::kNoUid, {std::to_string(number)});
  place.uid = reply.uid;

  if (icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY))
    reply.organizer_email = mailto_address(text_or_empty(icalproperty_get_organizer(organizer)));

  auto attendee = answering_attendee(event, method, reply.organizer_email, place);
  if (!attendee) return attendee.error();
  const std::string address = text_or_empty(icalproperty_get_attendee(*attendee));
  const auto email = mailto_address(address);
  if (!email)
    return place.refusal("ATTENDEE " + in_quotes(address) + " is not a mailto: address",
                         itip_meaning::kAttendeeNotEmail, {address});
  reply.attendee = Person{parameter_text(*attendee, "CN"), *email};
  if (const std::string partstat = parameter_text(*attendee, "PARTSTAT"); !partstat.empty()) {
    const auto known = parse_partstat(partstat);
    if (!known)
      return place.refusal("unknown PARTSTAT " + in_quotes(partstat),
                           itip_meaning::kUnknownPartStat, {partstat});
    reply.partstat = *known;
  }
  reply.delegated_to = delegate_addresses(parameter_text(*attendee, "DELEGATED-TO"));

  for (icalproperty* comment : properties_of(event, ICAL_COMMENT_PROPERTY)) {
    if (!reply.comment.empty()) reply.comment += "\n";
    reply.comment += text_or_empty(icalproperty_get_comment(comment));
  }
  if (reply.comment.empty()) reply.comment = response_comment(*attendee);

  if (icalproperty* sequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY))
    reply.sequence = static_cast<std::uint32_t>(std::max(0, icalproperty_get_sequence(sequence)));
  if (icalproperty* stamp = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY)) {
    auto instant = times.instant(stamp, place);
    if (!instant) return instant.error();
    reply.dtstamp = *instant;
  }
  if (icalproperty* recurrence =
          icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) {
    auto instant = times.instant(recurrence, place);
    if (!instant) return instant.error();
    reply.recurrence_id = *instant;
  }
  if (method == ReplyMethod::counter) {
    icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    if (start == nullptr)
      return place.refusal("a COUNTER without DTSTART proposes no time",
                           itip_meaning::kCounterWithoutTime);
    auto proposed_start = times.instant(start, place);
    if (!proposed_start) return proposed_start.error();
    reply.proposed_start = *proposed_start;
    if (icalproperty* end = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
      auto proposed_end = times.instant(end, place);
      if (!proposed_end) return proposed_end.error();
      reply.proposed_end = *proposed_end;
    } else if (icalproperty* duration =
                   icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)) {
      const int seconds = icaldurationtype_as_int(icalproperty_get_duration(duration));
      reply.proposed_end = *proposed_start + std::chrono::seconds{seconds};
    }
  }
  return reply;
}

}  // namespace

Result<std::vector<ItipReply>> read_itip(std::string_view calendar_text, const PlanZone& zone) {
  if (calendar_text.size() > kMostItipBytes) {
    const std::string size = std::to_string(calendar_text.size());
    const std::string limit = std::to_string(kMostItipBytes);
    return refusal("calendar text of " + size + " bytes is over the limit of " + limit,
                   itip_meaning::kTooLarge, {size, limit});
  }
  // libical reads a C string: a NUL would end the text early, so the part after it is not read.
  const std::string copy{calendar_text.substr(0, calendar_text.find('\0'))};
  const ComponentHandle calendar{icalparser_parse_string(copy.c_str())};
  if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT)
    return refusal("not an iCalendar object: expected BEGIN:VCALENDAR",
                   itip_meaning::kNotICalendar);
  const TreeSurvey found = survey(calendar.get());
  if (found.components > kMostItipComponents) {
    const std::string limit = std::to_string(kMostItipComponents);
    return refusal("more than " + limit + " components, the most the reader takes",
                   itip_meaning::kTooManyComponents, {limit});
  }
  if (!found.errors.empty())
    return refusal("libical reports " + in_quotes(found.errors.front()), itip_meaning::kUnreadable,
                   {found.errors.front()});

  icalproperty* method_property =
      icalcomponent_get_first_property(calendar.get(), ICAL_METHOD_PROPERTY);
  if (method_property == nullptr)
    return refusal("no METHOD, expected REPLY or COUNTER", itip_meaning::kNoMethod);
  const std::string method_text = text_or_empty(icalproperty_get_value_as_string(method_property));
  ReplyMethod method = ReplyMethod::reply;
  if (method_text == "REPLY") {
    method = ReplyMethod::reply;
  } else if (method_text == "COUNTER") {
    method = ReplyMethod::counter;
  } else {
    return refusal("METHOD " + method_text + ", expected REPLY or COUNTER",
                   itip_meaning::kUnexpectedMethod, {method_text});
  }

  const int event_count = icalcomponent_count_components(calendar.get(), ICAL_VEVENT_COMPONENT);
  if (event_count <= 0)
    return refusal("a " + method_text + " without VEVENT", itip_meaning::kNoEvent, {method_text});
  if (static_cast<std::size_t>(event_count) > kMostItipEvents) {
    const std::string count = std::to_string(event_count);
    const std::string limit = std::to_string(kMostItipEvents);
    return refusal(count + " VEVENTs, more than the " + limit + " the reader takes",
                   itip_meaning::kTooManyEvents, {count, limit});
  }

  const TimeReader times{calendar.get(), zone};
  std::vector<ItipReply> replies;
  std::size_t number = 0;
  for (icalcomponent* event =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    auto reply = read_event(event, method, times, ++number);
    if (!reply) return reply.error();
    replies.push_back(std::move(*reply));
  }
  return replies;
}

}  // namespace torikumi::calendars
