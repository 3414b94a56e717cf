#include "engine/sheet/sheet_import.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "engine/schedule/schedule_line.hpp"
#include "engine/schedule/when_expression.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/sheet/sheet_segments.hpp"
#include "engine/text/japanese_text.hpp"
#include "engine/text/text_similarity.hpp"

namespace torikumi {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kQuoteLength = 40;  // characters of a row shown in a warning

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

// A text for a warning: quoted, cut to kQuoteLength characters.
std::string quoted_excerpt(std::string_view text) {
  const std::u32string characters = code_points_of(text);
  if (characters.size() <= kQuoteLength) return in_quotes(text);
  return in_quotes(encode_utf8(std::u32string_view(characters).substr(0, kQuoteLength)) + "…");
}

struct Row {
  std::size_t line = 0;
  std::vector<std::string> cells;  // trimmed; conversion leftovers emptied
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

// A checkbox line of the schedule or progress, where it was written.
struct Item {
  std::size_t line = 0;
  std::string period;
  std::string text;
};

// The number an id's period suffix carries: 1 for the plan's first period, one past the last
// for 次年度以降, 0 for none (the whole year).
std::size_t period_number_in_id(const Plan& plan, std::string_view period) {
  const std::size_t index = period_index(plan, period);
  if (index < plan.periods.size()) return index + 1;
  return period == kNextYearPeriod ? plan.periods.size() + 1 : 0;
}

const when::Months* months_of(const Task& task) {
  return task.when ? std::get_if<when::Months>(&task.when->rule) : nullptr;
}

class SheetReader {
 public:
  explicit SheetReader(const SheetImportOptions& options) : options_(options) {}

  Result<SheetImport> read(std::string_view text) {
    if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
    if (auto decoded = decode_utf8(text); !decoded) return decoded.error();
    for (Row& row : rows_of(text)) read_row(row);
    if (!seen_initiative_ && !seen_schedule_)
      return Error{"not a 重要取組シート: no スケジュール section and no 取組項目 row found"};
    if (result_.plan.initiative.empty())
      return Error{"no initiative: the 取組項目 row is missing or empty"};
    if (result_.plan.organisation.name.empty())
      return Error{
          "no organisation: expected the office's name (such as 東区役所) on a line of its "
          "own before 取組項目"};
    Plan& plan = result_.plan;
    plan.fiscal_year = options_.fiscal_year ? options_.fiscal_year : title_year_;
    plan.issues = split_issues(issues_text_);
    read_measures();
    build_tasks();
    build_progress();
    if (!options_.plan_id.empty()) {
      if (!is_valid_id(options_.plan_id))
        return Error{"plan id \"" + options_.plan_id +
                     "\": expected 1 to 64 of A-Z a-z 0-9 . _ - not starting with . or -"};
      plan.id = options_.plan_id;
    } else {
      plan.id = hashed_id("plan", plan.organisation.name + "\n" + plan.initiative);
    }
    // In line order; the importer finds some problems only once the whole sheet is read.
    std::stable_sort(lines_.begin(), lines_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, warning] : lines_) result_.warnings.push_back(std::move(warning));
    return std::move(result_);
  }

 private:
  void warn(std::size_t line, std::string message) {
    lines_.emplace_back(line,
                        Diagnostic{options_.name + ":" + std::to_string(line), std::move(message)});
  }

  void unrecognised(const Row& row) {
    warn(row.line, "unrecognised row " + quoted_excerpt(join_cells(row.cells, 0, " | ")));
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
      Row row{line, {}};
      std::size_t start = 0;
      while (true) {
        const std::size_t tab = content.find('\t', start);
        std::string value{trim_spaces(content.substr(start, tab - start))};
        row.cells.push_back(is_conversion_leftover(value) ? std::string{} : std::move(value));
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
        if (!text.empty())
          result_.plan.initiative += (result_.plan.initiative.empty() ? "" : " ") + text;
        break;
      }
      case Section::issues:
        issues_text_ += " " + strip_markup(join_cells(row.cells, 1, " "));
        break;
      case Section::measures:
        if (measures_line_ == 0) measures_line_ = row.line;
        measures_text_ += " " + strip_markup(join_cells(row.cells, 1, " "));
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
        if (!title_year_) title_year_ = find_fiscal_year(join_cells(row.cells, 0, " "));
        break;
      case Section::initiative:
        seen_initiative_ = true;
        break;
      case Section::schedule:
        seen_schedule_ = true;
        break;
      case Section::city_plan: {
        CityPlan city_plan;
        city_plan.name = join_japanese_spaces(row.cells.front());
        result_.plan.city_plan = std::move(city_plan);
        break;
      }
      default:
        break;
    }
  }

