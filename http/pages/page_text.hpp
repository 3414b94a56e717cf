#pragma once

// What the dashboard's pages share: words in both languages, dates in the plan's zone, the page
// frame and its style.

#include <date/date.h>

#include <string>
#include <string_view>

#include "engine/plan/plan.hpp"
#include "engine/progress/recorded_state.hpp"
#include "http/pages/dashboard.hpp"

namespace torikumi::http::page {

// The Japanese or the English of a label.
inline const char* words(Language language, const char* japanese, const char* english) {
  return language == Language::english ? english : japanese;
}

// "4月8日(水)" or "Wed 8 Apr", of a day.
std::string day_text(date::sys_days day, Language language);

// "4月8日(水) 14:00" or "Wed 8 Apr 14:00", of an instant in a zone.
std::string instant_text(date::sys_seconds instant, const std::string& time_zone, Language language);

// The status as shown: 予定 / 日程確定 / 完了 / 見送り / 中止 / 期限超過.
std::string status_text(OccurrenceStatus status, bool overdue, Language language);

// The CSS class of a status: planned, scheduled, done, skipped, cancelled, overdue.
std::string_view status_class(OccurrenceStatus status, bool overdue);

// The period with its months: "前期 (4–7月)" or "前期 (Apr–Jul)".
std::string period_heading(const PeriodDefinition& period, Language language);

// The document around a page's body: head (charset, viewport, style, title) and a header bar with
// the language switch. `title` is escaped here; `body` is HTML already.
std::string frame(std::string_view title, std::string_view body, const PageContext& context);

}  // namespace torikumi::http::page
