// GET /account and the page a token made there is shown on (render_account_page and
// render_new_token_page in dashboard.hpp): the visitor's own tokens and calendar links. The C++
// gathers the view; templates/account.html and new_token.html lay it out.

#include <algorithm>

#include "engine/calendar/plan_zone.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/reminders/reminder_message.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"

namespace torikumi::http {

using templates::View;

namespace {

// When a row was made, in the offices' zone: "2026-04-08 14:05".
std::string created_text(date::sys_seconds instant) {
  const PlanZone& zone = PlanZone::asia_tokyo();
  return format_iso_date(zone.today(instant)) + ' ' + reminder_time_text(instant, zone);
}

std::string role_words(store::Role role, Language language) {
  return std::string{page::label(language, "role_" + std::string{store::to_string(role)})};
}

// Who a token is for: the person's name, else its label, else "token N".
std::string shown_as(const store::ApiToken& token) {
  if (!token.name.empty()) return token.name;
  if (!token.label.empty()) return token.label;
  return "token " + std::to_string(token.id);
}

// What a calendar link opens: "東区における地域共生社会の推進 — 担当: 学校連携担当", the plan's
// initiative when it is loaded (its id otherwise).
std::string scope_words(const store::SubscriptionScope& scope,
                        const std::vector<SnapshotPointer>& plans, Language language) {
  if (!scope.agency.empty() || !scope.person.empty()) return meetings_scope_words(scope, language);
  if (!scope.organisation.empty())
    return scope.organisation + std::string{page::label(language, "scope_organisation_suffix")};
  std::string plan = scope.plan;
  for (const auto& snapshot : plans)
    if (snapshot->plan->id == scope.plan) {
      const std::string distinction = plan_distinction(*snapshot->plan, plans);
      plan = snapshot->plan->initiative + (distinction.empty() ? "" : "（" + distinction + "）");
    }
  if (scope.owner.empty()) return plan + std::string{page::label(language, "scope_plan_suffix")};
  return plan + " — " + std::string{page::label(language, "owner_prefix")} + scope.owner;
}

// The plans a calendar link may be made for, each with its owners (担当).
View plan_choices_view(const std::vector<SnapshotPointer>& plans) {
  View list{View::type::list};
  for (const auto& snapshot : plans) {
    const Plan& plan = *snapshot->plan;
    View choice{View::type::object};
    templates::put(choice, "id", plan.id);
    templates::put(choice, "initiative", plan.initiative);
    templates::put(choice, "distinction", page::text_or_false(plan_distinction(plan, plans)));
    std::vector<std::string> owners;
    for (const Task& task : plan.tasks)
      if (!task.owner.empty() &&
          std::find(owners.begin(), owners.end(), task.owner) == owners.end())
        owners.push_back(task.owner);
    View owner_list{View::type::list};
    for (const std::string& owner : owners) {
      View item{View::type::object};
      templates::put(item, "owner", owner);
      templates::append(owner_list, std::move(item));
    }
    templates::put(choice, "owners", std::move(owner_list));
    templates::append(list, std::move(choice));
  }
  return list;
}

// The agencies' current members, each once by address, as choices: `prefix` and the address as
// the value, and "name <address>（agencies）" as the text.
View people_choices(const std::vector<Agency>& agencies, date::sys_days day,
                    std::string_view prefix) {
  View person_list{View::type::list};
  std::vector<std::string> seen;
  for (const Agency& agency : agencies) {
    for (const Member& member : agency.members) {
      if (!member.active_on(day)) continue;
      if (std::any_of(seen.begin(), seen.end(),
                      [&](const std::string& email) { return same_address(email, member.email); }))
        continue;
      seen.push_back(member.email);
      const auto person = find_person(agencies, member.email, day);
      std::string names;
      for (const std::string& name : person->agencies) names += (names.empty() ? "" : "、") + name;
      View item{View::type::object};
      templates::put(item, "value", std::string{prefix} + member.email);
      templates::put(item, "text", person->name + " <" + member.email + ">（" + names + "）");
      templates::append(person_list, std::move(item));
    }
  }
  return person_list;
}

// The agencies an admin may make a calendar link to the meetings of, and the people (each current
// member once, by address) whose agencies' meetings a link may follow; the form's values are
// `agency:NAME` and `person:ADDRESS` (plan ids, the form's other values, have no ':').
View meeting_choices_view(const std::vector<Agency>& agencies, date::sys_days day) {
  View agency_list{View::type::list};
  for (const Agency& agency : agencies) {
    View choice{View::type::object};
    templates::put(choice, "value", "agency:" + agency.name);
    templates::put(choice, "text", agency.name);
    templates::append(agency_list, std::move(choice));
  }
  View people = people_choices(agencies, day, "person:");
  View view{View::type::object};
  templates::put(view, "agencies", std::move(agency_list));
  templates::put(view, "has_people", people.is_non_empty_list());
  templates::put(view, "people", std::move(people));
  return view;
}

}  // namespace

std::string meetings_scope_words(const store::SubscriptionScope& scope, Language language) {
  if (!scope.agency.empty())
    return scope.agency + std::string{page::label(language, "scope_agency_suffix")};
  if (!scope.person.empty())
    return scope.person + std::string{page::label(language, "scope_person_suffix")};
  return {};
}

std::string render_account_page(const Account& account, const Principal& own_token,
                                const std::vector<SnapshotPointer>& plans,
                                const PageContext& context, const std::vector<Agency>& agencies) {
  const std::string csrf = context.visitor ? context.visitor->csrf_token : std::string{};
  View tokens{View::type::list};
  for (const store::ApiToken& token : account.tokens) {
    View row{View::type::object};
    const bool own = token.id == own_token.token_id;
    templates::put(row, "id", std::to_string(token.id));
    templates::put(row, "shown_as", shown_as(token));
    templates::put(row, "own", own);
    templates::put(row, "role", role_words(token.role, context.language));
    templates::put(row, "created", created_text(token.created_at));
    templates::put(row, "label",
                   page::text_or_false(token.name.empty() ? std::string{} : token.label));
    templates::put(row, "revoke", !own);
    templates::put(row, "csrf", csrf);
    templates::append(tokens, std::move(row));
  }
  View subscriptions{View::type::list};
  for (const store::Subscription& subscription : account.subscriptions) {
    View row{View::type::object};
    templates::put(row, "id", std::to_string(subscription.id));
    templates::put(row, "scope", scope_words(subscription.scope, plans, context.language));
    templates::put(row, "created", created_text(subscription.created_at));
    templates::put(row, "label", page::text_or_false(subscription.label));
    templates::put(row, "csrf", csrf);
    templates::append(subscriptions, std::move(row));
  }
  View view{View::type::object};
  templates::put(view, "tokens", std::move(tokens));
  templates::put(view, "subscriptions", std::move(subscriptions));
  View token_form{false};
  if (own_token.role == store::Role::admin) {
    token_form = View{View::type::object};
    templates::put(token_form, "csrf", csrf);
    // Who holds it: one of the agencies' people, whose agencies decide what of a meeting they see.
    templates::put(token_form, "token_people",
                   people_choices(agencies, membership_day(context.now), ""));
  }
  templates::put(view, "token_form", std::move(token_form));
  View subscription_form{false};
  const bool admin = own_token.role == store::Role::admin;
  if (store::role_allows(own_token.role, store::Role::editor) &&
      (!plans.empty() || (admin && !agencies.empty()))) {
    subscription_form = View{View::type::object};
    templates::put(subscription_form, "csrf", csrf);
    templates::put(subscription_form, "plans", plan_choices_view(plans));
    templates::put(subscription_form, "meetings",
                   admin && !agencies.empty()
                       ? meeting_choices_view(agencies, membership_day(context.now))
                       : View{false});
  }
  templates::put(view, "subscription_form", std::move(subscription_form));
  return page::render_page("account.html.mustache", view,
                           page::label(context.language, "account_heading"), context);
}

std::string render_new_token_page(const NewToken& made, const PageContext& context) {
  View view{View::type::object};
  templates::put(view, "id", std::to_string(made.token.id));
  templates::put(view, "shown_as", shown_as(made.token));
  templates::put(view, "role", role_words(made.token.role, context.language));
  templates::put(view, "token", made.secret);
  templates::put(view, "copy", !context.script.empty());
  return page::render_page("new_token.html.mustache", view,
                           page::label(context.language, "new_token_heading"), context);
}

}  // namespace torikumi::http
