#include "engine/sheet/sheet_import.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/plan/plan_json.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/sheet/plan_source.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_ids.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"
#include "tests/engine/meaning_string_maker.hpp"

namespace torikumi {
namespace {

std::string read_sheet(const std::string& name) {
  std::ifstream file(std::string(TORIKUMI_TEST_DATA_DIR) + "/sheets/" + name, std::ios::binary);
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

SheetImport import_file(const std::string& name, std::optional<int> fiscal_year = std::nullopt) {
  SheetImportOptions options;
  options.fiscal_year = fiscal_year;
  options.name = name;
  auto imported = import_sheet(read_sheet(name), options);
  REQUIRE_MESSAGE(imported.ok(), imported.error().message);
  return std::move(*imported);
}

std::vector<std::string> messages(const std::vector<SheetWarning>& warnings) {
  std::vector<std::string> out;
  for (const SheetWarning& warning : warnings) out.push_back(warning.to_string());
  return out;
}

const Task& task_titled(const Plan& plan, std::string_view period, std::string_view title) {
  for (const Task& task : plan.tasks)
    if (task.period == period && task.title == title) return task;
  FAIL("no task \"" << title << "\" in " << period);
  return plan.tasks.front();
}

// Each warning's line and meaning.
std::vector<std::pair<std::size_t, Meaning>> meanings(const std::vector<SheetWarning>& warnings) {
  std::vector<std::pair<std::size_t, Meaning>> out;
  for (const SheetWarning& warning : warnings)
    out.emplace_back(warning.line, warning.diagnostic.meaning);
  return out;
}

std::vector<unsigned> month_numbers(const std::vector<date::month>& months) {
  std::vector<unsigned> out;
  for (const date::month month : months) out.push_back(static_cast<unsigned>(month));
  return out;
}

TEST_CASE("the seed sheet imports without warnings") {
  const SheetImport imported = import_file("higashi.txt", 2026);
  CHECK(messages(imported.warnings).empty());
  const Plan& plan = imported.plan;
  CHECK(plan.organisation.name == "東区役所");
  CHECK(plan.organisation.unit == "東保健福祉総合センター");
  CHECK(plan.initiative == "地域共生社会の実現に向けた取組の推進");
  CHECK(plan.fiscal_year == 2026);
  CHECK(plan.id == "higashi-chiiki-kyosei-shakai");
  CHECK(legacy_plan_id(plan) == "plan-2853493a");
}

TEST_CASE("the seed sheet gives three issues and three measures with their explanations") {
  const Plan plan = import_file("higashi.txt").plan;
  REQUIRE(plan.issues.size() == 3);
  CHECK(plan.issues[0].starts_with("人口減少や高齢化、核家族化"));
  CHECK(plan.issues[1] ==
        "支援を必要とする区民に対し、適切な支援を行うためには、分野横断的、包括的な相談支援体制を構"
        "築・運営することが重要である。");
  CHECK(plan.issues[2].ends_with("早期発見・早期支援を図る必要がある。"));
  REQUIRE(plan.measures.size() == 3);
  CHECK(plan.measures[0].title == "重層的支援体制整備事業の推進");
  CHECK(plan.measures[0].description ==
        "複雑化・複合化した課題を抱える区民に対し、行政と支援機関が連携して支援の目標や方向性を整理"
        "のうえ、適切な支援につなげる。");
  CHECK(plan.measures[1].title ==
        "こども家庭センターによる「母子保健」と「児童福祉」の一体的な支援");
  CHECK(plan.measures[2].title == "学校との連携強化による効果的なアプローチの実施");
  CHECK(plan.measures[2].description.ends_with("子育て家庭への早期支援につなげる。"));
  CHECK(plan.measures[0].id == "jusoteki-shien-taisei-seibi");
}

struct ExpectedTask {
  std::string period;
  std::string title;
  std::string when_text;
  TaskKind kind;
};

TEST_CASE("the seed schedule gives eleven tasks and four next-year items as written") {
  const Plan plan = import_file("higashi.txt").plan;
  const std::vector<ExpectedTask> expected = {
      {"前期", "多機関協働担当を中心とした会議の開催", "（4、6月）", TaskKind::meeting},
      {"前期", "こども家庭センターにおけるサポートプランの調整や助言等の実施", "（4～3月）",
       TaskKind::campaign},
      {"前期", "区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施",
       "（4月～）", TaskKind::campaign},
      {"前期", "区内小中学校への区役所内相談窓口等の周知", "（4～3月）", TaskKind::campaign},
      {"前期",
       "区内小中学校からの相談事案について、区役所組織間で共有、支援の検討を行う場（プラットフォー"
       "ム）の整備",
       "（～6月）", TaskKind::deliverable},
      {"前期", "区役所プラットフォームでの共有、支援の検討・実施", "（～3月）",
       TaskKind::deliverable},
      {"中期", "多機関協働担当を中心とした会議の開催", "（8、10月）", TaskKind::meeting},
      {"中期", "地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有",
       "（8～3月）", TaskKind::campaign},
      {"後期", "多機関協働担当を中心とした会議の開催", "（12、2月）", TaskKind::meeting},
      {"後期", "不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）", "（～3月）",
       TaskKind::deliverable},
      {"後期", "今年度の検証と次年度に向けた取組の検討", "（～3月）", TaskKind::deliverable},
      {"次年度以降", "多機関協働をより効果的に推進するため、課題の共有と取組の実施", "",
       TaskKind::next_year},
      {"次年度以降", "今年度（運営初年度）の検証を踏まえた、こども家庭センターの運営強化", "",
       TaskKind::next_year},
      {"次年度以降", "区内小中学校とのさらなる連携強化や協働による課題解決のための取組", "",
       TaskKind::next_year},
      {"次年度以降", "不登校支援の継続実施", "", TaskKind::next_year},
  };
  REQUIRE(plan.tasks.size() == expected.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Task& task = plan.tasks[i];
    CAPTURE(task.title);
    CHECK(task.period == expected[i].period);
    CHECK(task.title == expected[i].title);
    CHECK(task.when_text == expected[i].when_text);
    CHECK(task.when.has_value() == !expected[i].when_text.empty());
    CHECK(task.kind == expected[i].kind);
    CHECK(task.source_text == expected[i].title + expected[i].when_text);
    CHECK(is_valid_id(task.id));
    CHECK(ids.insert(task.id).second);
  }
  CHECK(plan.tasks[1].id == "kodomo-katei-senta-sapoto");
  CHECK(plan.tasks[11].id == "takikankyo-kokateki-suishin");
}

TEST_CASE("the seed meetings form one series of three rows") {
  const Plan plan = import_file("higashi.txt").plan;
  const std::string series = "takikankyo-tanto-chushin";
  CHECK(task_titled(plan, "前期", "多機関協働担当を中心とした会議の開催").id == series + "-1");
  CHECK(task_titled(plan, "中期", "多機関協働担当を中心とした会議の開催").id == series + "-2");
  CHECK(task_titled(plan, "後期", "多機関協働担当を中心とした会議の開催").id == series + "-3");
  std::size_t rows = 0;
  for (const Task& task : plan.tasks) rows += task.series == series ? 1 : 0;
  CHECK(rows == 3);
}

TEST_CASE("ids do not depend on the order of the rows") {
  std::string text = read_sheet("higashi.txt");
  const std::string first =
      "<input type=\"checkbox\"/> 多機関協働担当を中心とした会議の開催（4、6月） ";
  const std::string second =
      "<input type=\"checkbox\"/> "
      "こども家庭センターにおけるサポートプランの調整や助言等の実施（4～3月） ";
  const std::size_t at = text.find(first + second);
  REQUIRE(at != std::string::npos);
  text.replace(at, first.size() + second.size(), second + first);
  auto moved = import_sheet(text, SheetImportOptions{});
  REQUIRE(moved.ok());
  const Plan original = import_file("higashi.txt").plan;
  CHECK(moved->plan.tasks[0].id == original.tasks[1].id);
  CHECK(moved->plan.tasks[1].id == original.tasks[0].id);
}

struct ExpectedProgress {
  std::string period;
  std::string text_start;
  std::string task_period;
  std::string task_title_start;
  std::vector<unsigned> months;
};

TEST_CASE("the seed progress lines match the tasks they report on") {
  const Plan plan = import_file("higashi.txt").plan;
  const std::vector<ExpectedProgress> expected = {
      {"前期",
       "多機関協働のための会議の開催",
       "前期",
       "多機関協働担当を中心とした会議の開催",
       {4, 6}},
      {"前期",
       "こども家庭センターにおけるサポートプラン作成",
       "前期",
       "こども家庭センターにおけるサポートプランの調整",
       {}},
      {"前期", "区内小中学校及び関係中学校の訪問", "前期", "区内小中学校の訪問による", {}},
      {"前期", "区内小中学校及び保護者", "前期", "区内小中学校への区役所内相談窓口等の周知", {}},
      {"前期", "支援が必要な子どもの情報を", "前期", "区役所プラットフォームでの共有", {}},
      {"前期", "地域資源（子どもの居場所や子ども食堂、地域活動等）", "中期", "地域資源", {}},
      {"中期",
       "多機関協働のための会議の開催",
       "中期",
       "多機関協働担当を中心とした会議の開催",
       {8, 10}},
      {"中期",
       "こども家庭センターにおけるサポートプラン作成",
       "前期",
       "こども家庭センターにおけるサポートプランの調整",
       {}},
      {"中期",
       "区内小中学校を訪問、連携して個別支援を実施",
       "前期",
       "区内小中学校の訪問による",
       {}},
      {"中期", "区内小中学校との地域資源等の情報共有", "中期", "地域資源", {}},
      {"中期", "支援が必要な子どもの情報を", "前期", "区役所プラットフォームでの共有", {}},
  };
  REQUIRE(plan.progress.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const ProgressLine& line = plan.progress[i];
    CAPTURE(line.source_text);
    CHECK(line.period == expected[i].period);
    CHECK(line.text.starts_with(expected[i].text_start));
    CHECK(month_numbers(line.months) == expected[i].months);
    const Task* task = plan.find_task(line.task);
    REQUIRE(task != nullptr);
    CHECK(task->period == expected[i].task_period);
    CHECK(task->title.starts_with(expected[i].task_title_start));
    CHECK(line.score >= kProgressMatchThreshold);
    CHECK(line.score <= 1);
  }
  CHECK(plan.progress[0].source_text ==
        "多機関協働のための会議の開催（4、6月）、個別支援の実施（隨時）");
  CHECK(plan.progress[0].text == "多機関協働のための会議の開催、個別支援の実施");
  CHECK(plan.progress[0].task == "takikankyo-tanto-chushin-1");
  CHECK(plan.progress[6].task == "takikankyo-tanto-chushin-2");
}

TEST_CASE("the seed KPI city plan and SDG goal are read") {
  const Plan plan = import_file("higashi.txt").plan;
  REQUIRE(plan.kpis.size() == 1);
  const Kpi& kpi = plan.kpis[0];
  CHECK(kpi.id == "jisatsu-shiboritsu");
  CHECK(kpi.name == "自殺死亡率");
  CHECK(kpi.unit == "人口10万人当たり自殺者数");
  CHECK(kpi.baseline == KpiFigure{2019, 14.9});
  CHECK(kpi.target == KpiFigure{2025, 14.2});
  REQUIRE(plan.city_plan.has_value());
  CHECK(plan.city_plan->name == "2025 堺市基本計画");
  CHECK(plan.city_plan->policy == "暮らしを支えるセーフティネットの構築");
  CHECK(plan.sdg_goals == std::vector<SdgGoal>{{1, "貧困をなくそう"}});
}

TEST_CASE("a sheet with CRLF line ends and a byte order mark reads like one with LF") {
  const std::string text = read_sheet("higashi.txt");
  std::string crlf = "\xEF\xBB\xBF";
  for (const char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto from_lf = import_sheet(text, SheetImportOptions{});
  auto from_crlf = import_sheet(crlf, SheetImportOptions{});
  REQUIRE(from_lf.ok());
  REQUIRE(from_crlf.ok());
  CHECK(from_crlf->plan == from_lf->plan);
  CHECK(from_crlf->warnings.empty());
}

TEST_CASE("every imported sheet survives the plan JSON round trip") {
  for (const char* name : {"higashi.txt", "kita.txt", "minami.txt", "nishi.txt"}) {
    CAPTURE(name);
    const Plan plan = import_file(name, 2026).plan;
    auto read_back = read_plan_document(plan_to_json(plan));
    REQUIRE_MESSAGE(read_back.ok(), read_back.error().front().to_string());
    CHECK(*read_back == plan);
  }
}

TEST_CASE("the kita sheet reads CRLF ASCII brackets wave dashes 隨時 and an empty period") {
  const SheetImport imported = import_file("kita.txt");
  CHECK(messages(imported.warnings) ==
        std::vector<std::string>{
            "kita.txt:10: schedule \"（4月予定）\" not understood: unrecognised schedule \"予定\" "
            "at character 4 in \"（4月予定）\"",
            "kita.txt:14: unrecognised row \"メモ | 担当者は後日記入\"",
        });
  const Plan& plan = imported.plan;
  CHECK(plan.fiscal_year == 2026);  // 令和8年度 in the title
  CHECK(plan.organisation.unit == "北保健福祉総合センター");
  CHECK(plan.issues == std::vector<std::string>{"独居高齢者が増えている。",
                                                "地域の見守りの担い手が不足している。"});
  const Task& meeting = task_titled(plan, "前期", "見守りネットワーク連絡会の開催");
  CHECK(meeting.when_text == "(4,6月)");
  CHECK(meeting.kind == TaskKind::meeting);
  CHECK(meeting.series == task_titled(plan, "後期", "見守りネットワーク連絡会の開催").series);
  CHECK(meeting.id == meeting.series + "-1");
  CHECK(task_titled(plan, "後期", "見守りネットワーク連絡会の開催").id == meeting.series + "-3");
  WhenExpression may_to_july;
  may_to_july.rule = when::Span{date::May, date::July};
  CHECK(task_titled(plan, "前期", "見守り協力事業者の募集").when == may_to_july);
  const Task& visits = task_titled(plan, "前期", "個別訪問の実施");
  CHECK(visits.when_text == "（隨時）");
  CHECK(visits.kind == TaskKind::as_needed);
  const Task& exchange = task_titled(plan, "前期", "地域包括支援センターとの情報交換");
  REQUIRE(exchange.when.has_value());
  CHECK(exchange.when->day == NthWeekday{2, date::Wednesday});
  CHECK(task_titled(plan, "前期", "広報誌への掲載（4月予定）").when_text.empty());
  CHECK(task_titled(plan, "後期", "事業の振り返り").kind == TaskKind::deliverable);
  for (const Task& task : plan.tasks) CHECK(task.period != "中期");
  REQUIRE(plan.progress.size() == 3);
  CHECK(plan.progress[0].task == meeting.id);
  CHECK(month_numbers(plan.progress[0].months) == std::vector<unsigned>{4, 6});
  CHECK(plan.progress[1].task == task_titled(plan, "前期", "見守り協力事業者の募集").id);
  CHECK(plan.progress[2].text == "庁舎の空調設備を更新");
  CHECK(plan.progress[2].task.empty());
  CHECK(plan.progress[2].score == 0);
  CHECK(plan.kpis.empty());
  REQUIRE(plan.city_plan.has_value());
  CHECK(plan.city_plan->policy == "安心して暮らせる地域づくり");
  CHECK(plan.sdg_goals ==
        std::vector<SdgGoal>{{3, "すべての人に健康と福祉を"}, {11, "住み続けられるまちづくりを"}});
}

TEST_CASE("the minami sheet reads the idioms of other sheets and reports what it cannot place") {
  const SheetImport imported = import_file("minami.txt");
  CHECK(messages(imported.warnings) ==
        std::vector<std::string>{
            "minami.txt:8: schedule \"（3～4月）\" refused: \"3～4月\" crosses the end of the "
            "fiscal year (3月): write two lines, （3月） and （4月） under 次年度以降; the task is "
            "left undated",
            "minami.txt:9: \"子育てサロンの開催\" is written more than once; its id is "
            "\"kosodate-saron-kaisai-2-2\"",
            "minami.txt:10: unknown period \"夏期\" in スケジュール, expected one of 前期, 中期, "
            "後期, 次年度以降; the row is skipped",
            "minami.txt:12: progress under 次年度以降 is not kept: \"来年度に向けた検討\"",
        });
  const Plan& plan = imported.plan;
  CHECK_FALSE(plan.fiscal_year.has_value());
  CHECK(plan.organisation.unit.empty());
  CHECK(plan.issues ==
        std::vector<std::string>{"転入する子育て世帯が多い", "相談先が知られていない"});
  REQUIRE(plan.measures.size() == 2);
  CHECK(plan.measures[1].title == "情報発信の強化");
  CHECK(plan.measures[1].description == "SNSで子育て情報を届ける。");
  CHECK(std::holds_alternative<when::Every>(
      task_titled(plan, "前期", "子育てサロンの開催").when->rule));
  CHECK(task_titled(plan, "前期", "乳幼児健診後の相談会").when->rule == WhenRule{when::Every{2}});
  CHECK(task_titled(plan, "前期", "SNSによる情報発信").when->rule == WhenRule{when::Every{3}});
  CHECK(task_titled(plan, "前期", "子育てガイドの改訂").when->part == PartOfMonth::early);
  CHECK(task_titled(plan, "前期", "関係機関連絡会").when->approximate);
  CHECK(task_titled(plan, "前期", "保健師研修").when->rule == WhenRule{when::TimesPerYear{2}});
  CHECK(task_titled(plan, "前期", "定例ケース会議").kind == TaskKind::meeting);
  // Two schedules in one line are two tasks.
  const Task& meeting = task_titled(plan, "前期", "関係課会議の開催");
  CHECK(meeting.source_text == "関係課会議の開催（5月）");
  const Task& report = task_titled(plan, "前期", "報告書の作成");
  CHECK(report.source_text == "報告書の作成（～7月）");
  CHECK(report.kind == TaskKind::deliverable);
  const Task& desk = task_titled(plan, "前期", "窓口当番");
  CHECK(desk.when_text == "（毎週火曜日）");
  CHECK(desk.when->rule == WhenRule{when::Weekly{date::Tuesday, 1}});
  const Task& backwards = task_titled(plan, "前期", "年度をまたぐ準備");
  CHECK(backwards.when_text.empty());
  CHECK(backwards.source_text == "年度をまたぐ準備（3～4月）");
  CHECK(task_titled(plan, "前期", "子育てサロンの開催").id == "kosodate-saron-kaisai-1");
  CHECK(task_titled(plan, "中期", "子育てサロンの開催").id == "kosodate-saron-kaisai-2");
  REQUIRE(plan.progress.size() == 3);
  CHECK(plan.progress[0].task == "kosodate-saron-kaisai-1");
  CHECK(plan.progress[1].task == meeting.id);
  CHECK(month_numbers(plan.progress[1].months) == std::vector<unsigned>{5});
  CHECK(plan.progress[2].task.empty());
  REQUIRE(plan.kpis.size() == 1);
  CHECK(plan.kpis[0].name == "子育て支援に満足している人の割合");
  CHECK(plan.kpis[0].unit == "%");
  CHECK(plan.kpis[0].baseline == KpiFigure{2019, 45.2});
  CHECK(plan.kpis[0].target == KpiFigure{2025, 50});
  CHECK(plan.sdg_goals == std::vector<SdgGoal>{{4, "質の高い教育をみんなに"}});
}

TEST_CASE("the nishi sheet without title progress or city plan still imports with warnings") {
  const SheetImport imported = import_file("nishi.txt");
  CHECK(messages(imported.warnings) ==
        std::vector<std::string>{
            "nishi.txt:3: 取組の内容 text before the first ○ kept as a measure of its own: "
            "\"地域防災の推進\"",
            "nishi.txt:4: period \"前期（～９月）\" ends in month 9, but 前期 ends in month 7 in "
            "this plan; read as the plan's 前期",
            "nishi.txt:5: \"防災訓練の実施\" lists month 6 again (also line 4); the rows are not "
            "joined into one series",
            "nishi.txt:7: 次年度以降 item \"全世帯への備蓄品配布\" has a schedule \"（4月～）\"; "
            "次年度以降 items are not dated",
            "nishi.txt:9: unrecognised row \"寄与する KPI | 訓練参加者数\"",
        });
  const Plan& plan = imported.plan;
  CHECK(plan.organisation.name == "西区役所");
  CHECK(plan.initiative == "防災意識の向上");
  CHECK(plan.issues.empty());
  CHECK(plan.progress.empty());
  CHECK(plan.kpis.empty());
  CHECK_FALSE(plan.city_plan.has_value());
  CHECK(plan.sdg_goals.empty());
  for (const Task& task : plan.tasks) CHECK(task.series.empty());
  const std::string base = "bosai-kunren-jisshi";
  CHECK(task_titled(plan, "前期", "防災訓練の実施").id == base + "-1");
  CHECK(task_titled(plan, "中期", "防災訓練の実施").id == base + "-2");
  CHECK(task_titled(plan, "後期", "防災訓練の実施").id == base + "-3");
  const Task& next = task_titled(plan, "次年度以降", "全世帯への備蓄品配布");
  CHECK(next.when_text.empty());
  CHECK(next.kind == TaskKind::next_year);
}

TEST_CASE("schedules with no text between them and unknown idioms are reported") {
  const std::string text =
      "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> "
      "会議の開催（4月）（6月） "
      "<input type=\"checkbox\"/> 研修（4、6） <input type=\"checkbox\"/> 説明会（夏頃）\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  CHECK(messages(imported->warnings) ==
        std::vector<std::string>{
            "sheet:3: \"会議の開催\" has more than one schedule (\"（4月）\", \"（6月）\"); kept "
            "the first",
            "sheet:3: schedule \"（夏頃）\" not understood: unrecognised schedule \"夏頃\" at "
            "character 2 in \"（夏頃）\": seasons are not read; write the months, such as "
            "（7～8月）",
        });
  const Plan& plan = imported->plan;
  REQUIRE(plan.tasks.size() == 3);
  CHECK(plan.tasks[0].when_text == "（4月）");
  CHECK(plan.tasks[1].title == "研修（4、6）");  // bare numbers are not months
  CHECK(plan.tasks[2].title == "説明会（夏頃）");
}

TEST_CASE("an item that is nothing but its schedule is skipped with a warning") {
  const std::string text =
      "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> （4月） "
      "<input type=\"checkbox\"/> 訓練の実施（6月）\n\t次年度以降\t<input type=\"checkbox\"/> "
      "（4月～）\n"
      "進捗の状況\t前期\t<input type=\"checkbox\"/> (3月) <input type=\"checkbox\"/> "
      "訓練を実施（6月）\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  CHECK(messages(imported->warnings) ==
        std::vector<std::string>{
            "sheet:3: schedule item \"（4月）\" has no text besides its schedule; it is skipped",
            "sheet:4: schedule item \"（4月～）\" has no text besides its schedule; it is skipped",
            "sheet:5: progress line \"(3月)\" has no text besides its schedule; it is skipped",
        });
  const Plan& plan = imported->plan;
  REQUIRE(plan.tasks.size() == 1);
  CHECK(plan.tasks[0].title == "訓練の実施");
  REQUIRE(plan.progress.size() == 1);
  CHECK(plan.progress[0].text == "訓練を実施");
  CHECK(read_plan_json(plan_to_json(plan).dump()).ok());
}

TEST_CASE("text that is not a sheet is an error saying why") {
  auto imported = import_sheet("hello\nworld\n", SheetImportOptions{});
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.error().message ==
        "not a 重要取組シート: no スケジュール section and no 取組項目 row found");
  auto empty = import_sheet("", SheetImportOptions{});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message ==
        "not a 重要取組シート: no スケジュール section and no 取組項目 row found");
}

