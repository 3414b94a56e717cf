// The rules of the pages' templates, read from the source tree: the page code leaves escaping to
// the templates, a template opts out of escaping only where reviewed, and colours live in the
// stylesheet alone.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "http/pages/labels.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kSource{TORIKUMI_SOURCE_DIR};

std::string text_of(const fs::path& path) {
  std::ifstream file{path};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The files under `folder` (recursively) whose names end with one of `suffixes`.
std::vector<fs::path> files_under(const fs::path& folder,
                                  std::initializer_list<const char*> suffixes) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    for (const char* suffix : suffixes)
      if (entry.is_regular_file() && name.ends_with(suffix)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The code that writes HTML: the pages, the 様式4 form and the reminder email, and the engine's
// parts of those two. The one escaper is the templates' own (templates.cpp hands escape_html to
// kainjow).
std::vector<fs::path> page_code() {
  std::vector<fs::path> files = files_under(kSource / "http/pages", {".cpp", ".hpp"});
  std::erase(files, kSource / "http/pages/templates/templates.cpp");
  for (const char* engine_part :
       {"engine/progress/progress_form.cpp", "engine/progress/progress_form.hpp",
        "engine/reminders/reminder_message.cpp", "engine/reminders/reminder_message.hpp"})
    files.push_back(kSource / engine_part);
  return files;
}

// The reviewed places where a template writes HTML it did not escape: the page body (HTML the
// templates made) and the SVG timeline (made by timeline.svg.mustache), on the plan page and on
// an upload's preview.
const std::set<std::pair<std::string, std::string>> kUnescapedAllowed{
    {"frame.html.mustache", "body"},
    {"plan.html.mustache", "timeline"},
    {"preview.html.mustache", "timeline"},
};

}  // namespace

TEST_CASE("no page code escapes by hand: the templates escape") {
  const std::vector<fs::path> files = page_code();
  CHECK(files.size() > 5);
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const std::string text = text_of(file);
    CHECK(text.find("escape_html(") == std::string::npos);
    CHECK(text.find("engine/text/html.hpp") == std::string::npos);
  }
}

TEST_CASE("a template writes unescaped only in the reviewed places") {
  const std::regex triple{R"(\{\{\{\s*([^}\s]*)\s*\}\}\})"};
  std::size_t templates = 0;
  for (const fs::path& file : files_under(kSource / "http/pages/templates", {".mustache"})) {
    ++templates;
    const std::string text = text_of(file);
    const std::string name = file.filename().string();
    CAPTURE(name);
    CHECK(text.find("{{&") == std::string::npos);
    CHECK(text.find("{{=") == std::string::npos);  // a changed delimiter would hide the rest
    for (auto match = std::sregex_iterator(text.begin(), text.end(), triple);
         match != std::sregex_iterator(); ++match) {
      CAPTURE((*match)[1].str());
      CHECK(kUnescapedAllowed.contains({name, (*match)[1].str()}));
    }
  }
  CHECK(templates > 5);
}

TEST_CASE("the colours are the stylesheet's: no colour is written in page code or a template") {
  const std::regex colour{R"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgb\()"};
  std::vector<fs::path> files = page_code();
  for (const fs::path& file : files_under(kSource / "http/pages/templates", {".mustache"}))
    files.push_back(file);
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const std::string text = text_of(file);
    CHECK_FALSE(std::regex_search(text, colour));
  }
}

TEST_CASE("both languages have every label") {
  using torikumi::Language;
  using torikumi::http::page::labels;
  const auto keys = [](Language language) {
    std::vector<std::string_view> out;
    for (const auto& entry : labels(language)) out.push_back(entry.key);
    return out;
  };
  CHECK(keys(Language::japanese) == keys(Language::english));
  auto sorted = keys(Language::japanese);
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("every embedded template parses and every label it names is in the tables") {
  using torikumi::Language;
  using torikumi::http::page::labels;
  const std::regex label_tag{R"(\{\{[#^/]?\s*t_([a-z_]+)\s*\}\})"};
  std::size_t names = 0;
  for (const auto& file : torikumi::templates::embedded_files()) {
    if (!file.name.ends_with(".mustache")) continue;
    CAPTURE(std::string{file.name});
    const kainjow::mustache::mustache parsed{std::string{file.text}};
    CHECK(parsed.is_valid());
    const std::string text{file.text};
    for (auto match = std::sregex_iterator(text.begin(), text.end(), label_tag);
         match != std::sregex_iterator(); ++match) {
      ++names;
      const std::string key = (*match)[1].str();
      CAPTURE(key);
      const auto& table = labels(Language::japanese);
      CHECK(std::any_of(table.begin(), table.end(),
                        [&](const auto& entry) { return entry.key == key; }));
    }
  }
  CHECK(names > 50);
}
