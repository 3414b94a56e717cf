// The when-expression parser: text as offices write it → WhenExpression (when_expression.hpp).

#include "engine/schedule/when_expression.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include "engine/schedule/schedule_text.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/text/japanese_text.hpp"

// The grammar, after reading compatibility characters as what they stand for (⽉ → 月), folding
// widths, range marks (〜 ～ ~ ‐ －) to "~" and separators (、 ・ , ，) to ",", and dropping
// spaces:
//
// clang-format off
//   expression  = [ "(" ] body [ "(" "例" ... ")" ] [ ")" ]      an inner （例…） is an example
//   body        = "随時" | "隨時" | "適宜" | "通年" | "年度末"
//               | [ fiscal-year ] ( "年度内" | "年度中" )
//               | "上半期" | "下半期" | "第" number "四半期"
//               | "年" [ "に" ] number "回" | "月" number "回"            月1回, 月2回
//               | every [ in-month | number "日" ] | nth-weekday
//               | ( "毎週" weekday | "隔週" [ weekday ] )
//               | "~" point [ until-word ]
//               | point "~" [ point ] [ "まで" ]
//               | point from-word [ [ "~" ] point [ "まで" ] ]
//               | point until-word
//               | point { "," point }                   months (in-month on the last) or days
//   point       = [ year ] number [ "月" [ day | part | "末" ] | "/" number ] [ "頃" | "ごろ" ]
//   day         = number "日"
//   part        = "上旬" | "初旬" | "中旬" | "下旬" | nth-weekday
//   year        = number "年" | era number "年" | era-letter number "."     （2026年, 令和8年, R8.）
//   fiscal-year = ( number | era number ) "年度"
//   from-word   = "から" | "より" | "以降" | "着手" | "開始"
//   until-word  = "まで" [ "に" ] | [ "を" ] "目途" | [ "を" ] "めど" | "時点"
//   every       = "毎月" | "隔月" | "四半期ごと" | "四半期毎"
//               | number ( "か" | "ヶ" | "ケ" | "カ" | "ヵ" ) "月" ( "ごと" | "毎" )
//   nth-weekday = "第" week { "," [ "第" ] week } weekday               第2・第4木曜日
//   week        = number | "一".."五"                                   1..5
//   weekday     = ( "月" | "火" | "水" | "木" | "金" | "土" | "日" ) [ "曜日" | "曜" ]
// clang-format on
//
// A nth-weekday on its own means every month (第2水曜日 = 毎月第2水曜日). A lone 6月末 is a
// deadline (～6月末). Months are not ordered here (4～3月 and 3～4月 both parse):
// check_fiscal_year places them in a fiscal year. What offices write that has no one reading is
// refused with a hint: exceptions （8月は休み）, vague counts （年3～4回）, seasons （夏頃）.
// split_schedule_line takes bare numbers, （4、6）, as text.

namespace torikumi {

namespace {

using namespace schedule_text;
namespace meaning = when_meaning;

constexpr unsigned kMonthsInYear = 12;
constexpr unsigned kLastWeek = 5;
// A cap that keeps long digit runs from overflowing; every such number is out of range anyway.
constexpr unsigned kNumberCap = 10000;

constexpr std::u32string_view kKanjiNumbers = U"一二三四五";
constexpr std::u32string_view kCounterKa = U"かヶケカヵ";  // the か of 3か月ごと, written many ways

struct Number {
  unsigned value = 0;
  std::size_t first = 0;  // symbol indexes, [first, end)
  std::size_t end = 0;
};

using Failure = std::optional<Error>;

// The longest a month can be, February counted as 29 days (check_fiscal_year knows the year).
unsigned longest_month(date::month month) {
  return static_cast<unsigned>((date::year{2000} / month / date::last).day());
}

// 第2水曜日, or 第2・第4木曜日: the first week and the others, one weekday.
struct WeeksInMonth {
  NthWeekday day;
  std::vector<unsigned> also;
};

// One point of a schedule as written: 6月, 6月20日, 6/20, 6月上旬, 6月末, 2026年6月頃.
struct Point {
  date::month month{1};
  std::optional<unsigned> day;
  std::optional<PartOfMonth> part;
  std::optional<WeeksInMonth> weekday;
  bool end = false;  // 末
  bool approximate = false;
  std::optional<date::year> year;
  std::size_t first = 0;  // symbol indexes, [first, end_symbol)
  std::size_t end_symbol = 0;

