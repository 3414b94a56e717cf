#include "engine/plan/config.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "engine/base/base64.hpp"
#include "engine/base/json_reader.hpp"

using namespace torikumi;

namespace {

std::vector<std::string> errors_of(const std::string& text) {
  const auto config = read_config_json(text);
  REQUIRE_FALSE(config.ok());
  std::vector<std::string> messages;
  for (const auto& diagnostic : config.error()) messages.push_back(diagnostic.to_string());
  return messages;
}

Config config_of(const std::string& text) {
  auto config = read_config_json(text);
  if (!config)
    for (const auto& diagnostic : config.error()) MESSAGE(diagnostic.to_string());
  REQUIRE(config.ok());
  return std::move(config.value());
}

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

}  // namespace

TEST_CASE("an empty config has the built-in defaults") {
  const Config config = config_of("{}");
  CHECK(config == default_config());
  CHECK(config.webhooks.empty());
  CHECK(config.reminders == ReminderRules{});
  CHECK(config.language == Language::japanese);
  CHECK_FALSE(config.server.base_url.has_value());  // serve's own address; remind's default:
  CHECK(default_base_url().text == "http://127.0.0.1:8080");
  CHECK(config.server.require_sign_in);
  CHECK(config.server.language == Language::japanese);
  CHECK(config.server.metrics == MetricsAccess::loopback);
  CHECK_FALSE(config.meetings.has_value());  // no invitations by email; /inbound/email is 404
}

TEST_CASE("the example config reads") {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/config.json"};
  std::ostringstream text;
  text << file.rdbuf();
  const Config config = config_of(text.str());
  REQUIRE(config.webhooks.size() == 1);
  CHECK(config.webhooks[0].url.host == "127.0.0.1");
  CHECK(config.directory.find("多機関協働担当") != nullptr);
  CHECK(config.directory.find("学校連携担当") != nullptr);
  CHECK(config.directory.find("こども家庭センター") != nullptr);
  CHECK(config.directory.find("企画総務課") != nullptr);
  REQUIRE(config.meetings.has_value());
  CHECK(config.meetings->organizer.email == "takikan@example.org");
  CHECK(config.meetings->reply_domain == "reply.example.org");
  CHECK_FALSE(config.meetings->inbound.enabled());  // no secret in an example anyone can read
}

