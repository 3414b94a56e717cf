// expand_bench: expands a synthetic nationwide workload — every municipality of Japan (1,741)
// running 20 key-initiative sheets of 15 schedule lines each — for one fiscal year on one
// thread, and prints the rate and the memory it takes. See bench/README.md.
//
//   expand_bench [--municipalities N] [--repeat N] [--only-bimonthly]
//
// The plans are built in memory as Plan values (when-expressions parsed with parse_when), the
// way read_plan_json would leave them; only expand_plan is timed. The workload is fixed by a
// seed, never by the wall clock, so every run expands exactly the same occurrences.

#include <date/date.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/bench_support.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/schedule/when_expression.hpp"

namespace {

using namespace torikumi;
using namespace torikumi::bench;
using namespace std::chrono_literals;

constexpr long kMunicipalities =
    1741;  // 市区町村 of Japan: 792 cities, 743 towns, 183 villages, 23 wards
constexpr long kPlansPerMunicipality = 20;
constexpr long kTasksPerPlan = 15;
constexpr date::year kFiscalYear{2026};
constexpr std::uint64_t kSeed = 0x746f72696b756d69;  // "torikumi"

// splitmix64: a tiny generator whose sequence is the same on every platform and library,
// unlike std::uniform_int_distribution's.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  // A number in [0, bound).
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }
  // True with the given chance in percent.
  bool percent(unsigned chance) { return below(100) < chance; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& pool) {
    return pool[below(N)];
  }

 private:
  std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// What the sheets say. Titles are as long as the Higashi sheet's; each pool is one kind of line.

constexpr std::array<std::string_view, 24> kCities = {
    "札幌市", "仙台市",     "盛岡市",   "秋田市", "山形市", "福島市", "水戸市", "宇都宮市",
    "前橋市", "さいたま市", "千葉市",   "横浜市", "新潟市", "富山市", "金沢市", "甲府市",
    "長野市", "静岡市",     "名古屋市", "京都市", "大阪市", "堺市",   "神戸市", "福岡市"};
constexpr std::array<std::string_view, 8> kOffices = {
    "東区役所", "西区役所", "南区役所", "北区役所", "中央区役所", "市役所", "町役場", "村役場"};
constexpr std::array<std::string_view, 6> kUnits = {"保健福祉総合センター", "こども未来部",
                                                    "危機管理室",           "健康福祉部",
                                                    "市民協働課",           "教育委員会事務局"};

struct Initiative {
  std::string_view slug;
  std::string_view title;
};
constexpr std::array<Initiative, 10> kInitiatives = {{
    {"chiiki-kyosei", "地域共生社会の実現に向けた取組の推進"},
    {"kosodate-shien", "妊娠期から子育て期までの切れ目のない支援の充実"},
    {"bosai-taisei", "地域防災力の向上と災害に強いまちづくりの推進"},
    {"kenko-zukuri", "区民の主体的な健康づくりと介護予防の推進"},
    {"dx-suishin", "行政手続のオンライン化と窓口サービスの利便性向上"},
    {"kankyo-hozen", "脱炭素社会の実現に向けた区民・事業者との協働"},
    {"kanko-shinko", "地域資源を活かした魅力発信と交流人口の拡大"},
    {"kyoiku-renkei", "学校・家庭・地域の連携による子どもの育ちの支援"},
    {"koreisha-shien", "高齢者が住み慣れた地域で暮らし続けるための支援体制の強化"},
    {"machizukuri", "住民主体のまちづくり活動の支援と担い手の育成"},
}};

constexpr std::array<std::string_view, 5> kSeriesMeetings = {
    "多機関協働担当を中心とした会議の開催", "関係機関による地域ケア推進会議の開催",
    "子育て支援ネットワーク連絡会の開催", "防災関係機関との連携会議の開催",
    "健康づくり推進協議会の開催"};
constexpr std::array<std::string_view, 4> kYearLongWork = {
    "こども家庭センターにおけるサポートプランの調整や助言等の実施",
    "地域包括支援センターと連携した高齢者の見守り活動の実施",
    "自主防災組織の活動支援と防災訓練への参加促進",
    "妊産婦への伴走型相談支援と経済的支援の一体的な実施"};
