#include "engine/progress/occurrence_status.hpp"

#include <array>
#include <cstddef>

#include "engine/progress/expansion.hpp"

namespace torikumi {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"planned", "scheduled", "done", "skipped",
                                                          "cancelled"};

}  // namespace

std::string_view to_string(OccurrenceStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<OccurrenceStatus> parse_occurrence_status(std::string_view text) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i)
    if (kStatusNames[i] == text) return static_cast<OccurrenceStatus>(i);
  return std::nullopt;
}

bool is_overdue(const Occurrence& occurrence, OccurrenceStatus status, date::sys_days today) {
  return is_open(status) && occurrence.due < today;
}

ShownStatus shown_status(const Occurrence& occurrence, OccurrenceStatus status,
                         date::sys_days today) {
  if (is_overdue(occurrence, status, today)) return ShownStatus::overdue;
  return static_cast<ShownStatus>(status);
}

std::string_view to_string(ShownStatus status) {
  if (status == ShownStatus::overdue) return "overdue";
  return to_string(static_cast<OccurrenceStatus>(status));
}

}  // namespace torikumi
