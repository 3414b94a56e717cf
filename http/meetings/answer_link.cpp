#include "http/meetings/answer_link.hpp"

#include "engine/calendar/time_text.hpp"
#include "http/meetings/meetings_http_meaning.hpp"
#include "mail/reply_address.hpp"
#include "store/secrets.hpp"

namespace torikumi::http {

namespace {

constexpr std::size_t kSignatureHexDigits = 32;  // 128 bits of the HMAC

std::string signature_of(std::string_view key, std::string_view token, std::string_view until) {
  std::string signed_text{token};
  signed_text += '.';
  signed_text += until;
  return store::hmac_sha256_hex(key, signed_text).substr(0, kSignatureHexDigits);
}

}  // namespace

std::string answer_path(std::string_view key, std::string_view token, date::sys_days until) {
  const std::string day = format_iso_date(until);
  return std::string{kAnswerPathPrefix} + std::string{token} + "?until=" + day +
         "&sig=" + signature_of(key, token, day);
}

std::string answer_link(const HttpUrl& base, std::string_view key, std::string_view token,
                        date::sys_days until) {
  return base.text + answer_path(key, token, until);
}

Status check_answer_link(std::string_view key, std::string_view token, std::string_view until,
                         std::string_view signature, date::sys_days today) {
  if (!mail::is_reply_token(token))
    return Error{"answer link: the reply token is malformed", ErrorCode::invalid,
                 meaning_of(meetings_http_meaning::kLinkMalformed)};
  const auto last_day = parse_iso_date(until);
  if (!last_day || format_iso_date(*last_day) != until)
    return Error{"answer link: expected until=YYYY-MM-DD, got " + in_quotes(until),
                 ErrorCode::invalid, meaning_of(meetings_http_meaning::kLinkMalformed)};
  if (!store::equal_in_constant_time(signature, signature_of(key, token, until)))
    return Error{"answer link: the signature does not match", ErrorCode::forbidden,
                 meaning_of(meetings_http_meaning::kLinkForged)};
  if (today > *last_day)
    return Error{
        "answer link: it answered until " + std::string{until} + " and that day has passed",
        ErrorCode::conflict, meaning_of(meetings_http_meaning::kLinkExpired, {std::string{until}})};
  return {};
}

}  // namespace torikumi::http