TEST_CASE("invalid UTF-8 is an error naming the byte") {
  auto imported = import_sheet("東区役所\n取組項目\t\xE3\x81", SheetImportOptions{});
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.error().message ==
        "invalid UTF-8 at byte 29: expected a continuation byte, got the end of the text");
}

TEST_CASE("a sheet without its initiative or its organisation is an error") {
  auto no_initiative =
      import_sheet("東区役所\nスケジュール\t前期\t<input type=\"checkbox\"/> 会議（4月）\n",
                   SheetImportOptions{});
  REQUIRE_FALSE(no_initiative.ok());
  CHECK(no_initiative.error().message == "no initiative: the 取組項目 row is missing or empty");
  auto no_organisation = import_sheet("取組項目\t防災\n", SheetImportOptions{});
  REQUIRE_FALSE(no_organisation.ok());
  CHECK(no_organisation.error().message ==
        "no organisation: expected the office's name (such as 東区役所) on a line of its own "
        "before 取組項目");
}

TEST_CASE("the plan id option names the plan and must be a valid id") {
  SheetImportOptions options;
  options.plan_id = "higashi-kyosei";
  auto named = import_sheet(read_sheet("higashi.txt"), options);
  REQUIRE(named.ok());
  CHECK(named->plan.id == "higashi-kyosei");
  options.plan_id = "東区";
  auto invalid = import_sheet(read_sheet("higashi.txt"), options);
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().message ==
        "plan id \"東区\": expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . or -");
}