constexpr std::array<std::string_view, 4> kFromAprilWork = {
    "区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施",
    "校区自治連合会への訪問による地域課題の把握と連携方策の検討",
    "民生委員・児童委員との情報共有による支援が必要な世帯の把握",
    "事業者訪問による脱炭素の取組状況の把握と支援策の検討・実施"};
constexpr std::array<std::string_view, 4> kAwareness = {
    "区内小中学校への区役所内相談窓口等の周知", "広報紙・SNSを活用した相談窓口の周知",
    "転入者への子育て支援サービスの案内と周知", "ハザードマップの全戸配布と活用方法の周知"};
constexpr std::array<std::string_view, 4> kEarlyDeliverables = {
    "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォーム）"
    "の整備",
    "避難行動要支援者名簿の更新と関係機関への提供体制の整備",
    "相談記録の共有に向けた庁内システムの運用ルールの整備",
    "地域の子育てサロン・居場所の一覧の作成"};
constexpr std::array<std::string_view, 4> kUntilMarchWork = {
    "区役所プラットフォームでの共有、支援の検討・実施",
    "支援につながった事例の蓄積と関係機関との共有",
    "地域ボランティアの募集と活動の場へのマッチング",
    "オンライン申請の利用状況の分析と改善策の実施"};
constexpr std::array<std::string_view, 4> kLaterWork = {
    "地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有",
    "地域の防災リーダー養成講座の開催と修了者の活動支援",
    "健康ポイント事業の参加者拡大に向けた取組の実施", "地域の魅力を伝える動画の制作と発信"};
constexpr std::array<std::string_view, 4> kYearEndReviews = {
    "今年度の検証と次年度に向けた取組の検討",
    "不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）",
    "取組の効果検証と成果指標の達成状況の取りまとめ", "次年度の実施計画の策定"};
constexpr std::array<std::string_view, 6> kNextYear = {
    "多機関協働をより効果的に推進するため、課題の共有と取組の実施",
    "今年度（運営初年度）の検証を踏まえた、こども家庭センターの運営強化",
    "区内小中学校とのさらなる連携強化や協働による課題解決のための取組",
    "不登校支援の継続実施",
    "地域防災計画の見直しを踏まえた訓練内容の充実",
    "デジタル技術を活用した見守り体制の検討"};
constexpr std::array<std::string_view, 6> kOwners = {
    "多機関協働担当", "こども家庭センター", "学校連携担当", "企画総務課", "地域福祉課", "防災担当"};
constexpr std::array<std::string_view, 3> kMeasureTitles = {
    "重層的支援体制整備事業の推進",
    "こども家庭センターによる「母子保健」と「児童福祉」の一体的な支援",
    "学校との連携強化による効果的なアプローチの実施"};
constexpr std::array<std::string_view, 3> kMeasureIds = {"measure-a", "measure-b", "measure-c"};
constexpr std::string_view kIssue =
    "人口減少や高齢化、核家族化、地域のつながりの希薄化などを背景に、複雑化・複合化した課題を"
    "抱える区民や子育てに困難を抱える世帯がこれまで以上に顕在化している。";
constexpr std::string_view kMeasureDescription =
    "複雑化・複合化した課題を抱える区民に対し、行政と支援機関が連携して支援の目標や方向性を"
    "整理のうえ、適切な支援につなげる。";

// ---------------------------------------------------------------------------------------------
// Building plans.

std::string two_digits(long value) {
  std::string text = std::to_string(value);
  return value < 10 ? "0" + text : text;
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "expand_bench: %s\n", message.c_str());
  std::exit(1);
}

MeetingRule nth_weekday_rule(unsigned week, date::weekday weekday, std::chrono::minutes start,
                             std::chrono::minutes duration, std::string place) {
  MeetingRule rule;
  NthWeekday day;
  day.n = week;
  day.weekday = weekday;
  rule.day = day;
  rule.start_time = start;
  rule.duration = duration;
  rule.place = std::move(place);
  return rule;
}

MeetingRule day_of_month_rule(unsigned day_of_month, std::chrono::minutes start,
                              std::string place) {
  MeetingRule rule;
  DayOfMonth day;
  day.day = day_of_month;
  rule.day = day;
  rule.start_time = start;
  rule.duration = 90min;
  rule.place = std::move(place);
  return rule;
}

