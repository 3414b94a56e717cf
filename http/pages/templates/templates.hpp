#pragma once

// Pages as mustache templates (kainjow mustache, Debian libkainjow-mustache-dev): the files in
// http/pages/templates/, embedded at build time by embed_files.cmake, so nothing is read from
// disk at run time. `{{x}}` escapes with escape_html; `{{{x}}}` does not and is allowed only where
// tests/http/pages/template_rules_test.cpp says. The C++ builds a View of plain data; the
// template lays it out.

#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torikumi::templates {

using View = kainjow::mustache::data;

struct EmbeddedFile {
  std::string_view name;  // the file name, e.g. "frame.html.mustache" or "style.css"
  std::string_view text;
};

// Every file of http/pages/templates/ that CMake embeds (generated: embedded_files.cpp).
const std::vector<EmbeddedFile>& embedded_files();

// The text of an embedded file. Throws std::logic_error for a name not embedded: a bug.
std::string_view embedded_file(std::string_view name);

// `value` into `object` under `name`, moved. (kainjow's set() copies the whole subtree, and a
// page's views nest four deep.) REQUIRES: `object` is an object.
void put(View& object, const std::string& name, View value);

// `value` at the end of `list`, moved. (kainjow's push_back() copies it, and its vector copies
// every item again each time it grows: kainjow's move constructor is not noexcept.)
// REQUIRES: `list` is a list.
void append(View& list, View value);

// An object of named values: object_of({{"name", goal.name}, {"number", "3"}}).
View object_of(std::initializer_list<std::pair<const std::string, View>> values);

// A list for a section: each item of `items` as `to_view` makes it.
template <typename Range, typename ToView>
View list_of(const Range& items, ToView to_view) {
  View out{View::type::list};
  for (const auto& item : items) append(out, to_view(item));
  return out;
}

// Renders the embedded template `name` with `view`, names not found in it looked up in `shared`
// (the labels); every {{> partial}} is inlined from its embedded file. Throws std::logic_error when
// the template does not parse: a bug.
std::string render(std::string_view name, const View& view, const View& shared);

}  // namespace torikumi::templates
