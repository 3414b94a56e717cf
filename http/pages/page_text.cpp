#include "http/pages/page_text.hpp"

#include <date/tz.h>

#include <array>
#include <sstream>

#include "http/pages/labels.hpp"
#include "http/pages/meaning_text.hpp"

namespace torikumi::http::page {

namespace {

constexpr std::array<const char*, 7> kWeekdaysJa{"日", "月", "火", "水", "木", "金", "土"};
constexpr std::array<const char*, 7> kWeekdaysEn{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonthsEn{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string day_text(date::sys_days day, Language language) {
  const date::year_month_day ymd{day};
  const date::weekday weekday{day};
  std::ostringstream out;
  if (language == Language::english) {
    out << kWeekdaysEn[weekday.c_encoding()] << ' ' << static_cast<unsigned>(ymd.day()) << ' '
        << kMonthsEn[static_cast<unsigned>(ymd.month()) - 1];
  } else {
    out << static_cast<unsigned>(ymd.month()) << "月" << static_cast<unsigned>(ymd.day()) << "日("
        << kWeekdaysJa[weekday.c_encoding()] << ")";
  }
  return out.str();
}

std::string instant_text(date::sys_seconds instant, const PlanZone& zone, Language language) {
  const date::local_seconds local = zone.to_local(instant);
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss time{local - day};
  std::ostringstream out;
  out << day_text(date::sys_days{day.time_since_epoch()}, language) << ' ' << time.hours().count()
      << ':' << (time.minutes().count() < 10 ? "0" : "") << time.minutes().count();
  return out.str();
}

std::string status_text(ShownStatus status, Language language) {
  return std::string{label(language, "status_" + std::string{to_string(status)})};
}

std::string period_heading(const PeriodDefinition& period, Language language) {
  const unsigned first = static_cast<unsigned>(period.first_month);
  const unsigned last = static_cast<unsigned>(period.last_month);
  if (language == Language::english)
    return period.name + " (" + kMonthsEn[first - 1] + "–" + kMonthsEn[last - 1] + ")";
  return period.name + " (" + std::to_string(first) + "–" + std::to_string(last) + "月)";
}

templates::View warning_view(const SheetWarning& warning, Language language) {
  WarningText text = warning_text(warning, language);
  return templates::object_of({{"where", std::move(text.where)},
                               {"by_line", text.by_line},
                               {"message", std::move(text.message)},
                               {"english", text.english},
                               {"refused", warning.kind == SheetWarningKind::schedule_refused}});
}

templates::View text_or_false(std::string text) {
  if (text.empty()) return templates::View{false};
  return templates::View{std::move(text)};
}

std::string number_text(double number) {
  std::ostringstream out;
  out << number;
  return out.str();
}

std::string render_page(std::string_view template_name, const templates::View& view,
                        std::string_view title, const PageContext& context) {
  const templates::View& shared = shared_view(context.language);
  templates::View frame{templates::View::type::object};
  templates::put(frame, "lang", context.language == Language::english ? "en" : "ja");
  templates::put(frame, "english", context.language == Language::english);
  templates::put(frame, "title", std::string{title});
  templates::put(frame, "flash", text_or_false(context.flash));
  templates::put(frame, "script", text_or_false(context.script));
  if (context.visitor) {
    templates::View visitor{templates::View::type::object};
    templates::put(visitor, "label", context.visitor->label);
    templates::put(visitor, "csrf", context.visitor->csrf_token);
    templates::put(visitor, "can_edit", context.visitor->can_edit);
    templates::put(frame, "visitor", std::move(visitor));
  } else {
    templates::put(frame, "visitor", false);
  }
  templates::put(frame, "body", templates::render(template_name, view, shared));
  return templates::render("frame.html.mustache", frame, shared);
}

}  // namespace torikumi::http::page
