#pragma once

// The words of the dashboard's pages: one table per language, a key to its text. Templates say
// {{t_KEY}} (a flat name: kainjow splits a dotted one at every lookup, a third of a page's
// time); C++ that needs a word (a status shown in a tooltip) asks label(language, KEY).

#include <string_view>
#include <vector>

#include "engine/base/language.hpp"
#include "http/pages/templates/templates.hpp"

namespace torikumi::http::page {

struct Label {
  std::string_view key;
  std::string_view text;
};

// The table of a language, in the order written.
const std::vector<Label>& labels(Language language);

// The text of `key`. Throws std::logic_error for a key not in the table: a bug.
std::string_view label(Language language, std::string_view key);

// The text of `key`, or `otherwise` for a key not in the table: a word that came from elsewhere
// (an occurrence's status as the store names it) and may have no label.
std::string_view label_or(Language language, std::string_view key, std::string_view otherwise);

// What every page template shares: each label as t_KEY, and each form field's maxlength as
// limits_FIELD.
const templates::View& shared_view(Language language);

}  // namespace torikumi::http::page
