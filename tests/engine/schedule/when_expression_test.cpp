#include "engine/schedule/when_expression.hpp"
#include "engine/schedule/schedule_line.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/text/japanese_text.hpp"
#include "tests/engine/meaning_string_maker.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace doctest {
template <>
struct StringMaker<torikumi::WhenExpression> {
  static String convert(const torikumi::WhenExpression& expression) {
    return torikumi::to_string(expression).c_str();
  }
};
}  // namespace doctest

namespace torikumi {
namespace {

using namespace date;

WhenExpression of(WhenRule rule) {
  WhenExpression expression;
  expression.rule = std::move(rule);
  return expression;
}
WhenExpression months(std::initializer_list<unsigned> numbers) {
  when::Months rule;
  for (const unsigned number : numbers) rule.months.push_back(month{number});
  return of(rule);
}
WhenExpression span(unsigned first, unsigned last) {
  return of(when::Span{month{first}, month{last}});
}
WhenExpression until(unsigned last) { return of(when::Until{month{last}}); }
WhenExpression from(unsigned first) { return of(when::From{month{first}}); }
WhenExpression every(unsigned interval) { return of(when::Every{interval}); }
WhenExpression times_per_year(unsigned count) { return of(when::TimesPerYear{count}); }
const WhenExpression kAsNeeded = of(when::AsNeeded{});
const WhenExpression kWholeYear = of(when::WholeYear{});
const WhenExpression kYearEnd = of(when::YearEnd{});

WhenExpression with_part(WhenExpression expression, PartOfMonth part) {
  expression.part = part;
  return expression;
}
WhenExpression with_day(WhenExpression expression, unsigned n, weekday day) {
  expression.day = NthWeekday{n, day};
  return expression;
}
WhenExpression approximately(WhenExpression expression) {
  expression.approximate = true;
  return expression;
}

struct ParseCase {
  std::string_view text;
  WhenExpression expected;
};

void check_parses(const std::vector<ParseCase>& cases) {
  for (const ParseCase& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(*parsed == c.expected);
  }
}

TEST_CASE("every form written in the Higashi sheet parses") {
  check_parses({
      {"（4、6月）", months({4, 6})},
      {"（8月、10月）", months({8, 10})},
      {"（12、2月）", months({12, 2})},
      {"（4～3月）", span(4, 3)},
      {"（8～3月）", span(8, 3)},
      {"（～6月）", until(6)},
      {"（～3月）", until(3)},
      {"（4月～）", from(4)},
      {"（5月～）", from(5)},
      {"（10月～）", from(10)},
      {"（隨時）", kAsNeeded},
      {"（随時）", kAsNeeded},
  });
}

TEST_CASE("the idioms other sheets use parse") {
  check_parses({
      {"通年", kWholeYear},
      {"年度末", kYearEnd},
      {"毎月", every(1)},
      {"隔月", every(2)},
      {"四半期ごと", every(3)},
      {"四半期毎", every(3)},
      {"1か月ごと", every(1)},
      {"3か月ごと", every(3)},
      {"6ヶ月毎", every(6)},
      {"6カ月ごと", every(6)},
      {"6ヵ月ごと", every(6)},
      {"6ケ月ごと", every(6)},
      {"6月上旬", with_part(months({6}), PartOfMonth::early)},
      {"6月初旬", with_part(months({6}), PartOfMonth::early)},
      {"6月中旬", with_part(months({6}), PartOfMonth::middle)},
      {"6月下旬", with_part(months({6}), PartOfMonth::late)},
      {"4、6月上旬", with_part(months({4, 6}), PartOfMonth::early)},
      {"毎月上旬", with_part(every(1), PartOfMonth::early)},
      {"毎月下旬", with_part(every(1), PartOfMonth::late)},
      {"隔月中旬", with_part(every(2), PartOfMonth::middle)},
      {"6月頃", approximately(months({6}))},
      {"6月ごろ", approximately(months({6}))},
      {"6月上旬頃", approximately(with_part(months({6}), PartOfMonth::early))},
      {"年1回", times_per_year(1)},
      {"年2回", times_per_year(2)},
      {"年に4回", times_per_year(4)},
      {"年12回", times_per_year(12)},
  });
}

TEST_CASE("the nth weekday of a month parses with or without 曜日") {
  check_parses({
      {"第2水曜日", with_day(every(1), 2, Wednesday)},
      {"第2水曜", with_day(every(1), 2, Wednesday)},
      {"第2水", with_day(every(1), 2, Wednesday)},
      {"第２水曜日", with_day(every(1), 2, Wednesday)},
      {"第二水曜日", with_day(every(1), 2, Wednesday)},
      {"毎月第2水曜", with_day(every(1), 2, Wednesday)},
      {"毎月第2水曜日", with_day(every(1), 2, Wednesday)},
      {"隔月第4土曜日", with_day(every(2), 4, Saturday)},
      {"毎月第1月曜日", with_day(every(1), 1, Monday)},
      {"第1月", with_day(every(1), 1, Monday)},
      {"第3火曜日", with_day(every(1), 3, Tuesday)},
      {"第3木曜日", with_day(every(1), 3, Thursday)},
      {"第1金曜日", with_day(every(1), 1, Friday)},
      {"毎月第5日曜日", with_day(every(1), 5, Sunday)},
      {"第五日曜", with_day(every(1), 5, Sunday)},
      {"6月第2水曜日", with_day(months({6}), 2, Wednesday)},
      {"4月第5金曜", with_day(months({4}), 5, Friday)},
      {"（8、10月第3木曜日）", with_day(months({8, 10}), 3, Thursday)},
  });
}

TEST_CASE("a month list with full-width digits and brackets parses") {
  check_parses({
      {"（４、６月）", months({4, 6})},
      {"（１２、２月）", months({12, 2})},
      {"（４～３月）", span(4, 3)},
      {"（～６月）", until(6)},
      {"（４月～）", from(4)},
      {"(4、6月)", months({4, 6})},
      {"(4、6月）", months({4, 6})},
      {"（4、6月)", months({4, 6})},
      {"(隨時)", kAsNeeded},
  });
}

TEST_CASE("every separator and range mark means the same") {
  check_parses({
      {"4、6月", months({4, 6})},
      {"4・6月", months({4, 6})},
      {"4,6月", months({4, 6})},
      {"4，6月", months({4, 6})},
      {"4、6、8、10月", months({4, 6, 8, 10})},
      {"4月、6月・8月,10月", months({4, 6, 8, 10})},
      {"4～3月", span(4, 3)},  // U+FF5E full-width tilde
      {"4〜3月", span(4, 3)},  // U+301C wave dash
      {"4~3月", span(4, 3)},   // U+007E tilde
      {"～6月", until(6)},
      {"〜6月", until(6)},
      {"~6月", until(6)},
      {"4月～", from(4)},
      {"4月〜", from(4)},
      {"4月~", from(4)},
  });
}

TEST_CASE("月 may be written on each month or once or not at all") {
  check_parses({
      {"8月、10月", months({8, 10})},
      {"8、10月", months({8, 10})},
      {"8月、10", months({8, 10})},
      {"4、6", months({4, 6})},
      {"6", months({6})},
      {"4月～3月", span(4, 3)},
      {"4～3", span(4, 3)},
      {"4～", from(4)},
      {"～6", until(6)},
  });
}

TEST_CASE("spaces anywhere are ignored") {
  check_parses({
      {" （ 4 、 6 月 ） ", months({4, 6})},
      {"\u3000（４月～）\u3000", from(4)},
      {"4 月 ～ 3 月", span(4, 3)},
      {"毎月 第2 水曜日", with_day(every(1), 2, Wednesday)},
      {"年 2 回", times_per_year(2)},
      {"随 時", kAsNeeded},
      {"（\t隨時\t）", kAsNeeded},
  });
}

TEST_CASE("schedules that cannot be read say what and where") {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  const Case cases[] = {
      {"（13月）", "unknown month \"13\" at character 2 in \"（13月）\""},
      {"（0月）", "unknown month \"0\" at character 2 in \"（0月）\""},
      {"（１３月）", "unknown month \"１３\" at character 2 in \"（１３月）\""},
      {"（4、13月）", "unknown month \"13\" at character 4 in \"（4、13月）\""},
      {"（4～13月）", "unknown month \"13\" at character 4 in \"（4～13月）\""},
      {"（～0月）", "unknown month \"0\" at character 3 in \"（～0月）\""},
      {"（99999999999月）",
       "unknown month \"99999999999\" at character 2 in \"（99999999999月）\""},
      {"（1 3月）", "unknown month \"1 3\" at character 2 in \"（1 3月）\""},
      {"（4、4月）", "duplicate month \"4\" at character 4 in \"（4、4月）\""},
      {"（4、月）", "expected a month, got \"月\" at character 4 in \"（4、月）\""},
      {"（4、）", "expected a month, got \"）\" at character 4 in \"（4、）\""},
      {"4、", "expected a month, got the end at character 3 in \"4、\""},
      {"（～）", "expected a month, got \"）\" at character 3 in \"（～）\""},
      {"（4月～上旬）", "expected a month, got \"上\" at character 5 in \"（4月～上旬）\""},
      {"（）", "expected a schedule, got \"）\" at character 2 in \"（）\""},
      {"", "expected a schedule, got the end at character 1 in \"\""},
      {"\u3000 ", "expected a schedule, got the end at character 3 in \"\u3000 \""},
      {"（4月予定）", "unrecognised schedule \"予定\" at character 4 in \"（4月予定）\""},
      {"（4月 予定 ）", "unrecognised schedule \"予定\" at character 5 in \"（4月 予定 ）\""},
      {"（例：相談会等）",
       "unrecognised schedule \"例：相談会等\" at character 2 in \"（例：相談会等）\""},
      {"（4ー6月）", "unrecognised schedule \"ー6月\" at character 3 in \"（4ー6月）\""},
      {"（四月）", "unrecognised schedule \"四月\" at character 2 in \"（四月）\""},
      {"（随時対応）", "unrecognised schedule \"対応\" at character 4 in \"（随時対応）\""},
      {"（通年4月）", "unrecognised schedule \"4月\" at character 4 in \"（通年4月）\""},
      {"（毎月頃）", "unrecognised schedule \"頃\" at character 4 in \"（毎月頃）\""},
      {"（上旬）", "unrecognised schedule \"上旬\" at character 2 in \"（上旬）\""},
      {"（四半期）", "unrecognised schedule \"四半期\" at character 2 in \"（四半期）\""},
      {"（3か月）", "unrecognised schedule \"3か月\" at character 2 in \"（3か月）\""},
      {"（13か月ごと）", "unknown interval \"13\" at character 2 in \"（13か月ごと）\""},
      {"（0か月ごと）", "unknown interval \"0\" at character 2 in \"（0か月ごと）\""},
      {"（年5回）",
       "count \"5\" does not divide 12 (expected 1, 2, 3, 4, 6 or 12) at character 3 in "
       "\"（年5回）\""},
      {"（年0回）",
       "count \"0\" does not divide 12 (expected 1, 2, 3, 4, 6 or 12) at character 3 in "
       "\"（年0回）\""},
      {"（年回）", "unrecognised schedule \"年回\" at character 2 in \"（年回）\""},
      {"（年2）", "unrecognised schedule \"年2\" at character 2 in \"（年2）\""},
      {"（年度）", "unrecognised schedule \"年度\" at character 2 in \"（年度）\""},
      {"（第6水曜日）", "unknown week number \"6\" at character 3 in \"（第6水曜日）\""},
      {"（第0水曜日）", "unknown week number \"0\" at character 3 in \"（第0水曜日）\""},
      {"（第六水曜日）", "expected a week number, got \"六\" at character 3 in \"（第六水曜日）\""},
      {"（第水曜日）", "expected a week number, got \"水\" at character 3 in \"（第水曜日）\""},
      {"（第2曜日）",
       "expected a weekday (月火水木金土日), got \"曜\" at character 4 in \"（第2曜日）\""},
      {"（毎月第2）",
       "expected a weekday (月火水木金土日), got \"）\" at character 6 in \"（毎月第2）\""},
      {"第2", "expected a weekday (月火水木金土日), got the end at character 3 in \"第2\""},
      {"（第2水曜日午後）",
       "unrecognised schedule \"午後\" at character 7 in \"（第2水曜日午後）\""},
      {"（4月）（6月）", "unrecognised schedule \"（6月）\" at character 5 in \"（4月）（6月）\""},
      {"（4月（予定））",
       "unrecognised schedule \"（予定）\" at character 4 in \"（4月（予定））\""},
      {"（4月", "unmatched \"（\" at character 1 in \"（4月\""},
      {"(随時", "unmatched \"(\" at character 1 in \"(随時\""},
      {"4月）", "unmatched \"）\" at character 3 in \"4月）\""},
      {"（4月））", "unmatched \"）\" at character 5 in \"（4月））\""},
      {"（4\xFF月）", "invalid UTF-8 at byte 5: expected the start of a character, got 0xFF"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
  }
}

TEST_CASE("each parse error has a meaning: its code, the text, the character and what it names") {
  namespace meaning = when_meaning;
  struct Case {
    std::string_view text;
    Meaning meaning;
  };
  const Case cases[] = {
      {"（4月", meaning_of(meaning::kUnmatchedBracket, {"（4月", "1", "（"})},
      {"（）", meaning_of(meaning::kNoSchedule, {"（）", "2"})},
      {"第2", meaning_of(meaning::kExpectedWeekday, {"第2", "3", ""})},
      {"（第2曜日）", meaning_of(meaning::kExpectedWeekday, {"（第2曜日）", "4", "曜"})},
      {"毎月10", meaning_of(meaning::kExpectedDayMark, {"毎月10", "5", ""})},
      {"（第水曜日）", meaning_of(meaning::kExpectedWeek, {"（第水曜日）", "3", "水"})},
      {"（4、）", meaning_of(meaning::kExpectedMonth, {"（4、）", "4", "）"})},
      {"（4/）", meaning_of(meaning::kExpectedDay, {"（4/）", "4", "）"})},
      {"（7月20日、8月）", meaning_of(meaning::kExpectedDate, {"（7月20日、8月）", "8", "8月"})},
      {"（月3回）", meaning_of(meaning::kTimesPerMonth, {"（月3回）", "3", "3"})},
      {"（年5回）", meaning_of(meaning::kTimesPerYear, {"（年5回）", "3", "5"})},
      {"（毎月40日）", meaning_of(meaning::kUnknownDay, {"（毎月40日）", "4", "40"})},
      {"（2月30日）", meaning_of(meaning::kUnknownDayOfMonth, {"（2月30日）", "4", "30", "2"})},
      {"（第5四半期）", meaning_of(meaning::kUnknownQuarter, {"（第5四半期）", "3", "5"})},
      {"（第6水曜日）", meaning_of(meaning::kUnknownWeek, {"（第6水曜日）", "3", "6"})},
      {"（第2・第2水曜日）", meaning_of(meaning::kDuplicateWeek, {"（第2・第2水曜日）", "6", "2"})},
      {"（13月）", meaning_of(meaning::kUnknownMonth, {"（13月）", "2", "13"})},
      {"（4、4月）", meaning_of(meaning::kDuplicateMonth, {"（4、4月）", "4", "4"})},
      {"（7月20日、7月20日）",
       meaning_of(meaning::kDuplicateDay, {"（7月20日、7月20日）", "8", "7月20日"})},
      {"（13か月ごと）", meaning_of(meaning::kUnknownInterval, {"（13か月ごと）", "2", "13"})},
      {"（26年4月）", meaning_of(meaning::kUnknownYear, {"（26年4月）", "2", "26"})},
      {"（4月予定）", meaning_of(meaning::kUnrecognised, {"（4月予定）", "4", "予定"})},
      {"（8月は休み）", meaning_of(meaning::kExceptionsNotRead, {"（8月は休み）", "4", "は休み"})},
      {"（夏頃）", meaning_of(meaning::kSeasonsNotRead, {"（夏頃）", "2", "夏頃"})},
      {"（年3～4回）", meaning_of(meaning::kCountNotOneNumber, {"（年3～4回）", "2", "年3～4回"})},
      {"（4\xFF月）", meaning_of(kInvalidUtf8Meaning, {"5"})},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().meaning == c.meaning);
  }
}

TEST_CASE("a schedule outside the fiscal year has a meaning that names what would work") {
  namespace meaning = when_meaning;
  struct Case {
    std::string_view text;
    Meaning meaning;
  };
  const Case cases[] = {
      {"（9月30日～9月1日）", meaning_of(meaning::kEndsBeforeStart, {"9月30日～9月1日"})},
      {"（2～5月）", meaning_of(meaning::kCrossesYearEnd, {"2～5月", "3", "2～3月", "4～5月"})},
      {"（令和9年度中）",
       meaning_of(meaning::kOtherFiscalYear, {"令和9年度 (2027)", "令和8年度 (2026)"})},
      {"（2027年5月）",
       meaning_of(meaning::kMonthOutsideYear, {"2027年5月", "令和8年度 (2026)", "5"})},
      {"（2月29日）", meaning_of(meaning::kNoSuchDay, {"2月29日", "令和8年度 (2026)", "2027"})},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    const auto problem = check_fiscal_year(*parsed, date::April, 2026);
    REQUIRE(problem.has_value());
    CHECK(problem->meaning == c.meaning);
  }
}

TEST_CASE("the canonical form parses back to the same expression") {
  struct Case {
    WhenExpression expression;
    std::string_view canonical;
  };
  const Case cases[] = {
      {months({4, 6}), "4、6月"},
      {months({8, 10}), "8、10月"},
      {months({12, 2}), "12、2月"},
      {months({6}), "6月"},
      {months({4, 6, 8, 10, 12, 2}), "4、6、8、10、12、2月"},
      {span(4, 3), "4～3月"},
      {span(8, 3), "8～3月"},
      {until(6), "～6月"},
      {from(4), "4月～"},
      {kWholeYear, "通年"},
      {kYearEnd, "年度末"},
      {kAsNeeded, "随時"},
      {every(1), "毎月"},
      {every(2), "隔月"},
      {every(3), "四半期ごと"},
      {every(6), "6か月ごと"},
      {times_per_year(2), "年2回"},
      {times_per_year(12), "年12回"},
      {with_day(every(1), 2, Wednesday), "毎月第2水曜日"},
      {with_day(every(2), 4, Saturday), "隔月第4土曜日"},
      {with_day(every(1), 1, Sunday), "毎月第1日曜日"},
      {with_day(months({6}), 3, Monday), "6月第3月曜日"},
      {with_part(months({6}), PartOfMonth::early), "6月上旬"},
      {with_part(months({6}), PartOfMonth::middle), "6月中旬"},
      {with_part(every(1), PartOfMonth::late), "毎月下旬"},
      {approximately(months({6})), "6月頃"},
      {approximately(with_part(months({4, 6}), PartOfMonth::late)), "4、6月下旬頃"},
      {approximately(with_day(months({7}), 1, Friday)), "7月第1金曜日頃"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.canonical);
    CHECK(to_string(c.expression) == c.canonical);
    const auto parsed = parse_when(to_string(c.expression));
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(*parsed == c.expression);
  }
}

TEST_CASE("variant spellings print in the canonical form") {
  struct Case {
    std::string_view text;
    std::string_view canonical;
  };
  const Case cases[] = {
      {"（隨時）", "随時"},        {"（８月、１０月）", "8、10月"},
      {"(4~3)", "4～3月"},         {"毎月第２水曜", "毎月第2水曜日"},
      {"第二水", "毎月第2水曜日"}, {"6月ごろ", "6月頃"},
      {"四半期毎", "四半期ごと"},  {"6ヶ月毎", "6か月ごと"},
      {"年に2回", "年2回"},        {"1か月ごと", "毎月"},
      {"6月初旬", "6月上旬"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(to_string(*parsed) == c.canonical);
  }
}

struct SplitCase {
  std::string_view line;
  std::string_view title;
  std::vector<WhenExpression> schedules;
  std::vector<std::string> schedule_texts;
};

void check_splits(const std::vector<SplitCase>& cases) {
  for (const SplitCase& c : cases) {
    CAPTURE(c.line);
    const ScheduleLine split = split_schedule_line(c.line);
    CHECK(split.title == c.title);
    CHECK(split.schedules == c.schedules);
    CHECK(split.schedule_texts == c.schedule_texts);
    std::string problems;
    for (const Diagnostic& problem : split.problems) problems += problem.to_string() + "\n";
    CHECK(problems == "");
  }
}

// スケジュール: every task line of seeds/higashi-key-initiative-sheet.txt, checkbox removed.
TEST_CASE("every schedule line of the Higashi sheet splits into title and schedule") {
  check_splits({
      // 前期
      {"多機関協働担当を中心とした会議の開催（4、6月）",
       "多機関協働担当を中心とした会議の開催",
       {months({4, 6})},
       {"（4、6月）"}},
      {"こども家庭センターにおけるサポートプランの調整や助言等の実施（4～3月）",
       "こども家庭センターにおけるサポートプランの調整や助言等の実施",
       {span(4, 3)},
       {"（4～3月）"}},
      {"区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施（4月～）",
       "区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施",
       {from(4)},
       {"（4月～）"}},
      {"区内小中学校への区役所内相談窓口等の周知（4～3月）",
       "区内小中学校への区役所内相談窓口等の周知",
       {span(4, 3)},
       {"（4～3月）"}},
      {"区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォー"
       "ム）"
       "の整備（～6月）",
       "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォー"
       "ム）"
       "の整備",
       {until(6)},
       {"（～6月）"}},
      {"区役所プラットフォームでの共有、支援の検討・実施（～3月）",
       "区役所プラットフォームでの共有、支援の検討・実施",
       {until(3)},
       {"（～3月）"}},
      // 中期
      {"多機関協働担当を中心とした会議の開催（8、10月）",
       "多機関協働担当を中心とした会議の開催",
       {months({8, 10})},
       {"（8、10月）"}},
      {"地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有（8～3月）",
       "地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有",
       {span(8, 3)},
       {"（8～3月）"}},
      // 後期
      {"多機関協働担当を中心とした会議の開催（12、2月）",
       "多機関協働担当を中心とした会議の開催",
       {months({12, 2})},
       {"（12、2月）"}},
      {"不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）（～3月）",
       "不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）",
       {until(3)},
       {"（～3月）"}},
      {"今年度の検証と次年度に向けた取組の検討（～3月）",
       "今年度の検証と次年度に向けた取組の検討",
       {until(3)},
       {"（～3月）"}},
      // 次年度以降: no schedules
      {"多機関協働をより効果的に推進するため、課題の共有と取組の実施",
       "多機関協働をより効果的に推進するため、課題の共有と取組の実施",
       {},
       {}},
      {"今年度（運営初年度）の検証を踏まえた、こども家庭センターの運営強化",
       "今年度（運営初年度）の検証を踏まえた、こども家庭センターの運営強化",
       {},
       {}},
      {"区内小中学校とのさらなる連携強化や協働による課題解決のための取組",
       "区内小中学校とのさらなる連携強化や協働による課題解決のための取組",
       {},
       {}},
      {"不登校支援の継続実施", "不登校支援の継続実施", {}, {}},
  });
}

// 進捗の状況: every progress line of the sheet, checkbox removed.
TEST_CASE("every progress line of the Higashi sheet splits into title and schedules") {
  check_splits({
      // 前期
      {"多機関協働のための会議の開催（4、6月）、個別支援の実施（隨時）",
       "多機関協働のための会議の開催、個別支援の実施",
       {months({4, 6}), kAsNeeded},
       {"（4、6月）", "（隨時）"}},
      {"こども家庭センターにおけるサポートプラン作成、個別支援、事業連携の調整・助言等を実施（4月～"
       "）",
       "こども家庭センターにおけるサポートプラン作成、個別支援、事業連携の調整・助言等を実施",
       {from(4)},
       {"（4月～）"}},
      {"区内小中学校及び関係中学校の訪問や通級指導教室に関する教員向け研修への参加等により、"
       "各校の状況把握と実情に応じた連携を検討（4月～）",
       "区内小中学校及び関係中学校の訪問や通級指導教室に関する教員向け研修への参加等により、"
       "各校の状況把握と実情に応じた連携を検討",
       {from(4)},
       {"（4月～）"}},
      {"区内小中学校及び保護者（学校を通じて）への区役所内相談窓口等の周知（4月～）",
       "区内小中学校及び保護者（学校を通じて）への区役所内相談窓口等の周知",
       {from(4)},
       {"（4月～）"}},
      {"支援が必要な子どもの情報を区役所関係各課（プラットフォーム）で共有し、関係機関と連携して"
       "支援を実施（4月～）",
       "支援が必要な子どもの情報を区役所関係各課（プラットフォーム）で共有し、関係機関と連携して"
       "支援を実施",
       {from(4)},
       {"（4月～）"}},
      {"地域資源（子どもの居場所や子ども食堂、地域活動等）の把握と支援者間での情報共有（5月～）",
       "地域資源（子どもの居場所や子ども食堂、地域活動等）の把握と支援者間での情報共有",
       {from(5)},
       {"（5月～）"}},
      // 中期
      {"多機関協働のための会議の開催（8月、10月）、個別支援の実施（隨時）",
       "多機関協働のための会議の開催、個別支援の実施",
       {months({8, 10}), kAsNeeded},
       {"（8月、10月）", "（隨時）"}},
      {"こども家庭センターにおけるサポートプラン作成、個別支援、事業連携の調整・助言等を実施（8月～"
       "）",
       "こども家庭センターにおけるサポートプラン作成、個別支援、事業連携の調整・助言等を実施",
       {from(8)},
       {"（8月～）"}},
      {"区内小中学校を訪問、連携して個別支援を実施（8月～）",
       "区内小中学校を訪問、連携して個別支援を実施",
       {from(8)},
       {"（8月～）"}},
      {"区内小中学校との地域資源等の情報共有（10月～）",
       "区内小中学校との地域資源等の情報共有",
       {from(10)},
       {"（10月～）"}},
      {"支援が必要な子どもの情報を区役所関係各課（プラットフォーム）で共有し、関係機関と連携して、"
       "不登校の子どもの学びとつながりサポート事業の情報提供や夏休み中の見守り支援等を実施（8月～"
       "）",
       "支援が必要な子どもの情報を区役所関係各課（プラットフォーム）で共有し、関係機関と連携して、"
       "不登校の子どもの学びとつながりサポート事業の情報提供や夏休み中の見守り支援等を実施",
       {from(8)},
       {"（8月～）"}},
  });
}

TEST_CASE("other text of the Higashi sheet keeps its parentheses") {
  check_splits({
      {"前期 (~7月)", "前期", {until(7)}, {"(~7月)"}},
      {"中期 (~11月)", "中期", {until(11)}, {"(~11月)"}},
      {"次年度 以降", "次年度 以降", {}, {}},
      {"自殺死亡率 【2019年度：14.9（人口10万人当たり自殺者数）】",
       "自殺死亡率 【2019年度：14.9（人口10万人当たり自殺者数）】",
       {},
       {}},
      {"目標値（2025 年度） 14.2", "目標値（2025 年度） 14.2", {}, {}},
      {"母子保健（こども家庭センター（統括支援員））の支援",
       "母子保健（こども家庭センター（統括支援員））の支援",
       {},
       {}},
  });
}

TEST_CASE("a line splits whatever its brackets and spacing") {
  check_splits({
      {"不登校の子どもの保護者への相談支援の検討・実施(例：相談会等)（～3月）",
       "不登校の子どもの保護者への相談支援の検討・実施(例：相談会等)",
       {until(3)},
       {"（～3月）"}},
      {"相談支援(例：相談会等)(~3月)", "相談支援(例：相談会等)", {until(3)}, {"(~3月)"}},
      {"会議の開催（４、６月）", "会議の開催", {months({4, 6})}, {"（４、６月）"}},
      {"  会議の開催 （4、6月） ", "会議の開催", {months({4, 6})}, {"（4、6月）"}},
      {"会議 （4月） 資料", "会議 資料", {months({4})}, {"（4月）"}},
      {"\u3000会議\u3000（4月）\u3000", "会議", {months({4})}, {"（4月）"}},
      {"（4月）会議の開催", "会議の開催", {months({4})}, {"（4月）"}},
      {"定例会（毎月第2水曜日）",
       "定例会",
       {with_day(every(1), 2, Wednesday)},
       {"（毎月第2水曜日）"}},
      {"報告（年2回）", "報告", {times_per_year(2)}, {"（年2回）"}},
      {"点検（通年）", "点検", {kWholeYear}, {"（通年）"}},
      {"とりまとめ（年度末）", "とりまとめ", {kYearEnd}, {"（年度末）"}},
      {"研修（6月頃）", "研修", {approximately(months({6}))}, {"（6月頃）"}},
      {"資料（1）", "資料（1）", {}, {}},
      {"資料（4、6）", "資料（4、6）", {}, {}},
      {"", "", {}, {}},
      {"会議（予定", "会議（予定", {}, {}},
      {"会議）（4月）", "会議）", {months({4})}, {"（4月）"}},
  });
}

TEST_CASE("a group that looks like a schedule but does not parse stays and is reported") {
  struct Case {
    std::string_view line;
    std::string_view title;
    std::vector<Diagnostic> problems;
  };
  namespace meaning = when_meaning;
  const Case cases[] = {
      {"会議の開催（13月）",
       "会議の開催（13月）",
       {{"character 6", "unknown month \"13\" at character 2 in \"（13月）\"", 6,
         meaning_of(meaning::kUnknownMonth, {"（13月）", "2", "13"})}}},
      {"会議（4月以外）",
       "会議（4月以外）",
       {{"character 3",
         "unrecognised schedule \"以外\" at character 4 in \"（4月以外）\": exceptions are not "
         "read; "
         "list the months it happens in, such as （4、5、6、7、9月）",
         3, meaning_of(meaning::kExceptionsNotRead, {"（4月以外）", "4", "以外"})}}},
      {"会議（毎月の定例会）",
       "会議（毎月の定例会）",
       {{"character 3", "unrecognised schedule \"の定例会\" at character 4 in \"（毎月の定例会）\"",
         3, meaning_of(meaning::kUnrecognised, {"（毎月の定例会）", "4", "の定例会"})}}},
      {"会議（年5回）",
       "会議（年5回）",
       {{"character 3",
         "count \"5\" does not divide 12 (expected 1, 2, 3, 4, 6 or 12) at character 3 in "
         "\"（年5回）\"",
         3, meaning_of(meaning::kTimesPerYear, {"（年5回）", "3", "5"})}}},
      {"会議（第6水曜日）",
       "会議（第6水曜日）",
       {{"character 3", "unknown week number \"6\" at character 3 in \"（第6水曜日）\"", 3,
         meaning_of(meaning::kUnknownWeek, {"（第6水曜日）", "3", "6"})}}},
      {"会議（随時対応）",
       "会議（随時対応）",
       {{"character 3", "unrecognised schedule \"対応\" at character 4 in \"（随時対応）\"", 3,
         meaning_of(meaning::kUnrecognised, {"（随時対応）", "4", "対応"})}}},
      {"会議（4～6）",
       "会議（4～6）",
       {{"character 3", "expected 月 in \"（4～6）\" to read it as a schedule (\"4～6月\")", 3,
         meaning_of(meaning::kMonthMarkMissing, {"（4～6）", "4～6月"})}}},
      {"会議（4、6月",
       "会議（4、6月",
       {{"character 3", "unmatched \"（\" at character 1 in \"（4、6月\"", 3,
         meaning_of(meaning::kUnmatchedBracket, {"（4、6月", "1", "（"})}}},
      {"会議（13月）と研修（6月）",
       "会議（13月）と研修",
       {{"character 3", "unknown month \"13\" at character 2 in \"（13月）\"", 3,
         meaning_of(meaning::kUnknownMonth, {"（13月）", "2", "13"})}}},
      {"会議\xFF（4月）",
       "会議\xFF（4月）",
       {{"", "invalid UTF-8 at byte 7: expected the start of a character, got 0xFF", std::nullopt,
         meaning_of(kInvalidUtf8Meaning, {"7"})}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const ScheduleLine split = split_schedule_line(c.line);
    CHECK(split.title == c.title);
    CHECK(split.problems == c.problems);
  }
}

TEST_CASE("a reported group does not stop the schedules after it") {
  const ScheduleLine split = split_schedule_line("会議（13月）と研修（6月）");
  CHECK(split.schedules == std::vector<WhenExpression>{months({6})});
  CHECK(split.schedule_texts == std::vector<std::string>{"（6月）"});
}

}  // namespace
}  // namespace torikumi
