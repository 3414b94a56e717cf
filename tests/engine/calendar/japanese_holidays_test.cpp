#include "engine/calendar/japanese_holidays.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace date;
using namespace torikumi;

namespace {

std::string format_day(sys_days day) { return date::format("%F", day); }

std::string describe(const Holiday& holiday) {
  return format_day(holiday.day) + " " + holiday.name +
         (holiday.certainty == HolidayCertainty::provisional ? " (provisional)" : "");
}

std::string describe_all(const std::vector<Holiday>& holidays) {
  std::string text;
  for (const auto& holiday : holidays) text += describe(holiday) + "\n";
  return text;
}

// YYYY-MM-DD. (date::parse is avoided: it trips -Wmaybe-uninitialized inside date.h.)
std::optional<sys_days> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t offset, std::size_t length) -> std::optional<int> {
    int value = 0;
    const char* first = text.data() + offset;
    const auto [end, error] = std::from_chars(first, first + length, value);
    if (error != std::errc{} || end != first + length) return std::nullopt;
    return value;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

// The fixture keeps the Cabinet Office's wording; the engine names the days by the law:
//   "<holiday> 振替休日"        -> 振替休日 (a substitute holiday, Article 3(2))
//   "休日"                      -> 国民の休日 (a day between two holidays, Article 3(3))
//   "休日（祝日扱い）"          -> the name in the 2019 special law: 天皇の即位の日 on
//                                 2019-05-01, 即位礼正殿の儀 on 2019-10-22
//   "体育の日（スポーツの日）"  -> 体育の日: the rename took effect in 2020
std::string name_in_engine_terms(sys_days day, const std::string& fixture_name) {
  const std::string substitute_suffix = " 振替休日";
  if (fixture_name.size() > substitute_suffix.size() && fixture_name.ends_with(substitute_suffix)) {
    return "振替休日";
  }
  if (fixture_name == "休日") return "国民の休日";
  if (fixture_name == "休日（祝日扱い）") {
    return day == sys_days{2019_y / May / 1} ? "天皇の即位の日" : "即位礼正殿の儀";
  }
  if (fixture_name == "体育の日（スポーツの日）") return "体育の日";
  return fixture_name;
}

struct Fixture {
  std::map<int, std::vector<std::pair<sys_days, std::string>>> by_year;
  std::vector<std::string> errors;
};

// tests/data/holidays_jp.tsv: `#` comment lines, then date<TAB>name.
Fixture read_fixture() {
  Fixture fixture;
  std::ifstream in{std::string{TORIKUMI_TEST_DATA_DIR} + "/holidays_jp.tsv"};
  if (!in) {
    fixture.errors.push_back("cannot open holidays_jp.tsv");
    return fixture;
  }
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line.starts_with('#')) continue;
    const auto tab = line.find('\t');
    const auto day = tab == std::string::npos ? std::nullopt : parse_day(line.substr(0, tab));
    if (!day) {
      fixture.errors.push_back("holidays_jp.tsv:" + std::to_string(line_number) + ": bad line");
      continue;
    }
    const int year_number = static_cast<int>(year_month_day{*day}.year());
    fixture.by_year[year_number].emplace_back(*day, line.substr(tab + 1));
  }
  return fixture;
}

std::string describe_fixture_year(const std::vector<std::pair<sys_days, std::string>>& entries) {
  std::string text;
  for (const auto& [day, name] : entries) {
    text += format_day(day) + " " + name_in_engine_terms(day, name) + "\n";
  }
  return text;
}

std::string strip_certainty(std::vector<Holiday> holidays) {
  for (auto& holiday : holidays) holiday.certainty = HolidayCertainty::official;
  return describe_all(holidays);
}

}  // namespace

TEST_CASE("every holiday from 1970 to 2050 matches the holiday_jp fixture") {
  const Fixture fixture = read_fixture();
  REQUIRE(fixture.errors.empty());
  REQUIRE(fixture.by_year.size() == 81);
  CHECK(fixture.by_year.begin()->first == 1970);
  CHECK(fixture.by_year.rbegin()->first == 2050);
  for (const auto& [year_number, entries] : fixture.by_year) {
    CAPTURE(year_number);
    CHECK(strip_certainty(japanese_holidays(year{year_number})) == describe_fixture_year(entries));
  }
}

TEST_CASE("every holiday of 2019 to 2027 matches the Cabinet Office list and is official") {
  const Fixture fixture = read_fixture();
  REQUIRE(fixture.errors.empty());
  for (int year_number = 2019; year_number <= 2027; ++year_number) {
    CAPTURE(year_number);
    REQUIRE(fixture.by_year.contains(year_number));
    const auto holidays = japanese_holidays(year{year_number});
    CHECK(describe_all(holidays) == describe_fixture_year(fixture.by_year.at(year_number)));
  }
}