TEST_CASE("cell readers handle labels leftovers and checkbox items") {
  CHECK(canonical_label("次年度 以降") == "次年度以降");
  CHECK(canonical_label("寄与する ＫＰＩ") == "寄与するKPI");
  CHECK(join_japanese_spaces("2025 堺市基本 計画") == "2025 堺市基本計画");
  CHECK(join_japanese_spaces(" 未来 都市 SDGs 計画 ") == "未来都市 SDGs 計画");
  CHECK(is_conversion_leftover("—5840"));
  CHECK(is_conversion_leftover(" — "));
  CHECK_FALSE(is_conversion_leftover("—あ"));
  CHECK_FALSE(is_conversion_leftover(""));
  CHECK(checkbox_items("<ul style=\"x\"> <input type=\"checkbox\"/> 会議（4月） <INPUT "
                       "type=\"checkbox\" checked/>周知 &amp; 広報") ==
        std::vector<std::string>{"会議（4月）", "周知 & 広報"});
  CHECK(checkbox_items("☐ 会議 □ 周知") == std::vector<std::string>{"会議", "周知"});
  CHECK(checkbox_items("a < b") == std::vector<std::string>{"a < b"});
}

TEST_CASE("a cell without a checkbox has an item on each of its lines") {
  // Line breaks are <br> tags: how the text layout of an Excel cell (xlsx_sheet.hpp) writes them.
  CHECK(checkbox_items("会議の開催（4月）<br/>名簿の更新（5月）") ==
        std::vector<std::string>{"会議の開催（4月）", "名簿の更新（5月）"});
  CHECK(checkbox_items("・会議<BR>● 周知<br />◯相談<br><br>") ==
        std::vector<std::string>{"会議", "周知", "相談"});
  CHECK(checkbox_items("・会議の開催") == std::vector<std::string>{"・会議の開催"});
  // With checkboxes, the checkboxes part the items and a line break inside one is a space.
  CHECK(checkbox_items("□会議の開催<br/>（4月）<br/>□周知") ==
        std::vector<std::string>{"会議の開催 （4月）", "周知"});
  CHECK(checkbox_items("<input type=\"checkbox\"/> 会議<br/><input type=\"checkbox\"/> 周知") ==
        std::vector<std::string>{"会議", "周知"});
  CHECK(line_breaks_as_spaces("2025<br/>堺市基本計画<br>") == "2025 堺市基本計画 ");
  CHECK(line_breaks_as_spaces("a <b> <brr> c") == "a <b> <brr> c");
}

