#include "engine/calendar/japanese_holidays.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace torikumi {

using namespace date;

namespace {

// Milestones of the Act on National Holidays (国民の祝日に関する法律) and the special laws
// beside it. A year-valued constant is the first year a rule applies to.

// 1966 amendment: 敬老の日 and 体育の日 from 1966, 建国記念の日 from 1967.
constexpr year kRespectForTheAgedFirstYear{1966};
constexpr year kNationalFoundationFirstYear{1967};
// 1973 amendment, in force 1973-04-12: a holiday on a Sunday makes the next day a holiday.
constexpr sys_days kSubstituteHolidaysBegin{1973_y / April / 12};
// 1985 amendment, in force 1985-12-27: a day between two holidays is a holiday too.
constexpr sys_days kCitizensHolidaysBegin{1985_y / December / 27};
// 1989 amendment: 天皇誕生日 moves to 23 December and 29 April becomes みどりの日.
constexpr year kHeiseiFirstYear{1989};
// 1995 amendment: 海の日 on 20 July.
constexpr year kMarineDayFirstYear{1996};
// 1998 amendment (happy Monday): 成人の日 and 体育の日 on the second Monday.
constexpr year kFirstHappyMondayYear{2000};
// 2001 amendment: 海の日 and 敬老の日 on the third Monday.
constexpr year kSecondHappyMondayYear{2003};
// 2005 amendment: 昭和の日 on 29 April, みどりの日 on 4 May; a substitute holiday is the next
// day that is not a holiday, and a citizens' holiday may fall on a Sunday.
constexpr year kShowaDayFirstYear{2007};
// 2014 amendment: 山の日 on 11 August.
constexpr year kMountainDayFirstYear{2016};
// The 2019 abdication: no 天皇誕生日 in 2019, 23 February from 2020; 体育の日 is renamed
// スポーツの日 from 2020 (amendment of 2018).
constexpr year kAbdicationYear{2019};
constexpr year kSportsDayFirstYear{2020};
// The Olympic special law moved 海の日, スポーツの日 and 山の日 in these two years.
constexpr year kOlympicYear{2020};
constexpr year kPostponedOlympicYear{2021};

constexpr std::string_view kNewYearsDay = "元日";
constexpr std::string_view kComingOfAgeDay = "成人の日";
constexpr std::string_view kNationalFoundationDay = "建国記念の日";
constexpr std::string_view kEmperorsBirthday = "天皇誕生日";
constexpr std::string_view kVernalEquinoxDay = "春分の日";
constexpr std::string_view kShowaDay = "昭和の日";
constexpr std::string_view kConstitutionDay = "憲法記念日";
constexpr std::string_view kGreeneryDay = "みどりの日";
constexpr std::string_view kChildrensDay = "こどもの日";
constexpr std::string_view kMarineDay = "海の日";
constexpr std::string_view kMountainDay = "山の日";
constexpr std::string_view kRespectForTheAgedDay = "敬老の日";
constexpr std::string_view kAutumnalEquinoxDay = "秋分の日";
constexpr std::string_view kHealthAndSportsDay = "体育の日";
constexpr std::string_view kSportsDay = "スポーツの日";
constexpr std::string_view kCultureDay = "文化の日";
constexpr std::string_view kLabourThanksgivingDay = "勤労感謝の日";
constexpr std::string_view kSubstituteHoliday = "振替休日";
constexpr std::string_view kCitizensHoliday = "国民の休日";

// Days made holidays by their own laws. For the rules on substitute and citizens' holidays
// they count as national holidays (the 2019 law says so; the others fell on weekdays with no
// holiday next to them, so it makes no difference there).
struct OneOffHoliday {
  sys_days day;
  std::string_view name;
};
constexpr OneOffHoliday kOneOffHolidays[] = {
    {sys_days{1959_y / April / 10}, "結婚の儀"},     // 皇太子明仁親王の結婚の儀
    {sys_days{1989_y / February / 24}, "大喪の礼"},  // 昭和天皇の大喪の礼
    {sys_days{1990_y / November / 12}, "即位礼正殿の儀"},
    {sys_days{1993_y / June / 9}, "結婚の儀"},  // 皇太子徳仁親王の結婚の儀
    {sys_days{2019_y / May / 1}, "天皇の即位の日"},
    {sys_days{2019_y / October / 22}, "即位礼正殿の儀"},
};

// The day of March (春分) or September (秋分) of an equinox by the formula the National
// Astronomical Observatory's predictions follow: constants for 1949-1979 and 1980-2099.
unsigned equinox_day(year y, double constant_before_1980, double constant_from_1980) {
  const int offset = static_cast<int>(y) - 1980;
  const double constant = offset < 0 ? constant_before_1980 : constant_from_1980;
  // floor((y - 1980) / 4), which for y < 1980 equals the trunc((y - 1983) / 4) of the
  // usual statement of the 1900-1979 formula.
  const double leap_days = std::floor(offset / 4.0);
  return static_cast<unsigned>(std::floor(constant + 0.242194 * offset - leap_days));
}

sys_days vernal_equinox(year y) {
  return sys_days{y / March / day{equinox_day(y, 20.8357, 20.8431)}};
}

sys_days autumnal_equinox(year y) {
  return sys_days{y / September / day{equinox_day(y, 23.2588, 23.2488)}};
}

// The n-th Monday of a month (happy Monday days).
sys_days nth_monday(year y, month m, unsigned n) { return sys_days{y / m / Monday[n]}; }

Holiday make_holiday(sys_days day, std::string_view name,
                     HolidayCertainty certainty = HolidayCertainty::official) {
  return Holiday{day, std::string{name}, certainty};
}

// The national holidays (国民の祝日) of a year and its one-off days, without the substitute
// and citizens' holidays that follow from them; unsorted.
std::vector<Holiday> national_holidays(year y) {
  std::vector<Holiday> holidays;
  auto add = [&](sys_days day, std::string_view name) {
    holidays.push_back(make_holiday(day, name));
  };

  add(sys_days{y / January / 1}, kNewYearsDay);
  add(y < kFirstHappyMondayYear ? sys_days{y / January / 15} : nth_monday(y, January, 2),
      kComingOfAgeDay);
  if (y >= kNationalFoundationFirstYear) add(sys_days{y / February / 11}, kNationalFoundationDay);
  if (y >= kSportsDayFirstYear) add(sys_days{y / February / 23}, kEmperorsBirthday);

  const auto equinox_certainty =
      y > kLastPublishedAlmanacYear ? HolidayCertainty::provisional : HolidayCertainty::official;
  holidays.push_back(make_holiday(vernal_equinox(y), kVernalEquinoxDay, equinox_certainty));

  if (y < kHeiseiFirstYear) {
    add(sys_days{y / April / 29}, kEmperorsBirthday);
  } else if (y < kShowaDayFirstYear) {
    add(sys_days{y / April / 29}, kGreeneryDay);
  } else {
    add(sys_days{y / April / 29}, kShowaDay);
  }
  add(sys_days{y / May / 3}, kConstitutionDay);
  if (y >= kShowaDayFirstYear) add(sys_days{y / May / 4}, kGreeneryDay);
  add(sys_days{y / May / 5}, kChildrensDay);

  if (y == kOlympicYear) {
    add(sys_days{y / July / 23}, kMarineDay);
    add(sys_days{y / July / 24}, kSportsDay);
    add(sys_days{y / August / 10}, kMountainDay);
  } else if (y == kPostponedOlympicYear) {
    add(sys_days{y / July / 22}, kMarineDay);
    add(sys_days{y / July / 23}, kSportsDay);
    add(sys_days{y / August / 8}, kMountainDay);
  } else {
    if (y >= kSecondHappyMondayYear) {
      add(nth_monday(y, July, 3), kMarineDay);
    } else if (y >= kMarineDayFirstYear) {
      add(sys_days{y / July / 20}, kMarineDay);
    }
    if (y >= kMountainDayFirstYear) add(sys_days{y / August / 11}, kMountainDay);
    if (y >= kFirstHappyMondayYear) {
      add(nth_monday(y, October, 2), y >= kSportsDayFirstYear ? kSportsDay : kHealthAndSportsDay);
    } else if (y >= kRespectForTheAgedFirstYear) {
      add(sys_days{y / October / 10}, kHealthAndSportsDay);
    }
  }

  if (y >= kSecondHappyMondayYear) {
    add(nth_monday(y, September, 3), kRespectForTheAgedDay);
  } else if (y >= kRespectForTheAgedFirstYear) {
    add(sys_days{y / September / 15}, kRespectForTheAgedDay);
  }
  holidays.push_back(make_holiday(autumnal_equinox(y), kAutumnalEquinoxDay, equinox_certainty));
  add(sys_days{y / November / 3}, kCultureDay);
  add(sys_days{y / November / 23}, kLabourThanksgivingDay);
  if (y >= kHeiseiFirstYear && y < kAbdicationYear)
    add(sys_days{y / December / 23}, kEmperorsBirthday);

  for (const auto& one_off : kOneOffHolidays) {
    if (year_month_day{one_off.day}.year() == y) add(one_off.day, one_off.name);
  }
  return holidays;
}

const Holiday* find_on(const std::vector<Holiday>& sorted, sys_days day) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), day,
                                   [](const Holiday& h, sys_days d) { return h.day < d; });
  return it != sorted.end() && it->day == day ? &*it : nullptr;
}

