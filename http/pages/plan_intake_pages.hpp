#pragma once

// The dashboard's pages that bring a plan in and change it (plan_intake_routes.cpp serves them):
// the upload form, the preview of what saving would do, and the edit forms of a task and of the
// plan. Pure: what to show in, a page out.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/api/plan_writes.hpp"
#include "http/catalog/plan_catalog.hpp"
#include "http/pages/dashboard.hpp"

namespace torikumi::http {

// GET /import[?plan=<id>]: a file (.txt, .xlsx, .json) or pasted text, to preview.
// `replacing`: the plan it replaces, when the visitor came from its page.
std::string render_upload_page(const PlanSnapshot* replacing, const PageContext& context);

// What the preview page's save form carries besides the intake: the file's bytes (base64) and
// name, and the plan the upload replaces, if named.
struct PreviewForm {
  std::string data;
  std::string name;
  std::optional<std::string> replacing{};
};

// POST /import/preview: the plan as it will be scheduled (its timeline, with what the store will
// have recorded of it: intake.summary.previewed_state), every warning with its line, what changes
// against the stored revision, the occurrences that would keep their records without a task and
// those that come back; then the save form, or a way back.
std::string render_preview_page(const PlanIntake& intake, const PreviewForm& form,
                                const PageContext& context);

// GET /plans/<id>/tasks/<task>/edit: its schedule, kind, owner and meeting rule. `entered`: the
// fields as sent, shown again with `refusal` (in the page's language, refusal_text.hpp) after one.
std::string render_task_edit_page(const PlanSnapshot& snapshot, const Task& task,
                                  const std::map<std::string, std::string>* entered,
                                  const HttpError* refusal, const PageContext& context);

// GET /plans/<id>/edit: the plan's meeting rule.
std::string render_plan_edit_page(const PlanSnapshot& snapshot,
                                  const std::map<std::string, std::string>* entered,
                                  const HttpError* refusal, const PageContext& context);

}  // namespace torikumi::http
