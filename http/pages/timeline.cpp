// The fiscal-year timeline of the plan page (render_timeline_svg in dashboard.hpp), laid out by
// templates/timeline.svg.mustache; its colours are the stylesheet's classes.

#include "engine/text/japanese_text.hpp"
#include "http/api/api.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"

namespace torikumi::http {

namespace {

using page::number_text;
using templates::View;

constexpr int kLabelWidth = 230;
constexpr int kMonthWidth = 62;
constexpr int kHeaderHeight = 40;
constexpr int kRowHeight = 24;
constexpr std::size_t kLabelCharacters = 15;

std::string shortened(const std::string& text, std::size_t characters) {
  const std::u32string code_points = code_points_of(text);
  if (code_points.size() <= characters) return text;
  std::string out;
  for (std::size_t i = 0; i + 1 < characters; ++i) append_utf8(out, code_points[i]);
  return out + "…";
}

// Where things fall on the chart: days to x, and the chart's size.
struct TimelineScale {
  date::sys_days first;
  double days_in_year = 0;
  int height = 0;
  int width = 0;

  double x_of(date::sys_days day) const {
    return kLabelWidth +
           kMonthWidth * 12 * static_cast<double>((day - first).count()) / days_in_year;
  }
};

View period_bands(const Plan& plan, const FiscalYear& year) {
  View bands{View::type::list};
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    const auto& period = plan.periods[p];
    const double x0 =
        kLabelWidth + kMonthWidth * static_cast<double>(year.index_of(period.first_month));
    const double x1 =
        kLabelWidth + kMonthWidth * static_cast<double>(year.index_of(period.last_month) + 1);
    View band{View::type::object};
    band.set("alternate", p % 2 == 1);
    band.set("x0", number_text(x0));
    band.set("band_width", number_text(x1 - x0));
    band.set("middle", number_text((x0 + x1) / 2));
    band.set("name", period.name);
    bands.push_back(band);
  }
  return bands;
}

View month_columns(const FiscalYear& year, const TimelineScale& scale) {
  View months{View::type::list};
  for (unsigned m = 0; m < 12; ++m) {
    const date::year_month month = year.first_year_month() + date::months{m};
    const double x = scale.x_of(date::sys_days{month / 1});
    View column{View::type::object};
    column.set("x", number_text(x));
    column.set("bottom", std::to_string(scale.height - 4));
    column.set("middle", number_text(x + kMonthWidth / 2.0));
    column.set("number", std::to_string(static_cast<unsigned>(month.month())));
    months.push_back(column);
  }
  return months;
}

// One occurrence: a bar over its window, or a dot on a meeting's day; its class its status.
View occurrence_mark(const PlanSnapshot& snapshot, const Occurrence& occurrence, int y,
                     const TimelineScale& scale, date::sys_days today, Language language) {
  const OccurrenceStatus status = snapshot.recorded.status_of(occurrence.id);
  const ShownStatus shown = shown_status(occurrence, status, today);
  View mark{View::type::object};
  mark.set("class", std::string{to_string(shown)});
  mark.set("tip", occurrence.id + " · " + page::status_text(shown, language));
  mark.set("dot", occurrence.scheduled_start.has_value());
  if (occurrence.scheduled_start) {
    mark.set("x",
             number_text(scale.x_of(date::floor<date::days>(*occurrence.scheduled_start)) + 2));
    mark.set("cy", std::to_string(y + 12));
    return mark;
  }
  const double x0 = scale.x_of(occurrence.start);
  const double x1 = std::max(x0 + 4, scale.x_of(occurrence.due + date::days{1}));
  mark.set("x", number_text(x0 + 1));
  mark.set("bar_y", std::to_string(y + 6));
  mark.set("bar_width", number_text(x1 - x0 - 2));
  return mark;
}

View task_rows(const PlanSnapshot& snapshot, const std::vector<const Task*>& tasks,
               const TimelineScale& scale, date::sys_days today, Language language) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < tasks.size(); ++r) {
    const Task& task = *tasks[r];
    const int y = kHeaderHeight + kRowHeight * static_cast<int>(r);
    View row{View::type::object};
    row.set("stripe", r % 2 == 1);
    row.set("y", std::to_string(y));
    row.set("text_y", std::to_string(y + 16));
    row.set("title", task.title);
    row.set("label", shortened(task.title, kLabelCharacters));
    View marks{View::type::list};
    for (const Occurrence& occurrence : snapshot.expansion.occurrences)
      if (occurrence.task == &task)
        marks.push_back(occurrence_mark(snapshot, occurrence, y, scale, today, language));
    row.set("marks", marks);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::string render_timeline_svg(const PlanSnapshot& snapshot, const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const FiscalYear& year = snapshot.expansion.fiscal_year;
  const date::sys_days today = snapshot.expansion.zone.today(context.now);

  std::vector<const Task*> tasks;
  for (const Task& task : plan.tasks) {
    for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
      if (occurrence.task == &task) {
        tasks.push_back(&task);
        break;
      }
    }
  }
  TimelineScale scale{.first = year.first_day(),
                      .days_in_year = static_cast<double>((year.end() - year.first_day()).count()),
                      .height = kHeaderHeight + kRowHeight * static_cast<int>(tasks.size()) + 8,
                      .width = kLabelWidth + kMonthWidth * 12 + 8};
  View view{View::type::object};
  view.set("svg_width", std::to_string(scale.width));
  view.set("svg_height", std::to_string(scale.height));
  view.set("row_height", std::to_string(kRowHeight));
  view.set("periods", period_bands(plan, year));
  view.set("months", month_columns(year, scale));
  view.set("rows", task_rows(snapshot, tasks, scale, today, context.language));
  if (year.contains(today)) {
    const double x = scale.x_of(today);
    View line{View::type::object};
    line.set("x", number_text(x));
    line.set("bottom", std::to_string(scale.height - 4));
    line.set("text_x", number_text(x + 3));
    line.set("text_y", std::to_string(scale.height - 6));
    view.set("today", line);
  } else {
    view.set("today", false);
  }
  return templates::render("timeline.svg.mustache", view, page::shared_view(context.language));
}

}  // namespace torikumi::http
