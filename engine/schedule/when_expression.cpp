#include "engine/schedule/when_expression.hpp"

#include <algorithm>

#include "engine/base/result.hpp"
#include "engine/calendar/fiscal_year.hpp"
#include "engine/schedule/schedule_text.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/text/japanese_text.hpp"

// Printing a when-expression back in its canonical form, and placing it in a fiscal year. The
// grammar is in when_parser.cpp.

namespace torikumi {

namespace {

using namespace schedule_text;

std::string month_number(date::month month) { return std::to_string(static_cast<unsigned>(month)); }

// "" for the whole month, 上旬, 中旬, 下旬, 末 or 20日.
std::string days_text(const DaysOfMonth& days) {
  if (days == kWholeMonth) return {};
  if (days == kEndOfMonth) return "末";
  for (const PartOfMonth part : {PartOfMonth::early, PartOfMonth::middle, PartOfMonth::late}) {
    if (days != days_of(part)) continue;
    return part == PartOfMonth::early ? "上旬" : part == PartOfMonth::middle ? "中旬" : "下旬";
  }
  return std::to_string(days.first) + "日";
}

struct RuleText {
  bool approximate = false;
  // The months written with their year, in the order written: each is printed with its year
  // (2026年11月), so the text gives the same expression back.
  const std::vector<date::year_month>* dated = nullptr;
  std::optional<int> fiscal_year;  // 2026年度中
  mutable std::size_t next_dated = 0;

  // "2026年" before a month written with its year, else nothing.
  std::string year_of(date::month month) const {
    if (dated == nullptr || next_dated >= dated->size() || (*dated)[next_dated].month() != month)
      return {};
    return std::to_string(static_cast<int>((*dated)[next_dated++].year())) + "年";
  }
  // 6月, 6月上旬, 6月20日, 2026年6月; 頃 after it when approximate.
  std::string point_text(date::month month, const DaysOfMonth& days, bool approximately) const {
    return year_of(month) + month_number(month) + "月" + days_text(days) +
           (approximately ? "頃" : "");
  }

