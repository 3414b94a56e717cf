// torikumi token create|list|revoke and torikumi subscription create|list|revoke: who may use
// the server (store/access.hpp). A secret is printed once, when it is made, on the last line of
// the output (a feed's URL, after its webcal:// form); the database keeps only its SHA-256.

#include <algorithm>
#include <charconv>
#include <ostream>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/config_file.hpp"
#include "app/listen_address.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/plan/config.hpp"
#include "http/access/access_control.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/transport/url.hpp"
#include "store/access.hpp"
#include "store/secrets.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kTokenUsage =
    "usage: torikumi token create --role viewer|editor|secretariat|admin [--name NAME]\n"
    "                             [--person EMAIL] [--label TEXT] [--by NAME] [--db FILE]\n"
    "       torikumi token list [--db FILE]\n"
    "       torikumi token revoke ID [--by NAME] [--db FILE]\n"
    "       torikumi token revoke --all [--subscriptions] [--by NAME] [--db FILE]\n"
    "\n"
    "API tokens for the server. viewer reads; editor also records what was done and makes\n"
    "subscriptions to a plan's feeds; secretariat (事務局) also sees every agenda item of every\n"
    "meeting; admin also makes tokens and organisation subscriptions. A token of a person\n"
    "(--person) sees the agenda items of the agencies they are a current member of.\n"
    "\n"
    "  create   makes a token and prints it once, alone on the last line; only its hash is\n"
    "           kept, so it cannot be shown again\n"
    "  list     each token: id, role, created when and by whom, active or revoked, label, name\n"
    "  revoke   the token stops working, its dashboard sessions end and the subscriptions made\n"
    "           with it on the server are revoked (one line each); it stays listed\n"
    "  revoke --all\n"
    "           every active token, as revoke does one, and says how many (after a leak: make\n"
    "           new ones with create); with --subscriptions every subscription too, the ones the\n"
    "           CLI made as well. One transaction, each revoke in the history\n"
    "\n"
    "  --role R      viewer, editor, secretariat or admin\n"
    "  --name NAME   the person who holds it (\"田中 花子\"): the dashboard shows it when they "
    "sign\n"
    "                in, and what they record is recorded as by them; without it, the label\n"
    "  --person EMAIL  the address of the person who holds it, a member of some agency\n"
    "                (torikumi agency import): their agencies decide which restricted agenda\n"
    "                items they see\n"
    "  --label TEXT  what the token is for (\"CI\", \"掲示板\")\n"
    "  --db FILE     the database (default ./torikumi.db)\n"
    "  --by NAME     who makes or revokes it (default: the system user, $USER or $LOGNAME)\n";

constexpr const char* kSubscriptionUsage =
    "usage: torikumi subscription create PLAN [--owner NAME] [--label TEXT] [ADDRESS] [--by NAME]\n"
    "                                    [--db FILE]\n"
    "       torikumi subscription create --org NAME | --agency NAME | --person EMAIL [--label "
    "TEXT]\n"
    "                                    [ADDRESS] [--by NAME] [--db FILE]\n"
    "       torikumi subscription list [--db FILE]\n"
    "       torikumi subscription revoke ID [--by NAME] [--db FILE]\n"
    "\n"
    "Calendar subscriptions: a feed URL with a secret of its own, for a calendar app.\n"
    "\n"
    "  create   makes a subscription to a plan's feed, one owner's (担当) feed of a plan, an\n"
    "           organisation's, an agency's or a person's, and prints its feed URL with the\n"
    "           secret once: the webcal:// form\n"
    "           calendar apps open, then the http(s):// one alone on the last line; only the\n"
    "           secret's hash is kept\n"
    "  list     each subscription: id, feed, created when and by whom, active or revoked, label\n"
    "  revoke   the feed URL stops working; the subscription stays listed\n"
    "\n"
    "  --owner NAME  the owner (担当) whose tasks the feed shows; a task of PLAN must have it\n"
    "  --org NAME    every plan of the organisation (東区役所)\n"
    "  --agency NAME    the meetings the agency (機関) takes part in, of every plan\n"
    "  --person EMAIL   the meetings of the agencies the person with that address is a current\n"
    "                   member of, of every plan\n"
    "  --label TEXT  whose calendar it is for\n"
    "  --db FILE     the database (default ./torikumi.db)\n"
    "  --by NAME     who makes or revokes it (default: the system user, $USER or $LOGNAME)\n"
    "\n"
    "ADDRESS, where the server is reached, which the URL starts with (as serve's links do):\n"
    "  --base-url URL      https://torikumi.example.org\n"
    "  --config FILE       its server.base_url (docs/config.md)\n"
    "  --listen HOST:PORT  serve's --listen, when the config has no base_url: http://HOST:PORT\n"
    "  none of them: http://127.0.0.1:8080, serve's default\n";