TEST_CASE("labels and values broken over lines read as written on one") {
  const std::string sheet =
      "東区役所\n"
      "取組<br/>項目\t地域共生社会の<br/>実現\n"
      "スケジュール\t前期<br/>(~7月)\t会議の開催（4、6月）<br/>・名簿の更新（5月）\n"
      "2025<br/>堺市基本計画\t寄与する<br/>KPI\t"
      "自殺死亡率<br/>【2019年度：14.9（人）】\t目標値（2025 年度）<br/>14.2\n";
  const auto imported = import_sheet(sheet, SheetImportOptions{});
  REQUIRE_MESSAGE(imported.ok(), imported.error().message);
  CHECK(messages(imported->warnings).empty());
  const Plan& plan = imported->plan;
  CHECK(plan.initiative == "地域共生社会の実現");
  REQUIRE(plan.tasks.size() == 2);
  CHECK(plan.tasks[0].title == "会議の開催");
  CHECK(plan.tasks[1].title == "名簿の更新");
  REQUIRE(plan.city_plan);
  CHECK(plan.city_plan->name == "2025 堺市基本計画");
  REQUIRE(plan.kpis.size() == 1);
  CHECK(plan.kpis[0].name == "自殺死亡率");
}

TEST_CASE("fiscal years are read in the western and the Japanese eras") {
  CHECK(find_fiscal_year("令和8年度 重要取組シート") == 2026);
  CHECK(find_fiscal_year("令和元年度") == 2019);
  CHECK(find_fiscal_year("R８年度") == 2026);
  CHECK(find_fiscal_year("平成31年度") == 2019);
  CHECK(find_fiscal_year("2025 年度") == 2025);
  CHECK(find_fiscal_year("重要取組シート") == std::nullopt);
  CHECK(find_fiscal_year("12025年") == std::nullopt);
}

