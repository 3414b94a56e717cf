#include "mail/inbound_message.hpp"

#include <iconv.h>

#include <cerrno>
#include <optional>

#include "mail/detail/encoded_words.hpp"
#include "mail/detail/gmime.hpp"
#include "mail/detail/mail_text.hpp"
#include "mail/mail_meaning.hpp"

namespace torikumi::mail {

namespace {

using detail::CharactersHandle;
using detail::ObjectHandle;
using detail::ParserOptionsHandle;

constexpr std::size_t kMaximumQuotedBytes = 80;  // of a parser's remark quoted in an error
// How many lines that may open a part (below) a message may have per part it may hold.
constexpr std::size_t kLinesPerPart = 4;

Error refusal(const std::string& what, std::string_view code, std::vector<std::string> subjects) {
  return Error{"inbound message: " + what, ErrorCode::invalid,
               meaning_of(code, std::move(subjects))};
}

std::string text_or_empty(const char* text) {
  return text == nullptr ? std::string{} : detail::valid_utf8(text);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                           text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// What GMime's parser remarked, with the byte it was at. Only the remarks that change what the
// message means are kept (ParserRemarks::refusal).
struct ParserRemark {
  gint64 offset = 0;
  GMimeParserWarning code{};
  std::string item;
};

void remember_remark(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer remarks) {
  switch (code) {
    case GMIME_WARN_TRUNCATED_MESSAGE:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_CONFLICTING_HEADER:
    case GMIME_CRIT_CONFLICTING_PARAMETER:
    case GMIME_CRIT_NESTING_OVERFLOW:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: {
      std::string quoted = text_or_empty(item);
      if (quoted.size() > kMaximumQuotedBytes)
        quoted = quoted.substr(0, kMaximumQuotedBytes) + "...";
      static_cast<std::vector<ParserRemark>*>(remarks)->push_back(
          {offset, code, std::move(quoted)});
      return;
    }
    default:
      return;  // duplicated headers, 8-bit headers, bad encoded words: read as GMime reads them
  }
}

// The refusal for the first remark that changes what the message means.
Error refusal_for(const ParserRemark& remark, const InboundLimits& limits) {
  const std::string at = std::to_string(remark.offset + 1);  // GMime counts from 0
  switch (remark.code) {
    case GMIME_WARN_TRUNCATED_MESSAGE:  // GMime gives no offset for it
      return refusal("truncated: the message ends inside its headers or a multipart",
                     mail_meaning::kTruncated, {});
    case GMIME_CRIT_NESTING_OVERFLOW:
      return refusal("part at byte " + at + ": nested deeper than " +
                         std::to_string(limits.maximum_depth) + " levels",
                     mail_meaning::kTooDeep, {std::to_string(limits.maximum_depth)});
    default:
      break;
  }
  std::string what;
  switch (remark.code) {
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      what = "a multipart without a boundary";
      break;
    case GMIME_CRIT_CONFLICTING_HEADER:
      what = "conflicting header " + in_quotes(remark.item);
      break;
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      what = "conflicting parameter " + in_quotes(remark.item);
      break;
    default:
      what = "a part without headers or content";
      break;
  }
  return refusal("malformed at byte " + at + ": " + what, mail_meaning::kMalformed, {at, what});
}

void append_mailboxes(InternetAddressList* list, std::vector<Mailbox>& mailboxes,
                      bool inside_group = false) {
  if (list == nullptr) return;
  const int count = internet_address_list_length(list);
  for (int index = 0; index < count; ++index) {
    InternetAddress* address = internet_address_list_get_address(list, index);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      mailboxes.push_back(
          {text_or_empty(internet_address_get_name(address)),
           text_or_empty(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))});
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && !inside_group) {
      append_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)),
                       mailboxes, true);
    }
  }
}

// The mailboxes of one address header's raw value (From, To, Cc), its names' encoded-words
// mended first (detail/encoded_words.hpp).
void append_mailboxes(GMimeParserOptions* options, GMimeHeader* header,
                      std::vector<Mailbox>& mailboxes) {
  const char* value = g_mime_header_get_raw_value(header);
  if (value == nullptr) return;
  const ObjectHandle<InternetAddressList> list{
      internet_address_list_parse(options, detail::with_quoted_printable_words(value).c_str())};
  append_mailboxes(list.get(), mailboxes);
}

// The addresses of one header (Delivered-To, X-Original-To).
void append_addresses(GMimeParserOptions* options, GMimeHeader* header,
                      std::vector<std::string>& addresses) {
  std::vector<Mailbox> mailboxes;
  append_mailboxes(options, header, mailboxes);
  for (Mailbox& mailbox : mailboxes) addresses.push_back(std::move(mailbox.address));
}

