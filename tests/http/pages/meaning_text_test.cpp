// What the engine and the store say, on the dashboard's pages in the page's language: a schedule
// not understood, a sheet's warnings, a plan file that does not read, a store's refusal.

#include "http/pages/meaning_text.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/meetings/agency.hpp"
#include "engine/meetings/agenda.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/meetings/participants.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/meeting_rule_text.hpp"
#include "engine/schedule/schedule_line.hpp"
#include "engine/schedule/when_expression.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/sheet/sheet_import.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "http/access/gatekeeper.hpp"
#include "http/api/plan_writes.hpp"
#include "http/pages/plan_intake_pages.hpp"
#include "http/pages/refusal_text.hpp"
#include "store/access.hpp"
#include "store/store.hpp"
#include "store/store_meaning.hpp"
#include "tests/http/http_test_support.hpp"
#include "tests/http/store_catalog_support.hpp"
#include "tests/store/test_database.hpp"

namespace torikumi::http {
namespace {

using nlohmann::json;
using testing::empty_catalog;
using testing::file_text;
using testing::kEditor;
using testing::kNow;

PageContext context_in(Language language) {
  PageContext context;
  context.language = language;
  context.now = kNow;
  context.visitor = Visitor{"編集者", true, "csrf"};
  return context;
}

// The Japanese sentence of what parse_when says of `text`.
std::string when_japanese(std::string_view text) {
  const auto parsed = parse_when(text);
  REQUIRE_FALSE(parsed.ok());
  return page::japanese_sentence(parsed.error().meaning).value_or("(none)");
}

TEST_CASE("a schedule that is not understood is worded in Japanese, naming where and what") {
  struct Row {
    std::string_view text;
    std::string_view japanese;
  };
  const Row rows[] = {
      {"（4月", "「（4月」の1文字目の「（」に対応する括弧がありません。"},
      {"（）", "「（）」に日程が書かれていません。"},
      {"第2", "「第2」の3文字目には曜日（月火水木金土日）が必要です。"},
      {"（第2曜日）",
       "「（第2曜日）」の4文字目には曜日（月火水木金土日）が必要です（「曜」と書かれています）。"},
      {"毎月10", "「毎月10」の5文字目には「日」が必要です。"},
      {"（第水曜日）",
       "「（第水曜日）」の3文字目には週の番号（第1～第5）が必要です（「水」と書かれています）。"},
      {"（4、）", "「（4、）」の4文字目には月が必要です。"},
      {"（4/）", "「（4/）」の4文字目には日が必要です。"},
      {"（7月20日、8月）",
       "「（7月20日、8月）」の8文字目の「8月」に日がありません。日付を並べるときは、7月20日のよ"
       "うにどれも日まで書いてください。"},
      {"（月3回）",
       "「（月3回）」の「月3回」は読めません。月1回か月2回（月の前半と後半に1回ずつ）と書いてく"
       "ださい。毎週の会議なら、毎週金曜日のように曜日を書いてください。"},
      {"（年5回）",
       "「（年5回）」の「年5回」は読めません。回数は12を割り切れる数（1、2、3、4、6、12）にして"
       "ください。"},
      {"（毎月40日）", "「（毎月40日）」の4文字目の「40日」という日はありません（1～31日）。"},
      {"（2月30日）", "「（2月30日）」の4文字目の「30日」は、2月にはありません。"},
      {"（第5四半期）", "「（第5四半期）」の「第5四半期」はありません（第1～第4四半期）。"},
      {"（第6水曜日）", "「（第6水曜日）」の3文字目の「第6」という週はありません（第1～第5）。"},
      {"（第2・第2水曜日）", "「（第2・第2水曜日）」に第2週が2回書かれています。"},
      {"（13月）", "「（13月）」の2文字目の「13」という月はありません（1～12月）。"},
      {"（4、4月）", "「（4、4月）」に4月が2回書かれています。"},
      {"（7月20日、7月20日）", "「（7月20日、7月20日）」に「7月20日」が2回書かれています。"},
      {"（13か月ごと）", "「（13か月ごと）」の「13か月ごと」は読めません（1～12か月）。"},
      {"（26年4月）",
       "「（26年4月）」の2文字目の「26年」は年として読めません。2026年のように4桁で書いてくださ"
       "い。"},
      {"（4月予定）", "「（4月予定）」の4文字目からの「予定」は日程として読めません。"},
      {"（8月は休み）",
       "「（8月は休み）」は読めません。休みなどの例外は読まないため、（4、5、6、7、9月）のように"
       "行う月を並べてください。"},
      {"（夏頃）",
       "「（夏頃）」は読めません。季節は読まないため、（7～8月）のように月で書いてください。"},
      {"（年3～4回）",
       "「（年3～4回）」は読めません。回数は年2回、年4回のように一つの数で書くか、行う月を並べて"
       "ください。"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(when_japanese(row.text) == row.japanese);
  }
  const ScheduleLine split = split_schedule_line("会議（4～6）");
  REQUIRE(split.problems.size() == 1);
  CHECK(page::japanese_sentence(split.problems[0].meaning) ==
        "「（4～6）」には「月」がないため、日程として読みません。日程なら「4～6月」のように書い"
        "てください。");
}

TEST_CASE("a schedule outside the plan's fiscal year is worded in Japanese with what would work") {
  struct Row {
    std::string_view text;
    std::string_view japanese;
  };
  const Row rows[] = {
      {"（9月30日～9月1日）", "「9月30日～9月1日」は始まる前に終わっています。"},
      {"（2～5月）",
       "「2～5月」は年度末（3月）をまたいでいます。（2～3月）と（4～5月）の2行に分け、（4～5月）"
       "は次年度以降に書いてください。"},
      {"（令和9年度中）", "令和9年度 (2027)はこの計画の年度（令和8年度 (2026)）ではありません。"},
      {"（2027年5月）",
       "2027年5月はこの計画の年度（令和8年度 (2026)）に含まれません。（5月）のように月だけを書い"
       "てください。"},
      {"（2月29日）", "令和8年度 (2026)に2月29日はありません（2027年はうるう年ではありません）。"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto problem = check_fiscal_year(parse_when(row.text).value(), date::April, 2026);
    REQUIRE(problem.has_value());
    CHECK(page::japanese_sentence(problem->meaning) == row.japanese);
  }
}

TEST_CASE("a meeting rule that does not read is worded in Japanese") {
  const auto japanese = [](std::string_view text) {
    return page::japanese_sentence(parse_meeting_rule_text(text).error().meaning);
  };
  CHECK(japanese("第2水曜日 14:00") ==
        "曜日・時刻・長さを「第2水曜日 14:00 90分 3階会議室」のように空白で区切って書いてください"
        "（「第2水曜日 14:00」と書かれています）。");
  CHECK(japanese("第6水曜日 14:00 90分") ==
        "日「第6水曜日」を読み取れません。第2水曜日（第1～第5）か毎月10日（1～31日）のように書い"
        "てください。");
  CHECK(japanese("第2水曜日 25:00 90分") ==
        "時刻「25:00」を読み取れません。14:00か14時30分のように書いてください。");
  CHECK(japanese("第2水曜日 14:00 90") ==
        "長さ「90」を読み取れません。90分か1時間30分のように書いてください。");
}

TEST_CASE("a meaning the pages have no words for, or with too few subjects, has no sentence") {
  CHECK_FALSE(page::japanese_sentence(Meaning{}).has_value());
  CHECK_FALSE(page::japanese_sentence(meaning_of("when.next_century")).has_value());
  CHECK_FALSE(page::japanese_sentence(meaning_of(when_meaning::kUnknownMonth, {"（13月）"})));
  // A cause without words leaves the whole without.
  CHECK_FALSE(page::japanese_sentence(
      meaning_of(sheet_meaning::kScheduleNotUnderstood, {"（夏頃）"}, {meaning_of("when.other")})));
}

// Each warning of a sheet as a page lists it: where, then what.
std::vector<std::string> listed(const std::vector<SheetWarning>& warnings, Language language) {
  std::vector<std::string> out;
  for (const SheetWarning& warning : warnings) {
    const page::WarningText text = page::warning_text(warning, language);
    out.push_back(text.where + (text.by_line ? "：" : " ") + text.message +
                  (text.english ? " (English)" : ""));
  }
  return out;
}

// The warnings of tests/data/sheets/`sheet`, located by its name.
std::vector<SheetWarning> warnings_of(const std::string& sheet) {
  SheetImportOptions options;
  options.name = sheet;
  auto imported = import_sheet(file_text("tests/data/sheets/" + sheet), options);
  REQUIRE(imported.ok());
  return imported->warnings;
}

TEST_CASE(
    "a sheet's warnings are listed by line in Japanese, and as the importer wrote in English") {
  struct Sheet {
    std::string name;
    std::vector<std::string> japanese;
  };
  const Sheet sheets[] = {
      {"minami.txt",
       {
           "8行目：日程「（3～4月）」は使えません。「3～4月」は年度末（3月）をまたいでいます。（3"
           "月）と（4月）の2行に分け、（4月）は次年度以降に書いてください。この取組は日付なしにし"
           "ます。",
           "9行目：「子育てサロンの開催」が2回以上書かれているため、IDを「kosodate-saron-kaisai-"
           "2-2」にしました。",
           "10行目：スケジュールの期間「夏期」は読み取れないため、この行を読み飛ばします（前期、"
           "中期、後期、次年度以降のいずれかを書いてください）。",
           "12行目：「来年度に向けた検討」は次年度以降の進捗のため、記録しません。",
       }},
      {"nishi.txt",
       {
           "3行目：取組の内容で最初の○より前にある「地域防災の推進」は、一つの取組内容として残し"
           "ます。",
           "4行目：期間「前期（～９月）」は9月までとなっていますが、この計画の前期は7月までです。"
           "この計画の前期として読みます。",
           "5行目：「防災訓練の実施」の6月は4行目にも書かれているため、これらの行を一つの続いた予"
           "定にはまとめません。",
           "7行目：次年度以降の項目「全世帯への備蓄品配布」に日程「（4月～）」が書かれていますが、"
           "次年度以降の項目には日付を付けません。",
           "9行目：「寄与する KPI | 訓練参加者数」は読み取れない行です。",
       }},
      {"warned.txt",
       {
           "3行目：「会議の開催」に日程が複数（「（4月）」、「（6月）」）あります。最初のものを使"
           "います。",
           "3行目：「（夏頃）」は読めません。季節は読まないため、（7～8月）のように月で書いてくだ"
           "さい。",
           "3行目：スケジュールの項目「（4月）」には日程のほかに文がないため、読み飛ばします。",
           "3行目：「場（プラットフォーム の整備」の2文字目の「（」が閉じられていません。",
           "4行目：「会議の開催4、6月）」の10文字目の「）」に対応する開き括弧がありません。",
           "5行目：進捗の行「(3月)」には日程のほかに文がないため、読み飛ばします。",
           "6行目：「寄与する KPI | 自殺死亡率 【令和：14.9】」は読み取れない行です。",
       }},
  };
  for (const Sheet& sheet : sheets) {
    CAPTURE(sheet.name);
    const std::vector<SheetWarning> warnings = warnings_of(sheet.name);
    CHECK(listed(warnings, Language::japanese) == sheet.japanese);
    // In English, each as the importer wrote it: higashi.txt:14 unrecognised row "メモ".
    std::vector<std::string> english;
    for (const SheetWarning& warning : warnings)
      english.push_back(warning.diagnostic.where + " " + warning.diagnostic.message);
    CHECK(listed(warnings, Language::english) == english);
  }
  CHECK(listed({warnings_of("nishi.txt").back()}, Language::english) ==
        std::vector<std::string>{"nishi.txt:9 unrecognised row \"寄与する KPI | 訓練参加者数\""});
}

TEST_CASE("a warning stored before meanings keeps its place and its English on a Japanese page") {
  const SheetWarning stored{{"higashi.txt:14", "unrecognised row \"メモ\""},
                            SheetWarningKind::note};
  const page::WarningText japanese = page::warning_text(stored, Language::japanese);
  CHECK(japanese.where == "higashi.txt:14");
  CHECK(japanese.message == "unrecognised row \"メモ\"");
  CHECK_FALSE(japanese.by_line);
  CHECK(japanese.english);
  CHECK_FALSE(page::warning_text(stored, Language::english).english);
}

// A refusal as a Japanese page and an English page say it: {text, original} each.
std::pair<page::RefusalText, page::RefusalText> both(const HttpError& error) {
  return {page::refusal_text(error, Language::japanese),
          page::refusal_text(error, Language::english)};
}

TEST_CASE("an upload that is no plan is refused in the page's language, each reason on a line") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const auto refusal = [&](const PlanUpload& upload) {
    const auto taken = take_plan(*catalog, upload, kEditor, store::ImportMode::preview);
    REQUIRE_FALSE(taken.ok());
    return both(taken.error());
  };
  struct Row {
    std::string bytes;
    std::string name;
    std::string japanese;
  };
  const Row rows[] = {
      {" \n", "empty.txt",
       "「empty.txt」を計画として読み取れません。\nファイルが空です。計画のJSONか重要取組シートを"
       "選んでください。"},
      {"メモ\n買い物\n", "memo.txt",
       "「memo.txt」を計画として読み取れません。\n重要取組シートではないようです。「スケジュール"
       "」の欄も「取組項目」の行も見つかりませんでした。"},
      {"\x89PNG\r\n\x1a\n", "picture.png",
       "「picture.png」を計画として読み取れません。\n1バイト目が文字として読めません。シートは."
       "xlsx形式か、UTF-8のテキスト（.txt）で保存してください。"},
      {"PK\x03\x04 and then no archive", "broken.xlsx",
       "「broken.xlsx」を計画として読み取れません。\nExcelのブック（.xlsx）として読み取れません"
       "。ファイルが壊れているおそれがあります（not a zip archive: no end of central directory）"
       "。"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest", "old.xls",
       "「old.xls」を計画として読み取れません。\nExcel 97-2003形式のブック（.xls）とパスワード付"
       "きのブックは読めません。パスワードなしの.xlsx形式で保存し直してください。"},
      {"東区役所\nスケジュール\t前期\t<input type=\"checkbox\"/> 会議（4月）\n", "sheet.txt",
       "「sheet.txt」を計画として読み取れません。\n取組項目がありません。「取組項目」の行がない"
       "か、空欄です。"},
      {R"({"id": "p"})", "p.json",
       "「p.json」を計画として読み取れません。\nplan.organisation：必須の項目がありません。\nplan"
       ".initiative：必須の項目がありません。"},
      {R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "防災", "fiscal_year": 1800,
          "tasks": [{"id": "t", "title": "会議", "when": "（13月）", "memo": 1}]})",
       "p.json",
       "「p.json」を計画として読み取れません。\nplan.fiscal_year：1949～2099の整数が必要ですが、"
       "1800 が書かれています。\nplan.tasks[0].memo：計画のJSONにない項目です。\nplan.tasks[0]."
       "when：「（13月）」の2文字目の「13」という月はありません（1～12月）。"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const auto [japanese, english] = refusal({.bytes = row.bytes, .name = row.name});
    CHECK(japanese.text == row.japanese);
    CHECK(japanese.original.empty());
    CHECK(english.text.starts_with(row.name + ": "));
    CHECK(english.original.empty());
  }
  // Invalid JSON: the parser's own words stay as they are, inside the sentence.
  const auto [broken, broken_english] = refusal({.bytes = "{oops", .name = "broken.json"});
  CHECK(broken.text.starts_with(
      "「broken.json」を計画として読み取れません。\nplan：JSONとして読み取れません（parse error at "
      "line 1, column 2"));
  // A reason the pages have no words for (every reason the plan reader gives has some, so one
  // made here): the lead-in, and the server's English below it.
  const HttpError unworded{ErrorKind::unprocessable,
                           "p.json: plan.x: a reason without words",
                           KnownRefusal::unreadable_plan,
                           {"p.json"},
                           {{"plan.x", "a reason without words"}}};
  const auto [partly, partly_english] = both(unworded);
  CHECK(partly.text == "「p.json」を計画として読み取れません。");
  CHECK(partly.original == "p.json: plan.x: a reason without words");
  CHECK(partly_english.text == partly.original);
}

TEST_CASE(
    "an upload too large, misnamed, with refused schedules or of a plan that exists is "
    "refused in the page's language") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const auto refusal = [&](const PlanUpload& upload, store::ImportMode mode) {
    const auto taken = take_plan(*catalog, upload, kEditor, mode);
    REQUIRE_FALSE(taken.ok());
    return both(taken.error());
  };
  const std::string large(kMaxPlanFileBytes + 1, 'x');
  auto [too_large, too_large_english] =
      refusal({.bytes = large, .name = "big.txt"}, store::ImportMode::preview);
  CHECK(too_large.text == "「big.txt」は513 KiBあり、上限の512 KiBを超えています。");
  CHECK(too_large_english.text == "big.txt: the file is 513 KiB, more than 512 KiB");

