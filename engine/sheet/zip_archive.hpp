#pragma once

// A zip archive held in memory (an .xlsx workbook), its entries read by name with a cap on what
// they inflate to: the archive may come from an upload, and a few kilobytes of deflate can claim
// to be, or be, gigabytes. libzip stays behind this file (internal to engine/sheet; xlsx_sheet is
// the public face).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"

struct zip;  // libzip's zip_t

namespace torikumi {

struct ZipLimits {
  std::size_t entries = 10'000;                // entries in the central directory
  std::size_t entry_bytes = 16 * 1024 * 1024;  // one entry, as inflated
  std::size_t total_bytes = 64 * 1024 * 1024;  // the entries read, together, as inflated
};

// "16 MiB", "1 KiB", "100 bytes": a limit as messages say it.
std::string size_text(std::size_t bytes);

class ZipArchive {
 public:
  // Opens the archive over `bytes`, which must outlive it. Errors (prefixed by the caller):
  //   not a zip archive: no end of central directory
  //   the archive has 20000 entries, more than 10000
  static Result<ZipArchive> open(std::string_view bytes, const ZipLimits& limits);

  // Whether an entry has this name, compared without case (part names in OPC ignore case).
  bool contains(std::string_view name) const;

  // The entry inflated, read up to the limits whatever its header says; a missing entry, one
  // that inflates beyond a limit, or one libzip cannot read is an error naming it:
  //   xl/sharedStrings.xml is larger than 16 MiB uncompressed
  //   xl/worksheets/sheet1.xml makes the entries read larger than 64 MiB uncompressed
  //   xl/worksheets/sheet1.xml: cannot read: CRC error
  Result<std::string> read(std::string_view name);

 private:
  using Handle = std::unique_ptr<zip, void (*)(zip*)>;
  ZipArchive(Handle archive, const ZipLimits& limits);

  Handle archive_;
  ZipLimits limits_;
  std::size_t bytes_read_ = 0;  // inflated so far, by every read
};

}  // namespace torikumi
