// torikumi serve: the HTTP server (http/) on the plans named on the command line.

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <ostream>
#include <thread>
#include <tuple>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/config_file.hpp"
#include "app/listen_address.hpp"
#include "app/plan_file.hpp"
#include "app/stop_signals.hpp"
#include "app/store_access.hpp"
#include "http/access/access_control.hpp"
#include "http/api/reminder_board.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/contract/limits.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/delivery/webhook_client.hpp"
#include "http/server/server.hpp"
#include "http/transport/url.hpp"
#include "store/access.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi serve [--db FILE] [--listen HOST:PORT] [--fy YEAR] [--threads N]\n"
    "                      [--max-body BYTES] [--config FILE] [PLAN_OR_SHEET...]\n"
    "\n"
    "Serves the plans in the database as calendar feeds, a JSON API and the dashboard over HTTP\n"
    "until SIGTERM or SIGINT, which let the requests in flight finish and exit 0. Each\n"
    "PLAN_OR_SHEET (a plan JSON file or a 重要取組シート) is imported into the database first, as\n"
    "`torikumi plan import` does. What other commands record in the same file (done, skip, ...)\n"
    "shows within a second. One JSON line per request goes to standard error.\n"
    "\n"
    "Reading needs a token (the dashboard signs in with one), a feed URL its subscription secret.\n"
    "On a database without tokens the server makes an admin token and prints it once; for each\n"
    "plan given here that has no subscription yet it makes one and prints the feed's URL.\n"
    "\n"
    "  --db FILE           the database (default ./torikumi.db; created when missing)\n"
    "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
    "  --fy YEAR           the fiscal year shown (default: each plan's own, else the current one)\n"
    "  --threads N         requests other than feeds served at once (default 64)\n"
    "  --max-body BYTES    the largest request body accepted (default 1048576)\n"
    "  --config FILE       settings (docs/config.md): the public address, whether reading needs\n"
    "                      sign-in, webhooks and reminders\n"
    "\n"
    "GET / (dashboard), /signin, /account, /plans/ID, /plans/ID/form, "
    "/calendars/ID.ics?token=...,\n"
    "/calendars/ID/owner/NAME.ics, /calendars/org/NAME.ics, /api/... (docs/api.md), /healthz,\n"
    "/metrics.\n";

Result<std::size_t> parse_count(const std::string& option, const std::string& text,
                                std::size_t minimum) {
  std::size_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc{} || end != text.data() + text.size() || value < minimum)
    return Error{option + ": expected a whole number of at least " + std::to_string(minimum) +
                 ", got \"" + text + "\""};
  return value;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

// What the command line and the config ask for.
struct ServeSettings {
  Arguments arguments;
  http::ServerOptions options;
  std::optional<int> fiscal_year;
  Config config = default_config();
  std::optional<std::string> config_path;
};

// --listen, --threads and --max-body into the server's options; kExitUsage after saying why not.
Result<http::ServerOptions, ExitCode> server_options(const Arguments& arguments, Context& context) {
  http::ServerOptions options;
  const auto listen = parse_listen(arguments.value("--listen").value_or("127.0.0.1:8080"));
  if (!listen) {
    context.err << "torikumi serve: " << listen.error().message << '\n';
    return kExitUsage;
  }
  options.host = listen->host;
  options.port = listen->port;
  for (auto [option, minimum, target] :
       {std::tuple{"--threads", std::size_t{1}, &options.worker_threads},
        std::tuple{"--max-body", std::size_t{0}, &options.max_body_bytes}}) {
    const auto text = arguments.value(option);
    if (!text) continue;
    const auto count = parse_count(option, *text, minimum);
    if (!count) {
      context.err << "torikumi serve: " << count.error().message << '\n';
      return kExitUsage;
    }
    *target = *count;
  }
  return options;
}

