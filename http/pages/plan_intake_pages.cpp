#include "http/pages/plan_intake_pages.hpp"

#include <set>

#include "engine/plan/meeting_rule_text.hpp"
#include "engine/progress/occurrence_status.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/refusal_text.hpp"

namespace torikumi::http {

namespace {

using templates::View;

View list_of(std::vector<View> items) {
  View list{View::type::list};
  for (View& item : items) list.push_back(std::move(item));
  return list;
}

std::string csrf_of(const PageContext& context) {
  return context.visitor ? context.visitor->csrf_token : std::string{};
}

// "改訂 3 を 4 に置き換えます" and the like: what saving does to the stored revisions.
std::string revision_text(const store::ImportSummary& summary, Language language) {
  if (summary.previous_revision == 0)
    return page::words(language, "新しい計画として保存します（改訂 1）。",
                       "Saved as a new plan (revision 1).");
  if (!summary.new_revision)
    return std::string{page::words(language, "保存済みの改訂 ", "The same as stored revision ")} +
           std::to_string(summary.previous_revision) +
           page::words(language, " と同じです。保存しても改訂は増えません。",
                       ": saving makes no new revision.");
  return std::string{page::words(language, "改訂 ", "Replaces revision ")} +
         std::to_string(summary.previous_revision) +
         page::words(language, " を改訂 ", " with revision ") + std::to_string(summary.revision) +
         page::words(language, " に置き換えます。", ".");
}

std::string title_of_task(const Plan* plan, const std::string& task_id) {
  if (plan)
    for (const Task& task : plan->tasks)
      if (task.id == task_id) return task.title;
  return task_id;
}

}  // namespace

std::string render_upload_page(const PlanSnapshot* replacing, const PageContext& context) {
  View view{View::type::object};
  templates::put(view, "csrf", csrf_of(context));
  if (replacing) {
    View plan{View::type::object};
    templates::put(plan, "id", replacing->plan->id);
    templates::put(plan, "initiative", replacing->plan->initiative);
    templates::put(view, "replacing", std::move(plan));
  } else {
    templates::put(view, "replacing", false);
  }
  return page::render_page("upload.html.mustache", view,
                           page::label(context.language, "upload_heading"), context);
}

std::string render_preview_page(const PlanIntake& intake, const PreviewForm& form,
                                const PageContext& context) {
  const Language language = context.language;
  const Plan& plan = intake.loaded.plan;
  View view{View::type::object};
  templates::put(view, "initiative", plan.initiative);
  templates::put(view, "plan_id", plan.id);
  templates::put(view, "revision_text", revision_text(intake.summary, language));
  templates::put(
      view, "refused",
      intake.refused == 0
          ? View{false}
          : View{std::to_string(intake.refused) +
                 page::words(language,
                             " 件の日程を読み取れません。シートを直すか、その取組を日付な"
                             "しで保存できます。",
                             intake.refused == 1
                                 ? " schedule is not understood: fix the sheet, or "
                                   "save its task without dates."
                                 : " schedules are not understood: fix the sheet, or "
                                   "save their tasks without dates.")});
  std::vector<View> warnings;
  for (const SheetWarning& warning : intake.loaded.warnings)
    warnings.push_back(page::warning_view(warning, language));
  templates::put(view, "has_warnings", !warnings.empty());
  templates::put(view, "warnings", list_of(std::move(warnings)));
  std::vector<View> changes;
  for (const TaskChange& change : intake.changes.tasks) {
    View item{View::type::object};
    const char* key = change.kind == TaskChangeKind::added     ? "change_added"
                      : change.kind == TaskChangeKind::removed ? "change_removed"
                                                               : "change_changed";
    templates::put(item, "change", std::string{page::label(language, key)});
    templates::put(item, "task", change.task);
    templates::put(item, "title", change.title);
    templates::put(item, "fields", joined_fields(change.fields));
    changes.push_back(std::move(item));
  }
  templates::put(view, "has_changes", !changes.empty());
  templates::put(view, "changes", list_of(std::move(changes)));
  templates::put(view, "plan_fields",
                 page::text_or_false(joined_fields(intake.changes.plan_fields)));
  std::vector<View> orphans;
  const Plan* stored = intake.stored ? &*intake.stored : nullptr;
  for (const store::Orphan& orphan : intake.summary.orphaned) {
    View item{View::type::object};
    templates::put(item, "title", title_of_task(stored, orphan.task));
    templates::put(item, "occurrence", orphan.occurrence);
    templates::put(
        item, "status",
        std::string{page::label(language, "status_" + std::string{to_string(orphan.status)})});
    templates::put(item, "completions",
                   orphan.completions == 0
                       ? View{false}
                       : View{std::string{page::words(language, "完了の記録 ", "")} +
                              std::to_string(orphan.completions) +
                              page::words(language, " 件",
                                          orphan.completions == 1 ? " completion recorded"
                                                                  : " completions recorded")});
    orphans.push_back(std::move(item));
  }
  templates::put(view, "has_orphans", !orphans.empty());
  templates::put(view, "orphans", list_of(std::move(orphans)));
  std::vector<View> revived;
  for (const std::string& id : intake.summary.revived) revived.emplace_back(id);
  templates::put(view, "has_revived", !revived.empty());
  templates::put(view, "revived", list_of(std::move(revived)));
  std::string timeline;
  if (const auto& recorded = intake.summary.previewed_state)
    if (const auto snapshot = snapshot_from_record(plan, date::year{intake.summary.fiscal_year},
                                                   *recorded, 1, context.now))
      timeline = render_timeline_svg(**snapshot, context);
  templates::put(view, "timeline", timeline);
  templates::put(view, "csrf", csrf_of(context));
  templates::put(view, "data", form.data);
  templates::put(view, "name", form.name);
  templates::put(view, "previous_revision", std::to_string(intake.summary.previous_revision));
  templates::put(view, "replacing", form.replacing ? View{*form.replacing} : View{false});
  templates::put(view, "back",
                 form.replacing ? "/import?plan=" + *form.replacing : std::string{"/import"});
  return page::render_page("preview.html.mustache", view, page::label(language, "preview_heading"),
                           context);
}

namespace {

// A form's field as entered, else the stored value.
std::string entered_or(const std::map<std::string, std::string>* entered, const std::string& name,
                       std::string stored) {
  if (!entered) return stored;
  const auto found = entered->find(name);
  return found == entered->end() ? stored : found->second;
}

void put_edit_heading(View& view, const PlanSnapshot& snapshot, const HttpError* refusal,
                      const PageContext& context) {
  templates::put(view, "plan_id", snapshot.plan->id);
  templates::put(view, "initiative", snapshot.plan->initiative);
  templates::put(view, "revision", std::to_string(snapshot.stored.revision));
  templates::put(view, "csrf", csrf_of(context));
  page::RefusalText words =
      refusal ? page::refusal_text(*refusal, context.language) : page::RefusalText{};
  templates::put(view, "message", page::text_or_false(std::move(words.text)));
  templates::put(view, "original", page::text_or_false(std::move(words.original)));
}

}  // namespace

std::string render_task_edit_page(const PlanSnapshot& snapshot, const Task& task,
                                  const std::map<std::string, std::string>* entered,
                                  const HttpError* refusal, const PageContext& context) {
  const Language language = context.language;
  View view{View::type::object};
  put_edit_heading(view, snapshot, refusal, context);
  templates::put(view, "task_id", task.id);
  templates::put(view, "title", task.title);
  templates::put(view, "period", task.period);
  templates::put(view, "when", entered_or(entered, "when", task.when_text));
  templates::put(view, "owner", entered_or(entered, "owner", task.owner));
  templates::put(view, "meeting_rule",
                 entered_or(entered, "meeting_rule",
                            task.meeting_rule ? meeting_rule_text(*task.meeting_rule) : ""));
  const std::string kind = entered_or(entered, "kind", std::string{to_string(task.kind)});
  std::vector<View> kinds;
  for (const TaskKind choice : {TaskKind::meeting, TaskKind::campaign, TaskKind::deliverable,
                                TaskKind::as_needed, TaskKind::next_year}) {
    View item{View::type::object};
    const std::string value{to_string(choice)};
    templates::put(item, "value", value);
    templates::put(item, "text", std::string{page::label(language, "kind_" + value)});
    templates::put(item, "selected", value == kind);
    kinds.push_back(std::move(item));
  }
  templates::put(view, "kinds", list_of(std::move(kinds)));
  std::set<std::string> owners;
  for (const Task& other : snapshot.plan->tasks)
    if (!other.owner.empty()) owners.insert(other.owner);
  std::vector<View> owner_list(owners.begin(), owners.end());
  templates::put(view, "owners", list_of(std::move(owner_list)));
  return page::render_page("task_edit.html.mustache", view,
                           page::label(language, "edit_task_heading"), context);
}

std::string render_plan_edit_page(const PlanSnapshot& snapshot,
                                  const std::map<std::string, std::string>* entered,
                                  const HttpError* refusal, const PageContext& context) {
  View view{View::type::object};
  put_edit_heading(view, snapshot, refusal, context);
  const Plan& plan = *snapshot.plan;
  templates::put(view, "meeting_rule",
                 entered_or(entered, "meeting_rule",
                            plan.meeting_rule ? meeting_rule_text(*plan.meeting_rule) : ""));
  return page::render_page("plan_edit.html.mustache", view,
                           page::label(context.language, "edit_plan_heading"), context);
}

}  // namespace torikumi::http