TEST_CASE("a full config reads into its parts") {
  const Config config = config_of(R"({
    "webhooks": [{"url": "https://mail.example.org:8443/hooks/torikumi?x=1", "secret": ")" +
                                  std::string{kSecret} + R"("}],
    "directory": {
      "owners": {"多機関協働担当": {"recipients": [{"name": "東 花子", "email": "hanako@example.org"}],
                                   "escalation": [{"name": "課長", "email": "kacho@example.org"}]}},
      "unlisted": {"recipients": [{"email": "office@example.org"}]}
    },
    "reminders": {"language": "en", "meeting": {"before_days": [7]}, "send_time": "08:30",
                  "deadline": {"before_days": [3, 0], "overdue": {"every_days": 2, "escalate_after_days": 6}}},
    "server": {"base_url": "https://torikumi.example.org/", "require_sign_in": false, "language": "en",
               "metrics": "token"},
    "meetings": {"organizer": {"name": "東区役所 地域福祉課", "email": "chiiki-fukushi@higashi.example.jp"},
                 "reply_domain": "Reply.Higashi.Example.JP",
                 "inbound": {"secret": "3f1c0a9e7b2d4c6e8f0a1b3c5d7e9f21-_Zz",
                             "mailgun_signing_key": "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"}}
  })");
  REQUIRE(config.webhooks.size() == 1);
  const HttpUrl& url = config.webhooks[0].url;
  CHECK(url.scheme == "https");
  CHECK(url.host == "mail.example.org");
  CHECK(url.port == 8443);
  CHECK(url.path == "/hooks/torikumi?x=1");
  CHECK(config.webhooks[0].secret == kSecret);
  const DirectoryEntry* entry = config.directory.find("多機関協働担当");
  REQUIRE(entry != nullptr);
  CHECK(entry->recipients == std::vector<Recipient>{{"東 花子", "hanako@example.org"}});
  CHECK(entry->escalation == std::vector<Recipient>{{"課長", "kacho@example.org"}});
  REQUIRE(config.directory.find("someone else") != nullptr);
  CHECK(config.directory.find("someone else")->recipients[0].email == "office@example.org");
  CHECK(config.language == Language::english);
  CHECK(config.reminders.meeting.before == std::vector<date::days>{date::days{7}});
  CHECK(config.reminders.deadline.overdue == OverdueRule{date::days{2}, date::days{6}});
  CHECK(config.reminders.progress_note == ReminderRules{}.progress_note);  // not given: default
  CHECK(config.reminders.send_time == std::chrono::minutes{8 * 60 + 30});
  CHECK(config.server.base_url->text == "https://torikumi.example.org");
  CHECK_FALSE(config.server.require_sign_in);
  CHECK(config.server.language == Language::english);
  CHECK(config.server.metrics == MetricsAccess::token);
  REQUIRE(config.meetings.has_value());
  CHECK(
      *config.meetings ==
      MeetingSettings{.organizer = {"東区役所 地域福祉課", "chiiki-fukushi@higashi.example.jp"},
                      .reply_domain = "reply.higashi.example.jp",
                      .inbound = {.secret = "3f1c0a9e7b2d4c6e8f0a1b3c5d7e9f21-_Zz",
                                  .mailgun_signing_key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"}});
  CHECK(config.meetings->inbound.enabled());
}

TEST_CASE("meetings name their organizer, and the reply domain is the organizer's unless given") {
  const Config minimal =
      config_of(R"({"meetings": {"organizer": {"email": "jimukyoku@Higashi.Example.JP"}}})");
  REQUIRE(minimal.meetings.has_value());
  CHECK(*minimal.meetings == MeetingSettings{.organizer = {"", "jimukyoku@Higashi.Example.JP"},
                                             .reply_domain = "higashi.example.jp",
                                             .inbound = {}});
  CHECK_FALSE(minimal.meetings->inbound.enabled());
  CHECK(minimal != default_config());  // operator== sees the meetings

  const Config signed_only = config_of(R"({"meetings": {"organizer": {"email": "a@b.example"},
      "inbound": {"mailgun_signing_key": "0123456789abcdef"}}})");
  CHECK(signed_only.meetings->inbound ==
        InboundSettings{.secret = std::nullopt, .mailgun_signing_key = "0123456789abcdef"});
  CHECK(signed_only.meetings->inbound.enabled());
  CHECK(config_of(R"({"meetings": {"organizer": {"email": "a@b.example"}, "inbound": {}}})")
            .meetings->inbound == InboundSettings{});
}

TEST_CASE("a bad meetings section is refused at each path, without showing its secrets") {
  struct Refused {
    std::string meetings;
    std::vector<std::string> errors;
  };
  const std::string organizer = R"("organizer": {"email": "a@b.example"})";
  for (const Refused& c : {
           Refused{"{}", {"config.meetings.organizer: missing"}},
           Refused{"[]", {"config.meetings: expected an object, got array []"}},
           Refused{R"({"organizer": {"email": "a@b.example"}, "smtp": {}})",
                   {"config.meetings.smtp: unknown field"}},
           Refused{R"({"organizer": {"name": "x"}})", {"config.meetings.organizer.email: missing"}},
           Refused{R"({"organizer": {"email": "jimukyoku"}})",
                   {"config.meetings.organizer.email: expected an email address, got "
                    "\"jimukyoku\""}},
           Refused{R"({"organizer": {"email": "a@b..example"}})",
                   {"config.meetings.organizer.email: expected an email address, got "
                    "\"a@b..example\""}},
           Refused{R"({"organizer": {"email": "a@b.example", "name": "a\nBcc: x"}})",
                   {"config.meetings.organizer.name: expected one line without control "
                    "characters"}},
           Refused{R"({"organizer": {"email": "a@b.example", "name": ")" + std::string(201, 'x') +
                       R"("}})",
                   {"config.meetings.organizer.name: expected at most 200 bytes, got 201"}},
           Refused{R"({"organizer": "a@b.example"})",
                   {"config.meetings.organizer: expected an object, got string \"a@b.example\""}},
           Refused{"{" + organizer + R"(, "reply_domain": "example..jp"})",
                   {"config.meetings.reply_domain: expected a host name, got \"example..jp\""}},
           Refused{"{" + organizer + R"(, "reply_domain": "rsvp@example.jp"})",
                   {"config.meetings.reply_domain: expected a host name, got "
                    "\"rsvp@example.jp\""}},
           Refused{"{" + organizer + R"(, "inbound": {"secret": "abc"}})",
                   {"config.meetings.inbound.secret: expected 32 to 128 of A-Z a-z 0-9 - _, got "
                    "\"abc\""}},
           Refused{
               "{" + organizer + R"(, "inbound": {"secret": "0123456789abcdef0123456789abcdef/"}})",
               {"config.meetings.inbound.secret: expected 32 to 128 of A-Z a-z 0-9 - _, got "
                "\"0123456789...\" (33 characters)"}},
           Refused{
               "{" + organizer + R"(, "inbound": {"secret": ")" + std::string(129, 'a') + R"("}})",
               {"config.meetings.inbound.secret: expected 32 to 128 of A-Z a-z 0-9 - _, got "
                "\"aaaaaaaaaa...\" (129 characters)"}},
           Refused{"{" + organizer + R"(, "inbound": {"secret": ""}})",
                   {"config.meetings.inbound.secret: expected a non-empty string, got \"\""}},
           Refused{
               "{" + organizer + R"(, "inbound": {"mailgun_signing_key": "key with spaces 0123"}})",
               {"config.meetings.inbound.mailgun_signing_key: expected 16 to 256 of visible "
                "ASCII characters, got \"key with s...\" (20 characters)"}},
           Refused{"{" + organizer + R"(, "inbound": {"mailgun_signing_key": 12}})",
                   {"config.meetings.inbound.mailgun_signing_key: expected a string, got number "
                    "12"}},
           Refused{"{" + organizer + R"(, "inbound": {"token": "x"}})",
                   {"config.meetings.inbound.token: unknown field"}},
       }) {
    CAPTURE(c.meetings);
    CHECK(errors_of(R"({"meetings": )" + c.meetings + "}") == c.errors);
  }
}