Result<store::Access, ExitCode> open_access(const std::string& command, const Arguments& arguments,
                                            std::ostream& err) {
  return open_database<store::Access>(command, arguments, err);
}

int report_error(const std::string& command, const Arguments& arguments, const Error& error,
                 std::ostream& err) {
  err << "torikumi " << command << ": " << database_path(arguments) << ": " << error.message
      << '\n';
  return kExitBadInput;
}

// An ID as `token list` prints it: a positive integer.
std::optional<std::int64_t> parse_id(const std::string& text) {
  std::int64_t id = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), id);
  if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size() || id <= 0)
    return std::nullopt;
  return id;
}

// "active" or "revoked 2026-04-21T00:00:00Z".
std::string standing(const std::optional<date::sys_seconds>& revoked_at) {
  return revoked_at ? "revoked " + format_utc_instant(*revoked_at) : "active";
}

std::string created(date::sys_seconds at, const std::string& by) {
  return "created " + format_utc_instant(at) + " by " + by;
}

// `token revoke ID` and `subscription revoke ID`: the ID, or a usage error.
Result<std::int64_t, ExitCode> read_id(const std::string& command, const Arguments& arguments,
                                       std::ostream& err) {
  const std::string& text = arguments.positionals().front();
  const auto id = parse_id(text);
  if (!id) {
    err << "torikumi " << command << ": ID: expected a number as `list` prints it, got "
        << in_quotes(text) << '\n';
    return kExitUsage;
  }
  return *id;
}

// The first line of what `create` prints; the secret (or the feed's URLs with it, the http(s)
// one last) follows on the last lines: `token 3 (editor, "CI"): shown this once, only its hash
// is kept`.
void print_created(std::ostream& out, const std::string& kind, std::int64_t id,
                   const std::string& what, const std::string& label,
                   const std::string& secret_line) {
  out << kind << ' ' << id << " (" << what;
  if (!label.empty()) out << ", " << in_quotes(label);
  out << "): shown this once, only its hash is kept\n" << secret_line << '\n';
}

// `list` of tokens or subscriptions, one a line: ID  WHAT  created AT by BY  active|revoked AT
// "LABEL". `list_all` reads them; `describe` says what one is.
template <typename List, typename Describe>
int list_rows(const std::string& kind, const Arguments& arguments, Context& context, List list_all,
              Describe describe) {
  const std::string command = kind + " list";
  auto access = open_access(command, arguments, context.err);
  if (!access) return access.error();
  const auto rows = list_all(*access);
  if (!rows) return report_error(command, arguments, rows.error(), context.err);
  for (const auto& row : *rows) {
    context.out << row.id << "  " << describe(row) << "  "
                << created(row.created_at, row.created_by) << "  " << standing(row.revoked_at);
    if (!row.label.empty()) context.out << "  " << in_quotes(row.label);
    context.out << '\n';
  }
  return kExitOk;
}

// `subscription revoke ID`: `revoke_one` revokes it.
template <typename Revoke>
int revoke_row(const std::string& kind, const Arguments& arguments, Context& context,
               Revoke revoke_one) {
  const std::string command = kind + " revoke";
  const auto id = read_id(command, arguments, context.err);
  if (!id) return id.error();
  auto access = open_access(command, arguments, context.err);
  if (!access) return access.error();
  const auto revoked = revoke_one(*access, *id, actor_of(arguments, context));
  if (!revoked) return report_error(command, arguments, revoked.error(), context.err);
  context.out << kind << ' ' << revoked->id << " revoked\n";
  return kExitOk;
}

