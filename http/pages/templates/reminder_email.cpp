#include "http/pages/templates/reminder_email.hpp"

#include "http/pages/templates/templates.hpp"

namespace torikumi {

namespace {

using templates::View;

View email_view(const ReminderWording& wording, const ReminderLinks& links) {
  View view{View::type::object};
  view.set("lang", wording.language == Language::english ? "en" : "ja");
  view.set("subject", wording.subject);
  view.set("greeting", wording.greeting);
  view.set("sentence", wording.sentence);
  View facts{View::type::list};
  for (const auto& [label, value] : wording.facts) {
    View fact{View::type::object};
    fact.set("label", label);
    fact.set("value", value);
    facts.push_back(fact);
  }
  view.set("facts", facts);
  view.set("dashboard", links.dashboard);
  view.set("dashboard_label", wording.dashboard_label);
  view.set("feed", links.feed);
  view.set("feed_label", wording.feed_label);
  return view;
}

}  // namespace

ReminderMessage render_reminder_message(const Plan& plan, const Reminder& reminder,
                                        Language language, const ReminderLinks& links) {
  const ReminderWording wording = reminder_wording(plan, reminder, language);
  static const View shared{View::type::object};
  return {.subject = wording.subject,
          .text = reminder_text(wording, links),
          .html = templates::render("reminder_email.html.mustache", email_view(wording, links),
                                    shared)};
}

}  // namespace torikumi