TEST_CASE("who may read /metrics is loopback, token or open, and nothing else") {
  struct Case {
    std::string value;
    MetricsAccess access;
  };
  for (const Case& c :
       {Case{"\"loopback\"", MetricsAccess::loopback}, Case{"\"token\"", MetricsAccess::token},
        Case{"\"open\"", MetricsAccess::open}, Case{"null", MetricsAccess::loopback}}) {
    CAPTURE(c.value);
    CHECK(config_of(R"({"server": {"metrics": )" + c.value + "}}").server.metrics == c.access);
  }
  struct Refused {
    std::string value;
    std::string error;
  };
  for (const Refused& c : {
           Refused{"\"Token\"",
                   "config.server.metrics: expected \"loopback\", \"token\" or \"open\", got "
                   "\"Token\""},
           Refused{"\"public\"",
                   "config.server.metrics: expected \"loopback\", \"token\" or \"open\", got "
                   "\"public\""},
           Refused{"\"\"", "config.server.metrics: expected a non-empty string, got \"\""},
           Refused{"true", "config.server.metrics: expected a string, got boolean true"},
           Refused{"[\"open\"]", "config.server.metrics: expected a string, got array [\"open\"]"},
       }) {
    CAPTURE(c.value);
    CHECK(errors_of(R"({"server": {"metrics": )" + c.value + "}}") ==
          std::vector<std::string>{c.error});
  }
}

TEST_CASE("a plan's first import sends a summary, nothing or each reminder, as the config says") {
  CHECK(config_of("{}").on_first_import == FirstImportReminders::summary);
  struct Case {
    std::string value;
    FirstImportReminders choice;
  };
  for (const Case& c :
       {Case{"\"summary\"", FirstImportReminders::summary},
        Case{"\"none\"", FirstImportReminders::none}, Case{"\"each\"", FirstImportReminders::each},
        Case{"null", FirstImportReminders::summary}}) {
    CAPTURE(c.value);
    const Config config = config_of(R"({"reminders": {"on_first_import": )" + c.value + "}}");
    CHECK(config.on_first_import == c.choice);
    CHECK(config.reminders == ReminderRules{});  // not a rule of the plan's
  }
  struct Refused {
    std::string value;
    std::string error;
  };
  for (const Refused& c : {
           Refused{"\"all\"",
                   "config.reminders.on_first_import: expected \"summary\", \"none\" or "
                   "\"each\", got \"all\""},
           Refused{"\"Summary\"",
                   "config.reminders.on_first_import: expected \"summary\", \"none\" or "
                   "\"each\", got \"Summary\""},
           Refused{"\"\"",
                   "config.reminders.on_first_import: expected a non-empty string, got \"\""},
           Refused{"false",
                   "config.reminders.on_first_import: expected a string, got boolean false"},
       }) {
    CAPTURE(c.value);
    CHECK(errors_of(R"({"reminders": {"on_first_import": )" + c.value + "}}") ==
          std::vector<std::string>{c.error});
  }
  // A plan's own reminders block has no such member: the choice is the office's, not the plan's.
}