// The plan's meeting rule. Most offices meet on the second Wednesday at 14:00, as Higashi does;
// the others pick days that land on holidays and closures in FY2026, so the business-day moves
// are part of the work: 2nd Monday (スポーツの日 12 October), 3rd Monday (敬老の日 21 September,
// 海の日 20 July), the 3rd (3 October is a Saturday, 3 January is closed), the 29th (29 August
// is a Saturday, 29 December to 3 January is closed) and the 5th Friday a month may lack.
MeetingRule plan_meeting_rule(Random& random, const std::string& place) {
  const std::size_t roll = random.below(100);
  if (roll < 60) return nth_weekday_rule(2, date::Wednesday, 14h, 90min, place);
  if (roll < 70) return nth_weekday_rule(2, date::Monday, 10h, 90min, place);
  if (roll < 80) return nth_weekday_rule(3, date::Monday, 15h, 60min, place);
  if (roll < 88) return day_of_month_rule(3, 10h, place);
  if (roll < 94) return day_of_month_rule(29, 13h + 30min, place);
  return nth_weekday_rule(5, date::Friday, 15h, 120min, place);
}

// A schedule line: its when-expression parsed as read_plan_json would, its source text as the
// sheet writes it (title, then the schedule).
Task make_task(std::string id, std::string_view title, std::string_view period,
               std::string_view when_text, TaskKind kind) {
  Task task;
  task.id = std::move(id);
  task.title = title;
  task.source_text = std::string{title} + std::string{when_text};
  task.period = period;
  task.when_text = when_text;
  if (!when_text.empty()) {
    auto parsed = parse_when(when_text);
    if (!parsed) fail("task " + task.id + ": " + parsed.error().message);
    task.when = std::move(parsed.value());
  }
  task.kind = kind;
  return task;
}

Plan make_plan_header(long municipality, long index, Random& random) {
  Plan plan;
  const Initiative& initiative =
      kInitiatives[static_cast<std::size_t>(index) % kInitiatives.size()];
  plan.id = "m" + std::to_string(10000 + municipality).substr(1) + "-" +
            std::string{initiative.slug} + "-" + two_digits(index);
  plan.organisation.name =
      std::string{kCities[static_cast<std::size_t>(municipality) % kCities.size()]} +
      std::string{random.pick(kOffices)};
  plan.organisation.unit = random.pick(kUnits);
  plan.initiative = initiative.title;
  plan.issues = {std::string{kIssue}, std::string{kIssue.substr(0, 90)},
                 std::string{kIssue.substr(30)}};
  for (std::size_t i = 0; i < kMeasureIds.size(); ++i) {
    Measure measure;
    measure.id = kMeasureIds[i];
    measure.title = kMeasureTitles[i];
    measure.description = kMeasureDescription;
    plan.measures.push_back(std::move(measure));
  }
  Kpi kpi;
  kpi.id = "kpi-1";
  kpi.name = "自殺死亡率";
  kpi.unit = "人口10万人当たり自殺者数";
  // Members are set one by one, never by position, so fields the plan gains later stay valid.
  kpi.baseline.emplace();
  kpi.baseline->year = 2019;
  kpi.baseline->value = 14.9;
  kpi.target.emplace();
  kpi.target->year = 2025;
  kpi.target->value = 14.2;
  plan.kpis.push_back(std::move(kpi));
  plan.city_plan.emplace();
  plan.city_plan->name = "2025 基本計画";
  plan.city_plan->policy = "暮らしを支えるセーフティネットの構築";
  SdgGoal goal;
  goal.number = 1;
  goal.name = "貧困をなくそう";
  plan.sdg_goals.push_back(std::move(goal));
  plan.fiscal_year = static_cast<int>(kFiscalYear);
  return plan;
}

// Some sheets are typed with half-width brackets and commas; the parser folds them.
enum class Brackets { full_width, half_width };

// What the lines of one sheet share while it is written: the random source, the way its
// brackets are typed, and the place its meetings are held.
struct SheetWriter {
  Random& random;
  Brackets brackets;
  std::string place;

