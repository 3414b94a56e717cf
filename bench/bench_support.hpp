#pragma once

// What both benchmarks share: a stopwatch, the process's memory as the kernel counts it, and
// reading `--name N` options. Linux only (getrusage's ru_maxrss in KiB, /proc/self/statm).

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace torikumi::bench {

using Seconds = std::chrono::duration<double>;

// Wall time on the monotonic clock since construction.
class Stopwatch {
 public:
  Stopwatch() : begin_(std::chrono::steady_clock::now()) {}
  Seconds elapsed() const { return std::chrono::steady_clock::now() - begin_; }

 private:
  std::chrono::steady_clock::time_point begin_;
};

// Bytes, printed as MiB.
struct Memory {
  std::int64_t bytes = 0;
  double mebibytes() const { return static_cast<double>(bytes) / (1024.0 * 1024.0); }
};

// The largest resident set the process has had so far (getrusage's ru_maxrss). It never
// goes down, so a growth measured with it is the growth of the peak.
inline Memory peak_resident_memory() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return Memory{static_cast<std::int64_t>(usage.ru_maxrss) * 1024};  // Linux: KiB
}

// The resident set now (the second field of /proc/self/statm, in pages); 0 if unreadable.
inline Memory current_resident_memory() {
  std::ifstream statm{"/proc/self/statm"};
  std::int64_t size_pages = 0;
  std::int64_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return {};
  return Memory{resident_pages * static_cast<std::int64_t>(sysconf(_SC_PAGESIZE))};
}

// "--name 12" at argv[index]: the number, or nullopt (with a message on stderr) when the value
// is missing, not a whole number, or below `minimum`.
inline std::optional<long> read_count_option(int argc, char** argv, int& index, long minimum) {
  const std::string_view name{argv[index]};
  if (index + 1 >= argc) {
    std::fprintf(stderr, "%.*s: expected a number after it\n", static_cast<int>(name.size()),
                 name.data());
    return std::nullopt;
  }
  const std::string_view text{argv[++index]};
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < minimum) {
    std::fprintf(stderr, "%.*s: expected a whole number of at least %ld, got \"%.*s\"\n",
                 static_cast<int>(name.size()), name.data(), minimum, static_cast<int>(text.size()),
                 text.data());
    return std::nullopt;
  }
  return value;
}

// 12345678 as "12,345,678", so rates read at a glance.
inline std::string group_digits(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

inline std::string group_digits(double value) {
  return group_digits(static_cast<std::uint64_t>(value + 0.5));
}

}  // namespace torikumi::bench