// The subcommand and the arguments after it; an empty name: --help or -h was asked for.
struct Subcommand {
  std::string name;
  std::vector<std::string> rest;
};

std::optional<Subcommand> read_subcommand(const std::string& command,
                                          const std::vector<std::string>& args,
                                          const std::string& usage, std::ostream& err) {
  const std::string sub = args.empty() ? "" : args.front();
  if (sub == "--help" || sub == "-h") return Subcommand{"", args};
  if (sub != "create" && sub != "list" && sub != "revoke") {
    err << "torikumi " << command << ": expected create, list or revoke\n" << usage;
    return std::nullopt;
  }
  return Subcommand{sub, std::vector<std::string>(args.begin() + 1, args.end())};
}

// What `token create` and `token list` say of a token: `editor for "田中 花子"
// <tanaka@example.org>`.
std::string token_words(const store::ApiToken& token) {
  std::string what{store::to_string(token.role)};
  if (!token.name.empty()) what += " for " + in_quotes(token.name);
  if (!token.person.empty()) what += " <" + token.person + ">";
  return what;
}

int create_token(const Arguments& arguments, Context& context) {
  const std::string command = "token create";
  const auto role_text = arguments.value("--role");
  if (!role_text) {
    context.err << "torikumi " << command << ": --role is required\n" << kTokenUsage;
    return kExitUsage;
  }
  const auto role = store::parse_role(*role_text);
  if (!role) {
    context.err << "torikumi " << command
                << ": --role: expected viewer, editor, secretariat or admin, got "
                << in_quotes(*role_text) << '\n';
    return kExitUsage;
  }
  auto access = open_access(command, arguments, context.err);
  if (!access) return access.error();
  const std::string label = arguments.value("--label").value_or("");
  const std::string secret = store::make_secret(store::SecretKind::api_token);
  const auto token =
      access->create_token(store::sha256_hex(secret), *role, label, actor_of(arguments, context),
                           {.name = arguments.value("--name").value_or(""),
                            .made_with = {},
                            .person = arguments.value("--person").value_or("")});
  if (!token) return report_error(command, arguments, token.error(), context.err);
  print_created(context.out, "token", token->id, token_words(*token), label, secret);
  return kExitOk;
}

