#include "http/pages/templates/templates.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "engine/text/html.hpp"

namespace torikumi::templates {

namespace {

constexpr std::string_view kTemplateSuffix = ".mustache";
constexpr std::string_view kPartialOpen = "{{>";
constexpr std::string_view kTagClose = "}}";
// Deeper than any page nests its partials: a cycle is a bug.
constexpr int kMaxPartialDepth = 16;

// A partial's text as it is used inline, by the name a template calls it (`task_row.html` for
// task_row.html.mustache, `style.css` for style.css): without the newline that ends its file.
std::string_view partial_text(std::string_view name) {
  for (const EmbeddedFile& file : embedded_files()) {
    std::string_view text = file.text;
    if (file.name == name) return text;
    if (file.name.size() == name.size() + kTemplateSuffix.size() && file.name.starts_with(name) &&
        file.name.ends_with(kTemplateSuffix)) {
      if (text.ends_with('\n')) text.remove_suffix(1);
      return text;
    }
  }
  throw std::logic_error("no partial " + std::string{name});
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// The text with every {{> name}} replaced by that partial's text, itself inlined: what
// kainjow's rendering of the partial in the same context gives, but parsed once. (kainjow
// parses a partial again at every use, a task row's once per task: a plan page took 8 times
// as long as with the partials inlined.)
std::string inline_partials(std::string_view text, int depth) {
  if (depth > kMaxPartialDepth) throw std::logic_error("partials nested too deep");
  std::string out;
  for (std::size_t at = text.find(kPartialOpen); at != std::string_view::npos;
       at = text.find(kPartialOpen)) {
    const std::size_t close = text.find(kTagClose, at);
    if (close == std::string_view::npos) throw std::logic_error("an unclosed partial tag");
    out.append(text.substr(0, at));
    const std::string_view name =
        trimmed(text.substr(at + kPartialOpen.size(), close - at - kPartialOpen.size()));
    out += inline_partials(partial_text(name), depth + 1);
    text.remove_prefix(close + kTagClose.size());
  }
  out.append(text);
  return out;
}

// The template, parsed once per thread with its partials inlined (a kainjow template keeps the
// state of its last render, so threads do not share one).
kainjow::mustache::mustache& parsed(std::string_view name) {
  thread_local std::map<std::string, kainjow::mustache::mustache, std::less<>> cache;
  if (const auto found = cache.find(name); found != cache.end()) return found->second;
  kainjow::mustache::mustache page{inline_partials(embedded_file(name), 0)};
  if (!page.is_valid()) throw std::logic_error(std::string{name} + ": " + page.error_message());
  page.set_custom_escape([](const std::string& text) { return escape_html(text); });
  return cache.emplace(std::string{name}, std::move(page)).first->second;
}

}  // namespace

std::string_view embedded_file(std::string_view name) {
  for (const EmbeddedFile& file : embedded_files())
    if (file.name == name) return file.text;
  throw std::logic_error("no embedded template file " + std::string{name});
}

// kainjow gives no way to move into a view; both write through the reference its accessors
// return const. The views are ours and never const, so the writes are well defined.
void put(View& object, const std::string& name, View value) {
  object.set(name, View{false});  // a placeholder, cheap to copy
  *const_cast<View*>(object.get(name)) = std::move(value);
}

void append(View& list, View value) {
  auto& items = const_cast<kainjow::mustache::list&>(list.list_value());
  if (items.size() == items.capacity()) {
    std::vector<View> grown;
    grown.reserve(std::max<std::size_t>(8, 2 * items.capacity()));
    for (View& item : items) grown.emplace_back(std::move(item));
    items.swap(grown);
  }
  items.emplace_back(std::move(value));
}

View object_of(std::initializer_list<std::pair<const std::string, View>> values) {
  View out{View::type::object};
  for (const auto& [name, value] : values) out.set(name, value);  // an initializer_list is const
  return out;
}

std::string render(std::string_view name, const View& view, const View& shared) {
  kainjow::mustache::mustache& page = parsed(name);
  kainjow::mustache::context<std::string> context{&shared};
  context.push(&view);
  std::string out = page.render(context);
  if (!page.is_valid()) throw std::logic_error(std::string{name} + ": " + page.error_message());
  return out;
}

}  // namespace torikumi::templates
