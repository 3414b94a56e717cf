#include "app/arguments.hpp"

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

}  // namespace torikumi::app
