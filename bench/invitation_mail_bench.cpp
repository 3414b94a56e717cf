// invitation_mail_bench: how fast invitations are composed for the outbox
// (mail/invitation_mail.hpp), calendars included.
//
//   invitation_mail_bench [--meetings N] [--recipients N] [--calendar-per-recipient]
//
// N meetings (default 1,000) of the Higashi kind, each with N attendees (default 20), on one
// thread: each meeting's REQUEST is written by calendars::write_request (libical), then
// compose_invitation makes one item per attendee (checks, Japanese and English bodies, the HTML
// template, the RFC 5322 message by GMime, the JSON payload). With --calendar-per-recipient the
// calendar is written again for every recipient, the heaviest way a caller could do it. Target:
// at least 1,000 messages/s. One payload is parsed back as JSON outside the timing.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_support.hpp"
#include "calendars/invitation.hpp"
#include "mail/invitation_mail.hpp"

namespace {

using namespace torikumi;
using namespace std::chrono_literals;
using torikumi::bench::Seconds;
using torikumi::bench::Stopwatch;

constexpr std::string_view kAgencies[] = {
    "地域包括支援センター ひがし",
    "障害者基幹相談支援センター",
    "こども家庭センター",
    "社会福祉協議会",
    "相談支援事業所 あおば",
    "東区役所 保健福祉課",
    "東区役所 子育て支援課",
    "民生委員児童委員協議会",
    "東小学校",
    "東中学校",
};
constexpr std::string_view kNames[] = {"山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲",
                                       "田中 健",   "伊藤 由美", "渡辺 誠",   "中村 彩"};

struct Meeting {
  calendars::Invitation invitation;
  mail::InvitationMail mail;
  std::vector<mail::InvitationRecipient> recipients;
};

// The n-th meeting: a single meeting on a weekday afternoon of FY2026, with its attendees.
Meeting meeting(long n, long recipients) {
  const std::string number = std::to_string(n);
  const date::sys_days day = date::sys_days{date::year{2026} / 4 / 1} + date::days{(n * 7) % 360};
  const date::local_seconds start{date::local_days{day.time_since_epoch()} + 14h};
  const std::string occurrence = "higashi-kyosei/multi-agency-meeting-" + number + "/2026";
  const std::string page =
      "https://torikumi.higashi.example.jp/plans/higashi-kyosei/meetings/" + occurrence.substr(15);
  Meeting result;
  calendars::Invitation& invitation = result.invitation;
  invitation.uid = occurrence + "@invitations.higashi.example.jp";
  invitation.sequence = static_cast<std::uint32_t>(n % 3);
  invitation.dtstamp = date::sys_days{date::year{2026} / 3 / 1};
  invitation.summary = "多機関協働担当を中心とした会議の開催";
  invitation.location = "東区役所 3階 第" + std::to_string(n % 5 + 1) + "会議室";
  invitation.description = invitation.summary + "\n" + page;
  invitation.url = page;
  invitation.organizer = {"東区役所 福祉課", "jimukyoku@higashi.example.jp"};
  invitation.schedule = calendars::SingleMeeting{start};
  invitation.duration = 90min;
  for (long r = 0; r < recipients; ++r) {
    const std::string key = std::to_string(n) + "x" + std::to_string(r);
    const calendars::Person person{std::string{kNames[r % std::size(kNames)]},
                                   "member" + std::to_string(r) + "@agency" +
                                       std::to_string(r % std::size(kAgencies)) + ".example.jp"};
    invitation.attendees.push_back(
        {.person = person,
         .role = r == 0 ? calendars::AttendeeRole::chair : calendars::AttendeeRole::required});
    std::string token = "tok" + key;
    token.resize(24, 'q');
    result.recipients.push_back({.person = person,
                                 .agency = std::string{kAgencies[r % std::size(kAgencies)]},
                                 .reply_token = token,
                                 .answer_link = "https://torikumi.higashi.example.jp/answer/" +
                                                token + "?sig=c2lnbmF0dXJl"});
  }
  const date::sys_seconds instant = invitation.zone.to_instant(start);
  result.mail = mail::InvitationMail{
      .id = occurrence + "/invitation/" + std::to_string(invitation.sequence),
      .notice = invitation.sequence == 0 ? mail::InvitationNotice::invitation
                                         : mail::InvitationNotice::update,
      .uid = invitation.uid,
      .sequence = invitation.sequence,
      .recurrence_id = std::nullopt,
      .calendar = {},
      .organizer = invitation.organizer,
      .reply_domain = "higashi.example.jp",
      .message_domain = "higashi.example.jp",
      .envelope = {.plan_id = "higashi-kyosei",
                   .initiative = "地域共生社会の実現に向けた取組の推進",
                   .organisation = "東区役所",
                   .occurrence_id = occurrence,
                   .title = invitation.summary,
                   .start = instant,
                   .end = instant + invitation.duration,
                   .zone = invitation.zone,
                   .place = invitation.location,
                   .meeting_page = page,
                   .meeting_type = {},
                   .confidential = false},
      .language = n % 10 == 0 ? Language::english : Language::japanese,
      .now = date::sys_days{date::year{2026} / 3 / 1},
      .comment = n % 4 == 0 ? "資料は当日お配りします。" : "",
  };
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  long meetings = 1000;
  long recipients = 20;
  bool calendar_per_recipient = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view option{argv[i]};
    std::optional<long> value;
    if (option == "--calendar-per-recipient") {
      calendar_per_recipient = true;
      continue;
    }
    if (option == "--meetings" && (value = bench::read_count_option(argc, argv, i, 1)))
      meetings = *value;
    else if (option == "--recipients" && (value = bench::read_count_option(argc, argv, i, 1)))
      recipients = *value;
    else {
      std::fprintf(stderr,
                   "usage: invitation_mail_bench [--meetings N] [--recipients N] "
                   "[--calendar-per-recipient]\n");
      return 2;
    }
  }

