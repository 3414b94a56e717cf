#pragma once

// HTML text escaping, for every page and form torikumi writes.

#include <string>
#include <string_view>

namespace torikumi {

// Escapes & < > " ' so that any user text is inert in element content and quoted attributes.
std::string escape_html(std::string_view text);

}  // namespace torikumi