  DaysOfMonth days() const {
    if (day) return {*day, *day};
    if (part) return days_of(*part);
    return end ? kEndOfMonth : kWholeMonth;
  }
  // Anything narrower than the whole month, or a weekday in it.
  bool narrowed() const { return day || part || end || weekday; }
};

// 令和, 平成, 昭和 and their letters: the calendar year of an era's year 1.
struct Era {
  std::u32string_view name;
  char32_t letter;
  int year_one;
};
constexpr std::array<Era, 3> kEras{
    {{U"令和", U'R', 2019}, {U"平成", U'H', 1989}, {U"昭和", U'S', 1926}}};

// What would work instead of a form that has no one reading: the words after the message, and
// the meaning's code.
struct Hint {
  std::string_view words;
  std::string_view code = meaning::kUnrecognised;
};

Hint hint_for(std::u32string_view body) {
  for (const std::u32string_view word : {U"休み", U"除く", U"除き", U"以外"})
    if (body.find(word) != std::u32string_view::npos)
      return {
          ": exceptions are not read; list the months it happens in, such as "
          "（4、5、6、7、9月）",
          meaning::kExceptionsNotRead};
  for (const char32_t season : std::u32string_view{U"春夏秋冬"})
    if (body.find(season) != std::u32string_view::npos)
      return {": seasons are not read; write the months, such as （7～8月）",
              meaning::kSeasonsNotRead};
  if (body.starts_with(U"年") && body.find(U'回') != std::u32string_view::npos &&
      body.find(kRangeMark) != std::u32string_view::npos)
    return {": a count of times must be one number (年2回, 年4回), or list the months",
            meaning::kCountNotOneNumber};
  return {};
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<CodePoint> code_points)
      : text_(text), code_points_(std::move(code_points)), symbols_(symbols_of(code_points_)) {}

  Result<WhenExpression> parse() {
    if (Failure failure = check_brackets()) return *failure;
    std::size_t after_body = symbols_.size();
    end_ = symbols_.size();
    if (!symbols_.empty() && is_opening(symbols_.front().value)) {
      end_ = matching_bracket(0);
      after_body = end_ + 1;
      position_ = 1;
    }
    WhenExpression expression;
    if (Failure failure = parse_body(expression)) return *failure;
    skip_example();
    if (position_ < end_) return unrecognised(position_, end_);
    if (after_body < symbols_.size()) return unrecognised(after_body, symbols_.size());
    return expression;
  }

 private:
  // Every ")" closes an earlier "(", and every "(" is closed.
  Failure check_brackets() const {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < symbols_.size(); ++i) {
      if (is_opening(symbols_[i].value)) {
        open.push_back(i);
      } else if (is_closing(symbols_[i].value)) {
        if (open.empty())
          return error_at(i, "unmatched \"" + written(i, i + 1) + "\"", meaning::kUnmatchedBracket,
                          {written(i, i + 1)});
        open.pop_back();
      }
    }
    if (!open.empty())
      return error_at(open.front(), "unmatched \"" + written(open.front(), open.front() + 1) + "\"",
                      meaning::kUnmatchedBracket, {written(open.front(), open.front() + 1)});
    return std::nullopt;
  }

  // REQUIRES: check_brackets() passed and symbols_[opening] is "(".
  std::size_t matching_bracket(std::size_t opening) const {
    std::size_t depth = 0;
    for (std::size_t i = opening; i < symbols_.size(); ++i) {
      if (is_opening(symbols_[i].value)) ++depth;
      if (is_closing(symbols_[i].value) && --depth == 0) return i;
    }
    return symbols_.size();
  }

