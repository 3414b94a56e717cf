#include "mail/imip_message.hpp"

#include <array>
#include <cstdio>

#include "engine/base/fnv_hash.hpp"
#include "mail/detail/encoded_words.hpp"
#include "mail/detail/gmime.hpp"
#include "mail/detail/mail_text.hpp"
#include "mail/mail_meaning.hpp"

namespace torikumi::mail {

namespace {

using detail::DateTimeHandle;
using detail::FormatOptionsHandle;
using detail::ObjectHandle;

constexpr std::size_t kMaximumIdBytes = 128;
constexpr std::size_t kMaximumFileNameBytes = 64;

Error invalid(const std::string& where, const std::string& what, std::string_view code,
              std::vector<std::string> subjects = {}, std::vector<Meaning> causes = {}) {
  return Error{"imip message: " + where + ": " + what, ErrorCode::invalid,
               meaning_of(code, std::move(subjects), std::move(causes))};
}

std::optional<Error> check_utf8(const std::string& where, std::string_view text) {
  if (std::optional<Error> error = detail::first_invalid_utf8(text))
    return invalid(where, error->message, mail_meaning::kInvalidUtf8, {where}, {error->meaning});
  return std::nullopt;
}

// UTF-8 text for one header: no line breaks (GMime would fold them into a header of their own).
std::optional<Error> check_header_text(const std::string& where, std::string_view text) {
  if (std::optional<Error> error = check_utf8(where, text)) return error;
  if (const auto index = detail::first_control_character(text)) {
    const std::string byte = std::to_string(*index + 1);
    return invalid(where, "a line break or control character at byte " + byte,
                   mail_meaning::kControlCharacter, {where, byte});
  }
  return std::nullopt;
}

std::optional<Error> check_mailbox(const std::string& where, const Mailbox& mailbox) {
  if (!is_mail_address(mailbox.address))
    return invalid(where,
                   "expected an address like name@example.jp, got " +
                       in_quotes(detail::valid_utf8(mailbox.address)),
                   mail_meaning::kInvalidAddress, {where, detail::valid_utf8(mailbox.address)});
  return check_header_text(where + ".name", mailbox.name);
}

// The value of the calendar's first METHOD property, or nullopt when it has none.
std::optional<std::string> method_of(std::string_view calendar) {
  while (!calendar.empty()) {
    const std::size_t end = calendar.find('\n');
    std::string_view line = calendar.substr(0, end);
    calendar.remove_prefix(end == std::string_view::npos ? calendar.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() < 7) continue;
    if (detail::ascii_uppercase(line.substr(0, 6)) != "METHOD" ||
        (line[6] != ':' && line[6] != ';'))
      continue;
    const std::size_t colon = line.find(':');
    return std::string{line.substr(colon == std::string_view::npos ? line.size() : colon + 1)};
  }
  return std::nullopt;
}

bool is_file_name(std::string_view name) {
  if (name.empty() || name.size() > kMaximumFileNameBytes || name.front() == '.') return false;
  for (const char character : name)
    if (!((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
          (character >= '0' && character <= '9') || character == '.' || character == '_' ||
          character == '-'))
      return false;
  return detail::ascii_lowercase(name).ends_with(".ics");
}

bool is_message_id(std::string_view text) {
  const std::size_t at = text.rfind('@');
  return at != std::string_view::npos && is_dot_atom(text.substr(0, at)) &&
         is_host_name(text.substr(at + 1));
}

std::optional<Error> check(const ImipMessage& message) {
  if (auto error = check_mailbox("from", message.from)) return error;
  if (message.to.empty())
    return invalid("to", "expected at least one recipient", mail_meaning::kNoRecipients);
  for (std::size_t index = 0; index < message.to.size(); ++index)
    if (auto error = check_mailbox("to[" + std::to_string(index) + "]", message.to[index]))
      return error;
  if (message.reply_to)
    if (auto error = check_mailbox("reply_to", *message.reply_to)) return error;
  if (auto error = check_header_text("subject", message.subject)) return error;
  if (auto error = check_utf8("text_body", message.text_body)) return error;
  if (auto error = check_utf8("html_body", message.html_body)) return error;
  if (auto error = check_utf8("calendar", message.calendar)) return error;
  const std::string_view method = to_string(message.method);
  const std::optional<std::string> written = method_of(message.calendar);
  if (!written || detail::ascii_uppercase(*written) != method)
    return invalid("calendar",
                   "expected a line METHOD:" + std::string{method} + ", got " +
                       (written ? "METHOD:" + detail::valid_utf8(*written) : "none"),
                   mail_meaning::kMethodMismatch,
                   {std::string{method}, written ? detail::valid_utf8(*written) : ""});
  if (!is_file_name(message.attachment_file_name))
    return invalid("attachment_file_name",
                   "expected 1 to 64 of A-Z a-z 0-9 . _ - ending in .ics, got " +
                       in_quotes(detail::valid_utf8(message.attachment_file_name)),
                   mail_meaning::kInvalidFileName,
                   {detail::valid_utf8(message.attachment_file_name)});
  if (!is_message_id(message.message_id))
    return invalid("message_id",
                   "expected local@host, got " + in_quotes(detail::valid_utf8(message.message_id)),
                   mail_meaning::kInvalidMessageId, {detail::valid_utf8(message.message_id)});
  return std::nullopt;
}

// A leaf part holding `content` (already CRLF), base64, with its Content-Type parameters in
// order.
ObjectHandle<GMimePart> new_part(const char* type, const char* subtype, const std::string& content,
                                 std::initializer_list<std::array<const char*, 2>> parameters) {
  ObjectHandle<GMimePart> part{g_mime_part_new_with_type(type, subtype)};
  for (const auto& [name, value] : parameters)
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), name, value);
  ObjectHandle<GMimeStream> stream{
      g_mime_stream_mem_new_with_buffer(content.data(), content.size())};
  ObjectHandle<GMimeDataWrapper> wrapper{
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT)};
  g_mime_part_set_content(part.get(), wrapper.get());
  g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

void add_mailbox(InternetAddressList* list, const Mailbox& mailbox) {
  ObjectHandle<InternetAddress> address{internet_address_mailbox_new(
      mailbox.name.empty() ? nullptr : mailbox.name.c_str(), mailbox.address.c_str())};
  internet_address_set_charset(address.get(), "UTF-8");
  internet_address_list_add(list, address.get());
}

// A boundary that cannot occur in what it separates: base64 lines and the part headers written
// here never hold "=_".
std::string boundary(std::string_view kind, std::string_view message_id) {
  std::array<char, 9> hash{};
  std::snprintf(hash.data(), hash.size(), "%08x", static_cast<unsigned>(fnv1a_32(message_id)));
  return "=_torikumi_" + std::string{kind} + "_" + hash.data();
}

// Writes a header's value as given (detail/encoded_words.hpp says why GMime's own encoding is
// not used for Japanese text). GMime keeps a raw value with its leading space and line end.
void set_raw_value(GMimeObject* object, const char* name, const std::string& value) {
  GMimeHeader* header = g_mime_header_list_get_header(g_mime_object_get_header_list(object), name);
  if (header != nullptr) g_mime_header_set_raw_value(header, (" " + value + "\n").c_str());
}

std::string address_list(const std::vector<Mailbox>& mailboxes) {
  std::string list;
  for (const Mailbox& mailbox : mailboxes) {
    if (!list.empty()) list += ",\n ";
    list += detail::header_mailbox(mailbox.name, mailbox.address);
  }
  return list;
}

}  // namespace

