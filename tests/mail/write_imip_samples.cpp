// write_imip_samples DIRECTORY: writes iMIP messages built by mail/imip_message.hpp as NAME.eml,
// each beside NAME.json holding what it was built from, for check_imip_with_python_email.py to
// read with another implementation (Python's email package) and compare.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "mail/imip_message.hpp"

namespace {

using namespace torikumi::mail;
using namespace std::chrono_literals;

std::string calendar_for(ItipMethod method, int lines) {
  std::string calendar =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//torikumi//mail test//JA\r\n"
      "METHOD:" +
      std::string{to_string(method)} +
      "\r\nBEGIN:VEVENT\r\n"
      "UID:torikumi-meeting-higashi-2026-0042@higashi.example.jp\r\n";
  for (int line = 0; line < lines; ++line)
    calendar += "COMMENT:第" + std::to_string(line + 1) +
                "回 重層的支援会議 東区役所 3階 301会議室 地域包括支援センター 相談支援事業所 "
                "社会福祉協議会\r\n";
  return calendar + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

struct Sample {
  std::string name;
  ImipMessage message;
};

std::vector<Sample> samples() {
  const Mailbox office{"東区役所 福祉課 重層的支援体制整備事業 事務局",
                       "jimukyoku@higashi.example.jp"};
  ImipMessage request{
      .from = office,
      .to = {{"地域包括支援センター ひがし 山田 太郎", "yamada@houkatsu.example.jp"},
             {"", "sato@soudan.example.jp"},
             {"Suzuki \"Hanako\"", "suzuki.hanako@gmail.com"}},
      .reply_to = Mailbox{"東区役所 福祉課", "rsvp+k7q2m9x4w8e3r6t1@higashi.example.jp"},
      .subject =
          "【会議のご案内】令和8年度 第1回 重層的支援会議（5月12日（火）14時〜16時 東区役所 3階 "
          "301会議室）",
      .text_body =
          "関係機関 各位\n\n令和8年度 第1回 重層的支援会議を下記のとおり開催します。\n"
          "出欠は次のリンクからお知らせください。\nhttps://torikumi.higashi.example.jp/r/" +
          std::string(120, 'a') + "\n",
      .html_body = "<!DOCTYPE html><html lang=\"ja\"><body><p>関係機関 各位</p><p>" +
                   std::string(200, 'b') + "</p></body></html>\n",
      .method = ItipMethod::request,
      .calendar = calendar_for(ItipMethod::request, 40),
      .attachment_file_name = "invite.ics",
      .date = date::sys_seconds{1778540400s},
      .message_id = "meeting=2F42@higashi.example.jp",
  };
  ImipMessage cancel = request;
  cancel.method = ItipMethod::cancel;
  cancel.subject = "【中止】第1回 重層的支援会議";
  cancel.calendar = calendar_for(ItipMethod::cancel, 1);
  cancel.reply_to = std::nullopt;
  cancel.attachment_file_name = "cancel.ics";
  cancel.message_id = "meeting=2F42=2Ecancel@higashi.example.jp";
  ImipMessage declinecounter = request;
  declinecounter.method = ItipMethod::declinecounter;
  declinecounter.subject = "Counter-proposal declined";
  declinecounter.calendar = calendar_for(ItipMethod::declinecounter, 2);
  declinecounter.text_body = "ASCII only, with LF line ends\nand a second line\n";
  declinecounter.to = {{"", "yamada@houkatsu.example.jp"}};
  declinecounter.message_id = "meeting=2F42=2Edeclinecounter@higashi.example.jp";
  return {{"request", request}, {"cancel", cancel}, {"declinecounter", declinecounter}};
}

nlohmann::json mailbox_json(const Mailbox& mailbox) {
  return {{"name", mailbox.name}, {"address", mailbox.address}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_imip_samples DIRECTORY\n");
    return 2;
  }
  const std::string directory = argv[1];
  for (const Sample& sample : samples()) {
    const auto built = build_imip_message(sample.message);
    if (!built) {
      std::fprintf(stderr, "%s: %s\n", sample.name.c_str(), built.error().message.c_str());
      return 1;
    }
    std::ofstream{directory + "/" + sample.name + ".eml", std::ios::binary} << *built;
    nlohmann::json to = nlohmann::json::array();
    for (const Mailbox& recipient : sample.message.to) to.push_back(mailbox_json(recipient));
    const nlohmann::json input{
        {"from", mailbox_json(sample.message.from)},
        {"to", to},
        {"reply_to",
         sample.message.reply_to ? mailbox_json(*sample.message.reply_to) : nlohmann::json{}},
        {"subject", sample.message.subject},
        {"text_body", sample.message.text_body},
        {"html_body", sample.message.html_body},
        {"method", to_string(sample.message.method)},
        {"calendar", sample.message.calendar},
        {"attachment_file_name", sample.message.attachment_file_name},
        {"message_id", sample.message.message_id},
    };
    std::ofstream{directory + "/" + sample.name + ".json", std::ios::binary} << input.dump(2);
  }
  return 0;
}
