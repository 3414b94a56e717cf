#include "engine/progress/occurrence_status.hpp"

#include <doctest/doctest.h>

#include "engine/progress/expansion.hpp"

using namespace date;
using namespace torikumi;

namespace {

Occurrence due_on(sys_days due) {
  Occurrence occurrence;
  occurrence.id = "p/meeting/2026-05";
  occurrence.start = due - days{30};
  occurrence.due = due;
  return occurrence;
}

}  // namespace

TEST_CASE(
    "an occurrence is open while planned or scheduled and closed once done, skipped or cancelled") {
  CHECK(is_open(OccurrenceStatus::planned));
  CHECK(is_open(OccurrenceStatus::scheduled));
  CHECK_FALSE(is_open(OccurrenceStatus::done));
  CHECK_FALSE(is_open(OccurrenceStatus::skipped));
  CHECK_FALSE(is_open(OccurrenceStatus::cancelled));
}

TEST_CASE("an open occurrence is overdue from the day after its due day") {
  const Occurrence occurrence = due_on(sys_days{2026_y / May / 31});
  CHECK_FALSE(is_overdue(occurrence, OccurrenceStatus::planned, sys_days{2026_y / May / 31}));
  CHECK(is_overdue(occurrence, OccurrenceStatus::planned, sys_days{2026_y / June / 1}));
  CHECK(is_overdue(occurrence, OccurrenceStatus::scheduled, sys_days{2026_y / June / 1}));
  CHECK_FALSE(is_overdue(occurrence, OccurrenceStatus::done, sys_days{2026_y / June / 1}));
  CHECK_FALSE(is_overdue(occurrence, OccurrenceStatus::cancelled, sys_days{2026_y / June / 1}));
}

TEST_CASE("the shown status is the recorded one, or overdue in place of an open one past due") {
  const Occurrence occurrence = due_on(sys_days{2026_y / May / 31});
  const sys_days before{2026_y / May / 1};
  const sys_days after{2026_y / June / 1};
  CHECK(shown_status(occurrence, OccurrenceStatus::planned, before) == ShownStatus::planned);
  CHECK(shown_status(occurrence, OccurrenceStatus::scheduled, after) == ShownStatus::overdue);
  CHECK(shown_status(occurrence, OccurrenceStatus::skipped, after) == ShownStatus::skipped);
  CHECK(to_string(ShownStatus::overdue) == "overdue");
  CHECK(to_string(ShownStatus::cancelled) == "cancelled");
  CHECK(parse_occurrence_status("scheduled") == OccurrenceStatus::scheduled);
  CHECK(parse_occurrence_status("overdue") == std::nullopt);
}