TEST_CASE("a bad config is refused with every error listed by its path") {
  const auto errors = errors_of(R"({
    "webhooks": [{"url": "ftp://x", "secret": "abc"},
                 {"url": "http://127.0.0.1:99999/", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwX"},
                 {"url": "http://a.example.org/", "secret": "whsec_AAAA"},
                 {"url": "http://a.example.org/", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
                 {"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "method": "PUT"}],
    "directory": {"owners": {"学校連携担当": {"recipients": [{"name": "x", "email": "not-an-address"}]},
                             "企画総務課": {}}},
    "reminders": {"language": "fr", "meeting": {"before_days": [14, -1, 14]},
                  "deadline": {"overdue": {"every_days": 0}}, "send_time": "9am"},
    "server": {"base_url": "localhost:8080", "require_sign_in": "yes"},
    "smtp": {}
  })");
  CHECK(
      errors ==
      std::vector<std::string>{
          "config.smtp: unknown field",
          "config.webhooks[0].url: expected an http:// or https:// URL, got \"ftp://x\"",
          "config.webhooks[0].secret: expected \"whsec_\" followed by base64, got \"abc\"",
          "config.webhooks[1].url: expected a port from 1 to 65535 in \"http://127.0.0.1:99999/\"",
          "config.webhooks[1].secret: expected \"whsec_\" followed by base64, got "
          "\"whsec_MfKQ...\" (39 characters)",
          "config.webhooks[2].secret: expected a key of 24 to 64 bytes, got 3 bytes",
          "config.webhooks[3].url: \"http://a.example.org\" is listed twice",
          "config.webhooks[4].method: unknown field",
          "config.webhooks[4].url: missing",
          "config.directory.owners[\"企画総務課\"].recipients: missing",
          "config.directory.owners[\"学校連携担当\"].recipients[0].email: expected an email "
          "address, got \"not-an-address\"",
          "config.reminders.language: expected \"ja\" or \"en\", got \"fr\"",
          "config.reminders.meeting.before_days[1]: expected a whole number of days from 0 "
          "to 366, got number -1",
          "config.reminders.meeting.before_days[2]: lead time 14 days is listed twice",
          "config.reminders.deadline.overdue.every_days: expected an integer from 1 to 366, "
          "got 0",
          "config.reminders.send_time: expected a time HH:MM, got \"9am\"",
          "config.server.base_url: expected an http:// or https:// URL, got \"localhost:8080\"",
          "config.server.require_sign_in: expected true or false, got string \"yes\"",
      });
}

TEST_CASE(
    "participant reminders default to 7 days to who has not answered, 1 day to who comes, a "
    "nudge 5 days before, and an action's owner 3 days before and on its due day") {
  using date::days;
  CHECK(config_of("{}").reminders.participants ==
        ParticipantReminderRule{.unanswered_before = {days{7}},
                                .accepted_before = {days{1}},
                                .nudge_before = {days{5}},
                                .action_before = {days{3}, days{0}}});
  // A meeting rule given without them keeps them; given, they replace the participants' rule
  // whole (a list not given is empty), and the meeting's own lead times stay as written.
  const Config kept = config_of(R"({"reminders": {"meeting": {"before_days": [3]}}})");
  CHECK(kept.reminders.participants == ReminderRules{}.participants);
  const Config given = config_of(R"({"reminders": {"meeting": {"before_days": [14, 1],
      "participants": {"unanswered_before_days": [10, 3], "nudge_before_days": [4]}}}})");
  CHECK(given.reminders.meeting.before == std::vector<days>{days{14}, days{1}});
  CHECK(given.reminders.participants ==
        ParticipantReminderRule{.unanswered_before = {days{10}, days{3}},
                                .accepted_before = {},
                                .nudge_before = {days{4}},
                                .action_before = {}});
  const Config off =
      config_of(R"({"reminders": {"meeting": {"before_days": [14, 1], "participants": {}}}})");
  CHECK(off.reminders.participants == ParticipantReminderRule{.unanswered_before = {},
                                                              .accepted_before = {},
                                                              .nudge_before = {},
                                                              .action_before = {}});
}