  const std::string plan = file_text("examples/higashi/plan.json");
  CHECK(
      refusal({.bytes = plan, .name = "plan.json", .plan_id = "other"}, store::ImportMode::preview)
          .first.text ==
      "「plan.json」の計画のIDは「higashi-kyosei」で、置き換える取組「other」と違います。");

  std::string summer = file_text("tests/data/sheets/higashi.txt");
  summer.replace(summer.find("（4、6月）"), std::string{"（4、6月）"}.size(), "（夏頃）");
  CHECK(refusal({.bytes = summer, .name = "summer.txt"}, store::ImportMode::write).first.text ==
        "「summer.txt」には読み取れない日程が1件あるため、保存しませんでした。シートを直すか、そ"
        "の取組を日付なしで保存してください。");

  const std::string sheet = file_text("tests/data/sheets/higashi.txt");
  REQUIRE(take_plan(*catalog, {.bytes = sheet, .name = "higashi.txt", .expected_revision = 0},
                    kEditor, store::ImportMode::write)
              .ok());
  auto [exists, exists_english] = refusal(
      {.bytes = sheet, .name = "higashi.txt", .expected_revision = 0}, store::ImportMode::write);
  CHECK(exists.text ==
        "取組「higashi-chiiki-kyosei-shakai」はすでにあります（改訂1）。その取組のページから取り"
        "込み直してください。");
  CHECK(exists_english.text ==
        "plan \"higashi-chiiki-kyosei-shakai\" exists already (revision 1): replace it rather "
        "than create it");
}

TEST_CASE("a store's refusals are worded in Japanese") {
  const auto japanese = [](const Error& error) {
    return page::refusal_text(http_error(error), Language::japanese).text;
  };
  namespace meaning = store::store_meaning;
  CHECK(japanese(conflict_error("plan \"p\" is at revision 3 now, not 2: ...",
                                meaning_of(meaning::kStaleRevision, {"p", "3", "2"}))) ==
        "取組「p」は、このページを開いた後にほかの人が変更しました（改訂2から改訂3へ）。ページを開"
        "き直し、変更を確かめてからもう一度行ってください。");
  CHECK(
      japanese(
          not_found_error("plan \"p\" is not stored ...", meaning_of(meaning::kPlanGone, {"p"}))) ==
      "取組「p」は保存されていません（削除されたのかもしれません）。もう一度取り込んでください。");
  CHECK(japanese(not_found_error("unknown plan \"p\"", meaning_of(meaning::kUnknownPlan, {"p"}))) ==
        "取組「p」はありません。");
  CHECK(japanese(
            not_found_error("unknown task ...", meaning_of(meaning::kUnknownTask, {"t", "p"}))) ==
        "取組「p」に項目「t」はありません。");
  CHECK(
      japanese(not_found_error("unknown KPI ...", meaning_of(meaning::kUnknownKpi, {"k", "p"}))) ==
      "取組「p」にKPI「k」はありません。");
  CHECK(japanese(not_found_error("unknown note 9", meaning_of(meaning::kUnknownNote, {"9"}))) ==
        "記入 9 はありません。");
  CHECK(
      japanese(Error{"... is already done ...", ErrorCode::invalid,
                     meaning_of(meaning::kDoneAlready, {"p/m/2026-06", "2026-06-10", "田中"})}) ==
      "「p/m/2026-06」はすでに完了です（2026-06-10、田中）。取り消してから記録し直してください。");
  CHECK(japanese(Error{"... is skipped ...", ErrorCode::invalid,
                       meaning_of(meaning::kClosedAlready, {"p/m/2026-06", "skipped", "雨天"})}) ==
        "「p/m/2026-06」はすでに見送りです（雨天）。取り消してから記録し直してください。");
  CHECK(japanese(Error{"completion day ...", ErrorCode::invalid,
                       meaning_of(meaning::kCompletionOutsideYear,
                                  {"2028-01-01", "2026-04-01..2027-03-31", "p/m/2026-06"})}) ==
        "完了日 2028-01-01 は「p/m/2026-06」の年度（2026-04-01..2027-03-31）の外です。");
  CHECK(japanese(Error{"start day ...", ErrorCode::invalid,
                       meaning_of(meaning::kStartOutsideYear,
                                  {"2028-01-01", "2026-04-01..2027-03-31", "p/m/2026-06"})}) ==
        "日程の日 2028-01-01 は「p/m/2026-06」の年度（2026-04-01..2027-03-31）の外です。");
  CHECK(japanese(Error{"end ...", ErrorCode::invalid,
                       meaning_of(meaning::kEndNotAfterStart,
                                  {"2026-06-10T05:00:00Z", "2026-06-10T06:00:00Z", "p/m"})}) ==
        "「p/m」の終わり（2026-06-10T05:00:00Z）が始まり（2026-06-10T06:00:00Z）より後ではありませ"
        "ん。");
  CHECK(japanese(Error{"a note needs text", ErrorCode::invalid,
                       meaning_of(meaning::kNoteNeedsText)}) == "記入する文を入力してください。");
  CHECK(japanese(Error{"unknown period ...", ErrorCode::invalid,
                       meaning_of(meaning::kUnknownPeriod, {"夏期", "前期", "中期", "後期"})}) ==
        "期間「夏期」はありません（前期、中期、後期のいずれか）。");
  CHECK(japanese(Error{"a KPI value must be a finite number", ErrorCode::invalid,
                       meaning_of(meaning::kKpiNotFinite)}) == "KPIの値は数値で入力してください。");
  CHECK(
      japanese(Error{"task ... is a meeting task ...", ErrorCode::invalid,
                     meaning_of(meaning::kNotAsNeeded, {"p/m", "meeting"})}) ==
      "「p/m」は随時の項目ではないため、活動としては記録できません。回ごとに完了を記録してください"
      "。");
  CHECK(japanese(Error{"token 3 is revoked already", ErrorCode::invalid,
                       meaning_of(meaning::kRevokedAlready, {"token", "3"})}) ==
        "トークン 3 はすでに取り消されています。");
  CHECK(japanese(Error{"subscription 4 is revoked already", ErrorCode::invalid,
                       meaning_of(meaning::kRevokedAlready, {"subscription", "4"})}) ==
        "購読リンク 4 はすでに取り消されています。");
  // English pages show the store's message as it is.
  CHECK(page::refusal_text(http_error(Error{"a note needs text", ErrorCode::invalid,
                                            meaning_of(meaning::kNoteNeedsText)}),
                           Language::english)
            .text == "a note needs text");
}

TEST_CASE("a plan JSON that breaks the plan's own rules is refused in Japanese, each on its path") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const std::string plan =
      R"({"id": "p", "organisation": {"name": "東区役所"}, "initiative": "防災",
      "tasks": [
        {"id": "a", "title": "会議", "kind": "party"},
        {"id": "a", "title": "研修", "period": "夏期"},
        {"id": "-b", "title": "広報"},
        {"id": "c", "title": "点検", "when": "（毎月10日）", "series": "s"},
        {"id": "d", "title": "配布", "series": "bad id"},
        {"id": "e", "title": "準備", "period": "次年度以降", "when": "（4月）"},
        {"id": "f", "title": "相談", "measure": "m9"},
        {"id": "g", "title": "会議", "when": "（6月）", "series": "s2"},
        {"id": "h", "title": "会議", "when": "（6、7月）", "series": "s2"}],
      "progress": [{"period": "夏期", "text": "x"}, {"period": "前期", "text": "y", "task": "z"}]})";
  const auto taken =
      take_plan(*catalog, {.bytes = plan, .name = "p.json"}, kEditor, store::ImportMode::preview);
  REQUIRE_FALSE(taken.ok());
  const auto [japanese, english] = both(taken.error());
  CHECK(japanese.text ==
        "「p.json」を計画として読み取れません。\n"
        "plan.tasks[0].kind：「party」という種類はありません（meeting、campaign、deliverable、"
        "as-needed、next-yearのいずれか）。\n"
        "plan.tasks[1].period：期間「夏期」はありません（前期、中期、後期、次年度以降のいずれか）"
        "。\n"
        "plan.tasks[2].id：「-b」はIDとして使えません。半角英数字と . _ - の1～64文字で、. と - "
        "以外で始まるものにしてください。\n"
        "plan.tasks[3].series：シリーズ「s」に入れられるのは、（4、6月）のように月を並べた日程の"
        "項目だけです（日程は「（毎月10日）」です）。\n"
        "plan.tasks[4].series：「bad id」はIDとして使えません。半角英数字と . _ - の1～64文字で、"
        ". と - 以外で始まるものにしてください。\n"
        "plan.tasks[5].when：次年度以降の項目には、この年度の日程を書けません（「（4月）」と書か"
        "れています）。\n"
        "plan.tasks[6].measure：取組の内容「m9」はこの計画にありません。\n"
        "plan.tasks[1].id：ID「a」はplan.tasks[0]でも使われています。IDは重ならないようにしてく"
        "ださい。\n"
        "plan.tasks[8].when：6月はシリーズ「s2」のplan.tasks[7]にもあります。\n"
        "plan.progress[0].period：期間「夏期」はありません（前期、中期、後期のいずれか）。\n"
        "plan.progress[1].task：項目「z」はこの計画にありません。");
  CHECK(japanese.original.empty());
  // In English, each reason after the file's name, as the CLI prints it.
  CHECK(
      english.text ==
      "p.json: plan.tasks[0].kind: expected one of meeting, campaign, deliverable, as-needed, "
      "next-year, got \"party\"\n"
      "p.json: plan.tasks[1].period: unknown period \"夏期\", expected one of 前期, 中期, 後期, "
      "次年度以降\n"
      "p.json: plan.tasks[2].id: expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . or -, "
      "got \"-b\"\n"
      "p.json: plan.tasks[3].series: only a task dated by listed months (such as （4、6月）) can "
      "be part of a series, got when \"（毎月10日）\"\n"
      "p.json: plan.tasks[4].series: expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . "
      "or -, got \"bad id\"\n"
      "p.json: plan.tasks[5].when: a 次年度以降 task has no schedule in the fiscal year, got "
      "\"（4月）\"\n"
      "p.json: plan.tasks[6].measure: unknown measure \"m9\"\n"
      "p.json: plan.tasks[1].id: duplicate id \"a\" (also plan.tasks[0].id)\n"
      "p.json: plan.tasks[8].when: month 6 is already in series \"s2\" (plan.tasks[7])\n"
      "p.json: plan.progress[0].period: unknown period \"夏期\", expected one of 前期, 中期, 後期\n"
      "p.json: plan.progress[1].task: unknown task \"z\"");
  CHECK(english.original.empty());
}

