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

}  // namespace torikumi::app