  // 年2回（例年6月と12月）: an inner group that gives an example is not part of the schedule.
  void skip_example() {
    if (position_ + 1 < end_ && is_opening(peek()) && peek(1) == U'例')
      position_ = matching_bracket(position_) + 1;
  }

  Failure parse_body(WhenExpression& expression) {
    if (position_ >= end_)
      return error_at(position_, "expected a schedule, got " + got(position_),
                      meaning::kNoSchedule);
    if (accept(U"随時") || accept(U"隨時") || accept(U"適宜")) {
      expression.rule = when::AsNeeded{};
    } else if (accept(U"通年") || accept(U"年度内") || accept(U"年度中")) {
      expression.rule = when::WholeYear{};
    } else if (accept(U"年度末")) {
      expression.rule = when::YearEnd{};
    } else if (accept(U"上半期")) {
      expression.rule = when::YearPart{0, 6};
    } else if (accept(U"下半期")) {
      expression.rule = when::YearPart{6, 6};
    } else if (peek() == U'年') {
      return parse_times_per_year(expression);
    } else if (peek() == U'月' && is_digit(peek(1))) {
      return parse_times_per_month(expression);
    } else if (Failure failure; parse_every(expression, failure)) {
      return failure;
    } else if (peek() == U'第') {
      return parse_quarter_or_weekday(expression);
    } else if (peek() == kRangeMark) {
      ++position_;
      return parse_until(expression, std::nullopt);
    } else if (is_digit(peek()) || era_ahead()) {
      return parse_points(expression);
    } else {
      return unrecognised(position_, end_);
    }
    return std::nullopt;
  }

  // 毎月, 隔月, 四半期ごと and what narrows them; false when none is written here.
  bool parse_every(WhenExpression& expression, Failure& failure) {
    if (accept(U"毎月")) {
      expression.rule = when::Every{1};
    } else if (accept(U"隔月")) {
      expression.rule = when::Every{2};
    } else if (accept(U"四半期ごと") || accept(U"四半期毎")) {
      expression.rule = when::Every{3};
    } else if (accept(U"毎週") || accept(U"隔週")) {
      const bool every_other = symbols_[position_ - 2].value == U'隔';
      const std::optional<date::weekday> weekday = accept_weekday();
      if (!weekday && !every_other) failure = expected_weekday();
      expression.rule = when::Weekly{weekday, every_other ? 2u : 1u};
      return true;
    } else {
      return false;
    }
    failure = parse_within_month(expression);
    return true;
  }

  // 金, 金曜, 金曜日: the weekday, read; nothing read when none is written.
  std::optional<date::weekday> accept_weekday() {
    const std::size_t weekday = kWeekdayNames.find(peek());
    if (position_ >= end_ || weekday == std::u32string_view::npos) return std::nullopt;
    ++position_;
    if (!accept(U"曜日")) accept(U"曜");
    return date::weekday{static_cast<unsigned>(weekday)};
  }

  // 月2回: twice a month, once in each half; 月1回 is 毎月.
  Failure parse_times_per_month(WhenExpression& expression) {
    const std::size_t start = position_;
    ++position_;  // 月
    const std::optional<Number> count = read_number();
    if (!count || !accept(U"回")) return unrecognised(start, end_);
    if (count->value < 1 || count->value > 2)
      return error_at(count->first,
                      "count \"" + written(count->first, count->end) +
                          "\" a month: expected 1 or 2 (月2回: once in each half of the month); "
                          "for a weekly meeting write 毎週 and its weekday, such as 毎週金曜日",
                      meaning::kTimesPerMonth, {written(count->first, count->end)});
    expression.rule = when::Every{1, count->value};
    return std::nullopt;
  }