TEST_CASE(
    "a plan JSON's meeting rules, calendar, periods, reminders and progress lines are refused in "
    "Japanese") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  const std::string plan =
      R"({"format_version": 2, "id": "p", "organisation": {"name": "東区役所"},
      "initiative": "防災", "issues": ["", 3], "time_zone": "Mars/Base",
      "periods": [{"name": "前期", "first_month": 4, "last_month": 9},
                  {"name": "後期", "first_month": 11, "last_month": 3}],
      "meeting_rule": {"week": 2, "weekday": "水", "day_of_month": 10, "start": "14:00"},
      "business_calendar": {"year_end_closure": {"first": "1229", "last": "01-03"},
                            "closed_days": [5, "2026/08/13"]},
      "reminders": {"meeting": {"before_days": [7, 7, 400]}, "send_time": "9時"},
      "tasks": [{"id": "a", "title": "会議", "when": "（6月）", "kind": "meeting",
                 "meeting_rule": {"week": 1, "weekday": "funday", "start": "25:00",
                                  "on_closed_day": "never"}}],
      "progress": [{"period": "前期", "text": "x", "months": [13], "score": 0.5},
                   {"period": "前期", "text": "y", "task": "a", "score": 2}]})";
  const auto taken =
      take_plan(*catalog, {.bytes = plan, .name = "p.json"}, kEditor, store::ImportMode::preview);
  REQUIRE_FALSE(taken.ok());
  const auto [japanese, english] = both(taken.error());
  CHECK(
      japanese.text ==
      "「p.json」を計画として読み取れません。\n"
      "plan.format_version：このtorikumiが読める計画のJSONは format_version 1 で、このファイルは 2 "
      "です。\n"
      "plan.issues[0]：空欄にはできません。\n"
      "plan.issues[1]：文字列が必要ですが、3（数値）が書かれています。\n"
      "plan."
      "periods：2番目の期間「後期」は10月から始まる必要があります（11月からになっています）。期間は"
      "年度の初めから順に、すき間なく並べてください。\n"
      "plan.time_zone：タイムゾーン「Mars/Base」はありません（日本なら Asia/Tokyo）。\n"
      "plan.meeting_rule：会議の日は、「第何週の何曜日」（week と "
      "weekday）か「毎月何日」（day_of_month）のどちらか一方で書いてください。\n"
      "plan.business_calendar.year_end_closure.first：月日は 12-29 "
      "のように「月-日」で書いてください（「1229」と書かれています）。\n"
      "plan.business_calendar.closed_days[0]：文字列が必要ですが、5（数値）が書かれています。\n"
      "plan.business_calendar.closed_days[1]：日付は 2026-08-13 "
      "のように「年-月-日」で書いてください（「2026/08/13」と書かれています）。\n"
      "plan.reminders.meeting.before_days[1]：「7」が2度書かれています。1度にしてください。\n"
      "plan.reminders.meeting.before_days[2]：0～366の整数が必要ですが、400 が書かれています。\n"
      "plan.reminders.send_time：時刻は 14:00 "
      "のように「時:分」で書いてください（「9時」と書かれています）。\n"
      "plan.tasks[0].meeting_rule.weekday：「funday」は曜日として読めません。monday～sunday か "
      "月～日 で書いてください。\n"
      "plan.tasks[0].meeting_rule.start：時刻は 14:00 "
      "のように「時:分」で書いてください（「25:00」と書かれています）。\n"
      "plan.tasks[0].meeting_rule.on_closed_"
      "day：閉庁日に当たったときの扱い「never」はありません（next_business_day：翌開庁日、previous_"
      "business_day：前開庁日、skip：開かない のいずれか）。\n"
      "plan.progress[0].months[0]：1～12の整数が必要ですが、13 が書かれています。\n"
      "plan.progress[0].score：一致度（score）は、項目（task）を指定した進捗の行にだけ書けます。\n"
      "plan.progress[1].score：0～1の数値が必要ですが、2 が書かれています。");
  CHECK(japanese.original.empty());
  CHECK(english.text ==
        "p.json: plan.format_version: this torikumi reads format_version 1, got 2\n"
        "p.json: plan.issues[0]: expected a non-empty string, got string \"\"\n"
        "p.json: plan.issues[1]: expected a non-empty string, got number 3\n"
        "p.json: plan.periods: period 2 (後期): expected to start in month 10, starts in 11\n"
        "p.json: plan.time_zone: unknown time zone \"Mars/Base\"\n"
        "p.json: plan.meeting_rule: expected either \"week\" and \"weekday\" or \"day_of_month\"\n"
        "p.json: plan.business_calendar.year_end_closure.first: expected a month and day MM-DD, "
        "got \"1229\"\n"
        "p.json: plan.business_calendar.closed_days[0]: expected a date YYYY-MM-DD, got number 5\n"
        "p.json: plan.business_calendar.closed_days[1]: expected a date YYYY-MM-DD, got "
        "\"2026/08/13\"\n"
        "p.json: plan.reminders.meeting.before_days[1]: lead time 7 days is listed twice\n"
        "p.json: plan.reminders.meeting.before_days[2]: expected a whole number of days from 0 to "
        "366, got number 400\n"
        "p.json: plan.reminders.send_time: expected a time HH:MM, got \"9時\"\n"
        "p.json: plan.tasks[0].meeting_rule.weekday: expected a weekday (monday..sunday or "
        "月..日), got \"funday\"\n"
        "p.json: plan.tasks[0].meeting_rule.start: expected a time HH:MM, got \"25:00\"\n"
        "p.json: plan.tasks[0].meeting_rule.on_closed_day: expected next_business_day, "
        "previous_business_day or skip, got \"never\"\n"
        "p.json: plan.progress[0].months[0]: expected a month from 1 to 12, got number 13\n"
        "p.json: plan.progress[0].score: a score is a match's, and this line names no task\n"
        "p.json: plan.progress[1].score: expected a number from 0 to 1, got number 2");
}

