// What a reminder to a meeting's participants says, in both languages, and its webhook body: the
// Higashi plan's April meeting (Wed 8 April 2026, 14:00) with an invitation sent.

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/reminders/reminder_payload.hpp"
#include "http/pages/templates/reminder_email.hpp"
#include "tests/engine/test_plans.hpp"

using namespace date;
using namespace torikumi;
using nlohmann::json;

namespace {

constexpr const char* kApril = "higashi-kyosei/multi-agency-meeting/2026-04";
const ParticipantReminderLinks kLinks{
    .meeting = "https://torikumi.example.org/meetings/higashi-kyosei/multi-agency-meeting/2026-04"};

InvitedPerson person(std::string email, std::string name, std::string agency,
                     ParticipantRole role) {
  return {.email = std::move(email),
          .name = std::move(name),
          .agency = std::move(agency),
          .role = role};
}

std::optional<Answer> answered(AnswerState state, std::string delegate = {}) {
  return Answer{.state = state,
                .comment = "私的な事情のため",  // never in a message
                .delegate = std::move(delegate),
                .channel = AnswerChannel::link,
                .sequence = 0,
                .stamp = std::nullopt,
                .received_at = sys_days{2026_y / March / 20}};
}

InvitationAnswers april_invitation(const Plan& plan) {
  const MeetingRule& rule = *plan.meeting_rule;
  return {.occurrence = kApril,
          .shape = {.title = "多機関協働担当を中心とした会議の開催",
                    .start = sys_days{2026_y / April / 8} + std::chrono::hours{5},
                    .end = sys_days{2026_y / April / 8} + std::chrono::minutes{390},
                    .place = rule.place,
                    .cancelled = false},
          .attendees = {
              {.person = person("takikan@ward.example.jp", "東 花子", "多機関協働担当",
                                ParticipantRole::chair),
               .invited = true,
               .answer = answered(AnswerState::accepted)},
              {.person = person("kikan@kikan.example.jp", "北 四郎", "障害者基幹相談支援センター",
                                ParticipantRole::required),
               .invited = true,
               .answer = std::nullopt},
              {.person = person("houkatsu-2@centre.example.jp", "西 三郎",
                                "東区地域包括支援センター", ParticipantRole::required),
               .invited = true,
               .answer = answered(AnswerState::delegated, "北 一郎")},
              {.person = person("shakyo@shakyo.example.jp", "", "東区社会福祉協議会",
                                ParticipantRole::optional),
               .invited = true,
               .answer = answered(AnswerState::tentative)},
          }};
}

ParticipantReminder reminder_of(const Plan& plan, const InvitationAnswers& invitation,
                                const std::string& rule, const std::string& email) {
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  Directory directory;
  directory.unlisted = DirectoryEntry{{{"担当者", "owner@example.org"}}, {}};
  const auto planned = plan_participant_reminders(plan, *expansion, {}, ReminderRules{}, directory,
                                                  {&invitation, 1});
  const auto found = std::find_if(planned.begin(), planned.end(), [&](const auto& reminder) {
    return reminder.rule == rule && reminder.recipients.front().email == email;
  });
  REQUIRE(found != planned.end());
  return *found;
}

const std::string kFacts =
    "会議: 多機関協働担当を中心とした会議の開催\n"
    "日時: 2026年4月8日(水) 14:00–15:30\n"
    "場所: 東区役所 3階 会議室\n";
const std::string kPageLine =
    "\n会議のページ: "
    "https://torikumi.example.org/meetings/higashi-kyosei/multi-agency-meeting/2026-04\n";

}  // namespace

TEST_CASE("a participant who has not answered is asked to, with the invitation's buttons or link") {
  const Plan plan = testing::higashi_plan();
  const auto reminder = reminder_of(plan, april_invitation(plan), "participant-unanswered-7d",
                                    "kikan@kikan.example.jp");
  const auto message =
      render_participant_reminder_message(plan, reminder, Language::japanese, kLinks);
  CHECK(message.subject ==
        "【ご回答のお願い】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");
  CHECK(message.text ==
        "障害者基幹相談支援センター 北 四郎 様\n\n"
        "「多機関協働担当を中心とした会議の開催」（2026年4月8日(水) "
        "14:00開催）へのご出欠のご回答をまだいただいていません。\n"
        "招待メールのボタン、または招待メールにある回答用リンクからご回答ください。\n\n" +
            kFacts +
            "機関: 障害者基幹相談支援センター\n"
            "ご回答: 未回答\n" +
            kPageLine);
  CHECK(message.html.find("<p>招待メールのボタン、または招待メールにある回答用リンクからご回答"
                          "ください。</p>") != std::string::npos);
  CHECK(message.html.find("<a href=\"" + kLinks.meeting + "\">会議のページ</a>") !=
        std::string::npos);

  const auto english =
      render_participant_reminder_message(plan, reminder, Language::english, kLinks);
  CHECK(english.subject ==
        "Please answer: 多機関協働担当を中心とした会議の開催 — Wed 8 Apr 2026 14:00");
  CHECK(english.text ==
        "To 北 四郎 (障害者基幹相談支援センター),\n\n"
        "We have not yet had your answer to the invitation to “多機関協働担当を中心とした会議の"
        "開催” on Wed 8 Apr 2026 14:00.\n"
        "Please answer with the invitation email's buttons or its answer link.\n\n"
        "Meeting: 多機関協働担当を中心とした会議の開催\n"
        "When: Wed 8 Apr 2026 14:00–15:30\n"
        "Place: 東区役所 3階 会議室\n"
        "Agency: 障害者基幹相談支援センター\n"
        "Your answer: not yet answered\n\n"
        "Meeting page: "
        "https://torikumi.example.org/meetings/higashi-kyosei/multi-agency-meeting/2026-04\n");
}

