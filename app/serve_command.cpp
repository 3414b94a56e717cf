// torikumi serve: the HTTP server (http/) on the plans named on the command line.

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <iostream>
#include <ostream>
#include <thread>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/config_file.hpp"
#include "app/plan_file.hpp"
#include "app/stop_signals.hpp"
#include "app/store_access.hpp"
#include "http/access/access_control.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/catalog/feed_cache.hpp"
#include "http/api/reminder_board.hpp"
#include "http/server/server.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/transport/url.hpp"
#include "http/delivery/webhook_client.hpp"
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
    "GET / (dashboard), /signin, /plans/ID, /plans/ID/form, /calendars/ID.ics?token=...,\n"
    "/calendars/ID/owner/NAME.ics, /calendars/org/NAME.ics, /api/... (docs/api.md), /healthz,\n"
    "/metrics.\n";

struct ListenAddress {
  std::string host;
  int port = 0;
};

Result<ListenAddress> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  const Error error{"--listen: expected HOST:PORT (127.0.0.1:8080), got \"" + text + "\""};
  if (colon == std::string::npos || colon == 0) return error;
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']')
    address.host = address.host.substr(1, address.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  const auto [end, status] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (status != std::errc{} || end != port.data() + port.size() || address.port < 0 ||
      address.port > 65535)
    return error;
  return address;
}

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

}  // namespace

