#include "engine/text/romanisation.hpp"

#include <mecab.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "engine/text/compatibility.hpp"
#include "engine/text/japanese_text.hpp"

#ifndef TORIKUMI_MECAB_DICTIONARY
#error "TORIKUMI_MECAB_DICTIONARY names MeCab's IPAdic directory (engine/CMakeLists.txt)"
#endif

namespace torikumi {

namespace {

// Katakana U+30A1 (ァ) to U+30FA (ヺ), each as one syllable; ッ (U+30C3) is empty and handled on
// its own. Small kana read as their vowel or y-syllable, joined to the kana before them.
constexpr std::array<std::string_view, 0x30FA - 0x30A1 + 1> kKatakana = {
    "a",  "a",  "i",   "i",  "u",  "u",   "e",  "e",   "o",  "o",  "ka", "ga", "ki", "gi", "ku",
    "gu", "ke", "ge",  "ko", "go", "sa",  "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
    "ta", "da", "chi", "ji", "",   "tsu", "zu", "te",  "de", "to", "do", "na", "ni", "nu", "ne",
    "no", "ha", "ba",  "pa", "hi", "bi",  "pi", "fu",  "bu", "pu", "he", "be", "pe", "ho", "bo",
    "po", "ma", "mi",  "mu", "me", "mo",  "ya", "ya",  "yu", "yu", "yo", "yo", "ra", "ri", "ru",
    "re", "ro", "wa",  "wa", "i",  "e",   "o",  "n",   "vu", "ka", "ke", "va", "vi", "ve", "vo"};

constexpr char32_t kSmallTsu = U'ッ';
constexpr char32_t kLongVowelMark = U'ー';

bool is_small_vowel(char32_t c) {
  return c == U'ァ' || c == U'ィ' || c == U'ゥ' || c == U'ェ' || c == U'ォ';
}
bool is_small_y(char32_t c) { return c == U'ャ' || c == U'ュ' || c == U'ョ'; }

char32_t as_katakana(char32_t c) { return c >= U'ぁ' && c <= U'ゖ' ? c + (U'ァ' - U'ぁ') : c; }

bool is_kana(char32_t c) {
  c = as_katakana(c);
  return (c >= U'ァ' && c <= U'ヺ') || c == kLongVowelMark;
}

bool is_vowel(char c) { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o'; }

// A small kana after the syllable `last` (written at the end of `out`): キャ → kya, シャ → sha,
// ファ → fa, ティ → ti, ウィ → wi, チェ → che.
void join_small_kana(std::string& out, std::string_view last, std::string_view small) {
  const char vowel = small.back();
  if (last.empty()) {
    out += small;
    return;
  }
  const bool palatal = last == "shi" || last == "chi" || last == "ji";
  if (small.size() == 2) {  // ャ, ュ, ョ: ya, yu, yo
    if (last.size() >= 2 && last.back() == 'i') {
      out.pop_back();
      if (!palatal) out += 'y';
      out += vowel;
      return;
    }
    out += small;
    return;
  }
  if (last == "u") {
    out.back() = 'w';
    out += vowel;
    return;
  }
  if (palatal || last.size() >= 2) {
    out.pop_back();
    out += vowel;
    return;
  }
  out += small;
}

// ou, oo and uu written once, as passport Hepburn writes long vowels: kyoudou → kyodo.
std::string shorten_long_vowels(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (!out.empty() &&
        ((c == 'u' && (out.back() == 'o' || out.back() == 'u')) || (c == 'o' && out.back() == 'o')))
      continue;
    out += c;
  }
  return out;
}

// One morpheme as MeCab gives it: the text, the part of speech and its first subdivision, and
// the reading (katakana; empty for a word the dictionary does not know).
struct Morpheme {
  std::string surface;
  std::string part_of_speech;
  std::string subdivision;
  std::string form;  // a verb's conjugation: 連用形, 基本形, ...
  std::string reading;
  bool spaced = false;  // a space came before it
};

std::vector<std::string> csv_fields(std::string_view text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    fields.emplace_back(text.substr(start, comma - start));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

struct ModelDeleter {
  void operator()(mecab_model_t* model) const { mecab_model_destroy(model); }
};
struct TaggerDeleter {
  void operator()(mecab_t* tagger) const { mecab_destroy(tagger); }
};
struct LatticeDeleter {
  void operator()(mecab_lattice_t* lattice) const { mecab_lattice_destroy(lattice); }
};

// MeCab's model and tagger, loaded once. A tagger parsing into a lattice of the caller's own is
// safe to share between threads (MeCab's documentation); each call makes its lattice.
struct Romaniser {
  std::unique_ptr<mecab_model_t, ModelDeleter> model;
  std::unique_ptr<mecab_t, TaggerDeleter> tagger;
  std::optional<Error> error;
};

const Romaniser& romaniser() {
  static const Romaniser loaded = [] {
    Romaniser r;
    // -r /dev/null: no mecabrc, so the dictionary is the one named here and not whichever
    // /etc/mecabrc or the mecab-dictionary alternative points to.
    const std::string arguments = "-r /dev/null -d " TORIKUMI_MECAB_DICTIONARY;
    r.model.reset(mecab_model_new2(arguments.c_str()));
    if (r.model) r.tagger.reset(mecab_model_new_tagger(r.model.get()));
    if (!r.model || !r.tagger)
      r.error = internal_error(
          "cannot romanise ids: MeCab found no dictionary in " TORIKUMI_MECAB_DICTIONARY
          " (install mecab-ipadic-utf8)");
    return r;
  }();
  return loaded;
}

// The text MeCab reads: NFKC per character, 隨 as 随 (IPAdic knows only the latter), and what is
// in round brackets left out unless that is all there is.
std::string prepared_text(std::string_view text) {
  std::u32string all;
  std::u32string outside;
  int depth = 0;
  for (char32_t c : code_points_of(text)) {
    if (c == U'隨') c = U'随';
    for (const char32_t folded : compatibility_form(c)) {
      all.push_back(folded);
      if (folded == U'(') ++depth;
      if (depth == 0) outside.push_back(folded);
      if (folded == U')' && depth > 0) --depth;
    }
  }
  const bool words_outside = std::any_of(outside.begin(), outside.end(),
                                         [](char32_t c) { return !is_space(c) && c != U')'; });
  return encode_utf8(words_outside ? outside : all);
}

std::vector<Morpheme> morphemes_of(std::string_view text) {
  const Romaniser& r = romaniser();
  std::vector<Morpheme> morphemes;
  if (r.error) return morphemes;  // load_romaniser says why; the caller was to ask first
  std::unique_ptr<mecab_lattice_t, LatticeDeleter> lattice{mecab_model_new_lattice(r.model.get())};
  if (!lattice) return morphemes;
  mecab_lattice_set_sentence2(lattice.get(), text.data(), text.size());
  if (mecab_parse_lattice(r.tagger.get(), lattice.get()) == 0) return morphemes;
  for (const mecab_node_t* node = mecab_lattice_get_bos_node(lattice.get()); node != nullptr;
       node = node->next) {
    if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
    const std::vector<std::string> fields = csv_fields(node->feature);
    Morpheme morpheme{
        std::string(node->surface, node->length), fields[0], fields.size() > 1 ? fields[1] : "",
        fields.size() > 5 ? fields[5] : "",       "",        node->rlength != node->length};
    if (node->stat != MECAB_UNK_NODE && fields.size() > 7 && fields[7] != "*")
      morpheme.reading = fields[7];
    morphemes.push_back(std::move(morpheme));
  }
  return morphemes;
}

// A morpheme in Latin letters: ASCII letters and digits as written (lowercase), otherwise its
// reading, or its text when that is kana; empty for a kanji word without a reading.
std::string latin_form(const Morpheme& morpheme) {
  const std::u32string surface = code_points_of(morpheme.surface);
  std::string ascii;
  for (const char32_t c : surface) {
    if ((c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z')) ascii += static_cast<char>(c);
    if (c >= U'A' && c <= U'Z') ascii += static_cast<char>(c - U'A' + U'a');
  }
  if (!ascii.empty()) return ascii;
  if (!morpheme.reading.empty()) return hepburn(code_points_of(morpheme.reading));
  if (std::all_of(surface.begin(), surface.end(), is_kana)) return hepburn(surface);
  return {};
}

// ASCII letters and digits, which MeCab may cut one by one (ABC as A, B, C).
bool is_ascii_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

enum class Role { dropped, prefix, word, suffix, number, fallback };

// A verb's 連用形 used as a noun (見守りネットワーク, 事業の振り返り): not followed by what goes on
// with a verb (た, て, another verb).
bool is_verb_as_noun(const Morpheme& m, const Morpheme* next) {
  if (m.part_of_speech != "動詞" || m.subdivision != "自立" || !m.form.starts_with("連用"))
    return false;
  if (next == nullptr) return true;
  return next->part_of_speech != "助動詞" && next->part_of_speech != "動詞" &&
         !(next->part_of_speech == "助詞" && next->subdivision == "接続助詞");
}

Role role_of(const Morpheme& m, const Morpheme* next) {
  const std::string& pos = m.part_of_speech;
  if (is_verb_as_noun(m, next)) return Role::word;
  if (m.surface == "等") return Role::dropped;
  if (pos == "接頭詞") return Role::prefix;
  if (pos == "名詞") {
    if (m.subdivision == "非自立" || m.subdivision == "代名詞" || m.subdivision == "特殊")
      return Role::dropped;
    if (m.subdivision == "接尾") return Role::suffix;
    if (m.subdivision == "数") return Role::number;
    return Role::word;
  }
  if (pos == "動詞" || pos == "形容詞" || pos == "副詞" || pos == "形容動詞") return Role::fallback;
  return Role::dropped;
}

// The words: each noun (and verb used as one) a word, a prefix joined to the next, a suffix to
// the one before (when nothing came between), digits joined; with `verbs`, every verb,
// adjective and adverb a word too.
std::vector<std::string> words_of(const std::vector<Morpheme>& morphemes, bool verbs) {
  std::vector<std::string> words;
  std::string prefix;
  Role before = Role::dropped;  // the role of the previous morpheme kept
  bool ascii_before = false;    // and whether it was written in ASCII
  for (std::size_t i = 0; i < morphemes.size(); ++i) {
    const Morpheme& morpheme = morphemes[i];
    Role role = role_of(morpheme, i + 1 < morphemes.size() ? &morphemes[i + 1] : nullptr);
    if (role == Role::fallback) role = verbs ? Role::word : Role::dropped;
    const std::string latin = role == Role::dropped ? std::string{} : latin_form(morpheme);
    if (latin.empty()) {
      if (!prefix.empty()) words.push_back(std::move(prefix));
      prefix.clear();
      before = Role::dropped;
      continue;
    }
    const bool ascii = is_ascii_word(morpheme.surface);
    const bool joins = !words.empty() && prefix.empty() && before != Role::dropped &&
                       (role == Role::suffix || (role == Role::number && before == Role::number) ||
                        (ascii && ascii_before && !morpheme.spaced));
    ascii_before = ascii;
    if (role == Role::prefix) {
      prefix += latin;
    } else if (joins) {
      words.back() += latin;
    } else {
      words.push_back(prefix + latin);
      prefix.clear();
    }
    before = role;
  }
  if (!prefix.empty()) words.push_back(std::move(prefix));
  return words;
}

}  // namespace

Status load_romaniser() {
  const Romaniser& r = romaniser();
  if (r.error) return *r.error;
  return {};
}

std::vector<std::string> romanised_words(std::string_view text) {
  const std::vector<Morpheme> morphemes = morphemes_of(prepared_text(text));
  std::vector<std::string> words = words_of(morphemes, false);
  if (words.empty()) words = words_of(morphemes, true);
  return words;
}

std::string hepburn(std::u32string_view kana) {
  std::string out;
  std::size_t last_start = 0;  // where the last syllable begins in `out`
  bool doubled = false;        // a ッ waits for the consonant after it
  for (char32_t c : kana) {
    c = as_katakana(c);
    if (c == kLongVowelMark) continue;
    if (c == kSmallTsu) {
      doubled = true;
      continue;
    }
    if (c < U'ァ' || c > U'ヺ') {
      doubled = false;
      continue;
    }
    const std::string_view syllable = kKatakana[c - U'ァ'];
    if (is_small_vowel(c) || is_small_y(c)) {
      const std::string last = out.substr(last_start);
      join_small_kana(out, last, syllable);
      doubled = false;
      continue;
    }
    last_start = out.size();
    if (doubled && !is_vowel(syllable.front()) && syllable != "n") {
      out += syllable.starts_with("ch") ? 't' : syllable.front();
      last_start = out.size();
    }
    doubled = false;
    out += syllable;
  }
  return shorten_long_vowels(out);
}

}  // namespace torikumi