TEST_CASE("who comes hears the day before; a 代理 is named, a tentative answer asked to settle") {
  const Plan plan = testing::higashi_plan();
  const InvitationAnswers invitation = april_invitation(plan);
  const auto delegated =
      reminder_of(plan, invitation, "participant-accepted-1d", "houkatsu-2@centre.example.jp");
  const auto message =
      render_participant_reminder_message(plan, delegated, Language::japanese, kLinks);
  CHECK(message.subject ==
        "【明日の会議のご案内】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");
  CHECK(message.text ==
        "東区地域包括支援センター 西 三郎 様\n\n"
        "「多機関協働担当を中心とした会議の開催」は2026年4月8日(水) "
        "14:00に開催されます。代理（北 一郎）でのご出席とうかがっています。\n\n" +
            kFacts +
            "機関: 東区地域包括支援センター\n"
            "ご回答: 代理出席（北 一郎）\n" +
            kPageLine);
  CHECK(message.text.find("私的な事情") == std::string::npos);  // the comment stays behind

  const auto chair =
      reminder_of(plan, invitation, "participant-accepted-1d", "takikan@ward.example.jp");
  CHECK(render_participant_reminder_message(plan, chair, Language::japanese, kLinks)
            .text.find("14:00に開催されます。ご出席のご回答をありがとうございます。\n\n") !=
        std::string::npos);

  // No name: the agency's ご担当者様. Tentative: asked to answer once they know.
  const auto tentative =
      reminder_of(plan, invitation, "participant-accepted-1d", "shakyo@shakyo.example.jp");
  CHECK(render_participant_reminder_message(plan, tentative, Language::japanese, kLinks).text ==
        "東区社会福祉協議会 ご担当者様\n\n"
        "「多機関協働担当を中心とした会議の開催」は2026年4月8日(水) "
        "14:00に開催されます。仮のご回答（未定）をいただいています。\n"
        "ご出欠が決まりましたら、招待メールのボタン、または招待メールにある回答用リンクからご回答"
        "ください。\n\n" +
            kFacts +
            "機関: 東区社会福祉協議会\n"
            "ご回答: 未定（仮）\n" +
            kPageLine);
  const auto english =
      render_participant_reminder_message(plan, tentative, Language::english, kLinks);
  CHECK(english.subject == "Tomorrow: 多機関協働担当を中心とした会議の開催 — Wed 8 Apr 2026 14:00");
  CHECK(english.text.starts_with(
      "To 東区社会福祉協議会,\n\n"
      "“多機関協働担当を中心とした会議の開催” is held on Wed 8 Apr 2026 14:00. Your answer is "
      "tentative.\n"
      "Once you know, please answer with the invitation email's buttons or its answer link.\n\n"));

  // Entered on the meeting's day (the server was down): today's, not tomorrow's.
  const auto late = as_entered_on(delegated, sys_days{2026_y / April / 8}, plan.time_zone);
  CHECK(render_participant_reminder_message(plan, late, Language::japanese, kLinks).subject ==
        "【本日の会議のご案内】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");
  ParticipantReminder earlier = delegated;
  earlier.days = days{3};
  CHECK(render_participant_reminder_message(plan, earlier, Language::japanese, kLinks).subject ==
        "【3日後の会議のご案内】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) 14:00");
  CHECK(render_participant_reminder_message(plan, earlier, Language::english, kLinks)
            .subject.starts_with("In 3 days: "));
}