TEST_CASE("an agencies file's refusals are worded in Japanese, each after its path") {
  const auto read = read_agencies_json(
      R"({"agencies": [
          {"name": "企画総務課", "kind": "city_hall", "members": [
            {"email": "hanako", "role": "boss", "since": "2026-04-01", "until": "2026/03/31"},
            {"email": "jiro@example.org", "since": "2026-04-01", "until": "2026-03-31"}]},
          {"name": "企画総務課"}]})",
      "agencies");
  REQUIRE_FALSE(read.ok());
  std::vector<std::string> japanese;
  for (const Diagnostic& problem : read.error())
    japanese.push_back(problem.where + "：" +
                       page::japanese_sentence(problem.meaning).value_or("(none)"));
  CHECK(
      japanese ==
      std::vector<std::string>{
          "agencies.agencies[0].kind：「city_hall」という機関の種類はありません（ward_section、"
          "community_support_center、consultation_support、social_welfare_council、"
          "child_family_center、school、welfare_commissioner、otherのいずれか）。",
          "agencies.agencies[0].members[0].email：「hanako」はメールアドレスとして使えません。",
          "agencies.agencies[0].members[0].role：「boss」という役割はありません（contact：担当者、"
          "lead：責任者、member：構成員のいずれか）。",
          "agencies.agencies[0].members[0].until：日付は 2026-08-13 のように「年-月-日」で書いて"
          "ください（「2026/03/31」と書かれています）。",
          "agencies.agencies[0].members[1].until：終わりの日（2026-03-31）が始まりの日（2026-04-"
          "01）より前です。",
          "agencies.agencies[1].name：機関「企画総務課」が2度書かれています。"});
}

