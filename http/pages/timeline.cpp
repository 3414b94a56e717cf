// The fiscal-year timeline of the plan page (render_timeline_svg in dashboard.hpp).

#include <sstream>

#include "engine/text/html.hpp"
#include "engine/text/japanese_text.hpp"
#include "http/api/api.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/page_text.hpp"

namespace torikumi::http {

namespace {

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

const char* status_colour(std::string_view status_class) {
  if (status_class == "done") return "#2e7d32";
  if (status_class == "overdue") return "#c62828";
  if (status_class == "scheduled") return "#6a3fb5";
  if (status_class == "skipped" || status_class == "cancelled") return "#8a8f99";
  return "#1f5fbf";
}

}  // namespace

std::string render_timeline_svg(const PlanSnapshot& snapshot, const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const FiscalYear& year = snapshot.expansion.fiscal_year;
  const date::sys_days today = local_day(context.now, plan.time_zone);
  const auto first = year.first_day();
  const double days_in_year = static_cast<double>((year.end() - first).count());
  const int chart_width = kMonthWidth * 12;
  const auto x_of = [&](date::sys_days day) {
    return kLabelWidth + chart_width * static_cast<double>((day - first).count()) / days_in_year;
  };

  std::vector<const Task*> rows;
  for (const Task& task : plan.tasks) {
    for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
      if (occurrence.task == &task) {
        rows.push_back(&task);
        break;
      }
    }
  }
  const int height = kHeaderHeight + kRowHeight * static_cast<int>(rows.size()) + 8;
  const int width = kLabelWidth + chart_width + 8;
  std::ostringstream out;
  out << "<div class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << width << ' ' << height
      << "\" role=\"img\" aria-label=\"" << page::words(context.language, "年間タイムライン", "fiscal-year timeline")
      << "\" font-size=\"12\" font-family=\"Noto Sans CJK JP, sans-serif\">";
  // Periods as bands, months as columns.
  for (std::size_t p = 0; p < plan.periods.size(); ++p) {
    const auto& period = plan.periods[p];
    const double x0 = kLabelWidth + kMonthWidth * static_cast<double>(year.index_of(period.first_month));
    const double x1 = kLabelWidth + kMonthWidth * static_cast<double>(year.index_of(period.last_month) + 1);
    out << "<rect x=\"" << x0 << "\" y=\"0\" width=\"" << x1 - x0 << "\" height=\"18\" fill=\""
        << (p % 2 == 0 ? "#e8eef8" : "#dde6f3") << "\"/><text x=\"" << (x0 + x1) / 2
        << "\" y=\"13\" text-anchor=\"middle\" fill=\"#23304a\">" << escape_html(period.name) << "</text>";
  }
  for (unsigned m = 0; m < 12; ++m) {
    const date::year_month month = year.first_year_month() + date::months{m};
    const double x = x_of(date::sys_days{month / 1});
    out << "<line x1=\"" << x << "\" y1=\"18\" x2=\"" << x << "\" y2=\"" << height - 4
        << "\" stroke=\"#d9dde5\"/><text x=\"" << x + kMonthWidth / 2.0 << "\" y=\"33\" text-anchor=\"middle\" fill=\"#5b6475\">"
        << static_cast<unsigned>(month.month()) << page::words(context.language, "月", "") << "</text>";
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Task& task = *rows[r];
    const int y = kHeaderHeight + kRowHeight * static_cast<int>(r);
    if (r % 2 == 1)
      out << "<rect x=\"0\" y=\"" << y << "\" width=\"" << width << "\" height=\"" << kRowHeight
          << "\" fill=\"#f6f7f9\" fill-opacity=\"0.7\"/>";
    out << "<text x=\"4\" y=\"" << y + 16 << "\" fill=\"#1d2330\"><title>" << escape_html(task.title) << "</title>"
        << escape_html(shortened(task.title, kLabelCharacters)) << "</text>";
    for (const Occurrence& occurrence : snapshot.expansion.occurrences) {
      if (occurrence.task != &task) continue;
      const OccurrenceStatus status = snapshot.recorded.status_of(occurrence.id);
      const bool late = occurrence.due < today &&
                        (status == OccurrenceStatus::planned || status == OccurrenceStatus::scheduled);
      const char* colour = status_colour(page::status_class(status, late));
      const std::string tip = escape_html(occurrence.id + " · " + page::status_text(status, late, context.language));
      if (occurrence.scheduled_start) {
        const double x = x_of(date::floor<date::days>(*occurrence.scheduled_start)) + 2;
        out << "<circle cx=\"" << x << "\" cy=\"" << y + 12 << "\" r=\"6\" fill=\"" << colour << "\"><title>" << tip
            << "</title></circle>";
        continue;
      }
      const double x0 = x_of(occurrence.start);
      const double x1 = std::max(x0 + 4, x_of(occurrence.due + date::days{1}));
      out << "<rect x=\"" << x0 + 1 << "\" y=\"" << y + 6 << "\" width=\"" << x1 - x0 - 2 << "\" height=\"12\" rx=\"3\" fill=\""
          << colour << "\" fill-opacity=\"0.85\"><title>" << tip << "</title></rect>";
    }
  }
  if (year.contains(today)) {
    const double x = x_of(today);
    out << "<line x1=\"" << x << "\" y1=\"18\" x2=\"" << x << "\" y2=\"" << height - 4
        << "\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"" << x + 3 << "\" y=\""
        << height - 6 << "\" fill=\"#c62828\" font-size=\"11\">" << page::words(context.language, "今日", "today")
        << "</text>";
  }
  out << "</svg></div><p class=\"legend meta\"><span style=\"color:#1f5fbf\">■ "
      << page::words(context.language, "予定", "planned") << "</span><span style=\"color:#2e7d32\">■ "
      << page::words(context.language, "完了", "done") << "</span><span style=\"color:#c62828\">■ "
      << page::words(context.language, "期限超過", "overdue") << "</span><span style=\"color:#8a8f99\">■ "
      << page::words(context.language, "見送り・中止", "skipped / cancelled") << "</span><span>● "
      << page::words(context.language, "会議", "meeting") << "</span></p>";
  return out.str();
}

}  // namespace torikumi::http
