// GET /plans/<id> (render_plan_page in dashboard.hpp): the plan laid out like the sheet, with the
// forms that record for an editor. The C++ gathers the view; templates/plan.html lays it out.

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "engine/calendar/time_text.hpp"
#include "http/api/api.hpp"
#include "http/api/reminder_board.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/page_views.hpp"
#include "http/pages/templates/plan_parts_view.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

constexpr std::size_t kUpcomingRows = 10;  // the reminder board's upcoming list

using page::text_or_false;
using templates::View;

// Makes a calendar subscription (a secret URL) for the plan or one owner's tasks.
View subscription_form_view(const Plan& plan, const Visitor& visitor) {
  std::vector<std::string> owners;
  for (const Task& task : plan.tasks)
    if (!task.owner.empty() && std::find(owners.begin(), owners.end(), task.owner) == owners.end())
      owners.push_back(task.owner);
  View form{View::type::object};
  templates::put(form, "csrf", visitor.csrf_token);
  View list{View::type::list};
  for (const std::string& owner : owners) templates::append(list, View{owner});
  templates::put(form, "owners", std::move(list));
  return form;
}

// The forms that record what happened to one occurrence, folded in a <details> (no script runs
// on these pages): done with a note, skip with a reason, a meeting's date and place, or undo.
View occurrence_forms_view(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                           OccurrenceStatus status, const Visitor& visitor) {
  View forms{View::type::object};
  templates::put(forms, "plan_id", snapshot.plan->id);
  templates::put(forms, "csrf", visitor.csrf_token);
  templates::put(forms, "occurrence", occurrence.id);
  templates::put(forms, "closed", !is_open(status));
  templates::put(forms, "meeting", occurrence.task->kind == TaskKind::meeting);
  std::string start;
  if (occurrence.scheduled_start)
    start = format_rfc3339(*occurrence.scheduled_start, snapshot.plan->time_zone).substr(0, 16);
  templates::put(forms, "start", start);
  return forms;
}

// A task's row of the schedule: tick, title, schedule as written, owner, each occurrence's status
// as the counts give it (a span's, each of its period shares'), with an editor's forms: those of
// the occurrence, and under an overdue share the progress note that clears it.
View task_row_view(const PlanSnapshot& snapshot, const Task& task,
                   const std::vector<PeriodShare>& shares, date::sys_days today,
                   const PageContext& context) {
  std::vector<const Occurrence*> occurrences;
  for (const Occurrence& occurrence : snapshot.expansion.occurrences)
    if (occurrence.task == &task) occurrences.push_back(&occurrence);
  const bool done = !occurrences.empty() &&
                    std::all_of(occurrences.begin(), occurrences.end(), [&](const Occurrence* o) {
                      return snapshot.recorded.status_of(o->id) == OccurrenceStatus::done;
                    });
  const bool can_edit = context.visitor && context.visitor->can_edit;
  const Plan& plan = *snapshot.plan;
  View row{View::type::object};
  templates::put(row, "done", done);
  templates::put(row, "title", task.title);
  templates::put(row, "when", text_or_false(task.when_text));
  templates::put(row, "owner", text_or_false(task.owner));
  templates::put(row, "task_id", task.id);
  templates::put(row, "plan_id", plan.id);
  templates::put(row, "edit", can_edit && snapshot.stored.revision > 0);
  templates::put(row, "has_occurrences", !occurrences.empty());
  View chips{View::type::list};
  for (const Occurrence* occurrence : occurrences) {
    const OccurrenceStatus status = snapshot.recorded.status_of(occurrence->id);
    View pieces{View::type::list};
    for (const page::DrawnPiece& piece : page::drawn_pieces(*occurrence, status, shares, today)) {
      const bool whole = piece.share == nullptr;
      View chip{View::type::object};
      templates::put(chip, "class", std::string{to_string(piece.status)});
      templates::put(chip, "anchor", piece.anchor);
      templates::put(chip, "id", occurrence->id);
      templates::put(chip, "share",
                     whole ? View{false} : View{plan.periods[piece.share->period].name});
      templates::put(chip, "when",
                     whole ? page::occurrence_when(snapshot, *occurrence, context.language)
                           : page::day_text(piece.start, context.language) + "–" +
                                 page::day_text(piece.due, context.language));
      templates::put(chip, "status", page::status_text(piece.status, context.language));
      templates::put(
          chip, "note_form",
          can_edit && !whole && piece.status == ShownStatus::overdue
              ? page::note_form_view(snapshot, piece.share->period, *context.visitor, task.id)
              : View{false});
      templates::append(pieces, std::move(chip));
    }
    View chip{View::type::object};
    templates::put(chip, "id", occurrence->id);
    templates::put(chip, "history",
                   "/plans/" + percent_encode(plan.id) +
                       "/history?occurrence=" + percent_encode(occurrence->id));
    templates::put(chip, "pieces", std::move(pieces));
    templates::put(chip, "forms",
                   can_edit ? occurrence_forms_view(snapshot, *occurrence, status, *context.visitor)
                            : View{false});
    templates::append(chips, std::move(chip));
  }
  templates::put(row, "occurrences", std::move(chips));
  return row;
}

