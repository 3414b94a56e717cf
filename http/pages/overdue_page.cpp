// GET /plans/<id>/overdue (render_overdue_page in dashboard.hpp): every overdue item of a plan,
// narrowed by the query string's owner, period and kind. The C++ gathers the view;
// templates/overdue.html lays it out.

#include <algorithm>

#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/page_views.hpp"

namespace torikumi::http {

namespace {

using templates::View;

// The value of ?owner= that asks for the tasks without an owner.
constexpr std::string_view kNoOwner = "-";

// The kinds of task that fall overdue: the ones with a date.
constexpr TaskKind kDatedKinds[] = {TaskKind::meeting, TaskKind::campaign, TaskKind::deliverable};

// The plan's owners, in the order its tasks name them.
std::vector<std::string> owners_of(const Plan& plan) {
  std::vector<std::string> owners;
  for (const Task& task : plan.tasks)
    if (!task.owner.empty() && std::find(owners.begin(), owners.end(), task.owner) == owners.end())
      owners.push_back(task.owner);
  return owners;
}

// "a, b or c" / "a、b、c".
std::string choices_text(const std::vector<std::string>& choices, Language language) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0)
      text += language == Language::japanese ? "、" : i + 1 == choices.size() ? " or " : ", ";
    text += choices[i];
  }
  return text;
}

// `parameter: expected CHOICES, got "VALUE"`, or its Japanese.
Error unknown_value(std::string_view parameter, std::string_view value,
                    const std::vector<std::string>& choices, Language language) {
  if (language == Language::english)
    return Error{std::string{parameter} + ": expected " + choices_text(choices, language) +
                 ", got " + in_quotes(value)};
  return Error{std::string{parameter} + ": 「" + std::string{value} + "」は選べません。" +
               choices_text(choices, language) + "のいずれかを指定してください。"};
}

std::string kind_words(TaskKind kind, Language language) {
  return std::string{page::label(language, "kind_" + std::string{to_string(kind)})};
}

// A value of the query with its meaning: "- (no owner)", "campaign（期間内の取組）".
std::string value_with_words(std::string_view value, std::string_view words, Language language) {
  if (language == Language::english) return std::string{value} + " (" + std::string{words} + ")";
  return std::string{value} + "（" + std::string{words} + "）";
}

bool kept(const PeriodShare& share, const OverdueFilter& filter) {
  const Task& task = *share.occurrence->task;
  return (!filter.owner || task.owner == *filter.owner) &&
         (!filter.period || share.period == *filter.period) &&
         (!filter.kind || task.kind == *filter.kind);
}

// The filter form: a <select> for each of owner, period and kind, the chosen value marked.
void set_filter_view(View& view, const Plan& plan, const OverdueFilter& filter, Language language) {
  const auto option = [](std::string value, std::string text, bool selected) {
    return templates::object_of(
        {{"value", std::move(value)}, {"text", std::move(text)}, {"selected", selected}});
  };
  const auto select = [&](std::string name, View options) {
    return templates::object_of({{"label", std::string{page::label(language, name)}},
                                 {"name", std::move(name)},
                                 {"options", std::move(options)}});
  };
  View owners{View::type::list};
  for (const std::string& owner : owners_of(plan))
    templates::append(owners, option(owner, owner, filter.owner == owner));
  if (std::any_of(plan.tasks.begin(), plan.tasks.end(), [](const Task& task) {
        return task.owner.empty() && task.kind != TaskKind::next_year;
      }))
    templates::append(owners,
                      option(std::string{kNoOwner}, std::string{page::label(language, "no_owner")},
                             filter.owner == std::string{}));
  View periods{View::type::list};
  for (std::size_t p = 0; p < plan.periods.size(); ++p)
    templates::append(periods,
                      option(plan.periods[p].name, page::period_heading(plan.periods[p], language),
                             filter.period == p));
  View kinds{View::type::list};
  for (const TaskKind kind : kDatedKinds)
    templates::append(kinds, option(std::string{to_string(kind)}, kind_words(kind, language),
                                    filter.kind == kind));
  View filters{View::type::list};
  templates::append(filters, select("owner", std::move(owners)));
  templates::append(filters, select("period", std::move(periods)));
  templates::append(filters, select("kind", std::move(kinds)));
  templates::put(view, "filters", std::move(filters));
  templates::put(view, "filtered", filter.owner || filter.period || filter.kind);
}

}  // namespace

Result<OverdueFilter> read_overdue_filter(const Plan& plan, std::string_view owner,
                                          std::string_view period, std::string_view kind,
                                          Language language) {
  OverdueFilter filter;
  if (owner == kNoOwner) {
    filter.owner = std::string{};
  } else if (!owner.empty()) {
    std::vector<std::string> owners = owners_of(plan);
    if (std::find(owners.begin(), owners.end(), owner) == owners.end()) {
      owners.push_back(value_with_words(kNoOwner, page::label(language, "no_owner"), language));
      return unknown_value("owner", owner, owners, language);
    }
    filter.owner = std::string{owner};
  }
  if (!period.empty()) {
    const std::size_t index = period_index(plan, period);
    if (index == plan.periods.size()) {
      std::vector<std::string> names;
      for (const PeriodDefinition& definition : plan.periods) names.push_back(definition.name);
      return unknown_value("period", period, names, language);
    }
    filter.period = index;
  }
  if (!kind.empty()) {
    const auto found = std::find_if(std::begin(kDatedKinds), std::end(kDatedKinds),
                                    [&](TaskKind dated) { return to_string(dated) == kind; });
    if (found == std::end(kDatedKinds)) {
      std::vector<std::string> names;
      for (const TaskKind dated : kDatedKinds)
        names.push_back(
            language == Language::english
                ? std::string{to_string(dated)}
                : value_with_words(to_string(dated), kind_words(dated, language), language));
      return unknown_value("kind", kind, names, language);
    }
    filter.kind = *found;
  }
  return filter;
}

std::string render_overdue_page(const PlanSnapshot& snapshot, const OverdueFilter& filter,
                                const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const date::sys_days today = snapshot.expansion.zone.today(context.now);
  const page::CountedProgress counted = page::counted_progress(snapshot, today);
  const std::vector<PeriodShare> late = page::overdue_shares(counted.shares);
  const bool can_edit = context.visitor && context.visitor->can_edit;
  View items{View::type::list};
  for (const PeriodShare& share : late) {
    if (!kept(share, filter)) continue;
    View item = page::overdue_item_view(plan, share, context.language);
    templates::put(item, "note_form",
                   share.span && can_edit
                       ? page::note_form_view(snapshot, share.period, *context.visitor,
                                              share.occurrence->task->id)
                       : View{false});
    templates::append(items, std::move(item));
  }
  View view = page::plan_heading_view(snapshot, context.language);
  templates::put(view, "total", std::to_string(late.size()));
  templates::put(view, "count", std::to_string(items.list_value().size()));
  templates::put(view, "items", std::move(items));
  set_filter_view(view, plan, filter, context.language);
  return page::render_page(
      "overdue.html.mustache", view,
      std::string{page::label(context.language, "overdue_page_title")} + " — " + plan.initiative,
      context);
}

}  // namespace torikumi::http
