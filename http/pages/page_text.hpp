#pragma once

// What the dashboard's pages share: dates in the plan's zone, statuses as shown, and the page
// frame around a template.

#include <date/date.h>

#include <string>
#include <string_view>

#include "engine/calendar/plan_zone.hpp"
#include "engine/plan/plan.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/progress/occurrence_status.hpp"
#include "engine/progress/recorded_state.hpp"
#include "engine/sheet/sheet_warnings.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/templates/templates.hpp"

namespace torikumi::http::page {

// The Japanese or the English of a message the server writes (the pages' own words are in
// labels.cpp).
inline const char* words(Language language, const char* japanese, const char* english) {
  return language == Language::english ? english : japanese;
}

// "4月8日(水)" or "Wed 8 Apr", of a day.
std::string day_text(date::sys_days day, Language language);

// "4月8日(水) 14:00" or "Wed 8 Apr 14:00", of an instant in a zone.
std::string instant_text(date::sys_seconds instant, const PlanZone& zone, Language language);

// The status as shown (engine/progress/occurrence_status.hpp): 予定 / 日程確定 / 完了 / 見送り /
// 中止 / 期限超過. Its CSS class is to_string(status).
std::string status_text(ShownStatus status, Language language);

// The period with its months: "前期 (4–7月)" or "前期 (Apr–Jul)".
std::string period_heading(const PeriodDefinition& period, Language language);

// A text for a template's {{#x}}…{{x}}…{{/x}}: false when empty, so the section is left out.
templates::View text_or_false(std::string text);

// A sheet's warning as sheet_warning.html lays it out (meaning_text.hpp's warning_text): where,
// by_line, message, english, refused.
templates::View warning_view(const SheetWarning& warning, Language language);

// A number as the pages write it (an ostream's default: 12, 12.5, 1e+06).
std::string number_text(double number);

// The page: `template_name` rendered with `view` and the language's labels, in the document
// frame (head with the stylesheet, the header bar with the language switch and who is signed
// in). `title` goes into <title>.
std::string render_page(std::string_view template_name, const templates::View& view,
                        std::string_view title, const PageContext& context);

}  // namespace torikumi::http::page