TEST_CASE("the historical one-off days and law-change years have the holidays of their time") {
  struct Row {
    sys_days day;
    std::optional<std::string> name;  // nullopt: not a holiday
  };
  const Row rows[] = {
      // The original act of 1948.
      {1949_y / January / 1, "元日"},
      {1949_y / January / 15, "成人の日"},
      {1949_y / March / 21, "春分の日"},
      {1949_y / April / 29, "天皇誕生日"},
      {1949_y / September / 23, "秋分の日"},
      {1955_y / September / 24, "秋分の日"},
      {1960_y / March / 20, "春分の日"},
      {1960_y / March / 21, std::nullopt},
      {1959_y / April / 10, "結婚の儀"},
      // 1966: 敬老の日 and 体育の日 at once, 建国記念の日 from 1967.
      {1965_y / September / 15, std::nullopt},
      {1966_y / February / 11, std::nullopt},
      {1966_y / September / 15, "敬老の日"},
      {1966_y / October / 10, "体育の日"},
      {1967_y / February / 11, "建国記念の日"},
      // 1973: substitute holidays from 12 April; 11 February was a Sunday before that.
      {1970_y / May / 4, std::nullopt},
      {1973_y / February / 12, std::nullopt},
      {1973_y / April / 30, "振替休日"},
      {1973_y / September / 24, "振替休日"},
      // 1985: citizens' holidays, first on 1988-05-04; never on a Sunday before 2007.
      {1986_y / May / 4, std::nullopt},
      {1987_y / May / 4, "振替休日"},
      {1988_y / May / 4, "国民の休日"},
      {1997_y / May / 4, std::nullopt},
      {2006_y / May / 4, "国民の休日"},
      // 1989: Heisei.
      {1988_y / April / 29, "天皇誕生日"},
      {1989_y / February / 24, "大喪の礼"},
      {1989_y / April / 29, "みどりの日"},
      {1989_y / December / 23, "天皇誕生日"},
      {1990_y / November / 12, "即位礼正殿の儀"},
      {1993_y / June / 9, "結婚の儀"},
      // 1995: 海の日 on 20 July from 1996.
      {1995_y / July / 20, std::nullopt},
      {1996_y / July / 20, "海の日"},
      // 1998: happy Monday for 成人の日 and 体育の日 from 2000.
      {1999_y / January / 15, "成人の日"},
      {1999_y / October / 10, "体育の日"},
      {1999_y / October / 11, "振替休日"},
      {2000_y / January / 10, "成人の日"},
      {2000_y / October / 9, "体育の日"},
      {2000_y / October / 10, std::nullopt},
      // 2001: happy Monday for 海の日 and 敬老の日 from 2003.
      {2002_y / July / 20, "海の日"},
      {2002_y / September / 16, "振替休日"},
      {2003_y / July / 21, "海の日"},
      {2003_y / September / 15, "敬老の日"},
      // 2005: 昭和の日 and みどりの日 on 4 May from 2007; substitute is the next non-holiday.
      {2006_y / April / 29, "みどりの日"},
      {2007_y / April / 29, "昭和の日"},
      {2007_y / April / 30, "振替休日"},
      {2007_y / May / 4, "みどりの日"},
      {2008_y / May / 6, "振替休日"},
      {2009_y / September / 22, "国民の休日"},
      {2015_y / September / 22, "国民の休日"},
      // 2014: 山の日 from 2016.
      {2015_y / August / 11, std::nullopt},
      {2016_y / August / 11, "山の日"},
      // 2018 and 2019: the abdication, the enthronement and the ten-day Golden Week.
      {2018_y / December / 23, "天皇誕生日"},
      {2018_y / December / 24, "振替休日"},
      {2019_y / February / 23, std::nullopt},
      {2019_y / April / 30, "国民の休日"},
      {2019_y / May / 1, "天皇の即位の日"},
      {2019_y / May / 2, "国民の休日"},
      {2019_y / May / 6, "振替休日"},
      {2019_y / October / 14, "体育の日"},
      {2019_y / October / 22, "即位礼正殿の儀"},
      {2019_y / December / 23, std::nullopt},
      {2020_y / February / 23, "天皇誕生日"},
      {2020_y / February / 24, "振替休日"},
      // The Olympic special law.
      {2020_y / July / 20, std::nullopt},
      {2020_y / July / 23, "海の日"},
      {2020_y / July / 24, "スポーツの日"},
      {2020_y / August / 10, "山の日"},
      {2020_y / August / 11, std::nullopt},
      {2020_y / October / 12, std::nullopt},
      {2021_y / July / 19, std::nullopt},
      {2021_y / July / 22, "海の日"},
      {2021_y / July / 23, "スポーツの日"},
      {2021_y / August / 8, "山の日"},
      {2021_y / August / 9, "振替休日"},
      {2021_y / August / 11, std::nullopt},
      {2021_y / October / 11, std::nullopt},
      {2022_y / October / 10, "スポーツの日"},
      // The next citizens' holiday.
      {2026_y / September / 21, "敬老の日"},
      {2026_y / September / 22, "国民の休日"},
      {2026_y / September / 23, "秋分の日"},
      // The edges of the supported years.
      {2099_y / December / 23, std::nullopt},
      {2099_y / November / 23, "勤労感謝の日"},
  };
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    const std::string kNone = "(not a holiday)";
    const auto holiday = japanese_holiday_on(row.day);
    CHECK(is_japanese_holiday(row.day) == row.name.has_value());
    CHECK((holiday ? holiday->name : kNone) == row.name.value_or(kNone));
  }
}