  // 東区役所 / 東保健福祉総合センター: the lines between the title and 取組項目.
  void read_organisation(const Row& row) {
    Organisation& organisation = result_.plan.organisation;
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
    if (!leftover.empty()) unrecognised(Row{row.line, leftover});
  }

  std::optional<std::string> period_named(const std::string& label) const {
    for (const PeriodDefinition& period : result_.plan.periods)
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
    for (const PeriodDefinition& definition : result_.plan.periods) {
      if (definition.name != period || static_cast<unsigned>(definition.last_month) == *last)
        continue;
      warn(row.line, "period " + quoted_excerpt(row.cells[1]) + " ends in month " +
                         std::to_string(*last) + ", but " + period + " ends in month " +
                         std::to_string(static_cast<unsigned>(definition.last_month)) +
                         " in this plan; read as the plan's " + period);
    }
  }

  void read_items(const Row& row) {
    std::vector<std::string> items;
    for (std::size_t i = 2; i < row.cells.size(); ++i)
      for (std::string& item : checkbox_items(row.cells[i])) items.push_back(std::move(item));
    const std::string period_cell = cell(row, 1);
    const char* section_name = section_ == Section::schedule ? "スケジュール" : "進捗の状況";
    if (!period_cell.empty()) {
      const std::string label = canonical_label(period_cell);
      period_ = period_named(label);
      period_known_ = true;
      if (!period_) {
        std::string names;
        for (const PeriodDefinition& period : result_.plan.periods) names += period.name + ", ";
        warn(row.line, "unknown period " + quoted_excerpt(period_cell) + " in " + section_name +
                           ", expected one of " + names + std::string(kNextYearPeriod) +
                           "; the row is skipped");
        return;
      }
      check_period_end(row, label, *period_);
    } else if (!period_known_) {
      unrecognised(row);
      return;
    }
    if (!period_) return;  // under an unknown period, already reported
    std::vector<Item>& into = section_ == Section::schedule ? schedule_items_ : progress_items_;
    for (std::string& item : items) into.push_back(Item{row.line, *period_, std::move(item)});
  }

  void read_city_plan_row(const Row& row) {
    const std::string sub_label = canonical_label(cell(row, 1));
    const std::string content = join_cells(row.cells, 2, " ");
    if (sub_label.empty() && content.empty()) return;  // the section's label alone
    if (section_ == Section::city_plan && is_policy_label(sub_label)) {
      if (!result_.plan.city_plan) result_.plan.city_plan = CityPlan{};
      result_.plan.city_plan->policy = join_japanese_spaces(content);
    } else if (is_kpi_label(sub_label)) {
      auto kpi = parse_kpi_cells(cell(row, 2), join_cells(row.cells, 3, " "));
      if (!kpi)
        warn(row.line, kpi.error().message);
      else if (*kpi)
        kpis_.emplace_back(row.line, std::move(**kpi));
    } else if (section_ == Section::sdgs && is_goal_label(sub_label)) {
      auto goals = parse_sdg_cells(cell(row, 2), join_cells(row.cells, 3, " "));
      if (!goals) {
        warn(row.line, goals.error().message);
        return;
      }
      for (SdgGoal& goal : *goals) result_.plan.sdg_goals.push_back(std::move(goal));
    } else {
      unrecognised(row);
    }
  }

