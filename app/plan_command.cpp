// torikumi plan import|list|export|orphans: plans in the store.

#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi plan import FILE [--id PLAN_ID] [--fy YEAR] [--by NAME] [--db FILE]\n"
    "       torikumi plan list [--db FILE]\n"
    "       torikumi plan export PLAN_ID [--db FILE]\n"
    "       torikumi plan orphans PLAN_ID [--db FILE]\n"
    "\n"
    "Plans in the database (--db, default ./torikumi.db).\n"
    "\n"
    "  import   reads a plan JSON file or a 重要取組シート and stores it as a new revision when "
    "it\n"
    "           changed. Occurrences keep their state by id; those the plan no longer has become\n"
    "           orphans, their state kept; those whose time, place or title changed get a higher\n"
    "           revision. The plan's progress lines (進捗の状況) become completions and notes.\n"
    "           A sheet imported again keeps the ids the stored plan has for the same tasks,\n"
    "           measures and KPIs, also a plan stored under a hashed id (plan-2853493a) before\n"
    "           ids were read from titles.\n"
    "           --fy YEAR: the fiscal year to carry the progress into (default: the plan's)\n"
    "           --id PLAN_ID: store it under this id (a sheet's own id is read from its\n"
    "           organisation and initiative: higashi-chiiki-kyosei-shakai)\n"
    "  list     each plan: id, revision, fiscal year, imported when and by whom, orphans\n"
    "  export   the latest revision's JSON\n"
    "  orphans  the occurrences the latest revision no longer has, with their state\n";

int import_plan(const Arguments& arguments, Context& context) {
  const auto requested_year = requested_fiscal_year(arguments);
  if (!requested_year) {
    context.err << "torikumi plan import: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  const std::string& path = arguments.positionals()[1];
  auto loaded = open_plan_file(path, context.err);
  if (!loaded) return loaded.error();
  if (const auto id = arguments.value("--id")) {
    if (!is_valid_id(*id)) {
      context.err << "torikumi plan import: --id: expected 1 to 64 of A-Z a-z 0-9 . _ - not "
                     "starting with . or -, got \""
                  << *id << "\"\n";
      return kExitUsage;
    }
    loaded->plan.id = *id;
  }
  auto store = open_store("plan import", arguments, context.err);
  if (!store) return store.error();
  const PlanIdFrom plan_id = arguments.value("--id") ? PlanIdFrom::option : PlanIdFrom::sheet;
  if (Status kept = keep_stored_sheet_ids(*store, *loaded, plan_id); !kept) {
    context.err << "torikumi plan import: " << database_path(arguments) << ": "
                << kept.error().message << '\n';
    return kExitBadInput;
  }
  const auto summary = store->import_plan(loaded->plan, {.actor = actor_of(arguments, context),
                                                         .source = path,
                                                         .fiscal_year = *requested_year,
                                                         .warnings = loaded->warnings});
  if (!summary) {
    context.err << "torikumi plan import: " << database_path(arguments) << ": "
                << summary.error().message << '\n';
    return kExitBadInput;
  }
  context.out << "plan " << summary->plan << " revision " << summary->revision
              << (summary->new_revision ? "" : " (unchanged)") << ", FY" << summary->fiscal_year
              << ": " << summary->occurrences_added << " occurrences added, "
              << summary->occurrences_changed << " changed, " << summary->occurrences_orphaned
              << " orphaned, " << summary->occurrences_revived << " revived; "
              << summary->completions_added << " completions and " << summary->notes_added
              << " notes from its progress\n";
  return kExitOk;
}

}  // namespace

int run_plan(const std::vector<std::string>& args, Context& context) {
  const std::string sub = args.empty() ? "" : args.front();
  const std::size_t positionals = sub == "list" ? 1 : 2;
  if (sub != "import" && sub != "list" && sub != "export" && sub != "orphans" && sub != "--help" &&
      sub != "-h") {
    context.err << "torikumi plan: expected import, list, export or orphans\n" << kUsage;
    return kExitUsage;
  }
  const auto arguments =
      parse_command_line({.name = "plan",
                          .options = {.with_value = {"--db", "--by", "--fy", "--id"}, .flags = {}},
                          .positionals = positionals,
                          .positional_names = sub == "import" ? "import FILE" : sub + " PLAN_ID",
                          .usage = kUsage},
                         args, context.out, context.err);
  if (!arguments) return arguments.error();
  if (sub == "import") return import_plan(*arguments, context);
  auto store = open_store("plan " + sub, *arguments, context.err);
  if (!store) return store.error();
  const auto fail = [&](const Error& error) {
    context.err << "torikumi plan " << sub << ": " << database_path(*arguments) << ": "
                << error.message << '\n';
    return kExitBadInput;
  };
  if (sub == "list") {
    const auto plans = store->list_plans();
    if (!plans) return fail(plans.error());
    for (const auto& plan : *plans) {
      context.out << plan.id << "  revision " << plan.revision << "  FY" << plan.fiscal_year
                  << "  imported " << format_utc_instant(plan.imported_at) << " by "
                  << plan.imported_by;
      if (plan.orphans > 0) context.out << "  " << plan.orphans << " orphans";
      context.out << "  " << plan.initiative << '\n';
    }
    return kExitOk;
  }
  const std::string& plan_id = arguments->positionals()[1];
  if (sub == "export") {
    const auto json = store->export_plan(plan_id);
    if (!json) return fail(json.error());
    context.out << *json << '\n';
    return kExitOk;
  }
  const auto orphans = store->orphans(plan_id);
  if (!orphans) return fail(orphans.error());
  for (const auto& orphan : *orphans)
    context.out << orphan.occurrence << "  FY" << orphan.fiscal_year << "  "
                << to_string(orphan.status) << "  " << orphan.completions << " completions\n";
  return kExitOk;
}

}  // namespace torikumi::app
