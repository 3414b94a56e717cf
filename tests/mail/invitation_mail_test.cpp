#include "mail/invitation_mail.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "mail/inbound_message.hpp"
#include "mail/mail_meaning.hpp"
#include "tests/mail/invitation_fixture.hpp"

namespace torikumi::mail {
namespace {

using namespace testing;
using nlohmann::json;

std::string written(const Result<std::string>& calendar) {
  REQUIRE_MESSAGE(calendar.ok(), (calendar.ok() ? "" : calendar.error().message));
  return *calendar;
}

const std::string& request_calendar() {
  static const std::string calendar = written(calendars::write_request(june_meeting()));
  return calendar;
}

OutgoingInvitation composed(const InvitationMail& mail,
                            const InvitationRecipient& recipient = yamada()) {
  const auto item = compose_invitation(mail, recipient);
  REQUIRE_MESSAGE(item.ok(), (item.ok() ? "" : item.error().message));
  return *item;
}

json payload_of(const OutgoingInvitation& item) { return json::parse(item.payload_json); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The June meeting's notice of `notice`, with the calendar calendars/ writes for it.
InvitationMail mail_of(InvitationNotice notice) {
  InvitationMail mail = june_mail(request_calendar());
  mail.notice = notice;
  switch (notice) {
    case InvitationNotice::invitation:
      break;
    case InvitationNotice::update:
      mail.sequence = 1;
      mail.calendar = written(calendars::write_request(june_meeting(1)));
      break;
    case InvitationNotice::cancellation:
      mail.sequence = 1;
      mail.calendar = written(calendars::write_cancel(june_meeting(1)));
      break;
    case InvitationNotice::attendee_cancellation:
      mail.sequence = 1;
      mail.calendar =
          written(calendars::write_attendee_cancel(june_meeting(1), "yamada@houkatsu.example.jp"));
      break;
    case InvitationNotice::declined_counter: {
      const calendars::ItipReply counter{.method = calendars::ReplyMethod::counter,
                                         .uid = kUid,
                                         .attendee = {"山田 太郎", "yamada@houkatsu.example.jp"},
                                         .proposed_start = kStart + std::chrono::days{1}};
      mail.calendar = written(calendars::write_decline_counter(june_meeting(), counter, ""));
      break;
    }
  }
  return mail;
}

TEST_CASE("an invitation in Japanese: subject, ids and the whole text body, Japanese first") {
  const OutgoingInvitation item = composed(june_mail(request_calendar()));
  CHECK(item.id == "higashi-kyosei/multi-agency-meeting/2026-06/invitation/0/to-5a2723dc65a38902");
  CHECK(item.message_id ==
        "higashi-kyosei=2Fmulti-agency-meeting=2F2026-06=2Finvitation=2F0=2Fto-5a2723dc65a38902"
        "@higashi.example.jp");
  CHECK(item.subject ==
        "【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催（6月10日）");
  CHECK(payload_of(item)["text"] == R"(地域包括支援センター ひがし 山田 太郎 様

下記のとおり会議を開催いたしますので、ご案内申し上げます。
ご多用のところ恐れ入りますが、ご出席の可否をご回答くださいますようお願いいたします。

会議：多機関協働担当を中心とした会議の開催
日時：2026年6月10日(水) 14:00〜15:30
場所：東区役所 3階 会議室

【ご回答の方法】
お使いのカレンダー（Outlook など）でこの招待を開き、「承諾」「辞退」などのボタンからご回答ください。
カレンダーをお使いになれない場合は、次のページを開き、ページ上のボタンでご回答ください（ページを開くだけでは回答になりません）。
https://torikumi.higashi.example.jp/answer/k7q2m9x4w8e3r6t1?expires=20260610&sig=Zm9vYmFy

【会議ページ（サインインが必要です）】
議題や資料などの詳細は、参加機関の職員の方がサインインしてご覧いただけます。
https://torikumi.higashi.example.jp/plans/higashi-kyosei/meetings/multi-agency-meeting/2026-06

ご不明な点は、東区役所 福祉課（jimukyoku@higashi.example.jp）までお問い合わせください。

----------------------------------------

Dear 山田 太郎 (地域包括支援センター ひがし),

You are invited to the meeting below.
Please let us know whether you will attend.

Meeting: 多機関協働担当を中心とした会議の開催
When: Wed 10 Jun 2026 14:00–15:30 (Japan time)
Place: 東区役所 3階 会議室

How to answer:
Open this invitation in your calendar (Outlook or another) and answer with its buttons (Accept, Decline, ...).
If you cannot use a calendar, open this page and answer with its buttons (opening the page alone records nothing):
https://torikumi.higashi.example.jp/answer/k7q2m9x4w8e3r6t1?expires=20260610&sig=Zm9vYmFy

Meeting page (sign-in needed):
Staff of the participating agencies can see the agenda, papers and other details there after signing in.
https://torikumi.higashi.example.jp/plans/higashi-kyosei/meetings/multi-agency-meeting/2026-06

For questions, please write to 東区役所 福祉課 (jimukyoku@higashi.example.jp).
)");
}

TEST_CASE("the payload carries the envelope, the invitation, the parties, bodies and message") {
  InvitationMail mail = june_mail(request_calendar());
  const OutgoingInvitation item = composed(mail);
  json payload = payload_of(item);
  CHECK(payload["html"].get<std::string>().starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
  CHECK(payload["text"].get<std::string>().starts_with("地域包括支援センター ひがし 山田 太郎 様"));
  CHECK(payload["message"]["raw"] == item.raw_message);
  CHECK(payload["calendar"]["text"] == request_calendar());
  payload.erase("html");
  payload.erase("text");
  payload["message"].erase("raw");
  payload["calendar"].erase("text");
  CHECK(payload == json::parse(R"({
    "type": "invitation.request",
    "id": "higashi-kyosei/multi-agency-meeting/2026-06/invitation/0/to-5a2723dc65a38902",
    "timestamp": "2026-05-12T08:00:00+09:00",
    "language": "ja",
    "plan": {"id": "higashi-kyosei", "initiative": "地域共生社会の実現に向けた取組の推進",
             "organisation": "東区役所"},
    "occurrence": {"id": "higashi-kyosei/multi-agency-meeting/2026-06",
                   "title": "多機関協働担当を中心とした会議の開催",
                   "meeting_type": null, "confidential": false,
                   "start": "2026-06-10T14:00:00+09:00", "end": "2026-06-10T15:30:00+09:00",
                   "place": "東区役所 3階 会議室"},
    "invitation": {"uid": "higashi-kyosei/multi-agency-meeting/2026-06@invitations.higashi.example.jp",
                   "sequence": 0, "method": "REQUEST", "recurrence_id": null},
    "from": {"name": "東区役所 福祉課", "email": "jimukyoku@higashi.example.jp"},
    "reply_to": "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp",
    "recipients": [{"name": "山田 太郎", "email": "yamada@houkatsu.example.jp"}],
    "subject": "【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催（6月10日）",
    "calendar": {"method": "REQUEST",
                 "content_type": "text/calendar; method=REQUEST; charset=UTF-8"},
    "message": {"format": "rfc5322"},
    "links": {"answer": "https://torikumi.higashi.example.jp/answer/k7q2m9x4w8e3r6t1?expires=20260610&sig=Zm9vYmFy",
              "meeting": "https://torikumi.higashi.example.jp/plans/higashi-kyosei/meetings/multi-agency-meeting/2026-06"}
  })"));

  mail.envelope.place.clear();
  mail.recurrence_id = kStart;
  const json other = payload_of(composed(mail));
  CHECK(other["occurrence"]["place"] == nullptr);
  CHECK(other["invitation"]["recurrence_id"] == "2026-06-10T14:00:00+09:00");
  CHECK_FALSE(contains(other["text"], "場所"));
}

TEST_CASE("the raw message is build_imip_message's of the same parts, Reply-To rsvp+TOKEN@") {
  const OutgoingInvitation item = composed(june_mail(request_calendar()));
  const json payload = payload_of(item);
  const auto built = build_imip_message(ImipMessage{
      .from = {"東区役所 福祉課", "jimukyoku@higashi.example.jp"},
      .to = {{"山田 太郎", "yamada@houkatsu.example.jp"}},
      .reply_to = Mailbox{"東区役所 福祉課", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
      .subject = item.subject,
      .text_body = payload["text"],
      .html_body = payload["html"],
      .method = ItipMethod::request,
      .calendar = request_calendar(),
      .attachment_file_name = "invite.ics",
      .date = kNow,
      .message_id = item.message_id,
  });
  REQUIRE(built);
  CHECK(item.raw_message == *built);
  const auto read = read_inbound_message(item.raw_message);
  REQUIRE(read);
  CHECK(read->subject == item.subject);
  REQUIRE(read->calendars.size() == 2);
  CHECK(read->calendars[0].method == "REQUEST");
  CHECK(read->calendars[0].text == request_calendar());
}

TEST_CASE("each notice has its subject, in Japanese and in English") {
  struct Case {
    InvitationNotice notice;
    std::string japanese;
    std::string english;
  };
  const std::vector<Case> cases{
      {InvitationNotice::invitation,
       "【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催（6月10日）",
       "[東区役所] Invitation: 多機関協働担当を中心とした会議の開催 (10 Jun)"},
      {InvitationNotice::update,
       "【変更】【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催（6月10日）",
       "[Updated] [東区役所] Invitation: 多機関協働担当を中心とした会議の開催 (10 Jun)"},
      {InvitationNotice::cancellation,
       "【中止】【東区役所】会議のお知らせ：多機関協働担当を中心とした会議の開催（6月10日）",
       "[Cancelled] [東区役所] Meeting: 多機関協働担当を中心とした会議の開催 (10 Jun)"},
      {InvitationNotice::attendee_cancellation,
       "【取消】【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催（6月10日）",
       "[Withdrawn] [東区役所] Invitation: 多機関協働担当を中心とした会議の開催 (10 Jun)"},
      {InvitationNotice::declined_counter,
       "【日時のご提案について】【東区役所】会議のご案内：多機関協働担当を中心とした会議の開催"
       "（6月10日）",
       "[About your proposed time] [東区役所] Invitation: 多機関協働担当を中心とした会議の開催 "
       "(10 Jun)"},
  };
  for (const Case& test : cases) {
    CAPTURE(test.japanese);
    InvitationMail mail = mail_of(test.notice);
    const OutgoingInvitation japanese = composed(mail);
    CHECK(japanese.subject == test.japanese);
    CHECK(payload_of(japanese)["type"] == invitation_event_type(test.notice));
    CHECK(payload_of(japanese)["invitation"]["method"] == to_string(itip_method(test.notice)));
    mail.language = Language::english;
    CHECK(composed(mail).subject == test.english);
    mail.envelope.organisation.clear();
    mail.language = Language::japanese;
    const std::string without = composed(mail).subject;
    CHECK_FALSE(contains(without, "【東区役所】"));
    CHECK(without.ends_with("会議の開催（6月10日）"));
  }
}

TEST_CASE("the notice types and methods") {
  CHECK(invitation_event_type(InvitationNotice::invitation) == "invitation.request");
  CHECK(invitation_event_type(InvitationNotice::update) == "invitation.update");
  CHECK(invitation_event_type(InvitationNotice::cancellation) == "invitation.cancel");
  CHECK(invitation_event_type(InvitationNotice::attendee_cancellation) ==
        "invitation.attendee-cancel");
  CHECK(invitation_event_type(InvitationNotice::declined_counter) == "invitation.declinecounter");
  CHECK(itip_method(InvitationNotice::invitation) == ItipMethod::request);
  CHECK(itip_method(InvitationNotice::update) == ItipMethod::request);
  CHECK(itip_method(InvitationNotice::cancellation) == ItipMethod::cancel);
  CHECK(itip_method(InvitationNotice::attendee_cancellation) == ItipMethod::cancel);
  CHECK(itip_method(InvitationNotice::declined_counter) == ItipMethod::declinecounter);
}

TEST_CASE("what each notice asks for (an answer or none) and whether it links the meeting page") {
  struct Case {
    InvitationNotice notice;
    std::string first_sentence;
    bool answer;
    bool meeting_page;
  };
  const std::vector<Case> cases{
      {InvitationNotice::invitation, "下記のとおり会議を開催いたしますので、ご案内申し上げます。",
       true, true},
      {InvitationNotice::update,
       "先にご案内した会議の内容に変更がありましたので、変更後の内容を改めてご案内申し上げます。",
       true, true},
      {InvitationNotice::cancellation, "先にご案内した下記の会議は、中止となりました。", false,
       true},
      {InvitationNotice::attendee_cancellation,
       "先にお送りした下記の会議へのご出席のお願いを、取り消させていただきます。", false, false},
      {InvitationNotice::declined_counter,
       "会議の日時についてご提案をいただき、ありがとうございました。", true, true},
  };
  for (const Case& test : cases) {
    CAPTURE(test.first_sentence);
    const json payload = payload_of(composed(mail_of(test.notice)));
    const std::string text = payload["text"];
    const std::string html = payload["html"];
    CHECK(contains(text, "様\n\n" + test.first_sentence + "\n"));
    CHECK(contains(html, "<p>" + test.first_sentence + "</p>"));
    CHECK(contains(text, kAnswerLink) == test.answer);
    CHECK(contains(text, "【ご回答の方法】") == test.answer);
    CHECK(contains(text, "How to answer:") == test.answer);
    CHECK(contains(text, kMeetingPage) == test.meeting_page);
    CHECK(payload["links"]["answer"] == kAnswerLink);
    CHECK(contains(text, "ご回答は不要です。") == !test.answer);
  }
  const std::string counter =
      payload_of(composed(mail_of(InvitationNotice::declined_counter)))["text"];
  CHECK(contains(counter,
                 "\nカレンダーをお使いの場合は、先にお送りした招待を開き、「承諾」「辞退」"
                 "などのボタンからご回答ください。\n"));
}

TEST_CASE("in English, English comes first and the document says so") {
  InvitationMail mail = june_mail(request_calendar());
  mail.language = Language::english;
  const json payload = payload_of(composed(mail));
  const std::string text = payload["text"];
  const std::string html = payload["html"];
  CHECK(payload["language"] == "en");
  CHECK(text.starts_with("Dear 山田 太郎 (地域包括支援センター ひがし),\n\nYou are invited"));
  CHECK(contains(text,
                 "\n----------------------------------------\n\n地域包括支援センター ひがし "
                 "山田 太郎 様\n"));
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
  CHECK(html.find("<div lang=\"en\">") < html.find("<hr>"));
  CHECK(html.find("<hr>") < html.find("<div lang=\"ja\">"));
}

TEST_CASE("the greeting names the agency and the person, or what there is of them") {
  struct Case {
    std::string name;
    std::string agency;
    std::string japanese;
    std::string english;
  };
  const std::vector<Case> cases{
      {"山田 太郎", "地域包括支援センター ひがし", "地域包括支援センター ひがし 山田 太郎 様",
       "Dear 山田 太郎 (地域包括支援センター ひがし),"},
      {"", "地域包括支援センター ひがし", "地域包括支援センター ひがし ご担当者様",
       "Dear colleagues at 地域包括支援センター ひがし,"},
      {"山田 太郎", "", "山田 太郎 様", "Dear 山田 太郎,"},
      {"", "", "ご担当者様", "Dear colleague,"},
  };
  for (const Case& test : cases) {
    CAPTURE(test.japanese);
    InvitationRecipient recipient = yamada();
    recipient.person.name = test.name;
    recipient.agency = test.agency;
    const std::string text = payload_of(composed(june_mail(request_calendar()), recipient))["text"];
    CHECK(text.starts_with(test.japanese + "\n\n"));
    CHECK(contains(text, "\n\n" + test.english + "\n\n"));
  }
}

TEST_CASE("times are shown in the plan's zone, and a meeting into the next day names both days") {
  InvitationMail mail = june_mail(request_calendar());
  mail.envelope.end = kStart + std::chrono::hours{20};
  std::string text = payload_of(composed(mail))["text"];
  CHECK(contains(text, "\n日時：2026年6月10日(水) 14:00〜2026年6月11日(木) 10:00\n"));
  CHECK(contains(text, "\nWhen: Wed 10 Jun 2026 14:00 – Thu 11 Jun 2026 10:00 (Japan time)\n"));

  mail.envelope.end = kEnd;
  mail.envelope.zone = *PlanZone::locate("Europe/London");
  const OutgoingInvitation item = composed(mail);
  text = payload_of(item)["text"];
  CHECK(contains(text, "\n日時：2026年6月10日(水) 06:00〜07:30（Europe/London）\n"));
  CHECK(contains(text, "\nWhen: Wed 10 Jun 2026 06:00–07:30 (Europe/London)\n"));
  CHECK(payload_of(item)["occurrence"]["start"] == "2026-06-10T06:00:00+01:00");
  CHECK(payload_of(item)["timestamp"] == "2026-05-12T00:00:00+01:00");
}

TEST_CASE("a comment is shown line by line under its label") {
  InvitationMail mail = mail_of(InvitationNotice::cancellation);
  mail.comment = "会場の都合により中止します。\r\n次回は8月です。";
  json payload = payload_of(composed(mail));
  CHECK(contains(payload["text"], "\n\n【理由】\n会場の都合により中止します。\n次回は8月です。\n"));
  CHECK(contains(payload["text"], "\n\nReason:\n会場の都合により中止します。\n次回は8月です。\n"));
  CHECK(contains(payload["html"],
                 "<h2>理由</h2>\n<p>会場の都合により中止します。<br>\n次回は8月です。<br>\n</p>"));
  mail = june_mail(request_calendar());
  mail.comment = "資料は当日お配りします。";
  payload = payload_of(composed(mail));
  CHECK(contains(payload["text"], "\n\n【連絡事項】\n資料は当日お配りします。\n"));
  CHECK(contains(payload["text"], "\n\nNote:\n資料は当日お配りします。\n"));
}

TEST_CASE("the HTML body escapes every text, links included, and holds no script") {
  calendars::Invitation meeting = june_meeting();
  meeting.attendees[0].person.name = "山田 <b>太郎</b>";
  InvitationMail mail = june_mail(written(calendars::write_request(meeting)));
  mail.envelope.title = "会議 <script>alert(\"x\")</script> & 'その他'";
  mail.envelope.place = "3階 <会議室>";
  InvitationRecipient recipient = yamada();
  recipient.person.name = "山田 <b>太郎</b>";
  recipient.answer_link = "https://torikumi.higashi.example.jp/answer?a=1&b='2'";
  const json payload = payload_of(composed(mail, recipient));
  const std::string html = payload["html"];
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<b>"));
  CHECK(contains(html,
                 "<title>【東区役所】会議のご案内：会議 &lt;script&gt;alert(&quot;x&quot;)"
                 "&lt;/script&gt; &amp; &#39;その他&#39;（6月10日）</title>"));
  CHECK(contains(html, "<tr><th>場所</th><td>3階 &lt;会議室&gt;</td></tr>"));
  CHECK(contains(html, "<p>地域包括支援センター ひがし 山田 &lt;b&gt;太郎&lt;/b&gt; 様</p>"));
  CHECK(contains(html,
                 "<a href=\"https://torikumi.higashi.example.jp/answer?a=1&amp;b=&#39;2&#39;\">"));
  CHECK(contains(payload["text"], "会議：会議 <script>alert(\"x\")</script> & 'その他'\n"));
}

TEST_CASE("each recipient has an item id of its own, the same for the same address") {
  const InvitationMail mail = june_mail(request_calendar());
  const OutgoingInvitation first = composed(mail);
  CHECK(composed(mail) == first);
  InvitationRecipient other = yamada();
  other.person = {"", "soudan@kikan.example.jp"};
  CHECK(composed(mail, other).id ==
        "higashi-kyosei/multi-agency-meeting/2026-06/invitation/0/to-befbbf91cb10b645");
  InvitationRecipient shouting = yamada();
  shouting.person.email = "yamada@HOUKATSU.Example.JP";
  CHECK(composed(mail, shouting).id == first.id);
}

TEST_CASE("a calendar whose lines are folded anywhere is read as unfolded") {
  InvitationMail mail = june_mail(request_calendar());
  // UID folded after "higashi-", ATTENDEE inside its address.
  std::string calendar = mail.calendar;
  const std::size_t uid = calendar.find("UID:");
  calendar.insert(uid + 12, "\r\n ");
  const std::size_t address = calendar.find("yamada@houkatsu");
  calendar.insert(address + 3, "\r\n\t");
  mail.calendar = calendar;
  CHECK(compose_invitation(mail, yamada()).ok());
}

TEST_CASE("what cannot be sent is refused, naming the field and what came") {
  struct Case {
    std::string name;
    void (*change)(InvitationMail&, InvitationRecipient&);
    Error error;
  };
  const auto refusal = [](std::string message, std::string_view code,
                          std::vector<std::string> subjects, std::vector<Meaning> causes = {}) {
    return Error{std::move(message), ErrorCode::invalid,
                 meaning_of(code, std::move(subjects), std::move(causes))};
  };
  using namespace mail_meaning;
  const std::vector<Case> cases{
      {"an id with a blank", [](InvitationMail& m, InvitationRecipient&) { m.id = "a b"; },
       refusal("invitation mail: id: expected 1 to 100 printable ASCII characters without "
               "blanks, got \"a b\"",
               kInvalidMessageId, {"a b"})},
      {"no id", [](InvitationMail& m, InvitationRecipient&) { m.id.clear(); },
       refusal("invitation mail: id: expected 1 to 100 printable ASCII characters without "
               "blanks, got \"\"",
               kInvalidMessageId, {""})},
      {"no UID", [](InvitationMail& m, InvitationRecipient&) { m.uid.clear(); },
       refusal("invitation mail: uid: expected a UID, got \"\"", kMissingField, {"uid"})},
      {"a calendar too large",
       [](InvitationMail& m, InvitationRecipient&) { m.calendar = std::string(1048577, 'x'); },
       refusal("invitation mail: calendar: 1048577 bytes, more than the limit of 1048576", kTooLong,
               {"calendar", "1048577", "1048576"})},
      {"a calendar not UTF-8",
       [](InvitationMail& m, InvitationRecipient&) { m.calendar = "BE\xE3GIN"; },
       refusal("invitation mail: calendar: invalid UTF-8 at byte 4: expected a continuation "
               "byte, got 0x47",
               kInvalidUtf8, {"calendar"}, {meaning_of("text.invalid_utf8", {"4"})})},
      {"a calendar of another method",
       [](InvitationMail& m, InvitationRecipient&) { m.notice = InvitationNotice::cancellation; },
       refusal("invitation mail: calendar: expected a line METHOD:CANCEL, got METHOD:REQUEST",
               kMethodMismatch, {"CANCEL", "REQUEST"})},
      {"a calendar without METHOD",
       [](InvitationMail& m, InvitationRecipient&) {
         m.calendar.erase(m.calendar.find("METHOD:REQUEST\r\n"), 16);
       },
       refusal("invitation mail: calendar: expected a line METHOD:REQUEST, got none",
               kMethodMismatch, {"REQUEST", ""})},
      {"a calendar of another UID",
       [](InvitationMail& m, InvitationRecipient&) { m.uid = "other@invitations.example.jp"; },
       refusal("invitation mail: calendar: expected UID:other@invitations.example.jp, got "
               "UID:higashi-kyosei/multi-agency-meeting/2026-06@invitations.higashi.example.jp",
               kCalendarMismatch,
               {"UID", "other@invitations.example.jp",
                "higashi-kyosei/multi-agency-meeting/2026-06@invitations.higashi.example.jp"})},
      {"a calendar of another SEQUENCE",
       [](InvitationMail& m, InvitationRecipient&) { m.sequence = 3; },
       refusal("invitation mail: calendar: expected SEQUENCE:3, got SEQUENCE:0", kCalendarMismatch,
               {"SEQUENCE", "3", "0"})},
      {"an organizer without a host",
       [](InvitationMail& m, InvitationRecipient&) { m.organizer.email = "jimukyoku"; },
       refusal("invitation mail: organizer: expected an address like name@example.jp, got "
               "\"jimukyoku\"",
               kInvalidAddress, {"organizer", "jimukyoku"})},
      {"an organizer's name on two lines",
       [](InvitationMail& m, InvitationRecipient&) { m.organizer.name = "東区\n福祉課"; },
       refusal("invitation mail: organizer.name: a line break or control character at byte 7",
               kControlCharacter, {"organizer.name", "7"})},
      {"a calendar of another organizer",
       [](InvitationMail& m, InvitationRecipient&) {
         m.organizer.email = "kikaku@higashi.example.jp";
       },
       refusal("invitation mail: calendar: expected ORGANIZER:mailto:kikaku@higashi.example.jp, "
               "got ORGANIZER:mailto:jimukyoku@higashi.example.jp",
               kCalendarMismatch,
               {"ORGANIZER", "mailto:kikaku@higashi.example.jp",
                "mailto:jimukyoku@higashi.example.jp"})},
      {"a reply domain that is none",
       [](InvitationMail& m, InvitationRecipient&) { m.reply_domain = "example..jp"; },
       refusal("invitation mail: reply_domain: expected a host name, got \"example..jp\"",
               kInvalidDomain, {"example..jp"})},
      {"no message domain",
       [](InvitationMail& m, InvitationRecipient&) { m.message_domain.clear(); },
       refusal("invitation mail: message_domain: expected a host name, got \"\"", kInvalidDomain,
               {""})},
      {"no plan id", [](InvitationMail& m, InvitationRecipient&) { m.envelope.plan_id.clear(); },
       refusal("invitation mail: envelope.plan_id: expected an id, got \"\"", kMissingField,
               {"envelope.plan_id"})},
      {"an initiative with a tab",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.initiative = "地域\t共生"; },
       refusal("invitation mail: envelope.initiative: a line break or control character at "
               "byte 7",
               kControlCharacter, {"envelope.initiative", "7"})},
      {"an organisation with a line separator",
       [](InvitationMail& m, InvitationRecipient&) {
         m.envelope.organisation = "東区役所\u2028福祉課";
       },
       refusal("invitation mail: envelope.organisation: a line break or control character at "
               "byte 13",
               kControlCharacter, {"envelope.organisation", "13"})},
      {"no occurrence id",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.occurrence_id.clear(); },
       refusal("invitation mail: envelope.occurrence_id: expected an id, got \"\"", kMissingField,
               {"envelope.occurrence_id"})},
      {"no title", [](InvitationMail& m, InvitationRecipient&) { m.envelope.title.clear(); },
       refusal("invitation mail: envelope.title: expected a title, got \"\"", kMissingField,
               {"envelope.title"})},
      {"a title on two lines",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.title = "会議\r\nBcc: x@y.jp"; },
       refusal("invitation mail: envelope.title: a line break or control character at byte 7",
               kControlCharacter, {"envelope.title", "7"})},
      {"a title with NEL",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.title = "会議\u0085次"; },
       refusal("invitation mail: envelope.title: a line break or control character at byte 7",
               kControlCharacter, {"envelope.title", "7"})},
      {"a title too long",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.title = std::string(1001, 'x'); },
       refusal("invitation mail: envelope.title: 1001 bytes, more than the limit of 1000", kTooLong,
               {"envelope.title", "1001", "1000"})},
      {"a title not UTF-8",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.title = "\xFF"; },
       refusal("invitation mail: envelope.title: invalid UTF-8 at byte 1: expected the start "
               "of a character, got 0xFF",
               kInvalidUtf8, {"envelope.title"}, {meaning_of("text.invalid_utf8", {"1"})})},
      {"an end at the start",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.end = m.envelope.start; },
       refusal("invitation mail: envelope.end: expected an instant after the start "
               "2026-06-10T14:00:00+09:00, got 2026-06-10T14:00:00+09:00",
               kEndNotAfterStart, {"2026-06-10T14:00:00+09:00", "2026-06-10T14:00:00+09:00"})},
      {"a place on two lines",
       [](InvitationMail& m, InvitationRecipient&) { m.envelope.place = "3階\n会議室"; },
       refusal("invitation mail: envelope.place: a line break or control character at byte 5",
               kControlCharacter, {"envelope.place", "5"})},
      {"a meeting page of another scheme",
       [](InvitationMail& m, InvitationRecipient&) {
         m.envelope.meeting_page = "javascript:alert(1)";
       },
       refusal("invitation mail: envelope.meeting_page: expected an absolute http or https URL, "
               "got \"javascript:alert(1)\"",
               kInvalidLink, {"envelope.meeting_page", "javascript:alert(1)"})},
      {"a comment with a NUL",
       [](InvitationMail& m, InvitationRecipient&) {
         m.comment = std::string{"理由\0", 7};
       },
       refusal("invitation mail: comment: a control character at byte 7", kControlCharacter,
               {"comment", "7"})},
      {"a recipient without a host",
       [](InvitationMail&, InvitationRecipient& r) { r.person.email = "yamada"; },
       refusal("invitation mail: recipient: expected an address like name@example.jp, got "
               "\"yamada\"",
               kInvalidAddress, {"recipient", "yamada"})},
      {"a recipient the calendar does not invite",
       [](InvitationMail&, InvitationRecipient& r) { r.person.email = "tanaka@example.org"; },
       refusal("invitation mail: recipient: not an ATTENDEE of the calendar: "
               "\"tanaka@example.org\"",
               kNotAnAttendee, {"tanaka@example.org"})},
      {"a recipient's name on two lines",
       [](InvitationMail&, InvitationRecipient& r) { r.person.name = "山田\r\n太郎"; },
       refusal("invitation mail: recipient.name: a line break or control character at byte 7",
               kControlCharacter, {"recipient.name", "7"})},
      {"an agency on two lines",
       [](InvitationMail&, InvitationRecipient& r) { r.agency = "包括\n"; },
       refusal("invitation mail: recipient.agency: a line break or control character at byte 7",
               kControlCharacter, {"recipient.agency", "7"})},
      {"a token in capitals",
       [](InvitationMail&, InvitationRecipient& r) { r.reply_token = "K7Q2M9X4W8E3R6T1"; },
       refusal("invitation mail: recipient.reply_token: expected 16 to 64 of a-z 0-9, got "
               "\"K7Q2M9X4W8E3R6T1\"",
               kInvalidReplyToken, {"K7Q2M9X4W8E3R6T1"})},
      {"a token too short", [](InvitationMail&, InvitationRecipient& r) { r.reply_token = "abc"; },
       refusal("invitation mail: recipient.reply_token: expected 16 to 64 of a-z 0-9, got "
               "\"abc\"",
               kInvalidReplyToken, {"abc"})},
      {"a relative answer link",
       [](InvitationMail&, InvitationRecipient& r) { r.answer_link = "/answer/abc"; },
       refusal("invitation mail: recipient.answer_link: expected an absolute http or https URL, "
               "got \"/answer/abc\"",
               kInvalidLink, {"recipient.answer_link", "/answer/abc"})},
      {"an answer link too long",
       [](InvitationMail&, InvitationRecipient& r) {
         r.answer_link = "https://example.jp/" + std::string(1990, 'a');
       },
       refusal("invitation mail: recipient.answer_link: 2009 bytes, more than the limit of 2000",
               kTooLong, {"recipient.answer_link", "2009", "2000"})},
  };
  for (const Case& test : cases) {
    CAPTURE(test.name);
    InvitationMail mail = june_mail(request_calendar());
    InvitationRecipient recipient = yamada();
    test.change(mail, recipient);
    const auto item = compose_invitation(mail, recipient);
    REQUIRE_FALSE(item.ok());
    CHECK(item.error().message == test.error.message);
    CHECK(item.error() == test.error);
  }
}

TEST_CASE("links are absolute http or https URLs with a host, and nothing a URL cannot hold") {
  const std::vector<std::pair<std::string, bool>> links{
      {"https://torikumi.higashi.example.jp/answer/abc?x=1#top", true},
      {"http://127.0.0.1:8080/answer/abc", true},
      {"https://[2001:db8::1]:8443/a", true},
      {"https://example.jp", true},
      {"https://example.jp/%E4%BC%9A%E8%AD%B0", true},
      {"HTTPS://example.jp/", false},
      {"ftp://example.jp/", false},
      {"https:///answer", false},
      {"https://user:secret@example.jp/", false},
      {"https://example.jp:/a", false},
      {"https://example.jp:123456/a", false},
      {"https://example.jp/a b", false},
      {"https://example.jp/\"><script>", false},
      {"https://example.jp/会議", false},
      {"https://example.jp/%E4%G0", false},
      {"https://exa_mple.jp/", false},
  };
  for (const auto& [link, accepted] : links) {
    CAPTURE(link);
    InvitationRecipient recipient = yamada();
    recipient.answer_link = link;
    CHECK(compose_invitation(june_mail(request_calendar()), recipient).ok() == accepted);
  }
}

}  // namespace
}  // namespace torikumi::mail
