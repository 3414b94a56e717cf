#pragma once

// How much the server accepts, written once: the sizes of the fields people type (the forms'
// maxlength and the API's JSON fields alike, in characters) and of requests (in bytes). The
// server enforces every one; the pages put the field sizes in their forms' maxlength.

#include <array>
#include <cstddef>
#include <string_view>

namespace torikumi::http::limits {

// A field's name, as the API's JSON and the forms both call it, and its most characters.
struct FieldLimit {
  std::string_view field;
  std::size_t max_characters = 0;
};

inline constexpr FieldLimit kNote{"note", 500};       // a completion's or an activity's note
inline constexpr FieldLimit kReason{"reason", 500};   // why an occurrence is skipped or cancelled
inline constexpr FieldLimit kPlace{"place", 200};     // where a meeting is held
inline constexpr FieldLimit kNoteText{"text", 2000};  // a 進捗の状況 line
inline constexpr FieldLimit kLabel{"label", 100};     // a subscription's label
inline constexpr FieldLimit kHolder{"holder", 100};  // the person a token is made for (田中 花子)

// Every limited field; a field of this name in a write's body or form is held to its limit.
inline constexpr std::array<FieldLimit, 6> kFields{kNote,     kReason, kPlace,
                                                   kNoteText, kLabel,  kHolder};

// Request sizes: the defaults of ServerOptions (the config and --max-body may change the body's).
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;  // larger: 413
// A caller with no live token or session may send no more (a sign-in form is 200 bytes): 401.
inline constexpr std::size_t kMaxAnonymousBodyBytes = 8 * 1024;
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;  // the request's headers together: 431
// POST /inbound/email (the email gateway's webhook, http/inbound/): anonymous by nature, its
// body holds a whole message (at most mail::InboundLimits' 10 MiB) inside a form, JSON or base64
// and their overhead. The only path with a bound of its own; a longer body: 413.
inline constexpr std::size_t kMaxInboundBodyBytes = 15 * 1024 * 1024;
// The inbound bodies being read or served at once, together: past it, 503 (the gateways retry),
// so that anonymous posts cannot make the server hold more than this.
inline constexpr std::size_t kInboundBodyBudgetBytes = 64 * 1024 * 1024;
// GET /api/history?limit=: at most this many entries, 100 when not given.
inline constexpr std::size_t kMaxHistoryEntries = 10000;
inline constexpr std::size_t kDefaultHistoryEntries = 100;

}  // namespace torikumi::http::limits
