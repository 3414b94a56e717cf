#pragma once

// What a first import's summary says (engine/reminders/first_import.hpp): its subject, its text
// body and the parts the HTML body lays out (http/pages/templates/reminder_email.hpp), in
// Japanese by default or in English, as reminders are.
//   【東区役所】取組の期限超過 7件のまとめ
//   [東区役所] A summary of 7 overdue items

#include <string>
#include <utility>
#include <vector>

#include "engine/base/language.hpp"
#include "engine/plan/plan.hpp"
#include "engine/reminders/first_import.hpp"
#include "engine/reminders/reminder_message.hpp"

namespace torikumi {

// Where a summary points its owner: the plan's dashboard and feed, and the plan's overdue page
// narrowed to the owner.
struct OverdueSummaryLinks {
  ReminderLinks plan;
  std::string overdue;  // BASE/plans/PLAN/overdue?owner=OWNER, the owner percent-encoded
  bool operator==(const OverdueSummaryLinks&) const = default;
};

struct OverdueSummaryWording {
  Language language = Language::japanese;
  std::string subject;  // one line
  std::string greeting;
  std::string sentence;
  std::vector<std::pair<std::string, std::string>> facts;  // (label, value): initiative, owner
  std::vector<std::string> items;  // one line an item: its title, due day and days overdue
  std::string overdue_label;       // what the links are called
  std::string dashboard_label;
  std::string feed_label;
};

// The subject is one line (control characters in the plan's text become spaces, as in a
// reminder's). REQUIRES: the summary was made from this plan.
OverdueSummaryWording overdue_summary_wording(const Plan& plan, const OverdueSummary& summary,
                                              Language language);

// The text body: the greeting, the sentence, the facts, the items (・ or - before each), the
// links.
std::string overdue_summary_text(const OverdueSummaryWording& wording,
                                 const OverdueSummaryLinks& links);

}  // namespace torikumi
