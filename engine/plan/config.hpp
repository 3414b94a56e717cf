#pragma once

// The configuration file (--config FILE, docs/config.md): the webhook endpoints reminders are
// POSTed to (the only hosts torikumi ever calls), the directory of recipients by owner (担当),
// the reminder defaults, the server's settings, and the meetings' mailbox and inbound webhook. Read
// and validated once at start; a bad file is refused with every problem listed by its JSON path.

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

// The office mailbox invitations come from and replies go to: the ORGANIZER of every invitation
// (a mailto: that really receives mail, notes/itip-interop.md point 4).
struct MeetingOrganizer {
  std::string name;   // the CN; may be empty
  std::string email;  // local@domain (is_plausible_email)
  bool operator==(const MeetingOrganizer&) const = default;
};

// How the email gateway's inbound webhook (POST /inbound/email, http/inbound/) knows the gateway.
// With neither, the feature is off and the path answers 404.
struct InboundSettings {
  // Given in the URL path (/inbound/email/SECRET) or as the password of HTTP Basic auth: 32 to
  // 128 of A-Z a-z 0-9 - _, so that it stands in a path and a password unchanged.
  std::optional<std::string> secret;
  // Mailgun's HTTP webhook signing key: a post's signature is HMAC-SHA256 of timestamp + token
  // with it. 16 to 256 visible ASCII characters.
  std::optional<std::string> mailgun_signing_key;
  bool enabled() const { return secret.has_value() || mailgun_signing_key.has_value(); }
  bool operator==(const InboundSettings&) const = default;
};

// Meetings by email (`meetings`): who invites, where replies are addressed, how they come back.
struct MeetingSettings {
  MeetingOrganizer organizer;
  // The host of the per-invitation reply addresses rsvp+TOKEN@reply_domain (mail/
  // reply_address.hpp), lowercase; the organizer's domain when the config gives none.
  std::string reply_domain;
  InboundSettings inbound;
  bool operator==(const MeetingSettings&) const = default;
};

struct Config {
  std::vector<WebhookEndpoint> webhooks;
  Directory directory;
  ReminderRules reminders;                 // the built-in defaults with the config's overrides
  Language language = Language::japanese;  // of reminder messages
  // What a plan's first reminders do with the items already overdue (reminders.on_first_import).
  FirstImportReminders on_first_import = FirstImportReminders::summary;
  ServerSettings server;
  // None: no invitations go out by email and /inbound/email answers 404.
  std::optional<MeetingSettings> meetings;
  bool operator==(const Config&) const = default;
};

// The config with nothing given: no webhooks, an empty directory, the built-in defaults and
// base URL http://127.0.0.1:8080.
Config default_config();

// Reads and validates a config; on failure every problem, located by its path from `config`:
// `config.webhooks[0].secret: expected "whsec_" followed by base64, got "abc"`.
Result<Config, Diagnostics> read_config_json(std::string_view text);

}  // namespace torikumi
