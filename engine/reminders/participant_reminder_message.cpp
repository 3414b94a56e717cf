#include "engine/reminders/participant_reminder_message.hpp"

#include "engine/reminders/reminder_message.hpp"

namespace torikumi {

namespace {

class ParticipantWriter {
 public:
  ParticipantWriter(const Plan& plan, const ParticipantReminder& reminder, Language language)
      : reminder_(reminder), language_(language), zone_(plan.time_zone) {}

  bool english() const { return language_ == Language::english; }
  const char* words(const char* japanese, const char* english_text) const {
    return english() ? english_text : japanese;
  }
  std::string when() const { return reminder_when_text(reminder_.meeting.start, zone_, language_); }
  std::string title() const {
    const std::string& text = reminder_.meeting.title;
    return english() ? "“" + text + "”" : "「" + text + "」";
  }
  AnswerState state() const {
    const auto& attendee = reminder_.attendee;
    return attendee && attendee->answer ? attendee->answer->state : AnswerState::needs_action;
  }
  std::string delegate() const {
    const auto& attendee = reminder_.attendee;
    return attendee && attendee->answer ? single_line(attendee->answer->delegate) : "";
  }

  std::string subject() const {
    const ParticipantReminder& r = reminder_;
    const std::string count = std::to_string(r.days.count());
    std::string tag;
    switch (r.kind) {
      case ParticipantReminderKind::unanswered:
        tag = words("【ご回答のお願い】", "Please answer: ");
        break;
      case ParticipantReminderKind::accepted:
        tag = r.days.count() == 0   ? words("【本日の会議のご案内】", "Today: ")
              : r.days.count() == 1 ? words("【明日の会議のご案内】", "Tomorrow: ")
              : english()           ? "In " + count + " days: "
                                    : "【" + count + "日後の会議のご案内】";
        break;
      case ParticipantReminderKind::action: {
        const std::string due = reminder_day_text(r.action->due, language_);
        tag = r.days.count() == 0 ? words("【宿題の期限 本日】", "Action due today: ")
              : english() ? "Action due in " + count + (r.days.count() == 1 ? " day: " : " days: ")
                          : "【宿題の期限 " + count + "日前】";
        return single_line(tag + r.meeting.title + words("の宿題 — 期限 ", " — due ") + due);
      }
      case ParticipantReminderKind::nudge: {
        const std::size_t agencies = r.unanswered_agencies.size();
        tag = english() ? std::to_string(agencies) +
                              (agencies == 1 ? " required agency" : " required agencies") +
                              " yet to answer: "
                        : "【必須機関の回答待ち " + std::to_string(agencies) + "機関】";
        break;
      }
    }
    return single_line(tag + r.meeting.title + " — " + when());
  }

  std::string greeting() const {
    if (reminder_.kind == ParticipantReminderKind::nudge)
      return words("事務局 ご担当者様", "To the organisers,");
    if (reminder_.kind == ParticipantReminderKind::action) {
      const std::string agency = single_line(reminder_.action->owner);
      return english() ? "To " + agency + "," : agency + " ご担当者様";
    }
    const InvitedPerson& person = reminder_.attendee->person;
    const std::string name = single_line(person.name);
    const std::string agency = single_line(person.agency);
    if (english()) {
      if (name.empty()) return "To " + agency + ",";
      return "To " + name + (agency.empty() ? "" : " (" + agency + ")") + ",";
    }
    if (name.empty()) return agency + " ご担当者様";
    return (agency.empty() ? "" : agency + " ") + name + " 様";
  }

  std::string sentence() const {
    switch (reminder_.kind) {
      case ParticipantReminderKind::unanswered:
        return english()
                   ? "We have not yet had your answer to the invitation to " + title() + " on " +
                         when() + "."
                   : title() + "（" + when() + "開催）へのご出欠のご回答をまだいただいていません。";
      case ParticipantReminderKind::accepted: {
        std::string text = english() ? title() + " is held on " + when() + "."
                                     : title() + "は" + when() + "に開催されます。";
        const std::string proxy = delegate();
        switch (state()) {
          case AnswerState::tentative:
            text += words("仮のご回答（未定）をいただいています。", " Your answer is tentative.");
            break;
          case AnswerState::delegated:
            if (english())
              text += proxy.empty() ? " We understand someone attends in your place."
                                    : " We understand " + proxy + " attends in your place.";
            else
              text += proxy.empty() ? "代理の方がご出席とうかがっています。"
                                    : "代理（" + proxy + "）でのご出席とうかがっています。";
            break;
          default:
            text += words("ご出席のご回答をありがとうございます。",
                          " Thank you for answering that you attend.");
            break;
        }
        return text;
      }
      case ParticipantReminderKind::action: {
        const std::string due = reminder_day_text(reminder_.action->due, language_);
        return english() ? "An action of your agency from " + title() + " is due on " + due +
                               ". What it is, and marking it done, are on the meeting's page "
                               "(sign-in needed)."
                         : title() + "で貴機関が担当となった宿題の期限（" + due +
                               "）が近づいています。内容の確認と完了の記録は、会議のページで"
                               "お願いします（サインインが必要です）。";
      }
      case ParticipantReminderKind::nudge: {
        const std::string count = std::to_string(reminder_.unanswered_agencies.size());
        return english() ? "These required agencies have not yet answered the invitation to " +
                               title() + " on " + when() + ". Please check whether they attend."
                         : title() + "（" + when() + "開催）の招待に、必須の参加機関のうち次の" +
                               count + "機関からまだ回答がありません。出欠のご確認をお願いします。";
      }
    }
    return {};
  }

