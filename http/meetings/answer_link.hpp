#pragma once

// The signed web link of an invitation (notes/itip-interop.md, "Links instead of calendars"):
// for terminals with no calendar client (LGWAN), every invitation carries
// `BASE/answer/TOKEN?until=YYYY-MM-DD&sig=HEX`, where TOKEN is the attendee's reply token, until
// the last day the link answers, and sig 32 hex digits of HMAC-SHA256 over "TOKEN.until" with
// the server's key (Store::server_key). A GET of it shows the meeting and the choices (mail
// scanners fetch links); only a POST records an answer.

#include <date/date.h>

#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"

namespace torikumi::http {

// The name of the key the links are signed with (Store::server_key).
inline constexpr std::string_view kAnswerLinkKeyName = "answer-links";

// The path of an answer link's page, without the token.
inline constexpr std::string_view kAnswerPathPrefix = "/answer/";

// The link of `token`, good through `until` (its last day).
std::string answer_link(const HttpUrl& base, std::string_view key, std::string_view token,
                        date::sys_days until);

// The path and query of the same link (what a form posts back to).
std::string answer_path(std::string_view key, std::string_view token, date::sys_days until);

// Checks a link's parts as they came: the token from the path, `until` and `sig` from the query,
// on `today` (the day in Japan). Errors, with codes for the page to explain (meaning_text.cpp):
//   answer link: the reply token is malformed                      (invalid, answer.malformed)
//   answer link: expected until=YYYY-MM-DD, got "x"                (invalid, answer.malformed)
//   answer link: the signature does not match                      (forbidden, answer.forged)
//   answer link: it answered until 2026-06-17 and that day has passed  (conflict, answer.expired)
Status check_answer_link(std::string_view key, std::string_view token, std::string_view until,
                         std::string_view signature, date::sys_days today);

}  // namespace torikumi::http
