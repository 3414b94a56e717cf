// Reminders to a meeting's participants: who gets which, when, under which id, and what an answer,
// a drop or a cancellation takes away. The Higashi plan's April meeting (Wed 8 April 2026, 14:00)
// with an invitation sent to six people of five agencies.

#include "engine/reminders/participant_reminders.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/calendar/time_text.hpp"
#include "engine/reminders/participant_reminder_message.hpp"
#include "tests/engine/test_plans.hpp"

using namespace date;
using namespace torikumi;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

constexpr const char* kApril = "higashi-kyosei/multi-agency-meeting/2026-04";

const sys_seconds kStart = sys_days{2026_y / April / 8} + hours{5};  // 14:00 JST
const sys_seconds kEnd = kStart + minutes{90};

MeetingShape april_shape() {
  return MeetingShape{.title = "多機関協働担当を中心とした会議の開催",
                      .start = kStart,
                      .end = kEnd,
                      .place = "東区役所 3階 会議室",
                      .cancelled = false};
}

InvitedPerson person(std::string email, std::string name, std::string agency,
                     ParticipantRole role) {
  return {.email = std::move(email),
          .name = std::move(name),
          .agency = std::move(agency),
          .role = role};
}

Answer answered(AnswerState state, std::string delegate = {}) {
  return Answer{.state = state,
                .comment = "都合により",
                .delegate = std::move(delegate),
                .channel = AnswerChannel::link,
                .sequence = 0,
                .stamp = std::nullopt,
                .received_at = sys_days{2026_y / March / 20}};
}

AttendeeAnswer attendee(InvitedPerson who, std::optional<Answer> answer, bool invited = true) {
  return {.person = std::move(who), .invited = invited, .answer = std::move(answer)};
}

const InvitedPerson kChair =
    person("takikan@ward.example.jp", "東 花子", "多機関協働担当", ParticipantRole::chair);
const InvitedPerson kCentre = person("houkatsu@centre.example.jp", "西 次郎",
                                     "東区地域包括支援センター", ParticipantRole::required);
const InvitedPerson kCentreDeputy = person("houkatsu-2@centre.example.jp", "西 三郎",
                                           "東区地域包括支援センター", ParticipantRole::required);
const InvitedPerson kKikan = person("kikan@kikan.example.jp", "北 四郎",
                                    "障害者基幹相談支援センター", ParticipantRole::required);
const InvitedPerson kKikanGone = person("gone@kikan.example.jp", "北 五郎",
                                        "障害者基幹相談支援センター", ParticipantRole::required);
const InvitedPerson kKodomo =
    person("kodomo@ward.example.jp", "南 六子", "こども家庭センター", ParticipantRole::required);
const InvitedPerson kShakyo =
    person("shakyo@shakyo.example.jp", "東 七海", "東区社会福祉協議会", ParticipantRole::optional);

// The April invitation: the chair has not answered; the centre accepted, its deputy sends a 代理;
// 基幹 answered needs-action and its other member, who accepted, was dropped since; こども家庭
// センター declined; 社協 (optional) is tentative.
InvitationAnswers april_invitation() {
  return {.occurrence = kApril,
          .shape = april_shape(),
          .attendees = {attendee(kChair, std::nullopt),
                        attendee(kCentre, answered(AnswerState::accepted)),
                        attendee(kKikan, answered(AnswerState::needs_action)),
                        attendee(kKikanGone, answered(AnswerState::accepted), false),
                        attendee(kKodomo, answered(AnswerState::declined)),
                        attendee(kShakyo, answered(AnswerState::tentative)),
                        attendee(kCentreDeputy, answered(AnswerState::delegated, "北 一郎"))}};
}

Directory everyone() {
  Directory directory;
  directory.unlisted = DirectoryEntry{{{"担当者", "owner@example.org"}}, {}};
  return directory;
}

std::vector<ParticipantReminder> plan_for(const std::vector<InvitationAnswers>& invitations,
                                          const RecordedState& state = {},
                                          const ReminderRules& rules = {}) {
  static const Plan plan = testing::higashi_plan();
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  return plan_participant_reminders(plan, *expansion, state, rules, everyone(), invitations);
}

