// torikumi remind: reminder webhooks from the outbox (http/delivery/dispatcher.hpp), and its dead
// letters.

#include <signal.h>

#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/arguments.hpp"
#include "app/commands.hpp"
#include "app/config_file.hpp"
#include "app/stop_signals.hpp"
#include "app/store_access.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/plan/config.hpp"
#include "http/delivery/dispatcher.hpp"
#include "http/delivery/webhook_client.hpp"
#include "store/outbox.hpp"

namespace torikumi::app {

namespace {

constexpr const char* kUsage =
    "usage: torikumi remind --config FILE [--db FILE] [--once] [--dry-run] [--now INSTANT]\n"
    "                       [--interval SECONDS]\n"
    "       torikumi remind upcoming PLAN_ID --config FILE [--db FILE] [--now INSTANT]\n"
    "       torikumi remind log [--plan PLAN_ID] [--limit N] [--db FILE]\n"
    "       torikumi remind dead-letters [--plan PLAN_ID] [--db FILE]\n"
    "       torikumi remind replay REMINDER_ID [--db FILE]\n"
    "       torikumi remind enable URL [--db FILE]\n"
    "\n"
    "Reminders as signed webhooks to the email gateway (docs/config.md).\n"
    "\n"
    "  (none)        plans every stored plan's reminders, enters the due ones in the outbox\n"
    "                (on a plan's first import, those already overdue as one summary per owner:\n"
    "                reminders.on_first_import), withdraws those whose occurrence was done,\n"
    "                skipped, cancelled or moved, and\n"
    "                POSTs each due delivery to every webhook of the config, retrying with "
    "backoff;\n"
    "                every --interval seconds (default 30) until SIGINT or SIGTERM\n"
    "                --once: one pass, for cron; --dry-run: say what would be sent, change "
    "nothing\n"
    "                --now INSTANT: the pass's time (RFC 3339 or YYYY-MM-DD), for tests and "
    "replays\n"
    "  upcoming      a plan's reminders not yet due, its meetings' participants' included:\n"
    "                when, rule, subject, recipients\n"
    "  log           the delivery log, latest first: state, attempts, last status and error\n"
    "  dead-letters  deliveries that failed for good\n"
    "  replay        sends a dead letter again (its attempts counted from zero)\n"
    "  enable        enables an endpoint a 410 Gone disabled\n";

Result<Config, ExitCode> read_config(const Arguments& arguments, std::ostream& err) {
  const auto path = arguments.value("--config");
  if (!path) {
    err << "torikumi remind: --config FILE is needed (docs/config.md)\n";
    return kExitUsage;
  }
  return read_config_file("remind", *path, err);
}

// The config's directory into the database at its first start (DirectoryUse::store), saying so
// on stderr; with DirectoryUse::look nothing is stored, and the config's is returned to plan with
// when the database has never had one.
Result<std::optional<Directory>, ExitCode> take_directory(store::Store& store, const Config& config,
                                                          const Arguments& arguments,
                                                          const Context& context,
                                                          DirectoryUse use) {
  const std::string path = *arguments.value("--config");
  auto source = take_config_directory(store, config, path, actor_of(arguments, context), use);
  if (!source) {
    context.err << "torikumi remind: " << database_path(arguments) << ": " << source.error().message
                << '\n';
    return kExitBadInput;
  }
  if (source->news) context.err << "torikumi remind: " << source->line << '\n';
  return std::move(source->in_memory);
}

Result<date::sys_seconds, ExitCode> pass_time(const Arguments& arguments, const Context& context) {
  const auto now = arguments.value("--now");
  if (!now) return context.now;
  if (const auto instant = parse_rfc3339(*now)) return *instant;
  if (const auto day = parse_iso_date(*now)) return date::sys_seconds{*day};
  context.err << "torikumi remind: --now: expected YYYY-MM-DD or RFC 3339, got \"" << *now
              << "\"\n";
  return kExitUsage;
}

std::string optional_instant(const std::optional<date::sys_seconds>& at) {
  return at ? format_utc_instant(*at) : "-";
}

int print_deliveries(const Arguments& arguments, Context& context,
                     std::optional<store::DeliveryState> state, const std::string& sub) {
  auto outbox = store::Outbox::open(database_path(arguments));
  if (!outbox) {
    context.err << "torikumi remind " << sub << ": " << database_path(arguments) << ": "
                << outbox.error().message << '\n';
    return kExitBadInput;
  }
  std::size_t limit = 100;
  if (const auto text = arguments.value("--limit")) limit = std::stoul(*text);
  const auto rows = outbox->deliveries({.plan = arguments.value("--plan"),
                                        .state = state,
                                        .reminder = std::nullopt,
                                        .limit = limit});
  if (!rows) {
    context.err << "torikumi remind " << sub << ": " << rows.error().message << '\n';
    return kExitBadInput;
  }
  for (const auto& row : *rows) {
    context.out << row.reminder << "  " << to_string(row.state) << "  attempts " << row.attempts
                << "  to " << row.endpoint << "\n    " << row.subject << "\n    due "
                << format_utc_instant(row.send_at) << ", last attempt "
                << optional_instant(row.last_attempt_at);
    if (row.last_status) context.out << " (HTTP " << *row.last_status << ")";
    if (row.state == store::DeliveryState::pending)
      context.out << ", next " << format_utc_instant(row.next_attempt_at);
    if (!row.last_error.empty()) context.out << "\n    error: " << row.last_error;
    context.out << '\n';
  }
  if (rows->empty()) context.out << "(none)\n";
  return kExitOk;
}

int run_dispatcher(const Arguments& arguments, Context& context) {
  auto config = read_config(arguments, context.err);
  if (!config) return config.error();
  if (config->webhooks.empty()) {
    context.err << "torikumi remind: " << *arguments.value("--config")
                << ": no webhooks to send reminders to\n";
    return kExitBadInput;
  }
  const auto start = pass_time(arguments, context);
  if (!start) return start.error();
  const bool dry_run = arguments.flag("--dry-run");
  std::optional<Directory> directory;
  {
    auto store = open_store("remind", arguments, context.err);
    if (!store) return store.error();
    auto taken = take_directory(*store, *config, arguments, context,
                                dry_run ? DirectoryUse::look : DirectoryUse::store);
    if (!taken) return taken.error();
    directory = std::move(*taken);
  }
  long interval = 30;
  if (const auto text = arguments.value("--interval")) interval = std::stol(*text);
  // The clock: the command's one reading (or --now), moved on by the monotonic clock.
  const auto began = std::chrono::steady_clock::now();
  const date::sys_seconds at_start = *start;
  http::HttpTransport transport;
  http::Dispatcher dispatcher{http::DispatcherOptions{
      .database = database_path(arguments),
      .config = std::move(*config),
      .clock =
          [began, at_start] {
            return at_start + std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::steady_clock::now() - began);
          },
      .transport = &transport,
      .log = &context.err,
      .retry = {},
      .random = {},
      .interval = std::chrono::seconds{std::max(1L, interval)},
      .batch = 512,
      .mode = dry_run ? http::DispatchMode::dry_run : http::DispatchMode::send,
      .directory = std::move(directory)}};
  if (arguments.flag("--once") || dry_run) {
    const auto pass = dispatcher.run_once();
    if (!pass) {
      context.err << "torikumi remind: " << pass.error().message << '\n';
      return kExitBadInput;
    }
    for (const auto& warning : pass->warnings)
      context.err << "torikumi remind: " << warning << '\n';
    for (const auto& line : pass->dry_run_lines) context.out << line << '\n';
    context.out << pass->plans << " plans, " << pass->planned << " reminders planned, " << pass->due
                << " due, ";
    if (pass->held_back > 0) context.out << pass->held_back << " held back (first import), ";
    if (pass->summaries > 0)
      context.out << pass->summaries << " summaries of " << pass->summarised << " overdue items, ";
    context.out << pass->entered << " entered, " << pass->withdrawn << " withdrawn, "
                << pass->attempted << " attempts: " << pass->delivered << " delivered, "
                << pass->retried << " to retry, " << pass->failed << " failed\n";
    return pass->locked_out ? kExitBadInput : kExitOk;
  }
  sigset_t stop_signals = block_stop_signals();
  dispatcher.start();
  int received = 0;
  sigwait(&stop_signals, &received);
  dispatcher.stop();
  return kExitOk;
}

}  // namespace

