// itip_samples DIRECTORY: writes the invitations check_itip_with_icalendar.py reads with an
// independent parser (python3-icalendar): a single meeting's REQUEST, a series' REQUEST with a
// moved and a cancelled instance, and each CANCEL and the DECLINECOUNTER, as NAME.ics. The
// script knows what each must say; this only writes them.

#include <date/date.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "calendars/invitation.hpp"

using namespace date;
using namespace std::chrono_literals;
using namespace torikumi;
using namespace torikumi::calendars;

namespace {

Invitation series_invitation() {
  Invitation invitation;
  invitation.uid = "higashi/kyosei@invitations.ward.example.jp";
  invitation.sequence = 3;
  invitation.dtstamp = sys_days{2026_y / May / 1} + 1h;
  invitation.summary =
      "東区多機関協働推進会議（定例会議）令和8年度のご案内：地域包括支援センター・相談支援事業所";
  invitation.location = "東区役所 3階 第1会議室; 本館";
  invitation.description = "日時: 第2水曜日 14:00〜15:30\nhttps://torikumi.example.jp/m/abc";
  invitation.confidentiality = Confidentiality::confidential;
  invitation.organizer = {"東区役所 福祉課, 事務局", "jimukyoku@ward.example.jp"};
  invitation.attendees = {
      {.person = {"地域包括支援センター東", "houkatsu@example.org"},
       .role = AttendeeRole::required},
      {.person = {"田中 太郎", "tanaka@example.org"},
       .role = AttendeeRole::optional,
       .partstat = PartStat::accepted,
       .rsvp = AnswerWanted::no},
      {.person = {"福祉課長", "kacho@ward.example.jp"},
       .role = AttendeeRole::chair,
       .partstat = PartStat::accepted},
  };
  const year_month months[] = {2026_y / June, 2026_y / August, 2026_y / October};
  invitation.schedule = MeetingSeries{
      series_instances(NthWeekday{2, Wednesday}, 14h, months),
      {MovedInstance{local_days{2026_y / August / 12} + 14h, local_days{2026_y / August / 13} + 10h,
                     "東区役所 別館 大会議室"},
       CancelledInstance{local_days{2026_y / October / 14} + 14h}}};
  invitation.duration = 90min;
  return invitation;
}

bool save(const std::string& directory, const std::string& name, const Result<std::string>& text) {
  if (!text) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), text.error().message.c_str());
    return false;
  }
  std::ofstream file{directory + "/" + name + ".ics", std::ios::binary};
  file << *text;
  return file.good();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: itip_samples DIRECTORY\n");
    return 2;
  }
  const std::string directory = argv[1];
  const Invitation series = series_invitation();
  Invitation single = series;
  single.uid = "higashi/meeting/2026-06@invitations.ward.example.jp";
  single.sequence = 0;
  single.confidentiality = Confidentiality::ordinary;
  single.schedule = SingleMeeting{local_days{2026_y / June / 10} + 14h};
  ItipReply counter;
  counter.method = ReplyMethod::counter;
  counter.uid = series.uid;
  counter.recurrence_id = sys_days{2026_y / June / 10} + 5h;
  counter.attendee = {"田中 太郎", "tanaka@example.org"};
  counter.proposed_start = sys_days{2026_y / June / 11} + 6h;

  bool ok = save(directory, "request-single", write_request(single));
  ok = save(directory, "request-series", write_request(series)) && ok;
  ok = save(directory, "cancel-series", write_cancel(series)) && ok;
  ok = save(directory, "cancel-occurrence",
            write_occurrence_cancel(series, local_days{2026_y / August / 12} + 14h)) &&
       ok;
  ok =
      save(directory, "cancel-attendee", write_attendee_cancel(series, "tanaka@example.org")) && ok;
  ok = save(directory, "decline-counter",
            write_decline_counter(series, counter, "その日は会議室が使えません")) &&
       ok;
  return ok ? 0 : 1;
}
