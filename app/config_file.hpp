#pragma once

// Reading the --config file (docs/config.md) for the commands that take one.

#include <iosfwd>
#include <string>

#include "app/arguments.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"
#include "store/store.hpp"

namespace torikumi::app {

// The config in FILE; on failure every problem printed as `torikumi COMMAND: FILE: where: what`
// and kExitBadInput.
Result<Config, ExitCode> read_config_file(const std::string& command, const std::string& path,
                                          std::ostream& err);

// The config's `directory` is the database's first (Store::import_first_directory): stored at
// the first start of serve or remind, then the database's is read, edited on the dashboard.
struct DirectorySource {
  // Which is used, for the command to print; empty when neither the config nor the database has
  // a directory:
  //   directory: 4 owners from FILE, kept in the database from now on
  //   directory: the database's (3 owners and one entry for the rest); FILE's "directory" differs
  //   and is not read (edit it on the dashboard, or replace it with torikumi directory import
  //   --config FILE)
  std::string line;
  bool news = false;  // imported now: worth telling a cron job's log
  // With DirectoryUse::look on a database that has never had a directory: the config's, to plan
  // with in memory.
  std::optional<Directory> in_memory{};
};
// What a command does with the config's directory: serve and remind store it at their first
// start; a dry run and `remind upcoming` only look, changing nothing.
enum class DirectoryUse { store, look };
Result<DirectorySource, Error> take_config_directory(store::Store& store, const Config& config,
                                                     const std::string& path,
                                                     const store::Actor& actor,
                                                     DirectoryUse use = DirectoryUse::store);

}  // namespace torikumi::app
