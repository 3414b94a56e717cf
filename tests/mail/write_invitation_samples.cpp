// write_invitation_samples DIRECTORY: writes what compose_invitation (mail/invitation_mail.hpp)
// makes of each kind of notice as NAME.payload.json (the webhook's body, as sent), beside
// NAME.expected.json holding what it was made from, for check_invitation_with_python.py to read
// with other implementations (Python's json, email and icalendar) and compare.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/mail/invitation_fixture.hpp"

namespace {

using namespace torikumi;
using namespace torikumi::mail;
using namespace torikumi::mail::testing;

struct Sample {
  std::string name;
  InvitationMail mail;
  InvitationRecipient recipient;
};

std::string written(const Result<std::string>& calendar) {
  if (!calendar) {
    std::fprintf(stderr, "%s\n", calendar.error().message.c_str());
    std::exit(1);
  }
  return *calendar;
}

std::vector<Sample> samples() {
  std::vector<Sample> list;
  list.push_back(
      {"request", june_mail(written(calendars::write_request(june_meeting()))), yamada()});

  calendars::Invitation moved = june_meeting(1);
  moved.location = "東区役所 5階 大会議室";
  Sample update{"update", june_mail(written(calendars::write_request(moved))), yamada()};
  update.mail.notice = InvitationNotice::update;
  update.mail.id = "higashi-kyosei/multi-agency-meeting/2026-06/invitation/1";
  update.mail.sequence = 1;
  update.mail.envelope.place = moved.location;
  update.mail.language = Language::english;
  update.mail.comment = "会場が5階に変わりました。\nお間違えのないようお願いいたします。";
  list.push_back(update);

  // One occurrence of the monthly series (the second Wednesday of June, August and October).
  calendars::Invitation series = june_meeting(2);
  series.uid = "higashi-kyosei/multi-agency-meeting@invitations.higashi.example.jp";
  series.schedule = calendars::MeetingSeries{
      calendars::series_instances(
          NthWeekday{2, date::Wednesday}, 14h,
          std::vector<date::year_month>{date::year{2026} / 6, date::year{2026} / 8,
                                        date::year{2026} / 10}),
      {}};
  Sample cancel{"cancel",
                june_mail(written(calendars::write_occurrence_cancel(
                    series, date::local_days{date::year{2026} / 6 / 10} + 14h))),
                yamada()};
  cancel.mail.notice = InvitationNotice::cancellation;
  cancel.mail.id = "higashi-kyosei/multi-agency-meeting/2026-06/cancel/2";
  cancel.mail.uid = series.uid;
  cancel.mail.sequence = 2;
  cancel.mail.recurrence_id = kStart;
  cancel.mail.comment = "会場の都合により、6月の会議は中止します。";
  list.push_back(cancel);

  Sample dropped{"attendee-cancel",
                 june_mail(written(calendars::write_attendee_cancel(june_meeting(1),
                                                                    "yamada@houkatsu.example.jp"))),
                 yamada()};
  dropped.mail.notice = InvitationNotice::attendee_cancellation;
  dropped.mail.id = "higashi-kyosei/multi-agency-meeting/2026-06/attendee-cancel/1";
  dropped.mail.sequence = 1;
  list.push_back(dropped);

  const calendars::ItipReply counter{
      .method = calendars::ReplyMethod::counter,
      .uid = kUid,
      .attendee = {"山田 太郎", "yamada@houkatsu.example.jp"},
      .partstat = calendars::PartStat::tentative,
      .proposed_start = kStart + std::chrono::days{1},
      .proposed_end = kEnd + std::chrono::days{1},
  };
  Sample declined{"declinecounter",
                  june_mail(written(calendars::write_decline_counter(
                      june_meeting(), counter, "その日は会議室が使えません"))),
                  yamada()};
  declined.mail.notice = InvitationNotice::declined_counter;
  declined.mail.id = "higashi-kyosei/multi-agency-meeting/2026-06/declinecounter/0";
  declined.mail.comment = "その日は会議室が使えません";
  // An agency's shared mailbox: no person's name.
  declined.recipient.person.name = "";
  list.push_back(declined);
  return list;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_invitation_samples DIRECTORY\n");
    return 2;
  }
  const std::string directory = argv[1];
  for (const Sample& sample : samples()) {
    const auto item = compose_invitation(sample.mail, sample.recipient);
    if (!item) {
      std::fprintf(stderr, "%s: %s\n", sample.name.c_str(), item.error().message.c_str());
      return 1;
    }
    std::ofstream{directory + "/" + sample.name + ".payload.json", std::ios::binary}
        << item->payload_json;
    const InvitationNotice notice = sample.mail.notice;
    const nlohmann::json expected{
        {"type", invitation_event_type(notice)},
        {"id", item->id},
        {"method", to_string(itip_method(notice))},
        {"uid", sample.mail.uid},
        {"sequence", sample.mail.sequence},
        {"language", sample.mail.language == Language::english ? "en" : "ja"},
        {"from", {{"name", sample.mail.organizer.name}, {"email", sample.mail.organizer.email}}},
        {"to", {{"name", sample.recipient.person.name}, {"email", sample.recipient.person.email}}},
        {"reply_to", "rsvp+" + sample.recipient.reply_token + "@" + sample.mail.reply_domain},
        {"message_id", item->message_id},
        {"subject", item->subject},
        {"answer_link", sample.recipient.answer_link},
        {"answer_shown", notice == InvitationNotice::invitation ||
                             notice == InvitationNotice::update ||
                             notice == InvitationNotice::declined_counter},
        {"meeting_page", sample.mail.envelope.meeting_page},
        {"title", sample.mail.envelope.title},
        {"recurrence_id", sample.mail.recurrence_id.has_value()},
    };
    std::ofstream{directory + "/" + sample.name + ".expected.json", std::ios::binary}
        << expected.dump(2);
  }
  return 0;
}