TEST_CASE("a meeting's participants refused are worded in Japanese, each on its path") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  json document = json::parse(R"({"id": "p", "organisation": {"name": "東区役所"},
      "initiative": "防災",
      "participants": [{"agency": "東区社会福祉協議会", "role": "boss"},
                       {"agency": "東区社会福祉協議会"}],
      "tasks": [{"id": "a", "title": "会議", "when": "（6月）", "kind": "meeting",
                 "participants": []},
                {"id": "b", "title": "周知", "when": "（4～3月）",
                 "participants": [{"agency": "東区地域包括支援センター"}]}]})");
  for (int i = 0; i <= 100; ++i)
    document["tasks"][0]["participants"].push_back({{"agency", "機関" + std::to_string(i)}});
  const auto taken = take_plan(*catalog, {.bytes = document.dump(), .name = "p.json"}, kEditor,
                               store::ImportMode::preview);
  REQUIRE_FALSE(taken.ok());
  const auto [japanese, english] = both(taken.error());
  CHECK(japanese.text ==
        "「p.json」を計画として読み取れません。\n"
        "plan.participants[0].role：「boss」という役割はありません（chair：事務局・会長、"
        "required：必須、optional：任意 のいずれか）。\n"
        "plan.participants[1].agency：機関「東区社会福祉協議会」はplan.participants[0]にも書かれ"
        "ています。1度にしてください。\n"
        "plan.tasks[0].participants：参加機関は100までです（101あります）。\n"
        "plan.tasks[1].participants：参加機関を書けるのは会議（meeting）の項目だけです（この項目"
        "の種類は「campaign」です）。");
  CHECK(english.text ==
        "p.json: plan.participants[0].role: expected chair (事務局, 会長), required (必須) or "
        "optional (任意), got \"boss\"\n"
        "p.json: plan.participants[1].agency: agency \"東区社会福祉協議会\" is listed already "
        "(plan.participants[0])\n"
        "p.json: plan.tasks[0].participants: expected at most 100 participants, got 101\n"
        "p.json: plan.tasks[1].participants: only a meeting task has participants, got kind "
        "\"campaign\"");
  // An occurrence's drop of an agency it does not have, as the store will refuse it.
  const auto dropped = occurrence_participants(
      {{"多機関協働担当", ParticipantRole::chair}},
      {{ParticipantChange::Kind::drop, "東区社会福祉協議会", ParticipantRole::required}});
  REQUIRE_FALSE(dropped.ok());
  CHECK(page::japanese_sentence(dropped.error().meaning) ==
        "機関「東区社会福祉協議会」はこの回の参加機関ではないため、外せません。");
}

