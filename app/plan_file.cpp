#include "app/plan_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "engine/plan_json.hpp"

namespace torikumi::app {

Result<Plan, Diagnostics> load_plan_file(const std::string& path) {
  std::ifstream file{path, std::ios::binary};
  if (!file) return Diagnostics{{"", std::string{"cannot read: "} + std::strerror(errno)}};
  std::ostringstream text;
  text << file.rdbuf();
  return read_plan_json(text.str());
}

void print_diagnostics(std::ostream& err, const std::string& path, const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) err << path << ": " << diagnostic.to_string() << '\n';
}

}  // namespace torikumi::app
