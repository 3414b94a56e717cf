// meetings_bench: issue 16's speed target, through the real code paths into a SQLite file.
//
//   meetings_bench [--meetings N] [--replay N] [--file PATH] [--keep]
//
// The Higashi example plan is imported under as many plan ids as N meetings need (12 meeting
// occurrences each, default N = 1,000), with five agencies of four current members each, so
// every meeting invites 20 people. Timed, on one thread:
//   1. invitations: http::send_invitation(InvitationSend::first) for each of the N meetings: the
//      iTIP calendar, one mail item per person (JSON payload and RFC 5322 message) and the
//      invitation's state, entered in the outbox in one transaction per meeting;
//   2. replies: one inbound reply per invited person (20 N), each read by
//      mail::read_inbound_message and recorded by http::take_reply; the raw messages are built
//      before the timing;
//   3. a replay of the first --replay replies (default 1,000): each is known, nothing is written.
// Then every invitation is read back and each attendee's answer checked; the database is removed
// unless --keep. Target: at least
// 1,000 messages/s and 1,000 replies/s.

#include <date/date.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_support.hpp"
#include "engine/meetings/agency.hpp"
#include "engine/plan/plan_json.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/meetings/reply_intake.hpp"
#include "mail/inbound_message.hpp"
#include "store/secrets.hpp"
#include "store/store.hpp"

namespace {

using namespace torikumi;
using namespace std::chrono_literals;
using torikumi::bench::group_digits;
using torikumi::bench::Seconds;
using torikumi::bench::Stopwatch;

constexpr std::string_view kReplyDomain = "higashi.example.jp";
constexpr int kMembersPerAgency = 4;
// Before the fiscal year, so that every meeting is still to come.
const date::sys_seconds kNow = date::sys_days{date::year{2026} / 3 / 20} + 1h;

struct Options {
  long meetings = 1000;
  long replay = 1000;
  bool keep = false;  // leave the database for inspection
  std::string path =
      (std::filesystem::temp_directory_path() / "torikumi-meetings-bench.db").string();
};

// The options, or nothing after a message on stderr.
std::optional<Options> read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg{argv[i]};
    std::optional<long> value;
    if (arg == "--meetings") {
      value = bench::read_count_option(argc, argv, i, 1);
      if (value) options.meetings = *value;
    } else if (arg == "--replay") {
      value = bench::read_count_option(argc, argv, i, 0);
      if (value) options.replay = *value;
    } else if (arg == "--keep") {
      options.keep = true;
      value = 0;
    } else if (arg == "--file" && i + 1 < argc) {
      options.path = argv[++i];
      value = 0;
    }
    if (!value) {
      std::fprintf(stderr,
                   "usage: meetings_bench [--meetings N] [--replay N] [--file PATH] [--keep]\n");
      return std::nullopt;
    }
  }
  return options;
}

std::string read_file(const std::string& path) {
  std::ifstream file{path};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The database with SQLite's files beside it, so each run starts empty and leaves nothing.
void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// The database's bytes on disk: the file and its WAL.
double database_mebibytes(const std::string& path) {
  std::uintmax_t bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path + suffix, error);
    if (!error) bytes += size;
  }
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

// The plan's participant agencies, each with four current members with an address.
std::string agencies_json(const Plan& plan) {
  nlohmann::json agencies = nlohmann::json::array();
  for (std::size_t a = 0; a < plan.participants.size(); ++a) {
    nlohmann::json members = nlohmann::json::array();
    for (int m = 0; m < kMembersPerAgency; ++m)
      members.push_back(
          {{"name", "職員 " + std::to_string(a) + "-" + std::to_string(m)},
           {"email", "member" + std::to_string(m) + "@agency" + std::to_string(a) + ".example.jp"},
           {"role", m == 0 ? "担当者" : "構成員"}});
    agencies.push_back(
        {{"name", plan.participants[a].agency}, {"kind", "区役所"}, {"members", members}});
  }
  return nlohmann::json{{"agencies", agencies}}.dump();
}

// An Outlook-like reply (no ORGANIZER, a Windows zone name) sent to the attendee's reply address.
std::string reply_message(long number, const std::string& token, const std::string& uid,
                          const std::string& email, bool accept) {
  const std::string calendar =
      "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\n"
      "VERSION:2.0\r\nBEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" +
      std::string{accept ? "ACCEPTED" : "DECLINED"} + ";CN=職員:mailto:" + email +
      "\r\nDTSTART;TZID=Tokyo Standard Time:20260610T140000\r\nUID:" + uid +
      "\r\nSEQUENCE:0\r\nDTSTAMP:20260320T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  return "From: <" + email + ">\r\nTo: <rsvp+" + token + "@" + std::string{kReplyDomain} +
         ">\r\nSubject: Re: invitation\r\nMessage-ID: <reply-" + std::to_string(number) +
         "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; charset=UTF-8; "
         "method=REPLY\r\n\r\n" +
         calendar;
}

