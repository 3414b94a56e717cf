#pragma once

// A database file in the temporary directory, removed (with its -wal and -shm) afterwards, and
// plans for the store tests.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "engine/plan/plan.hpp"
#include "engine/plan/plan_json.hpp"

namespace torikumi::store::testing {

class TemporaryDatabase {
 public:
  TemporaryDatabase() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("torikumi-store-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
              ".db"))
                .string();
    remove();
  }
  ~TemporaryDatabase() { remove(); }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  const std::string& path() const { return path_; }

 private:
  void remove() {
    std::error_code ignored;
    // .dispatch-lock: the reminder dispatcher's lock file beside the database.
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".dispatch-lock"})
      std::filesystem::remove(path_ + suffix, ignored);
  }
  std::string path_;
};

// A plan of `tasks` monthly tasks (12 occurrences each in a fiscal year).
inline std::string monthly_plan_json(const std::string& id, int tasks) {
  std::string json =
      R"({"id": ")" + id + R"(", "organisation": {"name": "東区役所"}, "initiative": "取組",
    "fiscal_year": 2026, "tasks": [)";
  for (int i = 0; i < tasks; ++i) {
    json += (i ? ", " : "") + std::string{R"({"id": "t)"} + std::to_string(i) +
            R"(", "title": "作業)" + std::to_string(i) + R"(", "when": "毎月"})";
  }
  return json + "]}";
}

inline Plan read_test_plan(const std::string& json) {
  auto plan = read_plan_json(json);
  if (!plan) throw std::runtime_error{plan.error().front().to_string()};
  return std::move(plan.value());
}

}  // namespace torikumi::store::testing
