#pragma once

// Readers of single cells of a 重要取組シート as offices export it (tab-separated text): labels
// broken by stray spaces, conversion leftovers, HTML fragments and checkbox items, the KPI and
// SDG cells, fiscal years, and the text keys stable ids are hashed from. sheet_import.hpp puts
// them together; each reader returns what it read or says why not.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/plan.hpp"

namespace torikumi {

// A label as compared: full-width ASCII folded, every space removed ("次年度 以降" → "次年度以降",
// "寄与する ＫＰＩ" → "寄与するKPI").
std::string canonical_label(std::string_view cell);

// Runs of spaces become one ASCII space, trimmed; a space between two non-ASCII characters goes
// ("2025 堺市基本 計画" → "2025 堺市基本計画"): Japanese text has no spaces between words, so such
// a space is a break of the export, while one beside ASCII ("SDGs 計画") may be meant.
std::string join_japanese_spaces(std::string_view text);

// A cell the spreadsheet conversion left behind: dashes alone or followed by digits ("—",
// "—5840", "-", "―").
bool is_conversion_leftover(std::string_view cell);

// The text without HTML tags (<ul ...>, </li>, <br/>) and with the common entities decoded
// (&amp; &lt; &gt; &quot; &#39; &nbsp;). A "<" that does not open a tag stays.
std::string strip_markup(std::string_view text);

// The text with each line break tag (<br>, <br/>, <br />, any case) made a space: how a label or
// a value cell reads a line break typed in Excel (Alt+Enter, xlsx_sheet.hpp).
std::string line_breaks_as_spaces(std::string_view text);

// The checkbox items of a cell, each trimmed, in order: the text between
// <input type="checkbox"/> tags (or ☐ □ ☑ ☒ marks), other markup removed; line breaks inside an
// item are spaces. A cell without a checkbox has an item on each line (lines end at <br> tags,
// as in a cell typed in Excel with one task per line), each without a leading bullet
// (・ • ● ○ ◯ ■ ◆); a cell of one line is one item, as written. Empty items are dropped.
std::vector<std::string> checkbox_items(std::string_view cell);

// The fiscal year a text names: 2026年度, 令和8年度, 令和元年度, R8年度, 平成31年度, H31年度
// (full-width digits too); the first one found.
std::optional<int> find_fiscal_year(std::string_view text);

// 寄与するKPI: the name cell "自殺死亡率 【2019年度：14.9（人口10万人当たり自殺者数）】" and the
// target cell "目標値（2025 年度） 14.2". Brackets may be 【】 [] 〔〕, half or full width; the
// unit may follow the value in brackets or as is ("45.2%", "120人"). A name that is empty or a
// leftover
// ("—") is no KPI: nullopt. The id is left empty. Errors name the part and what came:
//   KPI baseline not understood: expected 【YEAR年度：VALUE（UNIT）】, got "【令和：14.9】"
Result<std::optional<Kpi>> parse_kpi_cells(std::string_view name_cell,
                                           std::string_view target_cell);

// 最も貢献するSDGsのゴール: "ゴール番号 1" and "貧困をなくそう" (or "1 貧困をなくそう" in one cell,
// or "ゴール 1、3"). A goal without a name gets its official Japanese name.
//   SDG goal not understood: expected a goal number from 1 to 17, got "ゴール番号 18"
Result<std::vector<SdgGoal>> parse_sdg_cells(std::string_view number_cell,
                                             std::string_view name_cell);

// The official Japanese name of SDG goal 1..17 (1: 貧困をなくそう); empty otherwise.
std::string_view sdg_goal_name(int number);

// The key texts are compared by: full-width ASCII folded, 隨 as 随, every space removed, so
// that a title re-typed with other widths and spacing is the same title.
std::string text_key(std::string_view text);

}  // namespace torikumi