HolidayCertainty weaker(HolidayCertainty a, HolidayCertainty b) {
  return a == HolidayCertainty::provisional ? a : b;
}

// Every holiday of a year in date order: the national holidays, then the substitute holidays
// (振替休日, Article 3(2)) and citizens' holidays (国民の休日, Article 3(3)) as the law stood.
// A day that follows from a provisional day is provisional.
std::vector<Holiday> compute_holidays(year y) {
  auto national = national_holidays(y);
  std::sort(national.begin(), national.end(),
            [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
  std::vector<Holiday> holidays = national;

  for (const auto& holiday : national) {
    if (holiday.day < kSubstituteHolidaysBegin || weekday{holiday.day} != Sunday) continue;
    sys_days candidate = holiday.day + days{1};
    auto certainty = holiday.certainty;
    if (y < kShowaDayFirstYear) {
      // Before 2007 the substitute is the next day only; it never was a holiday itself.
      if (find_on(national, candidate) != nullptr) continue;
    } else {
      // From 2007: the nearest later day that is not a national holiday.
      while (const Holiday* next = find_on(national, candidate)) {
        certainty = weaker(certainty, next->certainty);
        candidate += days{1};
      }
    }
    holidays.push_back(make_holiday(candidate, kSubstituteHoliday, certainty));
  }

  for (std::size_t i = 0; i + 1 < national.size(); ++i) {
    const Holiday& before = national[i];
    const Holiday& after = national[i + 1];
    if (after.day - before.day != days{2}) continue;
    const sys_days between = before.day + days{1};
    if (between < kCitizensHolidaysBegin) continue;
    // Before 2007 a Sunday (already a day off) and a substitute holiday were excluded.
    if (y < kShowaDayFirstYear && weekday{between} == Sunday) continue;
    const bool already_holiday =
        std::any_of(holidays.begin(), holidays.end(),
                    [&](const Holiday& holiday) { return holiday.day == between; });
    if (already_holiday) continue;
    holidays.push_back(
        make_holiday(between, kCitizensHoliday, weaker(before.certainty, after.certainty)));
  }

  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
  return holidays;
}

// All supported years, built once: the holidays of each year and a flag per day.
class HolidayTable {
 public:
  HolidayTable()
      : first_day_(sys_days{kFirstHolidayYear / January / 1}),
        end_day_(sys_days{kLastHolidayYear / December / 31} + days{1}) {
    is_holiday_.assign(static_cast<std::size_t>((end_day_ - first_day_).count()), 0);
    for (year y = kFirstHolidayYear; y <= kLastHolidayYear; y += years{1}) {
      by_year_.push_back(compute_holidays(y));
      for (const auto& holiday : by_year_.back()) is_holiday_[index_of(holiday.day)] = 1;
    }
  }

  // REQUIRES: kFirstHolidayYear <= y <= kLastHolidayYear.
  const std::vector<Holiday>& holidays_of(year y) const {
    return by_year_[static_cast<std::size_t>((y - kFirstHolidayYear).count())];
  }

  bool contains(sys_days day) const { return first_day_ <= day && day < end_day_; }

  // REQUIRES: contains(day).
  bool is_holiday(sys_days day) const { return is_holiday_[index_of(day)] != 0; }

 private:
  std::size_t index_of(sys_days day) const {
    return static_cast<std::size_t>((day - first_day_).count());
  }

  sys_days first_day_;
  sys_days end_day_;  // exclusive
  std::vector<std::vector<Holiday>> by_year_;
  std::vector<std::uint8_t> is_holiday_;
};

const HolidayTable& holiday_table() {
  static const HolidayTable table;  // thread-safe initialisation (C++11 magic statics)
  return table;
}

bool is_supported(year y) { return kFirstHolidayYear <= y && y <= kLastHolidayYear; }

}  // namespace

std::vector<Holiday> japanese_holidays(year y) {
  if (!is_supported(y)) return {};
  return holiday_table().holidays_of(y);
}

bool is_japanese_holiday(sys_days day) {
  const HolidayTable& table = holiday_table();
  return table.contains(day) && table.is_holiday(day);
}

std::optional<Holiday> japanese_holiday_on(sys_days day) {
  const HolidayTable& table = holiday_table();
  if (!table.contains(day) || !table.is_holiday(day)) return std::nullopt;
  const Holiday* holiday = find_on(table.holidays_of(year_month_day{day}.year()), day);
  if (holiday == nullptr) return std::nullopt;
  return *holiday;
}

}  // namespace torikumi
