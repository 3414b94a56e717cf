#include "http/pages/templates/reminder_email.hpp"

#include "http/pages/templates/templates.hpp"

namespace torikumi {

namespace {

using templates::View;

// What both kinds of message begin with: the language, the subject, the greeting, the sentence and
// the facts.
template <typename Wording>
View opening_view(const Wording& wording) {
  View view{View::type::object};
  templates::put(view, "lang", wording.language == Language::english ? "en" : "ja");
  templates::put(view, "subject", wording.subject);
  templates::put(view, "greeting", wording.greeting);
  templates::put(view, "sentence", wording.sentence);
  View facts{View::type::list};
  for (const auto& [label, value] : wording.facts) {
    View fact{View::type::object};
    templates::put(fact, "label", label);
    templates::put(fact, "value", value);
    templates::append(facts, std::move(fact));
  }
  templates::put(view, "facts", std::move(facts));
  return view;
}

View email_view(const ReminderWording& wording, const ReminderLinks& links) {
  View view = opening_view(wording);
  templates::put(view, "dashboard", links.dashboard);
  templates::put(view, "dashboard_label", wording.dashboard_label);
  templates::put(view, "feed", links.feed);
  templates::put(view, "feed_label", wording.feed_label);
  return view;
}

View summary_view(const OverdueSummaryWording& wording, const OverdueSummaryLinks& links) {
  View view = opening_view(wording);
  View items{View::type::list};
  for (const std::string& item : wording.items) templates::append(items, View{item});
  templates::put(view, "items", std::move(items));
  templates::put(view, "overdue", links.overdue);
  templates::put(view, "overdue_label", wording.overdue_label);
  templates::put(view, "dashboard", links.plan.dashboard);
  templates::put(view, "dashboard_label", wording.dashboard_label);
  templates::put(view, "feed", links.plan.feed);
  templates::put(view, "feed_label", wording.feed_label);
  return view;
}

View participant_view(const ParticipantReminderWording& wording,
                      const ParticipantReminderLinks& links) {
  View view = opening_view(wording);
  templates::put(view, "has_request", View{!wording.request.empty()});
  templates::put(view, "request", wording.request);
  templates::put(view, "has_agencies", View{!wording.agencies.empty()});
  View agencies{View::type::list};
  for (const std::string& agency : wording.agencies) templates::append(agencies, View{agency});
  templates::put(view, "agencies", std::move(agencies));
  templates::put(view, "meeting", links.meeting);
  templates::put(view, "meeting_label", wording.meeting_label);
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

ReminderMessage render_overdue_summary_message(const Plan& plan, const OverdueSummary& summary,
                                               Language language,
                                               const OverdueSummaryLinks& links) {
  const OverdueSummaryWording wording = overdue_summary_wording(plan, summary, language);
  static const View shared{View::type::object};
  return {.subject = wording.subject,
          .text = overdue_summary_text(wording, links),
          .html = templates::render("overdue_summary_email.html.mustache",
                                    summary_view(wording, links), shared)};
}

ReminderMessage render_participant_reminder_message(const Plan& plan,
                                                    const ParticipantReminder& reminder,
                                                    Language language,
                                                    const ParticipantReminderLinks& links) {
  const ParticipantReminderWording wording = participant_reminder_wording(plan, reminder, language);
  static const View shared{View::type::object};
  return {.subject = wording.subject,
          .text = participant_reminder_text(wording, links),
          .html = templates::render("participant_reminder_email.html.mustache",
                                    participant_view(wording, links), shared)};
}

}  // namespace torikumi
