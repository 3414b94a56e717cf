#include "http/pages/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/calendar/fiscal_year.hpp"
#include "engine/text/html.hpp"
#include "engine/progress/period_progress.hpp"
#include "engine/calendar/time_text.hpp"
#include "http/api/api.hpp"
#include "http/pages/page_text.hpp"
#include "http/api/reminder_board.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

using page::words;

constexpr std::size_t kNextMeetings = 3;
constexpr std::size_t kOverdueShown = 5;

bool overdue(const Occurrence& occurrence, OccurrenceStatus status, date::sys_days today) {
  return occurrence.due < today &&
         (status == OccurrenceStatus::planned || status == OccurrenceStatus::scheduled);
}

std::string fiscal_year_text(const FiscalYear& year, Language language) {
  const int number = static_cast<int>(year.year());
  if (language == Language::english) return "FY" + std::to_string(number);
  return era_fiscal_year_label(year) + "（" + std::to_string(number) + "年度）";
}

// One period's progress: name, bar, done / planned, overdue.
void write_period_progress(std::ostringstream& out, const PeriodDefinition& period,
                           const PeriodProgress& progress, Language language) {
  const double percent = progress.percent.value_or(0);
  out << "<div class=\"period\"><div class=\"name\">"
      << escape_html(page::period_heading(period, language))
      << "</div><div class=\"bar-track\" role=\"img\" aria-label=\"" << std::lround(percent)
      << "%\"><div class=\"bar-fill\" style=\"width:" << std::lround(percent)
      << "%\"></div></div><div class=\"count\">" << words(language, "完了 ", "done ")
      << progress.done << " / " << progress.planned;
  if (progress.percent) out << " (" << std::lround(percent) << "%)";
  if (progress.overdue > 0)
    out << " <span class=\"overdue-count\">" << words(language, "期限超過 ", "overdue ")
        << progress.overdue << "</span>";
  if (progress.logged > 0)
    out << " · " << words(language, "随時の記録 ", "logged ") << progress.logged;
  out << "</div></div>";
}

void write_progress_grid(std::ostringstream& out, const PlanSnapshot& snapshot,
                         const PlanProgress& progress, Language language) {
  out << "<div class=\"periods\">";
  for (std::size_t p = 0; p < progress.periods.size() && p < snapshot.plan->periods.size(); ++p)
    write_period_progress(out, snapshot.plan->periods[p], progress.periods[p], language);
  out << "</div>";
}

std::string occurrence_when(const PlanSnapshot& snapshot, const Occurrence& occurrence,
                            Language language) {
  if (occurrence.scheduled_start)
    return page::instant_text(*occurrence.scheduled_start, snapshot.plan->time_zone, language);
  if (occurrence.start == occurrence.due) return page::day_text(occurrence.due, language);
  return page::day_text(occurrence.start, language) + "–" +
         page::day_text(occurrence.due, language);
}

std::string links_of(const Plan& plan, Language language) {
  std::ostringstream out;
  const std::string id = escape_html(plan.id);
  out << "<p class=\"links\"><a href=\"/plans/" << id << "\">"
      << words(language, "取組シート", "plan sheet") << "</a><a href=\"/plans/" << id << "/form\">"
      << words(language, "様式4（印刷用）", "progress form (print)") << "</a><a href=\"/calendars/"
      << id << ".ics\">" << words(language, "カレンダー (.ics)", "calendar (.ics)")
      << "</a><a href=\"/api/plans/" << id << "\">JSON</a></p>";
  return out.str();
}