  // 年2回, 年に4回.
  Failure parse_times_per_year(WhenExpression& expression) {
    const std::size_t start = position_;
    ++position_;  // 年
    accept(U"に");
    const std::optional<Number> count = read_number();
    if (!count || !accept(U"回")) return unrecognised(start, end_);
    if (count->value == 0 || kMonthsInYear % count->value != 0)
      return error_at(count->first,
                      "count \"" + written(count->first, count->end) +
                          "\" does not divide 12 (expected 1, 2, 3, 4, 6 or 12)",
                      meaning::kTimesPerYear, {written(count->first, count->end)});
    expression.rule = when::TimesPerYear{count->value};
    return std::nullopt;
  }

  // After an every-idiom: 上旬, 中旬, 下旬, 第2水曜日 or 10日, if written.
  Failure parse_within_month(WhenExpression& expression) {
    if (const auto part = accept_part()) {
      expression.part = *part;
    } else if (peek() == U'第') {
      auto weeks = parse_nth_weekday();
      if (!weeks) return weeks.error();
      expression.day = weeks->day;
      expression.also_weeks = weeks->also;
    } else if (is_digit(peek())) {
      const std::optional<Number> day = read_number();
      if (day->value < 1 || day->value > 31)
        return error_at(day->first, "unknown day \"" + written(day->first, day->end) + "\"",
                        meaning::kUnknownDay, {written(day->first, day->end)});
      if (!accept(U"日")) return expected_day_mark();
      expression.day_of_month = day->value;
    }
    return std::nullopt;
  }

  std::optional<PartOfMonth> accept_part() {
    if (accept(U"上旬") || accept(U"初旬")) return PartOfMonth::early;
    if (accept(U"中旬")) return PartOfMonth::middle;
    if (accept(U"下旬")) return PartOfMonth::late;
    return std::nullopt;
  }

  // 第2四半期, or 第2水曜日 (every month).
  Failure parse_quarter_or_weekday(WhenExpression& expression) {
    const std::size_t start = position_;
    ++position_;  // 第
    if (const std::optional<Number> quarter = read_number(); quarter && accept(U"四半期")) {
      if (quarter->value < 1 || quarter->value > 4)
        return error_at(
            quarter->first,
            "unknown quarter \"" + written(quarter->first, quarter->end) + "\" (expected 1 to 4)",
            meaning::kUnknownQuarter, {written(quarter->first, quarter->end)});
      expression.rule = when::YearPart{3 * (quarter->value - 1), 3};
      return std::nullopt;
    }
    position_ = start;
    expression.rule = when::Every{1};
    auto weeks = parse_nth_weekday();
    if (!weeks) return weeks.error();
    expression.day = weeks->day;
    expression.also_weeks = weeks->also;
    return std::nullopt;
  }

  // REQUIRES: peek() == U'第'. 第2水曜日, 第2・第4木曜日, 第1、3月曜.
  Result<WeeksInMonth> parse_nth_weekday() {
    ++position_;  // 第
    WeeksInMonth weeks;
    auto first = read_week();
    if (!first) return first.error();
    weeks.day.n = *first;
    while (peek() == kSeparator) {
      ++position_;
      accept(U"第");
      auto next = read_week();
      if (!next) return next.error();
      if (*next == weeks.day.n ||
          std::find(weeks.also.begin(), weeks.also.end(), *next) != weeks.also.end())
        return error_at(position_ - 1,
                        "duplicate week \"" + written(position_ - 1, position_) + "\"",
                        meaning::kDuplicateWeek, {written(position_ - 1, position_)});
      weeks.also.push_back(*next);
    }
    const std::optional<date::weekday> weekday = accept_weekday();
    if (!weekday) return expected_weekday();
    weeks.day.weekday = *weekday;
    return weeks;
  }