// Each reminder as "RULE SEND_AT → recipients".
std::multiset<std::string> lines_of(const std::vector<ParticipantReminder>& reminders) {
  std::multiset<std::string> lines;
  for (const ParticipantReminder& reminder : reminders) {
    std::string line =
        reminder.rule + " " + format_rfc3339(reminder.send_at, PlanZone::asia_tokyo()) + " →";
    for (const Recipient& recipient : reminder.recipients) line += " " + recipient.email;
    lines.insert(line);
  }
  return lines;
}

const ParticipantReminder& with_rule(const std::vector<ParticipantReminder>& reminders,
                                     const std::string& rule, const std::string& email) {
  const auto found = std::find_if(reminders.begin(), reminders.end(), [&](const auto& reminder) {
    return reminder.rule == rule && reminder.recipients.front().email == email;
  });
  REQUIRE(found != reminders.end());
  return *found;
}

}  // namespace

TEST_CASE(
    "who has not answered hears 7 days before, who is coming 1 day before, and the chair of the "
    "required agencies yet to answer 5 days before") {
  const auto reminders = plan_for({april_invitation()});
  // Not the declined, not the dropped one.
  CHECK(lines_of(reminders) ==
        std::multiset<std::string>{
            "participant-unanswered-7d 2026-04-01T09:00:00+09:00 → takikan@ward.example.jp",
            "participant-unanswered-7d 2026-04-01T09:00:00+09:00 → kikan@kikan.example.jp",
            "participant-nudge-5d 2026-04-03T09:00:00+09:00 → takikan@ward.example.jp",
            "participant-accepted-1d 2026-04-07T09:00:00+09:00 → houkatsu@centre.example.jp",
            "participant-accepted-1d 2026-04-07T09:00:00+09:00 → shakyo@shakyo.example.jp",
            "participant-accepted-1d 2026-04-07T09:00:00+09:00 → houkatsu-2@centre.example.jp",
        });
  // By send instant, then id.
  CHECK(std::is_sorted(reminders.begin(), reminders.end(), [](const auto& a, const auto& b) {
    return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
  }));

  const ParticipantReminder& kikan =
      with_rule(reminders, "participant-unanswered-7d", "kikan@kikan.example.jp");
  CHECK(kikan.id ==
        std::string{kApril} + "/participant-unanswered-7d/p-c637ab8c455f2195/20260401T0000Z");
  CHECK(kikan.kind == ParticipantReminderKind::unanswered);
  CHECK(kikan.days == days{7});
  CHECK(kikan.anchor_day == sys_days{2026_y / April / 8});
  CHECK(kikan.expires_at == kStart);  // the only lead: worth sending until the meeting begins
  CHECK(kikan.meeting == april_shape());
  CHECK(kikan.owner == "多機関協働担当");
  CHECK(kikan.recipients == std::vector<Recipient>{{"北 四郎", "kikan@kikan.example.jp"}});
  REQUIRE(kikan.attendee);
  CHECK(kikan.attendee->person == kKikan);

  const ParticipantReminder& centre =
      with_rule(reminders, "participant-accepted-1d", "houkatsu@centre.example.jp");
  CHECK(centre.id ==
        std::string{kApril} + "/participant-accepted-1d/p-f4e3c347e64d1e8c/20260407T0000Z");
  CHECK(centre.kind == ParticipantReminderKind::accepted);

  // 基幹's only attendee with an answer was dropped; こども家庭センター declined, which is an
  // answer; the centre's two both answered.
  const ParticipantReminder& nudge =
      with_rule(reminders, "participant-nudge-5d", "takikan@ward.example.jp");
  CHECK(nudge.id == std::string{kApril} + "/participant-nudge-5d/20260403T0000Z");
  CHECK(nudge.kind == ParticipantReminderKind::nudge);
  CHECK(nudge.unanswered_agencies == std::vector<std::string>{"障害者基幹相談支援センター"});
  CHECK(nudge.recipients == std::vector<Recipient>{{"東 花子", "takikan@ward.example.jp"}});
  CHECK_FALSE(nudge.attendee);
}

