#pragma once

// How alike two Japanese texts are, for matching a sheet's progress lines (進捗の状況) to the
// schedule lines they report on. The two are worded differently (会議の開催 for
// 多機関協働担当を中心とした会議の開催), share few whole words and have no spaces between words,
// so the measure works on characters: the Dice coefficient over character bigrams, each bigram
// weighted by how rare it is among the texts being matched against, so that what every line of a
// sheet says (区内小中学校, の実施) counts for less than what tells two tasks apart.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace torikumi {

// The characters a comparison looks at: full-width ASCII folded to ASCII, 隨 to 随, without
// spaces, brackets and punctuation (、。・「」（）【】 and ASCII punctuation). Kana, kanji, letters
// and digits stay as written. Bytes that are not valid UTF-8 are dropped.
std::u32string comparable_characters(std::string_view text);

// The Dice coefficient over the multiset of character bigrams of comparable_characters:
// 2·|A ∩ B| / (|A| + |B|), from 0 to 1. A text of one character is its own single gram. Equal
// texts score 1; an empty text scores 0 against anything.
double bigram_dice(std::string_view a, std::string_view b);

// Dice over bigrams weighted by rarity in a corpus (the texts one matches against, e.g. a plan's
// task titles). A bigram found in k of the corpus's N texts weighs ln(1 + N / max(k, 1)): one
// that every text has weighs ln 2, one that a single text has ln(1 + N). An empty corpus
// weighs every bigram 1, which is bigram_dice.
class TextSimilarity {
 public:
  explicit TextSimilarity(const std::vector<std::string>& corpus);

  // From 0 to 1; symmetric; 1 for equal non-empty texts, 0 when either is empty.
  double score(std::string_view a, std::string_view b) const;

 private:
  double weight(std::uint64_t bigram) const;

  std::unordered_map<std::uint64_t, std::size_t> document_frequency_;
  std::size_t corpus_size_ = 0;
};

}  // namespace torikumi