// The command line and the config (the public address, whether reading needs sign-in, webhooks
// and reminders); kExitOk after --help, another code after saying what was wrong.
Result<ServeSettings, ExitCode> read_settings(const std::vector<std::string>& args,
                                              Context& context) {
  // Any number of plans, so not parse_command_line (which wants an exact count).
  auto arguments = Arguments::parse(
      args, {.with_value = {"--listen", "--fy", "--threads", "--max-body", "--db", "--config"},
             .flags = {"--help", "-h"}});
  if (!arguments) {
    context.err << "torikumi serve: " << arguments.error().message << '\n' << kUsage;
    return kExitUsage;
  }
  if (arguments->flag("--help") || arguments->flag("-h")) {
    context.out << kUsage;
    return kExitOk;
  }
  auto options = server_options(*arguments, context);
  if (!options) return options.error();
  const auto requested_year = requested_fiscal_year(*arguments);
  if (!requested_year) {
    context.err << "torikumi serve: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  ServeSettings settings{.arguments = std::move(*arguments),
                         .options = std::move(*options),
                         .fiscal_year = *requested_year,
                         .config = default_config(),
                         .config_path = std::nullopt};
  settings.config_path = settings.arguments.value("--config");
  if (settings.config_path) {
    auto read = read_config_file("serve", *settings.config_path, context.err);
    if (!read) return read.error();
    settings.config = std::move(*read);
    if (const auto& base_url = settings.config.server.base_url)
      settings.options.public_base_url = base_url->text;
    settings.options.require_sign_in = settings.config.server.require_sign_in;
    settings.options.default_language = settings.config.server.language;
    settings.options.metrics = settings.config.server.metrics;
    if (const auto& meetings = settings.config.meetings) {
      std::vector<std::string> endpoints;
      for (const WebhookEndpoint& endpoint : settings.config.webhooks)
        endpoints.push_back(endpoint.url.text);
      settings.options.meetings =
          http::MeetingsOptions{.organizer = {meetings->organizer.name, meetings->organizer.email},
                                .reply_domain = meetings->reply_domain,
                                .endpoints = std::move(endpoints),
                                .language = settings.config.language,
                                .inbound = meetings->inbound};
      if (meetings->inbound.enabled())
        settings.options.max_inbound_body_bytes = http::limits::kMaxInboundBodyBytes;
    }
  }
  return settings;
}

// The clock read in main, moving on with the monotonic clock: TORIKUMI_NOW fixes the start.
http::Clock serve_clock(const Context& context) {
  const auto started = std::chrono::steady_clock::now();
  const date::sys_seconds start_time = context.now;
  return [started, start_time] {
    return start_time + std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - started);
  };
}

// What the server is wired to: the plans and what was recorded, the access tables, the
// reminders' board, and the subscriptions that existed at the start.
struct ServeParts {
  std::string database;
  std::unique_ptr<http::StorePlanCatalog> catalog;
  std::unique_ptr<http::AccessControl> access;
  std::unique_ptr<http::ReminderBoard> reminders;
  std::vector<store::Subscription> subscriptions;
  std::vector<std::string> imported;  // the plans named on the command line
  http::Clock clock;                  // started once the plans are imported
  std::string directory_line;         // where the directory comes from (take_config_directory)
};

// The plans named on the command line go into the database first, as `plan import` puts them.
Result<std::vector<std::string>, ExitCode> import_plans(store::Store& store,
                                                        const ServeSettings& settings,
                                                        const store::Actor& actor,
                                                        Context& context) {
  std::vector<std::string> imported;
  for (const std::string& path : settings.arguments.positionals()) {
    auto loaded = open_plan_file(path, context.err);
    if (!loaded) return loaded.error();
    if (Status kept = keep_stored_sheet_ids(store, *loaded, PlanIdFrom::sheet); !kept) {
      context.err << "torikumi serve: " << path << ": " << kept.error().message << '\n';
      return kExitBadInput;
    }
    store::ImportOptions import{.actor = actor,
                                .source = path,
                                .fiscal_year = settings.fiscal_year,
                                .warnings = loaded->warnings};
    const auto summary = store.import_plan(loaded->plan, import);
    if (!summary) {
      context.err << "torikumi serve: " << path << ": " << summary.error().message << '\n';
      return kExitBadInput;
    }
    imported.push_back(summary->plan);
  }
  return imported;
}

