#include "engine/sheet/zip_archive.hpp"

#include <zip.h>

#include <array>
#include <utility>

namespace torikumi {

namespace {

constexpr std::size_t kKibibyte = 1024;
constexpr std::size_t kMebibyte = 1024 * kKibibyte;

using SourceHandle = std::unique_ptr<zip_source_t, decltype(&zip_source_free)>;
using FileHandle = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

// libzip's words for an archive it cannot open, except where ours say more.
std::string open_error_text(zip_error_t& error) {
  switch (zip_error_code_zip(&error)) {
    case ZIP_ER_NOZIP:
      return "not a zip archive: no end of central directory";
    case ZIP_ER_INCONS:
      return "not a zip archive: its directory is inconsistent";
    default:
      return std::string{"not a zip archive: "} + zip_error_strerror(&error);
  }
}

}  // namespace

std::string size_text(std::size_t bytes) {
  if (bytes >= kMebibyte && bytes % kMebibyte == 0)
    return std::to_string(bytes / kMebibyte) + " MiB";
  if (bytes >= kKibibyte && bytes % kKibibyte == 0)
    return std::to_string(bytes / kKibibyte) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

ZipArchive::ZipArchive(Handle archive, const ZipLimits& limits)
    : archive_(std::move(archive)), limits_(limits) {}

Result<ZipArchive> ZipArchive::open(std::string_view bytes, const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  SourceHandle source{zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error),
                      &zip_source_free};
  if (!source) {
    std::string message = open_error_text(error);
    zip_error_fini(&error);
    return Error{std::move(message)};
  }
  Handle archive{zip_open_from_source(source.get(), ZIP_RDONLY, &error), &zip_discard};
  if (!archive) {
    std::string message = open_error_text(error);
    zip_error_fini(&error);
    return Error{std::move(message)};  // the source is still ours, and freed
  }
  zip_error_fini(&error);
  source.release();  // the archive took it
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  if (entries < 0 || static_cast<zip_uint64_t>(entries) > limits.entries)
    return Error{"the archive has " + std::to_string(entries) + " entries, more than " +
                 std::to_string(limits.entries)};
  return ZipArchive{std::move(archive), limits};
}

bool ZipArchive::contains(std::string_view name) const {
  return zip_name_locate(archive_.get(), std::string{name}.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::string> ZipArchive::read(std::string_view name) {
  const std::string part{name};
  const zip_int64_t index = zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Error{part + " is missing"};
  FileHandle file{zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0),
                  &zip_fclose};
  if (!file)
    return Error{part + ": cannot read: " + zip_error_strerror(zip_get_error(archive_.get()))};
  std::string content;
  std::array<char, 64 * 1024> buffer;
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
    if (got < 0)
      return Error{part + ": cannot read: " + zip_error_strerror(zip_file_get_error(file.get()))};
    if (got == 0) break;
    const auto size = static_cast<std::size_t>(got);
    if (content.size() + size > limits_.entry_bytes)
      return Error{part + " is larger than " + size_text(limits_.entry_bytes) + " uncompressed"};
    if (bytes_read_ + content.size() + size > limits_.total_bytes)
      return Error{part + " makes the entries read larger than " + size_text(limits_.total_bytes) +
                   " uncompressed"};
    content.append(buffer.data(), size);
  }
  bytes_read_ += content.size();
  return content;
}

}  // namespace torikumi