// The schedule by period, as the sheet writes it: each period, the whole year, the next year.
View schedule_view(const PlanSnapshot& snapshot, const std::vector<PeriodShare>& shares,
                   date::sys_days today, const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  std::vector<std::string> names;
  for (const auto& period : plan.periods) names.push_back(period.name);
  names.emplace_back("");  // the whole year
  names.emplace_back(kNextYearPeriod);
  View groups{View::type::list};
  for (const auto& name : names) {
    View tasks{View::type::list};
    for (const Task& task : plan.tasks)
      if (task.period == name)
        templates::append(tasks, task_row_view(snapshot, task, shares, today, context));
    if (tasks.is_empty_list()) continue;
    const std::size_t index = period_index(plan, name);
    std::string heading =
        name.empty() ? std::string{page::label(context.language, "whole_year")} : name;
    if (index < plan.periods.size())
      heading = page::period_heading(plan.periods[index], context.language);
    View group{View::type::object};
    templates::put(group, "heading", heading);
    templates::put(group, "tasks", std::move(tasks));
    templates::append(groups, std::move(group));
  }
  return groups;
}

// An editor's forms for a stored note (partial note_edit.html): its text to edit, and delete.
View note_edit_view(const Plan& plan, const ProgressNote& note, const Visitor& visitor) {
  return templates::object_of({{"plan_id", plan.id},
                               {"csrf", visitor.csrf_token},
                               {"note_id", std::to_string(note.id)},
                               {"text", note.text}});
}

// Each period's progress lines, each stored one with an editor's forms to edit and delete it,
// then an editor's form for one more.
View progress_notes_view(const PlanSnapshot& snapshot, const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const bool can_edit = context.visitor && context.visitor->can_edit;
  View periods{View::type::list};
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    const PeriodDefinition& period = plan.periods[p];
    View notes{View::type::list};
    for (const ProgressNote& note : snapshot.recorded.notes) {
      if (note.period != period.name) continue;
      const Task* task = note.task.empty() ? nullptr : plan.find_task(note.task);
      const bool stored = note.id != 0;
      View item{View::type::object};
      templates::put(item, "text", note.text);
      templates::put(item, "task", task ? View{task->title} : View{false});
      templates::put(item, "anchor",
                     stored ? View{"note-" + std::to_string(note.id)} : View{false});
      templates::put(
          item, "edit",
          stored && can_edit ? note_edit_view(plan, note, *context.visitor) : View{false});
      templates::append(notes, std::move(item));
    }
    View row{View::type::object};
    templates::put(row, "heading", page::period_heading(period, context.language));
    templates::put(row, "notes", std::move(notes));
    templates::put(row, "note_form",
                   context.visitor && context.visitor->can_edit
                       ? page::note_form_view(snapshot, p, *context.visitor)
                       : View{false});
    templates::append(periods, std::move(row));
  }
  return periods;
}

