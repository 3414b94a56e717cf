#include "engine/schedule/schedule_text.hpp"

#include "engine/text/compatibility.hpp"

namespace torikumi::schedule_text {

bool is_month_based(const WhenRule& rule) {
  return std::holds_alternative<when::Months>(rule) || std::holds_alternative<when::Span>(rule) ||
         std::holds_alternative<when::Until>(rule) || std::holds_alternative<when::From>(rule) ||
         std::holds_alternative<when::Days>(rule);
}

std::vector<Symbol> symbols_of(std::span<const CodePoint> code_points) {
  std::vector<Symbol> symbols;
  symbols.reserve(code_points.size());
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    for (const char32_t compatible : compatibility_form(code_points[i].value)) {
      const char32_t folded = fold(compatible);
      if (!is_space(folded)) symbols.push_back({folded, i});
    }
  }
  return symbols;
}

std::u32string folded_text(std::span<const CodePoint> code_points) {
  std::u32string out;
  for (const Symbol& symbol : symbols_of(code_points)) out.push_back(symbol.value);
  return out;
}

}  // namespace torikumi::schedule_text
