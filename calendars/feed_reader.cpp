#include "calendars/feed_reader.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "calendars/detail/libical.hpp"

namespace torikumi::calendars {

namespace {

using namespace detail;

std::string text_or_empty(const char* text) {
  return text == nullptr ? std::string{} : std::string{text};
}

// The instant a DATE-TIME names: UTC as is, a TZID through the zone the component's calendar
// defines for it (libical attaches it while reading), a floating time as UTC.
date::sys_seconds instant_of(const icaltimetype& time, const icaltimezone* zone) {
  const icaltimezone* effective = time.zone != nullptr ? time.zone : zone;
  if (effective == nullptr) effective = icaltimezone_get_utc_timezone();
  return date::sys_seconds{std::chrono::seconds{
      icaltime_as_timet_with_zone(time, const_cast<icaltimezone*>(effective))}};
}

// Collects the texts of libical's X-LIC-ERROR properties anywhere in the tree.
void collect_errors(icalcomponent* component, std::vector<std::string>& errors) {
  for (icalproperty* property =
           icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
       property != nullptr;
       property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY))
    errors.push_back(text_or_empty(icalproperty_get_xlicerror(property)));
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
       child != nullptr; child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
    collect_errors(child, errors);
}

// Reads the start-like property `kind` into either an instant or a day.
void read_time(icalcomponent* component, icalproperty_kind kind,
               std::optional<date::sys_seconds>& instant, std::optional<date::sys_days>& day,
               std::string* tzid = nullptr) {
  icalproperty* property = icalcomponent_get_first_property(component, kind);
  if (property == nullptr) return;
  icaltimetype time = icalproperty_get_datetime_with_component(property, component);
  if (time.is_date) {
    day = day_of(time);
    return;
  }
  if (tzid != nullptr) {
    if (icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER))
      *tzid = text_or_empty(icalparameter_get_tzid(parameter));
  }
  instant = instant_of(time, time.zone);
}

FeedComponent read_component(icalcomponent* component) {
  FeedComponent result;
  result.type = icalcomponent_kind_to_string(icalcomponent_isa(component));
  result.uid = text_or_empty(icalcomponent_get_uid(component));
  result.summary = text_or_empty(icalcomponent_get_summary(component));
  result.description = text_or_empty(icalcomponent_get_description(component));
  result.location = text_or_empty(icalcomponent_get_location(component));
  if (icalproperty* status = icalcomponent_get_first_property(component, ICAL_STATUS_PROPERTY))
    result.status = text_or_empty(icalproperty_get_value_as_string(status));
  if (icalproperty* transparency =
          icalcomponent_get_first_property(component, ICAL_TRANSP_PROPERTY))
    result.transparency = text_or_empty(icalproperty_get_value_as_string(transparency));
  if (icalproperty* url = icalcomponent_get_first_property(component, ICAL_URL_PROPERTY))
    result.url = text_or_empty(icalproperty_get_url(url));
  if (icalproperty* rule = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY))
    result.rrule = text_or_empty(icalproperty_get_value_as_string(rule));
  for (icalproperty* category =
           icalcomponent_get_first_property(component, ICAL_CATEGORIES_PROPERTY);
       category != nullptr;
       category = icalcomponent_get_next_property(component, ICAL_CATEGORIES_PROPERTY))
    result.categories.push_back(text_or_empty(icalproperty_get_categories(category)));
  for (icalcomponent* alarm = icalcomponent_get_first_component(component, ICAL_VALARM_COMPONENT);
       alarm != nullptr; alarm = icalcomponent_get_next_component(component, ICAL_VALARM_COMPONENT))
    if (icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY))
      result.alarm_triggers.push_back(text_or_empty(icalproperty_get_value_as_string(trigger)));

  read_time(component, ICAL_DTSTART_PROPERTY, result.start, result.start_day, &result.start_tzid);
  read_time(component, ICAL_DTEND_PROPERTY, result.end, result.end_day);
  std::optional<date::sys_seconds> due_instant;
  read_time(component, ICAL_DUE_PROPERTY, due_instant, result.due_day);
  std::optional<date::sys_days> unused_day;
  read_time(component, ICAL_RECURRENCEID_PROPERTY, result.recurrence_id, unused_day);
  read_time(component, ICAL_COMPLETED_PROPERTY, result.completed, unused_day);
  read_time(component, ICAL_LASTMODIFIED_PROPERTY, result.last_modified, unused_day);
  read_time(component, ICAL_DTSTAMP_PROPERTY, result.dtstamp, unused_day);
  for (icalproperty* exdate = icalcomponent_get_first_property(component, ICAL_EXDATE_PROPERTY);
       exdate != nullptr;
       exdate = icalcomponent_get_next_property(component, ICAL_EXDATE_PROPERTY)) {
    const icaltimetype time = icalproperty_get_datetime_with_component(exdate, component);
    result.exdates.push_back(instant_of(time, time.zone));
  }
  if (icalproperty* percent =
          icalcomponent_get_first_property(component, ICAL_PERCENTCOMPLETE_PROPERTY))
    result.percent_complete = icalproperty_get_percentcomplete(percent);
  if (icalproperty* sequence = icalcomponent_get_first_property(component, ICAL_SEQUENCE_PROPERTY))
    result.sequence = icalproperty_get_sequence(sequence);
  return result;
}