TEST_CASE("each answer state gets its reminder, or none") {
  struct Case {
    std::optional<AnswerState> state;  // none: no answer
    bool invited;
    std::vector<std::string> rules;
  };
  for (const Case& c : {
           Case{std::nullopt, true, {"participant-unanswered-7d"}},
           Case{AnswerState::needs_action, true, {"participant-unanswered-7d"}},
           Case{AnswerState::accepted, true, {"participant-accepted-1d"}},
           Case{AnswerState::tentative, true, {"participant-accepted-1d"}},
           Case{AnswerState::delegated, true, {"participant-accepted-1d"}},
           Case{AnswerState::declined, true, {}},
           Case{std::nullopt, false, {}},
           Case{AnswerState::accepted, false, {}},
       }) {
    const std::string state = c.state ? std::string{to_string(*c.state)} : "no answer";
    CAPTURE(state);
    CAPTURE(c.invited);
    // An optional agency's person: no nudge either way.
    const InvitationAnswers invitation{
        .occurrence = kApril,
        .shape = april_shape(),
        .attendees = {attendee(kShakyo, c.state ? std::optional{answered(*c.state)} : std::nullopt,
                               c.invited)}};
    std::vector<std::string> rules;
    for (const auto& reminder : plan_for({invitation})) rules.push_back(reminder.rule);
    CHECK(rules == c.rules);
  }
}

TEST_CASE("an answer that comes takes the unanswered reminder and the nudge away") {
  const auto before = plan_for({april_invitation()});
  InvitationAnswers invitation = april_invitation();
  invitation.attendees[2].answer = answered(AnswerState::accepted);  // 基幹 accepts
  const auto after = plan_for({invitation});
  std::set<std::string> before_ids;
  std::set<std::string> after_ids;
  for (const auto& reminder : before) before_ids.insert(reminder.id);
  for (const auto& reminder : after) after_ids.insert(reminder.id);
  std::vector<std::string> gone;
  std::vector<std::string> came;
  std::set_difference(before_ids.begin(), before_ids.end(), after_ids.begin(), after_ids.end(),
                      std::back_inserter(gone));
  std::set_difference(after_ids.begin(), after_ids.end(), before_ids.begin(), before_ids.end(),
                      std::back_inserter(came));
  // What the outbox's reconcile then withdraws, if not yet sent, and what it may enter.
  CHECK(gone ==
        std::vector<std::string>{
            std::string{kApril} + "/participant-nudge-5d/20260403T0000Z",
            std::string{kApril} + "/participant-unanswered-7d/p-c637ab8c455f2195/20260401T0000Z"});
  CHECK(came ==
        std::vector<std::string>{std::string{kApril} +
                                 "/participant-accepted-1d/p-c637ab8c455f2195/20260407T0000Z"});
}

TEST_CASE("the nudge lists every required agency yet to answer, in the order first invited") {
  InvitationAnswers invitation = april_invitation();
  invitation.attendees[1].answer = std::nullopt;                         // the centre's first
  invitation.attendees[6].answer = answered(AnswerState::needs_action);  // and its deputy
  invitation.attendees[4].answer = std::nullopt;  // こども家庭センター
  invitation.attendees[5].answer = std::nullopt;  // optional: not listed
  const auto reminders = plan_for({invitation});
  const auto& nudge = with_rule(reminders, "participant-nudge-5d", "takikan@ward.example.jp");
  CHECK(nudge.unanswered_agencies == std::vector<std::string>{"東区地域包括支援センター",
                                                              "障害者基幹相談支援センター",
                                                              "こども家庭センター"});
}