  // A week of the month, 1 to 5, in digits or 一..五.
  Result<unsigned> read_week() {
    if (const std::size_t kanji = kKanjiNumbers.find(peek());
        position_ < end_ && kanji != std::u32string_view::npos) {
      ++position_;
      return static_cast<unsigned>(kanji) + 1;
    }
    const std::optional<Number> week = read_number();
    if (!week)
      return error_at(position_, "expected a week number, got " + got(position_),
                      meaning::kExpectedWeek, {got_subject(position_)});
    if (week->value < 1 || week->value > kLastWeek)
      return error_at(week->first,
                      "unknown week number \"" + written(week->first, week->end) + "\"",
                      meaning::kUnknownWeek, {written(week->first, week->end)});
    return week->value;
  }

  // REQUIRES: a digit or an era name at the position. 2026年度中, then the forms of points.
  Failure parse_points(WhenExpression& expression) {
    if (auto fiscal_year = accept_fiscal_year()) {
      if (!accept(U"内") && !accept(U"中")) return unrecognised(position_, end_);
      expression.rule = when::WholeYear{};
      expression.fiscal_year = *fiscal_year;
      return std::nullopt;
    }
    const std::optional<Number> number = peek_number();
    if (number && kCounterKa.find(peek(number->end - position_)) != std::u32string_view::npos &&
        peek(number->end - position_ + 1) == U'月') {
      position_ = number->end;
      return parse_every_n_months(*number, expression);
    }
    auto first = read_point(expression);
    if (!first) return first.error();
    if (peek() == kRangeMark) {
      ++position_;
      if (position_ >= end_ || accept_until_word()) return make_from(*first, expression);
      return parse_span_end(*first, expression);
    }
    if (accept_from_word()) {
      if (peek() == kRangeMark) ++position_;
      if (position_ < end_ && (is_digit(peek()) || era_ahead()))
        return parse_span_end(*first, expression);
      return make_from(*first, expression);
    }
    if (accept_until_word() || (first->end && peek() != kSeparator))
      return parse_until(expression, *first);
    return parse_list(std::move(*first), expression);
  }

  // ～6月, ～12月末まで, 9月上旬を目途: `point` read, or read now after the "~".
  Failure parse_until(WhenExpression& expression, std::optional<Point> point) {
    if (!point) {
      auto read = read_point(expression);
      if (!read) return read.error();
      point = *read;
      accept_until_word();
    }
    if (point->weekday) return unrecognised(point->first, point->end_symbol);
    expression.rule = when::Until{point->month, point->days()};
    expression.approximate = point->approximate;
    return std::nullopt;
  }

  Failure make_from(const Point& first, WhenExpression& expression) {
    if (first.weekday) return unrecognised(first.first, first.end_symbol);
    expression.rule = when::From{first.month, first.days()};
    expression.approximate = first.approximate;
    return std::nullopt;
  }

  // 4～3月, 9月1日～9月30日, 2月頃から5月頃まで: `first` read, the end to read.
  Failure parse_span_end(const Point& first, WhenExpression& expression) {
    auto last = read_point(expression);
    if (!last) return last.error();
    accept_until_word();
    if (first.weekday) return unrecognised(first.first, first.end_symbol);
    if (last->weekday) return unrecognised(last->first, last->end_symbol);
    expression.rule = when::Span{first.month, last->month, first.days(), last->days()};
    expression.approximate = first.approximate || last->approximate;
    return std::nullopt;
  }

