#pragma once

// Internal to mail/: RFC 2047 encoded-words where GMime 3.2 gets them wrong, reading and writing.
//
// Writing: GMime splits a text into encoded-words only at its spaces, so a Japanese run without
// spaces becomes one encoded-word of any length, past RFC 2047 §2's 75 characters and RFC 5322's
// 78-character lines. encoded_words splits by characters instead.
//
// Reading:
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

// UTF-8 `text` as "=?UTF-8?B?...?=" words of whole characters, at most 39 bytes of text each (64
// characters a word), joined by a newline and a space (a folding point: GMime writes the newline
// as the message's). REQUIRES: `text` is UTF-8. Empty for an empty text.
std::string encoded_words(std::string_view text);

// An unstructured header's text (Subject): as it is when it is printable ASCII without "=?" of
// at most 68 characters (a line of 78 with the header's name), else its encoded_words.
std::string header_text(std::string_view text);

// A mailbox as an address header holds it: the address alone, "quoted name" <address> for an
// ASCII name, or its encoded_words and the address on a line of its own.
std::string header_mailbox(std::string_view name, std::string_view address);

}  // namespace torikumi::mail::detail
