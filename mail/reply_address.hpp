#pragma once

// The per-invitation reply address (docs/mail.md; notes/itip-interop.md point 12): replies are
// accepted by the address they were sent to, rsvp+TOKEN@domain, never by their From, since
// attendees answer from aliases. The token is 16 to 64 of a-z and 0-9: lowercase only, because
// some mail systems change the case of local parts on the way.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::mail {

inline constexpr std::size_t kMinimumReplyTokenLength = 16;
inline constexpr std::size_t kMaximumReplyTokenLength = 64;

// Whether `token` is 16 to 64 of a-z 0-9.
bool is_reply_token(std::string_view token);

// rsvp+TOKEN@domain. Errors (mail_meaning):
//   reply address: token: expected 16 to 64 of a-z 0-9, got "Abc"       (invalid_reply_token)
//   reply address: domain: expected a host name, got "example..jp"      (invalid_domain)
Result<std::string> reply_address_for(std::string_view token, std::string_view domain);

// The token of rsvp+TOKEN@domain, or nullopt when `address` is not of that form for this domain
// or its token is not one (is_reply_token, after lowering). "rsvp" and the domain are compared
// without regard to case, and the token is lowered, so RSVP+ABC...@Higashi.Example.JP gives the
// token abc....
std::optional<std::string> reply_token_of(std::string_view address, std::string_view domain);

// The one token among the addresses a message was delivered to (InboundMessage::
// recipient_addresses), however often it appears. Errors (mail_meaning):
//   reply token: no recipient is rsvp+TOKEN@higashi.example.jp      (not_found, no_reply_token)
//   reply token: two tokens among the recipients: "aaa..." and "bbb..."  (two_reply_tokens)
Result<std::string> find_reply_token(const std::vector<std::string>& addresses,
                                     std::string_view domain);

}  // namespace torikumi::mail
