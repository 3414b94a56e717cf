// sheet_text_from_xlsx over any bytes, then import_sheet over the text it gives. The bytes are a
// zip archive when they start as one (PK\x03\x04); otherwise they are the XML parts of a
// workbook, separated by "<<<part>>>" (workbook.xml, its rels, sharedStrings.xml, sheet1.xml,
// then any NAME=CONTENT), stored in an archive made here: a mutated deflate stream or CRC rarely
// gets past libzip, so this is how the fuzzer reaches the XML. What must hold: an error starts
// with "xlsx: "; a text is UTF-8 without CR, within the text limit, one line per row, and the
// importer reads it without calling it not UTF-8.

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sheet/sheet_import.hpp"
#include "engine/sheet/xlsx_sheet.hpp"
#include "engine/text/japanese_text.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

constexpr std::string_view kSeparator = "<<<part>>>";

// The parts as a stored (uncompressed) zip archive; empty when libzip refuses one.
std::string archive_of(std::string_view input) {
  static constexpr std::string_view kNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
  std::vector<std::pair<std::string, std::string>> parts;
  while (true) {
    const std::size_t end = input.find(kSeparator);
    const std::string_view content = input.substr(0, end);
    if (parts.size() < std::size(kNames)) {
      parts.emplace_back(std::string{kNames[parts.size()]}, std::string{content});
    } else if (const std::size_t equals = content.find('='); equals != std::string_view::npos) {
      parts.emplace_back(std::string{content.substr(0, equals)},
                         std::string{content.substr(equals + 1)});
    }
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + kSeparator.size());
  }

  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> buffer{
      zip_source_buffer_create(nullptr, 0, 0, &error), &zip_source_free};
  zip_error_fini(&error);
  if (!buffer) return {};
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, nullptr);
  if (archive == nullptr) return {};
  zip_source_keep(buffer.get());  // the archive frees its reference on close; the bytes are ours
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr) continue;
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      continue;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return {};
  }
  std::string bytes;
  if (zip_source_open(buffer.get()) != 0) return {};
  char chunk[4096];
  for (zip_int64_t got; (got = zip_source_read(buffer.get(), chunk, sizeof chunk)) > 0;)
    bytes.append(chunk, static_cast<std::size_t>(got));
  zip_source_close(buffer.get());
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  const std::string_view input = fuzz::text_of(data, size);
  const std::string bytes = looks_like_xlsx(input) ? std::string{input} : archive_of(input);
  const XlsxLimits limits;
  const auto text = sheet_text_from_xlsx(bytes, limits);
  if (!text) {
    TORIKUMI_FUZZ_CHECK(text.error().message.starts_with("xlsx: "));
    return 0;
  }
  TORIKUMI_FUZZ_CHECK(!text->empty() && text->ends_with('\n'));
  TORIKUMI_FUZZ_CHECK(text->size() <= limits.text_bytes);
  TORIKUMI_FUZZ_CHECK(text->find('\r') == std::string::npos);
  TORIKUMI_FUZZ_CHECK(decode_utf8(*text).ok());
  const auto imported = import_sheet(*text, SheetImportOptions{});
  TORIKUMI_FUZZ_CHECK(imported.ok() || !imported.error().message.starts_with("invalid UTF-8"));
  return 0;
}
