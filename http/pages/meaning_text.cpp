#include "http/pages/meaning_text.hpp"

#include <string_view>

#include "engine/base/json_reader.hpp"
#include "engine/calendar/calendar_meaning.hpp"
#include "engine/meetings/meetings_meaning.hpp"
#include "engine/plan/directory.hpp"
#include "engine/plan/meeting_rule_text.hpp"
#include "engine/plan/plan_meaning.hpp"
#include "engine/schedule/when_meaning.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"
#include "http/meetings/meetings_http_meaning.hpp"
#include "http/pages/labels.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::http::page {

namespace {

// A meaning's subjects by position, and the sentence of its causes.
class Said {
 public:
  Said(const Meaning& meaning, std::string causes)
      : subjects_(meaning.subjects), causes_(std::move(causes)) {}

  // REQUIRES: index < the entry's count of subjects (japanese_sentence checks).
  const std::string& operator[](std::size_t index) const { return subjects_[index]; }
  // 「subject」
  std::string quoted(std::size_t index) const { return "「" + subjects_[index] + "」"; }
  // The subjects from `first` on, each quoted, joined with 、.
  std::string quoted_from(std::size_t first) const {
    std::string out;
    for (std::size_t i = first; i < subjects_.size(); ++i)
      out += (i > first ? "、" : "") + quoted(i);
    return out;
  }
  // The subjects from `first` on, joined with 、.
  std::string listed_from(std::size_t first) const {
    std::string out;
    for (std::size_t i = first; i < subjects_.size(); ++i)
      out += (i > first ? "、" : "") + subjects_[i];
    return out;
  }
  const std::string& causes() const { return causes_; }

  // A when-expression's problem: 「（13月）」の2文字目 (its text, then its character).
  std::string at() const { return quoted(0) + "の" + subjects_[1] + "文字目"; }
  // What the parser found where it expected something: （「x」と書かれています）; nothing at the
  // end of the text or of its brackets.
  std::string found(std::size_t index) const {
    const std::string& got = subjects_[index];
    if (got.empty() || got == ")" || got == "）") return {};
    return "（" + quoted(index) + "と書かれています）";
  }

 private:
  const std::vector<std::string>& subjects_;
  std::string causes_;
};

// A directory's entry, by the owner at `index`: 担当「企画総務課」, or the entry of the owners
// not listed when it is empty.
std::string entry_words(const Said& said, std::size_t index) {
  return said[index].empty() ? std::string{"「名簿にない担当すべて」"}
                             : "担当" + said.quoted(index);
}

// What a JSON value is, as describe_json gives it (`number 3`, `string "abc"`), in Japanese:
// 3（数値）, "abc"（文字列）.
std::string json_value_words(const std::string& described) {
  constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"number", "数値"}, {"string", "文字列"},       {"boolean", "真偽値"},
      {"array", "配列"},  {"object", "オブジェクト"}, {"null", ""}};
  const std::size_t space = described.find(' ');
  if (space == std::string::npos) return described;
  const std::string_view type = std::string_view{described}.substr(0, space);
  for (const auto& [name, words] : kTypes) {
    if (name != type) continue;
    const std::string value = described.substr(space + 1);
    return words.empty() ? value : value + "（" + std::string{words} + "）";
  }
  return described;
}

using Sentence = std::string (*)(const Said&);

struct Entry {
  std::string_view code;
  std::size_t subjects;  // how many it needs
  Sentence sentence;
};

