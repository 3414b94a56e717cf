#include "engine/reminders/reminder_planning.hpp"

#include <date/tz.h>

#include <algorithm>
#include <bit>
#include <set>

#include "engine/calendar/business_calendar.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/reminders/send_days.hpp"

namespace torikumi {

namespace {

class Planner {
 public:
  Planner(const Plan& plan, const Expansion& expansion, const RecordedState& state,
          const ReminderRules& rules, const Directory& directory)
      : plan_(plan),
        expansion_(expansion),
        state_(state),
        rules_(rules),
        directory_(directory),
        send_days_(plan.business_calendar, expansion.zone, rules.send_time),
        calendar_(send_days_.calendar()),
        zone_(expansion.zone),
        fiscal_calendar_(expansion.fiscal_year, plan.periods) {}

  ReminderPlan run() {
    for (const Occurrence& occurrence : expansion_.occurrences) plan_occurrence(occurrence);
    std::sort(result_.reminders.begin(), result_.reminders.end(),
              [](const Reminder& a, const Reminder& b) {
                return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
              });
    return std::move(result_);
  }

 private:
  date::sys_days local_day(date::sys_seconds instant) const { return zone_.local_day(instant); }
  date::sys_seconds local_instant(date::sys_days day, std::chrono::minutes time) const {
    return send_days_.local_instant(day, time);
  }
  date::sys_seconds morning(date::sys_days day) const { return send_days_.morning(day); }
  date::sys_seconds end_of_day(date::sys_days day) const { return send_days_.end_of_day(day); }

  // The occurrence's fields every reminder of it carries.
  Reminder base_of(const Occurrence& occurrence, const OccurrenceRecord* record) const {
    const Task& task = *occurrence.task;
    Reminder reminder;
    reminder.plan = plan_.id;
    reminder.occurrence = occurrence.id;
    reminder.task = task.id;
    reminder.title = task.title;
    reminder.task_kind = task.kind;
    reminder.owner = task.owner;
    reminder.periods = period_names(plan_, occurrence);
    reminder.window_start = occurrence.start;
    reminder.due = occurrence.due;
    reminder.scheduled_start = occurrence.scheduled_start;
    reminder.scheduled_end = occurrence.scheduled_end;
    if (task.kind == TaskKind::meeting && occurrence.scheduled_start)
      if (const MeetingRule* rule = plan_.meeting_rule_for(task)) reminder.place = rule->place;
    if (record != nullptr) {
      if (record->scheduled_start) {
        const auto length = occurrence.scheduled_start && occurrence.scheduled_end
                                ? *occurrence.scheduled_end - *occurrence.scheduled_start
                                : std::chrono::seconds{std::chrono::hours{1}};
        reminder.scheduled_start = record->scheduled_start;
        reminder.scheduled_end = record->scheduled_end.value_or(*record->scheduled_start + length);
      }
      if (!record->place.empty()) reminder.place = record->place;
    }
    return reminder;
  }

  const DirectoryEntry* recipients_of(const Task& task) {
    const DirectoryEntry* entry = directory_.find(task.owner);
    if (entry == nullptr || entry->recipients.empty()) {
      if (warned_.insert(task.id).second) {
        result_.warnings.push_back("task \"" + task.id + "\": owner \"" + task.owner +
                                   "\" is not in the directory; its items get no reminders");
        auto& owners = result_.unreached_owners;
        if (std::find(owners.begin(), owners.end(), task.owner) == owners.end())
          owners.push_back(task.owner);
      }
      return nullptr;
    }
    return entry;
  }

  void add(Reminder reminder, const DirectoryEntry& entry) {
    if (reminder.send_at >= reminder.expires_at) return;
    reminder.recipients = entry.recipients;
    if (reminder.escalated)
      reminder.recipients.insert(reminder.recipients.end(), entry.escalation.begin(),
                                 entry.escalation.end());
    reminder.id =
        reminder.occurrence + "/" + reminder.rule + "/" + compact_instant(reminder.send_at);
    result_.reminders.push_back(std::move(reminder));
  }

