// The 様式4 form as HTML (http/pages/templates/progress_form_html.hpp).

#include "http/pages/templates/progress_form_html.hpp"

#include <doctest/doctest.h>

#include "engine/progress/progress_marks.hpp"
#include "tests/engine/progress/higashi_with_progress.hpp"

using namespace date;
using namespace torikumi;
using torikumi::testing::higashi_with_progress;

TEST_CASE("the html form escapes every piece of user text") {
  Plan plan = higashi_with_progress();
  plan.initiative = "<script>alert(1)</script>";
  plan.tasks[0].source_text = "会議 & \"打合せ\" <b>";
  plan.organisation.unit = "O'Reilly";
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const std::string form =
      render_progress_form_html(plan, *expansion, mark_progress(plan, *expansion), "");
  CHECK(form.find("<script>") == std::string::npos);
  CHECK(form.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(form.find("会議 &amp; &quot;打合せ&quot; &lt;b&gt;") != std::string::npos);
  CHECK(form.find("O&#39;Reilly") != std::string::npos);
  CHECK(form.find("size: A4") != std::string::npos);
  CHECK(form.starts_with("<!doctype html>\n<html lang=\"ja\">"));
}