// Every meaning the pages word, by family. Sentences end in 。; a meaning with causes places
// their sentences (Said::causes).
constexpr Entry kEntries[] = {
    // When-expressions: text, character, then the code's own subjects.
    {when_meaning::kUnmatchedBracket, 3,
     [](const Said& s) { return s.at() + "の" + s.quoted(2) + "に対応する括弧がありません。"; }},
    {when_meaning::kNoSchedule, 2,
     [](const Said& s) { return s.quoted(0) + "に日程が書かれていません。"; }},
    {when_meaning::kExpectedWeekday, 3,
     [](const Said& s) {
       return s.at() + "には曜日（月火水木金土日）が必要です" + s.found(2) + "。";
     }},
    {when_meaning::kExpectedDayMark, 3,
     [](const Said& s) { return s.at() + "には「日」が必要です" + s.found(2) + "。"; }},
    {when_meaning::kExpectedWeek, 3,
     [](const Said& s) {
       return s.at() + "には週の番号（第1～第5）が必要です" + s.found(2) + "。";
     }},
    {when_meaning::kExpectedMonth, 3,
     [](const Said& s) { return s.at() + "には月が必要です" + s.found(2) + "。"; }},
    {when_meaning::kExpectedDay, 3,
     [](const Said& s) { return s.at() + "には日が必要です" + s.found(2) + "。"; }},
    {when_meaning::kExpectedDate, 3,
     [](const Said& s) {
       return s.at() + "の" + s.quoted(2) +
              "に日がありません。日付を並べるときは、7月20日のようにどれも日まで書いてください。";
     }},
    {when_meaning::kTimesPerMonth, 3,
     [](const Said& s) {
       return s.quoted(0) + "の「月" + s[2] +
              "回」は読めません。月1回か月2回（月の前半と後半に1回ずつ）と書いてください。毎週の"
              "会議なら、毎週金曜日のように曜日を書いてください。";
     }},
    {when_meaning::kTimesPerYear, 3,
     [](const Said& s) {
       return s.quoted(0) + "の「年" + s[2] +
              "回」は読めません。回数は12を割り切れる数（1、2、3、4、6、12）にしてください。";
     }},
    {when_meaning::kUnknownDay, 3,
     [](const Said& s) {
       return s.at() + "の「" + s[2] + "日」という日はありません（1～31日）。";
     }},
    {when_meaning::kUnknownDayOfMonth, 4,
     [](const Said& s) {
       return s.at() + "の「" + s[2] + "日」は、" + s[3] + "月にはありません。";
     }},
    {when_meaning::kUnknownQuarter, 3,
     [](const Said& s) {
       return s.quoted(0) + "の「第" + s[2] + "四半期」はありません（第1～第4四半期）。";
     }},
    {when_meaning::kUnknownWeek, 3,
     [](const Said& s) {
       return s.at() + "の「第" + s[2] + "」という週はありません（第1～第5）。";
     }},
    {when_meaning::kDuplicateWeek, 3,
     [](const Said& s) { return s.quoted(0) + "に第" + s[2] + "週が2回書かれています。"; }},
    {when_meaning::kUnknownMonth, 3,
     [](const Said& s) {
       return s.at() + "の" + s.quoted(2) + "という月はありません（1～12月）。";
     }},
    {when_meaning::kDuplicateMonth, 3,
     [](const Said& s) { return s.quoted(0) + "に" + s[2] + "月が2回書かれています。"; }},
    {when_meaning::kDuplicateDay, 3,
     [](const Said& s) { return s.quoted(0) + "に" + s.quoted(2) + "が2回書かれています。"; }},
    {when_meaning::kUnknownInterval, 3,
     [](const Said& s) {
       return s.quoted(0) + "の「" + s[2] + "か月ごと」は読めません（1～12か月）。";
     }},
    {when_meaning::kUnknownYear, 3,
     [](const Said& s) {
       return s.at() + "の「" + s[2] +
              "年」は年として読めません。2026年のように4桁で書いてください。";
     }},
    {when_meaning::kUnrecognised, 3,
     [](const Said& s) { return s.at() + "からの" + s.quoted(2) + "は日程として読めません。"; }},
    {when_meaning::kExceptionsNotRead, 3,
     [](const Said& s) {
       return s.quoted(0) +
              "は読めません。休みなどの例外は読まないため、（4、5、6、7、9月）のように行う月を並べ"
              "てください。";
     }},
    {when_meaning::kSeasonsNotRead, 3,
     [](const Said& s) {
       return s.quoted(0) +
              "は読めません。季節は読まないため、（7～8月）のように月で書いてください。";
     }},
    {when_meaning::kCountNotOneNumber, 3,
     [](const Said& s) {
       return s.quoted(0) +
              "は読めません。回数は年2回、年4回のように一つの数で書くか、行う月を並べてください。";
     }},
    {when_meaning::kMonthMarkMissing, 2,
     [](const Said& s) {
       return s.quoted(0) + "には「月」がないため、日程として読みません。日程なら" + s.quoted(1) +
              "のように書いてください。";
     }},
    {when_meaning::kEndsBeforeStart, 1,
     [](const Said& s) { return s.quoted(0) + "は始まる前に終わっています。"; }},
    {when_meaning::kCrossesYearEnd, 4,
     [](const Said& s) {
       return s.quoted(0) + "は年度末（" + s[1] + "月）をまたいでいます。（" + s[2] + "）と（" +
              s[3] + "）の2行に分け、（" + s[3] + "）は次年度以降に書いてください。";
     }},
    {when_meaning::kOtherFiscalYear, 2,
     [](const Said& s) { return s[0] + "はこの計画の年度（" + s[1] + "）ではありません。"; }},
    {when_meaning::kMonthOutsideYear, 3,
     [](const Said& s) {
       return s[0] + "はこの計画の年度（" + s[1] + "）に含まれません。（" + s[2] +
              "月）のように月だけを書いてください。";
     }},
    {when_meaning::kNoSuchDay, 3,
     [](const Said& s) {
       return s[1] + "に" + s[0] + "はありません（" + s[2] + "年はうるう年ではありません）。";
     }},

    // A meeting rule typed on an edit form.
    {meeting_rule_meaning::kParts, 2,
     [](const Said& s) {
       return "曜日・時刻・長さを" + s.quoted(1) + "のように空白で区切って書いてください（" +
              s.quoted(0) + "と書かれています）。";
     }},
    {meeting_rule_meaning::kDay, 1,
     [](const Said& s) {
       return "日" + s.quoted(0) +
              "を読み取れません。第2水曜日（第1～第5）か毎月10日（1～31日）のように書いてください"
              "。";
     }},
    {meeting_rule_meaning::kTime, 1,
     [](const Said& s) {
       return "時刻" + s.quoted(0) + "を読み取れません。14:00か14時30分のように書いてください。";
     }},
    {meeting_rule_meaning::kLength, 1,
     [](const Said& s) {
       return "長さ" + s.quoted(0) + "を読み取れません。90分か1時間30分のように書いてください。";
     }},

    // A sheet's warnings.
    {sheet_meaning::kUnrecognisedRow, 1,
     [](const Said& s) { return s.quoted(0) + "は読み取れない行です。"; }},
    {sheet_meaning::kTitleYearOutOfRange, 1,
     [](const Said& s) {
       return "表題の年度" + s[0] + "は1949～2099年度の範囲外のため、年度を決めずに読み込みます。";
     }},
    {sheet_meaning::kUnknownPeriod, 2,
     [](const Said& s) {
       return s[1] + "の期間" + s.quoted(0) + "は読み取れないため、この行を読み飛ばします（" +
              s.listed_from(2) + "のいずれかを書いてください）。";
     }},
    {sheet_meaning::kPeriodEndDiffers, 4,
     [](const Said& s) {
       return "期間" + s.quoted(0) + "は" + s[1] + "月までとなっていますが、この計画の" + s[2] +
              "は" + s[3] + "月までです。この計画の" + s[2] + "として読みます。";
     }},
    {sheet_meaning::kKpiBaseline, 1,
     [](const Said& s) {
       return "KPIの基準値" + s.quoted(0) +
              "を読み取れません。【2024年度：35（件）】のように年度と値を書いてください。";
     }},
    {sheet_meaning::kKpiName, 1,
     [](const Said& s) {
       return "KPI" + s.quoted(0) +
              "の名前を読み取れません。基準値の前に指標の名前を書いてください。";
     }},
    {sheet_meaning::kKpiTarget, 1,
     [](const Said& s) {
       return "KPIの目標値" + s.quoted(0) +
              "を読み取れません。目標値（2029年度） 50 のように年度と値を書いてください。";
     }},
    {sheet_meaning::kSdgGoal, 1,
     [](const Said& s) {
       return "SDGsのゴール" + s.quoted(0) +
              "を読み取れません。1～17のゴール番号を書いてください。";
     }},
    {sheet_meaning::kTextBeforeFirstMeasure, 1,
     [](const Said& s) {
       return "取組の内容で最初の○より前にある" + s.quoted(0) +
              "は、一つの取組内容として残します。";
     }},
    {sheet_meaning::kWrittenAgain, 2,
     [](const Said& s) {
       return s.quoted(0) + "が2回以上書かれているため、IDを" + s.quoted(1) + "にしました。";
     }},
    {sheet_meaning::kBracketNeverClosed, 3,
     [](const Said& s) {
       return s.quoted(2) + "の" + s[1] + "文字目の" + s.quoted(0) + "が閉じられていません。";
     }},
    {sheet_meaning::kBracketNeverOpened, 3,
     [](const Said& s) {
       return s.quoted(2) + "の" + s[1] + "文字目の" + s.quoted(0) +
              "に対応する開き括弧がありません。";
     }},
    // The parser's sentence names the group already.
    {sheet_meaning::kScheduleNotUnderstood, 1,
     [](const Said& s) {
       return s.causes().empty() ? "日程" + s.quoted(0) + "を読み取れません。" : s.causes();
     }},
    {sheet_meaning::kScheduleRefused, 1,
     [](const Said& s) {
       return "日程" + s.quoted(0) + "は使えません。" + s.causes() + "この取組は日付なしにします。";
     }},
    {sheet_meaning::kUntitledScheduleItem, 1,
     [](const Said& s) {
       return "スケジュールの項目" + s.quoted(0) + "には日程のほかに文がないため、読み飛ばします。";
     }},
    {sheet_meaning::kUntitledProgressLine, 1,
     [](const Said& s) {
       return "進捗の行" + s.quoted(0) + "には日程のほかに文がないため、読み飛ばします。";
     }},
    {sheet_meaning::kNextYearDated, 2,
     [](const Said& s) {
       return "次年度以降の項目" + s.quoted(0) + "に日程" + s.quoted(1) +
              "が書かれていますが、次年度以降の項目には日付を付けません。";
     }},
    {sheet_meaning::kSeveralSchedules, 2,
     [](const Said& s) {
       return s.quoted(0) + "に日程が複数（" + s.quoted_from(1) +
              "）あります。最初のものを使います。";
     }},
    {sheet_meaning::kMonthListedAgain, 3,
     [](const Said& s) {
       return s.quoted(0) + "の" + s[1] + "月は" + s[2] +
              "行目にも書かれているため、これらの行を一つの続いた予定にはまとめません。";
     }},
    {sheet_meaning::kNextYearProgress, 1,
     [](const Said& s) { return s.quoted(0) + "は次年度以降の進捗のため、記録しません。"; }},

    // Why a plan's bytes do not read.
    {sheet_meaning::kNotASheet, 0,
     [](const Said&) {
       return std::string{
           "重要取組シートではないようです。「スケジュール」の欄も「取組項目」の行も見つかりませ"
           "んでした。"};
     }},
    {sheet_meaning::kNoInitiative, 0,
     [](const Said&) {
       return std::string{"取組項目がありません。「取組項目」の行がないか、空欄です。"};
     }},
    {sheet_meaning::kNoOrganisation, 0,
     [](const Said&) {
       return std::string{
           "組織名がありません。「取組項目」の行より前に、東区役所のような役所の名前を1行で書いて"
           "ください。"};
     }},
    {sheet_meaning::kEmptyFile, 0,
     [](const Said&) {
       return std::string{"ファイルが空です。計画のJSONか重要取組シートを選んでください。"};
     }},
    {sheet_meaning::kOldWorkbook, 0,
     [](const Said&) {
       return std::string{
           "Excel 97-2003形式のブック（.xls）とパスワード付きのブックは読めません。パスワードなし"
           "の.xlsx形式で保存し直してください。"};
     }},
    {sheet_meaning::kBrokenWorkbook, 1,
     [](const Said& s) {
       return "Excelのブック（.xlsx）として読み取れません。ファイルが壊れているおそれがあります（" +
              s[0] + "）。";
     }},
    {sheet_meaning::kEmptyWorksheet, 1,
     [](const Said& s) { return "ブックの最初のシート" + s.quoted(0) + "に文字がありません。"; }},
    {kInvalidUtf8Meaning, 1,
     [](const Said& s) {
       return s[0] +
              "バイト目が文字として読めません。シートは.xlsx形式か、UTF-8のテキスト（.txt）で保存"
              "してください。";
     }},

    // A plan JSON's problems, after the path where they are.
    {json_meaning::kInvalidJson, 1,
     [](const Said& s) { return "JSONとして読み取れません（" + s[0] + "）。"; }},
    {json_meaning::kMissing, 0,
     [](const Said&) { return std::string{"必須の項目がありません。"}; }},
    {json_meaning::kUnknownField, 0,
     [](const Said&) { return std::string{"計画のJSONにない項目です。"}; }},
    {json_meaning::kExpectedObject, 1,
     [](const Said& s) {
       return "オブジェクトが必要ですが、" + json_value_words(s[0]) + "が書かれています。";
     }},
    {json_meaning::kExpectedArray, 1,
     [](const Said& s) {
       return "配列が必要ですが、" + json_value_words(s[0]) + "が書かれています。";
     }},
    {json_meaning::kExpectedString, 1,
     [](const Said& s) {
       return "文字列が必要ですが、" + json_value_words(s[0]) + "が書かれています。";
     }},
    {json_meaning::kExpectedText, 1,
     [](const Said&) { return std::string{"空欄にはできません。"}; }},
    {json_meaning::kExpectedInteger, 1,
     [](const Said& s) {
       return "整数が必要ですが、" + json_value_words(s[0]) + "が書かれています。";
     }},
    {json_meaning::kIntegerRange, 3,
     [](const Said& s) {
       return s[0] + "～" + s[1] + "の整数が必要ですが、" + s[2] + " が書かれています。";
     }},
    {json_meaning::kExpectedBoolean, 1,
     [](const Said& s) { return "true か false を指定してください（" + s[0] + " でした）。"; }},
    {json_meaning::kExpectedNumber, 1,
     [](const Said& s) {
       return "数値が必要ですが、" + json_value_words(s[0]) + "が書かれています。";
     }},
    {json_meaning::kNumberRange, 3,
     [](const Said& s) {
       return s[0] + "～" + s[1] + "の数値が必要ですが、" + s[2] + " が書かれています。";
     }},
    {json_meaning::kExpectedTime, 1,
     [](const Said& s) {
       return "時刻は 14:00 のように「時:分」で書いてください（" + s.quoted(0) +
              "と書かれています）。";
     }},
    {json_meaning::kExpectedDate, 1,
     [](const Said& s) {
       return "日付は 2026-08-13 のように「年-月-日」で書いてください（" + s.quoted(0) +
              "と書かれています）。";
     }},
    {json_meaning::kExpectedMonthDay, 1,
     [](const Said& s) {
       return "月日は 12-29 のように「月-日」で書いてください（" + s.quoted(0) +
              "と書かれています）。";
     }},
    {json_meaning::kListedTwice, 1,
     [](const Said& s) { return s.quoted(0) + "が2度書かれています。1度にしてください。"; }},

    // A plan JSON's own rules, after the path where they are broken.
    {plan_meaning::kInvalidId, 1,
     [](const Said& s) {
       return s.quoted(0) +
              "はIDとして使えません。半角英数字と . _ - の1～64文字で、. と - 以外で始まるものにし"
              "てください。";
     }},
    {plan_meaning::kDuplicateId, 2,
     [](const Said& s) {
       return "ID" + s.quoted(0) + "は" + s[1] +
              "でも使われています。IDは重ならないようにしてく"
              "ださい。";
     }},
    {plan_meaning::kUnknownKind, 1,
     [](const Said& s) {
       return s.quoted(0) + "という種類はありません（" + s.listed_from(1) + "のいずれか）。";
     }},
    {plan_meaning::kUnknownPeriod, 1,
     [](const Said& s) {
       return "期間" + s.quoted(0) + "はありません（" + s.listed_from(1) + "のいずれか）。";
     }},
    {plan_meaning::kSeriesNeedsMonths, 2,
     [](const Said& s) {
       return "シリーズ" + s.quoted(0) +
              "に入れられるのは、（4、6月）のように月を並べた日程の項目だけです（" +
              (s[1].empty() ? std::string{"日程が書かれていません"}
                            : "日程は" + s.quoted(1) + "です") +
              "）。";
     }},
    {plan_meaning::kSeriesMonthTwice, 3,
     [](const Said& s) {
       return s[0] + "月はシリーズ" + s.quoted(1) + "の" + s[2] + "にもあります。";
     }},
    {plan_meaning::kNextYearDated, 1,
     [](const Said& s) {
       return "次年度以降の項目には、この年度の日程を書けません（" + s.quoted(0) +
              "と書かれています）。";
     }},
    {plan_meaning::kDayOrWeekday, 0,
     [](const Said&) {
       return std::string{
           "会議の日は、「第何週の何曜日」（week と weekday）か「毎月何日」（day_of_month）の"
           "どちらか一方で書いてください。"};
     }},
    {plan_meaning::kUnknownWeekday, 1,
     [](const Said& s) {
       return s.quoted(0) +
              "は曜日として読めません。monday～sunday か 月～日 で書いてください。";
     }},
    {plan_meaning::kUnknownOnClosedDay, 1,
     [](const Said& s) {
       return "閉庁日に当たったときの扱い" + s.quoted(0) +
              "はありません（next_business_day：翌開庁日、previous_business_day：前開庁日、"
              "skip：開かない のいずれか）。";
     }},
    {plan_meaning::kScoreNeedsTask, 0,
     [](const Said&) {
       return std::string{"一致度（score）は、項目（task）を指定した進捗の行にだけ書けます。"};
     }},
    {plan_meaning::kFormatVersion, 2,
     [](const Said& s) {
       return "このtorikumiが読める計画のJSONは format_version " + s[0] + " で、このファイルは " +
              s[1] + " です。";
     }},
    {plan_meaning::kUnknownMeasure, 1,
     [](const Said& s) { return "取組の内容" + s.quoted(0) + "はこの計画にありません。"; }},
    {plan_meaning::kUnknownTask, 1,
     [](const Said& s) { return "項目" + s.quoted(0) + "はこの計画にありません。"; }},

    // A meeting's participants, in a plan JSON or an occurrence's changes.
    {meetings_meaning::kParticipantsNeedMeeting, 1,
     [](const Said& s) {
       return "参加機関を書けるのは会議（meeting）の項目だけです（この項目の種類は" + s.quoted(0) +
              "です）。";
     }},
    {meetings_meaning::kParticipantTwice, 2,
     [](const Said& s) {
       return "機関" + s.quoted(0) + "は" + s[1] + "にも書かれています。1度にしてください。";
     }},
    {meetings_meaning::kUnknownParticipantRole, 1,
     [](const Said& s) {
       return s.quoted(0) +
              "という役割はありません（chair：事務局・会長、required：必須、optional：任意 の"
              "いずれか）。";
     }},
    {meetings_meaning::kTooManyParticipants, 2,
     [](const Said& s) {
       return "参加機関は" + s[0] + "までです（" + s[1] + "あります）。";
     }},
    {meetings_meaning::kNotAParticipant, 1,
     [](const Said& s) {
       return "機関" + s.quoted(0) + "はこの回の参加機関ではないため、外せません。";
     }},
    {meetings_meaning::kUnknownItemVisibility, 1,
     [](const Said& s) {
       return "議題の公開範囲は participants（参加機関すべて）か named_agencies（指定した機関のみ）"
              "です（" +
              s.quoted(0) + "でした）。";
     }},
    {meetings_meaning::kTooManyMeetingTypes, 2,
     [](const Said& s) {
       return "会議の種類は" + s[0] + "件までです（" + s[1] + "件ありました）。";
     }},
    {meetings_meaning::kBuiltinMeetingType, 1,
     [](const Said& s) {
       return "会議の種類" + s.quoted(0) + "は組み込みのものです。別の名前にしてください。";
     }},
    {meetings_meaning::kMeetingTypeTwice, 2,
     [](const Said& s) {
       return "会議の種類" + s.quoted(0) + "はすでに" + s[1] + "にあります。";
     }},
    {meetings_meaning::kUnknownMeetingType, 1,
     [](const Said& s) {
       return "会議の種類" + s.quoted(0) +
              "はありません。定例会議、支援会議、重層的支援会議か、計画の meeting_types "
              "にある名前を指定してください。";
     }},
    {meetings_meaning::kMeetingTypeNeedsMeeting, 1,
     [](const Said& s) {
       return "会議の種類を持てるのは会議（meeting）の項目だけです（種類は" + s.quoted(0) +
              "でした）。";
     }},

    // Agenda items.
    {meetings_meaning::kAgendaNeedsMeeting, 1,
     [](const Said& s) {
       return "議題を持てるのは会議（meeting）の回だけです（この項目の種類は" + s.quoted(0) +
              "です）。";
     }},
    {meetings_meaning::kAttendanceTwice, 1,
     [](const Said& s) { return "出欠に" + s.quoted(0) + "が2度あります。"; }},
    {meetings_meaning::kProxyNameNeeded, 2,
     [](const Said& s) {
       return s[0] + "さんの代理で出席された方のお名前を、1行・" + s[1] +
              "バイト以内で書いてください。";
     }},
    {meetings_meaning::kMinutesState, 1,
     [](const Said& s) {
       const std::string state = s[0] == "approved"    ? "承認済みで確定しています。訂正するには、理由を書いて新しい版を作ってください"
                                 : s[0] == "submitted" ? "承認を待っています"
                                 : s[0] == "draft"     ? "下書きです。先に提出してください"
                                                       : "まだ書かれていません";
       return "会議録は" + state + "。";
     }},
    {meetings_meaning::kOutcomeTooLong, 1,
     [](const Said& s) { return "議題ごとの結果は" + s[0] + "バイトまでです。"; }},
    {meetings_meaning::kCorrectionReason, 0,
     [](const Said&) { return std::string{"確定した会議録を訂正する理由を書いてください。"}; }},
    {meetings_meaning::kActionWhat, 1,
     [](const Said& s) {
       return "宿題の内容を1行・" + s[0] + "バイト以内で書いてください。";
     }},
    {meetings_meaning::kActionOwner, 1,
     [](const Said& s) { return "担当の機関" + s.quoted(0) + "はこの回の参加機関ではありません。"; }},
    {meetings_meaning::kActionDue, 2,
     [](const Said& s) {
       return "宿題の期限（" + s[0] + "）が会議の日（" + s[1] + "）より前です。";
     }},
    {meetings_meaning::kUnknownAction, 1,
     [](const Said& s) { return "宿題" + s[0] + "はありません。"; }},
    {meetings_meaning::kActionDoneAlready, 1,
     [](const Said& s) { return "宿題" + s[0] + "はすでに完了しています。"; }},
    {meetings_meaning::kActionOpen, 1,
     [](const Said& s) { return "宿題" + s[0] + "はまだ完了していません。"; }},
    {meetings_meaning::kTooManyActions, 1,
     [](const Said& s) { return "1回の会議の宿題は" + s[0] + "件までです。"; }},
    {meetings_meaning::kActionNotSeen, 1,
     [](const Said& s) {
       return "宿題" + s[0] +
              "は指定した機関のみの議題から出た宿題です。変更できるのは、その機関の方と事務局だけです。";
     }},
    {meetings_meaning::kItemNotSeen, 1,
     [](const Said& s) {
       return "議題" + s[0] +
              "は指定した機関のみの議題です。変更できるのは、その機関の方と事務局だけです。";
     }},
    {meetings_meaning::kCarriedAlready, 1,
     [](const Said& s) { return "議題" + s[0] + "はこの回にすでに引き継がれています。"; }},
    {meetings_meaning::kAgendaTitleNeeded, 0,
     [](const Said&) { return std::string{"議題の題名を書いてください。"}; }},
    {meetings_meaning::kAgendaTitleTooLong, 1,
     [](const Said& s) { return "議題の題名は" + s[0] + "バイトまでです。"; }},
    {meetings_meaning::kAgendaTitleNotOneLine, 0,
     [](const Said&) { return std::string{"議題の題名は1行で書いてください。"}; }},
    {meetings_meaning::kAgendaMinutes, 2,
     [](const Said& s) {
       return "議題の時間は0～" + s[0] + "分で指定してください（" + s[1] + "分でした）。";
     }},
    {meetings_meaning::kPresenterNotParticipant, 1,
     [](const Said& s) {
       return "説明する機関" + s.quoted(0) + "はこの回の参加機関ではありません。";
     }},
    {meetings_meaning::kItemAgencyNotParticipant, 1,
     [](const Said& s) {
       return "議題を見られる機関として指定した" + s.quoted(0) +
              "は、この回の参加機関ではありません。";
     }},
    {meetings_meaning::kItemNeedsAgencies, 0,
     [](const Said&) {
       return std::string{"指定した機関のみに公開する議題には、見られる機関を1つ以上選んでください。"};
     }},
    {meetings_meaning::kTooManyAgendaItems, 1,
     [](const Said& s) { return "1回の会議の議題は" + s[0] + "件までです。"; }},
    {meetings_meaning::kUnknownAgendaItem, 1,
     [](const Said& s) { return "議題" + s[0] + "はこの会議にありません。"; }},
    {meetings_meaning::kCarryFromOtherMeeting, 1,
     [](const Said& s) {
       return "引き継げるのは同じ会議の前の回の議題だけです（" + s.quoted(0) + "の議題でした）。";
     }},
    {meetings_meaning::kAgendaPosition, 2,
     [](const Said& s) {
       return "議題の順番は1～" + s[1] + "で指定してください（" + s[0] + "でした）。";
     }},

    // A plan's periods and time zone.
    {calendar_meaning::kNoPeriods, 0,
     [](const Said&) { return std::string{"期間を1つ以上書いてください。"}; }},
    {calendar_meaning::kPeriodNameEmpty, 1,
     [](const Said& s) { return s[0] + "番目の期間に名前がありません。"; }},
    {calendar_meaning::kPeriodNameReserved, 1,
     [](const Said& s) {
       return s[0] + "番目の期間の名前「次年度以降」は、年度内に日程のない項目のために使われてい"
                     "ます。別の名前にしてください。";
     }},
    {calendar_meaning::kPeriodNameTwice, 2,
     [](const Said& s) {
       return s[0] + "番目の期間の名前" + s.quoted(1) + "は、前の期間でも使われています。";
     }},
    {calendar_meaning::kPeriodMonth, 1,
     [](const Said& s) { return s[0] + "番目の期間の月が1～12月の範囲にありません。"; }},
    {calendar_meaning::kPeriodStart, 4,
     [](const Said& s) {
       return s[0] + "番目の期間" + s.quoted(1) + "は" + s[2] + "月から始まる必要があります（" +
              s[3] + "月からになっています）。期間は年度の初めから順に、すき間なく並べてください。";
     }},
    {calendar_meaning::kPeriodBackwards, 2,
     [](const Said& s) {
       return s[0] + "番目の期間" + s.quoted(1) + "は、終わりの月が始まりの月より前です。";
     }},
    {calendar_meaning::kPeriodsShort, 1,
     [](const Said& s) {
       return "期間が" + s[0] + "月で終わっていて、年度の終わりまで届いていません。";
     }},
    {calendar_meaning::kUnknownTimeZone, 1,
     [](const Said& s) {
       return "タイムゾーン" + s.quoted(0) + "はありません（日本なら Asia/Tokyo）。";
     }},

    // An owner's name in the directory.
    {directory_meaning::kOwnerNeedsName, 0,
     [](const Said&) { return std::string{"担当の名前を入力してください。"}; }},
    {directory_meaning::kOwnerTooLong, 2,
     [](const Said& s) {
       return "担当の名前が" + s[1] + "バイトあります。" + s[0] +
              "バイト以内にしてください（全角1文字はおよそ3バイトです）。";
     }},
    {directory_meaning::kTooManyLines, 1,
     [](const Said& s) { return "1つの欄に書けるのは" + s[0] + "人までです。"; }},
    {directory_meaning::kOwnerNotOneLine, 0,
     [](const Said&) {
       return std::string{"担当の名前は、改行などの制御文字を含まない1行にしてください。"};
     }},

    // Agencies and their members, after the path where they are.
    {meetings_meaning::kUnknownKind, 1,
     [](const Said& s) {
       return s.quoted(0) + "という機関の種類はありません（" + s.listed_from(1) + "のいずれか）。";
     }},
    {meetings_meaning::kUnknownRole, 1,
     [](const Said& s) {
       return s.quoted(0) +
              "という役割はありません（contact：担当者、lead：責任者、member：構成員のいずれか）。";
     }},
    {meetings_meaning::kAgencyTwice, 1,
     [](const Said& s) { return "機関" + s.quoted(0) + "が2度書かれています。"; }},
    {meetings_meaning::kEmailRefused, 1,
     [](const Said& s) { return s.quoted(0) + "はメールアドレスとして使えません。"; }},
    {meetings_meaning::kNameTooLong, 1,
     [](const Said& s) { return "氏名は" + s[0] + "バイト以内にしてください。"; }},
    {meetings_meaning::kTooManyMembers, 1,
     [](const Said& s) { return "1つの機関の構成員は" + s[0] + "人までです。"; }},
    {meetings_meaning::kTooManyAgencies, 1,
     [](const Said& s) { return "機関は" + s[0] + "までです。"; }},
    {meetings_meaning::kUntilBeforeSince, 2,
     [](const Said& s) {
       return "終わりの日（" + s[0] + "）が始まりの日（" + s[1] + "）より前です。";
     }},

    // The store's refusals.
    {store::store_meaning::kStaleRevision, 3,
     [](const Said& s) {
       return "取組" + s.quoted(0) + "は、このページを開いた後にほかの人が変更しました（改訂" +
              s[2] + "から改訂" + s[1] +
              "へ）。ページを開き直し、変更を確かめてからもう一度行ってください。";
     }},
    {store::store_meaning::kPlanExists, 2,
     [](const Said& s) {
       return "取組" + s.quoted(0) + "はすでにあります（改訂" + s[1] +
              "）。その取組のページから取り込み直してください。";
     }},
    {store::store_meaning::kPlanGone, 1,
     [](const Said& s) {
       return "取組" + s.quoted(0) +
              "は保存されていません（削除されたのかもしれません）。もう一度取り込んでください。";
     }},
    {store::store_meaning::kUnknownPlan, 1,
     [](const Said& s) { return "取組" + s.quoted(0) + "はありません。"; }},
    {store::store_meaning::kUnknownTask, 2,
     [](const Said& s) {
       return "取組" + s.quoted(1) + "に項目" + s.quoted(0) + "はありません。";
     }},
    {store::store_meaning::kUnknownKpi, 2,
     [](const Said& s) { return "取組" + s.quoted(1) + "にKPI" + s.quoted(0) + "はありません。"; }},
    {store::store_meaning::kUnknownNote, 1,
     [](const Said& s) { return "記入 " + s[0] + " はありません。"; }},
    {store::store_meaning::kDoneAlready, 3,
     [](const Said& s) {
       return s.quoted(0) + "はすでに完了です（" + s[1] + "、" + s[2] +
              "）。取り消してから記録し直してください。";
     }},
    {store::store_meaning::kClosedAlready, 3,
     [](const Said& s) {
       return s.quoted(0) + "はすでに" +
              std::string{label_or(Language::japanese, "status_" + s[1], s[1])} + "です（" + s[2] +
              "）。取り消してから記録し直してください。";
     }},
    {store::store_meaning::kCompletionOutsideYear, 3,
     [](const Said& s) {
       return "完了日 " + s[0] + " は" + s.quoted(2) + "の年度（" + s[1] + "）の外です。";
     }},
    {store::store_meaning::kStartOutsideYear, 3,
     [](const Said& s) {
       return "日程の日 " + s[0] + " は" + s.quoted(2) + "の年度（" + s[1] + "）の外です。";
     }},
    {store::store_meaning::kEndNotAfterStart, 3,
     [](const Said& s) {
       return s.quoted(2) + "の終わり（" + s[0] + "）が始まり（" + s[1] +
              "）より後ではありません。";
     }},
    {store::store_meaning::kNoteNeedsText, 0,
     [](const Said&) { return std::string{"記入する文を入力してください。"}; }},
    {store::store_meaning::kUnknownPeriod, 1,
     [](const Said& s) {
       return "期間" + s.quoted(0) + "はありません（" + s.listed_from(1) + "のいずれか）。";
     }},
    {store::store_meaning::kKpiNotFinite, 0,
     [](const Said&) { return std::string{"KPIの値は数値で入力してください。"}; }},
    {store::store_meaning::kNotAsNeeded, 2,
     [](const Said& s) {
       return s.quoted(0) +
              "は随時の項目ではないため、活動としては記録できません。回ごとに完了を記録してください"
              "。";
     }},
    {store::store_meaning::kRevokedAlready, 2,
     [](const Said& s) {
       return (s[0] == "token" ? "トークン " : "購読リンク ") + s[1] +
              " はすでに取り消されています。";
     }},
    {store::store_meaning::kEntryNeedsRecipient, 1,
     [](const Said& s) { return entry_words(s, 0) + "には宛先が1人以上必要です。"; }},
    {store::store_meaning::kTooManyPeople, 4,
     [](const Said& s) {
       return entry_words(s, 0) + "の" +
              (s[1] == "escalation" ? "エスカレーション先"
               : s[1] == "members"  ? "構成員"
                                    : "宛先") +
              "は" + s[2] + "人までです（" + s[3] + "人あります）。";
     }},
    {store::store_meaning::kEmailRefused, 2,
     [](const Said& s) {
       return entry_words(s, 0) + "の" + s.quoted(1) + "はメールアドレスとして使えません。";
     }},
    {store::store_meaning::kRecipientNameTooLong, 2,
     [](const Said& s) {
       return entry_words(s, 0) + "に" + s[1] + "バイトを超える氏名があります。短くしてください。";
     }},
    {store::store_meaning::kNotInDirectory, 1,
     [](const Said& s) {
       return entry_words(s, 0) + "は名簿にありません（ほかの人が削除したのかもしれません）。";
     }},
    {store::store_meaning::kEmptyDirectory, 0,
     [](const Said&) {
       return std::string{
           "担当が一つもない名簿にすると、リマインダーがまったく送られなくなるため、置き換えませ"
           "ん。そうしたいときは、担当を一つずつ削除してください。"};
     }},
    {store::store_meaning::kUnknownAgency, 1,
     [](const Said& s) { return "機関" + s.quoted(0) + "はありません。"; }},
    {store::store_meaning::kLeavesBeforeJoining, 2,
     [](const Said& s) {
       return "機関" + s.quoted(0) + "の" + s.quoted(1) + "は、終わりの日が始まりの日より前です。";
     }},
    {store::store_meaning::kNoAgencies, 0,
     [](const Said&) {
       return std::string{"取り込むファイルに機関が一つもないため、何も変わりません。"};
     }},
    {store::store_meaning::kUnknownReplyToken, 0,
     [](const Said&) {
       return std::string{"この回答用の宛先（リンク）に当たる招待はありません。"};
     }},
    {store::store_meaning::kNoLongerInvited, 1,
     [](const Said& s) {
       return "この方は会議" + s.quoted(0) + "の参加者から外れたため、回答は記録できません。";
     }},
    {store::store_meaning::kInvitationChanged, 1,
     [](const Said& s) {
       return "会議" + s.quoted(0) +
              "の招待は、この間にほかの人が送りました。ページを開き直してから送ってください。";
     }},
    {store::store_meaning::kUnknownCounter, 1,
     [](const Said& s) { return "日時の提案 " + s[0] + " はありません。"; }},
    {store::store_meaning::kCounterDecided, 1,
     [](const Said& s) { return "日時の提案 " + s[0] + " はもう決まっています。"; }},
    {http::meetings_http_meaning::kLinkMalformed, 0,
     [](const Said&) {
       return std::string{"この回答用リンクは形が正しくありません。メールのリンクをそのまま開いてく"
                          "ださい。"};
     }},
    {http::meetings_http_meaning::kLinkForged, 0,
     [](const Said&) {
       return std::string{"この回答用リンクの署名が合いません。リンクが途中で変わっています。メール"
                          "のリンクをそのまま開いてください。"};
     }},
    {http::meetings_http_meaning::kLinkExpired, 1,
     [](const Said& s) {
       return "この回答用リンクは " + s[0] +
              " までのものです。期限が過ぎたため回答できません。最新の案内メールのリンクをお使い"
              "ください。";
     }},
    {http::meetings_http_meaning::kNotAMeeting, 1,
     [](const Said& s) { return s.quoted(0) + "は会議ではありません。"; }},
    {http::meetings_http_meaning::kNoMeetingTime, 1,
     [](const Said& s) {
       return "会議" + s.quoted(0) + "には日時がありません。会議のルールを決めるか、日程を入れてく"
              "ださい。";
     }},
    {http::meetings_http_meaning::kNoEndpoint, 0,
     [](const Said&) {
       return std::string{"設定ファイルに webhook がないため、招待を送れません。"};
     }},
    {http::meetings_http_meaning::kNoOrganizer, 0,
     [](const Said&) {
       return std::string{"設定ファイルに meetings.organizer（返信を受ける事務局のアドレス）がない"
                          "ため、招待を送れません。"};
     }},
    {http::meetings_http_meaning::kNobodyToInvite, 1,
     [](const Said& s) {
       return "会議" + s.quoted(0) +
              "に招待できる人がいません。参加機関に、アドレスのある構成員を登録してください。";
     }},
    {http::meetings_http_meaning::kOfficeAnswerForm, 0,
     [](const Said&) {
       return std::string{"回答（出席・欠席・未定・代理出席）と、受けた方法（電話・FAX・窓口）を選"
                          "んでください。"};
     }},
    {http::meetings_http_meaning::kParticipantChangeForm, 0,
     [](const Said&) {
       return std::string{"追加か除外か、と役割（事務局・必須・任意）を選んでください。"};
     }},
    {http::meetings_http_meaning::kCounterDecisionForm, 0,
     [](const Said&) {
       return std::string{"日時の提案の番号と、受け入れるか断るかを選んでください。"};
     }},
    {http::meetings_http_meaning::kNotInvited, 1,
     [](const Said& s) { return s.quoted(0) + "はこの会議に招待されていません。"; }},
    {http::meetings_http_meaning::kActionsForm, 0,
     [](const Said&) {
       return std::string{"宿題の追加か、完了・再開・削除をする宿題を選んでください。"};
     }},
    {http::meetings_http_meaning::kActionDueDay, 0,
     [](const Said&) { return std::string{"宿題の期限を日付（年-月-日）で指定してください。"}; }},
    {http::meetings_http_meaning::kAgendaForm, 0,
     [](const Said&) {
       return std::string{"議題の追加か、並べ替え・削除・引き継ぎをする議題を選んでください。"};
     }},
    {http::meetings_http_meaning::kAttendanceForm, 0,
     [](const Said&) { return std::string{"出欠は、出席・代理出席・欠席から選んでください。"}; }},
    {http::meetings_http_meaning::kMinutesForm, 0,
     [](const Said&) {
       return std::string{"会議録の保存・提出・承認・訂正のいずれかを選んでください。"};
     }},
    {http::meetings_http_meaning::kApproveNeedsSecretariat, 0,
     [](const Said&) { return std::string{"会議録を承認できるのは事務局と管理者だけです。"}; }},
    {http::meetings_http_meaning::kLinkAnswerForm, 0,
     [](const Said&) {
       return std::string{"出席・欠席・未定・代理出席のいずれかを選んでください。"};
     }},
    {http::meetings_http_meaning::kAnsweredCancelled, 0,
     [](const Said&) {
       return std::string{"この会議は中止になりました。回答は不要です。"};
     }},
    {store::store_meaning::kOwnerFeedNeedsPlan, 0,
     [](const Said&) {
       return std::string{"担当のカレンダー購読リンクには、その担当の項目がある取組が必要です。"};
     }},
    {store::store_meaning::kPlanOrOrganisation, 0,
     [](const Said&) {
       return std::string{
           "カレンダー購読リンクは、取組、組織、機関、個人のいずれか一つのものです。二つ以上は指定"
           "できません。"};
     }},
    {store::store_meaning::kFeedNeedsScope, 0,
     [](const Said&) {
       return std::string{
           "カレンダー購読リンクには、取組、組織、機関、個人のいずれかを指定してください。"};
     }},
    {store::store_meaning::kNoTaskOfOwner, 2,
     [](const Said& s) {
       return "取組" + s.quoted(1) + "に担当" + s.quoted(0) + "の項目はありません。";
     }},
    {store::store_meaning::kNoPlanOfOrganisation, 1,
     [](const Said& s) { return "組織" + s.quoted(0) + "の取組はありません。"; }},
    {store::store_meaning::kNoMemberWithAddress, 1,
     [](const Said& s) {
       return "メールアドレス" + s.quoted(0) + "の人は、どの機関にも登録されていません。";
     }},
    {store::store_meaning::kMakerRevoked, 1,
     [](const Said& s) {
       return "トークン " + s[0] + " は取り消されています。サインインし直してください。";
     }},
};

}  // namespace

std::optional<std::string> japanese_sentence(const Meaning& meaning) {
  std::string causes;
  for (const Meaning& cause : meaning.causes) {
    std::optional<std::string> sentence = japanese_sentence(cause);
    if (!sentence) return std::nullopt;
    causes += *sentence;
  }
  for (const Entry& entry : kEntries) {
    if (entry.code != meaning.code) continue;
    if (meaning.subjects.size() < entry.subjects) return std::nullopt;
    return entry.sentence(Said{meaning, std::move(causes)});
  }
  return std::nullopt;
}

WarningText warning_text(const SheetWarning& warning, Language language) {
  const Diagnostic& diagnostic = warning.diagnostic;
  if (language == Language::english) return {diagnostic.where, diagnostic.message};
  std::optional<std::string> sentence = japanese_sentence(diagnostic.meaning);
  if (!sentence || warning.line == 0) return {diagnostic.where, diagnostic.message, false, true};
  return {std::to_string(warning.line) + "行目", std::move(*sentence), true};
}

}  // namespace torikumi::http::page
