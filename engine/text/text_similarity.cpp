#include "engine/text/text_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

// Punctuation and brackets of the CJK Symbols and Punctuation block (U+3000..U+303F) that carry
// no meaning for a comparison. 々 (U+3005), 〆 and 〇 are letters and stay.
bool is_cjk_punctuation(char32_t c) {
  if (c >= U'\u3001' && c <= U'\u3003') return true;  // 、。〃
  if (c >= U'\u3008' && c <= U'\u3011') return true;  // 〈〉《》「」『』【】
  if (c >= U'\u3014' && c <= U'\u301F') return true;  // 〔〕〖〗〘〙〚〛〜〝〞〟
  return c == U'\u30FB' || c == U'\u2015' || c == U'\u2014' || c == U'\u2010' || c == U'\u2026';
}

bool is_ascii_punctuation(char32_t c) {
  return (c >= U'!' && c <= U'/') || (c >= U':' && c <= U'@') || (c >= U'[' && c <= U'`') ||
         (c >= U'{' && c <= U'~');
}

using Bigrams = std::map<std::uint64_t, std::size_t>;  // bigram → count

std::uint64_t pack(char32_t first, char32_t second) {
  return (static_cast<std::uint64_t>(first) << 32) | static_cast<std::uint64_t>(second);
}

Bigrams bigrams_of(std::string_view text) {
  const std::u32string characters = comparable_characters(text);
  Bigrams bigrams;
  if (characters.size() == 1) ++bigrams[pack(characters[0], 0)];
  for (std::size_t i = 0; i + 1 < characters.size(); ++i)
    ++bigrams[pack(characters[i], characters[i + 1])];
  return bigrams;
}

}  // namespace

std::u32string comparable_characters(std::string_view text) {
  std::u32string out;
  for (const char32_t code_point : code_points_of(text)) {
    char32_t c = normalize_width(code_point);
    if (c == U'隨') c = U'随';
    if (is_space(c) || is_ascii_punctuation(c) || is_cjk_punctuation(c)) continue;
    out.push_back(c);
  }
  return out;
}

double bigram_dice(std::string_view a, std::string_view b) {
  return TextSimilarity({}).score(a, b);
}

TextSimilarity::TextSimilarity(const std::vector<std::string>& corpus) {
  std::set<std::u32string> seen;
  for (const std::string& text : corpus) {
    if (!seen.insert(comparable_characters(text)).second) continue;  // count a text once
    ++corpus_size_;
    for (const auto& [bigram, count] : bigrams_of(text)) ++document_frequency_[bigram];
  }
}

double TextSimilarity::weight(std::uint64_t bigram) const {
  if (corpus_size_ == 0) return 1;
  const auto found = document_frequency_.find(bigram);
  const std::size_t frequency = found == document_frequency_.end() ? 1 : found->second;
  return std::log1p(static_cast<double>(corpus_size_) / static_cast<double>(frequency));
}

double TextSimilarity::score(std::string_view a, std::string_view b) const {
  const Bigrams first = bigrams_of(a);
  const Bigrams second = bigrams_of(b);
  if (first.empty() || second.empty()) return 0;
  double common = 0;
  double total = 0;
  for (const auto& [bigram, count] : first) {
    const double w = weight(bigram);
    total += w * static_cast<double>(count);
    if (const auto other = second.find(bigram); other != second.end())
      common += w * static_cast<double>(std::min(count, other->second));
  }
  for (const auto& [bigram, count] : second) total += weight(bigram) * static_cast<double>(count);
  return total == 0 ? 0 : std::min(1.0, 2 * common / total);
}

}  // namespace torikumi