TEST_CASE("a title's year the calendar does not know is said, and the plan names none") {
  // Found by the fuzzer: 令和87年度 (2105) made a plan that read_plan_json refuses.
  const std::string text =
      "令和87年度　重要取組シート\n東区役所\n取組項目\t防災\n"
      "スケジュール\t前期\t<input type=\"checkbox\"/> 防災訓練の実施（6月）\n";
  const auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  CHECK(messages(imported->warnings) ==
        std::vector<std::string>{"sheet:1: the title's fiscal year 2105 is not one from 1949 to "
                                 "2099; the plan names no year (give --fy)"});
  CHECK_FALSE(imported->plan.fiscal_year.has_value());
  CHECK(read_plan_json(plan_to_json(imported->plan).dump()).ok());
}

TEST_CASE("KPI cells that do not parse say what came") {
  auto baseline = parse_kpi_cells("自殺死亡率 【令和：14.9】", "");
  REQUIRE_FALSE(baseline.ok());
  CHECK(baseline.error().message ==
        "KPI baseline not understood: expected 【YEAR年度：VALUE（UNIT）】, got \"【令和:14.9】\"");
  auto target = parse_kpi_cells("自殺死亡率", "目標値（2025年度） 減少");
  REQUIRE_FALSE(target.ok());
  CHECK(target.error().message ==
        "KPI target not understood: expected 目標値（YEAR年度） VALUE, got \"目標値（2025年度） "
        "減少\"");
  auto none = parse_kpi_cells("—", "目標値（2025 年度） —");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  auto sdg = parse_sdg_cells("ゴール番号 18", "");
  REQUIRE_FALSE(sdg.ok());
  CHECK(sdg.error().message ==
        "SDG goal not understood: expected a goal number from 1 to 17, got \"ゴール番号 18\"");
}

