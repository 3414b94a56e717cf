#include "engine/sheet/sheet_layout.hpp"

#include <algorithm>
#include <utility>

#include "engine/calendar/japanese_holidays.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_meaning.hpp"
#include "engine/text/japanese_text.hpp"

namespace torikumi {

namespace {

// The parts of a sheet, named by the label in a row's first column.
enum class Section {
  none,
  header,      // 重要取組シート, and the organisation lines under it
  initiative,  // 取組項目
  issues,      // 現状・課題
  measures,    // 取組の内容
  schedule,    // スケジュール
  progress,    // 進捗の状況
  city_plan,   // 2025 堺市基本計画
  sdgs,        // 未来都市SDGs計画
};

std::optional<Section> section_of(const std::string& label) {
  if (label.find("重要取組シート") != std::string::npos) return Section::header;
  if (label == "取組項目" || label == "取組名") return Section::initiative;
  if (label == "現状・課題" || label == "現状課題" || label == "現状と課題" || label == "課題")
    return Section::issues;
  if (label == "取組の内容" || label == "取組内容") return Section::measures;
  if (label == "スケジュール") return Section::schedule;
  if (label == "進捗の状況" || label == "進捗状況") return Section::progress;
  if (label.find("SDG") != std::string::npos) return Section::sdgs;
  if (label.ends_with("計画")) return Section::city_plan;
  return std::nullopt;
}

// (様式4), 様式４: the form number the export leaves between the two halves.
bool is_form_marker(const std::string& label) {
  return label.find("様式") != std::string::npos &&
         label.size() <= std::string_view("(様式99)").size() + 2;
}

bool is_policy_label(const std::string& label) { return label.find("施策") != std::string::npos; }
bool is_kpi_label(const std::string& label) {
  return label.find("KPI") != std::string::npos || label.find("指標") != std::string::npos;
}
bool is_goal_label(const std::string& label) { return label.find("ゴール") != std::string::npos; }

struct Row {
  std::size_t line = 0;
  std::vector<std::string> cells;  // trimmed; conversion leftovers emptied; line breaks spaces
  // The same cells with their line breaks (<br/>, xlsx_sheet.hpp), which part a schedule or
  // progress cell's items.
  std::vector<std::string> written;
};

std::string join_cells(const std::vector<std::string>& cells, std::size_t first,
                       std::string_view separator) {
  std::string out;
  for (std::size_t i = first; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    if (!out.empty()) out += separator;
    out += cells[i];
  }
  return out;
}

std::string cell(const Row& row, std::size_t index) {
  return index < row.cells.size() ? row.cells[index] : std::string{};
}

class LayoutReader {
 public:
  LayoutReader(const std::vector<PeriodDefinition>& periods, SheetWarnings& warnings)
      : periods_(periods), warnings_(warnings) {}

  SheetLayout read(std::string_view text) && {
    for (Row& row : rows_of(text)) read_row(row);
    return std::move(layout_);
  }

 private:
  void warn(std::size_t line, std::string message, Meaning meaning) {
    warnings_.warn(line, std::move(message), std::move(meaning));
  }

  // The fiscal year the title names, when it is one the calendar knows (1949 to 2099, as plans
  // may name); another is said, and the plan names no year.
  void read_title_year(const Row& row) {
    const std::optional<int> year = find_fiscal_year(join_cells(row.cells, 0, " "));
    if (!year) return;
    if (*year >= static_cast<int>(kFirstHolidayYear) &&
        *year <= static_cast<int>(kLastHolidayYear)) {
      layout_.title_year = year;
      return;
    }
    warn(row.line,
         "the title's fiscal year " + std::to_string(*year) +
             " is not one from 1949 to 2099; the plan names no year (give --fy)",
         meaning_of(sheet_meaning::kTitleYearOutOfRange, {std::to_string(*year)}));
  }

  void unrecognised(const Row& row) {
    const std::string text = join_cells(row.cells, 0, " | ");
    warn(row.line, "unrecognised row " + quoted_excerpt(text),
         meaning_of(sheet_meaning::kUnrecognisedRow, {excerpt(text)}));
  }