void write_plan_card(std::ostringstream& out, const PlanSnapshot& snapshot,
                     const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const Language language = context.language;
  const date::sys_days today = local_day(context.now, plan.time_zone);
  // Overdue as the period bars count it: a span's share of a past period is overdue by itself.
  std::vector<PeriodShare> late;
  const PlanProgress progress = compute_period_progress(
      plan, snapshot.expansion, snapshot.recorded, today, [&](const PeriodShare& share) {
        if (share.state == ShareState::overdue) late.push_back(share);
      });
  out << "<section class=\"card\"><p class=\"org\">" << escape_html(plan.organisation.name);
  if (!plan.organisation.unit.empty()) out << " ／ " << escape_html(plan.organisation.unit);
  out << " · " << escape_html(fiscal_year_text(snapshot.expansion.fiscal_year, language))
      << "</p><h2><a href=\"/plans/" << escape_html(plan.id) << "\">"
      << escape_html(plan.initiative) << "</a></h2>";
  write_progress_grid(out, snapshot, progress, language);

  std::vector<const Occurrence*> next;
  for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
    const OccurrenceStatus status = snapshot.recorded.status_of(occurrence.id);
    // Meetings still to come: a dated one not yet begun, or one without a time whose window is
    // open.
    const bool open = status == OccurrenceStatus::planned || status == OccurrenceStatus::scheduled;
    const bool ahead = occurrence.scheduled_start ? *occurrence.scheduled_start >= context.now
                                                  : occurrence.due >= today;
    if (open && occurrence.task->kind == TaskKind::meeting && ahead) next.push_back(&occurrence);
  }
  // The expansion is in window order already; keep it.
  out << "<h3>" << words(context.language, "次の会議", "Next meetings")
      << "</h3><ul class=\"plain\">";
  if (next.empty())
    out << "<li class=\"meta\">" << words(language, "予定された会議はありません", "none scheduled")
        << "</li>";
  for (std::size_t i = 0; i < next.size() && i < kNextMeetings; ++i) {
    const Occurrence& occurrence = *next[i];
    out << "<li><strong>" << escape_html(occurrence_when(snapshot, occurrence, language))
        << "</strong> " << escape_html(occurrence.task->title);
    if (const MeetingRule* rule = plan.meeting_rule_for(*occurrence.task);
        rule && !rule->place.empty())
      out << " <span class=\"meta\">@ " << escape_html(rule->place) << "</span>";
    out << "</li>";
  }
  out << "</ul>";
  if (!late.empty()) {
    out << "<h3>" << words(language, "期限超過", "Overdue") << " (" << late.size()
        << ")</h3><ul class=\"plain\">";
    for (std::size_t i = 0; i < late.size() && i < kOverdueShown; ++i) {
      const PeriodShare& share = late[i];
      out << "<li><span class=\"tag overdue\">" << words(language, "期限 ", "due ")
          << escape_html(page::day_text(share.due, language)) << "</span>"
          << escape_html(share.occurrence->task->title);
      if (share.span) {
        const std::string& period = plan.periods[share.period].name;
        out << " <span class=\"meta\">"
            << escape_html(language == Language::english ? "(" + period + " share)"
                                                         : "（" + period + "分）")
            << "</span>";
      }
      out << "</li>";
    }
    if (late.size() > kOverdueShown)
      out << "<li class=\"meta\">" << words(language, "ほか ", "and ")
          << late.size() - kOverdueShown << words(language, " 件", " more") << "</li>";
    out << "</ul>";
  }
  out << links_of(plan, language) << "</section>\n";
}

std::string kpi_figure_text(const std::optional<KpiFigure>& figure, const Kpi& kpi,
                            Language language) {
  if (!figure) return "—";
  std::ostringstream out;
  out << figure->value << escape_html(kpi.unit) << " <span class=\"meta\">(" << figure->year
      << words(language, "年度", "") << ")</span>";
  return out.str();
}