std::string_view to_string(ItipMethod method) {
  switch (method) {
    case ItipMethod::publish:
      return "PUBLISH";
    case ItipMethod::request:
      return "REQUEST";
    case ItipMethod::add:
      return "ADD";
    case ItipMethod::cancel:
      return "CANCEL";
    case ItipMethod::declinecounter:
      return "DECLINECOUNTER";
  }
  return "REQUEST";
}

Result<std::string> message_id_for(std::string_view id, std::string_view domain) {
  if (id.empty() || id.size() > kMaximumIdBytes)
    return Error{"message id: id: expected 1 to " + std::to_string(kMaximumIdBytes) +
                     " bytes, got " + in_quotes(detail::valid_utf8(id)),
                 ErrorCode::invalid,
                 meaning_of(mail_meaning::kInvalidMessageId, {detail::valid_utf8(id)})};
  if (!is_host_name(domain))
    return Error{
        "message id: domain: expected a host name, got " + in_quotes(detail::valid_utf8(domain)),
        ErrorCode::invalid, meaning_of(mail_meaning::kInvalidDomain, {detail::valid_utf8(domain)})};
  std::string result;
  for (const char character : id) {
    if ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
        (character >= '0' && character <= '9') || character == '_' || character == '-') {
      result += character;
      continue;
    }
    std::array<char, 4> escaped{};
    std::snprintf(escaped.data(), escaped.size(), "=%02X", static_cast<unsigned char>(character));
    result += escaped.data();
  }
  return result + "@" + std::string{domain};
}