  std::string_view written(std::string_view full_width, std::string_view half_width) const {
    return brackets == Brackets::half_width ? half_width : full_width;
  }
  std::string owner() const { return std::string{random.pick(kOwners)}; }
};

std::string measure_id(std::size_t index) { return std::string{kMeasureIds[index]}; }

// The meeting series, one row per period.
void add_meeting_series(std::vector<Task>& tasks, const SheetWriter& sheet) {
  const std::string_view meeting = sheet.random.pick(kSeriesMeetings);
  const std::string meeting_owner = sheet.owner();
  const std::array<std::pair<std::string_view, std::string_view>, 3> rows = {{
      {"前期", sheet.written("（4、6月）", "(4,6月)")},
      {"中期", sheet.written("（8、10月）", "(8,10月)")},
      {"後期", sheet.written("（12、2月）", "(12,2月)")},
  }};
  const std::array<std::string_view, 3> row_ids = {"meeting-zenki", "meeting-chuki",
                                                   "meeting-koki"};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Task task = make_task(std::string{row_ids[i]}, meeting, rows[i].first, rows[i].second,
                          TaskKind::meeting);
    task.series = "meeting";
    task.owner = meeting_owner;
    task.measure = measure_id(0);
    tasks.push_back(std::move(task));
  }
}

// The term-long spans and deadlines every sheet has, and the year-end review.
void add_term_work(std::vector<Task>& tasks, const SheetWriter& sheet) {
  Random& random = sheet.random;
  Task year_long = make_task("year-long", random.pick(kYearLongWork), "前期",
                             sheet.written("（4～3月）", "(4~3月)"), TaskKind::campaign);
  year_long.owner = sheet.owner();
  year_long.measure = measure_id(1);
  tasks.push_back(std::move(year_long));

  Task from_april =
      make_task("from-april", random.pick(kFromAprilWork), "前期", "（4月～）", TaskKind::campaign);
  from_april.owner = sheet.owner();
  from_april.measure = measure_id(2);
  tasks.push_back(std::move(from_april));

  Task awareness = make_task("awareness", random.pick(kAwareness), "前期",
                             sheet.written("（4～3月）", "(4~3月)"), TaskKind::campaign);
  awareness.owner = sheet.owner();
  awareness.measure = measure_id(2);
  tasks.push_back(std::move(awareness));

  Task setup = make_task("setup", random.pick(kEarlyDeliverables), "前期",
                         sheet.written("（～6月）", "(~6月)"), TaskKind::deliverable);
  setup.owner = sheet.owner();
  setup.measure = measure_id(2);
  tasks.push_back(std::move(setup));

  Task until_march = make_task("until-march", random.pick(kUntilMarchWork), "前期", "（～3月）",
                               TaskKind::campaign);
  until_march.owner = sheet.owner();
  until_march.measure = measure_id(2);
  tasks.push_back(std::move(until_march));

  Task later = make_task("from-august", random.pick(kLaterWork), "中期",
                         sheet.written("（8～3月）", "(8~3月)"), TaskKind::campaign);
  later.owner = sheet.owner();
  later.measure = measure_id(2);
  tasks.push_back(std::move(later));

  Task review =
      make_task("review", random.pick(kYearEndReviews), "後期", "（～3月）", TaskKind::deliverable);
  review.owner = "企画総務課";
  tasks.push_back(std::move(review));
}