// "1 token", "3 subscriptions".
std::string count_of(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// `token revoke ID` and `token revoke --all [--subscriptions]`: one line per token and
// subscription revoked (`token 2 revoked`, `subscription 4 revoked (made with token 2)`), or,
// for --all, how many: `revoked 3 tokens and 2 subscriptions`.
int revoke_tokens(const Arguments& arguments, Context& context) {
  const std::string command = "token revoke";
  const bool all = arguments.flag("--all");
  if (arguments.flag("--subscriptions") && !all) {
    context.err << "torikumi " << command << ": --subscriptions is for token revoke --all\n"
                << kTokenUsage;
    return kExitUsage;
  }
  std::optional<std::int64_t> id;
  if (!all) {
    const auto read = read_id(command, arguments, context.err);
    if (!read) return read.error();
    id = *read;
  }
  auto access = open_access(command, arguments, context.err);
  if (!access) return access.error();
  const store::Actor actor = actor_of(arguments, context);
  const auto revoked = all ? access->revoke_all_tokens(
                                 actor, arguments.flag("--subscriptions")
                                            ? store::SubscriptionsToRevoke::every_one
                                            : store::SubscriptionsToRevoke::made_with_the_tokens)
                           : access->revoke_token(*id, actor);
  if (!revoked) return report_error(command, arguments, revoked.error(), context.err);
  if (all) {
    context.out << "revoked " << count_of(revoked->tokens.size(), "token") << " and "
                << count_of(revoked->subscriptions.size(), "subscription") << '\n';
    return kExitOk;
  }
  for (const store::ApiToken& token : revoked->tokens)
    context.out << "token " << token.id << " revoked\n";
  for (const store::Subscription& subscription : revoked->subscriptions)
    context.out << "subscription " << subscription.id << " revoked (made with token " << *id
                << ")\n";
  return kExitOk;
}

int run_token_subcommand(const Subcommand& sub, Context& context) {
  const bool revoke = sub.name == "revoke";
  const bool all = revoke && std::find(sub.rest.begin(), sub.rest.end(), "--all") != sub.rest.end();
  const auto arguments = parse_command_line(
      {.name = "token " + sub.name,
       .options = {.with_value = {"--db", "--by", "--role", "--label", "--name", "--person"},
                   .flags = {"--all", "--subscriptions"}},
       .positionals = revoke && !all ? 1u : 0u,
       .positional_names = revoke && !all ? "ID"
                           : all          ? "arguments after --all"
                                          : "arguments after " + sub.name,
       .usage = kTokenUsage},
      sub.rest, context.out, context.err);
  if (!arguments) return arguments.error();
  const std::string command = "token " + sub.name;
  if (sub.name != "create" && (arguments->value("--role") || arguments->value("--label") ||
                               arguments->value("--name") || arguments->value("--person"))) {
    context.err << "torikumi " << command
                << ": --role, --name, --person and --label are for token create\n"
                << kTokenUsage;
    return kExitUsage;
  }
  if (!revoke && (arguments->flag("--all") || arguments->flag("--subscriptions"))) {
    context.err << "torikumi " << command << ": --all and --subscriptions are for token revoke\n"
                << kTokenUsage;
    return kExitUsage;
  }
  if (sub.name == "create") return create_token(*arguments, context);
  if (sub.name == "list") {
    return list_rows(
        "token", *arguments, context, [](store::Access& access) { return access.list_tokens(); },
        token_words);
  }
  return revoke_tokens(*arguments, context);
}

// What a subscription opens, for `list` and `create`: "plan higashi-kyosei", "plan
// higashi-kyosei owner 地域福祉課", "organisation 東区役所", "agency こども家庭センター", "person
// takikan@example.org".
std::string scope_text(const store::SubscriptionScope& scope) {
  if (!scope.person.empty()) return "person " + scope.person;
  if (!scope.agency.empty()) return "agency " + scope.agency;
  if (!scope.organisation.empty()) return "organisation " + scope.organisation;
  if (!scope.owner.empty()) return "plan " + scope.plan + " owner " + scope.owner;
  return "plan " + scope.plan;
}

// Where the feed URL starts: --base-url, else the config's server.base_url, else --listen's
// address, else serve's default (http://127.0.0.1:8080); kExitUsage after saying why not.
Result<std::string, ExitCode> feed_base_url(const std::string& command, const Arguments& arguments,
                                            std::ostream& err) {
  if (const auto base_url = arguments.value("--base-url")) {
    const auto url = parse_http_url(*base_url);
    if (!url) {
      err << "torikumi " << command << ": --base-url: " << url.error().message << '\n';
      return kExitUsage;
    }
    return url->text;
  }
  if (const auto path = arguments.value("--config")) {
    auto config = read_config_file("subscription create", *path, err);
    if (!config) return config.error();
    if (config->server.base_url) return config->server.base_url->text;
  }
  if (const auto listen = arguments.value("--listen")) {
    const auto address = parse_listen(*listen);
    if (!address) {
      err << "torikumi " << command << ": " << address.error().message << '\n';
      return kExitUsage;
    }
    return listen_base_url(*address);
  }
  return default_base_url().text;
}

int create_subscription(const Arguments& arguments, Context& context) {
  const std::string command = "subscription create";
  const auto& positionals = arguments.positionals();
  const auto usage_error = [&](const std::string& message) {
    context.err << "torikumi " << command << ": " << message << '\n' << kSubscriptionUsage;
    return kExitUsage;
  };
  // The feed: PLAN, or one of the options naming a feed of several plans.
  store::SubscriptionScope scope;
  std::string option;
  for (auto [name, target] :
       {std::pair{"--org", &scope.organisation}, std::pair{"--agency", &scope.agency},
        std::pair{"--person", &scope.person}}) {
    const auto value = arguments.value(name);
    if (!value) continue;
    if (!option.empty() || !positionals.empty())
      return usage_error(
          "expected one of PLAN, --org NAME, --agency NAME and --person EMAIL, "
          "not several");
    if (value->empty()) return usage_error(std::string{name} + ": expected a name, got \"\"");
    option = name;
    *target = *value;
  }
  if (!option.empty() && arguments.value("--owner"))
    return usage_error("--owner is for a plan's subscription, not " + option);
  if (option.empty()) {
    if (positionals.size() != 1)
      return usage_error("expected one PLAN, or --org NAME, --agency NAME or --person EMAIL");
    scope.plan = positionals.front();
    scope.owner = arguments.value("--owner").value_or("");
    if (arguments.value("--owner") && scope.owner.empty())
      return usage_error("--owner: expected a name, got \"\"");
  }
  const auto base_url = feed_base_url(command, arguments, context.err);
  if (!base_url) return base_url.error();
  auto access = open_access(command, arguments, context.err);
  if (!access) return access.error();
  const std::string label = arguments.value("--label").value_or("");
  const std::string secret = store::make_secret(store::SecretKind::subscription);
  const auto subscription = access->create_subscription(store::sha256_hex(secret), scope, label,
                                                        actor_of(arguments, context), std::nullopt);
  if (!subscription) return report_error(command, arguments, subscription.error(), context.err);
  const std::string url = *base_url + http::feed_path(http::feed_of(scope)) + "?token=" + secret;
  print_created(context.out, "subscription", subscription->id, scope_text(scope), label,
                http::webcal_url(url) + "\n" + url);
  return kExitOk;
}

int run_subscription_subcommand(const Subcommand& sub, Context& context) {
  const std::string command = "subscription " + sub.name;
  // create takes PLAN or --org, --agency or --person, so it counts its positionals itself.
  const auto options =
      OptionSpec{.with_value = {"--db", "--by", "--owner", "--org", "--agency", "--person",
                                "--label", "--base-url", "--config", "--listen"},
                 .flags = {"--help", "-h"}};
  if (sub.name == "create") {
    const auto arguments = Arguments::parse(sub.rest, options);
    if (!arguments) {
      context.err << "torikumi " << command << ": " << arguments.error().message << '\n'
                  << kSubscriptionUsage;
      return kExitUsage;
    }
    if (arguments->flag("--help") || arguments->flag("-h")) {
      context.out << kSubscriptionUsage;
      return kExitOk;
    }
    return create_subscription(*arguments, context);
  }
  const auto arguments =
      parse_command_line({.name = command,
                          .options = options,
                          .positionals = sub.name == "revoke" ? 1u : 0u,
                          .positional_names = sub.name == "revoke" ? "ID" : "arguments after list",
                          .usage = kSubscriptionUsage},
                         sub.rest, context.out, context.err);
  if (!arguments) return arguments.error();
  if (arguments->value("--owner") || arguments->value("--org") || arguments->value("--agency") ||
      arguments->value("--person") || arguments->value("--label") ||
      arguments->value("--base-url") || arguments->value("--config") ||
      arguments->value("--listen")) {
    context.err << "torikumi " << command
                << ": --owner, --org, --agency, --person, --label, --base-url, --config and "
                   "--listen are for subscription create\n"
                << kSubscriptionUsage;
    return kExitUsage;
  }
  if (sub.name == "list") {
    return list_rows(
        "subscription", *arguments, context,
        [](store::Access& access) { return access.list_subscriptions(); },
        [](const store::Subscription& subscription) { return scope_text(subscription.scope); });
  }
  return revoke_row("subscription", *arguments, context,
                    [](store::Access& access, std::int64_t id, const store::Actor& actor) {
                      return access.revoke_subscription(id, actor);
                    });
}

}  // namespace

int run_token(const std::vector<std::string>& args, Context& context) {
  const auto sub = read_subcommand("token", args, kTokenUsage, context.err);
  if (!sub) return kExitUsage;
  if (sub->name.empty()) {
    context.out << kTokenUsage;
    return kExitOk;
  }
  return run_token_subcommand(*sub, context);
}

int run_subscription(const std::vector<std::string>& args, Context& context) {
  const auto sub = read_subcommand("subscription", args, kSubscriptionUsage, context.err);
  if (!sub) return kExitUsage;
  if (sub->name.empty()) {
    context.out << kSubscriptionUsage;
    return kExitOk;
  }
  return run_subscription_subcommand(*sub, context);
}

}  // namespace torikumi::app