TEST_CASE("an agenda item refused is worded in Japanese") {
  const std::vector<Participant> participants{{"多機関協働担当", ParticipantRole::chair},
                                              {"こども家庭センター", ParticipantRole::required}};
  const MeetingType& support = builtin_meeting_types()[1];
  const auto japanese = [&](std::string title, std::string presenter, int minutes,
                            std::vector<std::string> agencies) {
    const auto settled = settle_agenda_item({.title = std::move(title),
                                             .presenter = std::move(presenter),
                                             .minutes = minutes,
                                             .visibility = std::nullopt,
                                             .agencies = std::move(agencies)},
                                            support, participants);
    REQUIRE_FALSE(settled.ok());
    return page::japanese_sentence(settled.error().meaning).value_or("(none)");
  };
  CHECK(japanese(" ", "", 0, {}) == "議題の題名を書いてください。");
  CHECK(japanese("事例\n検討", "", 0, {}) == "議題の題名は1行で書いてください。");
  CHECK(japanese("事例", "民生委員", 0, {}) ==
        "説明する機関「民生委員」はこの回の参加機関ではありません。");
  CHECK(japanese("事例", "", 600, {}) == "議題の時間は0～480分で指定してください（600分でした）。");
  CHECK(japanese("事例", "", 0, {}) ==
        "指定した機関のみに公開する議題には、見られる機関を1つ以上選んでください。");
  CHECK(japanese("事例", "", 0, {"民生委員"}) ==
        "議題を見られる機関として指定した「民生委員」は、この回の参加機関ではありません。");
}