// The line that varies most between offices.
void add_office_line(std::vector<Task>& tasks, const SheetWriter& sheet) {
  const std::size_t variant = sheet.random.below(100);
  if (variant < 25) {
    // A monthly liaison meeting with its own rule: the first Monday meets 4 May (みどりの日) and
    // moves to 7 May past こどもの日 and the 振替休日.
    Task monthly = make_task("liaison", "地域福祉推進のための関係機関連絡会の開催", "", "毎月",
                             TaskKind::meeting);
    monthly.meeting_rule = nth_weekday_rule(1, date::Monday, 10h, 60min, sheet.place);
    monthly.owner = sheet.owner();
    monthly.measure = measure_id(0);
    tasks.push_back(std::move(monthly));
  } else if (variant < 40) {
    Task bimonthly =
        make_task("case-review", "支援困難ケースの検討会の開催", "", "隔月", TaskKind::meeting);
    bimonthly.owner = sheet.owner();
    bimonthly.measure = measure_id(0);
    tasks.push_back(std::move(bimonthly));
  } else if (variant < 50) {
    Task consultation = make_task("consultation-day", "定例相談日の実施（予約制）", "",
                                  "毎月第2水曜日", TaskKind::campaign);
    consultation.owner = sheet.owner();
    tasks.push_back(std::move(consultation));
  } else if (variant < 65) {
    Task as_needed = make_task("case-support", "個別ケースに応じた関係機関との連携支援", "",
                               sheet.written("（随時）", "(隨時)"), TaskKind::as_needed);
    as_needed.owner = sheet.owner();
    tasks.push_back(std::move(as_needed));
  } else if (variant < 75) {
    tasks.push_back(
        make_task("staff-training", "職員向け研修の実施", "", "年2回", TaskKind::campaign));
  } else if (variant < 85) {
    tasks.push_back(make_task("outreach", "アウトリーチによる潜在的な支援ニーズの把握", "", "通年",
                              TaskKind::campaign));
  } else if (variant < 95) {
    tasks.push_back(make_task("action-plan", "今年度の実施計画の策定と庁内周知", "前期", "6月上旬",
                              TaskKind::deliverable));
  } else {
    tasks.push_back(make_task("quarterly-report", "進捗状況の取りまとめと本庁への報告", "",
                              "四半期ごと", TaskKind::deliverable));
  }
}

// A second line that varies, less often owned by anyone.
void add_second_office_line(std::vector<Task>& tasks, Random& random) {
  const std::size_t second_variant = random.below(100);
  if (second_variant < 40) {
    tasks.push_back(make_task("inquiries", "区民からの相談への随時対応と関係課への引継ぎ", "",
                              "（随時）", TaskKind::as_needed));
  } else if (second_variant < 60) {
    tasks.push_back(make_task("annual-report", "事業報告書の作成と区民への公表", "後期", "年度末",
                              TaskKind::deliverable));
  } else if (second_variant < 80) {
    tasks.push_back(make_task("interim-review", "上半期の取組状況の中間評価", "中期", "（～9月）",
                              TaskKind::deliverable));
  } else {
    tasks.push_back(make_task("winter-campaign", "年末年始の見守り強化キャンペーンの実施", "中期",
                              "（10～12月）", TaskKind::campaign));
  }
}

// The backlog: 次年度以降 lines are never dated. They fill the plan up to kTasksPerPlan.
void add_next_year_backlog(std::vector<Task>& tasks, Random& random) {
  const std::size_t first_backlog = random.below(kNextYear.size());
  for (std::size_t i = 0; static_cast<long>(tasks.size()) < kTasksPerPlan; ++i) {
    Task next = make_task("next-" + std::to_string(i + 1),
                          kNextYear[(first_backlog + i) % kNextYear.size()], kNextYearPeriod, "",
                          TaskKind::next_year);
    next.measure = measure_id(i % kMeasureIds.size());
    tasks.push_back(std::move(next));
  }
}

// One sheet shaped like Higashi's: a bimonthly meeting series written in three rows, term-long
// spans, deadlines, one or two lines that vary between offices (毎月, 隔月, 第2水曜日, 随時,
// 年2回, 通年, 上旬, 四半期ごと, 年度末, ...), and the 次年度以降 backlog. The steps run in this
// order because each draws from `random`: reordering them would change the workload.
Plan make_mixed_plan(long municipality, long index, Random& random) {
  Plan plan = make_plan_header(municipality, index, random);
  std::string place =
      plan.organisation.name + " " + std::to_string(2 + random.below(6)) + "階 会議室";
  plan.meeting_rule = plan_meeting_rule(random, place);
  const Brackets brackets = random.percent(20) ? Brackets::half_width : Brackets::full_width;
  const SheetWriter sheet{.random = random, .brackets = brackets, .place = std::move(place)};
  add_meeting_series(plan.tasks, sheet);
  add_term_work(plan.tasks, sheet);
  add_office_line(plan.tasks, sheet);
  add_second_office_line(plan.tasks, random);
  add_next_year_backlog(plan.tasks, random);
  return plan;
}