TEST_CASE("the 事務局 hears which required agencies have not answered, by name only") {
  const Plan plan = testing::higashi_plan();
  const auto nudge =
      reminder_of(plan, april_invitation(plan), "participant-nudge-5d", "takikan@ward.example.jp");
  const auto message = render_participant_reminder_message(plan, nudge, Language::japanese, kLinks);
  CHECK(message.subject ==
        "【必須機関の回答待ち 1機関】多機関協働担当を中心とした会議の開催 — 2026年4月8日(水) "
        "14:00");
  CHECK(message.text ==
        "事務局 ご担当者様\n\n"
        "「多機関協働担当を中心とした会議の開催」（2026年4月8日(水) "
        "14:00開催）の招待に、必須の参加機関のうち次の1機関からまだ回答がありません。出欠のご確認"
        "をお願いします。\n"
        "・障害者基幹相談支援センター\n\n" +
            kFacts + kPageLine);
  CHECK(message.html.find("<ul>\n<li>障害者基幹相談支援センター</li>\n</ul>") != std::string::npos);
  const auto english = render_participant_reminder_message(plan, nudge, Language::english, kLinks);
  CHECK(english.subject ==
        "1 required agency yet to answer: 多機関協働担当を中心とした会議の開催 — Wed 8 Apr 2026 "
        "14:00");
  CHECK(english.text.starts_with(
      "To the organisers,\n\n"
      "These required agencies have not yet answered the invitation to “多機関協働担当を中心とした"
      "会議の開催” on Wed 8 Apr 2026 14:00. Please check whether they attend.\n"
      "- 障害者基幹相談支援センター\n\n"));
}

TEST_CASE("a participant reminder escapes the plan's and the answer's text, and keeps one line") {
  const Plan plan = testing::higashi_plan();
  InvitationAnswers invitation = april_invitation(plan);
  invitation.shape.title = "会議 <script>x</script>\r\nBcc: all@example.org";
  invitation.attendees[2].answer->delegate = "北\n一郎 <b>";
  const auto reminder =
      reminder_of(plan, invitation, "participant-accepted-1d", "houkatsu-2@centre.example.jp");
  const auto message =
      render_participant_reminder_message(plan, reminder, Language::japanese, kLinks);
  CHECK(message.subject ==
        "【明日の会議のご案内】会議 <script>x</script> Bcc: all@example.org — 2026年4月8日(水) "
        "14:00");
  CHECK(message.html.find("<script>") == std::string::npos);
  CHECK(message.html.find("<td>代理出席（北 一郎 &lt;b&gt;）</td>") != std::string::npos);
  CHECK(message.text.find("ご回答: 代理出席（北 一郎 <b>）\n") != std::string::npos);
}

TEST_CASE("a participant reminder's webhook body carries the envelope and one recipient") {
  const Plan plan = testing::higashi_plan();
  const auto reminder = reminder_of(plan, april_invitation(plan), "participant-unanswered-7d",
                                    "kikan@kikan.example.jp");
  const auto message =
      render_participant_reminder_message(plan, reminder, Language::japanese, kLinks);
  json payload = json::parse(
      participant_reminder_payload_json(plan, reminder, message, kLinks, Language::japanese));
  CHECK(payload["text"] == message.text);
  CHECK(payload["html"] == message.html);
  payload.erase("text");
  payload.erase("html");
  CHECK(payload == json{{"type", "reminder.participant"},
                        {"id", std::string{kApril} +
                                   "/participant-unanswered-7d/p-c637ab8c455f2195/20260401T0000Z"},
                        {"timestamp", "2026-04-01T09:00:00+09:00"},
                        {"language", "ja"},
                        {"plan",
                         {{"id", "higashi-kyosei"},
                          {"initiative", plan.initiative},
                          {"organisation", "東区役所"}}},
                        {"meeting",
                         {{"occurrence", kApril},
                          {"title", "多機関協働担当を中心とした会議の開催"},
                          {"start", "2026-04-08T14:00:00+09:00"},
                          {"end", "2026-04-08T15:30:00+09:00"},
                          {"place", "東区役所 3階 会議室"}}},
                        {"reminder",
                         {{"rule", "participant-unanswered-7d"},
                          {"kind", "unanswered"},
                          {"days", 7},
                          {"send_at", "2026-04-01T09:00:00+09:00"}}},
                        {"attendee",
                         {{"agency", "障害者基幹相談支援センター"},
                          {"role", "required"},
                          {"answer", "needs-action"}}},
                        {"recipients",
                         json::array({{{"name", "北 四郎"}, {"email", "kikan@kikan.example.jp"}}})},
                        {"subject", message.subject},
                        {"links", {{"meeting", kLinks.meeting}}}});

  const auto nudge =
      reminder_of(plan, april_invitation(plan), "participant-nudge-5d", "takikan@ward.example.jp");
  const json nudge_payload = json::parse(participant_reminder_payload_json(
      plan, nudge, render_participant_reminder_message(plan, nudge, Language::english, kLinks),
      kLinks, Language::english));
  CHECK(nudge_payload["type"] == "reminder.nudge");
  CHECK(nudge_payload["language"] == "en");
  CHECK(nudge_payload["unanswered_agencies"] == json::array({"障害者基幹相談支援センター"}));
  CHECK_FALSE(nudge_payload.contains("attendee"));
  CHECK(nudge_payload["recipients"] ==
        json::array({{{"name", "東 花子"}, {"email", "takikan@ward.example.jp"}}}));
  CHECK(nudge_payload["reminder"]["kind"] == "nudge");
}
