#pragma once

// A mailbox (RFC 5322 §3.4): the display name and the address the messages torikumi sends and
// the replies it reads carry.

#include <string>
#include <string_view>

namespace torikumi::mail {

struct Mailbox {
  std::string name;  // the display name, UTF-8, may be Japanese (東区役所 福祉課); empty if none
  std::string address;  // local@host, ASCII: jimukyoku@higashi.example.jp
  bool operator==(const Mailbox&) const = default;
};

// Whether `text` is a host name torikumi writes into a header as is: dot-separated labels of
// 1 to 63 letters, digits and hyphens (not first or last), at most 253 bytes in all.
bool is_host_name(std::string_view text);

// Whether `text` is RFC 5322 dot-atom-text: atext (letters, digits and !#$%&'*+-/=?^_`{|}~)
// with single dots between, none first or last.
bool is_dot_atom(std::string_view text);

// Whether `text` is an address torikumi writes into a header as is: a dot-atom local part of at
// most 64 bytes, '@', a host name (is_host_name); at most 254 bytes in all. Quoted local parts and
// non-ASCII addresses are not.
bool is_mail_address(std::string_view text);

}  // namespace torikumi::mail
