#include "engine/plan/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "engine/base/base64.hpp"
#include "engine/base/json_reader.hpp"
#include "engine/plan/directory.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
// Standard Webhooks: a symmetric secret of 24 to 64 bytes.
constexpr std::size_t kShortestSecret = 24;
constexpr std::size_t kLongestSecret = 64;
constexpr std::string_view kDefaultBaseUrl = "http://127.0.0.1:8080";
// meetings.inbound: the URL secret's length, the Mailgun signing key's.
constexpr std::size_t kShortestInboundSecret = 32;
constexpr std::size_t kLongestInboundSecret = 128;
constexpr std::size_t kShortestSigningKey = 16;
constexpr std::size_t kLongestSigningKey = 256;
constexpr std::size_t kLongestHostName = 253;
constexpr std::size_t kLongestLabel = 63;

// A secret in an error message: in full only when it is too short to be a real one.
std::string shown_secret(const std::string& secret) {
  if (secret.size() <= 12) return "\"" + secret + "\"";
  return "\"" + secret.substr(0, 10) + "...\" (" + std::to_string(secret.size()) + " characters)";
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  if (host.front() == '[') return host.size() > 2 && host.back() == ']';
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

// Dot-separated labels of 1 to 63 letters, digits and hyphens (not first or last), at most 253
// bytes: the rule of mail::is_host_name, which the engine cannot call.
bool is_host_name(std::string_view text) {
  if (text.empty() || text.size() > kLongestHostName) return false;
  while (true) {
    const std::size_t dot = text.find('.');
    const std::string_view label = text.substr(0, dot);
    if (label.empty() || label.size() > kLongestLabel || label.front() == '-' ||
        label.back() == '-')
      return false;
    for (const char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    if (dot == std::string_view::npos) return true;
    text.remove_prefix(dot + 1);
  }
}

std::string ascii_lowercase(std::string_view text) {
  std::string lowered{text};
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

std::optional<Language> parse_language(std::string_view text) {
  if (text == "ja") return Language::japanese;
  if (text == "en") return Language::english;
  return std::nullopt;
}

void read_language(JsonReader& reader, const json& object, const std::string& where,
                   Language& into) {
  const auto text = reader.string(object, where, "language", false, false);
  if (!text) return;
  if (const auto language = parse_language(*text))
    into = *language;
  else
    reader.report(where + ".language", "expected \"ja\" or \"en\", got \"" + *text + "\"");
}

void read_webhooks(JsonReader& reader, const json& document, Config& config) {
  std::set<std::string> urls;
  reader.each(document, "config", "webhooks", [&](const json& value, const std::string& where) {
    if (!reader.expect_object(value, where, {"url", "secret"})) return;
    WebhookEndpoint endpoint;
    bool good = true;
    if (const auto text = reader.required_text(value, where, "url")) {
      auto url = parse_http_url(*text);
      if (!url) {
        reader.report(where + ".url", url.error().message);
        good = false;
      } else if (!urls.insert(url->text).second) {
        reader.report(where + ".url", "\"" + url->text + "\" is listed twice");
        good = false;
      } else {
        endpoint.url = std::move(*url);
      }
    } else {
      good = false;
    }
    if (const auto secret = reader.required_text(value, where, "secret")) {
      const std::string_view text{*secret};
      const auto key = text.starts_with(kSecretPrefix)
                           ? decode_base64(text.substr(kSecretPrefix.size()))
                           : std::nullopt;
      if (!key) {
        reader.report(where + ".secret",
                      "expected \"whsec_\" followed by base64, got " + shown_secret(*secret));
        good = false;
      } else if (key->size() < kShortestSecret || key->size() > kLongestSecret) {
        reader.report(where + ".secret", "expected a key of 24 to 64 bytes, got " +
                                             std::to_string(key->size()) + " bytes");
        good = false;
      }
      endpoint.secret = *secret;
    } else {
      good = false;
    }
    if (good) config.webhooks.push_back(std::move(endpoint));
  });
}

void read_server(JsonReader& reader, const json& value, ServerSettings& server) {
  const std::string where = "config.server";
  if (!reader.expect_object(value, where, {"base_url", "require_sign_in", "language", "metrics"}))
    return;
  if (const auto text = reader.string(value, where, "base_url", false, false)) {
    auto url = parse_http_url(*text);
    if (!url)
      reader.report(where + ".base_url", url.error().message);
    else
      server.base_url = std::move(*url);
  }
  if (const auto flag = value.find("require_sign_in"); flag != value.end()) {
    if (flag->is_boolean())
      server.require_sign_in = flag->get<bool>();
    else
      reader.report(where + ".require_sign_in",
                    "expected true or false, got " + describe_json(*flag));
  }
  read_language(reader, value, where, server.language);
  if (const auto text = reader.string(value, where, "metrics", false, false)) {
    if (*text == "loopback")
      server.metrics = MetricsAccess::loopback;
    else if (*text == "token")
      server.metrics = MetricsAccess::token;
    else if (*text == "open")
      server.metrics = MetricsAccess::open;
    else
      reader.report(where + ".metrics",
                    "expected \"loopback\", \"token\" or \"open\", got \"" + *text + "\"");
  }
}

void read_organizer(JsonReader& reader, const json& value, const std::string& where,
                    MeetingOrganizer& organizer) {
  if (!reader.expect_object(value, where, {"name", "email"})) return;
  organizer.name = reader.optional_text(value, where, "name");
  if (organizer.name.size() > kMaxRecipientNameBytes)
    reader.report(where + ".name", "expected at most " + std::to_string(kMaxRecipientNameBytes) +
                                       " bytes, got " + std::to_string(organizer.name.size()));
  else if (std::any_of(organizer.name.begin(), organizer.name.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    reader.report(where + ".name", "expected one line without control characters");
  if (auto email = reader.required_text(value, where, "email")) {
    const std::string_view domain = std::string_view{*email}.substr(email->rfind('@') + 1);
    if (!is_plausible_email(*email) || !is_host_name(domain))
      reader.report(where + ".email", "expected an email address, got " + in_quotes(*email));
    organizer.email = std::move(*email);
  }
}

// A text the inbound webhook is authenticated by: its length in range and each character
// allowed; the problem said without the secret (shown_secret).
void read_inbound_credential(JsonReader& reader, const json& object, const std::string& where,
                             std::string_view key, std::size_t shortest, std::size_t longest,
                             bool (*allowed)(char), std::string_view alphabet,
                             std::optional<std::string>& into) {
  auto text = reader.string(object, where, key, false, false);
  if (!text) return;
  const bool fits = text->size() >= shortest && text->size() <= longest &&
                    std::all_of(text->begin(), text->end(), allowed);
  if (!fits) {
    reader.report(where + "." + std::string{key},
                  "expected " + std::to_string(shortest) + " to " + std::to_string(longest) +
                      " of " + std::string{alphabet} + ", got " + shown_secret(*text));
    return;
  }
  into = std::move(*text);
}

bool is_secret_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool is_visible_ascii(char c) { return c > 0x20 && c < 0x7f; }

void read_meetings(JsonReader& reader, const json& value, std::optional<MeetingSettings>& into) {
  const std::string where = "config.meetings";
  if (!reader.expect_object(value, where, {"organizer", "reply_domain", "inbound"})) return;
  MeetingSettings meetings;
  if (const json* organizer = reader.member(value, "organizer");
      organizer != nullptr && !organizer->is_null())
    read_organizer(reader, *organizer, where + ".organizer", meetings.organizer);
  else
    reader.report(where + ".organizer", "missing");
  if (const auto domain = reader.string(value, where, "reply_domain", false, false)) {
    if (is_host_name(*domain))
      meetings.reply_domain = ascii_lowercase(*domain);
    else
      reader.report(where + ".reply_domain", "expected a host name, got " + in_quotes(*domain));
  } else if (const auto at = meetings.organizer.email.rfind('@'); at != std::string::npos) {
    meetings.reply_domain = ascii_lowercase(meetings.organizer.email.substr(at + 1));
  }
  if (const json* inbound = reader.member(value, "inbound"); inbound != nullptr) {
    const std::string path = where + ".inbound";
    if (reader.expect_object(*inbound, path, {"secret", "mailgun_signing_key"})) {
      read_inbound_credential(reader, *inbound, path, "secret", kShortestInboundSecret,
                              kLongestInboundSecret, is_secret_character, "A-Z a-z 0-9 - _",
                              meetings.inbound.secret);
      read_inbound_credential(reader, *inbound, path, "mailgun_signing_key", kShortestSigningKey,
                              kLongestSigningKey, is_visible_ascii, "visible ASCII characters",
                              meetings.inbound.mailgun_signing_key);
    }
  }
  into = std::move(meetings);
}

}  // namespace

Result<HttpUrl> parse_http_url(std::string_view text) {
  const Error error{"expected an http:// or https:// URL, got \"" + std::string{text} + "\""};
  HttpUrl url;
  std::string_view rest;
  if (text.starts_with("http://")) {
    url.scheme = "http";
    url.port = 80;
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    url.scheme = "https";
    url.port = 443;
    rest = text.substr(8);
  } else {
    return error;
  }
  if (text.find_first_of(" \t\r\n\"<>\\^`{|}") != std::string_view::npos) return error;
  const auto path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  if (authority.find('@') != std::string_view::npos)
    return Error{"expected a URL without user or password, got \"" + std::string{text} + "\""};
  std::string_view host = authority;
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos &&
      (authority.front() != '[' || colon > authority.find(']'))) {
    host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    int number = 0;
    const auto [end, problem] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (problem != std::errc{} || end != port.data() + port.size() || number < 1 || number > 65535)
      return Error{"expected a port from 1 to 65535 in \"" + std::string{text} + "\""};
    url.port = number;
  }
  if (!valid_host(host)) return error;
  url.host = std::string{host};
  std::string path =
      path_start == std::string_view::npos ? "/" : std::string{rest.substr(path_start)};
  if (const auto fragment = path.find('#'); fragment != std::string::npos) path.erase(fragment);
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  url.path = std::move(path);
  url.text = std::string{text};
  while (url.text.size() > 1 && url.text.back() == '/' && url.path == "/") url.text.pop_back();
  return url;
}

HttpUrl default_base_url() { return parse_http_url(kDefaultBaseUrl).value(); }

Config default_config() { return Config{}; }

Result<Config, Diagnostics> read_config_json(std::string_view text) {
  auto parsed = parse_json_document(text, "config");
  if (!parsed) return parsed.error();
  json& document = *parsed;  // not const: the reminders are moved out, below
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  Config config = default_config();
  if (!reader.expect_object(document, "config",
                            {"webhooks", "directory", "reminders", "server", "meetings"}))
    return diagnostics;
  read_webhooks(reader, document, config);
  if (const auto directory = document.find("directory"); directory != document.end())
    read_directory(reader, *directory, "config.directory", config.directory);
  if (const auto reminders = document.find("reminders"); reminders != document.end()) {
    if (reminders->is_object()) {
      read_language(reader, *reminders, "config.reminders", config.language);
      if (const auto text =
              reader.string(*reminders, "config.reminders", "on_first_import", false, false)) {
        if (const auto choice = parse_first_import_reminders(*text))
          config.on_first_import = *choice;
        else
          reader.report("config.reminders.on_first_import",
                        "expected \"summary\", \"none\" or \"each\", got \"" + *text + "\"");
      }
      // Moved, not copied: a copy recurses as deep as the value is nested, and a million levels
      // (a 2 MB file) overflowed the stack.
      json rules = std::move(*reminders);
      rules.erase("language");
      rules.erase("on_first_import");
      if (const auto overrides = read_reminder_rules(reader, rules, "config.reminders"))
        config.reminders = apply_overrides(config.reminders, *overrides);
    } else {
      reader.report("config.reminders", "expected an object, got " + describe_json(*reminders));
    }
  }
  if (const auto server = document.find("server"); server != document.end())
    read_server(reader, *server, config.server);
  if (const auto meetings = document.find("meetings"); meetings != document.end())
    read_meetings(reader, *meetings, config.meetings);
  if (!diagnostics.empty()) return diagnostics;
  return config;
}

}  // namespace torikumi