TEST_CASE("with no chair among the attendees the nudge goes to the owner's recipients") {
  InvitationAnswers invitation = april_invitation();
  invitation.attendees.erase(invitation.attendees.begin());  // the chair
  const auto reminders = plan_for({invitation});
  const auto& nudge = with_rule(reminders, "participant-nudge-5d", "owner@example.org");
  CHECK(nudge.recipients == std::vector<Recipient>{{"担当者", "owner@example.org"}});
  // A chair dropped since is no chair either.
  InvitationAnswers dropped = april_invitation();
  dropped.attendees[0].invited = false;
  CHECK(with_rule(plan_for({dropped}), "participant-nudge-5d", "owner@example.org").recipients ==
        std::vector<Recipient>{{"担当者", "owner@example.org"}});
  // Nobody in the directory either: no nudge (plan_reminders warns of the owner).
  const Plan plan = testing::higashi_plan();
  const auto expansion = expand_plan(plan, year{2026});
  REQUIRE(expansion.ok());
  const auto alone = plan_participant_reminders(plan, *expansion, {}, ReminderRules{}, Directory{},
                                                {&invitation, 1});
  CHECK(std::none_of(alone.begin(), alone.end(), [](const auto& reminder) {
    return reminder.kind == ParticipantReminderKind::nudge;
  }));
  CHECK(alone.size() == 4);  // 基幹's unanswered one, and three coming
}

TEST_CASE("a cancelled, done or unknown meeting occurrence gets no participant reminders") {
  InvitationAnswers cancelled = april_invitation();
  cancelled.shape.cancelled = true;
  CHECK(plan_for({cancelled}).empty());
  for (const OccurrenceStatus status :
       {OccurrenceStatus::done, OccurrenceStatus::skipped, OccurrenceStatus::cancelled}) {
    OccurrenceRecord record;
    record.status = status;
    RecordedState state;
    state.occurrences[kApril] = record;
    CHECK(plan_for({april_invitation()}, state).empty());
  }
  InvitationAnswers elsewhere = april_invitation();
  elsewhere.occurrence = "higashi-kyosei/multi-agency-meeting/2027-04";  // not in FY2026
  CHECK(plan_for({elsewhere}).empty());
  InvitationAnswers not_meeting = april_invitation();
  not_meeting.occurrence = "higashi-kyosei/platform-setup/fy2026";  // a deliverable
  CHECK(plan_for({not_meeting}).empty());
}

TEST_CASE("participant lead times come from the rules, each worth sending until the next") {
  ReminderRules rules;
  rules.participants = ParticipantReminderRule{
      .unanswered_before = {days{3}, days{10}}, .accepted_before = {}, .nudge_before = {days{6}}};
  const auto reminders = plan_for({april_invitation()}, {}, rules);
  CHECK(lines_of(reminders) ==
        std::multiset<std::string>{
            "participant-unanswered-10d 2026-03-27T09:00:00+09:00 → takikan@ward.example.jp",
            "participant-unanswered-10d 2026-03-27T09:00:00+09:00 → kikan@kikan.example.jp",
            "participant-nudge-6d 2026-04-02T09:00:00+09:00 → takikan@ward.example.jp",
            "participant-unanswered-3d 2026-04-03T09:00:00+09:00 → takikan@ward.example.jp",
            "participant-unanswered-3d 2026-04-03T09:00:00+09:00 → kikan@kikan.example.jp",
        });
  const auto& ten = with_rule(reminders, "participant-unanswered-10d", "kikan@kikan.example.jp");
  CHECK(ten.expires_at == sys_seconds{sys_days{2026_y / April / 3}});  // the 3-day one's 09:00
  // 29 March (10 days before the 8 April meeting) is a Sunday: the Friday before.
  CHECK(ten.anchor_day == sys_days{2026_y / April / 8});
}

TEST_CASE("a participant reminder entered late counts its lead from the day it is entered") {
  const auto reminders = plan_for({april_invitation()});
  const auto& chair = with_rule(reminders, "participant-unanswered-7d", "takikan@ward.example.jp");
  const PlanZone tokyo = PlanZone::asia_tokyo();
  CHECK(as_entered_on(chair, sys_days{2026_y / April / 1}, tokyo) == chair);
  const ParticipantReminder late = as_entered_on(chair, sys_days{2026_y / April / 7}, tokyo);
  CHECK(late.days == days{1});
  CHECK(late.id == chair.id);
  CHECK(as_entered_on(chair, sys_days{2026_y / April / 9}, tokyo).days == days{0});
}