TEST_CASE("a text's key folds widths, 隨 and spaces") {
  CHECK(text_key("ＡＢ　隨時") == "AB随時");
  CHECK(text_key(" 会議の 開催 ") == "会議の開催");
}

TEST_CASE("each warning says whether the sheet's schedule was refused or only noted") {
  const std::string text =
      "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> 説明会（夏頃）\n"
      "\t中期\t<input type=\"checkbox\"/> 会議の開催（10、11月\n"
      "\t後期\t<input type=\"checkbox\"/> 訓練の実施（3～1月）\n"
      "メモ\t担当者は後日\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  const auto refused = SheetWarningKind::schedule_refused;
  const auto note = SheetWarningKind::note;
  std::vector<std::pair<SheetWarningKind, std::string>> kinds;
  for (const SheetWarning& warning : imported->warnings)
    kinds.emplace_back(warning.kind, warning.to_string());
  CHECK(
      kinds ==
      std::vector<std::pair<SheetWarningKind, std::string>>{
          {refused,
           "sheet:3: schedule \"（夏頃）\" not understood: unrecognised schedule \"夏頃\" at "
           "character 2 in \"（夏頃）\": seasons are not read; write the months, such as "
           "（7～8月）"},
          {refused,
           "sheet:4: schedule \"（10、11月\" not understood: unmatched \"（\" at character 1 "
           "in \"（10、11月\""},
          {refused,
           "sheet:5: schedule \"（3～1月）\" refused: \"3～1月\" crosses the end of the fiscal "
           "year (3月): write two lines, （3月） and （4～1月） under 次年度以降; the task is left "
           "undated"},
          {note, "sheet:6: unrecognised row \"メモ | 担当者は後日\""},
      });
  CHECK(count_warnings(imported->warnings, refused) == 3);
  CHECK(count_warnings(imported->warnings, note) == 1);
}

