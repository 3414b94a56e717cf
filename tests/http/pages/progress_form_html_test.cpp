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

TEST_CASE("the dashboard's form links back and to each period's form, and prints without them") {
  const Plan plan = higashi_with_progress();
  const auto expansion = expand_plan(plan, 2026_y);
  REQUIRE(expansion.ok());
  const FormLinks links{
      .back = "/plans/higashi-kyosei",
      .periods = {{"前期", "/plans/higashi-kyosei/form?period=%E5%89%8D%E6%9C%9F"},
                  {"中期", "/plans/higashi-kyosei/form?period=%E4%B8%AD%E6%9C%9F"},
                  {"後期", "/plans/higashi-kyosei/form?period=%E5%BE%8C%E6%9C%9F"}},
      .current = "中期",
      .print_script = "/assets/print.js?v=1"};
  const std::string form = render_progress_form_html(
      plan, *expansion,
      recorded_state_from_marks(plan, *expansion, mark_progress(plan, *expansion)), "中期", &links);
  CHECK(form.find("<a href=\"/plans/higashi-kyosei\">← 取組のページへ</a>") != std::string::npos);
  CHECK(form.find("<a href=\"/plans/higashi-kyosei/form?period=%E4%B8%AD%E6%9C%9F\" "
                  "aria-current=\"page\">中期</a>") != std::string::npos);
  const std::string current = "aria-current=\"page\">";
  CHECK(form.find(current) == form.rfind(current));                         // only the period shown
  CHECK(form.find(".form-links { display: none; }") != std::string::npos);  // not printed
  // The print button shows once its script runs; until then, the hint to use the browser's print.
  CHECK(form.find("<script src=\"/assets/print.js?v=1\" defer></script>") != std::string::npos);
  CHECK(form.find("<button type=\"button\" class=\"print\" hidden>印刷する</button><span "
                  "class=\"print-hint\">印刷はブラウザの印刷（Ctrl+P）で</span>") !=
        std::string::npos);
  const std::string printed =
      render_progress_form_html(plan, *expansion, mark_progress(plan, *expansion), "中期");
  CHECK(printed.find("form-links\"") == std::string::npos);  // `torikumi report`: no links
  CHECK(printed.find("<script") == std::string::npos);       // nor a script
}
