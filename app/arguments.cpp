#include "app/arguments.hpp"

#include <ostream>

namespace torikumi::app {

Result<Arguments> Arguments::parse(const std::vector<std::string>& args, const OptionSpec& spec) {
  Arguments parsed;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      parsed.positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (const auto equals = arg.find('='); arg.starts_with("--") && equals != std::string::npos) {
      name = arg.substr(0, equals);
      inline_value = arg.substr(equals + 1);
    }
    if (spec.flags.contains(name)) {
      if (inline_value) return Error{name + " takes no value"};
      parsed.flags_.insert(name);
    } else if (spec.with_value.contains(name)) {
      if (inline_value) {
        parsed.values_.emplace_back(name, *inline_value);
      } else if (i + 1 < args.size()) {
        parsed.values_.emplace_back(name, args[++i]);
      } else {
        return Error{name + " needs a value"};
      }
    } else {
      return Error{"unknown option " + name};
    }
  }
  return parsed;
}

std::optional<std::string> Arguments::value(std::string_view name) const {
  std::optional<std::string> last;
  for (const auto& [key, value] : values_)
    if (key == name) last = value;
  return last;
}

std::vector<std::string> Arguments::values(std::string_view name) const {
  std::vector<std::string> all;
  for (const auto& [key, value] : values_)
    if (key == name) all.push_back(value);
  return all;
}

Result<Arguments, ExitCode> parse_command_line(const CommandSpec& spec,
                                               const std::vector<std::string>& args,
                                               std::ostream& out, std::ostream& err) {
  OptionSpec options = spec.options;
  options.flags.insert({"--help", "-h"});
  const auto arguments = Arguments::parse(args, options);
  if (!arguments) {
    err << "torikumi " << spec.name << ": " << arguments.error().message << '\n' << spec.usage;
    return kExitUsage;
  }
  if (arguments->flag("--help") || arguments->flag("-h")) {
    out << spec.usage;
    return kExitOk;
  }
  if (arguments->positionals().size() != spec.positionals) {
    // None: `expected no arguments after list`; one: `expected one PLAN`; more, the subcommand
    // and what follows it: `expected upcoming PLAN_ID`.
    err << "torikumi " << spec.name << ": expected "
        << (spec.positionals == 0   ? "no "
            : spec.positionals == 1 ? "one "
                                    : "")
        << spec.positional_names << '\n'
        << spec.usage;
    return kExitUsage;
  }
  return *arguments;
}

}  // namespace torikumi::app