  // 4、6月上旬 (months, what narrows the last narrowing them all) or 7月20日、8月3日 (days).
  Failure parse_list(Point first, WhenExpression& expression) {
    std::vector<Point> points{std::move(first)};
    while (peek() == kSeparator) {
      ++position_;
      if (!is_digit(peek()) && !era_ahead()) return expected_month(position_);
      auto next = read_point(expression);
      if (!next) return next.error();
      points.push_back(std::move(*next));
    }
    if (points.front().day) return make_days(points, expression);
    when::Months list;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const Point& point = points[i];
      if (i + 1 < points.size() && (point.narrowed() || point.approximate))
        return unrecognised(point.first, end_);
      if (point.day) return expected_month(point.first);
      if (std::find(list.months.begin(), list.months.end(), point.month) != list.months.end())
        return error_at(point.first,
                        "duplicate month \"" + written(point.first, month_end(point)) + "\"",
                        meaning::kDuplicateMonth, {written(point.first, month_end(point))});
      list.months.push_back(point.month);
    }
    const Point& last = points.back();
    if (last.end) return unrecognised(last.first, last.end_symbol);
    expression.rule = std::move(list);
    expression.part = last.part;
    if (last.weekday) {
      expression.day = last.weekday->day;
      expression.also_weeks = last.weekday->also;
    }
    expression.approximate = last.approximate;
    return std::nullopt;
  }

  Failure make_days(const std::vector<Point>& points, WhenExpression& expression) {
    when::Days days;
    for (const Point& point : points) {
      if (!point.day)
        return error_at(point.first,
                        "expected a day, such as 7月20日, got \"" +
                            written(point.first, point.end_symbol) + "\"",
                        meaning::kExpectedDate, {written(point.first, point.end_symbol)});
      const MonthDay day{point.month, *point.day};
      if (std::find(days.days.begin(), days.days.end(), day) != days.days.end())
        return error_at(point.first,
                        "duplicate day \"" + written(point.first, point.end_symbol) + "\"",
                        meaning::kDuplicateDay, {written(point.first, point.end_symbol)});
      days.days.push_back(day);
      expression.approximate = expression.approximate || point.approximate;
    }
    expression.rule = std::move(days);
    return std::nullopt;
  }

  // 3か月ごと, 6ヶ月毎: position_ is on the か.
  Failure parse_every_n_months(const Number& number, WhenExpression& expression) {
    position_ += 2;  // か月
    if (!accept(U"ごと") && !accept(U"毎")) return unrecognised(number.first, end_);
    if (number.value < 1 || number.value > kMonthsInYear)
      return error_at(number.first,
                      "unknown interval \"" + written(number.first, number.end) + "\"",
                      meaning::kUnknownInterval, {written(number.first, number.end)});
    expression.rule = when::Every{number.value};
    return parse_within_month(expression);
  }

  // One point: [year] month [月 [day 日 | part | 末 | nth weekday] | / day] [頃]. A year
  // written goes to the expression's dated months.
  Result<Point> read_point(WhenExpression& expression) {
    Point point;
    point.first = position_;
    auto year = accept_year();
    if (!year) return year.error();
    point.year = *year;
    const std::optional<Number> number = read_number();
    if (!number) return expected_month(position_);
    auto month = month_from(*number);
    if (!month) return month.error();
    point.month = *month;
    if (peek() == U'/') {
      ++position_;
      auto day = read_day(point.month);
      if (!day) return day.error();
      point.day = *day;
    } else if (accept(U"月")) {
      if (Failure failure = read_in_month(point)) return *failure;
    }
    point.approximate = accept(U"頃") || accept(U"ごろ");
    point.end_symbol = position_;
    if (point.year) expression.dated_months.push_back(*point.year / point.month);
    return point;
  }

  // After 月: 20日, 上旬, 末 or 第2水曜日, if written.
  Failure read_in_month(Point& point) {
    if (is_digit(peek())) {
      auto day = read_day(point.month);
      if (!day) return day.error();
      if (!accept(U"日")) return expected_day_mark();
      point.day = *day;
    } else if (const auto part = accept_part()) {
      point.part = *part;
    } else if (accept(U"末")) {
      point.end = true;
    } else if (peek() == U'第') {
      auto weeks = parse_nth_weekday();
      if (!weeks) return weeks.error();
      point.weekday = std::move(*weeks);
    }
    return std::nullopt;
  }

  Result<unsigned> read_day(date::month month) {
    const std::optional<Number> day = read_number();
    if (!day)
      return error_at(position_, "expected a day, got " + got(position_), meaning::kExpectedDay,
                      {got_subject(position_)});
    if (day->value < 1 || day->value > longest_month(month)) {
      const std::string month_number = std::to_string(static_cast<unsigned>(month));
      return error_at(
          day->first,
          "unknown day \"" + written(day->first, day->end) + "\" of " + month_number + "月",
          meaning::kUnknownDayOfMonth, {written(day->first, day->end), month_number});
    }
    return day->value;
  }

  // 2026年, 令和8年, R8. before a month; nothing when none is written.
  Result<std::optional<date::year>> accept_year() {
    const std::size_t start = position_;
    if (const auto era = accept_era()) {
      const bool letter = era->second;
      const std::optional<int> year = read_era_year(era->first);
      if (!year || !(letter ? accept(U".") : accept(U"年")) || !is_digit(peek()))
        return unrecognised(start, end_);
      return std::optional<date::year>{date::year{*year}};
    }
    const std::optional<Number> number = peek_number();
    if (!number || peek(number->end - position_) != U'年' ||
        peek(number->end - position_ + 1) == U'度')
      return std::optional<date::year>{};
    position_ = number->end + 1;
    if (number->value < 1900 || number->value > 2999)
      return error_at(number->first,
                      "unknown year \"" + written(number->first, number->end) +
                          "\" (expected four digits, such as 2026)",
                      meaning::kUnknownYear, {written(number->first, number->end)});
    return std::optional<date::year>{date::year{static_cast<int>(number->value)}};
  }

  // 2026年度, 令和8年度: the fiscal year written, position after 年度; else nothing read.
  std::optional<int> accept_fiscal_year() {
    const std::size_t start = position_;
    if (const auto era = accept_era(); era && !era->second) {
      if (const std::optional<int> year = read_era_year(era->first); year && accept(U"年度"))
        return *year;
    } else if (!era) {
      if (const std::optional<Number> number = read_number();
          number && number->value >= 1900 && number->value <= 2999 && accept(U"年度"))
        return static_cast<int>(number->value);
    }
    position_ = start;
    return std::nullopt;
  }

  // An era's name (second: false) or letter (second: true) at the position, read.
  std::optional<std::pair<const Era*, bool>> accept_era() {
    for (const Era& era : kEras) {
      if (accept(era.name)) return std::pair{&era, false};
      const char32_t letter = peek();
      if ((letter == era.letter || letter == era.letter + (U'a' - U'A')) && is_digit(peek(1))) {
        ++position_;
        return std::pair{&era, true};
      }
    }
    return std::nullopt;
  }

  // Whether an era's name or letter is at the position; nothing is read.
  bool era_ahead() {
    const std::size_t start = position_;
    const bool found = accept_era().has_value();
    position_ = start;
    return found;
  }

  // The calendar year of an era's year (元 for 1).
  std::optional<int> read_era_year(const Era* era) {
    if (accept(U"元")) return era->year_one;
    const std::optional<Number> number = read_number();
    if (!number || number->value < 1 || number->value > 99) return std::nullopt;
    return era->year_one + static_cast<int>(number->value) - 1;
  }

  bool accept_from_word() {
    return accept(U"から") || accept(U"より") || accept(U"以降") || accept(U"着手") ||
           accept(U"開始");
  }

  bool accept_until_word() {
    if (accept(U"まで")) {
      accept(U"に");
      return true;
    }
    const std::size_t start = position_;
    accept(U"を");
    if (accept(U"目途") || accept(U"めど") || accept(U"時点")) return true;
    position_ = start;
    return false;
  }

  std::size_t month_end(const Point& point) const {
    std::size_t end = point.first;
    while (end < point.end_symbol && is_digit(symbols_[end].value)) ++end;
    return end;
  }

  Result<date::month> month_from(const Number& number) const {
    if (number.value < 1 || number.value > kMonthsInYear)
      return error_at(number.first, "unknown month \"" + written(number.first, number.end) + "\"",
                      meaning::kUnknownMonth, {written(number.first, number.end)});
    return date::month{number.value};
  }

  std::optional<Number> peek_number() const {
    if (!is_digit(peek())) return std::nullopt;
    Number number{0, position_, position_};
    while (number.end < end_ && is_digit(symbols_[number.end].value)) {
      number.value = std::min(number.value * 10 + (symbols_[number.end].value - U'0'), kNumberCap);
      ++number.end;
    }
    return number;
  }

  std::optional<Number> read_number() {
    const std::optional<Number> number = peek_number();
    if (number) position_ = number->end;
    return number;
  }

  // The symbol `ahead` places on, or 0 past the body's end.
  char32_t peek(std::size_t ahead = 0) const {
    return position_ + ahead < end_ ? symbols_[position_ + ahead].value : 0;
  }

  bool accept(std::u32string_view word) {
    if (position_ + word.size() > end_) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (symbols_[position_ + i].value != word[i]) return false;
    position_ += word.size();
    return true;
  }

  // The original text of symbols [first, end), spaces between them included.
  std::string written(std::size_t first, std::size_t end) const {
    if (first >= end) return {};
    const CodePoint& begin = code_points_[symbols_[first].index];
    const CodePoint& last = code_points_[symbols_[end - 1].index];
    return std::string(text_.substr(begin.offset, last.offset + last.size - begin.offset));
  }

  std::string got(std::size_t symbol) const {
    if (symbol >= symbols_.size()) return "the end";
    return "\"" + written(symbol, symbol + 1) + "\"";
  }

  // The symbol found as a meaning's subject: its text, empty at the end.
  std::string got_subject(std::size_t symbol) const {
    return symbol >= symbols_.size() ? std::string{} : written(symbol, symbol + 1);
  }

  Error expected_weekday() const {
    return error_at(position_, "expected a weekday (月火水木金土日), got " + got(position_),
                    meaning::kExpectedWeekday, {got_subject(position_)});
  }

  Error expected_day_mark() const {
    return error_at(position_, "expected 日, got " + got(position_), meaning::kExpectedDayMark,
                    {got_subject(position_)});
  }

  Error expected_month(std::size_t symbol) const {
    return error_at(symbol, "expected a month, got " + got(symbol), meaning::kExpectedMonth,
                    {got_subject(symbol)});
  }

  // 1-based, in characters of the original text; one past the last character at the end.
  std::size_t character_at(std::size_t symbol) const {
    return symbol < symbols_.size() ? symbols_[symbol].index + 1 : code_points_.size() + 1;
  }

  // `what` at the symbol, and its meaning: `code` with the text, the character and `subjects`.
  Error error_at(std::size_t symbol, const std::string& what, std::string_view code,
                 std::vector<std::string> subjects = {}) const {
    const std::string character = std::to_string(character_at(symbol));
    subjects.insert(subjects.begin(), {std::string(text_), character});
    return Error{what + " at character " + character + " in \"" + std::string(text_) + "\"",
                 ErrorCode::invalid, meaning_of(code, std::move(subjects))};
  }

  // Says what was not read; with a hint when the body is a form with no one reading.
  Error unrecognised(std::size_t first, std::size_t end) const {
    std::u32string whole;
    for (std::size_t i = is_opening(peek_at(0)) ? 1 : 0; i < end_; ++i)
      whole.push_back(symbols_[i].value);
    const Hint hint = hint_for(whole);
    Error error = error_at(first, "unrecognised schedule \"" + written(first, end) + "\"",
                           hint.code, {written(first, end)});
    error.message += hint.words;
    return error;
  }

  char32_t peek_at(std::size_t symbol) const {
    return symbol < symbols_.size() ? symbols_[symbol].value : 0;
  }

  std::string_view text_;
  std::vector<CodePoint> code_points_;
  std::vector<Symbol> symbols_;
  std::size_t position_ = 0;  // the next symbol to read
  std::size_t end_ = 0;       // where the body ends: the closing bracket, or the end
};

}  // namespace

Result<WhenExpression> parse_when(std::string_view text) {
  auto code_points = decode_utf8(text);
  if (!code_points) return code_points.error();
  return Parser(text, std::move(*code_points)).parse();
}

}  // namespace torikumi