View kpi_figure_view(const std::optional<KpiFigure>& figure, const Kpi& kpi) {
  if (!figure) return View{false};
  View view{View::type::object};
  templates::put(view, "figure", kpi_figure_text(figure->value, kpi.unit));
  templates::put(view, "year", std::to_string(figure->year));
  return view;
}

// An editor's form for a KPI's figure (partial kpi_form.html): a year, by default the fiscal
// year shown, among it, the year before and after, and the years from the KPI's baseline to its
// target; the value, filled in with the one recorded for the year shown.
View kpi_form_view(const PlanSnapshot& snapshot, const Kpi& kpi, const PageContext& context) {
  const int shown = static_cast<int>(snapshot.expansion.fiscal_year.year());
  int first = shown - 1;
  int last = shown + 1;
  for (const auto& figure : {kpi.baseline, kpi.target}) {
    if (!figure) continue;
    first = std::min(first, figure->year);
    last = std::max(last, figure->year);
  }
  first = std::max({first, 1949, shown - 20});
  last = std::min({last, 2099, shown + 20});
  View years{View::type::list};
  for (int year = first; year <= last; ++year) {
    const std::string number = std::to_string(year);
    templates::append(
        years,
        templates::object_of(
            {{"value", number},
             {"text", context.language == Language::english ? "FY" + number : number + "年度"},
             {"selected", year == shown}}));
  }
  std::string value;
  for (const RecordedKpi& recorded : snapshot.kpi_values)
    if (recorded.kpi == kpi.id && recorded.year == shown) value = page::number_text(recorded.value);
  return templates::object_of({{"plan_id", snapshot.plan->id},
                               {"csrf", context.visitor->csrf_token},
                               {"kpi", kpi.id},
                               {"years", std::move(years)},
                               {"value", value}});
}

// Each KPI with its baseline, its target and what was recorded, and an editor's form for a figure.
View kpis_view(const PlanSnapshot& snapshot, const PageContext& context) {
  const bool can_edit = context.visitor && context.visitor->can_edit;
  View kpis{View::type::list};
  for (const Kpi& kpi : snapshot.plan->kpis) {
    View recorded{View::type::list};
    for (const RecordedKpi& value : snapshot.kpi_values) {
      if (value.kpi != kpi.id) continue;
      View figure = kpi_figure_view(KpiFigure{value.year, value.value}, kpi);
      templates::put(figure, "first", recorded.is_empty_list());
      templates::append(recorded, std::move(figure));
    }
    View view{View::type::object};
    templates::put(view, "name", kpi.name);
    templates::put(view, "baseline", kpi_figure_view(kpi.baseline, kpi));
    templates::put(view, "target", kpi_figure_view(kpi.target, kpi));
    templates::put(view, "recorded", std::move(recorded));
    templates::put(view, "kpi_form",
                   can_edit ? kpi_form_view(snapshot, kpi, context) : View{false});
    templates::append(kpis, std::move(view));
  }
  return kpis;
}

// The sheet's rows after the schedule: the city plan, the KPIs, the SDG goals.
void set_city_plan_and_goals_view(View& view, const Plan& plan) {
  if (plan.city_plan) {
    View city_plan{View::type::object};
    templates::put(city_plan, "name", plan.city_plan->name);
    templates::put(city_plan, "policy", plan.city_plan->policy);
    templates::put(view, "city_plan", std::move(city_plan));
  } else {
    templates::put(view, "city_plan", false);
  }
  templates::put(view, "sdg_goals", templates::sdg_goals_view(plan.sdg_goals));
}