struct Reply {
  std::string raw;
  bool accept = true;
};

int fail(std::string_view what, std::string_view message) {
  std::fprintf(stderr, "meetings_bench: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(message.size()), message.data());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = read_options(argc, argv);
  if (!options) return 2;
  remove_database(options->path);

  auto opened = store::Store::open(options->path, {.migrations = store::schema_migrations(),
                                                   .busy_timeout = std::chrono::milliseconds{5000},
                                                   .checkpoints = store::Checkpoints::background,
                                                   .checkpoint_policy = {}});
  if (!opened) return fail("open", opened.error().message);
  store::Store& store = *opened;
  const store::Actor office{"東 花子", kNow};

  auto example =
      read_plan_json(read_file(std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"));
  if (!example) return fail("examples/higashi/plan.json", "does not read");
  auto agencies = read_agencies_json(agencies_json(*example), "agencies");
  if (!agencies) return fail("agencies", "do not read");
  if (auto imported = store.import_agencies(*agencies, office, "meetings_bench"); !imported)
    return fail("import_agencies", imported.error().message);

  auto settings = http::InvitationSettings{
      .organizer = {"東区役所 多機関協働 事務局", "takikan@higashi.example.jp"},
      .reply_domain = std::string{kReplyDomain},
      .base_url = parse_http_url("https://torikumi.higashi.example.jp").value(),
      .language = Language::japanese,
      .endpoints = {"http://127.0.0.1:9/hooks"},
      .link_key = "a-key-for-the-benchmark"};

  // The plans and their snapshots, one per plan, and the meetings to send.
  struct Meeting {
    std::size_t snapshot = 0;
    std::string occurrence;
  };
  std::vector<http::SnapshotPointer> snapshots;
  std::vector<Meeting> meetings;
  const Stopwatch setup;
  for (int number = 0; static_cast<long>(meetings.size()) < options->meetings; ++number) {
    Plan plan = *example;
    plan.id = "higashi-" + std::to_string(number);
    if (auto imported = store.import_plan(plan, {.actor = office, .source = "plan.json"});
        !imported)
      return fail("import_plan", imported.error().message);
    auto stored = store.load_plan(plan.id);
    if (!stored) return fail("load_plan", stored.error().message);
    auto recorded = store.load_state(plan.id, 2026);
    if (!recorded) return fail("load_state", recorded.error().message);
    auto snapshot = http::snapshot_from_record(std::move(stored->plan), date::year{2026},
                                               std::move(*recorded), 1, kNow);
    if (!snapshot) return fail("snapshot", snapshot.error().message);
    const std::size_t before = meetings.size();
    for (const Occurrence& occurrence : (*snapshot)->expansion.occurrences)
      if (occurrence.task->kind == TaskKind::meeting && occurrence.scheduled_start &&
          static_cast<long>(meetings.size()) < options->meetings)
        meetings.push_back({.snapshot = snapshots.size(), .occurrence = occurrence.id});
    if (meetings.size() == before) return fail(plan.id, "no meeting with a time");
    snapshots.push_back(std::move(*snapshot));
  }
  std::printf("setup:       %s plans imported, %s meetings, %zu agencies x %d members, in %.2f s\n",
              group_digits(snapshots.size()).c_str(), group_digits(meetings.size()).c_str(),
              agencies->size(), kMembersPerAgency, setup.elapsed().count());
  const double database_before = database_mebibytes(options->path);

  // 1. Invitations.
  std::size_t messages = 0;
  const Stopwatch send_watch;
  for (const Meeting& meeting : meetings) {
    auto sent = http::send_invitation(
        store, *snapshots[meeting.snapshot], settings,
        {.occurrence = meeting.occurrence, .send = InvitationSend::first, .comment = {}}, office);
    if (!sent) return fail(meeting.occurrence, sent.error().message);
    if (!sent->unreached.empty()) return fail(meeting.occurrence, "an agency reaches nobody");
    messages += sent->entered;
  }
  const Seconds send_time = send_watch.elapsed();
  const double send_rate = static_cast<double>(messages) / send_time.count();
  const double database_sent = database_mebibytes(options->path);
  std::printf("invitations: %s messages for %s meetings in %.2f s: %s messages/s (%s meetings/s)\n",
              group_digits(messages).c_str(), group_digits(meetings.size()).c_str(),
              send_time.count(), group_digits(send_rate).c_str(),
              group_digits(meetings.size() / send_time.count()).c_str());
  std::printf("             database grew %.1f MiB (%.1f KiB a message), now %.1f MiB\n",
              database_sent - database_before,
              (database_sent - database_before) * 1024.0 / static_cast<double>(messages),
              database_sent);

  // 2. Replies, built before the timing: every invited person answers once.
  std::vector<Reply> replies;
  std::size_t accepted_expected = 0;
  for (const Meeting& meeting : meetings) {
    auto invitation = store.invitation(meeting.occurrence);
    if (!invitation || !*invitation) return fail(meeting.occurrence, "no invitation stored");
    const store::StoredInvitation& stored = **invitation;
    for (const store::StoredAttendee& attendee : stored.attendees) {
      const bool accept = replies.size() % 5 != 4;  // one in five declines
      accepted_expected += accept ? 1 : 0;
      replies.push_back({.raw = reply_message(static_cast<long>(replies.size()), attendee.token,
                                              stored.uid, attendee.person.email, accept),
                         .accept = accept});
    }
  }
  const store::Actor gateway{"inbound email", kNow + 1h};
  const Stopwatch reply_watch;
  for (const Reply& reply : replies) {
    auto message = mail::read_inbound_message(reply.raw);
    if (!message) return fail("read_inbound_message", message.error().message);
    auto taken =
        http::take_reply(store, *message, store::sha256_hex(reply.raw), kReplyDomain, gateway);
    if (!taken) return fail("take_reply", taken.error().message);
    if (taken->size() != 1 || taken->front().replay ||
        taken->front().verdict != AnswerVerdict::applied)
      return fail("take_reply", "the answer was not applied");
  }
  const Seconds reply_time = reply_watch.elapsed();
  const double reply_rate = static_cast<double>(replies.size()) / reply_time.count();
  const double database_replied = database_mebibytes(options->path);
  std::printf("replies:     %s in %.2f s: %s replies/s; database grew %.1f MiB\n",
              group_digits(replies.size()).c_str(), reply_time.count(),
              group_digits(reply_rate).c_str(), database_replied - database_sent);

  // 3. The same messages again: each is known by its digest and changes nothing.
  const std::size_t replayed = std::min(replies.size(), static_cast<std::size_t>(options->replay));
  const Stopwatch replay_watch;
  for (std::size_t i = 0; i < replayed; ++i) {
    auto message = mail::read_inbound_message(replies[i].raw);
    if (!message) return fail("read_inbound_message", message.error().message);
    auto taken =
        http::take_reply(store, *message, store::sha256_hex(replies[i].raw), kReplyDomain, gateway);
    if (!taken) return fail("take_reply (replay)", taken.error().message);
    if (taken->size() != 1 || !taken->front().replay)
      return fail("take_reply (replay)", "the message was taken again");
  }
  const Seconds replay_time = replay_watch.elapsed();
  if (replayed > 0)
    std::printf("replay:      %s in %.3f s: %s replies/s, nothing written\n",
                group_digits(replayed).c_str(), replay_time.count(),
                group_digits(replayed / replay_time.count()).c_str());

  // Every answer recorded, once, as given.
  std::size_t answered = 0;
  std::size_t accepted = 0;
  std::size_t history = 0;
  for (const Meeting& meeting : meetings) {
    auto invitation = store.invitation(meeting.occurrence);
    if (!invitation || !*invitation) return fail(meeting.occurrence, "no invitation stored");
    for (const store::StoredAttendee& attendee : (*invitation)->attendees) {
      if (!attendee.answer) continue;
      ++answered;
      accepted += attendee.answer->state == AnswerState::accepted ? 1 : 0;
    }
    auto entries = store.answer_history(meeting.occurrence);
    if (!entries) return fail("answer_history", entries.error().message);
    history += entries->size();
  }
  if (answered != replies.size() || accepted != accepted_expected || history != replies.size()) {
    std::fprintf(stderr,
                 "meetings_bench: %zu answers recorded (%zu accepted), %zu in the history; "
                 "expected %zu (%zu accepted)\n",
                 answered, accepted, history, replies.size(), accepted_expected);
    return 1;
  }
  std::printf("checked:     %s answers recorded (%s accepted), one history entry each\n",
              group_digits(answered).c_str(), group_digits(accepted).c_str());
  std::printf("database:    %.1f MiB (file and WAL), peak RSS %.0f MiB\n",
              database_mebibytes(options->path), bench::peak_resident_memory().mebibytes());
  std::printf("target:      >= 1,000 messages/s: %s; >= 1,000 replies/s: %s\n",
              send_rate >= 1000 ? "met" : "NOT MET", reply_rate >= 1000 ? "met" : "NOT MET");
  if (!options->keep) remove_database(options->path);
  return 0;
}
