#include "http/api/api.hpp"

#include <doctest/doctest.h>

#include "tests/http/http_test_support.hpp"

using namespace torikumi;
using namespace torikumi::http;
using namespace torikumi::http::testing;
using namespace date;

namespace {
const sys_days kToday = sys_days{2026_y / September / 1};
}

TEST_CASE("the plan list links each plan's resources") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const auto plans = plans_to_json(*catalog);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0]["id"] == "higashi-kyosei");
  CHECK(plans[0]["organisation"] == "東区役所");
  CHECK(plans[0]["fiscal_year"] == 2026);
  CHECK(plans[0]["revision"] == 1);
  CHECK(plans[0]["links"]["feed"] == "/calendars/higashi-kyosei.ics");
}

TEST_CASE("occurrences filter by period and owner and kind and status") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const auto all = occurrences_document(*catalog, "higashi-kyosei", {}, kToday);
  REQUIRE(all.ok());
  const std::size_t total = (*all)["occurrences"].size();
  CHECK(total > 6);

  const auto meetings =
      occurrences_document(*catalog, "higashi-kyosei", {{"kind", "meeting"}}, kToday);
  REQUIRE(meetings.ok());
  CHECK((*meetings)["occurrences"].size() == 6);

  const auto first_period = occurrences_document(*catalog, "higashi-kyosei",
                                                 {{"kind", "meeting"}, {"period", "前期"}}, kToday);
  REQUIRE(first_period.ok());
  CHECK((*first_period)["occurrences"].size() == 2);

  const auto owner =
      occurrences_document(*catalog, "higashi-kyosei", {{"owner", "多機関協働担当"}}, kToday);
  REQUIRE(owner.ok());
  CHECK((*owner)["occurrences"].size() == 6);

  // The plan's progress lines mark some done; the rest due before September 1 are overdue.
  const auto done = occurrences_document(*catalog, "higashi-kyosei", {{"status", "done"}}, kToday);
  const auto overdue =
      occurrences_document(*catalog, "higashi-kyosei", {{"status", "overdue"}}, kToday);
  REQUIRE(done.ok());
  REQUIRE(overdue.ok());
  for (const auto& item : (*overdue)["occurrences"]) {
    CHECK(item["overdue"] == true);
    CHECK(item["status"] != "done");
  }
  CHECK((*done)["occurrences"].size() + (*overdue)["occurrences"].size() <= total);
}

TEST_CASE("bad filters are refused with the parameter named") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  struct Row {
    QueryParameters parameters;
    std::string message;
  };
  const Row rows[] = {
      {{{"fy", "20x6"}}, "fy: expected a year from 1949 to 2099, got \"20x6\""},
      {{{"fy", "1900"}}, "fy: expected a year from 1949 to 2099, got \"1900\""},
      {{{"status", "finished"}},
       "status: expected planned, scheduled, done, skipped, cancelled or overdue, got "
       "\"finished\""},
      {{{"kind", "party"}},
       "kind: expected meeting, campaign, deliverable, as-needed or next-year, got \"party\""},
      {{{"period", "夏"}}, "period: expected one of 前期, 中期, 後期, got \"夏\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    const auto result = occurrences_document(*catalog, "higashi-kyosei", row.parameters, kToday);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error() == HttpError{ErrorKind::bad_request, row.message});
  }
  const auto missing = occurrences_document(*catalog, "nishi", {}, kToday);
  CHECK(missing.error() == HttpError{ErrorKind::not_found, "no plan \"nishi\""});
}

TEST_CASE("another fiscal year is expanded on demand") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const auto next = occurrences_document(*catalog, "higashi-kyosei", {{"fy", "2027"}}, kToday);
  REQUIRE(next.ok());
  CHECK((*next)["fiscal_year"] == 2027);
  CHECK((*next)["occurrences"][0]["start"].get<std::string>().starts_with("2027-04"));
}

TEST_CASE("progress counts each period as of a day") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const auto progress =
      progress_document(*catalog, "higashi-kyosei", {{"as_of", "2026-12-01"}}, kToday);
  REQUIRE(progress.ok());
  CHECK((*progress)["as_of"] == "2026-12-01");
  REQUIRE((*progress)["periods"].size() == 3);
  CHECK((*progress)["periods"][0]["period"] == "前期");
  const auto bad = progress_document(*catalog, "higashi-kyosei", {{"as_of", "12/1"}}, kToday);
  CHECK(bad.error() ==
        HttpError{ErrorKind::bad_request, "as_of: expected YYYY-MM-DD, got \"12/1\""});
}

TEST_CASE("the plan document is the plan format with its revision") {
  auto catalog = catalog_of({snapshot_of(higashi_plan())});
  const auto document = plan_document(*catalog, "higashi-kyosei", {});
  REQUIRE(document.ok());
  CHECK((*document)["id"] == "higashi-kyosei");
  CHECK((*document)["fiscal_year_shown"] == 2026);
  CHECK((*document)["revision"] == 1);
  CHECK((*document)["tasks"].size() == 15);
}
