#include "engine/schedule/when_expression.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include "engine/schedule/schedule_text.hpp"
#include "engine/text/japanese_text.hpp"

// The grammar, after folding widths, range marks (〜 ～ ~) to "~" and separators (、 ・ , ，)
// to ",", and dropping spaces:
//
// clang-format off
//   expression  = [ "(" ] body [ ")" ]
//   body        = "随時" | "隨時" | "通年" | "年度末" | "年" [ "に" ] number "回"
//               | every [ in-month ] | nth-weekday
//               | "~" month | month "~" [ month ]
//               | month { "," month } [ in-month ] [ "頃" | "ごろ" ]
//   every       = "毎月" | "隔月" | "四半期ごと" | "四半期毎"
//               | number ( "か" | "ヶ" | "ケ" | "カ" | "ヵ" ) "月" ( "ごと" | "毎" )
//   month       = number [ "月" ]                                  number in 1..12
//   in-month    = "上旬" | "初旬" | "中旬" | "下旬" | nth-weekday
//   nth-weekday = "第" ( number | "一".."五" ) weekday [ "曜日" | "曜" ]   week in 1..5
//   weekday     = "月" | "火" | "水" | "木" | "金" | "土" | "日"
// clang-format on
//
// A nth-weekday on its own means every month (第2水曜日 = 毎月第2水曜日). 頃 and the in-month
// parts qualify a month list or an every-idiom only, never a span: 4～3月上旬 is an error rather
// than a guess. Months are not ordered here (4～3月 and 3～4月 both parse); placing them in the
// fiscal year is the expander's job. split_schedule_line takes bare numbers, （4、6）, as text.

namespace torikumi {

namespace {

using namespace schedule_text;

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
        if (open.empty()) return error_at(i, "unmatched \"" + written(i, i + 1) + "\"");
        open.pop_back();
      }
    }
    if (!open.empty())
      return error_at(open.front(),
                      "unmatched \"" + written(open.front(), open.front() + 1) + "\"");
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

  Failure parse_body(WhenExpression& expression) {
    if (position_ >= end_) return error_at(position_, "expected a schedule, got " + got(position_));
    if (accept(U"随時") || accept(U"隨時")) {
      expression.rule = when::AsNeeded{};
    } else if (accept(U"通年")) {
      expression.rule = when::WholeYear{};
    } else if (accept(U"年度末")) {
      expression.rule = when::YearEnd{};
    } else if (peek() == U'年') {
      return parse_times_per_year(expression);
    } else if (accept(U"毎月")) {
      expression.rule = when::Every{1};
      return parse_within_month(expression);
    } else if (accept(U"隔月")) {
      expression.rule = when::Every{2};
      return parse_within_month(expression);
    } else if (accept(U"四半期ごと") || accept(U"四半期毎")) {
      expression.rule = when::Every{3};
      return parse_within_month(expression);
    } else if (peek() == U'第') {
      expression.rule = when::Every{1};
      return parse_nth_weekday(expression);
    } else if (peek() == kRangeMark) {
      ++position_;
      auto last = expect_month();
      if (!last) return last.error();
      expression.rule = when::Until{*last};
    } else if (is_digit(peek())) {
      return parse_months(expression);
    } else {
      return unrecognised(position_, end_);
    }
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
      return error_at(count->first, "count \"" + written(count->first, count->end) +
                                        "\" does not divide 12 (expected 1, 2, 3, 4, 6 or 12)");
    expression.rule = when::TimesPerYear{count->value};
    return std::nullopt;
  }

  // After a month list or an every-idiom: 上旬, 中旬, 下旬 or 第2水曜日, if written.
  Failure parse_within_month(WhenExpression& expression) {
    if (accept(U"上旬") || accept(U"初旬")) {
      expression.part = PartOfMonth::early;
    } else if (accept(U"中旬")) {
      expression.part = PartOfMonth::middle;
    } else if (accept(U"下旬")) {
      expression.part = PartOfMonth::late;
    } else if (peek() == U'第') {
      return parse_nth_weekday(expression);
    }
    return std::nullopt;
  }

  // REQUIRES: peek() == U'第'.
  Failure parse_nth_weekday(WhenExpression& expression) {
    ++position_;  // 第
    NthWeekday day;
    if (const std::size_t kanji = kKanjiNumbers.find(peek());
        position_ < end_ && kanji != std::u32string_view::npos) {
      day.n = static_cast<unsigned>(kanji) + 1;
      ++position_;
    } else if (const std::optional<Number> week = read_number()) {
      if (week->value < 1 || week->value > kLastWeek)
        return error_at(week->first,
                        "unknown week number \"" + written(week->first, week->end) + "\"");
      day.n = week->value;
    } else {
      return error_at(position_, "expected a week number, got " + got(position_));
    }
    const std::size_t weekday = kWeekdayNames.find(peek());
    if (position_ >= end_ || weekday == std::u32string_view::npos)
      return error_at(position_, "expected a weekday (月火水木金土日), got " + got(position_));
    ++position_;
    day.weekday = date::weekday{static_cast<unsigned>(weekday)};
    if (!accept(U"曜日")) accept(U"曜");
    expression.day = day;
    return std::nullopt;
  }

  // REQUIRES: is_digit(peek()). 4、6月 / 4～3月 / 4月～ / 6月上旬 / 6月頃 / 3か月ごと.
  Failure parse_months(WhenExpression& expression) {
    const Number number = *read_number();
    if (kCounterKa.find(peek()) != std::u32string_view::npos && peek(1) == U'月')
      return parse_every_n_months(number, expression);

    auto first = month_from(number);
    if (!first) return first.error();
    accept(U"月");
    if (peek() == kRangeMark) {
      ++position_;
      if (position_ >= end_) {
        expression.rule = when::From{*first};
        return std::nullopt;
      }
      auto last = expect_month();
      if (!last) return last.error();
      expression.rule = when::Span{*first, *last};
      return std::nullopt;
    }

    when::Months list{{*first}};
    while (peek() == kSeparator) {
      ++position_;
      const std::optional<Number> next = read_number();
      if (!next) return error_at(position_, "expected a month, got " + got(position_));
      auto month = month_from(*next);
      if (!month) return month.error();
      if (std::find(list.months.begin(), list.months.end(), *month) != list.months.end())
        return error_at(next->first, "duplicate month \"" + written(next->first, next->end) + "\"");
      list.months.push_back(*month);
      accept(U"月");
    }
    expression.rule = std::move(list);
    if (Failure failure = parse_within_month(expression)) return failure;
    if (accept(U"頃") || accept(U"ごろ")) expression.approximate = true;
    return std::nullopt;
  }

  // 3か月ごと, 6ヶ月毎: position_ is on the か.
  Failure parse_every_n_months(const Number& number, WhenExpression& expression) {
    position_ += 2;  // か月
    if (!accept(U"ごと") && !accept(U"毎")) return unrecognised(number.first, end_);
    if (number.value < 1 || number.value > kMonthsInYear)
      return error_at(number.first,
                      "unknown interval \"" + written(number.first, number.end) + "\"");
    expression.rule = when::Every{number.value};
    return parse_within_month(expression);
  }

  Result<date::month> expect_month() {
    const std::optional<Number> number = read_number();
    if (!number) return error_at(position_, "expected a month, got " + got(position_));
    auto month = month_from(*number);
    if (month) accept(U"月");
    return month;
  }

  Result<date::month> month_from(const Number& number) const {
    if (number.value < 1 || number.value > kMonthsInYear)
      return error_at(number.first, "unknown month \"" + written(number.first, number.end) + "\"");
    return date::month{number.value};
  }

  std::optional<Number> read_number() {
    if (!is_digit(peek())) return std::nullopt;
    Number number{0, position_, position_};
    while (is_digit(peek())) {
      number.value = std::min(number.value * 10 + (peek() - U'0'), kNumberCap);
      ++position_;
    }
    number.end = position_;
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

  // 1-based, in characters of the original text; one past the last character at the end.
  std::size_t character_at(std::size_t symbol) const {
    return symbol < symbols_.size() ? symbols_[symbol].index + 1 : code_points_.size() + 1;
  }

  Error error_at(std::size_t symbol, const std::string& what) const {
    return Error{what + " at character " + std::to_string(character_at(symbol)) + " in \"" +
                 std::string(text_) + "\""};
  }

  Error unrecognised(std::size_t first, std::size_t end) const {
    return error_at(first, "unrecognised schedule \"" + written(first, end) + "\"");
  }

  std::string_view text_;
  std::vector<CodePoint> code_points_;
  std::vector<Symbol> symbols_;
  std::size_t position_ = 0;  // the next symbol to read
  std::size_t end_ = 0;       // where the body ends: the closing bracket, or the end
};