int run_remind(const std::vector<std::string>& args, Context& context) {
  const std::string sub = args.empty() || args.front().starts_with("-") ? "" : args.front();
  std::size_t positionals = 0;
  std::string names;
  if (sub == "upcoming" || sub == "replay" || sub == "enable") {
    positionals = 2;
    names = sub + (sub == "upcoming" ? " PLAN_ID" : sub == "replay" ? " REMINDER_ID" : " URL");
  } else if (sub == "log" || sub == "dead-letters") {
    positionals = 1;
    names = sub;
  } else if (!sub.empty()) {
    context.err << "torikumi remind: expected upcoming, log, dead-letters, replay, enable or no "
                   "subcommand, got \""
                << sub << "\"\n"
                << kUsage;
    return kExitUsage;
  }
  const auto arguments = parse_command_line(
      {.name = "remind",
       .options = {.with_value = {"--db", "--config", "--now", "--interval", "--plan", "--limit"},
                   .flags = {"--once", "--dry-run"}},
       .positionals = positionals,
       .positional_names = names,
       .usage = kUsage},
      args, context.out, context.err);
  if (!arguments) return arguments.error();
  if (sub.empty()) return run_dispatcher(*arguments, context);
  if (sub == "log") return print_deliveries(*arguments, context, std::nullopt, sub);
  if (sub == "dead-letters")
    return print_deliveries(*arguments, context, store::DeliveryState::dead, sub);
  const std::string& subject = arguments->positionals()[1];
  if (sub == "upcoming") {
    auto config = read_config(*arguments, context.err);
    if (!config) return config.error();
    const auto now = pass_time(*arguments, context);
    if (!now) return now.error();
    auto store = open_store("remind upcoming", *arguments, context.err);
    if (!store) return store.error();
    const auto directory = take_directory(*store, *config, *arguments, context, DirectoryUse::look);
    if (!directory) return directory.error();
    const auto planned = http::plan_stored_reminders(*store, *config, subject, *now,
                                                     *directory ? &**directory : nullptr);
    if (!planned) {
      context.err << "torikumi remind upcoming: " << planned.error().message << '\n';
      return kExitBadInput;
    }
    for (const auto& warning : planned->warnings)
      context.err << "torikumi remind upcoming: " << warning << '\n';
    // The owners' reminders and the meetings' participants', by send instant.
    const auto line = [&](date::sys_seconds send_at, const std::string& rule,
                          const std::string& title, const std::string& occurrence,
                          const std::vector<Recipient>& recipients) {
      if (send_at <= *now) return;
      context.out << format_rfc3339(send_at, planned->plan->time_zone) << "  " << rule << "  "
                  << title << "  (" << occurrence << ")\n    to";
      for (const auto& recipient : recipients) context.out << ' ' << recipient.email;
      context.out << '\n';
    };
    http::for_each_by_send_at(
        planned->reminders, planned->participant_reminders,
        [&](const Reminder& reminder) {
          line(reminder.send_at, reminder.rule, reminder.title, reminder.occurrence,
               reminder.recipients);
        },
        [&](const ParticipantReminder& reminder) {
          line(reminder.send_at, reminder.rule, reminder.meeting.title, reminder.occurrence,
               reminder.recipients);
        });
    return kExitOk;
  }
  auto outbox = store::Outbox::open(database_path(*arguments));
  if (!outbox) {
    context.err << "torikumi remind " << sub << ": " << database_path(*arguments) << ": "
                << outbox.error().message << '\n';
    return kExitBadInput;
  }
  if (sub == "replay") {
    const auto replayed = outbox->replay(subject, context.now);
    if (!replayed) {
      context.err << "torikumi remind replay: " << replayed.error().message << '\n';
      return kExitBadInput;
    }
    context.out << "replaying " << *replayed << " deliveries of " << subject << '\n';
    return kExitOk;
  }
  const auto enabled = outbox->enable_endpoint(subject);
  if (!enabled) {
    context.err << "torikumi remind enable: " << enabled.error().message << '\n';
    return kExitBadInput;
  }
  context.out << (*enabled ? "enabled " : "was not disabled: ") << subject << '\n';
  return kExitOk;
}

}  // namespace torikumi::app