// What reminders will go out, and what the delivery log says of those that went (issue 7).
// What a reminder's rule means, in the page's language: 会議の14日前, 期限当日, 期限超過14日
// (14 days before the meeting, on the due day, 14 days overdue); the rule's id stays in a tooltip.
std::string reminder_rule_words(const Reminder& reminder, Language language) {
  const bool english = language == Language::english;
  const long long n = reminder.days.count();
  const std::string count = std::to_string(n);
  const std::string days_en = count + (n == 1 ? " day" : " days");
  std::string words;
  switch (reminder.kind) {
    case ReminderKind::before_meeting:
      words = n == 0 ? (english ? "on the meeting's day" : "会議の当日")
                     : (english ? days_en + " before the meeting" : "会議の" + count + "日前");
      break;
    case ReminderKind::before_deadline:
      words = n == 0 ? (english ? "on the due day" : "期限当日")
                     : (english ? days_en + " before the due day" : "期限の" + count + "日前");
      break;
    case ReminderKind::before_period_end:
      words = english ? "progress note for " + reminder.period + ", " + days_en + " before it ends"
                      : reminder.period + "の進捗の記入（" + count + "日前）";
      break;
    case ReminderKind::overdue:
      words = english ? days_en + " overdue" : "期限超過" + count + "日";
      break;
  }
  if (reminder.escalated) words += english ? ", escalated" : "・上長にも";
  return words;
}

// What a participant reminder's rule means: 未回答の方へ回答のお願い（会議の7日前）,
// 出席の方へのご案内（会議の前日）, 事務局へ未回答の機関のお知らせ（会議の5日前）,
// 宿題3の担当機関へ（期限の3日前）.
std::string participant_rule_words(const ParticipantReminder& reminder, Language language) {
  const bool english = language == Language::english;
  const long long n = reminder.days.count();
  const std::string count = std::to_string(n);
  const std::string when =
      english ? (n == 0 ? "on the meeting's day"
                        : count + (n == 1 ? " day" : " days") + " before the meeting")
              : (n == 0   ? "会議の当日"
                 : n == 1 ? "会議の前日"
                          : "会議の" + count + "日前");
  switch (reminder.kind) {
    case ParticipantReminderKind::unanswered:
      return english ? "asking those who have not answered, " + when
                     : "未回答の方へ回答のお願い（" + when + "）";
    case ParticipantReminderKind::accepted:
      return english ? "to those coming, " + when : "出席の方へのご案内（" + when + "）";
    case ParticipantReminderKind::nudge:
      return english ? "to the secretariat: agencies yet to answer, " + when
                     : "事務局へ未回答の機関のお知らせ（" + when + "）";
    case ParticipantReminderKind::action: {
      const std::string due =
          english ? (n == 0 ? "on the due day"
                            : count + (n == 1 ? " day" : " days") + " before it is due")
                  : (n == 0 ? "期限の当日" : "期限の" + count + "日前");
      return english
                 ? "to the agency owning action " + std::to_string(reminder.action->id) + ", " + due
                 : "宿題" + std::to_string(reminder.action->id) + "の担当機関へ（" + due + "）";
    }
  }
  return {};
}

// The line that says what became of the items overdue when the plan came in mid-year, from the
// summaries the outbox holds: 年度途中の取り込みのため、期限超過 7 件は担当ごとに 1 通のまとめで
// 送りました（3 通、2026-12-07）.
std::string first_import_words(const FirstImportNote& note, Language language) {
  const std::string items = std::to_string(note.items);
  const std::string summaries = std::to_string(note.summaries);
  const std::string day = format_iso_date(note.day);
  if (language == Language::japanese)
    return "年度途中の取り込みのため、期限超過 " + items +
           " 件は担当ごとに 1 通のまとめで送りました（" + summaries + " 通、" + day + "）";
  return "As the plan came in mid-year, its " + items +
         (note.items == 1 ? " overdue item" : " overdue items") +
         " went out as one summary per owner (" + summaries +
         (note.summaries == 1 ? " summary, " : " summaries, ") + day + ").";
}

