#pragma once

// Conditional and negotiated GET (RFC 9110): strong ETags over a response's bytes,
// If-None-Match, HTTP dates, and whether a client takes gzip.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace torikumi::http {

// A strong entity tag over exactly these bytes, quoted: "\"9f0c…-3a9b\"" (64-bit FNV-1a of the
// bytes and their length, hex). The same bytes always give the same tag.
std::string strong_etag(std::string_view bytes);

// Whether an If-None-Match header value matches an entity tag: "*", or any tag of its
// comma-separated list compared weakly (a W/ prefix ignored), as RFC 9110 13.1.2 asks for GET.
bool if_none_match_matches(std::string_view header, std::string_view etag);

// An IMF-fixdate: "Wed, 01 Apr 2026 00:00:00 GMT".
std::string http_date(date::sys_seconds instant);

// An HTTP-date in any of the three forms RFC 9110 §5.6.7 has a recipient accept: IMF-fixdate
// (Sun, 06 Nov 1994 08:49:37 GMT), RFC 850 (Sunday, 06-Nov-94 08:49:37 GMT) and asctime
// (Sun Nov  6 08:49:37 1994); nothing for anything else, trailing text included.
std::optional<date::sys_seconds> parse_http_date(std::string_view text);

// Whether a GET or HEAD is answered 304 Not Modified (RFC 9110 §13.2.2): by If-None-Match when
// the request has one; otherwise by If-Modified-Since, when it is a valid HTTP-date no earlier
// than the representation's last modification. An invalid date is ignored, as the RFC asks.
bool is_not_modified(std::optional<std::string_view> if_none_match,
                     std::optional<std::string_view> if_modified_since, std::string_view etag,
                     date::sys_seconds last_modified);

// Whether an Accept-Encoding header value allows gzip: gzip or x-gzip or *, with a q-value
// that is not zero.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace torikumi::http
