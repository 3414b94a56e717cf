#pragma once

// Internal to mail/: GMime's handles and its one-time initialisation. Nothing outside mail/
// includes this header, so GMime and GLib stay behind the module.

#include <gmime/gmime.h>

#include <memory>
#include <string>

namespace torikumi::mail::detail {

// Initialises GMime once per process, whichever thread comes first (std::call_once), and keeps
// GMime's own log messages (g_warning, g_critical in its "gmime" domain) off stderr: hostile
// input must not make the server print. GMime is never shut down, since other threads may still
// be parsing.
void initialise_gmime();

// A unique_ptr deleter that calls a library's own free function.
template <auto free_function>
struct FreeWith {
  template <typename T>
  void operator()(T* pointer) const {
    free_function(pointer);
  }
};

// Every GObject (messages, parts, streams, parsers, address lists) drops its reference with
// g_object_unref.
template <typename T>
using ObjectHandle = std::unique_ptr<T, FreeWith<&g_object_unref>>;
using ParserOptionsHandle =
    std::unique_ptr<GMimeParserOptions, FreeWith<&g_mime_parser_options_free>>;
using FormatOptionsHandle =
    std::unique_ptr<GMimeFormatOptions, FreeWith<&g_mime_format_options_free>>;
using DateTimeHandle = std::unique_ptr<GDateTime, FreeWith<&g_date_time_unref>>;
using CharactersHandle = std::unique_ptr<char, FreeWith<&g_free>>;

// The bytes of a memory stream (GMimeStreamMem), as written to it.
std::string bytes_of(GMimeStream* memory_stream);

}  // namespace torikumi::mail::detail