  // The lead-time reminders of one anchor day, then its overdue repeats.
  void add_rule(const Reminder& base, const DirectoryEntry& entry, const KindReminderRule& rule,
                ReminderKind kind, const std::string& rule_prefix, date::sys_days anchor_day,
                date::sys_seconds anchor_instant) {
    for (const LeadSend& send : lead_sends(send_days_, rule.before, anchor_day, anchor_instant)) {
      Reminder reminder = base;
      reminder.kind = kind;
      reminder.days = send.lead;
      reminder.anchor_day = anchor_day;
      reminder.rule = rule_prefix + "-" + std::to_string(send.lead.count()) + "d";
      reminder.send_at = send.send_at;
      reminder.expires_at = send.expires_at;
      add(std::move(reminder), entry);
    }
    if (!rule.overdue) return;
    const date::sys_days last_day = expansion_.fiscal_year.last_day();
    std::vector<Reminder> repeats;
    std::optional<date::sys_days> previous_day;
    for (date::days overdue = rule.overdue->every; anchor_day + overdue <= last_day;
         overdue += rule.overdue->every) {
      const date::sys_days day = calendar_.next_business_day(anchor_day + overdue);
      if (previous_day && day == *previous_day) continue;  // two repeats on one morning: one
      previous_day = day;
      Reminder reminder = base;
      reminder.kind = ReminderKind::overdue;
      reminder.days = overdue;
      reminder.anchor_day = anchor_day;
      reminder.rule = rule_prefix + "-overdue-" + std::to_string(overdue.count()) + "d";
      reminder.escalated = overdue >= rule.overdue->escalate_after;
      reminder.send_at = morning(day);
      repeats.push_back(std::move(reminder));
    }
    // Each repeat is worth sending until the next one is due; the last until the year ends.
    for (std::size_t i = 0; i < repeats.size(); ++i) {
      repeats[i].expires_at =
          i + 1 < repeats.size() ? repeats[i + 1].send_at : end_of_day(last_day);
      add(std::move(repeats[i]), entry);
    }
  }

  void plan_occurrence(const Occurrence& occurrence) {
    const Task& task = *occurrence.task;
    const OccurrenceRecord* record = state_.find(occurrence.id);
    const OccurrenceStatus status = record ? record->status : OccurrenceStatus::planned;
    if (!is_open(status)) return;
    const bool span = std::popcount(occurrence.periods) > 1;
    const bool meeting = task.kind == TaskKind::meeting;
    const bool deadline = task.kind == TaskKind::deliverable;
    if (!meeting && !deadline && !span) return;
    const DirectoryEntry* entry = recipients_of(task);
    if (entry == nullptr) return;
    const Reminder base = base_of(occurrence, record);
    if (meeting) {
      const date::sys_days day =
          base.scheduled_start ? local_day(*base.scheduled_start) : occurrence.start;
      const date::sys_seconds begins = base.scheduled_start
                                           ? *base.scheduled_start
                                           : local_instant(day, std::chrono::minutes{0});
      add_rule(base, *entry, rules_.meeting, ReminderKind::before_meeting, "meeting", day, begins);
    }
    if (deadline)
      add_rule(base, *entry, rules_.deadline, ReminderKind::before_deadline, "deadline",
               occurrence.due, end_of_day(occurrence.due));
    if (!span) return;
    for (std::size_t p = 0; p < plan_.periods.size() && p < 32; ++p) {
      if ((occurrence.periods & (std::uint32_t{1} << p)) == 0) continue;
      const PeriodDefinition& period = plan_.periods[p];
      const bool noted =
          std::any_of(state_.notes.begin(), state_.notes.end(), [&](const ProgressNote& note) {
            return note.task == task.id && note.period == period.name;
          });
      if (noted) continue;
      const date::sys_days share_due =
          std::min(occurrence.due, fiscal_calendar_.period_last_day(period));
      Reminder share = base;
      share.period = period.name;
      add_rule(share, *entry, rules_.progress_note, ReminderKind::before_period_end,
               "note-" + format_iso_date(share_due), share_due, end_of_day(share_due));
    }
  }

  const Plan& plan_;
  const Expansion& expansion_;
  const RecordedState& state_;
  const ReminderRules& rules_;
  const Directory& directory_;
  SendDays send_days_;
  const BusinessCalendar& calendar_;
  const PlanZone& zone_;
  FiscalCalendar fiscal_calendar_;
  std::set<std::string> warned_;
  ReminderPlan result_;
};

}  // namespace

std::string_view to_string(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::before_meeting:
      return "before-meeting";
    case ReminderKind::before_deadline:
      return "before-deadline";
    case ReminderKind::before_period_end:
      return "before-period-end";
    case ReminderKind::overdue:
      return "overdue";
  }
  return "overdue";
}

ReminderPlan plan_reminders(const Plan& plan, const Expansion& expansion,
                            const RecordedState& state, const ReminderRules& rules,
                            const Directory& directory) {
  return Planner{plan, expansion, state, rules, directory}.run();
}

Reminder as_entered_on(Reminder reminder, date::sys_days today, const PlanZone& zone) {
  if (today <= zone.today(reminder.send_at)) return reminder;
  switch (reminder.kind) {
    case ReminderKind::before_meeting:
    case ReminderKind::before_deadline:
      reminder.days = std::max(date::days{0}, reminder.anchor_day - today);
      break;
    case ReminderKind::overdue:
      reminder.days = std::max(reminder.days, today - reminder.anchor_day);
      break;
    case ReminderKind::before_period_end:  // it names its day, not a count of days
      break;
  }
  return reminder;
}

}  // namespace torikumi
