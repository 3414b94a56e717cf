#pragma once

// Japanese text as words in Latin letters, for ids a person can type and say
// (docs/sheet-format.md, Ids). MeCab with Debian's IPAdic (mecab-ipadic-utf8) cuts the text into
// morphemes with their readings; the only place libmecab is used.
//   多機関協働担当を中心とした会議の開催 → takikankyo tanto chushin kaigi kaisai
//   区内小中学校への区役所内相談窓口等の周知 → kunai shochugakko kuyakushonai sodan madoguchi
//   shuchi

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

// Whether MeCab and its dictionary load; the error says which dictionary and what to install:
//   cannot romanise ids: MeCab found no dictionary in /var/lib/mecab/dic/ipadic-utf8 (install
//   mecab-ipadic-utf8)
// Loaded once per process; every call after the first answers the same.
Status load_romaniser();

// The content words of a text in passport Hepburn (外務省ヘボン式: shi, chi, tsu, ji, fu; long
// vowels written once, so 小中学校 is shochugakko), lowercase a-z and 0-9 only. Nouns are kept;
// a prefix (多, 各, 全) joins the word after it and a suffix (的, 内, 課) the word before;
// particles, auxiliaries, symbols, 等 and what is in round brackets （例：相談会等） are left out.
// Only when that leaves nothing are verbs and adjectives read too. A word MeCab does not know
// is kept when it is kana or ASCII (written as read) and left out when it is kanji (it has no
// reading). Compatibility characters are read as NFKC (ＳＮＳ as sns, ２０２５ as 2025).
// REQUIRES: load_romaniser() succeeded; `text` is valid UTF-8.
std::vector<std::string> romanised_words(std::string_view text);

// Katakana or hiragana in passport Hepburn: キョウドウ → kyodo, サポート → sapoto, ッ doubling the
// consonant after it (ガッコウ → gakko, マッチャ → matcha). Other characters are left out.
std::string hepburn(std::u32string_view kana);

}  // namespace torikumi
