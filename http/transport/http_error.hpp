#pragma once

// Errors of the HTTP layer: what went wrong, as a kind the one mapping turns into a status code,
// and the `{"error": "..."}` body every error answers with.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::http {

enum class ErrorKind {
  bad_request,         // 400: a query or body that does not parse
  unauthorized,        // 401: no token, or one that is not known or revoked
  forbidden,           // 403: a token whose role may not do this
  not_found,           // 404: no such plan, feed or page
  method_not_allowed,  // 405
  conflict,            // 409: the occurrence's state forbids the write
  payload_too_large,   // 413: a body over the limit, with Content-Length or chunked
  unsupported_media,   // 415: a body of a type the route does not read (multipart/form-data)
  unprocessable,       // 422: well-formed but not acceptable
  headers_too_large,   // 431: request headers over the limit
  internal,            // 500: anything else; logged
};

// A refusal the dashboard words in the page's language (http/pages/refusal_text.hpp), with the
// values its message names in `HttpError::subjects`, in the order listed here. Told apart by
// this, never by the message's words; none for the rest, which the pages word by their problems'
// meanings (HttpError::problems) when they can, else show as they are, after a lead-in of their
// kind.
enum class KnownRefusal {
  none,
  not_signed_in,              // a form without a session
  form_expired,               // a form without the session's CSRF token
  viewer_cannot_record,       // a viewer's session sent a form
  occurrence_closed,          // occurrence, its status: done, skipped or cancelled already
  nothing_to_undo,            // occurrence, its status: planned or scheduled
  orphan_occurrence,          // occurrence, plan: the plan's latest revision no longer has it
  no_plan,                    // plan
  plan_has_no_occurrence,     // plan, occurrence
  field_too_long,             // field, characters, limit
  subscription_needs_editor,  // a viewer's token asked for a plan's subscription
  organisation_needs_admin,   // an editor's token asked for an organisation's subscription
  agency_needs_admin,         // a token that is not an admin's asked for an agency's subscription
  person_needs_admin,         // a token that is not an admin's asked for a person's subscription
  token_needs_admin,          // a token that is not an admin's asked to make a token
  no_such_token,              // id: not one made with the holder's token
  no_such_subscription,       // id: not one made with the holder's token
  no_such_page,               // path
  unknown_period,             // period
  unknown_role,               // role as sent
  directory_needs_admin,      // a token or session that is not an admin's changed the directory
  directory_needs_editor,     // a viewer asked for the directory page
  bad_recipient_line,         // box (recipients, escalation), line, its text: not one person
  entry_needs_recipient,      // owner (empty: the unlisted entry): no recipient given
  owner_needs_name,           // a directory entry added without an owner's name
  plan_file_too_large,        // the file's name, its size, the limit (as "600 KiB")
  unreadable_plan,            // the file's name; each reason is one of HttpError::problems
  plan_id_mismatch,           // the file's name, the plan id it has, the one the path names
  schedules_refused,          // the file's name, how many schedules
};

struct HttpError {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  KnownRefusal refusal = KnownRefusal::none;
  std::vector<std::string> subjects{};  // what `refusal` names
  // What the message tells, one problem each, with the meanings the engine or the store gave them
  // (a store's refusal; every reason a plan does not read; an edit's problems, located by field).
  Diagnostics problems{};
  bool operator==(const HttpError&) const = default;
};

// The one mapping from error kinds to HTTP status codes.
int status_code(ErrorKind kind);

// The one mapping from the engine's and the store's error codes to the HTTP layer's kinds, used
// by the API and the pages alike: invalid is 422, not_found 404, conflict 409, forbidden 403,
// internal 500.
ErrorKind error_kind(ErrorCode code);

// An engine or store error as the HTTP layer answers it, its message unchanged; its meaning, if it
// has one, is its one problem.
HttpError http_error(const Error& error);

// {"error": message}, serialised; the message is JSON-escaped.
std::string error_body(std::string_view message);

}  // namespace torikumi::http
