// The main a fuzz target gets in the ordinary build, where libFuzzer is not linked: runs
// LLVMFuzzerTestOneInput once over each file given, and over every regular file under each
// directory given (recursively, in name order, so a failure names the same file every time).
// Exits 0 when every input ran; 1 when an argument cannot be read or names no file at all. A
// crash or a failed invariant (__builtin_trap, abort) ends the process, after the file's name
// has been printed, so ctest shows the input that failed.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The regular files named by `argument`: itself, or the files under it. Empty on an error, which
// has been printed.
std::vector<fs::path> files_of(const fs::path& argument) {
  std::error_code error;
  if (fs::is_regular_file(argument, error)) return {argument};
  if (!fs::is_directory(argument, error)) {
    std::fprintf(stderr, "corpus_driver: %s: not a file or directory\n", argument.c_str());
    return {};
  }
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it{argument, error}, end; !error && it != end;
       it.increment(error))
    if (it->is_regular_file(error)) files.push_back(it->path());
  if (error) {
    std::fprintf(stderr, "corpus_driver: %s: %s\n", argument.c_str(), error.message().c_str());
    return {};
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) std::fprintf(stderr, "corpus_driver: %s: no files\n", argument.c_str());
  return files;
}

bool run_file(const fs::path& file) {
  std::ifstream stream{file, std::ios::binary};
  if (!stream) {
    std::fprintf(stderr, "corpus_driver: %s: cannot read\n", file.c_str());
    return false;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>{stream},
                                std::istreambuf_iterator<char>{}};
  // Printed before the run, so a crash is preceded by the name of the input that caused it.
  std::fprintf(stderr, "running %s (%zu bytes)\n", file.c_str(), bytes.size());
  std::fflush(stderr);
  // A copy of exactly the file's size, never null (as libFuzzer passes it), so a read past the
  // end is a heap overflow ASan sees, even for an empty file.
  const auto input = std::make_unique<std::uint8_t[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), input.get());
  LLVMFuzzerTestOneInput(input.get(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
    return 2;
  }
  bool good = true;
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::vector<fs::path> files = files_of(argv[i]);
    if (files.empty()) good = false;
    for (const fs::path& file : files) {
      if (run_file(file))
        ++count;
      else
        good = false;
    }
  }
  std::fprintf(stderr, "corpus_driver: %zu inputs ran\n", count);
  return good ? 0 : 1;
}