  // 現状・課題: points end with 。 or start with a bullet (・ ● ■ ◆ ○).
  static std::vector<std::string> split_issues(std::string_view text) {
    static constexpr std::u32string_view kBullets = U"・●■◆○◯";
    std::vector<std::string> points;
    std::u32string current;
    const auto close = [&] {
      std::string point = join_japanese_spaces(encode_utf8(current));
      if (!point.empty()) points.push_back(std::move(point));
      current.clear();
    };
    const std::u32string characters = code_points_of(collapse_spaces(text));
    std::size_t i = 0;
    while (i < characters.size()) {
      std::size_t end = i;
      while (end < characters.size() && characters[end] != U' ') ++end;
      std::u32string_view chunk = std::u32string_view(characters).substr(i, end - i);
      i = end + 1;
      if (chunk.empty()) continue;
      if (kBullets.find(chunk.front()) != std::u32string_view::npos) {
        close();
        chunk.remove_prefix(1);
      }
      if (!current.empty()) current.push_back(U' ');
      current.append(chunk);
      if (chunk.ends_with(U'。')) close();
    }
    close();
    return points;
  }

  // 取組の内容: each ○ item is a measure, its title up to the first space, its explanation after.
  void read_measures() {
    static constexpr std::u32string_view kMarks = U"○◯●";
    const std::u32string characters = code_points_of(trim_spaces(collapse_spaces(measures_text_)));
    std::vector<std::u32string> items;
    std::u32string before_first;
    for (const char32_t c : characters) {
      if (kMarks.find(c) != std::u32string_view::npos) {
        items.emplace_back();
      } else if (items.empty()) {
        before_first.push_back(c);
      } else {
        items.back().push_back(c);
      }
    }
    const std::string lost{trim_spaces(encode_utf8(before_first))};
    if (!lost.empty()) {
      warn(measures_line_, "取組の内容 text before the first ○ kept as a measure of its own: " +
                               quoted_excerpt(lost));
      items.insert(items.begin(), before_first);
    }
    std::set<std::string> ids;
    for (const std::u32string& item : items) {
      const std::string text{trim_spaces(encode_utf8(item))};
      if (text.empty()) continue;
      Measure measure;
      const std::size_t space = text.find(' ');
      measure.title = text.substr(0, space);
      if (space != std::string::npos)
        measure.description = join_japanese_spaces(text.substr(space + 1));
      measure.id =
          unique_id(hashed_id("measure", measure.title), ids, measures_line_, measure.title);
      result_.plan.measures.push_back(std::move(measure));
    }
  }

  // `candidate`, or candidate-2, -3, ... when taken (with a warning naming the text).
  std::string unique_id(std::string candidate, std::set<std::string>& taken, std::size_t line,
                        std::string_view text) {
    if (taken.insert(candidate).second) return candidate;
    for (int suffix = 2;; ++suffix) {
      std::string next = candidate + "-" + std::to_string(suffix);
      if (taken.insert(next).second) {
        warn(line, quoted_excerpt(text) + " is written more than once; its id is \"" + next + "\"");
        return next;
      }
    }
  }

  // Schedule problems of a line become warnings: the group as written and the parser's word.
  void report_schedule_problems(const Item& item, const ScheduleLine& whole,
                                const std::vector<Segment>& segments) {
    std::set<std::string> reported;
    for (const Diagnostic& problem : whole.problems) {
      std::string group = item.text;
      if (problem.where.starts_with("character ")) {
        const std::size_t index = std::stoul(problem.where.substr(10)) - 1;
        group = group_at(item.text, index);
      }
      reported.insert(group);
      warn(item.line, "schedule " + quoted_excerpt(group) + " not understood: " + problem.message);
    }
    for (const Segment& segment : segments) {
      for (const std::string& group : groups_of(segment.split.title)) {
        if (reported.contains(group) || !reads_like_schedule(group)) continue;
        auto parsed = parse_when(group);
        if (parsed) continue;
        reported.insert(group);
        warn(item.line,
             "schedule " + quoted_excerpt(group) + " not understood: " + parsed.error().message);
      }
    }
  }

