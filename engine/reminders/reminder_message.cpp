#include "engine/reminders/reminder_message.hpp"

#include <date/tz.h>

#include <array>
#include <cstdio>
#include <string_view>

namespace torikumi {

namespace {

constexpr std::array<const char*, 7> kJapaneseWeekdays{"日", "月", "火", "水", "木", "金", "土"};
constexpr std::array<const char*, 7> kEnglishWeekdays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kEnglishMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string reminder_day_text(date::sys_days day, Language language) {
  const date::year_month_day ymd{day};
  const unsigned weekday = date::weekday{day}.c_encoding();
  char text[64];
  if (language == Language::japanese)
    std::snprintf(text, sizeof text, "%d年%u月%u日(%s)", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  kJapaneseWeekdays[weekday]);
  else
    std::snprintf(text, sizeof text, "%s %u %s %d", kEnglishWeekdays[weekday],
                  static_cast<unsigned>(ymd.day()),
                  kEnglishMonths[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()));
  return text;
}

std::string reminder_time_text(date::sys_seconds instant, const PlanZone& zone) {
  const auto local = zone.to_local(instant);
  const date::hh_mm_ss time{local - date::floor<date::days>(local)};
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return text;
}

std::string reminder_when_text(date::sys_seconds instant, const PlanZone& zone, Language language) {
  const auto local = zone.to_local(instant);
  const date::sys_days day{date::floor<date::days>(local).time_since_epoch()};
  return reminder_day_text(day, language) + " " + reminder_time_text(instant, zone);
}

namespace {

// True for a byte of an ASCII control character (C0, and DEL).
bool is_control(unsigned char byte) { return byte < 0x20 || byte == 0x7f; }

}  // namespace

std::string single_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  bool in_run = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // U+0080 to U+009F is C2 80 to C2 9F in UTF-8.
    const bool c1 = byte == 0xc2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (is_control(byte) || c1) {
      if (!in_run) line += ' ';
      in_run = true;
      if (c1) ++i;
      continue;
    }
    in_run = false;
    line += text[i];
  }
  return line;
}

namespace {

class Writer {
 public:
  Writer(const Plan& plan, const Reminder& reminder, Language language)
      : plan_(plan), reminder_(reminder), language_(language), zone_(plan.time_zone) {}

  const char* words(const char* japanese, const char* english) const {
    return language_ == Language::english ? english : japanese;
  }

  std::string time_of_day(date::sys_seconds instant) const {
    return reminder_time_text(instant, zone_);
  }
  std::string when(date::sys_seconds instant) const {
    return reminder_when_text(instant, zone_, language_);
  }
  std::string day(date::sys_days value) const { return reminder_day_text(value, language_); }
  std::string quoted(const std::string& text) const {
    return language_ == Language::english ? "“" + text + "”" : "「" + text + "」";
  }
  std::string days(date::days count) const { return std::to_string(count.count()); }

  std::string subject() const {
    const Reminder& r = reminder_;
    const bool english = language_ == Language::english;
    std::string tag;
    std::string tail;
    switch (r.kind) {
      case ReminderKind::before_meeting:
        tag = r.days.count() == 0 ? words("【本日】", "Today: ")
              : r.days.count() == 1
                  ? words("【明日】", "Tomorrow: ")
                  : (english ? "In " + days(r.days) + " days: " : "【" + days(r.days) + "日前】");
        tail = r.scheduled_start ? when(*r.scheduled_start) : day(r.anchor_day);
        break;
      case ReminderKind::before_deadline:
        tag = r.days.count() == 0 ? words("【本日期限】", "Due today: ")
                                  : (english ? "Due in " + days(r.days) + " days: "
                                             : "【期限まで" + days(r.days) + "日】");
        tail = words("期限 ", "due ") + day(r.anchor_day);
        break;
      case ReminderKind::before_period_end:
        tag = words("【進捗の記入】", "Progress note: ");
        tail = r.period + words(" ", ", by ") + day(r.anchor_day) + words("まで", "");
        break;
      case ReminderKind::overdue:
        tag = english ? "Overdue by " + days(r.days) + " days: "
                      : "【期限超過" + days(r.days) + "日】";
        tail = words("期限 ", "due ") + day(r.anchor_day);
        break;
    }
    return single_line(tag + r.title + " — " + tail);
  }

