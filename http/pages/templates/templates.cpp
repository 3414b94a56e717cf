#include "http/pages/templates/templates.hpp"

#include <stdexcept>

#include "engine/text/html.hpp"

namespace torikumi::templates {

namespace {

constexpr std::string_view kTemplateSuffix = ".mustache";

}  // namespace

std::string_view embedded_file(std::string_view name) {
  for (const EmbeddedFile& file : embedded_files())
    if (file.name == name) return file.text;
  throw std::logic_error("no embedded template file " + std::string{name});
}

View partials() {
  View out{View::type::object};
  for (const EmbeddedFile& file : embedded_files()) {
    std::string name{file.name};
    std::string_view text = file.text;
    if (name.ends_with(kTemplateSuffix)) {
      // A partial is used inline; the newline that ends its file is not part of it.
      name.resize(name.size() - kTemplateSuffix.size());
      if (text.ends_with('\n')) text.remove_suffix(1);
    }
    out.set(name, kainjow::mustache::partial{[text] { return std::string{text}; }});
  }
  return out;
}

View object_of(std::initializer_list<std::pair<const std::string, View>> values) {
  View out{View::type::object};
  for (const auto& [name, value] : values) out.set(name, value);
  return out;
}

std::string render(std::string_view name, const View& view, const View& shared) {
  kainjow::mustache::mustache page{std::string{embedded_file(name)}};
  if (!page.is_valid()) throw std::logic_error(std::string{name} + ": " + page.error_message());
  page.set_custom_escape([](const std::string& text) { return escape_html(text); });
  kainjow::mustache::context<std::string> context{&shared};
  context.push(&view);
  std::string out = page.render(context);
  if (!page.is_valid()) throw std::logic_error(std::string{name} + ": " + page.error_message());
  return out;
}

}  // namespace torikumi::templates
