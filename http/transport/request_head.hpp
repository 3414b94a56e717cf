#pragma once

// A request's head and the framing of its body, read strictly (RFC 9110, RFC 9112) by the event
// loops before any other code sees the request. The full server (cpp-httplib 0.11.4) is lenient
// where leniency lets one request hide inside another behind a proxy, and reads a body however
// long it takes; so it only ever gets a request the loop has read whole and written out again in
// one plain form (normalized()).
//
// What is refused, and with which status, is the contract of RequestHead::parse below; the loop
// answers each refusal itself and closes the connection (docs/security.md).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi::http {

// A request the loop answers itself, with this status and message, and then closes.
struct Refusal {
  int status = 400;
  std::string message;
  std::string fields;  // header lines the answer carries besides the usual (each ending in CRLF)
  bool operator==(const Refusal&) const = default;
};

// How a request's body is delimited (RFC 9112 §6).
enum class BodyFraming {
  none,            // no body
  content_length,  // Content-Length: N (N may be 0)
  chunked,         // Transfer-Encoding: chunked
};

// The head of a request: its request line and header fields, as views into the bytes it was
// read from (valid while they are).
class RequestHead {
 public:
  static constexpr std::size_t kMaxFields = 100;

  // Reads `bytes`, the request line through the blank line. Refuses with
  // - 400 for a request line that is not `METHOD SP TARGET SP HTTP/x.y CRLF`; a target that is not
  //   an absolute path (`*` only for OPTIONS), or that holds a space, control or non-ASCII byte; a
  //   line ending in a bare LF or CR; obsolete line folding; a field name that is not a token or
  //   is followed by a space before its colon; a field value with a control character other than
  //   tab; more than kMaxFields fields; an HTTP/1.1 request without exactly one Host (or any
  //   request with two); a Content-Length that is not digits, or two of them; Transfer-Encoding
  //   beside Content-Length, twice, or in HTTP/1.0; a body on GET, HEAD or OPTIONS;
  // - 411 for POST, PUT or PATCH with neither Content-Length nor Transfer-Encoding;
  // - 415 for a Content-Encoding of the request body;
  // - 417 for an Expect other than 100-continue;
  // - 501 for a method other than GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS, and for a
  //   transfer coding other than chunked;
  // - 505 for a version other than HTTP/1.0 and HTTP/1.1.
  // The messages name what was wrong, never the bytes sent (they are not echoed back).
  static Result<RequestHead, Refusal> parse(std::string_view bytes);

  std::string_view method() const { return method_; }
  std::string_view target() const { return target_; }  // as sent: path and query, encoded
  bool http10() const { return http10_; }
  // The first field of that name (case-insensitive), its value without surrounding blanks.
  std::optional<std::string_view> field(std::string_view name) const;
  BodyFraming framing() const { return framing_; }
  // The declared length; 0 unless framing() is content_length.
  std::uint64_t content_length() const { return content_length_; }
  // Whether a body follows: a Content-Length other than 0, or chunked.
  bool has_body() const;
  // Whether the client waits for `100 Continue` before it sends the body.
  bool expects_continue() const { return expects_continue_; }
  // Whether the connection stays open after the answer, as the client asked.
  bool keeps_alive() const;

  // The request as the full server gets it: the request line, every field but those the loop has
  // dealt with (Content-Length, Transfer-Encoding, Expect, TE, Trailer; Range and If-Range, since
  // torikumi answers every request whole), each % of a value written %25 (the full server
  // percent-decodes header values), then `Content-Length: body_size` (for a request with a
  // body, or a POST, PUT, PATCH or DELETE, so that no length is ever left to be guessed), the
  // blank line, and `body`.
  std::string normalized(std::string_view body) const;

 private:
  // The steps of parse(): each returns the refusal, or nothing to go on.
  std::optional<Refusal> read_request_line(std::string_view line);
  std::optional<Refusal> read_fields(std::string_view bytes, std::size_t& position);
  std::optional<Refusal> read_framing();
  std::optional<Refusal> check_method_and_body() const;

  std::string_view method_;
  std::string_view target_;
  std::string_view version_;
  bool http10_ = false;
  BodyFraming framing_ = BodyFraming::none;
  std::uint64_t content_length_ = 0;
  bool expects_continue_ = false;
  std::vector<std::pair<std::string_view, std::string_view>> fields_;
};

// The length of the head at the start of `bytes`, through its blank line, or nothing while the
// blank line has not arrived. Finds a blank line of LF too, so that parse() can refuse it.
std::optional<std::size_t> head_length(std::string_view bytes);

// A chunked body (RFC 9112 §7.1) read as it arrives: chunk extensions and trailer fields are read
// and dropped; the data is kept. Refuses with 400 a size that is not hex (or over 15 digits), a
// line over kMaxLineBytes, data not followed by CRLF, a bare LF, and trailers over
// kMaxTrailerBytes.
class ChunkedBody {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;
  static constexpr std::size_t kMaxTrailerBytes = 16 * 1024;

  // Takes what it can of `input` (the bytes after those taken before); returns how many it took.
  // After a refusal, or once complete(), takes nothing more.
  Result<std::size_t, Refusal> read(std::string_view input);
  bool complete() const { return state_ == State::done; }
  // The data so far plus what the chunk being read still declares: what the body will be at
  // least, for refusing one over a limit before its bytes arrive.
  std::uint64_t declared_size() const { return data_.size() + chunk_left_; }
  const std::string& data() const { return data_; }
  std::string take_data() { return std::move(data_); }

 private:
  enum class State { size_line, chunk_data, chunk_end, trailers, done };
  State state_ = State::size_line;
  std::uint64_t chunk_left_ = 0;
  std::size_t trailer_bytes_ = 0;
  std::string data_;
};

}  // namespace torikumi::http
