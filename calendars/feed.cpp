#include "calendars/feed.hpp"

#include <date/tz.h>

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "calendars/detail/event_text.hpp"
#include "calendars/detail/libical.hpp"
#include "calendars/detail/time_zone_component.hpp"
#include "calendars/recurrence.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/participants.hpp"
#include "engine/progress/progress_marks.hpp"

namespace torikumi::calendars {

namespace {

using namespace detail;

const OccurrenceState kOpen{};

// Everything one plan's components need, worked out once.
struct PlanContext {
  const Plan& plan;
  const Expansion& expansion;
  const OccurrenceStates* states;
  const std::vector<MeetingAction>* actions;
  const FeedOptions& options;
  const date::time_zone& zone;
  date::sys_seconds dtstamp;
  std::size_t period_filter;  // index into plan.periods; plan.periods.size() when not filtering

  const OccurrenceState& state_of(const Occurrence& occurrence) const {
    if (states == nullptr) return kOpen;
    const auto found = states->find(occurrence.id);
    return found == states->end() ? kOpen : found->second;
  }
  date::sys_seconds last_modified_of(const OccurrenceState& state) const {
    return state.last_modified.value_or(dtstamp);
  }
  date::local_seconds local(date::sys_seconds instant) const { return zone.to_local(instant); }
  std::string uid(std::string_view id) const { return std::string{id} + "@" + options.uid_domain; }
  std::string link(std::string_view path) const {
    if (options.base_url.empty()) return {};
    std::string base = options.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + std::string{path};
  }
  // The occurrence's own place when one was set, else its meeting rule's.
  std::string place_of(const Occurrence& occurrence, const OccurrenceState& state) const {
    if (!occurrence.scheduled_start) return {};
    if (!state.place.empty()) return state.place;
    const MeetingRule* rule = plan.meeting_rule_for(*occurrence.task);
    return rule ? rule->place : std::string{};
  }
};

// The filter's agencies take part in the occurrence, as its state has its participants (true
// without that filter).
bool invites(const FeedFilter& filter, const Plan& plan, const Occurrence& occurrence,
             const OccurrenceState& state) {
  return !filter.invited ||
         invites_any(occurrence_participants_for(plan, occurrence, state.participant_changes),
                     *filter.invited);
}

bool passes(const PlanContext& context, const Occurrence& occurrence) {
  const FeedFilter& filter = context.options.filter;
  const Task& task = *occurrence.task;
  if (!invites(filter, context.plan, occurrence, context.state_of(occurrence))) return false;
  if (filter.owner && task.owner != *filter.owner) return false;
  if (filter.kind && task.kind != *filter.kind) return false;
  if (filter.period) {
    if (context.period_filter >= context.plan.periods.size() || context.period_filter >= 32)
      return false;
    if (!(occurrence.periods & (std::uint32_t{1} << context.period_filter))) return false;
  }
  return true;
}

icalproperty* with_tzid(icalproperty* property, const std::string& tzid) {
  icalproperty_add_parameter(property, icalparameter_new_tzid(tzid.c_str()));
  return property;
}

void add_identity(icalcomponent* component, const PlanContext& context, const std::string& uid) {
  add(component, icalproperty_new_uid(uid.c_str()));
  add(component, icalproperty_new_dtstamp(ical_utc_time(context.dtstamp)));
}

// CLASS:CONFIDENTIAL on the meetings of a confidential type (支援会議, 重層的支援会議, a plan's
// own); nothing on the rest, which are PUBLIC by default.
void add_class(icalcomponent* component, const PlanContext& context, const Task& task) {
  if (meeting_type_of(context.plan, task).confidential)
    add(component, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
}

void add_change(icalcomponent* component, std::uint32_t sequence, date::sys_seconds last_modified) {
  add(component, icalproperty_new_sequence(static_cast<int>(sequence)));
  add(component, icalproperty_new_lastmodified(ical_utc_time(last_modified)));
}

void add_words(icalcomponent* component, const std::string& summary, const std::string& description,
               const std::vector<std::string>& categories, const std::string& link) {
  add(component, icalproperty_new_summary(summary.c_str()));
  add(component, icalproperty_new_description(description.c_str()));
  for (const std::string& category : categories)
    add(component, icalproperty_new_categories(category.c_str()));
  if (!link.empty()) add(component, icalproperty_new_url(link.c_str()));
}

void add_alarm(icalcomponent* event, const PlanContext& context, const std::string& summary) {
  if (!context.options.meeting_alarm) return;
  ComponentHandle alarm = new_component(ICAL_VALARM_COMPONENT);
  add(alarm.get(), icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icaltriggertype trigger;
  trigger.time = icaltime_null_time();
  trigger.duration = icaldurationtype_from_int(-static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(*context.options.meeting_alarm).count()));
  add(alarm.get(), icalproperty_new_trigger(trigger));
  add(alarm.get(), icalproperty_new_description(summary.c_str()));
  add(event, std::move(alarm));
}

icalproperty_status event_status(const Occurrence& occurrence, const OccurrenceState& state) {
  if (state.status == OccurrenceStatus::cancelled) return ICAL_STATUS_CANCELLED;
  return occurrence.provisional ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_CONFIRMED;
}

bool wants_alarm(const OccurrenceState& state) { return state.status == OccurrenceStatus::open; }

// Which instance of a recurring series an event replaces.
struct OverrideOf {
  std::string uid;               // the series' UID
  date::local_seconds instance;  // RECURRENCE-ID: the start the series' rule gives it
  std::uint32_t sequence = 0;    // the series' SEQUENCE, if higher than the occurrence's own
};

// A meeting with a date and time: a VEVENT in the plan's zone, or an override of one instance
// of a recurring series.
ComponentHandle timed_event(const PlanContext& context, const Occurrence& occurrence,
                            const OccurrenceState& state, const OverrideOf* override_of = nullptr) {
  ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
  add_identity(event.get(), context, override_of ? override_of->uid : context.uid(occurrence.id));
  if (override_of != nullptr)
    add(event.get(),
        with_tzid(icalproperty_new_recurrenceid(ical_local_time(override_of->instance)),
                  context.expansion.zone.name()));
  add(event.get(), with_tzid(icalproperty_new_dtstart(
                                 ical_local_time(context.local(*occurrence.scheduled_start))),
                             context.expansion.zone.name()));
  add(event.get(),
      with_tzid(icalproperty_new_dtend(ical_local_time(context.local(*occurrence.scheduled_end))),
                context.expansion.zone.name()));
  const std::string summary = summary_text(occurrence, state.status);
  const std::string link = context.link("occurrences/" + occurrence.id);
  add_words(event.get(), summary,
            description_text(
                {&context.plan, occurrence.task, &occurrence, occurrence.periods, &state, link}),
            category_texts(context.plan, *occurrence.task, occurrence.periods), link);
  if (const std::string place = context.place_of(occurrence, state); !place.empty())
    add(event.get(), icalproperty_new_location(place.c_str()));
  add(event.get(), icalproperty_new_status(event_status(occurrence, state)));
  add_class(event.get(), context, *occurrence.task);
  add_change(event.get(),
             override_of ? std::max(override_of->sequence, state.sequence) : state.sequence,
             context.last_modified_of(state));
  if (wants_alarm(state)) add_alarm(event.get(), context, summary);
  return event;
}

// A window, span or deadline: an all-day VEVENT (DTEND exclusive) that does not block time.
ComponentHandle all_day_event(const PlanContext& context, const Occurrence& occurrence,
                              const OccurrenceState& state) {
  ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
  add_identity(event.get(), context, context.uid(occurrence.id));
  const date::sys_days first = shown_on_due_day(occurrence) ? occurrence.due : occurrence.start;
  add(event.get(), icalproperty_new_dtstart(ical_date(first)));
  add(event.get(), icalproperty_new_dtend(ical_date(occurrence.due + date::days{1})));
  const std::string link = context.link("occurrences/" + occurrence.id);
  add_words(event.get(), summary_text(occurrence, state.status),
            description_text(
                {&context.plan, occurrence.task, &occurrence, occurrence.periods, &state, link}),
            category_texts(context.plan, *occurrence.task, occurrence.periods), link);
  add(event.get(), icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  add(event.get(), icalproperty_new_status(event_status(occurrence, state)));
  add_change(event.get(), state.sequence, context.last_modified_of(state));
  return event;
}

// The to-do twin of an all-day event, for clients that track tasks (Thunderbird, Apple Reminders
// through CalDAV; subscriptions in Google and Outlook ignore it).
ComponentHandle todo_twin(const PlanContext& context, const Occurrence& occurrence,
                          const OccurrenceState& state) {
  ComponentHandle todo = new_component(ICAL_VTODO_COMPONENT);
  add_identity(todo.get(), context, context.uid(occurrence.id + "/todo"));
  if (occurrence.start != occurrence.due)
    add(todo.get(), icalproperty_new_dtstart(ical_date(occurrence.start)));
  add(todo.get(), icalproperty_new_due(ical_date(occurrence.due)));
  const std::string link = context.link("occurrences/" + occurrence.id);
  add_words(todo.get(), summary_text(occurrence, state.status),
            description_text(
                {&context.plan, occurrence.task, &occurrence, occurrence.periods, &state, link}),
            category_texts(context.plan, *occurrence.task, occurrence.periods), link);
  switch (state.status) {
    case OccurrenceStatus::done:
      add(todo.get(), icalproperty_new_status(ICAL_STATUS_COMPLETED));
      if (state.completed_at)
        add(todo.get(), icalproperty_new_completed(ical_utc_time(*state.completed_at)));
      add(todo.get(), icalproperty_new_percentcomplete(100));
      break;
    case OccurrenceStatus::cancelled:
    case OccurrenceStatus::skipped:
      add(todo.get(), icalproperty_new_status(ICAL_STATUS_CANCELLED));
      break;
    case OccurrenceStatus::open:
      const unsigned percent = state.percent_complete.value_or(0);
      add(todo.get(),
          icalproperty_new_status(percent > 0 ? ICAL_STATUS_INPROCESS : ICAL_STATUS_NEEDSACTION));
      add(todo.get(), icalproperty_new_percentcomplete(static_cast<int>(std::min(percent, 100u))));
      break;
  }
  add_change(todo.get(), state.sequence, context.last_modified_of(state));
  return todo;
}

// Whether the feed shows an action: the agencies' feeds those they own; a plan's feed all of them,
// unless it is filtered by owner or kind (a period filter: due in that period).
bool shows(const PlanContext& context, const MeetingAction& action) {
  const FeedFilter& filter = context.options.filter;
  if (filter.invited)
    return std::find(filter.invited->begin(), filter.invited->end(), action.owner) !=
           filter.invited->end();
  if (filter.owner || filter.kind) return false;
  if (!filter.period) return true;
  if (context.period_filter >= context.plan.periods.size()) return false;
  const FiscalCalendar calendar{context.expansion.fiscal_year, context.plan.periods};
  const PeriodDefinition& period = context.plan.periods[context.period_filter];
  return calendar.period_first_day(period) <= action.due &&
         action.due <= calendar.period_last_day(period);
}

// An action as an all-day event on its due day and, for task-aware clients, a to-do: named by its
// owner and its meeting only (what it says stays behind sign-in), linked to the meeting's page.
void add_action_components(CalendarWriter& calendar, const PlanContext& context,
                           const MeetingAction& action) {
  const Occurrence* meeting = find_occurrence(context.expansion, action.occurrence);
  if (meeting == nullptr) return;
  const std::string title = meeting->task->title;
  const std::string summary = (action.open() ? std::string{} : std::string{kDoneMark}) + "宿題（" +
                              action.owner + "）: " + title;
  const std::string link = context.link("meetings/" + action.occurrence);
  const date::sys_days held = meeting->scheduled_start
                                  ? context.expansion.zone.local_day(*meeting->scheduled_start)
                                  : meeting->start;
  std::string description =
      "「" + title + "」（" + format_iso_date(held) +
      "）で挙がった宿題です。\n担当機関: " + action.owner +
      "\n期限: " + format_iso_date(action.due) +
      "\n状況: " + (action.open() ? "未完了" : "完了 ✓") +
      "\n内容は torikumi の会議のページで確認できます（サインインが必要です）。";
  if (!link.empty()) description += "\n" + link;
  const bool confidential = action.visibility == ItemVisibility::named_agencies ||
                            meeting_type_of(context.plan, *meeting->task).confidential;
  const std::vector<std::string> categories{"宿題", action.owner};
  const std::string uid = context.uid("action-" + std::to_string(action.id));

  ComponentHandle event = new_component(ICAL_VEVENT_COMPONENT);
  add_identity(event.get(), context, uid);
  add(event.get(), icalproperty_new_dtstart(ical_date(action.due)));
  add(event.get(), icalproperty_new_dtend(ical_date(action.due + date::days{1})));
  add_words(event.get(), summary, description, categories, link);
  add(event.get(), icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  add(event.get(), icalproperty_new_status(ICAL_STATUS_CONFIRMED));
  if (confidential) add(event.get(), icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
  add_change(event.get(), action.revision, action.changed_at);
  calendar.add(std::move(event));
  if (context.options.todos != TodoTwins::include) return;
  ComponentHandle todo = new_component(ICAL_VTODO_COMPONENT);
  add_identity(todo.get(), context, context.uid("action-" + std::to_string(action.id) + "/todo"));
  add(todo.get(), icalproperty_new_due(ical_date(action.due)));
  add_words(todo.get(), summary, description, categories, link);
  if (action.done_at) {
    add(todo.get(), icalproperty_new_status(ICAL_STATUS_COMPLETED));
    add(todo.get(), icalproperty_new_completed(ical_utc_time(*action.done_at)));
    add(todo.get(), icalproperty_new_percentcomplete(100));
  } else {
    add(todo.get(), icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
  }
  if (confidential) add(todo.get(), icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
  add_change(todo.get(), action.revision, action.changed_at);
  calendar.add(std::move(todo));
}

// A series of meetings that one monthly RRULE describes, with the members it covers.
struct RecurringSeries {
  const Series* series = nullptr;
  std::vector<std::size_t> members;  // occurrence indexes, in date order
  MonthlyRecurrence recurrence;
  std::chrono::minutes duration{0};
};

date::year_month month_of(date::sys_days day) {
  const date::year_month_day ymd{day};
  return ymd.year() / ymd.month();
}

// The RRULE form of a series' selected members, when every one is a meeting held by the same
// rule (day, time and length) and the rule lands in each of their months.
std::optional<RecurringSeries> recurring_series(const PlanContext& context, const Series& series,
                                                std::vector<std::size_t> members) {
  if (members.size() < 2) return std::nullopt;
  std::optional<MeetingDay> day;
  std::optional<std::chrono::minutes> start_time;
  std::optional<std::chrono::minutes> duration;
  std::vector<date::year_month> months;
  for (const std::size_t index : members) {
    const Occurrence& occurrence = context.expansion.occurrences[index];
    if (!occurrence.scheduled_start) return std::nullopt;
    const Task& task = *occurrence.task;
    const MeetingRule* rule = context.plan.meeting_rule_for(task);
    if (rule == nullptr) return std::nullopt;
    const MeetingDay member_day = written_meeting_day(task).value_or(rule->day);
    if ((day && *day != member_day) || (start_time && *start_time != rule->start_time) ||
        (duration && *duration != rule->duration))
      return std::nullopt;
    day = member_day;
    start_time = rule->start_time;
    duration = rule->duration;
    // Two in a month (第2・第4木曜日, 毎週): one VEVENT each, not a monthly RRULE.
    if (!months.empty() && months.back() == month_of(occurrence.start)) return std::nullopt;
    months.push_back(month_of(occurrence.start));
  }
  auto recurrence = monthly_recurrence(*day, *start_time, months);
  if (!recurrence) return std::nullopt;
  return RecurringSeries{&series, std::move(members), std::move(*recurrence), *duration};
}

// The master VEVENT with its RRULE and EXDATEs, then a RECURRENCE-ID override for each member
// that differs from what the rule gives: moved to a business day, done, cancelled, provisional,
// or with another title or place.
void add_recurring_series(CalendarWriter& calendar, const PlanContext& context,
                          const RecurringSeries& recurring) {
  const auto& occurrences = context.expansion.occurrences;
  const Occurrence& first = occurrences[recurring.members.front()];
  const std::string& tzid = context.expansion.zone.name();
  const std::string uid = context.uid(context.plan.id + "/" + recurring.series->id);
  const std::string summary = summary_text(first, OccurrenceStatus::open);
  const std::string place = context.place_of(first, OccurrenceState{});  // the rule's

  std::uint32_t sequence = 0;
  std::uint32_t periods = 0;
  date::sys_seconds last_modified = context.dtstamp;
  for (const std::size_t index : recurring.members) {
    const OccurrenceState& state = context.state_of(occurrences[index]);
    sequence = std::max(sequence, state.sequence);
    periods |= occurrences[index].periods;
    if (state.last_modified) last_modified = std::max(last_modified, *state.last_modified);
  }

  ComponentHandle master = new_component(ICAL_VEVENT_COMPONENT);
  add_identity(master.get(), context, uid);
  add(master.get(),
      with_tzid(icalproperty_new_dtstart(ical_local_time(recurring.recurrence.first_start)), tzid));
  add(master.get(), with_tzid(icalproperty_new_dtend(ical_local_time(
                                  recurring.recurrence.first_start + recurring.duration)),
                              tzid));
  add(master.get(),
      icalproperty_new_rrule(icalrecurrencetype_from_string(recurring.recurrence.rule.c_str())));
  std::vector<ComponentHandle> overrides;
  for (std::size_t k = 0; k < recurring.members.size(); ++k) {
    const Occurrence& occurrence = occurrences[recurring.members[k]];
    const OccurrenceState& state = context.state_of(occurrence);
    const date::local_seconds instance = recurring.recurrence.instance_starts[k];
    if (state.status == OccurrenceStatus::skipped) {
      add(master.get(), with_tzid(icalproperty_new_exdate(ical_local_time(instance)), tzid));
      continue;
    }
    const date::local_seconds start = context.local(*occurrence.scheduled_start);
    const bool same =
        start == instance &&
        *occurrence.scheduled_end - *occurrence.scheduled_start == recurring.duration &&
        state.status == OccurrenceStatus::open && !occurrence.provisional &&
        summary_text(occurrence, state.status) == summary &&
        context.place_of(occurrence, state) == place;
    if (same) continue;
    const OverrideOf override_of{uid, instance, sequence};
    overrides.push_back(timed_event(context, occurrence, state, &override_of));
  }
  const std::string link =
      context.link("plans/" + context.plan.id + "/series/" + recurring.series->id);
  add_words(master.get(), summary,
            description_text({&context.plan, first.task, nullptr, periods, nullptr, link}),
            category_texts(context.plan, *first.task, periods), link);
  if (!place.empty()) add(master.get(), icalproperty_new_location(place.c_str()));
  add(master.get(), icalproperty_new_status(ICAL_STATUS_CONFIRMED));
  add_class(master.get(), context, *first.task);
  add_change(master.get(), sequence, last_modified);
  add_alarm(master.get(), context, summary);
  calendar.add(std::move(master));
  for (ComponentHandle& override_event : overrides) calendar.add(std::move(override_event));
}

void add_plan_components(CalendarWriter& calendar, const PlanContext& context) {
  const auto& occurrences = context.expansion.occurrences;
  std::vector<char> selected(occurrences.size());
  for (std::size_t i = 0; i < occurrences.size(); ++i)
    selected[i] = passes(context, occurrences[i]);

  std::vector<RecurringSeries> recurring;
  std::vector<std::ptrdiff_t> recurring_of(occurrences.size(), -1);
  for (const Series& series : context.expansion.series) {
    std::vector<std::size_t> members;
    for (const std::size_t index : series.occurrences)
      if (selected[index]) members.push_back(index);
    auto found = recurring_series(context, series, std::move(members));
    if (!found) continue;
    for (const std::size_t index : found->members)
      recurring_of[index] = static_cast<std::ptrdiff_t>(recurring.size());
    recurring.push_back(std::move(*found));
  }

  std::vector<char> emitted(recurring.size());
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    if (!selected[i]) continue;
    if (recurring_of[i] >= 0) {
      const auto which = static_cast<std::size_t>(recurring_of[i]);
      if (!emitted[which]) add_recurring_series(calendar, context, recurring[which]);
      emitted[which] = true;
      continue;
    }
    const Occurrence& occurrence = occurrences[i];
    const OccurrenceState& state = context.state_of(occurrence);
    if (state.status == OccurrenceStatus::skipped) continue;
    if (occurrence.scheduled_start) {
      calendar.add(timed_event(context, occurrence, state));
      continue;
    }
    calendar.add(all_day_event(context, occurrence, state));
    if (context.options.todos == TodoTwins::include)
      calendar.add(todo_twin(context, occurrence, state));
  }
  if (context.actions != nullptr)
    for (const MeetingAction& action : *context.actions)
      if (shows(context, action)) add_action_components(calendar, context, action);
}

void add_x_property(icalcomponent* calendar, const char* name, const std::string& text) {
  icalproperty* property = icalproperty_new_x(text.c_str());
  icalproperty_set_x_name(property, name);
  add(calendar, property);
}

struct CalendarHeader {
  std::string name;
  std::string description;
  std::string time_zone;
};

Result<std::string> render(const CalendarHeader& header, std::span<const PlanFeedSource> plans,
                           const FeedOptions& options) {
  // The zones, and the span of time their VTIMEZONEs must cover: every fiscal year, with a week's
  // margin either side for clients that look a little beyond an event.
  std::vector<std::string> zones;
  std::optional<date::sys_seconds> from;
  std::optional<date::sys_seconds> to;
  std::optional<date::sys_seconds> latest_change;
  for (const PlanFeedSource& source : plans) {
    if (std::find(zones.begin(), zones.end(), source.expansion->zone.name()) == zones.end())
      zones.push_back(source.expansion->zone.name());
    const date::sys_seconds begin{source.expansion->fiscal_year.first_day() - date::days{7}};
    const date::sys_seconds end{source.expansion->fiscal_year.end() + date::days{7}};
    from = from ? std::min(*from, begin) : begin;
    to = to ? std::max(*to, end) : end;
    if (source.states != nullptr)
      for (const auto& [id, state] : *source.states)
        if (state.last_modified)
          latest_change =
              latest_change ? std::max(*latest_change, *state.last_modified) : *state.last_modified;
    if (source.actions != nullptr)
      for (const MeetingAction& action : *source.actions)
        latest_change =
            latest_change ? std::max(*latest_change, action.changed_at) : action.changed_at;
  }

  std::vector<const date::time_zone*> located;
  for (const PlanFeedSource& source : plans) {
    located.push_back(&source.expansion->zone.zone());
  }
  date::sys_seconds dtstamp{};
  if (options.last_modified) {
    dtstamp = *options.last_modified;
  } else if (latest_change) {
    dtstamp = *latest_change;
  } else if (!plans.empty()) {
    const auto first_day = plans.front().expansion->fiscal_year.first_day();
    dtstamp = located.front()->to_sys(date::local_days{first_day.time_since_epoch()},
                                      date::choose::earliest);
  }

  ComponentHandle calendar = new_component(ICAL_VCALENDAR_COMPONENT);
  add(calendar.get(), icalproperty_new_prodid(options.product_id.c_str()));
  add(calendar.get(), icalproperty_new_version("2.0"));
  add(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  add(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  add(calendar.get(), icalproperty_new_name(header.name.c_str()));
  add_x_property(calendar.get(), "X-WR-CALNAME", header.name);
  add(calendar.get(), icalproperty_new_description(header.description.c_str()));
  add_x_property(calendar.get(), "X-WR-CALDESC", header.description);
  add_x_property(calendar.get(), "X-WR-TIMEZONE", header.time_zone);
  const icaldurationtype refresh = icaldurationtype_from_int(static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(options.refresh_interval).count()));
  add(calendar.get(), icalproperty_new_refreshinterval(refresh));
  icalproperty* ttl = icalproperty_new(ICAL_X_PROPERTY);
  icalproperty_set_x_name(ttl, "X-PUBLISHED-TTL");
  icalproperty_set_value(ttl, icalvalue_new_duration(refresh));
  add(calendar.get(), ttl);

  for (const std::string& zone_name : zones) {
    auto zone = time_zone_component(zone_name, *from, *to);
    if (!zone) return zone.error();
    add(calendar.get(), std::move(*zone));
  }
  // About 700 octets per occurrence and its to-do twin, mostly Japanese descriptions.
  std::size_t occurrence_count = 0;
  for (const PlanFeedSource& source : plans)
    occurrence_count += source.expansion->occurrences.size();
  CalendarWriter writer{std::move(calendar), 4096 + occurrence_count * 700};
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const PlanFeedSource& source = plans[i];
    const std::size_t period_filter = options.filter.period
                                          ? period_index(*source.plan, *options.filter.period)
                                          : source.plan->periods.size();
    const PlanContext context{*source.plan, *source.expansion, source.states, source.actions,
                              options,      *located[i],       dtstamp,       period_filter};
    add_plan_components(writer, context);
  }
  return std::move(writer).finish();
}

std::string fiscal_year_text(const Expansion& expansion) {
  return era_fiscal_year_label(expansion.fiscal_year) + "（" +
         format_iso_date(expansion.fiscal_year.first_day()) + "〜" +
         format_iso_date(expansion.fiscal_year.last_day()) + "）";
}

std::string filter_text(const FeedFilter& filter) {
  std::string text;
  if (filter.period) text += " " + *filter.period;
  if (filter.kind) text += " " + kind_label(*filter.kind);
  if (filter.owner) text += " 担当: " + *filter.owner;
  return text;
}

// A calendar of the meetings options.filter.invited takes part in: of the plans that have one,
// each with the states of those meetings only, so that what the calendar does not show moves
// neither its DTSTAMP nor the LAST-MODIFIED of what has no change of its own. An occurrence's
// own participants (a state's participant_changes) decide whether it is shown.
Result<std::string> render_meetings(CalendarHeader header, std::span<const PlanFeedSource> plans,
                                    const FeedOptions& options) {
  std::vector<OccurrenceStates> shown_states;
  shown_states.reserve(plans.size());  // the sources point into it
  std::vector<std::vector<MeetingAction>> shown_actions;
  shown_actions.reserve(plans.size());  // and into this
  std::vector<PlanFeedSource> shown;
  for (const PlanFeedSource& source : plans) {
    OccurrenceStates states;
    bool any = false;
    for (const Occurrence& occurrence : source.expansion->occurrences) {
      const auto found = source.states == nullptr ? OccurrenceStates::const_iterator{}
                                                  : source.states->find(occurrence.id);
      const bool recorded = source.states != nullptr && found != source.states->end();
      if (!invites(options.filter, *source.plan, occurrence, recorded ? found->second : kOpen)) {
        // Not shown: of its state only who it invites, so that it stays out and moves nothing.
        if (recorded && !found->second.participant_changes.empty()) {
          OccurrenceState invites_only;
          invites_only.participant_changes = found->second.participant_changes;
          states.emplace(found->first, std::move(invites_only));
        }
        continue;
      }
      any = true;
      if (recorded) states.insert(*found);
    }
    std::vector<MeetingAction> owned;
    if (source.actions != nullptr)
      for (const MeetingAction& action : *source.actions)
        if (std::find(options.filter.invited->begin(), options.filter.invited->end(),
                      action.owner) != options.filter.invited->end())
          owned.push_back(action);
    if (!any && owned.empty()) continue;
    shown_states.push_back(std::move(states));
    shown_actions.push_back(std::move(owned));
    shown.push_back({source.plan, source.expansion, &shown_states.back(), &shown_actions.back()});
  }
  header.time_zone = shown.empty() ? "Asia/Tokyo" : shown.front().expansion->zone.name();
  return render(header, shown, options);
}

Error unknown_period(const std::string& period, const Plan& plan) {
  const std::string names = list_period_names(plan.periods);
  return Error{"filter.period: unknown period \"" + period + "\", expected one of " + names};
}

}  // namespace

Result<std::string> render_agency_feed(std::string_view agency,
                                       std::span<const PlanFeedSource> plans,
                                       const FeedOptions& options) {
  FeedOptions shown = options;
  shown.filter.invited = std::vector<std::string>{std::string{agency}};
  CalendarHeader header;
  header.name = std::string{agency} + "の会議";
  header.description = std::string{agency} + "が参加する会議の日程。torikumi が作成。";
  return render_meetings(std::move(header), plans, shown);
}

Result<std::string> render_person_feed(std::string_view person,
                                       const std::vector<std::string>& agencies,
                                       std::span<const PlanFeedSource> plans,
                                       const FeedOptions& options) {
  FeedOptions shown = options;
  shown.filter.invited = agencies;
  CalendarHeader header;
  header.name = std::string{person} + "の会議";
  if (agencies.empty()) {
    header.description = std::string{person} + "が今所属する機関はありません。torikumi が作成。";
  } else {
    std::string names;
    for (const std::string& agency : agencies) names += (names.empty() ? "" : "、") + agency;
    header.description = std::string{person} + "が所属する機関（" + names +
                         "）が参加する会議の日程。torikumi が作成。";
  }
  return render_meetings(std::move(header), plans, shown);
}

Result<std::string> render_plan_feed(const PlanFeedSource& source, const FeedOptions& options) {
  const Plan& plan = *source.plan;
  if (options.filter.period && period_index(plan, *options.filter.period) == plan.periods.size())
    return unknown_period(*options.filter.period, plan);
  CalendarHeader header;
  header.name = plan.organisation.name + " " + plan.initiative + "（" +
                era_fiscal_year_label(source.expansion->fiscal_year) + "）" +
                filter_text(options.filter);
  header.description = plan.organisation.name +
                       (plan.organisation.unit.empty() ? "" : " " + plan.organisation.unit) + "「" +
                       plan.initiative + "」" + fiscal_year_text(*source.expansion) + "の日程" +
                       filter_text(options.filter) + "。torikumi が計画 " + plan.id + " から作成。";
  header.time_zone = source.expansion->zone.name();
  return render(header, std::span<const PlanFeedSource>{&source, 1}, options);
}

Result<std::string> render_organisation_feed(std::string_view organisation,
                                             std::span<const PlanFeedSource> plans,
                                             const FeedOptions& options) {
  if (plans.empty()) return Error{"organisation " + std::string{organisation} + ": no plans"};
  if (options.filter.period &&
      std::none_of(plans.begin(), plans.end(), [&](const PlanFeedSource& source) {
        return period_index(*source.plan, *options.filter.period) < source.plan->periods.size();
      }))
    return unknown_period(*options.filter.period, *plans.front().plan);
  CalendarHeader header;
  header.name = std::string{organisation} + "（" +
                era_fiscal_year_label(plans.front().expansion->fiscal_year) + "）" +
                filter_text(options.filter);
  header.description = std::string{organisation} + "の重要取組 " + std::to_string(plans.size()) +
                       " 件、" + fiscal_year_text(*plans.front().expansion) + "の日程" +
                       filter_text(options.filter) + "。torikumi が作成。";
  header.time_zone = plans.front().expansion->zone.name();
  return render(header, plans, options);
}

}  // namespace torikumi::calendars