// The store and the catalog over it, the access tables, the reminders' board. The server's
// writes do not pause, so the store's checkpoints run on a thread of their own
// (store/checkpointer.hpp), which stops when the store goes away, after the server has stopped.
Result<ServeParts, ExitCode> open_parts(const ServeSettings& settings, const store::Actor& actor,
                                        Context& context) {
  ServeParts parts;
  parts.database = database_path(settings.arguments);
  auto opened = open_store("serve", settings.arguments, context.err,
                           {.checkpoints = store::Checkpoints::background});
  if (!opened) return opened.error();
  auto imported = import_plans(*opened, settings, actor, context);
  if (!imported) return imported.error();
  parts.imported = std::move(*imported);
  parts.clock = serve_clock(context);
  const http::Clock& clock = parts.clock;
  const auto refuse = [&](const Error& error) {
    context.err << "torikumi serve: " << parts.database << ": " << error.message << '\n';
    return kExitBadInput;
  };
  if (settings.config_path) {
    auto source = take_config_directory(*opened, settings.config, *settings.config_path, actor);
    if (!source) return refuse(source.error());
    parts.directory_line = std::move(source->line);
  }
  auto access_store = store::Access::open(parts.database);
  if (!access_store) return refuse(access_store.error());
  auto subscriptions = access_store->list_subscriptions();
  if (!subscriptions) return refuse(subscriptions.error());
  parts.subscriptions = std::move(*subscriptions);
  auto catalog = http::StorePlanCatalog::create(std::move(*opened), settings.fiscal_year, clock);
  if (!catalog) return refuse(catalog.error());
  parts.catalog = std::move(*catalog);
  auto access = http::AccessControl::create(std::move(*access_store), clock);
  if (!access) return refuse(access.error());
  parts.access = std::move(*access);
  auto reminders = http::ReminderBoard::create(parts.database, settings.config, *parts.catalog);
  if (!reminders) return refuse(reminders.error());
  parts.reminders = std::move(*reminders);
  return parts;
}

// On a database without tokens, an admin token, printed once.
Result<bool, ExitCode> make_first_token(ServeParts& parts, const std::string& base,
                                        const store::Actor& actor, Context& context) {
  if (parts.access->has_tokens()) return false;
  const auto token = parts.access->create_token(store::Role::admin, "first admin", actor);
  if (!token) {
    context.err << "torikumi serve: " << parts.database << ": " << token.error().message << '\n';
    return kExitBadInput;
  }
  context.out << "  admin token, shown once (sign in at " << base
              << "/signin; more with torikumi token create):\n"
              << "    " << *token << '\n';
  return true;
}

// For each plan named on the command line, its feed's URL: a new subscription when it has none.
Result<bool, ExitCode> announce_feeds(ServeParts& parts, const std::string& base,
                                      const store::Actor& actor, Context& context) {
  for (const std::string& plan_id : parts.imported) {
    const bool has_one = std::any_of(
        parts.subscriptions.begin(), parts.subscriptions.end(), [&](const store::Subscription& s) {
          return !s.revoked_at && s.scope == store::SubscriptionScope{plan_id, "", ""};
        });
    const std::string path = http::feed_path({http::FeedScope::plan, plan_id, "", ""});
    if (has_one) {
      context.out << "  feed: " << base << path
                  << "?token=...  (made before; a new one: torikumi subscription create " << plan_id
                  << ")\n";
      continue;
    }
    const auto made = parts.access->subscribe({plan_id, "", ""}, "torikumi serve", actor);
    if (!made) {
      context.err << "torikumi serve: " << plan_id << ": " << made.error().message << '\n';
      return kExitBadInput;
    }
    const std::string url = base + path + "?token=" + made->secret;
    context.out << "  feed: " << url << "\n    subscribe: " << http::webcal_url(url) << '\n';
  }
  return true;
}

// Where the server listens, the database, the first token and the feeds. Links use the config's
// public address (server.base_url) when there is one.
Result<bool, ExitCode> announce(http::Server& server, ServeParts& parts, const store::Actor& actor,
                                Context& context) {
  const std::string base = server.base_url();
  const std::size_t plans = parts.catalog->plans().size();
  context.out << "torikumi serve: listening on " << server.bound_url() << "/\n"
              << "  dashboard: " << base << "/\n"
              << "  database: " << parts.database << " (" << plans
              << (plans == 1 ? " plan)\n" : " plans)\n");
  if (!parts.directory_line.empty())
    context.out << "  " << parts.directory_line << " (" << base << "/directory)\n";
  if (auto token = make_first_token(parts, base, actor, context); !token) return token;
  return announce_feeds(parts, base, actor, context);
}

