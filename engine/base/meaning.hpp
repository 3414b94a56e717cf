#pragma once

// What a message means, apart from its English words: a code that names its sentence and the
// values the sentence names, so that a reader in another language (the dashboard's Japanese
// pages, http/pages/meaning_text.hpp) can word it. Messages keep their English text for the
// command line and the API; the meaning travels beside it, in Error and Diagnostic.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torikumi {

struct Meaning {
  // "<family>.<sentence>", as the module that made the message lists it with its subjects
  // (engine/schedule/when_meaning.hpp, engine/sheet/sheet_meaning.hpp, store/store_meaning.hpp):
  // "when.unknown_month". Empty for a message without one. Codes are kept with what an import
  // stored, so a code, once given, keeps its sentence and its subjects.
  std::string code;
  // The values the sentence names, in the order its code lists them, as text: "（13月）", "2".
  std::vector<std::string> subjects{};
  // The messages this one ends with, each with its own meaning: `schedule "（13月）" not
  // understood: unknown month "13" ...` is a sheet's warning ending with the parser's message.
  std::vector<Meaning> causes{};
  bool operator==(const Meaning&) const = default;

  bool empty() const { return code.empty(); }
};

// A meaning made from a module's code constant (a string_view) and its subjects.
inline Meaning meaning_of(std::string_view code, std::vector<std::string> subjects = {},
                          std::vector<Meaning> causes = {}) {
  return Meaning{std::string{code}, std::move(subjects), std::move(causes)};
}

}  // namespace torikumi
