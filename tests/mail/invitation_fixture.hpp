#pragma once

// What the invitation mail's tests and its samples for Python share: the June meeting of the
// Higashi plan's multi-agency meetings, its calendar written by calendars/invitation.hpp, and one
// of its attendees as the recipient.

#include <chrono>
#include <string>

#include "calendars/invitation.hpp"
#include "mail/invitation_mail.hpp"

namespace torikumi::mail::testing {

using namespace std::chrono_literals;

inline constexpr const char* kUid =
    "higashi-kyosei/multi-agency-meeting/2026-06@invitations.higashi.example.jp";
inline constexpr const char* kMeetingPage =
    "https://torikumi.higashi.example.jp/plans/higashi-kyosei/meetings/multi-agency-meeting/"
    "2026-06";
inline constexpr const char* kAnswerLink =
    "https://torikumi.higashi.example.jp/answer/k7q2m9x4w8e3r6t1?expires=20260610&sig=Zm9vYmFy";
inline constexpr const char* kToken = "k7q2m9x4w8e3r6t1";

// 2026-06-10 14:00 and 15:30 in Tokyo; 2026-05-12 08:00 in Tokyo, when it is sent.
inline constexpr date::sys_seconds kStart{1781067600s};
inline constexpr date::sys_seconds kEnd{kStart + 90min};
inline constexpr date::sys_seconds kNow{1778540400s};

// 多機関協働担当を中心とした会議の開催, on 10 June 2026 at 14:00 for 90 minutes, with three
// attendees: 地域包括支援センター's 山田 太郎, a 相談支援事業所 without a name, the chair.
inline calendars::Invitation june_meeting(std::uint32_t sequence = 0) {
  calendars::Invitation invitation;
  invitation.uid = kUid;
  invitation.sequence = sequence;
  invitation.dtstamp = kNow;
  invitation.summary = "多機関協働担当を中心とした会議の開催";
  invitation.location = "東区役所 3階 会議室";
  invitation.description = "多機関協働担当を中心とした会議の開催\n" + std::string{kMeetingPage};
  invitation.url = kMeetingPage;
  invitation.organizer = {"東区役所 福祉課", "jimukyoku@higashi.example.jp"};
  invitation.attendees = {
      {.person = {"山田 太郎", "yamada@houkatsu.example.jp"}},
      {.person = {"", "soudan@kikan.example.jp"}, .role = calendars::AttendeeRole::optional},
      {.person = {"福祉課長", "kacho@higashi.example.jp"},
       .role = calendars::AttendeeRole::chair,
       .partstat = calendars::PartStat::accepted},
  };
  invitation.schedule = calendars::SingleMeeting{date::local_days{date::year{2026} / 6 / 10} + 14h};
  invitation.duration = 90min;
  return invitation;
}

// The invitation of the June meeting, its calendar given; notice and calendar are the caller's
// to change together.
inline InvitationMail june_mail(std::string calendar) {
  return InvitationMail{
      .id = "higashi-kyosei/multi-agency-meeting/2026-06/invitation/0",
      .notice = InvitationNotice::invitation,
      .uid = kUid,
      .sequence = 0,
      .recurrence_id = std::nullopt,
      .calendar = std::move(calendar),
      .organizer = {"東区役所 福祉課", "jimukyoku@higashi.example.jp"},
      .reply_domain = "higashi.example.jp",
      .message_domain = "higashi.example.jp",
      .envelope =
          {
              .plan_id = "higashi-kyosei",
              .initiative = "地域共生社会の実現に向けた取組の推進",
              .organisation = "東区役所",
              .occurrence_id = "higashi-kyosei/multi-agency-meeting/2026-06",
              .title = "多機関協働担当を中心とした会議の開催",
              .start = kStart,
              .end = kEnd,
              .zone = PlanZone::asia_tokyo(),
              .place = "東区役所 3階 会議室",
              .meeting_page = kMeetingPage,
          },
      .language = Language::japanese,
      .now = kNow,
      .comment = "",
  };
}

inline InvitationRecipient yamada() {
  return InvitationRecipient{
      .person = {"山田 太郎", "yamada@houkatsu.example.jp"},
      .agency = "地域包括支援センター ひがし",
      .reply_token = kToken,
      .answer_link = kAnswerLink,
  };
}

}  // namespace torikumi::mail::testing