// Reminders: the dispatcher works through the outbox on a thread of its own while the server
// runs, as `torikumi remind` does from cron (a lock on the database keeps the two apart). None
// without webhooks.
std::unique_ptr<http::Dispatcher> make_dispatcher(const ServeSettings& settings,
                                                  const std::string& database,
                                                  const http::Clock& clock,
                                                  http::Transport& transport, Context& context) {
  const Config& config = settings.config;
  if (config.webhooks.empty()) {
    context.out << "  reminders: none sent (no webhooks in "
                << (settings.config_path ? *settings.config_path : "a --config file") << ")\n";
    return nullptr;
  }
  context.out << "  reminders: to " << config.webhooks.size() << " webhook"
              << (config.webhooks.size() == 1 ? "" : "s") << ", a pass every 30 s\n";
  return std::make_unique<http::Dispatcher>(
      http::DispatcherOptions{.database = database,
                              .config = config,
                              .clock = clock,
                              .transport = &transport,
                              .log = &std::cerr,
                              .retry = {},
                              .random = {},
                              .interval = std::chrono::seconds{30},
                              .batch = 512,
                              .mode = http::DispatchMode::send});
}

// Serves until SIGTERM or SIGINT, taken by one thread which stops the server; the dispatcher
// runs meanwhile.
void serve_until_signalled(http::Server& server, http::Dispatcher* dispatcher,
                           sigset_t stop_signals) {
  std::atomic<bool> signalled{false};
  std::thread signal_thread{[&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    signalled = true;
    server.stop();
  }};
  if (dispatcher) dispatcher->start();
  server.run();
  if (dispatcher) dispatcher->stop();
  if (!signalled) pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
}

}  // namespace

int run_serve(const std::vector<std::string>& args, Context& context) {
  auto settings = read_settings(args, context);
  if (!settings) return settings.error();
  // SIGTERM and SIGINT are taken by one thread, which stops the server; blocked everywhere else
  // (before any other thread exists, so every thread inherits the mask).
  const sigset_t stop_signals = block_stop_signals();
  const store::Actor actor = actor_of(settings->arguments, context);
  auto parts = open_parts(*settings, actor, context);
  if (!parts) return parts.error();
  const http::Clock& clock = parts->clock;

  calendars::FeedOptions feed_options;
  feed_options.product_id = "-//torikumi//torikumi " TORIKUMI_VERSION "//JA";
  // The dispatcher starts after the server binds; pages that enter invitations wake it through
  // this, set before the first request is served.
  auto wake_dispatcher = std::make_shared<std::function<void()>>();
  settings->options.outbox_entered = [wake_dispatcher] {
    if (*wake_dispatcher) (*wake_dispatcher)();
  };
  http::Server server{*parts->catalog, *parts->access, *parts->reminders, settings->options,
                      feed_options,    clock,          std::cerr};
  const auto port = server.bind();
  if (!port) {
    context.err << "torikumi serve: " << port.error().message << '\n';
    return kExitBadInput;
  }
  if (const auto announced = announce(server, *parts, actor, context); !announced)
    return announced.error();
  // Links in reminders follow the address the server is reached at, as the pages' links do.
  if (!settings->config.server.base_url)
    settings->config.server.base_url = parse_http_url(server.base_url()).value();
  http::HttpTransport transport;
  const auto dispatcher = make_dispatcher(*settings, parts->database, clock, transport, context);
  if (dispatcher) *wake_dispatcher = [target = dispatcher.get()] { target->wake(); };
  if (!is_loopback(settings->options.host))
    context.out
        << "  warning: listening beyond this machine without TLS; put it behind an https proxy\n";
  context.out << std::flush;

  serve_until_signalled(server, dispatcher.get(), stop_signals);
  context.err << "torikumi serve: stopped\n";
  return kExitOk;
}

}  // namespace torikumi::app