std::string month_number(date::month month) { return std::to_string(static_cast<unsigned>(month)); }

struct RuleText {
  std::string operator()(const when::Months& rule) const {
    std::string out;
    for (const date::month month : rule.months) {
      if (!out.empty()) out += "、";
      out += month_number(month);
    }
    return out + "月";
  }
  std::string operator()(const when::Span& rule) const {
    return month_number(rule.first) + "～" + month_number(rule.last) + "月";
  }
  std::string operator()(const when::Until& rule) const {
    return "～" + month_number(rule.last) + "月";
  }
  std::string operator()(const when::From& rule) const { return month_number(rule.first) + "月～"; }
  std::string operator()(const when::WholeYear&) const { return "通年"; }
  std::string operator()(const when::YearEnd&) const { return "年度末"; }
  std::string operator()(const when::AsNeeded&) const { return "随時"; }
  std::string operator()(const when::Every& rule) const {
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

}  // namespace

Result<WhenExpression> parse_when(std::string_view text) {
  auto code_points = decode_utf8(text);
  if (!code_points) return code_points.error();
  return Parser(text, std::move(*code_points)).parse();
}

std::string to_string(const WhenExpression& expression) {
  std::string out = std::visit(RuleText{}, expression.rule);
  if (expression.part) {
    switch (*expression.part) {
      case PartOfMonth::early:
        out += "上旬";
        break;
      case PartOfMonth::middle:
        out += "中旬";
        break;
      case PartOfMonth::late:
        out += "下旬";
        break;
    }
  }
  if (expression.day) {
    out += "第" + std::to_string(expression.day->n);
    append_utf8(out, kWeekdayNames[expression.day->weekday.c_encoding() % 7]);
    out += "曜日";
  }
  if (expression.approximate) out += "頃";
  return out;
}

}  // namespace torikumi
