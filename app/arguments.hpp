#pragma once

// A small command-line reader: positionals, `--name value`, `--name=value` and flags, with
// the errors a user needs (`unknown option --fyy`, `--fy needs a value`).

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::app {

struct OptionSpec {
  std::set<std::string> with_value;  // e.g. "--fy", "-o"
  std::set<std::string> flags;       // e.g. "--json", "--help"
};

class Arguments {
 public:
  static Result<Arguments> parse(const std::vector<std::string>& args, const OptionSpec& spec);

  bool flag(std::string_view name) const { return flags_.contains(std::string{name}); }
  // The last value given to `name`, or nullopt.
  std::optional<std::string> value(std::string_view name) const;
  // Every value given to `name`, in order, for an option that may be repeated (--owner).
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::set<std::string> flags_;
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<std::string> positionals_;
};

// Exit codes shared by every command.
enum ExitCode : int { kExitOk = 0, kExitBadInput = 1, kExitUsage = 2 };

// What a subcommand expects on its command line.
struct CommandSpec {
  std::string name;              // "expand"
  OptionSpec options;            // --help and -h are added
  std::size_t positionals = 1;   // exactly this many
  std::string positional_names;  // "PLAN", for the error "expected one PLAN"
  std::string usage;             // the --help text
};

// Reads a subcommand's arguments. When the command should stop at once, returns its exit code
// instead: 0 after printing the usage for --help, 2 after printing a usage error to `err`.
Result<Arguments, ExitCode> parse_command_line(const CommandSpec& spec,
                                               const std::vector<std::string>& args,
                                               std::ostream& out, std::ostream& err);

}  // namespace torikumi::app