// A task's row of the schedule: tick, title, schedule as written, owner, each occurrence's status.
// What reminders will go out, and what the delivery log says of those that went (issue 7).
void write_reminders(std::ostringstream& out, const PlanSnapshot& snapshot,
                     const PlanReminders& reminders, const PageContext& context) {
  const Language language = context.language;
  const std::string& zone = snapshot.plan->time_zone;
  // Webhook URLs and their receivers' answers are for editors and admins (http/reminder_board).
  const bool personal_data = context.visitor && context.visitor->can_edit;
  out << "<h2 id=\"reminders\">" << words(language, "リマインダー（メール）", "Reminders (email)")
      << "</h2>";
  if (reminders.endpoints == 0)
    out << "<p class=\"meta\">"
        << words(language,
                 "設定にWebhookがないため、リマインダーは送信されません（docs/config.md）。",
                 "No webhooks are configured, so no reminder is sent (docs/config.md).")
        << "</p>";
  out << "<h3>" << words(language, "今後の予定", "Upcoming") << "</h3><ul class=\"plain\">";
  if (reminders.upcoming.empty())
    out << "<li class=\"meta\">"
        << words(language, "予定されたリマインダーはありません", "none planned") << "</li>";
  for (const Reminder& reminder : reminders.upcoming) {
    out << "<li><strong>" << escape_html(page::instant_text(reminder.send_at, zone, language))
        << "</strong> " << escape_html(reminder.title) << " <span class=\"meta\">"
        << escape_html(reminder.rule);
    if (!reminder.recipients.empty()) {
      out << " → ";
      for (std::size_t i = 0; i < reminder.recipients.size(); ++i)
        out << (i ? ", " : "") << escape_html(reminder.recipients[i].name);
    } else {
      out << " · "
          << words(language, "宛先なし（ディレクトリ未登録）",
                   "no recipients (not in the directory)");
    }
    out << "</span></li>";
  }
  out << "</ul><h3>" << words(language, "送信記録", "Delivery log") << "</h3>";
  if (reminders.deliveries.empty()) {
    out << "<p class=\"meta\">" << words(language, "まだ送信はありません", "nothing sent yet")
        << "</p>";
    return;
  }
  out << "<table class=\"sheet deliveries\"><tr><th>" << words(language, "予定日時", "due")
      << "</th><th>" << words(language, "件名", "subject") << "</th><th>"
      << words(language, "状態", "state") << "</th><th>" << words(language, "試行", "attempts")
      << "</th><th>" << words(language, "最後の応答", "last answer") << "</th></tr>";
  for (const store::DeliveryInfo& delivery : reminders.deliveries) {
    out << "<tr><td>" << escape_html(page::instant_text(delivery.send_at, zone, language))
        << "</td><td>" << escape_html(delivery.subject);
    if (personal_data)
      out << "<br><span class=\"meta\">" << escape_html(delivery.endpoint) << "</span>";
    out << "</td><td>" << escape_html(store::to_string(delivery.state)) << "</td><td>"
        << delivery.attempts << "</td><td>";
    if (delivery.last_status) out << *delivery.last_status << ' ';
    if (personal_data) out << escape_html(delivery.last_error);
    out << "</td></tr>";
  }
  out << "</table>";
}

// Makes a calendar subscription (a secret URL) for the plan or one owner's tasks.
void write_subscription_form(std::ostringstream& out, const Plan& plan, const Visitor& visitor,
                             Language language) {
  out << "<details class=\"edit\"><summary>"
      << words(language, "カレンダー購読リンクを作る", "make a calendar subscription link")
      << "</summary><form class=\"action\" method=\"post\" action=\"/plans/" << escape_html(plan.id)
      << "/actions/subscribe\"><input type=\"hidden\" name=\"csrf\" value=\""
      << escape_html(visitor.csrf_token) << "\"><select name=\"owner\" aria-label=\""
      << words(language, "担当", "owner") << "\"><option value=\"\">"
      << words(language, "取組全体", "the whole plan") << "</option>";
  std::vector<std::string> owners;
  for (const Task& task : plan.tasks)
    if (!task.owner.empty() && std::find(owners.begin(), owners.end(), task.owner) == owners.end())
      owners.push_back(task.owner);
  for (const std::string& owner : owners)
    out << "<option value=\"" << escape_html(owner) << "\">" << words(language, "担当: ", "owner: ")
        << escape_html(owner) << "</option>";
  out << "</select><input name=\"label\" maxlength=\"100\" placeholder=\""
      << words(language, "用途（例: 課のOutlook）", "label (e.g. team Outlook)")
      << "\" aria-label=\"" << words(language, "用途", "label")
      << "\"><button name=\"do\" value=\"subscribe\">" << words(language, "作成", "Create")
      << "</button></form></details>";
}

// A progress note (進捗の状況) of a period: of a task, or of the period itself.
void write_note_form(std::ostringstream& out, const Plan& plan, const PeriodDefinition& period,
                     const Visitor& visitor, Language language) {
  out << "<details class=\"edit\"><summary>"
      << words(language, "進捗を書く", "write a progress note")
      << "</summary><form class=\"action\" method=\"post\" action=\"/plans/" << escape_html(plan.id)
      << "/actions/note\"><input type=\"hidden\" name=\"csrf\" value=\""
      << escape_html(visitor.csrf_token) << "\"><input type=\"hidden\" name=\"period\" value=\""
      << escape_html(period.name) << "\"><select name=\"task\" aria-label=\""
      << words(language, "取組", "task") << "\"><option value=\"\">"
      << words(language, "（期間全体）", "(the whole period)") << "</option>";
  for (const Task& task : plan.tasks) {
    if (task.period != period.name) continue;
    out << "<option value=\"" << escape_html(task.id) << "\">" << escape_html(task.title)
        << "</option>";
  }
  out << "</select><textarea name=\"text\" required maxlength=\"2000\" aria-label=\""
      << words(language, "進捗", "note") << "\"></textarea><button name=\"do\" value=\"note\">"
      << words(language, "追加", "Add") << "</button></form></details>";
}