  static std::vector<Row> rows_of(std::string_view text) {
    const char end_of_line = text.find('\n') != std::string_view::npos ? '\n' : '\r';
    std::vector<Row> rows;
    std::size_t line = 0;
    while (!text.empty()) {
      ++line;
      const std::size_t end = text.find(end_of_line);
      std::string_view content = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      if (content.ends_with('\r')) content.remove_suffix(1);
      Row row{line, {}, {}};
      std::size_t start = 0;
      while (true) {
        const std::size_t tab = content.find('\t', start);
        std::string value{trim_spaces(content.substr(start, tab - start))};
        if (is_conversion_leftover(value)) value.clear();
        row.cells.emplace_back(trim_spaces(line_breaks_as_spaces(value)));
        row.written.push_back(std::move(value));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void read_row(Row& row) {
    if (std::all_of(row.cells.begin(), row.cells.end(),
                    [](const std::string& c) { return c.empty(); }))
      return;
    const std::string label = canonical_label(row.cells.front());
    if (!label.empty()) {
      if (is_form_marker(label)) return;
      const std::optional<Section> section = section_of(label);
      if (!section) {
        const bool sub_row =
            (section_ == Section::city_plan || section_ == Section::sdgs) &&
            (is_policy_label(label) || is_kpi_label(label) || is_goal_label(label));
        if (sub_row) {
          row.cells.insert(row.cells.begin(), std::string{});
          row.written.insert(row.written.begin(), std::string{});
        } else if (section_ == Section::none || section_ == Section::header) {
          read_organisation(row);
          return;
        } else {
          unrecognised(row);
          return;
        }
      } else {
        enter(*section, row);
      }
    } else if (section_ == Section::none || section_ == Section::header) {
      unrecognised(row);
      return;
    }
    switch (section_) {
      case Section::none:
      case Section::header:
        break;
      case Section::initiative: {
        const std::string text = join_japanese_spaces(strip_markup(join_cells(row.cells, 1, " ")));
        if (!text.empty()) layout_.initiative += (layout_.initiative.empty() ? "" : " ") + text;
        break;
      }
      case Section::issues:
        layout_.issues_text += " " + strip_markup(join_cells(row.cells, 1, " "));
        break;
      case Section::measures:
        if (layout_.measures_line == 0) layout_.measures_line = row.line;
        layout_.measures_text += " " + strip_markup(join_cells(row.cells, 1, " "));
        break;
      case Section::schedule:
      case Section::progress:
        read_items(row);
        break;
      case Section::city_plan:
      case Section::sdgs:
        read_city_plan_row(row);
        break;
    }
  }

  void enter(Section section, const Row& row) {
    section_ = section;
    period_.reset();
    period_known_ = false;
    switch (section) {
      case Section::header:
        if (!layout_.title_year) read_title_year(row);
        break;
      case Section::initiative:
        layout_.seen_initiative = true;
        break;
      case Section::schedule:
        layout_.seen_schedule = true;
        break;
      case Section::city_plan: {
        CityPlan city_plan;
        city_plan.name = join_japanese_spaces(row.cells.front());
        layout_.city_plan = std::move(city_plan);
        break;
      }
      default:
        break;
    }
  }

  // 東区役所 / 東保健福祉総合センター: the lines between the title and 取組項目.
  void read_organisation(const Row& row) {
    Organisation& organisation = layout_.organisation;
    std::vector<std::string> leftover;
    for (const std::string& value : row.cells) {
      if (value.empty()) continue;
      const std::string text = join_japanese_spaces(value);
      if (organisation.name.empty())
        organisation.name = text;
      else if (organisation.unit.empty())
        organisation.unit = text;
      else
        leftover.push_back(value);
    }
    if (!leftover.empty()) unrecognised(Row{row.line, leftover, {}});
  }

  std::optional<std::string> period_named(const std::string& label) const {
    for (const PeriodDefinition& period : periods_)
      if (label.starts_with(period.name)) return period.name;
    if (label.starts_with("次年度")) return std::string(kNextYearPeriod);
    return std::nullopt;
  }

  // "前期 (~7月)": warns when the month the label ends at is not the plan's.
  void check_period_end(const Row& row, const std::string& label, const std::string& period) {
    const std::u32string characters = code_points_of(label);
    std::optional<unsigned> last;
    for (std::size_t i = 0; i < characters.size(); ++i) {
      if (characters[i] != U'月') continue;
      std::size_t first = i;
      while (first > 0 && characters[first - 1] >= U'0' && characters[first - 1] <= U'9') --first;
      if (first == i) continue;
      unsigned value = 0;
      for (std::size_t j = first; j < i; ++j) value = value * 10 + (characters[j] - U'0');
      last = value;
    }
    if (!last) return;
    for (const PeriodDefinition& definition : periods_) {
      if (definition.name != period || static_cast<unsigned>(definition.last_month) == *last)
        continue;
      const std::string plan_month = std::to_string(static_cast<unsigned>(definition.last_month));
      warn(row.line,
           "period " + quoted_excerpt(row.cells[1]) + " ends in month " + std::to_string(*last) +
               ", but " + period + " ends in month " + plan_month +
               " in this plan; read as the plan's " + period,
           meaning_of(sheet_meaning::kPeriodEndDiffers,
                      {excerpt(row.cells[1]), std::to_string(*last), period, plan_month}));
    }
  }

  void read_items(const Row& row) {
    std::vector<std::string> items;
    for (std::size_t i = 2; i < row.written.size(); ++i)
      for (std::string& item : checkbox_items(row.written[i])) items.push_back(std::move(item));
    const std::string period_cell = cell(row, 1);
    const char* section_name = section_ == Section::schedule ? "スケジュール" : "進捗の状況";
    if (!period_cell.empty()) {
      const std::string label = canonical_label(period_cell);
      period_ = period_named(label);
      period_known_ = true;
      if (!period_) {
        std::string names;
        std::vector<std::string> subjects{excerpt(period_cell), section_name};
        for (const PeriodDefinition& period : periods_) {
          names += period.name + ", ";
          subjects.push_back(period.name);
        }
        subjects.emplace_back(kNextYearPeriod);
        warn(row.line,
             "unknown period " + quoted_excerpt(period_cell) + " in " + section_name +
                 ", expected one of " + names + std::string(kNextYearPeriod) +
                 "; the row is skipped",
             meaning_of(sheet_meaning::kUnknownPeriod, std::move(subjects)));
        return;
      }
      check_period_end(row, label, *period_);
    } else if (!period_known_) {
      unrecognised(row);
      return;
    }
    if (!period_) return;  // under an unknown period, already reported
    std::vector<Item>& into =
        section_ == Section::schedule ? layout_.schedule_items : layout_.progress_items;
    for (std::string& item : items) into.push_back(Item{row.line, *period_, std::move(item)});
  }

  void read_city_plan_row(const Row& row) {
    const std::string sub_label = canonical_label(cell(row, 1));
    const std::string content = join_cells(row.cells, 2, " ");
    if (sub_label.empty() && content.empty()) return;  // the section's label alone
    if (section_ == Section::city_plan && is_policy_label(sub_label)) {
      if (!layout_.city_plan) layout_.city_plan = CityPlan{};
      layout_.city_plan->policy = join_japanese_spaces(content);
    } else if (is_kpi_label(sub_label)) {
      auto kpi = parse_kpi_cells(cell(row, 2), join_cells(row.cells, 3, " "));
      if (!kpi)
        warn(row.line, kpi.error().message, kpi.error().meaning);
      else if (*kpi)
        layout_.kpis.push_back(KpiRow{row.line, std::move(**kpi)});
    } else if (section_ == Section::sdgs && is_goal_label(sub_label)) {
      auto goals = parse_sdg_cells(cell(row, 2), join_cells(row.cells, 3, " "));
      if (!goals) {
        warn(row.line, goals.error().message, goals.error().meaning);
        return;
      }
      for (SdgGoal& goal : *goals) layout_.sdg_goals.push_back(std::move(goal));
    } else {
      unrecognised(row);
    }
  }

  const std::vector<PeriodDefinition>& periods_;
  SheetWarnings& warnings_;
  SheetLayout layout_;
  Section section_ = Section::none;
  std::optional<std::string> period_;  // the period of the rows being read, if known
  bool period_known_ = false;          // a period label was read in this section
};

}  // namespace

SheetLayout read_sheet_layout(std::string_view text, const std::vector<PeriodDefinition>& periods,
                              SheetWarnings& warnings) {
  return LayoutReader(periods, warnings).read(text);
}

}  // namespace torikumi