TEST_CASE("an open action reminds its owning agency before its due day, never saying what it is") {
  const auto action = [](std::int64_t id, std::string owner, std::optional<sys_seconds> done_at) {
    return MeetingAction{.id = id,
                         .occurrence = kApril,
                         .what = "山田太郎さん（仮名）の件で関係機関に照会する",
                         .owner = std::move(owner),
                         .due = sys_days{2026_y / May / 29},  // a Friday
                         .done_at = done_at};
  };
  RecordedState state;
  state.actions = {action(3, "東区地域包括支援センター", std::nullopt),
                   action(4, "こども家庭センター", sys_days{2026_y / May / 1}),
                   action(5, "堺市社会福祉協議会東区事務所", std::nullopt)};
  const auto reminders = plan_for({april_invitation()}, state);
  std::vector<ParticipantReminder> actions;
  std::copy_if(
      reminders.begin(), reminders.end(), std::back_inserter(actions),
      [](const auto& reminder) { return reminder.kind == ParticipantReminderKind::action; });
  // The centre's two attendees in one message; the done one none; an agency not invited: the
  // meeting owner's recipients, who pass it on.
  CHECK(lines_of(actions) ==
        std::multiset<std::string>{
            "participant-action-3d 2026-05-26T09:00:00+09:00 → houkatsu@centre.example.jp "
            "houkatsu-2@centre.example.jp",
            "participant-action-0d 2026-05-29T09:00:00+09:00 → houkatsu@centre.example.jp "
            "houkatsu-2@centre.example.jp",
            "participant-action-3d 2026-05-26T09:00:00+09:00 → owner@example.org",
            "participant-action-0d 2026-05-29T09:00:00+09:00 → owner@example.org",
        });
  const ParticipantReminder& first =
      with_rule(actions, "participant-action-3d", "houkatsu@centre.example.jp");
  CHECK(first.id == std::string{kApril} + "/participant-action-3d/a-3/20260526T0000Z");
  CHECK(first.anchor_day == sys_days{2026_y / May / 29});
  CHECK(first.expires_at == sys_days{2026_y / May / 29});  // the next lead's send, 09:00 JST
  // The last is worth sending until its due day ends in the plan's zone.
  CHECK(with_rule(actions, "participant-action-0d", "houkatsu@centre.example.jp").expires_at ==
        sys_days{2026_y / May / 29} + hours{15});
  CHECK(first.action == RemindedAction{.id = 3,
                                       .owner = "東区地域包括支援センター",
                                       .due = sys_days{2026_y / May / 29}});

  // Without an invitation: the meeting as the plan has it, to the owner's recipients.
  const auto uninvited = plan_for({}, state);
  REQUIRE(uninvited.size() == 4);
  CHECK(uninvited.front().meeting.title == "多機関協働担当を中心とした会議の開催");
  CHECK(uninvited.front().recipients.front().email == "owner@example.org");
}

TEST_CASE("an action reminder's words name the meeting, the owner and the due day only") {
  RecordedState state;
  state.actions = {MeetingAction{.id = 3,
                                 .occurrence = kApril,
                                 .what = "山田太郎さん（仮名）の件で関係機関に照会する",
                                 .owner = "東区地域包括支援センター",
                                 .due = sys_days{2026_y / May / 29}}};
  const auto reminders = plan_for({april_invitation()}, state);
  const ParticipantReminder& reminder =
      with_rule(reminders, "participant-action-3d", "houkatsu@centre.example.jp");
  const Plan plan = testing::higashi_plan();
  const auto japanese = participant_reminder_wording(plan, reminder, Language::japanese);
  CHECK(japanese.subject ==
        "【宿題の期限 3日前】多機関協働担当を中心とした会議の開催の宿題 — 期限 2026年5月29日(金)");
  CHECK(japanese.greeting == "東区地域包括支援センター ご担当者様");
  const std::string text =
      participant_reminder_text(japanese, {.meeting = "https://torikumi.example.jp/meetings/x"});
  CHECK(text.find("宿題の期限: 2026年5月29日(金)") != std::string::npos);
  CHECK(text.find("サインインが必要") != std::string::npos);
  CHECK(text.find("山田") == std::string::npos);
  CHECK(text.find("照会") == std::string::npos);
  const auto english = participant_reminder_wording(plan, reminder, Language::english);
  CHECK(english.subject.starts_with("Action due in 3 days: "));
}
