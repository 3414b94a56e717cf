#pragma once

// A multipart/form-data body (RFC 7578, RFC 2046 §5.1) read from memory, as the email gateways
// post it: Mailgun's body-mime and SendGrid's email among their other fields. Read here rather
// than by cpp-httplib: its 0.11.4 never hands a handler such a body as sent, and matches each
// part's headers with std::regex (libstdc++'s recursive matcher) in httplib::detail; this reader
// is a pure function over bytes, bounded in every count and size, and fuzzed (tests/fuzz).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http {

// One part: a form's field, or a file.
struct FormField {
  std::string name;                     // the Content-Disposition's name parameter
  std::optional<std::string> filename;  // its filename parameter, when given
  std::string content_type;             // the part's Content-Type as sent; empty when none
  std::string_view value;               // the part's bytes: a view into the body
  bool operator==(const FormField&) const = default;
};

struct MultipartLimits {
  std::size_t max_parts = 64;               // a gateway's post has a dozen
  std::size_t max_header_bytes = 8 * 1024;  // one part's header lines together
};

// The parts of `body`, in order, given the boundary parameter of its Content-Type. A preamble
// before the first boundary line and an epilogue after the last are skipped; a boundary line may
// end in blanks; folded header lines are unfolded. Errors, each an HttpError of its kind:
//   multipart/form-data: the boundary is not 1 to 70 of RFC 2046's characters   (bad_request)
//   multipart/form-data: no boundary line                                        (bad_request)
//   multipart/form-data: part 2: a line starts with the boundary but is not a boundary line
//   multipart/form-data: part 2: the body ends inside its headers
//   multipart/form-data: part 2: a header line without a colon
//   multipart/form-data: part 2: Content-Disposition given twice (or Content-Type, or
//     Content-Transfer-Encoding)
//   multipart/form-data: part 2: no Content-Disposition: form-data with a name
//   multipart/form-data: part 2: a Content-Transfer-Encoding other than 7bit, 8bit or binary
//   multipart/form-data: part 2: the body ends before its closing boundary
//   multipart/form-data: more than 64 parts                               (payload_too_large)
//   multipart/form-data: part 2: headers over 8192 bytes                  (payload_too_large)
// A name, a boundary or a header's value is never quoted back (they come from the sender).
Result<std::vector<FormField>, HttpError> read_multipart_form(std::string_view boundary,
                                                              std::string_view body,
                                                              const MultipartLimits& limits = {});

}  // namespace torikumi::http