// The forms that record what happened to one occurrence, folded in a <details> (no script runs
// on these pages): done with a note, skip with a reason, a meeting's date and place, or undo.
void write_occurrence_forms(std::ostringstream& out, const PlanSnapshot& snapshot,
                            const Occurrence& occurrence, OccurrenceStatus status,
                            const Visitor& visitor, Language language) {
  const std::string action = "/plans/" + escape_html(snapshot.plan->id) + "/actions/";
  const auto open_form = [&](const char* verb) {
    out << "<form class=\"action\" method=\"post\" action=\"" << action << verb
        << "\"><input type=\"hidden\" name=\"csrf\" value=\"" << escape_html(visitor.csrf_token)
        << "\"><input type=\"hidden\" name=\"occurrence\" value=\"" << escape_html(occurrence.id)
        << "\">";
  };
  out << "<details class=\"edit\" data-occurrence=\"" << escape_html(occurrence.id)
      << "\"><summary>" << words(language, "記録", "record") << "</summary>";
  const bool closed = status == OccurrenceStatus::done || status == OccurrenceStatus::skipped ||
                      status == OccurrenceStatus::cancelled;
  if (closed) {
    open_form("undo");
    out << "<button class=\"secondary\" name=\"do\" value=\"undo\">"
        << words(language, "取り消す", "Undo") << "</button></form>";
  } else {
    open_form("done");
    out << "<input name=\"note\" maxlength=\"500\" placeholder=\""
        << words(language, "メモ（任意）", "note (optional)") << "\" aria-label=\""
        << words(language, "メモ", "note") << "\"><button name=\"do\" value=\"done\">"
        << words(language, "完了にする", "Mark done") << "</button></form>";
    open_form("skip");
    out << "<input name=\"reason\" required maxlength=\"500\" placeholder=\""
        << words(language, "見送る理由", "reason") << "\" aria-label=\""
        << words(language, "理由", "reason")
        << "\"><button class=\"secondary\" name=\"do\" value=\"skip\">"
        << words(language, "見送る", "Skip") << "</button></form>";
    if (occurrence.task->kind == TaskKind::meeting) {
      open_form("schedule");
      std::string start;
      if (occurrence.scheduled_start)
        start = format_rfc3339(*occurrence.scheduled_start, snapshot.plan->time_zone).substr(0, 16);
      out << "<input type=\"datetime-local\" name=\"start\" required value=\"" << escape_html(start)
          << "\" aria-label=\"" << words(language, "日時", "date and time")
          << "\"><input name=\"place\" maxlength=\"200\" placeholder=\""
          << words(language, "場所", "place") << "\" aria-label=\""
          << words(language, "場所", "place")
          << "\"><button class=\"secondary\" name=\"do\" value=\"schedule\">"
          << words(language, "日時・場所を設定", "Set date and place") << "</button></form>";
    }
  }
  out << "</details>";
}

void write_task_row(std::ostringstream& out, const PlanSnapshot& snapshot, const Task& task,
                    date::sys_days today, const PageContext& context) {
  const Language language = context.language;
  std::vector<const Occurrence*> occurrences;
  for (const Occurrence& occurrence : snapshot.expansion.occurrences)
    if (occurrence.task == &task) occurrences.push_back(&occurrence);
  const bool done = !occurrences.empty() &&
                    std::all_of(occurrences.begin(), occurrences.end(), [&](const Occurrence* o) {
                      return snapshot.recorded.status_of(o->id) == OccurrenceStatus::done;
                    });
  out << "<li><span class=\"tick" << (done ? " done\">☑" : "\">☐") << "</span>"
      << escape_html(task.title);
  if (!task.when_text.empty())
    out << "<span class=\"when\">" << escape_html(task.when_text) << "</span>";
  if (!task.owner.empty())
    out << "<span class=\"owner\">" << words(language, "担当: ", "owner: ")
        << escape_html(task.owner) << "</span>";
  if (!occurrences.empty()) {
    out << "<div class=\"chips\">";
    for (const Occurrence* occurrence : occurrences) {
      const OccurrenceStatus status = snapshot.recorded.status_of(occurrence->id);
      const bool late = overdue(*occurrence, status, today);
      out << "<span class=\"tag " << page::status_class(status, late) << "\" title=\""
          << escape_html(occurrence->id) << "\">"
          << escape_html(occurrence_when(snapshot, *occurrence, language)) << " · "
          << escape_html(page::status_text(status, late, language)) << "</span>";
      if (context.visitor && context.visitor->can_edit)
        write_occurrence_forms(out, snapshot, *occurrence, status, *context.visitor, language);
    }
    out << "</div>";
  }
  out << "</li>";
}

}  // namespace