TEST_CASE("a bad participant reminder rule is refused at its path, with its meaning") {
  const auto config = read_config_json(R"({"reminders": {
    "meeting": {"participants": {"unanswered_before_days": [7, 7], "accepted_before_days": [367],
                                 "nudge_before_days": 5, "declined_before_days": [1]}},
    "deadline": {"participants": {}}}})");
  REQUIRE_FALSE(config.ok());
  std::vector<std::string> messages;
  std::vector<Meaning> meanings;
  for (const auto& diagnostic : config.error()) {
    messages.push_back(diagnostic.to_string());
    meanings.push_back(diagnostic.meaning);
  }
  CHECK(messages ==
        std::vector<std::string>{
            "config.reminders.deadline.participants: unknown field",
            "config.reminders.meeting.participants.declined_before_days: unknown field",
            "config.reminders.meeting.participants.unanswered_before_days[1]: lead time 7 days is "
            "listed twice",
            "config.reminders.meeting.participants.accepted_before_days[0]: expected a whole "
            "number of days from 0 to 366, got number 367",
            "config.reminders.meeting.participants.nudge_before_days: expected an array, got "
            "number 5",
        });
  CHECK(meanings == std::vector<Meaning>{
                        meaning_of(json_meaning::kUnknownField),
                        meaning_of(json_meaning::kUnknownField),
                        meaning_of(json_meaning::kListedTwice, {"7"}),
                        meaning_of(json_meaning::kIntegerRange, {"0", "366", "367"}),
                        meaning_of(json_meaning::kExpectedArray, {"number 5"}),
                    });
}

TEST_CASE("a config that is not JSON says where it broke") {
  CHECK(errors_of("{\"webhooks\": [}") ==
        std::vector<std::string>{"config: invalid JSON: parse error at line 1, column 15: syntax "
                                 "error while parsing value - unexpected '}'; expected "
                                 "'[', '{', or a literal"});
}

TEST_CASE("a config with a number too large for a double is refused, not a crash") {
  CHECK(errors_of("{\"reminders\": {\"meeting\": {\"before_days\": [-1e999]}}}") ==
        std::vector<std::string>{"config: invalid JSON: number overflow parsing '-1e999'"});
}

TEST_CASE("reminders nested a million deep are refused, not copied until the stack overflows") {
  const std::size_t depth = 1'000'000;
  const std::string text = R"({"reminders": {"language": "en", "meeting": )" +
                           std::string(depth, '[') + std::string(depth, ']') + "}}";
  CHECK(errors_of(text) ==
        std::vector<std::string>{"config.reminders.meeting: expected an object, got array " +
                                 std::string(57, '[') + "..."});
}

TEST_CASE("base64 round-trips and refuses what is not canonical") {
  CHECK(encode_base64("") == "");
  CHECK(encode_base64("f") == "Zg==");
  CHECK(encode_base64("fo") == "Zm8=");
  CHECK(encode_base64("foo") == "Zm9v");
  CHECK(encode_base64("foobar") == "Zm9vYmFy");
  CHECK(decode_base64("Zm9vYmFy") == "foobar");
  CHECK(decode_base64("Zg==") == "f");
  CHECK(decode_base64("Zm8=") == "fo");
  CHECK_FALSE(decode_base64("Zg=").has_value());
  CHECK_FALSE(decode_base64("Zh==").has_value());  // leftover bits set
  CHECK_FALSE(decode_base64("Zm9v!mFy").has_value());
  CHECK(decode_base64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")->size() == 24);
}

TEST_CASE("a number no double holds is an error with its path, not a crash") {
  CHECK(errors_of(R"({"reminders": {"meeting": {"before_days": [1e999]}}})") ==
        std::vector<std::string>{"config: invalid JSON: number overflow parsing '1e999'"});
  CHECK(errors_of(R"({"reminders": {"meeting": {"before_days": [18446744073709551615]}}})") ==
        std::vector<std::string>{"config.reminders.meeting.before_days[0]: expected a whole "
                                 "number of days from 0 to 366, got number "
                                 "18446744073709551615"});
}
