#include "engine/text/text_similarity.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace torikumi {
namespace {

TEST_CASE("comparison ignores width spaces brackets and punctuation") {
  CHECK(comparable_characters("会議の開催（４、６月）") == U"会議の開催46月");
  CHECK(comparable_characters("「母子保健」と 児童福祉・連携。") == U"母子保健と児童福祉連携");
  CHECK(comparable_characters("個別支援（隨時）") == U"個別支援随時");
  CHECK(comparable_characters("人々") == U"人々");
}

TEST_CASE("the bigram Dice coefficient counts shared character pairs") {
  // 会議,議の,の開,開催 against 会議,議開,開催: two shared of seven.
  CHECK(bigram_dice("会議の開催", "会議開催") == doctest::Approx(4.0 / 7.0));
  CHECK(bigram_dice("会議の開催", "会議の開催") == 1.0);
  CHECK(bigram_dice("会議の開催", "（会議の開催）") == 1.0);
  CHECK(bigram_dice("会議", "周知") == 0.0);
  CHECK(bigram_dice("", "周知") == 0.0);
  CHECK(bigram_dice("、。", "、。") == 0.0);
  CHECK(bigram_dice("会", "会") == 1.0);
}

TEST_CASE("similarity is symmetric") {
  const TextSimilarity similarity(
      {"多機関協働担当を中心とした会議の開催", "区内小中学校への区役所内相談窓口等の周知"});
  CHECK(similarity.score("会議の開催", "多機関協働担当を中心とした会議の開催") ==
        similarity.score("多機関協働担当を中心とした会議の開催", "会議の開催"));
}

TEST_CASE("bigrams every corpus text shares weigh less than those that tell texts apart") {
  const std::vector<std::string> corpus = {
      "区内小中学校への区役所内相談窓口等の周知",
      "地域資源（子どもの居場所や子ども食堂、地域ボランティア等）の把握と学校との共有",
      "区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施",
  };
  const std::string line = "区内小中学校との地域資源等の情報共有";
  // Unweighted, the shared prefix 区内小中学校 wins; weighted, 地域資源 does.
  CHECK(bigram_dice(line, corpus[0]) > bigram_dice(line, corpus[1]));
  const TextSimilarity similarity(corpus);
  CHECK(similarity.score(line, corpus[1]) > similarity.score(line, corpus[0]));
}

TEST_CASE("an empty corpus weighs every bigram alike") {
  const TextSimilarity similarity({});
  CHECK(similarity.score("会議の開催", "会議開催") ==
        doctest::Approx(bigram_dice("会議の開催", "会議開催")));
}

TEST_CASE("a line about something else scores low against every task") {
  const std::vector<std::string> corpus = {
      "多機関協働担当を中心とした会議の開催",
      "こども家庭センターにおけるサポートプランの調整や助言等の実施",
      "区内小中学校への区役所内相談窓口等の周知",
      "区役所プラットフォームでの共有、支援の検討・実施",
  };
  const TextSimilarity similarity(corpus);
  for (const std::string& task : corpus) {
    CAPTURE(task);
    CHECK(similarity.score("庁舎の空調設備を更新", task) < 0.15);
  }
}

}  // namespace
}  // namespace torikumi