Language choose_language(std::string_view lang_parameter, std::string_view cookie_header,
                         Language fallback) {
  if (!lang_parameter.empty())
    return lang_parameter == "en" ? Language::english : Language::japanese;
  const auto cookie = cookie_value(cookie_header, "lang");
  if (!cookie) return fallback;
  return *cookie == "en" ? Language::english : Language::japanese;
}

std::string render_overview_page(const std::vector<SnapshotPointer>& plans,
                                 const PageContext& context) {
  std::ostringstream out;
  const Language language = context.language;
  out << "<h1>" << words(language, "重要取組の進捗", "Key initiatives: progress") << "</h1>";
  if (plans.empty())
    out << "<p class=\"card\">" << words(language, "表示する取組がありません。", "No plans loaded.")
        << "</p>";
  // Organisation feeds, one link per organisation.
  std::vector<std::string> organisations;
  for (const auto& snapshot : plans) {
    write_plan_card(out, *snapshot, context);
    const std::string& name = snapshot->plan->organisation.name;
    if (!name.empty() &&
        std::find(organisations.begin(), organisations.end(), name) == organisations.end())
      organisations.push_back(name);
  }
  if (!organisations.empty()) {
    out << "<section class=\"card\"><h3>"
        << words(language, "組織のカレンダー", "Organisation calendars")
        << "</h3><p class=\"links\">";
    for (const auto& name : organisations)
      out << "<a href=\"/calendars/org/" << escape_html(percent_encode(name)) << ".ics\">"
          << escape_html(name) << " (.ics)</a>";
    out << "</p></section>";
  }
  return page::frame(words(language, "重要取組の進捗", "Key initiatives"), out.str(), context);
}

