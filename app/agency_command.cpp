// torikumi agency list|show|import|remove: the agencies (機関) that own tasks and take part in
// meetings, as the database holds them (store: Store::agencies). The directory of who 担当 is
// is made of their current contacts and leads (torikumi directory).

#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/meetings/agency.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi agency list [--json] [--db FILE]\n"
    "       torikumi agency show NAME [--json] [--db FILE]\n"
    "       torikumi agency import FILE [--by NAME] [--db FILE]\n"
    "       torikumi agency remove NAME [--by NAME] [--db FILE]\n"
    "\n"
    "Agencies (機関): the ward's sections and the outside organisations that own tasks and take\n"
    "part in meetings, shared by every plan. Each has a kind and members: contacts (担当者: hear\n"
    "of its tasks and meetings), leads (責任者: told too when an item is overdue long enough)\n"
    "and members (構成員: invited to meetings), each from a first day to a last, with the day\n"
    "they pledged confidentiality (誓約). A ward section that owns tasks is an agency of kind\n"
    "ward_section named as the plans name the owner (担当); its current contacts and leads are\n"
    "the directory (torikumi directory show).\n"
    "\n"
    "  list     each agency: kind, name, current members / all members (--json: the file\n"
    "           import reads)\n"
    "  show     one agency's members, current and former (--json: as import reads one)\n"
    "  import   adds or replaces each agency of FILE by name ({\"agencies\": [{\"name\",\n"
    "           \"kind\", \"members\": [{\"name\", \"email\", \"role\", \"since\", \"until\",\n"
    "           \"pledged\"}]}]}, docs/agencies.md); the others stay. All or nothing; each change\n"
    "           audited\n"
    "  remove   removes one agency with its members' history\n"
    "\n"
    "  --db FILE   the database (default ./torikumi.db)\n"
    "  --by NAME   who changes it (default: the system user, $USER or $LOGNAME)\n";

std::string day_or_blank(const std::optional<date::sys_days>& day) {
  return day ? format_iso_date(*day) : std::string{};
}

void print_member(std::ostream& out, const Member& member, date::sys_days today) {
  out << "  " << to_string(member.role) << "  " << (member.name.empty() ? "" : member.name + " ")
      << '<' << member.email << '>';
  if (member.since || member.until)
    out << "  " << day_or_blank(member.since) << ".." << day_or_blank(member.until);
  if (member.pledged) out << "  pledged " << format_iso_date(*member.pledged);
  if (!member.active_on(today)) out << "  (former)";
  out << '\n';
}

int list(const Arguments& arguments, Context& context) {
  auto store = open_store("agency list", arguments, context.err);
  if (!store) return store.error();
  const auto agencies = store->agencies();
  if (!agencies) {
    context.err << "torikumi agency list: " << agencies.error().message << '\n';
    return kExitBadInput;
  }
  if (arguments.flag("--json")) {
    context.out << agencies_to_json(*agencies).dump(2) << '\n';
    return kExitOk;
  }
  const date::sys_days today = membership_day(context.now);
  for (const Agency& agency : *agencies) {
    std::size_t current = 0;
    for (const Member& member : agency.members) current += member.active_on(today) ? 1 : 0;
    context.out << to_string(agency.kind) << "  " << agency.name << "  " << current << '/'
                << agency.members.size() << " members\n";
  }
  if (agencies->empty()) context.out << "(no agencies)\n";
  return kExitOk;
}

int show(const Arguments& arguments, Context& context) {
  auto store = open_store("agency show", arguments, context.err);
  if (!store) return store.error();
  const auto agency = store->agency(arguments.positionals()[1]);
  if (!agency) {
    context.err << "torikumi agency show: " << agency.error().message << '\n';
    return kExitBadInput;
  }
  if (arguments.flag("--json")) {
    context.out << agency_to_json(*agency).dump(2) << '\n';
    return kExitOk;
  }
  context.out << agency->name << "  (" << to_string(agency->kind) << ")\n";
  const date::sys_days today = membership_day(context.now);
  for (const Member& member : agency->members) print_member(context.out, member, today);
  return kExitOk;
}

int import(const Arguments& arguments, Context& context) {
  const std::string source = arguments.positionals()[1];
  const auto text = read_text_file(source);
  if (!text) {
    context.err << "torikumi agency import: " << source << ": " << text.error().message << '\n';
    return kExitBadInput;
  }
  auto agencies = read_agencies_json(*text, "agencies");
  if (!agencies) {
    for (const auto& diagnostic : agencies.error())
      context.err << "torikumi agency import: " << source << ": " << diagnostic.to_string() << '\n';
    return kExitBadInput;
  }
  auto store = open_store("agency import", arguments, context.err);
  if (!store) return store.error();
  const auto imported = store->import_agencies(*agencies, actor_of(arguments, context), source);
  if (!imported) {
    context.err << "torikumi agency import: " << source << ": " << imported.error().message << '\n';
    return kExitBadInput;
  }
  context.out << "imported " << source << ": " << imported->added << " added, " << imported->changed
              << " changed, " << imported->unchanged << " unchanged\n";
  return kExitOk;
}

int remove(const Arguments& arguments, Context& context) {
  auto store = open_store("agency remove", arguments, context.err);
  if (!store) return store.error();
  const auto removed =
      store->remove_agency(arguments.positionals()[1], actor_of(arguments, context));
  if (!removed) {
    context.err << "torikumi agency remove: " << removed.error().message << '\n';
    return kExitBadInput;
  }
  context.out << "removed " << removed->name << " and its " << removed->members.size()
              << (removed->members.size() == 1 ? " member" : " members") << '\n';
  return kExitOk;
}

}  // namespace

int run_agency(const std::vector<std::string>& args, Context& context) {
  const std::string sub = args.empty() ? "" : args.front();
  if (sub == "--help" || sub == "-h") {
    context.out << kUsage;
    return kExitOk;
  }
  if (sub != "list" && sub != "show" && sub != "import" && sub != "remove") {
    context.err << "torikumi agency: expected list, show, import or remove\n" << kUsage;
    return kExitUsage;
  }
  const bool named = sub != "list";
  const auto arguments =
      parse_command_line({.name = "agency " + sub,
                          .options = {.with_value = {"--db", "--by"}, .flags = {"--json"}},
                          .positionals = named ? 2u : 1u,
                          .positional_names = sub == "import" ? "import FILE"
                                              : named         ? sub + " NAME"
                                                              : "list",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  if (sub == "list") return list(*arguments, context);
  if (sub == "show") return show(*arguments, context);
  if (sub == "import") return import(*arguments, context);
  return remove(*arguments, context);
}

}  // namespace torikumi::app