  std::string request() const {
    if (reminder_.kind == ParticipantReminderKind::unanswered)
      return words("招待メールのボタン、または招待メールにある回答用リンクからご回答ください。",
                   "Please answer with the invitation email's buttons or its answer link.");
    if (reminder_.kind == ParticipantReminderKind::accepted && state() == AnswerState::tentative)
      return words(
          "ご出欠が決まりましたら、招待メールのボタン、または招待メールにある回答用リンクからご回答"
          "ください。",
          "Once you know, please answer with the invitation email's buttons or its answer link.");
    return {};
  }

  std::string answer_text() const {
    switch (state()) {
      case AnswerState::needs_action:
        return words("未回答", "not yet answered");
      case AnswerState::accepted:
        return words("出席", "attending");
      case AnswerState::declined:
        return words("欠席", "not attending");
      case AnswerState::tentative:
        return words("未定（仮）", "tentative");
      case AnswerState::delegated: {
        const std::string proxy = delegate();
        if (proxy.empty()) return words("代理出席", "attending by proxy");
        return english() ? "attending by proxy (" + proxy + ")" : "代理出席（" + proxy + "）";
      }
    }
    return {};
  }

  std::vector<std::pair<std::string, std::string>> facts() const {
    const MeetingShape& meeting = reminder_.meeting;
    std::vector<std::pair<std::string, std::string>> lines;
    lines.emplace_back(words("会議", "Meeting"), single_line(meeting.title));
    std::string time = when();
    if (meeting.end > meeting.start) time += "–" + reminder_time_text(meeting.end, zone_);
    lines.emplace_back(words("日時", "When"), time);
    if (!meeting.place.empty())
      lines.emplace_back(words("場所", "Place"), single_line(meeting.place));
    if (reminder_.kind == ParticipantReminderKind::action) {
      lines.emplace_back(words("担当機関", "Owning agency"), single_line(reminder_.action->owner));
      lines.emplace_back(words("宿題の期限", "Due"),
                         reminder_day_text(reminder_.action->due, language_));
      return lines;
    }
    if (reminder_.kind == ParticipantReminderKind::nudge) return lines;
    const std::string agency = single_line(reminder_.attendee->person.agency);
    if (!agency.empty()) lines.emplace_back(words("機関", "Agency"), agency);
    lines.emplace_back(words("ご回答", "Your answer"), answer_text());
    return lines;
  }

  std::vector<std::string> agencies() const {
    std::vector<std::string> lines;
    for (const std::string& agency : reminder_.unanswered_agencies)
      lines.push_back(single_line(agency));
    return lines;
  }

 private:
  const ParticipantReminder& reminder_;
  Language language_;
  const PlanZone& zone_;
};

}  // namespace

ParticipantReminderWording participant_reminder_wording(const Plan& plan,
                                                        const ParticipantReminder& reminder,
                                                        Language language) {
  const ParticipantWriter writer{plan, reminder, language};
  return {.language = language,
          .subject = writer.subject(),
          .greeting = writer.greeting(),
          .sentence = writer.sentence(),
          .request = writer.request(),
          .facts = writer.facts(),
          .agencies = writer.agencies(),
          .meeting_label = writer.words("会議のページ", "Meeting page")};
}

std::string participant_reminder_text(const ParticipantReminderWording& wording,
                                      const ParticipantReminderLinks& links) {
  std::string text = wording.greeting + "\n\n" + wording.sentence + "\n";
  if (!wording.request.empty()) text += wording.request + "\n";
  const char* bullet = wording.language == Language::english ? "- " : "・";
  for (const std::string& agency : wording.agencies) text += bullet + agency + "\n";
  text += "\n";
  for (const auto& [label, value] : wording.facts) text += label + ": " + value + "\n";
  text += "\n" + wording.meeting_label + ": " + links.meeting + "\n";
  return text;
}

}  // namespace torikumi