  struct Draft {
    Task task;
    std::size_t line = 0;
  };

  // A checkbox item that is nothing but its schedule (（4月）) names no task and reports on
  // nothing: a plan needs the text, so the item is left out, saying so.
  void skip_untitled(const Item& item, std::string_view what) {
    warn(item.line, std::string(what) + " " + quoted_excerpt(item.text) +
                        " has no text besides its schedule; it is skipped");
  }

  void build_tasks() {
    Plan& plan = result_.plan;
    std::vector<Draft> drafts;
    for (const Item& item : schedule_items_) {
      const ScheduleLine whole = split_schedule_line(item.text);
      if (item.period == kNextYearPeriod) {
        report_schedule_problems(item, whole, {Segment{item.text, whole}});
        Task task;
        task.title = join_japanese_spaces(whole.title);
        if (task.title.empty()) {
          skip_untitled(item, "schedule item");
          continue;
        }
        task.source_text = item.text;
        task.period = item.period;
        task.kind = TaskKind::next_year;
        if (!whole.schedules.empty())
          warn(item.line, "次年度以降 item " + quoted_excerpt(task.title) + " has a schedule " +
                              quoted_excerpt(whole.schedule_texts.front()) +
                              "; 次年度以降 items are not dated");
        drafts.push_back(Draft{std::move(task), item.line});
        continue;
      }
      const std::vector<Segment> segments = segments_of(item.text);
      report_schedule_problems(item, whole, segments);
      for (const Segment& segment : segments) {
        Task task;
        task.title = join_japanese_spaces(segment.split.title);
        if (task.title.empty()) {  // only when the whole item is a schedule: segments_of joins
          skip_untitled(item, "schedule item");
          continue;
        }
        task.source_text = segment.source;
        task.period = item.period;
        if (!segment.split.schedules.empty()) {
          task.when_text = segment.split.schedule_texts.front();
          task.when = segment.split.schedules.front();
          if (segment.split.schedules.size() > 1) {
            std::string written;
            for (const std::string& text : segment.split.schedule_texts)
              written += (written.empty() ? "" : ", ") + quoted_excerpt(text);
            warn(item.line, quoted_excerpt(task.title) + " has more than one schedule (" + written +
                                "); kept the first");
          }
        }
        if (const auto* span = task.when ? std::get_if<when::Span>(&task.when->rule) : nullptr) {
          const FiscalYear any_year{date::year{2000}, plan.fiscal_year_start};
          if (any_year.index_of(span->last) < any_year.index_of(span->first)) {
            warn(item.line,
                 "schedule " + quoted_excerpt(task.when_text) +
                     " ends before it starts in the fiscal year; the task is left undated");
            task.when.reset();
            task.when_text.clear();
          }
        }
        task.kind = infer_task_kind(task.title, task.period, task.when);
        drafts.push_back(Draft{std::move(task), item.line});
      }
    }
    assign_task_ids(drafts);
    for (Draft& draft : drafts) plan.tasks.push_back(std::move(draft.task));
  }

