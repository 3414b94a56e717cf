#include "app/config_file.hpp"

#include <fstream>
#include <ostream>
#include <sstream>

namespace torikumi::app {

Result<Config, ExitCode> read_config_file(const std::string& command, const std::string& path,
                                          std::ostream& err) {
  std::ifstream file{path, std::ios::binary};
  if (!file) {
    err << "torikumi " << command << ": " << path << ": cannot read the file\n";
    return kExitBadInput;
  }
  std::ostringstream text;
  text << file.rdbuf();
  auto config = read_config_json(text.str());
  if (!config) {
    for (const auto& diagnostic : config.error())
      err << "torikumi " << command << ": " << path << ": " << diagnostic.to_string() << '\n';
    return kExitBadInput;
  }
  return std::move(*config);
}

namespace {

// "3 owners", "3 owners and one entry for the rest", "one entry for every owner".
std::string entries_text(const Directory& directory) {
  const std::size_t count = directory.owners.size();
  if (count == 0 && directory.unlisted) return "one entry for every owner";
  std::string text = std::to_string(count) + (count == 1 ? " owner" : " owners");
  if (directory.unlisted) text += " and one entry for the rest";
  return text;
}

}  // namespace

Result<DirectorySource, Error> take_config_directory(store::Store& store, const Config& config,
                                                     const std::string& path,
                                                     const store::Actor& actor, DirectoryUse use) {
  if (use == DirectoryUse::store) {
    const auto imported = store.import_first_directory(config.directory, actor, path);
    if (!imported) return imported.error();
    if (*imported)
      return DirectorySource{.line = "directory: " + entries_text(config.directory) + " from " +
                                     path + ", kept in the database from now on",
                             .news = true};
  } else {
    const auto had = store.has_directory();
    if (!had) return had.error();
    if (!*had && !config.directory.empty())
      return DirectorySource{.line = "directory: " + entries_text(config.directory) + " from " +
                                     path +
                                     ", not stored (serve and remind store it at their first "
                                     "start)",
                             .news = true,
                             .in_memory = config.directory};
  }
  const auto stored = store.directory(membership_day(actor.at));
  if (!stored) return stored.error();
  if (stored->empty() && config.directory.empty()) return DirectorySource{};
  DirectorySource source{.line = "directory: the database's (" + entries_text(*stored) + ")"};
  if (!config.directory.empty() && config.directory != *stored)
    source.line += "; " + path +
                   "'s \"directory\" differs and is not read (edit the directory on the "
                   "dashboard, or replace it with torikumi directory import --config " +
                   path + "; once it is in the database the config need not have one)";
  return source;
}

}  // namespace torikumi::app