  std::string sentence() const {
    const Reminder& r = reminder_;
    const bool english = language_ == Language::english;
    const std::string title = quoted(r.title);
    switch (r.kind) {
      case ReminderKind::before_meeting:
        if (r.scheduled_start)
          return english ? title + " is held on " + when(*r.scheduled_start) + "."
                         : title + "は" + when(*r.scheduled_start) + "に開催されます。";
        return english ? title + " is held in the month from " + day(r.anchor_day) +
                             "; no day is set yet."
                       : title + "は" + day(r.anchor_day) + "からの月に開催予定です（日程未定）。";
      case ReminderKind::before_deadline:
        return english ? title + " is due on " + day(r.anchor_day) + "."
                       : title + "の期限は" + day(r.anchor_day) + "です。";
      case ReminderKind::before_period_end:
        return english ? "Please write the progress note of " + title + " for " + r.period +
                             " by " + day(r.anchor_day) + "."
                       : title + "の" + r.period + "の進捗の状況を" + day(r.anchor_day) +
                             "までに記入してください。";
      case ReminderKind::overdue: {
        std::string text = english
                               ? title + " is " + days(r.days) + " days past its due day (" +
                                     day(r.anchor_day) + "). Please record it once done."
                               : title + "は期限（" + day(r.anchor_day) + "）を" + days(r.days) +
                                     "日過ぎています。完了したら記録してください。";
        if (r.escalated)
          text += words("期限を大きく過ぎているため、エスカレーション先にもお知らせしています。",
                        " As it is long overdue, the escalation list hears of it too.");
        return text;
      }
    }
    return {};
  }

  // (label, value) lines about the occurrence.
  std::vector<std::pair<std::string, std::string>> facts() const {
    const Reminder& r = reminder_;
    std::vector<std::pair<std::string, std::string>> lines;
    std::string initiative = plan_.initiative;
    if (!plan_.organisation.name.empty())
      initiative += words("（", " (") + plan_.organisation.name + words("）", ")");
    lines.emplace_back(words("取組", "Initiative"), initiative);
    lines.emplace_back(words("項目", "Task"), r.title);
    if (!r.owner.empty()) lines.emplace_back(words("担当", "Owner"), r.owner);
    std::string periods;
    for (const auto& name : r.periods) periods += (periods.empty() ? "" : words("・", ", ")) + name;
    if (!periods.empty()) lines.emplace_back(words("期", "Period"), periods);
    lines.emplace_back(words("期間", "Window"), day(r.window_start) + " – " + day(r.due));
    if (r.scheduled_start) {
      std::string text = when(*r.scheduled_start);
      if (r.scheduled_end) text += "–" + time_of_day(*r.scheduled_end);
      lines.emplace_back(words("日時", "When"), text);
    }
    if (!r.place.empty()) lines.emplace_back(words("場所", "Place"), r.place);
    return lines;
  }

  std::string greeting() const {
    const std::string owner = reminder_.owner.empty() ? plan_.organisation.name : reminder_.owner;
    return language_ == Language::english ? "To " + owner + "," : owner + " ご担当者様";
  }

 private:
  const Plan& plan_;
  const Reminder& reminder_;
  Language language_;
  const PlanZone& zone_;
};

}  // namespace

ReminderLinks reminder_links(const HttpUrl& base_url, const Plan& plan) {
  return {.dashboard = base_url.text + "/plans/" + plan.id,
          .feed = base_url.text + "/calendars/" + plan.id + ".ics"};
}

ReminderWording reminder_wording(const Plan& plan, const Reminder& reminder, Language language) {
  const Writer writer{plan, reminder, language};
  return {.language = language,
          .subject = writer.subject(),
          .greeting = writer.greeting(),
          .sentence = writer.sentence(),
          .facts = writer.facts(),
          .dashboard_label = writer.words("ダッシュボード", "Dashboard"),
          .feed_label = writer.words("カレンダー", "Calendar")};
}

std::string reminder_text(const ReminderWording& wording, const ReminderLinks& links) {
  std::string text = wording.greeting + "\n\n" + wording.sentence + "\n\n";
  for (const auto& [label, value] : wording.facts) text += label + ": " + value + "\n";
  text += "\n" + wording.dashboard_label + ": " + links.dashboard + "\n";
  text += wording.feed_label + ": " + links.feed + "\n";
  return text;
}

}  // namespace torikumi