TEST_CASE("a bracket without its partner in a schedule or progress line is a refused schedule") {
  const std::string text =
      "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> "
      "会議の開催4、6月） <input type=\"checkbox\"/> 場（プラットフォーム の整備\n"
      "\t後期\t<input type=\"checkbox\"/> 報告（（12月）\n"
      "進捗の状況\t前期\t<input type=\"checkbox\"/> 会議を開催(4月\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  CHECK(messages(imported->warnings) ==
        std::vector<std::string>{
            "sheet:3: bracket \"）\" at character 10 is never opened in \"会議の開催4、6月）\"",
            "sheet:3: bracket \"（\" at character 2 is never closed in \"場（プラットフォーム "
            "の整備\"",
            "sheet:4: schedule \"（（12月）\" not understood: unmatched \"（\" at character 1 in "
            "\"（（12月）\"",
            "sheet:5: schedule \"(4月\" not understood: unmatched \"(\" at character 1 in \"(4月\"",
        });
  CHECK(count_warnings(imported->warnings, SheetWarningKind::schedule_refused) == 4);
}

TEST_CASE("a problem two items of one line share is reported once") {
  // Two checkbox items on line 3 with the same refused schedule: before, two identical lines.
  const std::string text =
      "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> 説明会（夏頃） "
      "<input type=\"checkbox\"/> 相談会（夏頃）\n"
      "\t後期\t<input type=\"checkbox\"/> 報告会（夏頃）、研修会（夏頃）\n";
  auto imported = import_sheet(text, SheetImportOptions{});
  REQUIRE(imported.ok());
  CHECK(
      messages(imported->warnings) ==
      std::vector<std::string>{
          "sheet:3: schedule \"（夏頃）\" not understood: unrecognised schedule \"夏頃\" at "
          "character 2 in \"（夏頃）\": seasons are not read; write the months, such as （7～8月）",
          "sheet:4: schedule \"（夏頃）\" not understood: unrecognised schedule \"夏頃\" at "
          "character 2 in \"（夏頃）\": seasons are not read; write the months, such as （7～8月）",
      });
  CHECK(imported->plan.tasks.size() == 3);
}