  std::vector<Meeting> workload;
  workload.reserve(static_cast<std::size_t>(meetings));
  for (long n = 0; n < meetings; ++n) workload.push_back(meeting(n, recipients));

  std::size_t messages = 0;
  std::size_t payload_bytes = 0;
  std::size_t raw_bytes = 0;
  Seconds calendar_time{0};
  std::string sample;
  const Stopwatch stopwatch;
  for (Meeting& each : workload) {
    for (std::size_t r = 0; r < each.recipients.size(); ++r) {
      if (r == 0 || calendar_per_recipient) {
        const Stopwatch calendar_watch;
        auto calendar = calendars::write_request(each.invitation);
        calendar_time += calendar_watch.elapsed();
        if (!calendar) {
          std::fprintf(stderr, "%s\n", calendar.error().message.c_str());
          return 1;
        }
        each.mail.calendar = std::move(*calendar);
      }
      auto item = mail::compose_invitation(each.mail, each.recipients[r]);
      if (!item) {
        std::fprintf(stderr, "%s\n", item.error().message.c_str());
        return 1;
      }
      ++messages;
      payload_bytes += item->payload_json.size();
      raw_bytes += item->raw_message.size();
      if (sample.empty()) sample = std::move(item->payload_json);
    }
  }
  const Seconds elapsed = stopwatch.elapsed();

  const auto parsed = nlohmann::json::parse(sample, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("message")) {
    std::fprintf(stderr, "the first payload does not read back as JSON\n");
    return 1;
  }
  const double rate = static_cast<double>(messages) / elapsed.count();
  std::printf("invitations: %ld meetings x %ld recipients, calendar %s\n", meetings, recipients,
              calendar_per_recipient ? "written per recipient" : "written once per meeting");
  std::printf(
      "composed:    %s messages in %.2f s (calendars %.2f s): %s messages/s on one thread\n",
      bench::group_digits(static_cast<std::uint64_t>(messages)).c_str(), elapsed.count(),
      calendar_time.count(), bench::group_digits(rate).c_str());
  std::printf("sizes:       %s bytes of payload, %s of raw message per item on average\n",
              bench::group_digits(static_cast<double>(payload_bytes) / messages).c_str(),
              bench::group_digits(static_cast<double>(raw_bytes) / messages).c_str());
  std::printf("peak RSS:    %.0f MiB\n", bench::peak_resident_memory().mebibytes());
  std::printf("target:      >= 1,000 messages/s: %s\n", rate >= 1000 ? "met" : "NOT MET");
  return 0;
}