using Parsed = ComponentHandle;

// How many instances of one RRULE expand_feed walks through before the end of its range: a rule
// without COUNT or UNTIL goes on to the year 2582 (FREQ=SECONDLY: 31 million instances a year),
// so a feed's rule that needs more than this is refused rather than walked for hours.
constexpr std::size_t kMostRecurrenceSteps = 100'000;

Result<Parsed> parse(std::string_view text) {
  const std::string copy{text};
  Parsed calendar{icalparser_parse_string(copy.c_str())};
  if (!calendar) return Error{"feed: libical could not read it"};
  if (const icalcomponent_kind kind = icalcomponent_isa(calendar.get());
      kind != ICAL_VCALENDAR_COMPONENT) {
    // libical names no component it does not know (BEGIN:VCALENDNDAR): null, not a string.
    const char* name = icalcomponent_kind_to_string(kind);
    return Error{"feed: expected one VCALENDAR, got " +
                 (name != nullptr ? std::string{name} : std::string{"an unknown component"})};
  }
  std::vector<std::string> errors;
  collect_errors(calendar.get(), errors);
  if (!errors.empty()) {
    std::string message = "feed: libical reports";
    for (const std::string& error : errors) message += " \"" + error + "\"";
    return Error{message};
  }
  return calendar;
}

}  // namespace

const std::string* ParsedFeed::property(std::string_view name) const {
  for (const auto& [key, value] : properties)
    if (key == name) return &value;
  return nullptr;
}

Result<ParsedFeed> read_feed(std::string_view text) {
  auto calendar = parse(text);
  if (!calendar) return calendar.error();
  ParsedFeed feed;
  icalcomponent* root = calendar->get();
  for (icalproperty* property = icalcomponent_get_first_property(root, ICAL_ANY_PROPERTY);
       property != nullptr; property = icalcomponent_get_next_property(root, ICAL_ANY_PROPERTY)) {
    const char* name = icalproperty_isa(property) == ICAL_X_PROPERTY
                           ? icalproperty_get_x_name(property)
                           : icalproperty_kind_to_string(icalproperty_isa(property));
    feed.properties.emplace_back(text_or_empty(name),
                                 text_or_empty(icalproperty_get_value_as_string(property)));
  }
  for (icalcomponent* child = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT);
       child != nullptr; child = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)) {
    switch (icalcomponent_isa(child)) {
      case ICAL_VTIMEZONE_COMPONENT:
        feed.time_zones.push_back(text_or_empty(
            icalproperty_get_tzid(icalcomponent_get_first_property(child, ICAL_TZID_PROPERTY))));
        break;
      case ICAL_VEVENT_COMPONENT:
        feed.events.push_back(read_component(child));
        break;
      case ICAL_VTODO_COMPONENT:
        feed.todos.push_back(read_component(child));
        break;
      default:
        break;
    }
  }
  return feed;
}

namespace {

// Instances of one event by its UID and the instant of the master's instance each replaces.
using Overrides = std::map<std::pair<std::string, date::sys_seconds>, FeedInstance>;

FeedInstance instance_of(const FeedComponent& component) {
  FeedInstance instance;
  instance.uid = component.uid;
  instance.summary = component.summary;
  instance.location = component.location;
  instance.status = component.status;
  instance.start = component.start;
  instance.end = component.end;
  instance.start_day = component.start_day;
  instance.end_day = component.end_day;
  instance.recurrence_id = component.recurrence_id;
  return instance;
}

// The days [from, to) expand_feed returns the instances of; an instance belongs by its start,
// an instant or (all day) a day.
struct FeedRange {
  date::sys_days from;
  date::sys_days to;

  date::sys_seconds end() const { return date::sys_seconds{to}; }

