// torikumi directory show|import: who 担当 is, as the database holds it (store: Store::directory).
// The dashboard's directory page and the API change one owner at a time; import replaces the
// whole directory from a file, or from a config's `directory` when it has changed since the
// config's first import.

#include <algorithm>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/config_file.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/plan/directory.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi directory show [--json] [--db FILE]\n"
    "       torikumi directory import FILE [--by NAME] [--db FILE]\n"
    "       torikumi directory import --config FILE [--by NAME] [--db FILE]\n"
    "\n"
    "The directory: for each owner (担当) the plans name, the people its reminders go to and\n"
    "those told too when an item is overdue long enough (escalation), and one entry for the\n"
    "owners not listed. It is kept in the database: the config's \"directory\" is its first\n"
    "import, at the first start of serve or remind; after that admins change it on the\n"
    "dashboard (/directory) or through the API (docs/api.md).\n"
    "\n"
    "  show     each owner with its people, one per line (--json: the JSON import reads)\n"
    "  import   replaces the whole directory: from FILE, JSON as the config's \"directory\"\n"
    "           ({\"owners\": {...}, \"unlisted\": ...}), or from --config FILE's \"directory\";\n"
    "           audited as one change\n"
    "\n"
    "  --db FILE   the database (default ./torikumi.db)\n"
    "  --by NAME   who imports it (default: the system user, $USER or $LOGNAME)\n";

void print_entry(std::ostream& out, const DirectoryEntry& entry) {
  for (const Recipient& person : entry.recipients)
    out << "  " << (person.name.empty() ? "" : person.name + " ") << '<' << person.email << ">\n";
  for (const Recipient& person : entry.escalation)
    out << "  escalation: " << (person.name.empty() ? "" : person.name + " ") << '<' << person.email
        << ">\n";
}

int show(const Arguments& arguments, Context& context) {
  auto store = open_store("directory show", arguments, context.err);
  if (!store) return store.error();
  const auto directory = store->directory(membership_day(context.now));
  if (!directory) {
    context.err << "torikumi directory show: " << directory.error().message << '\n';
    return kExitBadInput;
  }
  if (arguments.flag("--json")) {
    context.out << directory_to_json(*directory).dump(2) << '\n';
    return kExitOk;
  }
  for (const auto& [owner, entry] : directory->owners) {
    context.out << owner << '\n';
    print_entry(context.out, entry);
  }
  if (directory->unlisted) {
    context.out << "(every owner not listed)\n";
    print_entry(context.out, *directory->unlisted);
  }
  if (directory->empty()) context.out << "(empty: owners get no reminders)\n";
  return kExitOk;
}

// The directory of `import`'s FILE or --config FILE, its problems printed.
Result<Directory, ExitCode> read_import(const Arguments& arguments, std::string& source,
                                        Context& context) {
  if (const auto config_path = arguments.value("--config")) {
    source = *config_path;
    auto config = read_config_file("directory import", *config_path, context.err);
    if (!config) return config.error();
    return std::move(config->directory);
  }
  if (arguments.positionals().size() != 2) {
    context.err << "torikumi directory import: expected one FILE, or --config FILE\n" << kUsage;
    return kExitUsage;
  }
  source = arguments.positionals()[1];
  const auto text = read_text_file(source);
  if (!text) {
    context.err << "torikumi directory import: " << source << ": " << text.error().message << '\n';
    return kExitBadInput;
  }
  auto directory = read_directory_json(*text, "directory");
  if (!directory) {
    for (const auto& diagnostic : directory.error())
      context.err << "torikumi directory import: " << source << ": " << diagnostic.to_string()
                  << '\n';
    return kExitBadInput;
  }
  return std::move(*directory);
}

int import(const Arguments& arguments, Context& context) {
  std::string source;
  auto directory = read_import(arguments, source, context);
  if (!directory) return directory.error();
  auto store = open_store("directory import", arguments, context.err);
  if (!store) return store.error();
  if (auto replaced = store->replace_directory(*directory, actor_of(arguments, context), source);
      !replaced) {
    context.err << "torikumi directory import: " << source << ": " << replaced.error().message
                << '\n';
    return kExitBadInput;
  }
  context.out << "imported " << source << ": " << directory->owners.size()
              << (directory->owners.size() == 1 ? " owner" : " owners")
              << (directory->unlisted ? " and one entry for every owner not listed" : "") << '\n';
  return kExitOk;
}

}  // namespace

int run_directory(const std::vector<std::string>& args, Context& context) {
  const std::string sub = args.empty() ? "" : args.front();
  if (sub == "--help" || sub == "-h") {
    context.out << kUsage;
    return kExitOk;
  }
  if (sub != "show" && sub != "import") {
    context.err << "torikumi directory: expected show or import\n" << kUsage;
    return kExitUsage;
  }
  const bool importing = sub == "import";
  const bool from_config = std::any_of(args.begin(), args.end(), [](const std::string& arg) {
    return arg == "--config" || arg.starts_with("--config=");
  });
  const auto arguments = parse_command_line(
      {.name = "directory " + sub,
       .options = {.with_value = {"--db", "--by", "--config"}, .flags = {"--json"}},
       .positionals = importing && !from_config ? 2u : 1u,
       .positional_names = importing ? "import FILE" : "show",
       .usage = kUsage},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  return importing ? import(*arguments, context) : show(*arguments, context);
}

}  // namespace torikumi::app
