// read_inbound_message (mail/inbound_message.hpp) over any bytes, as the email gateway's webhook
// would hand them over. What it accepts holds a calendar part, and every text in it is UTF-8 (the
// store and the logs take it as is); what it refuses is refused with a mail meaning and a message
// that says so.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mail/detail/mail_text.hpp"
#include "mail/inbound_message.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

bool is_utf8(std::string_view text) {
  return !torikumi::mail::detail::first_invalid_utf8(text).has_value();
}

bool mailboxes_are_utf8(const std::vector<torikumi::mail::Mailbox>& mailboxes) {
  for (const torikumi::mail::Mailbox& mailbox : mailboxes)
    if (!is_utf8(mailbox.name) || !is_utf8(mailbox.address)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const auto message = mail::read_inbound_message(fuzz::text_of(data, size));
  if (!message) {
    TORIKUMI_FUZZ_CHECK(message.error().message.starts_with("inbound message: "));
    TORIKUMI_FUZZ_CHECK(message.error().meaning.code.starts_with("mail."));
    return 0;
  }
  TORIKUMI_FUZZ_CHECK(!message->from.empty());
  TORIKUMI_FUZZ_CHECK(!message->calendars.empty());
  TORIKUMI_FUZZ_CHECK(mailboxes_are_utf8(message->from) && mailboxes_are_utf8(message->to) &&
                      mailboxes_are_utf8(message->cc));
  TORIKUMI_FUZZ_CHECK(is_utf8(message->subject) && is_utf8(message->message_id));
  for (const std::string& address : message->recipient_addresses())
    TORIKUMI_FUZZ_CHECK(is_utf8(address));
  for (const std::string& results : message->authentication_results)
    TORIKUMI_FUZZ_CHECK(is_utf8(results));
  for (const mail::CalendarPart& calendar : message->calendars) {
    TORIKUMI_FUZZ_CHECK(!calendar.section.empty());
    TORIKUMI_FUZZ_CHECK(is_utf8(calendar.text) && is_utf8(calendar.method) &&
                        is_utf8(calendar.charset) && is_utf8(calendar.file_name));
    TORIKUMI_FUZZ_CHECK(calendar.text.size() <= size * 4);
  }
  return 0;
}
