#include "engine/text/romanisation.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/text/japanese_text.hpp"

namespace torikumi {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

TEST_CASE("kana are written in passport Hepburn, long vowels once") {
  REQUIRE(load_romaniser().ok());
  struct Case {
    std::u32string kana;
    std::string latin;
  };
  const Case cases[] = {
      {U"キョウドウ", "kyodo"},
      {U"ショウチュウガッコウ", "shochugakko"},
      {U"サポート", "sapoto"},
      {U"センター", "senta"},
      {U"マッチャ", "matcha"},
      {U"ガッコウ", "gakko"},
      {U"シャ", "sha"},
      {U"ジュウジツ", "jujitsu"},
      {U"チェック", "chekku"},
      {U"パーティー", "pati"},
      {U"ファイル", "fairu"},
      {U"ウィーク", "wiku"},
      {U"ヴァイオリン", "vaiorin"},
      {U"オオサカ", "osaka"},
      {U"ふれあい", "fureai"},
      {U"こども", "kodomo"},
      {U"ボランティア", "borantia"},
      {U"キャンプ", "kyanpu"},
      {U"ッ", ""},
      {U"A漢", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.latin);
    CHECK(hepburn(c.kana) == c.latin);
  }
}

TEST_CASE("a title's content words: nouns, prefixes and suffixes joined, particles left out") {
  REQUIRE(load_romaniser().ok());
  struct Case {
    std::string text;
    std::string words;
  };
  const Case cases[] = {
      {"多機関協働担当を中心とした会議の開催", "takikankyo tanto chushin kaigi kaisai"},
      {"区内小中学校への区役所内相談窓口等の周知",
       "kunai shochugakko kuyakushonai sodan madoguchi shuchi"},
      {"重層的支援体制整備事業の推進", "jusoteki shien taisei seibi jigyo suishin"},
      {"不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）",
       "futoko kodomo hogosha sodan shien kento jisshi"},
      {"ＳＮＳによる情報発信", "sns joho hasshin"},
      {"２０２５堺市基本計画", "2025 sakaishi kihon keikaku"},
      {"⽉次報告", "getsuji hokoku"},
      {"隨時相談", "zuiji sodan"},
      {"（プラットフォーム）", "purattofomu"},
      {"寄り添う", "yoriso"},
      {"LINE SNSの活用", "line sns katsuyo"},
      {"、。・", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(joined(romanised_words(c.text)) == c.words);
  }
}

}  // namespace
}  // namespace torikumi