TEST_CASE("each warning has its line and a meaning naming its sentence and what it quotes") {
  namespace meaning = sheet_meaning;
  using Lines = std::vector<std::pair<std::size_t, Meaning>>;
  CHECK(meanings(import_file("minami.txt").warnings) ==
        Lines{{8, meaning_of(
                      meaning::kScheduleRefused, {"（3～4月）"},
                      {meaning_of(when_meaning::kCrossesYearEnd, {"3～4月", "3", "3月", "4月"})})},
              {9, meaning_of(meaning::kWrittenAgain,
                             {"子育てサロンの開催", "kosodate-saron-kaisai-2-2"})},
              {10, meaning_of(meaning::kUnknownPeriod,
                              {"夏期", "スケジュール", "前期", "中期", "後期", "次年度以降"})},
              {12, meaning_of(meaning::kNextYearProgress, {"来年度に向けた検討"})}});
  CHECK(meanings(import_file("nishi.txt").warnings) ==
        Lines{{3, meaning_of(meaning::kTextBeforeFirstMeasure, {"地域防災の推進"})},
              {4, meaning_of(meaning::kPeriodEndDiffers, {"前期（～９月）", "9", "前期", "7"})},
              {5, meaning_of(meaning::kMonthListedAgain, {"防災訓練の実施", "6", "4"})},
              {7, meaning_of(meaning::kNextYearDated, {"全世帯への備蓄品配布", "（4月～）"})},
              {9, meaning_of(meaning::kUnrecognisedRow, {"寄与する KPI | 訓練参加者数"})}});
  // A sheet of problems the seed sheets do not have (the pages' tests word the same warnings).
  CHECK(
      meanings(import_file("warned.txt").warnings) ==
      Lines{
          {3, meaning_of(meaning::kSeveralSchedules, {"会議の開催", "（4月）", "（6月）"})},
          {3, meaning_of(meaning::kScheduleNotUnderstood, {"（夏頃）"},
                         {meaning_of(when_meaning::kSeasonsNotRead, {"（夏頃）", "2", "夏頃"})})},
          {3, meaning_of(meaning::kUntitledScheduleItem, {"（4月）"})},
          {3, meaning_of(meaning::kBracketNeverClosed, {"（", "2", "場（プラットフォーム の整備"})},
          {4, meaning_of(meaning::kBracketNeverOpened, {"）", "10", "会議の開催4、6月）"})},
          {5, meaning_of(meaning::kUntitledProgressLine, {"(3月)"})},
          {6,
           meaning_of(meaning::kUnrecognisedRow, {"寄与する KPI | 自殺死亡率 【令和：14.9】"})}});
}

TEST_CASE("a sheet refused, and a cell that does not read, have meanings") {
  CHECK(import_sheet("hello\n", SheetImportOptions{}).error().meaning ==
        meaning_of(sheet_meaning::kNotASheet));
  CHECK(import_sheet("東区役所\nスケジュール\t前期\t<input type=\"checkbox\"/> 会議（4月）\n",
                     SheetImportOptions{})
            .error()
            .meaning == meaning_of(sheet_meaning::kNoInitiative));
  CHECK(import_sheet("取組項目\t防災\n", SheetImportOptions{}).error().meaning ==
        meaning_of(sheet_meaning::kNoOrganisation));
  CHECK(import_sheet("東区役所\n取組項目\t\xE3\x81", SheetImportOptions{}).error().meaning ==
        meaning_of(kInvalidUtf8Meaning, {"29"}));
  CHECK(parse_kpi_cells("自殺死亡率 【令和：14.9】", "").error().meaning ==
        meaning_of(sheet_meaning::kKpiBaseline, {"【令和:14.9】"}));
  CHECK(parse_kpi_cells("【2019年度：45.2（%）】", "").error().meaning ==
        meaning_of(sheet_meaning::kKpiName, {"【2019年度：45.2（%）】"}));
  CHECK(parse_kpi_cells("自殺死亡率", "目標値（2025年度） 減少").error().meaning ==
        meaning_of(sheet_meaning::kKpiTarget, {"目標値（2025年度） 減少"}));
  CHECK(parse_sdg_cells("ゴール番号 18", "").error().meaning ==
        meaning_of(sheet_meaning::kSdgGoal, {"ゴール番号 18"}));
  CHECK(read_plan_source(" \n", "empty.txt").error() ==
        Diagnostics{{"", "the file is empty: expected a plan JSON or a 重要取組シート",
                     std::nullopt, meaning_of(sheet_meaning::kEmptyFile)}});
}

}  // namespace
}  // namespace torikumi