int run_serve(const std::vector<std::string>& args, Context& context) {
  // Any number of plans, so not parse_command_line (which wants an exact count).
  const auto arguments = Arguments::parse(
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

  http::ServerOptions options;
  const auto listen = parse_listen(arguments->value("--listen").value_or("127.0.0.1:8080"));
  if (!listen) {
    context.err << "torikumi serve: " << listen.error().message << '\n';
    return kExitUsage;
  }
  options.host = listen->host;
  options.port = listen->port;
  if (const auto threads = arguments->value("--threads")) {
    const auto count = parse_count("--threads", *threads, 1);
    if (!count) {
      context.err << "torikumi serve: " << count.error().message << '\n';
      return kExitUsage;
    }
    options.worker_threads = *count;
  }
  if (const auto bytes = arguments->value("--max-body")) {
    const auto count = parse_count("--max-body", *bytes, 0);
    if (!count) {
      context.err << "torikumi serve: " << count.error().message << '\n';
      return kExitUsage;
    }
    options.max_body_bytes = *count;
  }
  const auto requested_year = requested_fiscal_year(*arguments);
  if (!requested_year) {
    context.err << "torikumi serve: " << requested_year.error().message << '\n';
    return kExitUsage;
  }
  // The config: the public address, whether reading needs sign-in, webhooks and reminders.
  const auto config_path = arguments->value("--config");
  Config config = default_config();
  if (config_path) {
    auto read = read_config_file("serve", *config_path, context.err);
    if (!read) return read.error();
    config = std::move(*read);
    options.public_base_url = config.server.base_url.text;
    options.require_sign_in = config.server.require_sign_in;
    options.default_language = config.server.language;
    options.metrics = config.server.metrics;
  }

  // The plans named here go into the database first, as `plan import` puts them. The server's
  // writes do not pause, so its checkpoints run on a thread of their own (store/checkpointer.hpp),
  // which stops when the store goes away, after the server has stopped.
  const std::string database = database_path(*arguments);
  auto opened =
      open_store("serve", *arguments, context.err, {.checkpoints = store::Checkpoints::background});
  if (!opened) return opened.error();
  store::Store store = std::move(*opened);
  const store::Actor actor = actor_of(*arguments, context);
  std::vector<std::string> imported;
  for (const std::string& path : arguments->positionals()) {
    auto loaded = open_plan_file(path, context.err);
    if (!loaded) return loaded.error();
    store::ImportOptions import{.actor = actor, .source = path, .fiscal_year = *requested_year};
    const auto summary = store.import_plan(loaded->plan, import);
    if (!summary) {
      context.err << "torikumi serve: " << path << ": " << summary.error().message << '\n';
      return kExitBadInput;
    }
    imported.push_back(summary->plan);
  }
  auto access_store = store::Access::open(database);
  if (!access_store) {
    context.err << "torikumi serve: " << database << ": " << access_store.error().message << '\n';
    return kExitBadInput;
  }
  auto subscriptions = access_store->list_subscriptions();
  if (!subscriptions) {
    context.err << "torikumi serve: " << database << ": " << subscriptions.error().message << '\n';
    return kExitBadInput;
  }

  // The clock read in main, moving on with the monotonic clock: TORIKUMI_NOW fixes the start.
  const auto started = std::chrono::steady_clock::now();
  const date::sys_seconds start_time = context.now;
  http::Clock clock = [started, start_time] {
    return start_time + std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - started);
  };
  auto catalog = http::StorePlanCatalog::create(std::move(store), *requested_year, clock);
  if (!catalog) {
    context.err << "torikumi serve: " << database << ": " << catalog.error().message << '\n';
    return kExitBadInput;
  }
  auto access = http::AccessControl::create(std::move(*access_store), clock);
  if (!access) {
    context.err << "torikumi serve: " << database << ": " << access.error().message << '\n';
    return kExitBadInput;
  }

  // SIGTERM and SIGINT are taken by one thread, which stops the server; blocked everywhere else
  // (before any other thread exists, so every thread inherits the mask).
  sigset_t stop_signals = block_stop_signals();

  calendars::FeedOptions feed_options;
  feed_options.product_id = "-//torikumi//torikumi " TORIKUMI_VERSION "//JA";
  auto reminders = http::ReminderBoard::create(database, config, **catalog);
  if (!reminders) {
    context.err << "torikumi serve: " << database << ": " << reminders.error().message << '\n';
    return kExitBadInput;
  }
  http::Server server{**catalog, **access, **reminders, options, feed_options, clock, std::cerr};
  const auto port = server.bind();
  if (!port) {
    context.err << "torikumi serve: " << port.error().message << '\n';
    return kExitBadInput;
  }

  // Links use the config's public address (server.base_url) when there is one.
  const std::string base = server.base_url();
  context.out << "torikumi serve: listening on " << server.bound_url() << "/\n"
              << "  dashboard: " << base << "/\n"
              << "  database: " << database << " (" << (*catalog)->plans().size()
              << ((*catalog)->plans().size() == 1 ? " plan)\n" : " plans)\n");
  if (!(*access)->has_tokens()) {
    const auto token = (*access)->create_token(store::Role::admin, "first admin", actor);
    if (!token) {
      context.err << "torikumi serve: " << database << ": " << token.error().message << '\n';
      return kExitBadInput;
    }
    context.out << "  admin token, shown once (sign in at " << base
                << "/signin; more with torikumi token create):\n"
                << "    " << *token << '\n';
  }
  for (const std::string& plan_id : imported) {
    const bool has_one = std::any_of(
        subscriptions->begin(), subscriptions->end(), [&](const store::Subscription& s) {
          return !s.revoked_at && s.scope == store::SubscriptionScope{plan_id, "", ""};
        });
    const std::string path = http::feed_path({http::FeedScope::plan, plan_id, "", ""});
    if (has_one) {
      context.out << "  feed: " << base << path
                  << "?token=...  (made before; a new one: torikumi subscription create " << plan_id
                  << ")\n";
      continue;
    }
    const auto made = (*access)->subscribe({plan_id, "", ""}, "torikumi serve", actor);
    if (!made) {
      context.err << "torikumi serve: " << plan_id << ": " << made.error().message << '\n';
      return kExitBadInput;
    }
    const std::string url = base + path + "?token=" + made->secret;
    context.out << "  feed: " << url << "\n    subscribe: " << http::webcal_url(url) << '\n';
  }
  // Reminders: the dispatcher works through the outbox on a thread of its own while the server
  // runs, as `torikumi remind` does from cron (a lock on the database keeps the two apart).
  http::HttpTransport transport;
  std::unique_ptr<http::Dispatcher> dispatcher;
  if (!config.webhooks.empty()) {
    dispatcher = std::make_unique<http::Dispatcher>(
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
    context.out << "  reminders: to " << config.webhooks.size() << " webhook"
                << (config.webhooks.size() == 1 ? "" : "s") << ", a pass every 30 s\n";
  } else {
    context.out << "  reminders: none sent (no webhooks in "
                << (config_path ? *config_path : "a --config file") << ")\n";
  }
  if (!is_loopback(options.host))
    context.out
        << "  warning: listening beyond this machine without TLS; put it behind an https proxy\n";
  context.out << std::flush;

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
  context.err << "torikumi serve: stopped\n";
  return kExitOk;
}

}  // namespace torikumi::app