TEST_CASE("the directory's refusals are worded in Japanese, and kept in English") {
  store::testing::TemporaryDatabase database;
  auto opened = store::Store::open(database.path());
  REQUIRE(opened.ok());
  store::Store& store = *opened;
  const store::Actor admin{"管理者", kNow};
  const Recipient hanako{"東 花子", "hanako@example.org"};
  // Each refusal as a Japanese page and an English page say it.
  const auto said = [](const Error& error) {
    const auto [japanese, english] = both(http_error(error));
    CHECK(japanese.original.empty());
    return std::pair{japanese.text, english.text};
  };
  const auto entry_refusal = [&](std::optional<std::string_view> owner,
                                 const DirectoryEntry& entry) {
    const auto set = store.set_directory_entry(owner, entry, admin);
    REQUIRE_FALSE(set.ok());
    return said(set.error());
  };
  using Said = std::pair<std::string, std::string>;
  CHECK(entry_refusal(" ", {{hanako}, {}}) ==
        Said{"担当の名前を入力してください。",
             "an owner needs a name (the tasks without one take the unlisted entry)"});
  CHECK(entry_refusal(std::string(201, 'x'), {{hanako}, {}}) ==
        Said{"担当の名前が201バイトあります。200バイト以内にしてください（全角1文字はおよそ3バイ"
             "トです）。",
             "owner: expected at most 200 bytes, got 201"});
  CHECK(entry_refusal("地域\n福祉課", {{hanako}, {}}) ==
        Said{"担当の名前は、改行などの制御文字を含まない1行にしてください。",
             "owner: expected one line without control characters"});
  CHECK(entry_refusal("企画総務課", {{}, {hanako}}) ==
        Said{"担当「企画総務課」には宛先が1人以上必要です。",
             "owner \"企画総務課\": an entry needs a recipient"});
  CHECK(entry_refusal(std::nullopt, {{}, {}}) ==
        Said{"「名簿にない担当すべて」には宛先が1人以上必要です。",
             "the entry for owners not listed: an entry needs a recipient"});
  CHECK(entry_refusal("企画総務課", {{{"x", "x@y@z"}}, {}}) ==
        Said{"担当「企画総務課」の「x@y@z」はメールアドレスとして使えません。",
             "owner \"企画総務課\": expected an email address, got \"x@y@z\""});
  CHECK(entry_refusal("企画総務課", {{{std::string(201, 'x'), "a@example.org"}}, {}}) ==
        Said{"担当「企画総務課」に200バイトを超える氏名があります。短くしてください。",
             "owner \"企画総務課\": a name is at most 200 bytes"});
  CHECK(entry_refusal("企画総務課", {{hanako}, std::vector<Recipient>(51, hanako)}) ==
        Said{"担当「企画総務課」のエスカレーション先は50人までです（51人あります）。",
             "owner \"企画総務課\": escalation holds at most 50 people, got 51"});
  const auto missing = store.remove_directory_entry("どこか", admin);
  REQUIRE_FALSE(missing.ok());
  CHECK(said(missing.error()) ==
        Said{"担当「どこか」は名簿にありません（ほかの人が削除したのかもしれません）。",
             "owner \"どこか\" is not in the directory"});
  const auto emptied = store.replace_directory(Directory{}, admin, "config.json");
  REQUIRE_FALSE(emptied.ok());
  CHECK(said(emptied.error()) ==
        Said{"担当が一つもない名簿にすると、リマインダーがまったく送られなくなるため、置き換えませ"
             "ん。そうしたいときは、担当を一つずつ削除してください。",
             "a directory without an entry would send no reminder at all; remove entries one by "
             "one to mean that"});
  // A form's box with more people than a list holds, as the directory page refuses it: by its box.
  std::string lines;
  for (int i = 0; i < 51; ++i) lines += "a" + std::to_string(i) + "@example.org\n";
  const auto too_many = parse_recipient_lines(lines);
  REQUIRE_FALSE(too_many.ok());
  const HttpError box_refused{
      ErrorKind::unprocessable,
      "escalation: " + too_many.error().message,
      KnownRefusal::none,
      {},
      {{"escalation", too_many.error().message, std::nullopt, too_many.error().meaning}}};
  CHECK(both(box_refused).first.text == "エスカレーション先：1つの欄に書けるのは50人までです。");
  CHECK(both(box_refused).second.text == "escalation: expected at most 50 people");
  // A plan's owner file is read the same way: an owner's name at its path.
  const auto read = read_directory_json(R"({"owners": {"": {"recipients": []}}})", "directory");
  REQUIRE_FALSE(read.ok());
  CHECK(page::japanese_sentence(read.error().front().meaning) == "担当の名前を入力してください。");
}

TEST_CASE("a subscription the stored plans have no feed for is refused in Japanese") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  REQUIRE(take_plan(*catalog,
                    {.bytes = file_text("examples/higashi/plan.json"),
                     .name = "plan.json",
                     .expected_revision = 0},
                    kEditor, store::ImportMode::write)
              .ok());
  auto opened = store::Access::open(database.path());
  REQUIRE(opened.ok());
  auto access = AccessControl::create(std::move(*opened), [] { return kNow; });
  REQUIRE(access.ok());
  const auto secret = (*access)->create_token(store::Role::admin, "管理者", {"管理者", kNow});
  REQUIRE(secret.ok());
  const auto admin = (*access)->bearer(*secret);
  REQUIRE(admin);
  Gatekeeper gate{**access,
                  {.require_sign_in = true,
                   .metrics = MetricsAccess::loopback,
                   .secure_cookies = false,
                   .max_body_bytes = 1024,
                   .max_anonymous_body_bytes = 64},
                  [] { return kNow; }};
  struct Row {
    store::SubscriptionScope scope;
    std::string japanese;
    std::string english;
  };
  const Row rows[] = {
      {{"higashi-kyosei", "山田", ""},
       "取組「higashi-kyosei」に担当「山田」の項目はありません。",
       "no task of the owner \"山田\" in the plan \"higashi-kyosei\""},
      {{"", "", "西区役所"},
       "組織「西区役所」の取組はありません。",
       "no plan of the organisation \"西区役所\""},
      {{"nishi", "", ""}, "取組「nishi」はありません。", "unknown plan \"nishi\""},
      {{"", "地域福祉課", ""},
       "担当のカレンダー購読リンクには、その担当の項目がある取組が必要です。",
       "an owner's subscription needs the plan of the owner's tasks"},
      {{"higashi-kyosei", "", "東区役所"},
       "カレンダー購読リンクは、取組、組織、機関、個人のいずれか一つのものです。二つ以上は指定で"
       "きません。",
       "a subscription is of one of a plan, an organisation, an agency and a person, not "
       "several"},
      {{"", "", ""},
       "カレンダー購読リンクには、取組、組織、機関、個人のいずれかを指定してください。",
       "a subscription needs a plan, an organisation, an agency or a person"},
      {{.plan = "", .owner = "", .organisation = "", .agency = "", .person = "x@example.org"},
       "メールアドレス「x@example.org」の人は、どの機関にも登録されていません。",
       "no agency has a member with the address \"x@example.org\""},
      {{.plan = "", .owner = "", .organisation = "", .agency = "西区社会福祉協議会", .person = ""},
       "機関「西区社会福祉協議会」はありません。",
       "no agency \"西区社会福祉協議会\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.english);
    const auto made = gate.subscribe(*admin, row.scope, "");
    REQUIRE_FALSE(made.ok());
    CHECK(made.error().kind == ErrorKind::unprocessable);
    const auto [japanese, english] = both(made.error());
    CHECK(japanese.text == row.japanese);
    CHECK(japanese.original.empty());
    CHECK(english.text == row.english);
  }
  CHECK(page::japanese_sentence(meaning_of(store::store_meaning::kMakerRevoked, {"7"})) ==
        "トークン 7 は取り消されています。サインインし直してください。");
}

// The edit form's alert and the English under it, if any.
std::string alert_of(const std::string& page) {
  const std::size_t begin = page.find("<p class=\"alert\" role=\"alert\">");
  if (begin == std::string::npos) return {};
  return page.substr(begin, page.find("<form", begin) - begin);
}