// Webhook URLs and their receivers' answers are for editors and admins (http/reminder_board).
View reminders_view(const PlanSnapshot& snapshot, const PlanReminders& reminders,
                    const PageContext& context) {
  const PlanZone& zone = snapshot.expansion.zone;
  const bool personal_data = context.visitor && context.visitor->can_edit;
  View view{View::type::object};
  templates::put(view, "no_endpoints", reminders.endpoints == 0);
  View unreached{View::type::list};
  for (const std::string& owner : reminders.unreached_owners)
    templates::append(unreached, templates::object_of({{"owner", owner}}));
  templates::put(view, "has_unreached", !reminders.unreached_owners.empty());
  templates::put(view, "unreached", std::move(unreached));
  templates::put(view, "first_import",
                 reminders.first_import
                     ? View{first_import_words(*reminders.first_import, context.language)}
                     : View{false});
  // The owners' reminders and the participants', by send instant; the participants' one row
  // for each meeting, rule and instant, with everyone it goes to.
  const auto row = [&](date::sys_seconds send_at, const std::string& title,
                       const std::string& words, const std::string& rule,
                       const std::vector<std::string>& names) {
    std::string listed;
    for (std::size_t i = 0; i < names.size(); ++i) listed += (i ? ", " : "") + names[i];
    View item{View::type::object};
    templates::put(item, "when", page::instant_text(send_at, zone, context.language));
    templates::put(item, "title", title);
    templates::put(item, "rule", words);
    templates::put(item, "rule_id", rule);
    templates::put(item, "recipients", text_or_false(listed));
    return item;
  };
  const auto names_of = [](const std::vector<Recipient>& recipients) {
    std::vector<std::string> names;
    for (const Recipient& recipient : recipients) names.push_back(recipient.name);
    return names;
  };
  View upcoming{View::type::list};
  std::size_t rows = 0;
  const ParticipantReminder* group = nullptr;
  std::vector<std::string> group_names;
  const auto close_group = [&] {
    if (group == nullptr) return;
    if (rows++ < kUpcomingRows)
      templates::append(upcoming, row(group->send_at, group->meeting.title,
                                      participant_rule_words(*group, context.language), group->rule,
                                      group_names));
    group = nullptr;
    group_names.clear();
  };
  for_each_by_send_at(
      reminders.upcoming, reminders.participant_upcoming,
      [&](const Reminder& reminder) {
        close_group();
        if (rows++ < kUpcomingRows)
          templates::append(upcoming, row(reminder.send_at, reminder.title,
                                          reminder_rule_words(reminder, context.language),
                                          reminder.rule, names_of(reminder.recipients)));
      },
      [&](const ParticipantReminder& reminder) {
        if (group == nullptr || group->occurrence != reminder.occurrence ||
            group->rule != reminder.rule || group->send_at != reminder.send_at)
          close_group();
        group = &reminder;
        for (std::string& name : names_of(reminder.recipients))
          group_names.push_back(std::move(name));
      });
  close_group();
  templates::put(view, "upcoming", std::move(upcoming));
  View deliveries{View::type::list};
  for (const store::DeliveryInfo& delivery : reminders.deliveries) {
    View item{View::type::object};
    templates::put(item, "when", page::instant_text(delivery.send_at, zone, context.language));
    templates::put(item, "subject", delivery.subject);
    templates::put(item, "personal", personal_data);
    templates::put(item, "endpoint", delivery.endpoint);
    templates::put(
        item, "state",
        std::string{page::label(
            context.language, "delivery_state_" + std::string{store::to_string(delivery.state)})});
    templates::put(item, "attempts", std::to_string(delivery.attempts));
    templates::put(
        item, "status",
        delivery.last_status ? View{std::to_string(*delivery.last_status)} : View{false});
    templates::put(item, "error", delivery.last_error);
    templates::append(deliveries, std::move(item));
  }
  templates::put(view, "has_deliveries", !reminders.deliveries.empty());
  templates::put(view, "deliveries", std::move(deliveries));
  return view;
}

}  // namespace