std::string render_plan_page(const PlanSnapshot& snapshot, const PageContext& context,
                             const PlanReminders* reminders) {
  const Plan& plan = *snapshot.plan;
  const Language language = context.language;
  const date::sys_days today = local_day(context.now, plan.time_zone);
  const PlanProgress progress =
      compute_period_progress(plan, snapshot.expansion, snapshot.recorded, today);
  std::ostringstream out;
  out << "<p class=\"org\">" << escape_html(plan.organisation.name);
  if (!plan.organisation.unit.empty()) out << " ／ " << escape_html(plan.organisation.unit);
  out << " · " << escape_html(fiscal_year_text(snapshot.expansion.fiscal_year, language))
      << "</p><h1>" << escape_html(plan.initiative) << "</h1>" << links_of(plan, language);
  if (context.visitor && context.visitor->can_edit)
    write_subscription_form(out, plan, *context.visitor, language);

  out << "<h2>" << words(language, "進捗の状況", "Progress by period") << "</h2>";
  write_progress_grid(out, snapshot, progress, language);

  out << "<h2>" << words(language, "年間の予定", "The fiscal year") << "</h2>"
      << render_timeline_svg(snapshot, context);

  out << "<h2>" << words(language, "取組シート", "The sheet") << "</h2><table class=\"sheet\">";
  if (!plan.issues.empty()) {
    out << "<tr><th>" << words(language, "現状・課題", "Situation and issues")
        << "</th><td><ul class=\"plain\">";
    for (const auto& issue : plan.issues) out << "<li>" << escape_html(issue) << "</li>";
    out << "</ul></td></tr>";
  }
  if (!plan.measures.empty()) {
    out << "<tr><th>" << words(language, "取組の内容", "Measures")
        << "</th><td><ul class=\"plain\">";
    for (const auto& measure : plan.measures) {
      out << "<li>○<strong>" << escape_html(measure.title) << "</strong>";
      if (!measure.description.empty())
        out << "<br><span class=\"meta\">" << escape_html(measure.description) << "</span>";
      out << "</li>";
    }
    out << "</ul></td></tr>";
  }
  // The schedule by period, as the sheet writes it, then each period's progress lines.
  std::vector<std::string> groups;
  for (const auto& period : plan.periods) groups.push_back(period.name);
  groups.emplace_back("");  // the whole year
  groups.emplace_back(kNextYearPeriod);
  for (const auto& group : groups) {
    std::vector<const Task*> tasks;
    for (const Task& task : plan.tasks)
      if (task.period == group) tasks.push_back(&task);
    if (tasks.empty()) continue;
    const std::size_t index = period_index(plan, group);
    std::string heading = group.empty() ? words(language, "通年", "Whole year") : group;
    if (index < plan.periods.size()) heading = page::period_heading(plan.periods[index], language);
    out << "<tr><th>" << words(language, "スケジュール", "Schedule") << "<br>"
        << escape_html(heading) << "</th><td><ul class=\"plain\">";
    for (const Task* task : tasks) write_task_row(out, snapshot, *task, today, context);
    out << "</ul></td></tr>";
  }
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    std::vector<const ProgressNote*> notes;
    for (const ProgressNote& note : snapshot.recorded.notes)
      if (note.period == plan.periods[p].name) notes.push_back(&note);
    out << "<tr><th>" << words(language, "進捗の状況", "Progress") << "<br>"
        << escape_html(page::period_heading(plan.periods[p], language)) << "</th><td>";
    if (notes.empty())
      out << "<span class=\"meta\">" << words(language, "記録なし", "nothing recorded")
          << "</span>";
    out << "<ul class=\"plain\">";
    for (const ProgressNote* note : notes) {
      out << "<li><span class=\"tick done\">☑</span>" << escape_html(note->text);
      if (!note->task.empty()) {
        if (const Task* task = plan.find_task(note->task))
          out << " <span class=\"meta\">→ " << escape_html(task->title) << "</span>";
      }
      out << "</li>";
    }
    out << "</ul>";
    if (context.visitor && context.visitor->can_edit)
      write_note_form(out, plan, plan.periods[p], *context.visitor, language);
    out << "</td></tr>";
  }
  if (plan.city_plan) {
    out << "<tr><th>" << escape_html(plan.city_plan->name) << "</th><td>"
        << words(language, "該当する施策: ", "policy: ") << escape_html(plan.city_plan->policy)
        << "</td></tr>";
  }
  for (const Kpi& kpi : plan.kpis) {
    out << "<tr class=\"kpi\"><th>" << words(language, "寄与するKPI", "KPI") << "</th><td><strong>"
        << escape_html(kpi.name) << "</strong><br>" << words(language, "基準値: ", "baseline: ")
        << kpi_figure_text(kpi.baseline, kpi, language) << "<br>"
        << words(language, "目標値: ", "target: ") << kpi_figure_text(kpi.target, kpi, language)
        << "<br>" << words(language, "実績値: ", "recorded: ");
    bool any = false;
    for (const RecordedKpi& value : snapshot.kpi_values) {
      if (value.kpi != kpi.id) continue;
      out << (any ? " · " : "")
          << kpi_figure_text(KpiFigure{value.year, value.value}, kpi, language);
      any = true;
    }
    if (!any)
      out << "<span class=\"meta\">" << words(language, "記録なし", "none yet") << "</span>";
    out << "</td></tr>";
  }
  for (const SdgGoal& goal : plan.sdg_goals) {
    out << "<tr><th>" << words(language, "SDGsのゴール", "SDG goal")
        << "</th><td><span class=\"sdg\">" << goal.number << "</span> " << escape_html(goal.name)
        << "</td></tr>";
  }
  out << "</table>";
  if (reminders) write_reminders(out, snapshot, *reminders, context);
  return page::frame(plan.initiative, out.str(), context);
}

std::string render_missing_page(std::string_view message, const PageContext& context) {
  std::ostringstream out;
  out << "<h1>" << words(context.language, "見つかりません", "Not found")
      << "</h1><p class=\"card\">" << escape_html(message) << "</p><p><a href=\"/\">"
      << words(context.language, "一覧へ戻る", "Back to the overview") << "</a></p>";
  return page::frame(words(context.language, "見つかりません", "Not found"), out.str(), context);
}

}  // namespace torikumi::http