Result<std::string> build_imip_message(const ImipMessage& message) {
  if (std::optional<Error> error = check(message)) return *error;
  detail::initialise_gmime();

  const std::string method{to_string(message.method)};
  const std::string calendar = detail::with_crlf_line_ends(message.calendar);

  ObjectHandle<GMimeMultipart> alternative{g_mime_multipart_new_with_subtype("alternative")};
  g_mime_multipart_set_boundary(alternative.get(), boundary("alt", message.message_id).c_str());
  for (ObjectHandle<GMimePart>& part :
       std::array{new_part("text", "plain", detail::with_crlf_line_ends(message.text_body),
                           {{"charset", "UTF-8"}}),
                  new_part("text", "html", detail::with_crlf_line_ends(message.html_body),
                           {{"charset", "UTF-8"}}),
                  new_part("text", "calendar", calendar,
                           {{"method", method.c_str()}, {"charset", "UTF-8"}})})
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(part.get()));

  // The copy for people and programs that save the file rather than answer in a calendar
  // client (LGWAN webmail, an office's import). application/ics, as Google Calendar sends its
  // invite.ics, rather than text/calendar: a second text/calendar part is a second iTIP object
  // to clients that scan every part (RFC 6047 §2.4 allows one method per message and some
  // clients then show or process the invitation twice), while application/octet-stream would
  // hide that it is a calendar at all.
  ObjectHandle<GMimePart> attachment = new_part("application", "ics", calendar, {});
  g_mime_object_set_disposition(GMIME_OBJECT(attachment.get()), "attachment");
  g_mime_part_set_filename(attachment.get(), message.attachment_file_name.c_str());

  ObjectHandle<GMimeMultipart> mixed{g_mime_multipart_new_with_subtype("mixed")};
  g_mime_multipart_set_boundary(mixed.get(), boundary("mixed", message.message_id).c_str());
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alternative.get()));
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(attachment.get()));

  ObjectHandle<GMimeMessage> mime{g_mime_message_new(TRUE)};
  add_mailbox(g_mime_message_get_from(mime.get()), message.from);
  if (message.reply_to) add_mailbox(g_mime_message_get_reply_to(mime.get()), *message.reply_to);
  for (const Mailbox& recipient : message.to)
    add_mailbox(g_mime_message_get_to(mime.get()), recipient);
  g_mime_message_set_subject(mime.get(), message.subject.c_str(), "UTF-8");
  const DateTimeHandle date{
      g_date_time_new_from_unix_utc(static_cast<gint64>(message.date.time_since_epoch().count()))};
  g_mime_message_set_date(mime.get(), date.get());
  g_mime_message_set_message_id(mime.get(), message.message_id.c_str());
  g_mime_message_set_mime_part(mime.get(), GMIME_OBJECT(mixed.get()));
  GMimeObject* top = GMIME_OBJECT(mime.get());
  set_raw_value(top, "From", address_list({message.from}));
  if (message.reply_to) set_raw_value(top, "Reply-To", address_list({*message.reply_to}));
  set_raw_value(top, "To", address_list(message.to));
  set_raw_value(top, "Subject", detail::header_text(message.subject));

  const FormatOptionsHandle options{g_mime_format_options_new()};
  g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
  ObjectHandle<GMimeStream> output{g_mime_stream_mem_new()};
  if (g_mime_object_write_to_stream(GMIME_OBJECT(mime.get()), options.get(), output.get()) < 0)
    return internal_error("imip message: GMime could not write the message");
  return detail::bytes_of(output.get());
}

}  // namespace torikumi::mail