  std::string operator()(const when::Months& rule) const {
    std::string out;
    for (const date::month month : rule.months) {
      if (!out.empty()) out += "、";
      out += year_of(month) + month_number(month);
    }
    return out + "月";
  }
  std::string operator()(const when::Span& rule) const {
    if (rule.first_days == kWholeMonth && rule.last_days == kWholeMonth && !approximate) {
      std::string first = year_of(rule.first) + month_number(rule.first);
      return first + "～" + year_of(rule.last) + month_number(rule.last) + "月";
    }
    std::string first = point_text(rule.first, rule.first_days, approximate);
    return first + "～" + point_text(rule.last, rule.last_days, false);
  }
  std::string operator()(const when::Until& rule) const {
    return "～" + point_text(rule.last, rule.days, approximate);
  }
  std::string operator()(const when::From& rule) const {
    return point_text(rule.first, rule.days, approximate) + "～";
  }
  std::string operator()(const when::Days& rule) const {
    std::string out;
    for (const MonthDay& day : rule.days) {
      if (!out.empty()) out += "、";
      out += year_of(day.month) + month_number(day.month) + "月" + std::to_string(day.day) + "日";
    }
    return out;
  }
  std::string operator()(const when::YearPart& rule) const {
    if (rule.months == 6) return rule.first == 0 ? "上半期" : "下半期";
    return "第" + std::to_string(rule.first / 3 + 1) + "四半期";
  }
  std::string operator()(const when::WholeYear&) const {
    return fiscal_year ? std::to_string(*fiscal_year) + "年度中" : "通年";
  }
  std::string operator()(const when::YearEnd&) const { return "年度末"; }
  std::string operator()(const when::AsNeeded&) const { return "随時"; }
  std::string operator()(const when::Weekly& rule) const {
    std::string out = rule.interval_weeks == 2 ? "隔週" : "毎週";
    if (rule.weekday) {
      append_utf8(out, kWeekdayNames[rule.weekday->c_encoding() % 7]);
      out += "曜日";
    }
    return out;
  }
  std::string operator()(const when::Every& rule) const {
    if (rule.per_month == 2) return "月2回";
    switch (rule.interval_months) {
      case 1:
        return "毎月";
      case 2:
        return "隔月";
      case 3:
        return "四半期ごと";
      default:
        return std::to_string(rule.interval_months) + "か月ごと";
    }
  }
  std::string operator()(const when::TimesPerYear& rule) const {
    return "年" + std::to_string(rule.count) + "回";
  }
};

// Rules whose text carries 頃 itself (RuleText puts it after the first point).
bool places_approximate(const WhenRule& rule) {
  return std::holds_alternative<when::Span>(rule) || std::holds_alternative<when::Until>(rule) ||
         std::holds_alternative<when::From>(rule);
}

std::string fiscal_year_text(int year, date::month start) {
  const std::string era = era_fiscal_year_label(FiscalYear{date::year{year}, start});
  return era.empty() ? std::to_string(year) + "年度" : era + " (" + std::to_string(year) + ")";
}

// A span that ends before it starts, or crosses the end of the fiscal year; nullopt if neither.
std::optional<Error> check_span(const when::Span& span, date::month start) {
  const FiscalYear any_year{date::year{2000}, start};
  const unsigned first = any_year.index_of(span.first);
  const unsigned last = any_year.index_of(span.last);
  const std::string written = RuleText{}(span);
  if (first == last && span.last_days.last < span.first_days.first)
    return Error{in_quotes(written) + " ends before it starts", ErrorCode::invalid,
                 meaning_of(when_meaning::kEndsBeforeStart, {written})};
  if (last >= first) return std::nullopt;
  const date::month year_end = start - date::months{1};
  const auto months_text = [](date::month first, date::month last) {
    return first == last ? month_number(first) + "月"
                         : month_number(first) + "～" + month_number(last) + "月";
  };
  const std::string before = months_text(span.first, year_end);
  const std::string after = months_text(start, span.last);
  return Error{
      in_quotes(written) + " crosses the end of the fiscal year (" + month_number(year_end) +
          "月): write two lines, （" + before + "） and （" + after + "） under 次年度以降",
      ErrorCode::invalid,
      meaning_of(when_meaning::kCrossesYearEnd, {written, month_number(year_end), before, after})};
}

}  // namespace

std::string to_string(const WhenExpression& expression) {
  const bool placed = places_approximate(expression.rule);
  const RuleText text{expression.approximate && placed, &expression.dated_months,
                      expression.fiscal_year};
  std::string out = std::visit(text, expression.rule);
  if (expression.part) out += days_text(days_of(*expression.part));
  if (expression.day) {
    out += "第" + std::to_string(expression.day->n);
    for (const unsigned week : expression.also_weeks) out += "・第" + std::to_string(week);
    append_utf8(out, kWeekdayNames[expression.day->weekday.c_encoding() % 7]);
    out += "曜日";
  }
  if (expression.day_of_month) out += std::to_string(*expression.day_of_month) + "日";
  if (expression.approximate && !placed) out += "頃";
  return out;
}

std::optional<Error> check_fiscal_year(const WhenExpression& expression, date::month start,
                                       std::optional<int> year) {
  if (const auto* span = std::get_if<when::Span>(&expression.rule))
    if (auto problem = check_span(*span, start)) return problem;
  if (!year) return std::nullopt;
  const FiscalYear fiscal_year{date::year{*year}, start};
  const std::string plan_year = fiscal_year_text(*year, start);
  if (expression.fiscal_year && *expression.fiscal_year != *year) {
    const std::string written = fiscal_year_text(*expression.fiscal_year, start);
    return Error{written + " is not this plan's fiscal year " + plan_year, ErrorCode::invalid,
                 meaning_of(when_meaning::kOtherFiscalYear, {written, plan_year})};
  }
  for (const date::year_month month : expression.dated_months) {
    if (fiscal_year.contains(date::sys_days{month / 1})) continue;
    const std::string alone = month_number(month.month());
    const std::string written =
        std::to_string(static_cast<int>(month.year())) + "年" + alone + "月";
    return Error{written + " is not in this plan's fiscal year " + plan_year +
                     ": write the month alone, （" + alone + "月）",
                 ErrorCode::invalid,
                 meaning_of(when_meaning::kMonthOutsideYear, {written, plan_year, alone})};
  }
  if (const auto* days = std::get_if<when::Days>(&expression.rule)) {
    for (const MonthDay& day : days->days) {
      const date::year_month_day date{fiscal_year.resolve(day.month) / date::day{day.day}};
      if (date.ok()) continue;
      const std::string written = month_number(day.month) + "月" + std::to_string(day.day) + "日";
      const std::string calendar_year = std::to_string(static_cast<int>(date.year()));
      return Error{written + " does not exist in " + plan_year + " (" + calendar_year +
                       " is not a leap year)",
                   ErrorCode::invalid,
                   meaning_of(when_meaning::kNoSuchDay, {written, plan_year, calendar_year})};
    }
  }
  return std::nullopt;
}

bool applies_in(const WhenExpression& expression, date::month start, int year) {
  if (expression.fiscal_year && *expression.fiscal_year != year) return false;
  const FiscalYear fiscal_year{date::year{year}, start};
  return std::all_of(
      expression.dated_months.begin(), expression.dated_months.end(),
      [&](date::year_month month) { return fiscal_year.contains(date::sys_days{month / 1}); });
}

}  // namespace torikumi