// A header's text, unfolded, its encoded-words decoded (and mended) to UTF-8.
std::string decoded_text(GMimeParserOptions* options, GMimeHeader* header) {
  const char* value = g_mime_header_get_raw_value(header);
  if (value == nullptr) return {};
  const CharactersHandle unfolded{g_mime_utils_header_unfold(value)};
  if (unfolded == nullptr) return {};
  const CharactersHandle decoded{g_mime_utils_header_decode_text(
      options, detail::with_quoted_printable_words(unfolded.get()).c_str())};
  return detail::valid_utf8(trimmed(decoded == nullptr ? "" : decoded.get()));
}

// The iconv name of a MIME charset. Shift_JIS and its aliases are read as Windows-31J (CP932),
// the superset Windows and Outlook write (with ①, ㈱ and NEC's other symbols), as the WHATWG
// Encoding Standard does; other names through GMime's table (utf8, ks_c_5601-1987, ...).
std::string iconv_name(std::string_view charset) {
  const std::string lowered = detail::ascii_lowercase(charset);
  for (const std::string_view alias :
       {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j",
        "cswindows31j", "cp932", "ms932", "x-ms-cp932"})
    if (lowered == alias) return "CP932";
  return g_mime_charset_iconv_name(std::string{charset}.c_str());
}

bool is_utf8_name(std::string_view charset) {
  const std::string lowered = detail::ascii_lowercase(charset);
  return lowered.empty() || lowered == "utf-8" || lowered == "utf8" || lowered == "us-ascii" ||
         lowered == "ascii";
}

// A conversion descriptor closed with iconv_close.
struct Converter {
  iconv_t descriptor;
  ~Converter() { iconv_close(descriptor); }
};

// `bytes` in `charset` as UTF-8, or the 0-based byte where conversion stopped (nullopt from
// iconv_open: an unknown charset is told apart by the caller).
struct Conversion {
  std::string text;
  std::optional<std::size_t> failed_at;
};
std::optional<Conversion> convert_to_utf8(std::string_view bytes, const std::string& charset) {
  const iconv_t descriptor = iconv_open("UTF-8", charset.c_str());
  if (descriptor == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  const Converter converter{descriptor};
  Conversion result;
  std::string output(bytes.size() * 3 + 16, '\0');
  char* input = const_cast<char*>(bytes.data());
  std::size_t input_left = bytes.size();
  char* next = output.data();
  std::size_t output_left = output.size();
  // One more round with no input writes the shift back to ASCII that stateful charsets
  // (ISO-2022-JP) may still owe.
  bool flushed = false;
  while (!flushed) {
    const bool flushing = input_left == 0;
    const std::size_t converted =
        flushing ? iconv(converter.descriptor, nullptr, nullptr, &next, &output_left)
                 : iconv(converter.descriptor, &input, &input_left, &next, &output_left);
    if (converted != static_cast<std::size_t>(-1)) {
      flushed = flushing;
      continue;
    }
    if (errno == E2BIG) {
      const std::size_t written = static_cast<std::size_t>(next - output.data());
      output.resize(output.size() * 2);
      next = output.data() + written;
      output_left = output.size() - written;
      continue;
    }
    result.failed_at = bytes.size() - input_left;  // EILSEQ, or EINVAL: cut off at the end
    return result;
  }
  output.resize(static_cast<std::size_t>(next - output.data()));
  result.text = std::move(output);
  return result;
}

// Bounds what GMime may build before it builds a byte of it: a 10 MiB message of empty parts
// costs GMime seconds and more than a gigabyte, and one nested a thousand deep seconds too.
// Every part after the first follows a line starting "--" (its boundary), and every multipart or
// attached message has a Content-Type line, so a message with more of either than
// kLinesPerPart lines per part allowed is refused unread.
std::optional<Error> too_many_part_lines(std::string_view raw, const InboundLimits& limits) {
  const std::size_t allowed = kLinesPerPart * limits.maximum_parts;
  std::size_t delimiters = 0;
  std::size_t content_types = 0;
  constexpr std::string_view kContentType = "content-type";
  for (std::size_t start = 0; start < raw.size();) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view line = raw.substr(start, end - start);
    if (line.starts_with("--")) ++delimiters;
    if (line.size() >= kContentType.size() &&
        g_ascii_strncasecmp(line.data(), kContentType.data(), kContentType.size()) == 0)
      ++content_types;
    if (delimiters > allowed || content_types > allowed) {
      const std::string limit = std::to_string(limits.maximum_parts);
      return refusal("more than " + limit + " MIME parts: more than " + std::to_string(allowed) +
                         " lines start with " + (delimiters > allowed ? "\"--\"" : "Content-Type"),
                     mail_meaning::kTooManyParts, {limit});
    }
    start = end + 1;
  }
  return std::nullopt;
}

