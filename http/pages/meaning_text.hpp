#pragma once

// The Japanese pages' sentences for what the engine and the store say (their messages' meanings,
// engine/base/meaning.hpp): a when-expression not understood, a sheet's warning, a plan file that
// does not read, a store's refusal. English pages show the English messages as they are.

#include <optional>
#include <string>

#include "engine/base/language.hpp"
#include "engine/base/result.hpp"
#include "engine/sheet/sheet_warnings.hpp"

namespace torikumi::http::page {

// The Japanese sentence of a meaning, ending in 。, with its causes in it; nullopt for a meaning
// the pages have no sentence for (none, a code they do not know, or too few subjects):
// `unknown month "13" at character 2 in "（13月）"` is
// 「（13月）」の2文字目の「13」という月はありません（1～12月）。
std::optional<std::string> japanese_sentence(const Meaning& meaning);

// A sheet's warning as a page lists it: where, then what. On a Japanese page a warning with a
// sentence is located by its line (14行目) and worded in Japanese; one without (stored before
// meanings) keeps its location and its English, marked as such.
struct WarningText {
  std::string where;     // higashi.txt:14, or 14行目 when `by_line`
  std::string message;   // in the page's language, unless `english`
  bool by_line = false;  // `where` is the line in words
  bool english = false;  // the message is the importer's English on a Japanese page
};
WarningText warning_text(const SheetWarning& warning, Language language);

}  // namespace torikumi::http::page