TEST_CASE("an edit refused shows why on the form in the page's language") {
  store::testing::TemporaryDatabase database;
  auto catalog = testing::catalog_with(database.path(), "examples/higashi/plan.json");
  const SnapshotPointer snapshot = catalog->find("higashi-kyosei");
  REQUIRE(snapshot);
  const Task& task = *snapshot->plan->find_task("support-plan");
  const std::map<std::string, std::string> entered{{"when", "（13月）"}};
  const auto when =
      edit_task(*catalog, "higashi-kyosei", "support-plan", {{"when", "（13月）"}}, kEditor, 1);
  REQUIRE_FALSE(when.ok());
  CHECK(alert_of(render_task_edit_page(*snapshot, task, &entered, &when.error(),
                                       context_in(Language::japanese))) ==
        "<p class=\"alert\" role=\"alert\">日程：「（13月）」の2文字目の「13」という月はありません"
        "（1～12月）。</p>\n");
  CHECK(alert_of(render_task_edit_page(*snapshot, task, &entered, &when.error(),
                                       context_in(Language::english))) ==
        "<p class=\"alert\" role=\"alert\">when: unknown month &quot;13&quot; at character 2 in "
        "&quot;（13月）&quot;</p>\n");
  const auto kind =
      edit_task(*catalog, "higashi-kyosei", "support-plan", {{"kind", "party"}}, kEditor, 1);
  REQUIRE_FALSE(kind.ok());
  CHECK(alert_of(render_task_edit_page(*snapshot, task, nullptr, &kind.error(),
                                       context_in(Language::japanese))) ==
        "<p class=\"alert\" role=\"alert\">種類：「party」という種類はありません（meeting、"
        "campaign、deliverable、as-needed、next-yearのいずれか）。</p>\n");
  CHECK(alert_of(render_task_edit_page(*snapshot, task, nullptr, &kind.error(),
                                       context_in(Language::english))) ==
        "<p class=\"alert\" role=\"alert\">kind: expected one of meeting, campaign, deliverable, "
        "as-needed, next-year, got &quot;party&quot;</p>\n");
  // A field an edit does not set is not one the pages have words for: the lead-in, then the
  // English.
  const auto title =
      edit_task(*catalog, "higashi-kyosei", "support-plan", {{"title", "x"}}, kEditor, 1);
  REQUIRE_FALSE(title.ok());
  CHECK(alert_of(render_task_edit_page(*snapshot, task, nullptr, &title.error(),
                                       context_in(Language::japanese))) ==
        "<p class=\"alert\" role=\"alert\">この内容では記録できません。</p><p class=\"meta\" "
        "lang=\"en\">&quot;title&quot;: not a field an edit sets; expected when, kind, owner or "
        "meeting_rule</p>\n");
  // A task no longer in the plan: the store's words for an unknown task.
  const auto gone = edit_task(*catalog, "higashi-kyosei", "nothing", {{"owner", "係"}}, kEditor, 1);
  REQUIRE_FALSE(gone.ok());
  CHECK(page::refusal_text(gone.error(), Language::japanese).text ==
        "取組「higashi-kyosei」に項目「nothing」はありません。");
  CHECK(page::refusal_text(gone.error(), Language::english).text ==
        "plan \"higashi-kyosei\" has no task \"nothing\"");
  // Someone changed the plan meanwhile: the store's refusal.
  REQUIRE(
      edit_task(*catalog, "higashi-kyosei", "support-plan", {{"owner", "係"}}, kEditor, 1).ok());
  const auto stale = edit_plan(*catalog, "higashi-kyosei", {{"meeting_rule", ""}}, kEditor, 1);
  REQUIRE_FALSE(stale.ok());
  CHECK(alert_of(render_plan_edit_page(*snapshot, nullptr, &stale.error(),
                                       context_in(Language::japanese))) ==
        "<p class=\"alert\" role=\"alert\">取組「higashi-kyosei」は、このページを開いた後にほかの"
        "人が変更しました（改訂1から改訂2へ）。ページを開き直し、変更を確かめてからもう一度行っ"
        "てください。</p>\n");
  const auto rule =
      edit_plan(*catalog, "higashi-kyosei", {{"meeting_rule", "第2水曜日 25:00 90分"}}, kEditor, 2);
  REQUIRE_FALSE(rule.ok());
  CHECK(alert_of(render_plan_edit_page(*snapshot, nullptr, &rule.error(),
                                       context_in(Language::japanese))) ==
        "<p class=\"alert\" role=\"alert\">会議の日時・場所：時刻「25:00」を読み取れません。14:00か"
        "14時30分のように書いてください。</p>\n");
}

TEST_CASE(
    "the preview and the plan page list the sheet's warnings by line in the page's language") {
  store::testing::TemporaryDatabase database;
  auto catalog = empty_catalog(database.path());
  std::string summer = file_text("tests/data/sheets/higashi.txt");
  summer.replace(summer.find("（4、6月）"), std::string{"（4、6月）"}.size(), "（夏頃）");
  const PlanUpload upload{.bytes = summer, .name = "summer.txt", .lenient = true};
  const auto previewed = take_plan(*catalog, upload, kEditor, store::ImportMode::preview);
  REQUIRE(previewed.ok());
  REQUIRE(previewed->loaded.warnings.size() == 1);
  const std::size_t line = previewed->loaded.warnings[0].line;
  const std::string japanese_item =
      "<li>" + std::to_string(line) +
      "行目：「（夏頃）」は読めません。季節は読まないため、（7～8月）のように月で書いてください。 "
      "<strong>（日程を読み取れません）</strong>";
  const std::string english_item = "<li><code>summer.txt:" + std::to_string(line) +
                                   "</code> schedule &quot;（夏頃）&quot; not understood: ";
  const PreviewForm form{.data = "", .name = "summer.txt"};
  CHECK(render_preview_page(*previewed, form, context_in(Language::japanese)).find(japanese_item) !=
        std::string::npos);
  CHECK(render_preview_page(*previewed, form, context_in(Language::english)).find(english_item) !=
        std::string::npos);

  const auto stored = take_plan(*catalog, upload, kEditor, store::ImportMode::write);
  REQUIRE(stored.ok());
  const SnapshotPointer snapshot = catalog->find(stored->summary.plan);
  REQUIRE(snapshot);
  const std::string plan_item = "<li>" + std::to_string(line) + "行目：「（夏頃）」は読めません。";
  CHECK(render_plan_page(*snapshot, context_in(Language::japanese)).find(plan_item) !=
        std::string::npos);
  CHECK(render_plan_page(*snapshot, context_in(Language::english)).find(english_item) !=
        std::string::npos);
}

}  // namespace
}  // namespace torikumi::http