namespace page {

View note_form_view(const PlanSnapshot& snapshot, std::size_t period, const Visitor& visitor,
                    std::string_view selected) {
  const Plan& plan = *snapshot.plan;
  const std::uint32_t bit = period < 32 ? std::uint32_t{1} << period : 0;
  View form{View::type::object};
  templates::put(form, "plan_id", plan.id);
  templates::put(form, "csrf", visitor.csrf_token);
  templates::put(form, "period", plan.periods[period].name);
  View tasks{View::type::list};
  for (const Task& task : plan.tasks) {
    const bool shared =
        std::any_of(snapshot.expansion.occurrences.begin(), snapshot.expansion.occurrences.end(),
                    [&](const Occurrence& occurrence) {
                      return occurrence.task == &task && (occurrence.periods & bit) != 0;
                    });
    if (task.period != plan.periods[period].name && !shared) continue;
    View option{View::type::object};
    templates::put(option, "id", task.id);
    templates::put(option, "title", task.title);
    templates::put(option, "selected", task.id == selected);
    templates::append(tasks, std::move(option));
  }
  templates::put(form, "tasks", std::move(tasks));
  return form;
}

}  // namespace page

namespace {

// What the store keeps open about the plan: its last import's warnings (with the editor's button
// that says they were dealt with) and the records of occurrences its revision no longer has.
View stored_facts_view(const PlanSnapshot& snapshot, const PageContext& context) {
  const StoredFacts& stored = snapshot.stored;
  View view{View::type::object};
  const bool can_edit = context.visitor && context.visitor->can_edit;
  View warnings{View::type::list};
  for (const SheetWarning& warning : stored.open_warnings)
    templates::append(warnings, page::warning_view(warning, context.language));
  templates::put(view, "has_warnings", !stored.open_warnings.empty());
  templates::put(view, "warnings", std::move(warnings));
  templates::put(
      view, "acknowledge",
      can_edit && !stored.open_warnings.empty() ? View{context.visitor->csrf_token} : View{false});
  View orphans{View::type::list};
  for (const store::Orphan& orphan : stored.orphans) {
    View item{View::type::object};
    templates::put(item, "occurrence", orphan.occurrence);
    templates::put(item, "status",
                   std::string{page::label(context.language,
                                           "status_" + std::string{to_string(orphan.status)})});
    templates::put(item, "completions", std::to_string(orphan.completions));
    templates::append(orphans, std::move(item));
  }
  templates::put(view, "has_orphans", !stored.orphans.empty());
  templates::put(view, "orphans", std::move(orphans));
  templates::put(view, "editor", can_edit && stored.revision > 0);
  return view;
}

}  // namespace

std::string render_plan_page(const PlanSnapshot& snapshot, const PageContext& context,
                             const PlanReminders* reminders, std::string_view distinction) {
  const Plan& plan = *snapshot.plan;
  const date::sys_days today = snapshot.expansion.zone.today(context.now);
  const page::CountedProgress counted = page::counted_progress(snapshot, today);
  View view = page::plan_heading_view(snapshot, context.language);
  templates::put(view, "subscription_form",
                 context.visitor && context.visitor->can_edit
                     ? subscription_form_view(plan, *context.visitor)
                     : View{false});
  templates::put(view, "stored", stored_facts_view(snapshot, context));
  templates::put(view, "periods",
                 page::period_progress_view(snapshot, counted.progress, context.language));
  templates::put(view, "timeline", page::timeline_svg(snapshot, counted.shares, context));
  templates::set_issues_and_measures_view(view, plan.issues, plan.measures);
  templates::put(view, "groups", schedule_view(snapshot, counted.shares, today, context));
  templates::put(view, "progress_notes", progress_notes_view(snapshot, context));
  set_city_plan_and_goals_view(view, plan);
  templates::put(view, "kpis", kpis_view(snapshot, context));
  templates::put(view, "reminders",
                 reminders ? reminders_view(snapshot, *reminders, context) : View{false});
  templates::put(view, "distinction", page::text_or_false(std::string{distinction}));
  const std::string title = distinction.empty()
                                ? plan.initiative
                                : plan.initiative + "（" + std::string{distinction} + "）";
  return page::render_page("plan.html.mustache", view, title, context);
}

}  // namespace torikumi::http