// The like-for-like workload: every task is a single-row bimonthly meeting at 14:00 on the
// second Wednesday, April to February — six occurrences, the same dates libical's
// FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE;COUNT=6 from 2026-04-08T140000 gives.
Plan make_bimonthly_plan(long municipality, long index, Random& random) {
  Plan plan = make_plan_header(municipality, index, random);
  plan.meeting_rule =
      nth_weekday_rule(2, date::Wednesday, 14h, 90min, plan.organisation.name + " 会議室");
  for (long i = 0; i < kTasksPerPlan; ++i) {
    const std::string_view when_text = i % 2 == 0 ? "隔月" : "（4、6、8、10、12、2月）";
    Task task = make_task("meeting-" + two_digits(i + 1),
                          kSeriesMeetings[static_cast<std::size_t>(i) % kSeriesMeetings.size()], "",
                          when_text, TaskKind::meeting);
    task.owner = kOwners[static_cast<std::size_t>(i) % kOwners.size()];
    plan.tasks.push_back(std::move(task));
  }
  return plan;
}

enum class Workload { mixed, only_bimonthly };

std::vector<Plan> build_plans(Workload workload, long municipalities) {
  Random random{kSeed};
  std::vector<Plan> plans;
  plans.reserve(static_cast<std::size_t>(municipalities * kPlansPerMunicipality));
  for (long municipality = 0; municipality < municipalities; ++municipality)
    for (long index = 0; index < kPlansPerMunicipality; ++index)
      plans.push_back(workload == Workload::mixed
                          ? make_mixed_plan(municipality, index, random)
                          : make_bimonthly_plan(municipality, index, random));
  return plans;
}

