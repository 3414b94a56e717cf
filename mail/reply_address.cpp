#include "mail/reply_address.hpp"

#include "mail/detail/mail_text.hpp"
#include "mail/mail_meaning.hpp"
#include "mail/mailbox.hpp"

namespace torikumi::mail {

namespace {

constexpr std::string_view kReplyPrefix = "rsvp+";

}  // namespace

bool is_reply_token(std::string_view token) {
  if (token.size() < kMinimumReplyTokenLength || token.size() > kMaximumReplyTokenLength)
    return false;
  for (const char character : token)
    if (!((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9')))
      return false;
  return true;
}

Result<std::string> reply_address_for(std::string_view token, std::string_view domain) {
  if (!is_reply_token(token))
    return Error{
        "reply address: token: expected " + std::to_string(kMinimumReplyTokenLength) + " to " +
            std::to_string(kMaximumReplyTokenLength) + " of a-z 0-9, got " + in_quotes(token),
        ErrorCode::invalid, meaning_of(mail_meaning::kInvalidReplyToken, {std::string{token}})};
  if (!is_host_name(domain))
    return Error{"reply address: domain: expected a host name, got " + in_quotes(domain),
                 ErrorCode::invalid,
                 meaning_of(mail_meaning::kInvalidDomain, {std::string{domain}})};
  return std::string{kReplyPrefix} + std::string{token} + "@" + std::string{domain};
}

std::optional<std::string> reply_token_of(std::string_view address, std::string_view domain) {
  const std::string lowered = detail::ascii_lowercase(address);
  const std::string suffix = "@" + detail::ascii_lowercase(domain);
  if (lowered.size() <= kReplyPrefix.size() + suffix.size()) return std::nullopt;
  if (!lowered.starts_with(kReplyPrefix) || !lowered.ends_with(suffix)) return std::nullopt;
  std::string token =
      lowered.substr(kReplyPrefix.size(), lowered.size() - kReplyPrefix.size() - suffix.size());
  if (!is_reply_token(token)) return std::nullopt;
  return token;
}

Result<std::string> find_reply_token(const std::vector<std::string>& addresses,
                                     std::string_view domain) {
  std::optional<std::string> found;
  for (const std::string& address : addresses) {
    std::optional<std::string> token = reply_token_of(address, domain);
    if (!token) continue;
    if (found && *found != *token)
      return Error{"reply token: two tokens among the recipients: " + in_quotes(*found) + " and " +
                       in_quotes(*token),
                   ErrorCode::invalid, meaning_of(mail_meaning::kTwoReplyTokens, {*found, *token})};
    found = std::move(token);
  }
  if (!found)
    return not_found_error("reply token: no recipient is rsvp+TOKEN@" + std::string{domain},
                           meaning_of(mail_meaning::kNoReplyToken, {std::string{domain}}));
  return *found;
}

}  // namespace torikumi::mail