struct Walk {
  const InboundLimits& limits;
  std::size_t parts = 0;
  std::vector<CalendarPart> calendars;
  std::optional<Error> error;
};

bool is_calendar(const std::string& content_type, const std::string& file_name) {
  return content_type == "text/calendar" || content_type == "application/ics" ||
         (content_type == "application/octet-stream" &&
          detail::ascii_lowercase(file_name).ends_with(".ics"));
}

std::optional<CalendarPart> read_calendar(GMimePart* part, const std::string& section, Walk& walk) {
  GMimeObject* object = GMIME_OBJECT(part);
  const CharactersHandle type{
      g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object))};
  CalendarPart calendar;
  calendar.section = section;
  calendar.content_type = detail::ascii_lowercase(text_or_empty(type.get()));
  calendar.file_name = text_or_empty(g_mime_part_get_filename(part));
  if (!is_calendar(calendar.content_type, calendar.file_name)) return std::nullopt;
  calendar.method = detail::ascii_uppercase(
      trimmed(text_or_empty(g_mime_object_get_content_type_parameter(object, "method"))));
  calendar.charset = std::string{
      trimmed(text_or_empty(g_mime_object_get_content_type_parameter(object, "charset")))};
  const char* disposition = g_mime_object_get_disposition(object);
  if (disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0)
    calendar.placement = CalendarPlacement::attachment;

  std::string bytes;
  if (GMimeDataWrapper* content = g_mime_part_get_content(part); content != nullptr) {
    const ObjectHandle<GMimeStream> decoded{g_mime_stream_mem_new()};
    g_mime_data_wrapper_write_to_stream(content, decoded.get());
    bytes = detail::bytes_of(decoded.get());
  }
  const std::string where = "part " + section + " (" + calendar.content_type + ")";
  const std::string charset_name = calendar.charset.empty() ? "UTF-8" : calendar.charset;
  auto undecodable = [&](const std::string& byte) {
    walk.error = refusal(where + ": not " + charset_name + " text at byte " + byte,
                         mail_meaning::kUndecodableCalendar, {section, charset_name, byte});
    return std::nullopt;
  };
  if (is_utf8_name(calendar.charset)) {
    // decode_code_point's meaning names the 1-based byte.
    if (const std::optional<Error> error = detail::first_invalid_utf8(bytes))
      return undecodable(error->meaning.subjects.front());
    calendar.text = std::move(bytes);
  } else {
    std::optional<Conversion> conversion = convert_to_utf8(bytes, iconv_name(calendar.charset));
    if (!conversion) {
      walk.error = refusal(where + ": unknown charset " + in_quotes(calendar.charset),
                           mail_meaning::kUnknownCharset, {section, calendar.charset});
      return std::nullopt;
    }
    if (conversion->failed_at) return undecodable(std::to_string(*conversion->failed_at + 1));
    calendar.text = std::move(conversion->text);
  }
  if (calendar.text.starts_with("\xEF\xBB\xBF")) calendar.text.erase(0, 3);
  return calendar;
}

// Visits `object` and what it holds, depth first, counting parts and collecting calendars
// (those of the message itself: not inside an attached message).
void visit(GMimeObject* object, const std::string& section, std::size_t depth,
           bool inside_attached_message, Walk& walk) {
  if (walk.error || object == nullptr) return;
  if (++walk.parts > walk.limits.maximum_parts) {
    walk.error = refusal("more than " + std::to_string(walk.limits.maximum_parts) + " MIME parts",
                         mail_meaning::kTooManyParts, {std::to_string(walk.limits.maximum_parts)});
    return;
  }
  const std::string here = section.empty() ? "1" : section;
  if (depth > walk.limits.maximum_depth) {
    walk.error = refusal("part " + here + ": nested deeper than " +
                             std::to_string(walk.limits.maximum_depth) + " levels",
                         mail_meaning::kTooDeep, {std::to_string(walk.limits.maximum_depth)});
    return;
  }
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int count = g_mime_multipart_get_count(multipart);
    for (int index = 0; index < count && !walk.error; ++index) {
      const std::string number = std::to_string(index + 1);
      visit(g_mime_multipart_get_part(multipart, index),
            section.empty() ? number : section + "." + number, depth + 1, inside_attached_message,
            walk);
    }
    return;
  }
  if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* attached = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (attached != nullptr)
      visit(g_mime_message_get_mime_part(attached), here, depth + 1, true, walk);
    return;
  }
  if (!GMIME_IS_PART(object) || inside_attached_message) return;
  if (std::optional<CalendarPart> calendar = read_calendar(GMIME_PART(object), here, walk))
    walk.calendars.push_back(std::move(*calendar));
}

}  // namespace