TEST_CASE("equinox holidays after the last published almanac are provisional") {
  struct Row {
    sys_days day;
    std::string name;
    HolidayCertainty certainty;
  };
  const Row rows[] = {
      {2026_y / March / 20, "春分の日", HolidayCertainty::official},
      {2026_y / September / 23, "秋分の日", HolidayCertainty::official},
      {2027_y / March / 21, "春分の日", HolidayCertainty::official},
      {2027_y / September / 23, "秋分の日", HolidayCertainty::official},
      {2028_y / January / 1, "元日", HolidayCertainty::official},
      {2028_y / March / 20, "春分の日", HolidayCertainty::provisional},
      {2028_y / September / 22, "秋分の日", HolidayCertainty::provisional},
      // A substitute or citizens' holiday that follows from a provisional day is provisional.
      {2029_y / April / 30, "振替休日", HolidayCertainty::official},
      {2029_y / September / 23, "秋分の日", HolidayCertainty::provisional},
      {2029_y / September / 24, "振替休日", HolidayCertainty::provisional},
      {2032_y / September / 21, "国民の休日", HolidayCertainty::provisional},
      {2099_y / March / 20, "春分の日", HolidayCertainty::provisional},
  };
  for (const auto& row : rows) {
    CAPTURE(format_day(row.day));
    const auto holiday = japanese_holiday_on(row.day);
    REQUIRE(holiday.has_value());
    CHECK(*holiday == Holiday{row.day, row.name, row.certainty});
  }
  for (const auto& holiday : japanese_holidays(kLastPublishedAlmanacYear)) {
    CAPTURE(describe(holiday));
    CHECK(holiday.certainty == HolidayCertainty::official);
  }
}

TEST_CASE("the holidays of each year are in date order and agree with the day lookup") {
  for (year y = kFirstHolidayYear; y <= kLastHolidayYear; y += years{1}) {
    CAPTURE(static_cast<int>(y));
    const auto holidays = japanese_holidays(y);
    REQUIRE(holidays.size() >= 9);
    std::size_t index = 0;
    for (sys_days day = sys_days{y / January / 1}; day <= sys_days{y / December / 31};
         day += days{1}) {
      const bool listed = index < holidays.size() && holidays[index].day == day;
      if (listed) {
        CHECK(japanese_holiday_on(day) == holidays[index]);
        ++index;
      }
      if (is_japanese_holiday(day) != listed) {
        FAIL_CHECK("lookup disagrees with the list on " << format_day(day));
      }
    }
    CHECK(index == holidays.size());  // every listed day was found, in order, once
  }
}

TEST_CASE("there are no holidays outside the supported years") {
  CHECK(japanese_holidays(kFirstHolidayYear - years{1}).empty());
  CHECK(japanese_holidays(kLastHolidayYear + years{1}).empty());
  CHECK_FALSE(is_japanese_holiday(sys_days{1948_y / December / 31} - days{365}));
  CHECK_FALSE(is_japanese_holiday(sys_days{1948_y / November / 23}));
  CHECK_FALSE(is_japanese_holiday(sys_days{2100_y / January / 1}));
  CHECK_FALSE(japanese_holiday_on(sys_days{2100_y / January / 1}).has_value());
  CHECK(is_japanese_holiday(sys_days{1949_y / January / 1}));
}