  bool contains(const FeedInstance& instance) const {
    if (instance.start)
      return date::sys_seconds{from} <= *instance.start && *instance.start < end();
    return instance.start_day && from <= *instance.start_day && *instance.start_day < to;
  }
};

// The feed's events, sorted by how expand_feed treats them. Overrides come first, so a
// master's instance they replace can be left out when the master is walked.
struct SortedEvents {
  Overrides overrides;
  std::vector<icalcomponent*>
      masters;  // events with an RRULE, walked after every override is known
};

// Sorts the events of `root`; a single event in the range goes straight to `instances`.
SortedEvents sort_events(icalcomponent* root, const FeedRange& range,
                         std::vector<FeedInstance>& instances) {
  SortedEvents sorted;
  for (icalcomponent* event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
       event != nullptr; event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
    const FeedComponent component = read_component(event);
    if (component.recurrence_id) {
      sorted.overrides.emplace(std::pair{component.uid, *component.recurrence_id},
                               instance_of(component));
    } else if (!component.rrule.empty()) {
      sorted.masters.push_back(event);
    } else if (const FeedInstance instance = instance_of(component); range.contains(instance)) {
      instances.push_back(instance);
    }
  }
  return sorted;
}

// Instances come in order: the walk of `uid`'s RRULE ends at the range's end, or past the last
// instance an override of this event replaces, whichever is later.
date::sys_seconds walk_end_of(const std::string& uid, const Overrides& overrides,
                              const FeedRange& range) {
  date::sys_seconds walk_end = range.end();
  for (const auto& [key, override_instance] : overrides)
    if (key.first == uid) walk_end = std::max(walk_end, key.second + std::chrono::seconds{1});
  return walk_end;
}

// Appends the instances of the recurring `event` in the range to `instances`, an override in
// place of the instance it replaces; takes each override it uses out of `overrides`.
Status expand_master(icalcomponent* event, const FeedRange& range, Overrides& overrides,
                     std::vector<FeedInstance>& instances) {
  const FeedComponent component = read_component(event);
  icalproperty* start_property = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  const icaltimetype start = icalproperty_get_datetime_with_component(start_property, event);
  const icalrecurrencetype rule =
      icalproperty_get_rrule(icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY));
  const RecurrenceIteratorHandle iterator{icalrecur_iterator_new(rule, start)};
  if (!iterator)
    return Error{"feed: " + component.uid + ": libical cannot iterate RRULE " + component.rrule};
  const auto length = component.end && component.start ? *component.end - *component.start
                                                       : std::chrono::seconds{0};
  const date::sys_seconds walk_end = walk_end_of(component.uid, overrides, range);
  std::size_t steps = 0;
  for (icaltimetype next = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(next);
       next = icalrecur_iterator_next(iterator.get())) {
    next.zone = start.zone;
    const date::sys_seconds instant = instant_of(next, start.zone);
    if (instant >= walk_end) break;
    if (++steps > kMostRecurrenceSteps)
      return Error{"feed: " + component.uid + ": RRULE " + component.rrule + " has more than " +
                   std::to_string(kMostRecurrenceSteps) + " instances before " +
                   date::format("%F", range.to)};
    if (std::find(component.exdates.begin(), component.exdates.end(), instant) !=
        component.exdates.end())
      continue;
    const auto replaced = overrides.find(std::pair{component.uid, instant});
    if (replaced != overrides.end()) {
      if (range.contains(replaced->second)) instances.push_back(replaced->second);
      overrides.erase(replaced);
      continue;
    }
    FeedInstance instance = instance_of(component);
    instance.start = instant;
    instance.end = instant + length;
    instance.recurrence_id = instant;
    if (range.contains(instance)) instances.push_back(std::move(instance));
  }
  return {};
}

// Orders instances by their start (an all-day one from the start of its day), then by UID.
void sort_by_start(std::vector<FeedInstance>& instances) {
  std::sort(instances.begin(), instances.end(), [](const FeedInstance& a, const FeedInstance& b) {
    const auto a_start = a.start ? *a.start : date::sys_seconds{*a.start_day};
    const auto b_start = b.start ? *b.start : date::sys_seconds{*b.start_day};
    return std::tie(a_start, a.uid) < std::tie(b_start, b.uid);
  });
}

}  // namespace

Result<std::vector<FeedInstance>> expand_feed(std::string_view text, date::sys_days from,
                                              date::sys_days to) {
  auto calendar = parse(text);
  if (!calendar) return calendar.error();
  const FeedRange range{from, to};
  std::vector<FeedInstance> instances;
  SortedEvents events = sort_events(calendar->get(), range, instances);
  for (icalcomponent* event : events.masters)
    if (const Status expanded = expand_master(event, range, events.overrides, instances); !expanded)
      return expanded.error();
  // Every override left over replaces no instance its master has.
  if (!events.overrides.empty()) {
    const auto& [key, orphan] = *events.overrides.begin();
    return Error{"feed: " + key.first + ": a RECURRENCE-ID that names no instance of its RRULE"};
  }
  sort_by_start(instances);
  return instances;
}

}  // namespace torikumi::calendars
