// torikumi serve: the HTTP server (http/) on the plans named on the command line.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <iostream>
#include <ostream>
#include <thread>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/plan_file.hpp"
#include "http/plan_catalog.hpp"
#include "http/server.hpp"
#include "http/url.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi serve [--listen HOST:PORT] [--fy YEAR] [--threads N] [--max-body BYTES]\n"
    "                      [--db FILE] [--config FILE] [PLAN_OR_SHEET...]\n"
    "\n"
    "Serves the plans' calendar feeds, a read-only JSON API and the dashboard over HTTP until\n"
    "SIGTERM or SIGINT, which let the requests in flight finish and exit 0. Each PLAN_OR_SHEET is\n"
    "a plan JSON file or a 重要取組シート, read once at start. One JSON line per request goes to\n"
    "standard error.\n"
    "\n"
    "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
    "  --fy YEAR           the fiscal year shown (default: each plan's own, else the current one)\n"
    "  --threads N         connections served at once (default 64)\n"
    "  --max-body BYTES    the largest request body accepted (default 1048576)\n"
    "  --db FILE           the store (recorded completions, tokens): accepted, not used yet —\n"
    "                      the server reads the store once it lands (issue 6)\n"
    "  --config FILE       server settings: accepted, not used yet\n"
    "\n"
    "GET / (dashboard), /plans/ID, /plans/ID/form, /calendars/ID.ics,\n"
    "/calendars/ID/owner/NAME.ics, /calendars/org/NAME.ics, /api/plans[/ID[/occurrences|/progress]],\n"
    "/healthz, /metrics. docs/api.md has the details.\n";

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
  if (status != std::errc{} || end != port.data() + port.size() || address.port < 0 || address.port > 65535)
    return error;
  return address;
}

Result<std::size_t> parse_count(const std::string& option, const std::string& text, std::size_t minimum) {
  std::size_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc{} || end != text.data() + text.size() || value < minimum)
    return Error{option + ": expected a whole number of at least " + std::to_string(minimum) + ", got \"" + text +
                 "\""};
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
  if (const auto database = arguments->value("--db"))
    context.err << "torikumi serve: --db " << *database
                << ": the store is not wired to the server yet; serving the plan files given\n";
  if (const auto config = arguments->value("--config"))
    context.err << "torikumi serve: --config " << *config << ": not read yet; using the defaults\n";

  std::vector<http::SnapshotPointer> snapshots;
  for (const std::string& path : arguments->positionals()) {
    auto loaded = open_plan_file(path, context.err);
    if (!loaded) return loaded.error();
    const date::year year = choose_fiscal_year(loaded->plan, *requested_year, context.now);
    auto snapshot = http::snapshot_from_plan(std::move(loaded->plan), year, 1, context.now);
    if (!snapshot) {
      context.err << path << ": " << snapshot.error().message << '\n';
      return kExitBadInput;
    }
    snapshots.push_back(std::move(*snapshot));
  }
  auto catalog = http::MemoryPlanCatalog::create(std::move(snapshots));
  if (!catalog) {
    context.err << "torikumi serve: " << catalog.error().message << '\n';
    return kExitBadInput;
  }

  // SIGTERM and SIGINT are taken by one thread, which stops the server; blocked everywhere else
  // (before any other thread exists, so every thread inherits the mask).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  calendars::FeedOptions feed_options;
  feed_options.product_id = "-//torikumi//torikumi " TORIKUMI_VERSION "//JA";
  // The clock read in main, moving on with the monotonic clock: TORIKUMI_NOW fixes the start.
  const auto started = std::chrono::steady_clock::now();
  const date::sys_seconds start_time = context.now;
  http::Clock clock = [started, start_time] {
    return start_time + std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  };
  http::Server server{**catalog, options, feed_options, clock, std::cerr};
  const auto port = server.bind();
  if (!port) {
    context.err << "torikumi serve: " << port.error().message << '\n';
    return kExitBadInput;
  }

  const bool bracket = options.host.find(':') != std::string::npos;
  const std::string authority = (bracket ? "[" + options.host + "]" : options.host) + ":" + std::to_string(*port);
  context.out << "torikumi serve: listening on http://" << authority << "/\n"
              << "  dashboard: http://" << authority << "/\n";
  for (const auto& snapshot : (*catalog)->plans()) {
    const std::string feed = authority + "/calendars/" + snapshot->plan->id + ".ics";
    context.out << "  feed: http://" << feed << "  (subscribe: webcal://" << feed << ")\n";
  }
  if (!is_loopback(options.host))
    context.out << "  warning: listening beyond this machine, without tokens (they come with the store)\n";
  context.out << std::flush;

  std::atomic<bool> signalled{false};
  std::thread signal_thread{[&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    signalled = true;
    server.stop();
  }};
  server.run();
  if (!signalled) pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  context.err << "torikumi serve: stopped\n";
  return kExitOk;
}

}  // namespace torikumi::app
