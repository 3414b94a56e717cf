#include "engine/reminders/overdue_summary_message.hpp"

namespace torikumi {

namespace {

class SummaryWriter {
 public:
  SummaryWriter(const Plan& plan, const OverdueSummary& summary, Language language)
      : plan_(plan), summary_(summary), english_(language == Language::english) {}

  const char* words(const char* japanese, const char* english) const {
    return english_ ? english : japanese;
  }

  std::string count(std::size_t n, const char* noun) const {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  }

  std::string subject() const {
    const std::string sender =
        plan_.organisation.name.empty() ? plan_.initiative : plan_.organisation.name;
    const std::size_t n = summary_.items.size();
    return single_line(english_ ? "[" + sender + "] A summary of " + count(n, "overdue item")
                                : "【" + sender + "】取組の期限超過 " + std::to_string(n) +
                                      "件のまとめ");
  }

  std::string greeting() const {
    const std::string owner = summary_.owner.empty() ? plan_.organisation.name : summary_.owner;
    return english_ ? "To " + owner + "," : owner + " ご担当者様";
  }

  std::string sentence() const {
    const std::size_t n = summary_.items.size();
    std::string text =
        english_ ? "This plan came into torikumi in the middle of its fiscal year. The " +
                       count(n, "item") + " below " + (n == 1 ? "is" : "are") + " past " +
                       (n == 1 ? "its due day" : "their due days") +
                       ": this one summary tells of " + (n == 1 ? "it" : "them") +
                       " in place of a reminder each. Please record each once done."
                 : "この取組は年度の途中から torikumi に取り込まれました。期限を過ぎている次の " +
                       std::to_string(n) +
                       " 件は、1件ずつのリマインダーに代えて、このまとめでお知らせします。"
                       "完了したものは記録してください。";
    if (summary_.escalated)
      text +=
          words("期限を大きく過ぎている項目があるため、エスカレーション先にもお知らせしています。",
                " As some are long overdue, the escalation list hears of them too.");
    return text;
  }

  std::vector<std::pair<std::string, std::string>> facts() const {
    std::vector<std::pair<std::string, std::string>> lines;
    std::string initiative = plan_.initiative;
    if (!plan_.organisation.name.empty())
      initiative += words("（", " (") + plan_.organisation.name + words("）", ")");
    lines.emplace_back(words("取組", "Initiative"), initiative);
    if (!summary_.owner.empty()) lines.emplace_back(words("担当", "Owner"), summary_.owner);
    return lines;
  }

  // 多機関協働担当を中心とした会議の開催（中期の進捗の記入） — 期限 2026年11月30日(月)、7日超過
  std::string item(const OverdueItem& item) const {
    std::string text = item.title;
    if (!item.period.empty())
      text += english_ ? " (progress note for " + item.period + ")"
                       : "（" + item.period + "の進捗の記入）";
    const long long days = item.overdue.count();
    text += english_ ? " — due " + reminder_day_text(item.due, Language::english) + ", " +
                           std::to_string(days) + (days == 1 ? " day" : " days") + " overdue"
                     : " — 期限 " + reminder_day_text(item.due, Language::japanese) + "、" +
                           std::to_string(days) + "日超過";
    return text;
  }

 private:
  const Plan& plan_;
  const OverdueSummary& summary_;
  bool english_;
};

}  // namespace

OverdueSummaryWording overdue_summary_wording(const Plan& plan, const OverdueSummary& summary,
                                              Language language) {
  const SummaryWriter writer{plan, summary, language};
  std::vector<std::string> items;
  for (const OverdueItem& item : summary.items) items.push_back(writer.item(item));
  return {.language = language,
          .subject = writer.subject(),
          .greeting = writer.greeting(),
          .sentence = writer.sentence(),
          .facts = writer.facts(),
          .items = std::move(items),
          .overdue_label = writer.words("期限超過の一覧", "Overdue items"),
          .dashboard_label = writer.words("ダッシュボード", "Dashboard"),
          .feed_label = writer.words("カレンダー", "Calendar")};
}

std::string overdue_summary_text(const OverdueSummaryWording& wording,
                                 const OverdueSummaryLinks& links) {
  std::string text = wording.greeting + "\n\n" + wording.sentence + "\n\n";
  for (const auto& [label, value] : wording.facts) text += label + ": " + value + "\n";
  text += "\n";
  const char* bullet = wording.language == Language::english ? "- " : "・";
  for (const std::string& item : wording.items) text += bullet + item + "\n";
  text += "\n" + wording.overdue_label + ": " + links.overdue + "\n";
  text += wording.dashboard_label + ": " + links.plan.dashboard + "\n";
  text += wording.feed_label + ": " + links.plan.feed + "\n";
  return text;
}

}  // namespace torikumi
