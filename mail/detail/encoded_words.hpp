#pragma once

// Internal to mail/: a mend for how GMime 3.2 reads RFC 2047 encoded-words.
//
// GMime decodes adjacent encoded-words of one charset as one text, joining their payloads, so
// that a character split across two words (which RFC 2047 §5 forbids, and some senders do)
// comes out whole. Joined base64 stops at the first word's padding, so every word after a padded
// one is lost: "=?UTF-8?B?44CQ5Lya6K2w44Gu44GU5qGI5YaF44CR5Luk5ZKMOOW5tOW6pg==?=
// =?UTF-8?B?IOesrDHlm54=?=" reads as "【会議のご案内】令和8年度" without " 第1回". Japanese
// subjects and names, split into several B words by every client, hit this all the time.
// Quoted-printable payloads join without loss, so each B word is rewritten as the Q word of the
// same bytes before GMime decodes the header.

#include <string>
#include <string_view>

namespace torikumi::mail::detail {

// `value` (a header's raw value) with every "=?charset?B?payload?=" replaced by
// "=?charset?Q?...?=" holding the same bytes, each byte other than A-Z a-z 0-9 written =XX.
// Base64 is read leniently, as readers of mail do: missing padding is fine, bytes outside the
// alphabet are skipped. Everything else stays as it is.
std::string with_quoted_printable_words(std::string_view value);

}  // namespace torikumi::mail::detail
