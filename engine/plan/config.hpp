#pragma once

// The configuration file (--config FILE, docs/config.md): the webhook endpoints reminders are
// POSTed to (the only hosts torikumi ever calls), the directory of recipients by owner (担当),
// the reminder defaults, and the server's settings. Read and validated once at start; a bad file
// is refused with every problem listed by its JSON path.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/language.hpp"
#include "engine/base/result.hpp"
#include "engine/plan/directory.hpp"
#include "engine/reminders/reminder_rules.hpp"

namespace torikumi {

// An absolute http or https URL, taken apart once.
struct HttpUrl {
  std::string text;    // as written, without a trailing slash for a base URL
  std::string scheme;  // "http" or "https"
  std::string host;    // a name, an IPv4 address or an [IPv6] literal, brackets kept
  int port = 0;        // the one written, else 80 or 443
  std::string path;    // "/" when none is written; with the query, if any
  bool operator==(const HttpUrl&) const = default;
};

// "http://127.0.0.1:8080/hooks" → its parts; the error says what is wrong:
// `expected an http:// or https:// URL, got "ftp://x"`.
Result<HttpUrl> parse_http_url(std::string_view text);

// An endpoint of the email gateway, with its Standard Webhooks signing secret.
struct WebhookEndpoint {
  HttpUrl url;
  std::string secret;  // "whsec_" + base64 of 24 to 64 bytes, as written
  bool operator==(const WebhookEndpoint&) const = default;
};

// Who may read the server's /metrics (`server.metrics`).
enum class MetricsAccess {
  loopback,  // "loopback": peers on 127.0.0.0/8 or ::1 only (a proxy on the machine is one)
  token,     // "token": a bearer API token of any role
  open,      // "open": anyone who can reach the server
};

// The address links use when nothing says where the dashboard is: http://127.0.0.1:8080, serve's
// default listen address.
HttpUrl default_base_url();

// What `torikumi serve` needs beyond its command line.
struct ServerSettings {
  // Where people reach the dashboard: links in reminders and pages start with it. None: serve's
  // own address (it follows --listen); `remind`, which has none, uses default_base_url().
  std::optional<HttpUrl> base_url;
  bool require_sign_in = true;
  Language language = Language::japanese;  // the dashboard's default
  MetricsAccess metrics = MetricsAccess::loopback;
  bool operator==(const ServerSettings&) const = default;
};

struct Config {
  std::vector<WebhookEndpoint> webhooks;
  Directory directory;
  ReminderRules reminders;                 // the built-in defaults with the config's overrides
  Language language = Language::japanese;  // of reminder messages
  // What a plan's first reminders do with the items already overdue (reminders.on_first_import).
  FirstImportReminders on_first_import = FirstImportReminders::summary;
  ServerSettings server;
  bool operator==(const Config&) const = default;
};

// The config with nothing given: no webhooks, an empty directory, the built-in defaults and
// base URL http://127.0.0.1:8080.
Config default_config();

// Reads and validates a config; on failure every problem, located by its path from `config`:
// `config.webhooks[0].secret: expected "whsec_" followed by base64, got "abc"`.
Result<Config, Diagnostics> read_config_json(std::string_view text);

}  // namespace torikumi