// expand_plan trusts its plan to be valid, so check that the synthetic ones are: a sample goes
// through plan_to_json and back through read_plan_document, which must accept it unchanged.
std::size_t validate_sample(const std::vector<Plan>& plans) {
  std::size_t checked = 0;
  for (std::size_t i = 0; i < plans.size(); i += (i < 40 ? 1 : 97)) {
    auto read = read_plan_document(plan_to_json(plans[i]));
    if (!read) fail("plan " + plans[i].id + " is not valid: " + read.error().front().to_string());
    if (!(read.value() == plans[i]))
      fail("plan " + plans[i].id + " does not survive a JSON round trip");
    ++checked;
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

struct Counts {
  std::uint64_t occurrences = 0;
  std::uint64_t series = 0;
  std::uint64_t undated = 0;
  std::uint64_t scheduled = 0;    // meetings with a start time
  std::uint64_t provisional = 0;  // scheduled in a month whose equinox is not yet published
  bool operator==(const Counts&) const = default;

  void add(const Expansion& expansion) {
    occurrences += expansion.occurrences.size();
    series += expansion.series.size();
    undated += expansion.undated.size();
    for (const Occurrence& occurrence : expansion.occurrences) {
      scheduled += occurrence.scheduled_start.has_value();
      provisional += occurrence.provisional;
    }
  }
};

// The day a meeting rule names in a month, before any move off a closed day.
date::sys_days nominal_day(date::year_month month, const MeetingDay& day) {
  if (const auto* nth = std::get_if<NthWeekday>(&day)) {
    const date::year_month_weekday wanted{month.year(), month.month(), nth->weekday[nth->n]};
    if (wanted.ok()) return date::sys_days{wanted};
    return date::sys_days{date::year_month_weekday_last{month.year(), month.month(),
                                                        date::weekday_last{nth->weekday}}};
  }
  const unsigned last = static_cast<unsigned>(date::year_month_day{month / date::last}.day());
  return date::sys_days{month / date::day{std::min(std::get<DayOfMonth>(day).day, last)}};
}

// Meetings held on another day than their rule names: moved off a weekend, holiday or closure.
std::uint64_t count_moved_meetings(const Plan& plan, const Expansion& expansion) {
  std::uint64_t moved = 0;
  for (const Occurrence& occurrence : expansion.occurrences) {
    if (!occurrence.scheduled_start) continue;
    const MeetingRule* rule = plan.meeting_rule_for(*occurrence.task);
    if (rule == nullptr) continue;
    const MeetingDay day = written_meeting_day(*occurrence.task).value_or(rule->day);
    const date::year_month_day start{occurrence.start};
    const date::sys_days held =
        date::floor<date::days>(*occurrence.scheduled_start + 9h);  // Asia/Tokyo
    if (held != nominal_day(start.year() / start.month(), day)) ++moved;
  }
  return moved;
}

struct Pass {
  std::vector<Seconds> runs;
  Counts counts;
  std::uint64_t moved = 0;
  Memory peak_before;
  Memory peak_after;
  Memory resident_before;  // the first run's
  Memory resident_after;   // the first run's, before its results are freed

  Seconds best() const { return *std::min_element(runs.begin(), runs.end()); }
};

Expansion expand_or_fail(const Plan& plan) {
  auto expansion = expand_plan(plan, kFiscalYear);
  if (!expansion) fail("plan " + plan.id + ": " + expansion.error().message);
  return std::move(expansion).value();
}

// Every Expansion is dropped as soon as it has been counted: the streaming case, a feed
// rendered per plan. Dropping is inside the timing; it is part of that work.
Pass run_dropping(const std::vector<Plan>& plans, long repeat) {
  Pass pass;
  pass.peak_before = peak_resident_memory();
  for (long run = 0; run < repeat; ++run) {
    Counts counts;
    if (run == 0) pass.resident_before = current_resident_memory();
    const Stopwatch stopwatch;
    for (const Plan& plan : plans) counts.add(expand_or_fail(plan));
    pass.runs.push_back(stopwatch.elapsed());
    if (run == 0) pass.resident_after = current_resident_memory();
    if (run > 0 && !(counts == pass.counts)) fail("runs disagree on what they expanded");
    pass.counts = counts;
  }
  pass.peak_after = peak_resident_memory();
  return pass;
}

// Every Expansion stays alive until the whole workload is expanded: the in-memory schedule
// of the whole country. Counting and freeing happen outside the timing.
Pass run_keeping(const std::vector<Plan>& plans, long repeat) {
  Pass pass;
  pass.peak_before = peak_resident_memory();
  for (long run = 0; run < repeat; ++run) {
    std::vector<Expansion> kept;
    kept.reserve(plans.size());
    if (run == 0) pass.resident_before = current_resident_memory();
    const Stopwatch stopwatch;
    for (const Plan& plan : plans) kept.push_back(expand_or_fail(plan));
    pass.runs.push_back(stopwatch.elapsed());
    if (run == 0) pass.resident_after = current_resident_memory();
    Counts counts;
    std::uint64_t moved = 0;
    for (std::size_t i = 0; i < plans.size(); ++i) {
      counts.add(kept[i]);
      moved += count_moved_meetings(plans[i], kept[i]);
    }
    if (run > 0 && !(counts == pass.counts)) fail("runs disagree on what they expanded");
    pass.counts = counts;
    pass.moved = moved;
  }
  pass.peak_after = peak_resident_memory();
  return pass;
}

void print_pass(const char* title, const Pass& pass, std::uint64_t tasks) {
  const double seconds = pass.best().count();
  std::printf("\n%s\n", title);
  std::printf("  occurrences          %s\n", group_digits(pass.counts.occurrences).c_str());
  std::printf("  expansion            %.3f s (best of %zu:", seconds, pass.runs.size());
  for (const Seconds run : pass.runs) std::printf(" %.3f", run.count());
  std::printf(")\n");
  std::printf(
      "  first run            %.3f s (pays the page faults for any memory the pass grows into)\n",
      pass.runs.front().count());
  std::printf("  occurrences/second   %s\n",
              group_digits(static_cast<double>(pass.counts.occurrences) / seconds).c_str());
  std::printf("  tasks/second         %s\n",
              group_digits(static_cast<double>(tasks) / seconds).c_str());
  std::printf("  peak RSS             %.1f MiB (ru_maxrss after the pass)\n",
              pass.peak_after.mebibytes());
  std::printf("  peak RSS growth      %.1f MiB (ru_maxrss during the pass)\n",
              Memory{pass.peak_after.bytes - pass.peak_before.bytes}.mebibytes());
  std::printf(
      "  RSS growth           %.1f MiB (resident after the first run's expansion minus before)\n",
      Memory{pass.resident_after.bytes - pass.resident_before.bytes}.mebibytes());
}

struct Options {
  long municipalities = kMunicipalities;
  long repeat = 3;
  Workload workload = Workload::mixed;
};

std::optional<Options> read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument{argv[i]};
    if (argument == "--municipalities") {
      const auto value = read_count_option(argc, argv, i, 1);
      if (!value) return std::nullopt;
      options.municipalities = *value;
    } else if (argument == "--repeat") {
      const auto value = read_count_option(argc, argv, i, 1);
      if (!value) return std::nullopt;
      options.repeat = *value;
    } else if (argument == "--only-bimonthly") {
      options.workload = Workload::only_bimonthly;
    } else {
      std::fprintf(
          stderr,
          "usage: expand_bench [--municipalities N] [--repeat N] [--only-bimonthly]\n"
          "  --municipalities N  municipalities of 20 plans of 15 tasks (default 1741)\n"
          "  --repeat N          time the best of N runs of each pass (default 3)\n"
          "  --only-bimonthly    every task a bimonthly meeting, to compare with libical\n");
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = read_options(argc, argv);
  if (!options) return 2;
  const bool mixed = options->workload == Workload::mixed;

  const Memory resident_at_start = current_resident_memory();
  const Stopwatch build_stopwatch;
  const std::vector<Plan> plans = build_plans(options->workload, options->municipalities);
  const Seconds build_time = build_stopwatch.elapsed();
  const Memory resident_with_plans = current_resident_memory();
  std::uint64_t tasks = 0;
  for (const Plan& plan : plans) tasks += plan.tasks.size();
  const std::size_t validated = validate_sample(plans);

  // The first expansion opens the time-zone database; that is paid once per process.
  const Stopwatch warm_up_stopwatch;
  const Expansion warm_up = expand_or_fail(plans.front());
  const Seconds warm_up_time = warm_up_stopwatch.elapsed();

  std::printf(
      "expand_bench: FY%d, one thread, %s workload\n", static_cast<int>(kFiscalYear),
      mixed ? "mixed (Higashi-like sheets)" : "only-bimonthly (one bimonthly meeting per task)");
  std::printf("  municipalities       %ld\n", options->municipalities);
  std::printf("  plans                %s\n",
              group_digits(static_cast<std::uint64_t>(plans.size())).c_str());
  std::printf("  tasks                %s\n", group_digits(tasks).c_str());
  std::printf(
      "  plan building        %.3f s (in memory, when-expressions parsed; not timed below)\n",
      build_time.count());
  std::printf("  plans' RSS           %.1f MiB\n",
              Memory{resident_with_plans.bytes - resident_at_start.bytes}.mebibytes());
  std::printf("  validated            %zu plans (plan_to_json, read_plan_document, equal)\n",
              validated);
  std::printf("  first expansion      %.3f ms (opens the time-zone database, once per process)\n",
              warm_up_time.count() * 1000);

  // Dropping first: ru_maxrss only grows, so the pass that holds less must come first for its
  // peak to be seen.
  const Pass dropping = run_dropping(plans, options->repeat);
  const Pass keeping = run_keeping(plans, options->repeat);
  if (!(dropping.counts == keeping.counts)) fail("the two passes disagree on what they expanded");

  const Counts& counts = keeping.counts;
  std::printf("  occurrences          %s\n", group_digits(counts.occurrences).c_str());
  std::printf("  series (2 or more)   %s\n", group_digits(counts.series).c_str());
  std::printf("  undated tasks        %s (随時, 次年度以降)\n",
              group_digits(counts.undated).c_str());
  std::printf("  scheduled meetings   %s, %s moved off a closed day, %s provisional\n",
              group_digits(counts.scheduled).c_str(), group_digits(keeping.moved).c_str(),
              group_digits(counts.provisional).c_str());
  print_pass("pass 1: each Expansion dropped after counting", dropping, tasks);
  print_pass("pass 2: every Expansion kept alive", keeping, tasks);

  if (mixed && options->municipalities == kMunicipalities) {
    const double worst = std::max(dropping.best().count(), keeping.best().count());
    std::printf("\ntarget: whole workload under 1 s on one core: %s (%.3f s)\n",
                worst < 1.0 ? "met" : "NOT met", worst);
  }
  return 0;
}