std::vector<std::string> InboundMessage::recipient_addresses() const {
  std::vector<std::string> addresses = delivered_to;
  addresses.insert(addresses.end(), original_to.begin(), original_to.end());
  for (const std::vector<Mailbox>* list : {&to, &cc})
    for (const Mailbox& mailbox : *list) addresses.push_back(mailbox.address);
  return addresses;
}

Result<InboundMessage> read_inbound_message(std::string_view raw, const InboundLimits& limits) {
  if (raw.size() > limits.maximum_bytes)
    return refusal(std::to_string(raw.size()) + " bytes, more than the limit of " +
                       std::to_string(limits.maximum_bytes),
                   mail_meaning::kTooLarge,
                   {std::to_string(raw.size()), std::to_string(limits.maximum_bytes)});
  if (std::optional<Error> error = too_many_part_lines(raw, limits)) return *error;
  detail::initialise_gmime();

  std::vector<ParserRemark> remarks;
  const ParserOptionsHandle options{g_mime_parser_options_new()};
  g_mime_parser_options_set_warning_callback(options.get(), remember_remark, &remarks);
  // Japanese clients still write raw 8-bit headers now and then: UTF-8 first, then CP932 and
  // EUC-JP, before GMime's last resort.
  const char* fallback_charsets[] = {"UTF-8", "CP932", "EUC-JP", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback_charsets);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);

  const ObjectHandle<GMimeStream> stream{g_mime_stream_mem_new_with_buffer(raw.data(), raw.size())};
  const ObjectHandle<GMimeParser> parser{g_mime_parser_new_with_stream(stream.get())};
  const ObjectHandle<GMimeMessage> message{
      g_mime_parser_construct_message(parser.get(), options.get())};
  if (message == nullptr ||
      g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(message.get()))) == 0)
    return refusal("not a message: no header fields", mail_meaning::kNotAMessage,
                   {"no header fields"});
  InboundMessage result;
  result.message_id = text_or_empty(g_mime_message_get_message_id(message.get()));

  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message.get()));
  const int count = g_mime_header_list_get_count(headers);
  for (int index = 0; index < count; ++index) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, index);
    const char* name = g_mime_header_get_name(header);
    if (name == nullptr) continue;
    if (g_ascii_strcasecmp(name, "From") == 0) {
      append_mailboxes(options.get(), header, result.from);
    } else if (g_ascii_strcasecmp(name, "To") == 0) {
      append_mailboxes(options.get(), header, result.to);
    } else if (g_ascii_strcasecmp(name, "Cc") == 0) {
      append_mailboxes(options.get(), header, result.cc);
    } else if (g_ascii_strcasecmp(name, "Subject") == 0 && result.subject.empty()) {
      result.subject = decoded_text(options.get(), header);
    } else if (g_ascii_strcasecmp(name, "Delivered-To") == 0) {
      append_addresses(options.get(), header, result.delivered_to);
    } else if (g_ascii_strcasecmp(name, "X-Original-To") == 0) {
      append_addresses(options.get(), header, result.original_to);
    } else if (g_ascii_strcasecmp(name, "Authentication-Results") == 0) {
      const char* value = g_mime_header_get_raw_value(header);
      if (value == nullptr) continue;
      const CharactersHandle unfolded{g_mime_utils_header_unfold(value)};
      result.authentication_results.push_back(
          detail::valid_utf8(trimmed(unfolded == nullptr ? "" : unfolded.get())));
    }
  }

  if (result.from.empty())
    return refusal("not a message: no From address", mail_meaning::kNotAMessage,
                   {"no From address"});
  if (!remarks.empty()) return refusal_for(remarks.front(), limits);

  Walk walk{.limits = limits, .parts = 0, .calendars = {}, .error = std::nullopt};
  visit(g_mime_message_get_mime_part(message.get()), "", 1, false, walk);
  if (walk.error) return *walk.error;
  if (walk.calendars.empty())
    return refusal("no calendar part (text/calendar, application/ics or a .ics file)",
                   mail_meaning::kNoCalendarPart, {});
  result.calendars = std::move(walk.calendars);
  return result;
}

}  // namespace torikumi::mail
