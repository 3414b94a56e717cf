// The fiscal-year timeline of the plan page (render_timeline_svg in dashboard.hpp), laid out by
// templates/timeline.svg.mustache; its colours are the stylesheet's classes.

#include "engine/text/japanese_text.hpp"
#include "http/api/api.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/page_views.hpp"

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
    templates::put(band, "alternate", p % 2 == 1);
    templates::put(band, "x0", number_text(x0));
    templates::put(band, "band_width", number_text(x1 - x0));
    templates::put(band, "middle", number_text((x0 + x1) / 2));
    templates::put(band, "name", period.name);
    templates::append(bands, std::move(band));
  }
  return bands;
}

View month_columns(const FiscalYear& year, const TimelineScale& scale) {
  View months{View::type::list};
  for (unsigned m = 0; m < 12; ++m) {
    const date::year_month month = year.first_year_month() + date::months{m};
    const double x = scale.x_of(date::sys_days{month / 1});
    View column{View::type::object};
    templates::put(column, "x", number_text(x));
    templates::put(column, "bottom", std::to_string(scale.height - 4));
    templates::put(column, "middle", number_text(x + kMonthWidth / 2.0));
    templates::put(column, "number", std::to_string(static_cast<unsigned>(month.month())));
    templates::append(months, std::move(column));
  }
  return months;
}

// One piece of an occurrence (page::drawn_pieces): a bar over its window (a span's share, over
// its part of the span), or a dot on a meeting's day; its class the status it is counted with.
View occurrence_mark(const Occurrence& occurrence, const page::DrawnPiece& piece,
                     const PlanSnapshot& snapshot, int y, const TimelineScale& scale,
                     Language language) {
  std::string tip = occurrence.id;
  if (piece.share)
    tip += " · " + std::string{page::label(language, "share_before")} +
           snapshot.plan->periods[piece.share->period].name +
           std::string{page::label(language, "share_after")};
  View mark{View::type::object};
  templates::put(mark, "class", std::string{to_string(piece.status)});
  templates::put(mark, "tip", tip + " · " + page::status_text(piece.status, language));
  templates::put(mark, "dot", occurrence.scheduled_start.has_value());
  if (occurrence.scheduled_start) {
    templates::put(
        mark, "x",
        number_text(scale.x_of(date::floor<date::days>(*occurrence.scheduled_start)) + 2));
    templates::put(mark, "cy", std::to_string(y + 12));
    return mark;
  }
  const double x0 = scale.x_of(piece.start);
  const double x1 = std::max(x0 + 4, scale.x_of(piece.due + date::days{1}));
  templates::put(mark, "x", number_text(x0 + 1));
  templates::put(mark, "bar_y", std::to_string(y + 6));
  templates::put(mark, "bar_width", number_text(x1 - x0 - 2));
  return mark;
}

View task_rows(const PlanSnapshot& snapshot, const std::vector<const Task*>& tasks,
               const std::vector<PeriodShare>& shares, const TimelineScale& scale,
               date::sys_days today, Language language) {
  View rows{View::type::list};
  for (std::size_t r = 0; r < tasks.size(); ++r) {
    const Task& task = *tasks[r];
    const int y = kHeaderHeight + kRowHeight * static_cast<int>(r);
    View row{View::type::object};
    templates::put(row, "stripe", r % 2 == 1);
    templates::put(row, "y", std::to_string(y));
    templates::put(row, "text_y", std::to_string(y + 16));
    templates::put(row, "title", task.title);
    templates::put(row, "label", shortened(task.title, kLabelCharacters));
    View marks{View::type::list};
    for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
      if (occurrence.task != &task) continue;
      const OccurrenceStatus status = snapshot.recorded.status_of(occurrence.id);
      for (const page::DrawnPiece& piece : page::drawn_pieces(occurrence, status, shares, today))
        templates::append(marks, occurrence_mark(occurrence, piece, snapshot, y, scale, language));
    }
    templates::put(row, "marks", std::move(marks));
    templates::append(rows, std::move(row));
  }
  return rows;
}

}  // namespace

std::string render_timeline_svg(const PlanSnapshot& snapshot, const PageContext& context) {
  const date::sys_days today = snapshot.expansion.zone.today(context.now);
  return page::timeline_svg(snapshot, page::counted_progress(snapshot, today).shares, context);
}

std::string page::timeline_svg(const PlanSnapshot& snapshot, const std::vector<PeriodShare>& shares,
                               const PageContext& context) {
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
  templates::put(view, "svg_width", std::to_string(scale.width));
  templates::put(view, "svg_height", std::to_string(scale.height));
  templates::put(view, "row_height", std::to_string(kRowHeight));
  templates::put(view, "periods", period_bands(plan, year));
  templates::put(view, "months", month_columns(year, scale));
  templates::put(view, "rows", task_rows(snapshot, tasks, shares, scale, today, context.language));
  if (year.contains(today)) {
    const double x = scale.x_of(today);
    View line{View::type::object};
    templates::put(line, "x", number_text(x));
    templates::put(line, "bottom", std::to_string(scale.height - 4));
    templates::put(line, "text_x", number_text(x + 3));
    templates::put(line, "text_y", std::to_string(scale.height - 6));
    templates::put(view, "today", std::move(line));
  } else {
    templates::put(view, "today", false);
  }
  return templates::render("timeline.svg.mustache", view, page::shared_view(context.language));
}

}  // namespace torikumi::http