  // Ids from text (docs/sheet-format.md): rows of a series are SERIES-<period index>, other tasks
  // KIND-<hash>, with -<period index> when the same title and kind come in several periods.
  void assign_task_ids(std::vector<Draft>& drafts) {
    const Plan& plan = result_.plan;
    std::set<std::string> taken;
    // Series: the same title dated by listed months in two periods or more, no month twice.
    std::map<std::string, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < drafts.size(); ++i)
      if (months_of(drafts[i].task) != nullptr)
        by_title[text_key(drafts[i].task.title)].push_back(i);
    std::vector<bool> in_series(drafts.size(), false);
    for (const auto& [key, indexes] : by_title) {
      std::vector<std::size_t> rows;  // the first row of each period
      std::set<std::string> periods;
      for (const std::size_t i : indexes)
        if (periods.insert(drafts[i].task.period).second) rows.push_back(i);
      if (rows.size() < 2) continue;
      std::map<unsigned, std::size_t> month_lines;
      bool clash = false;
      for (const std::size_t i : rows) {
        for (const date::month month : months_of(drafts[i].task)->months) {
          const auto [it, inserted] =
              month_lines.emplace(static_cast<unsigned>(month), drafts[i].line);
          if (inserted || clash) continue;
          clash = true;
          warn(drafts[i].line, quoted_excerpt(drafts[i].task.title) + " lists month " +
                                   std::to_string(static_cast<unsigned>(month)) +
                                   " again (also line " + std::to_string(it->second) +
                                   "); the rows are not joined into one series");
        }
      }
      if (clash) continue;
      const Task& first = drafts[rows.front()].task;
      const std::string series = hashed_id(to_string(first.kind), first.title);
      taken.insert(series);
      for (const std::size_t i : rows) {
        drafts[i].task.series = series;
        drafts[i].task.id = unique_id(
            series + "-" + std::to_string(period_number_in_id(plan, drafts[i].task.period)), taken,
            drafts[i].line, drafts[i].task.title);
        in_series[i] = true;
      }
    }
    std::map<std::string, std::size_t> base_count;
    for (std::size_t i = 0; i < drafts.size(); ++i)
      if (!in_series[i])
        ++base_count[hashed_id(to_string(drafts[i].task.kind), drafts[i].task.title)];
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (in_series[i]) continue;
      Task& task = drafts[i].task;
      std::string id = hashed_id(to_string(task.kind), task.title);
      if (base_count[id] > 1 || taken.contains(id))
        id += "-" + std::to_string(period_number_in_id(plan, task.period));
      task.id = unique_id(std::move(id), taken, drafts[i].line, task.title);
    }
  }

  void build_progress() {
    Plan& plan = result_.plan;
    for (const Item& item : progress_items_) {
      const ScheduleLine whole = split_schedule_line(item.text);
      const std::vector<Segment> segments = segments_of(item.text);
      report_schedule_problems(item, whole, segments);
      if (item.period == kNextYearPeriod) {
        warn(item.line, "progress under 次年度以降 is not kept: " + quoted_excerpt(item.text));
        continue;
      }
      ProgressLine line;
      line.period = item.period;
      line.text = join_japanese_spaces(whole.title);
      if (line.text.empty()) {
        skip_untitled(item, "progress line");
        continue;
      }
      line.source_text = item.text;
      for (const WhenExpression& schedule : whole.schedules) {
        const auto* months = std::get_if<when::Months>(&schedule.rule);
        if (months == nullptr) continue;
        for (const date::month month : months->months)
          if (std::find(line.months.begin(), line.months.end(), month) == line.months.end())
            line.months.push_back(month);
      }
      plan.progress.push_back(std::move(line));
    }
    for (ProgressLine& line : plan.progress) {
      const ProgressMatch match = match_progress_line(plan, line);
      line.task = match.task;
      line.score = match.task.empty() ? 0 : match.score;
    }
    std::set<std::string> ids;
    for (auto& [line, kpi] : kpis_) {
      kpi.id = unique_id(hashed_id("kpi", kpi.name), ids, line, kpi.name);
      plan.kpis.push_back(std::move(kpi));
    }
  }

  const SheetImportOptions& options_;
  SheetImport result_;
  Section section_ = Section::none;
  std::optional<std::string> period_;  // the period of the rows being read, if known
  bool period_known_ = false;          // a period label was read in this section
  bool seen_initiative_ = false;
  bool seen_schedule_ = false;
  std::optional<int> title_year_;
  std::string issues_text_;
  std::string measures_text_;
  std::size_t measures_line_ = 0;
  std::vector<Item> schedule_items_;
  std::vector<Item> progress_items_;
  std::vector<std::pair<std::size_t, Kpi>> kpis_;
  std::vector<std::pair<std::size_t, Diagnostic>> lines_;  // warnings by line
};

}  // namespace

Result<SheetImport> import_sheet(std::string_view text, const SheetImportOptions& options) {
  return SheetReader(options).read(text);
}

}  // namespace torikumi
