// GET /plans/<id>/history (render_history_page in dashboard.hpp): the audit log of a plan, or of
// one of its occurrences, newest first, a page at a time, each change in the page's words. The
// C++ gathers the view; templates/history.html lays it out.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "engine/calendar/time_text.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_text.hpp"
#include "http/pages/page_views.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

using nlohmann::json;
using templates::View;

// The words of a label when the table has it: an audit log's action or field may be one no
// label names (a newer torikumi's), and is then shown as it is.
std::optional<std::string_view> find_label(Language language, std::string_view key) {
  for (const page::Label& entry : page::labels(language))
    if (entry.key == key) return entry.text;
  return std::nullopt;
}

// A label key for an action or a field: "note edit" is action_note_edit.
std::string label_key(std::string_view prefix, std::string_view name) {
  std::string key{prefix};
  for (const char c : name) key += c == ' ' ? '_' : c;
  return key;
}

// "2026年9月1日(火) 10:00" or "Tue 1 Sep 2026 10:00": an instant in the plan's zone, with its year,
// since a plan's history runs over years.
std::string dated_instant_text(date::sys_seconds instant, const PlanZone& zone, Language language) {
  const date::local_seconds local = zone.to_local(instant);
  const date::year_month_day day{date::floor<date::days>(local)};
  const std::string text = page::instant_text(instant, zone, language);
  const std::string year = std::to_string(static_cast<int>(day.year()));
  if (language == Language::japanese) return year + "年" + text;
  // "Tue 1 Sep 10:00": the year goes before the time.
  const auto space = text.rfind(' ');
  return text.substr(0, space) + " " + year + text.substr(space);
}

// Words of a subject: the plan, a task's title, a task's title and an occurrence's key
// (会議の開催 2026-04), a KPI's name and year.
struct SubjectWords {
  std::string text;
  bool occurrence = false;  // an occurrence of the plan (or several, by a prefix)
};
SubjectWords subject_words(const Plan& plan, std::string_view subject, Language language,
                           std::string_view period = {}) {
  if (subject == plan.id && !period.empty())  // a note of the period
    return {std::string{period} + (language == Language::english ? " " : "") +
            std::string{page::label(language, "whole_period")}};
  if (subject == plan.id) return {std::string{page::label(language, "plan_subject")}};
  std::string_view rest = subject.substr(std::min(subject.size(), plan.id.size() + 1));
  const auto slash = rest.find('/');
  const std::string_view first = rest.substr(0, slash);
  const std::string_view key =
      slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  // A KPI's figure: PLAN/KPI/YEAR, the year bare digits (an occurrence's key never is).
  const bool year_key = !key.empty() && std::all_of(key.begin(), key.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
  for (const Kpi& kpi : plan.kpis) {
    if (!year_key || kpi.id != first) continue;
    return {kpi.name + " " +
            (language == Language::english ? "FY" + std::string{key} : std::string{key} + "年度")};
  }
  // An occurrence's id names its task's series (multi-agency-meeting/2026-04 of the series
  // written in three periods' rows); a task's own subject names the task.
  const Task* task = plan.find_task(first);
  for (const Task& candidate : plan.tasks)
    if (task == nullptr && candidate.series == first) task = &candidate;
  std::string text = task ? task->title : std::string{first};
  if (key.empty()) return {text};
  return {text + " " + std::string{key}, true};
}

// A value of an audit entry's JSON as a few words: a status in the page's words, a note's text in
// quotes, an instant in the plan's zone, a list by its length.
std::string value_words(std::string_view field, const json& value, const PlanZone& zone,
                        Language language) {
  const bool english = language == Language::english;
  if (value.is_null()) return "—";
  if (value.is_array())
    return std::to_string(value.size()) +
           (english ? (value.size() == 1 ? " item" : " items") : "件");
  if (value.is_number()) return page::number_text(value.get<double>());
  if (!value.is_string()) return value.dump();
  const std::string text = value.get<std::string>();
  if (field == "status") return std::string{find_label(language, "status_" + text).value_or(text)};
  if (field == "text" || field == "note" || field == "reason")
    return english ? "\u201c" + text + "\u201d" : "「" + text + "」";
  if (field.ends_with("_at") || field.starts_with("scheduled_")) {
    if (const auto instant = parse_rfc3339(text))
      return page::instant_text(*instant, zone, language);
  }
  return text;
}

std::string field_words(std::string_view field, Language language) {
  return std::string{find_label(language, label_key("field_", field)).value_or(field)};
}

// What an entry changed, briefly: each field whose value differs, `状態: 予定 → 完了`; a creation
// its fields, a removal what was removed. Ids and who completed (the entry says who) are left
// out, and an occurrence's revision, which rises with every change.
std::string change_words(const store::AuditEntry& entry, const PlanZone& zone, Language language) {
  const auto parsed = [](const std::string& text) {
    if (text.empty()) return json(nullptr);
    json value = json::parse(text, nullptr, false);
    return value.is_discarded() ? json(text) : value;
  };
  const json before = parsed(entry.before);
  const json after = parsed(entry.after);
  const std::string arrow = " → ";
  const std::string separator = language == Language::english ? "; " : "、";
  if (!before.is_object() && !after.is_object()) {
    if (before.is_null() && after.is_null()) return {};
    return value_words("", before, zone, language) + arrow + value_words("", after, zone, language);
  }
  std::set<std::string> names;
  for (const json* side : {&before, &after})
    if (side->is_object())
      for (const auto& [field, value] : side->items()) names.insert(field);
  const bool occurrence_record = names.contains("status");
  // A status first, then a note's text, then the rest by name.
  std::vector<std::string> fields;
  for (const char* first : {"status", "text"})
    if (names.erase(first) > 0) fields.emplace_back(first);
  fields.insert(fields.end(), names.begin(), names.end());
  std::string words;
  for (const std::string& field : fields) {
    if (field == "id" || field == "completed_by" || field == "fiscal_year" ||
        (field == "revision" && occurrence_record))
      continue;
    const json none = nullptr;
    const json& was = before.is_object() && before.contains(field) ? before[field] : none;
    const json& now = after.is_object() && after.contains(field) ? after[field] : none;
    if (was == now && !(before.is_null() || after.is_null())) continue;
    std::string part = field_words(field, language) + ": ";
    if (before.is_null())
      part += value_words(field, now, zone, language);
    else if (after.is_null())
      part += value_words(field, was, zone, language);
    else
      part +=
          value_words(field, was, zone, language) + arrow + value_words(field, now, zone, language);
    words += (words.empty() ? "" : separator) + part;
  }
  if (after.is_null() && !before.is_null())
    words += arrow + std::string{page::label(language, "removed")};
  return words;
}

// The period a note's entry names, empty for any other entry.
std::string period_of(const store::AuditEntry& entry) {
  for (const std::string* side : {&entry.after, &entry.before}) {
    const json value = json::parse(*side, nullptr, false);
    if (value.is_object() && value.contains("period") && value["period"].is_string())
      return value["period"].get<std::string>();
  }
  return {};
}

std::string history_path(const Plan& plan) {
  return "/plans/" + percent_encode(plan.id) + "/history";
}

// The history of one occurrence (or of the occurrences under a prefix).
std::string occurrence_history_path(const Plan& plan, std::string_view occurrence) {
  return history_path(plan) + "?occurrence=" + percent_encode(occurrence);
}

}  // namespace

Result<std::string> read_history_occurrence(const Plan& plan, std::string_view occurrence,
                                            Language language) {
  if (occurrence.empty() ||
      (occurrence.starts_with(plan.id + "/") && occurrence.size() > plan.id.size() + 1))
    return std::string{occurrence};
  if (language == Language::english)
    return Error{"occurrence: expected an occurrence of plan " + in_quotes(plan.id) + " (" +
                 plan.id + "/TASK/KEY), got " + in_quotes(occurrence)};
  return Error{"occurrence: 「" + std::string{occurrence} + "」はこの計画（" + plan.id +
               "）の予定ではありません。"};
}

Result<std::size_t> read_history_page(std::string_view text, std::size_t entry_count,
                                      Language language) {
  const std::size_t pages =
      std::max<std::size_t>(1, (entry_count + kHistoryEntriesPerPage - 1) / kHistoryEntriesPerPage);
  if (text.empty()) return std::size_t{1};
  std::size_t page = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (status == std::errc{} && end == text.data() + text.size() && page >= 1 && page <= pages)
    return page;
  const std::string last = std::to_string(pages);
  if (language == Language::english)
    return Error{"page: expected a page from 1 to " + last + ", got " + in_quotes(text)};
  return Error{"page: 「" + std::string{text} + "」は選べません。1～" + last +
               "のページを指定してください。"};
}

std::string render_history_page(const PlanSnapshot& snapshot,
                                const std::vector<store::AuditEntry>& entries,
                                std::string_view occurrence, std::size_t page,
                                const PageContext& context) {
  const Plan& plan = *snapshot.plan;
  const PlanZone& zone = snapshot.expansion.zone;
  const Language language = context.language;
  const std::size_t pages = std::max<std::size_t>(
      1, (entries.size() + kHistoryEntriesPerPage - 1) / kHistoryEntriesPerPage);
  const std::size_t skip = (page - 1) * kHistoryEntriesPerPage;
  View items{View::type::list};
  for (std::size_t i = skip; i < entries.size() && i < skip + kHistoryEntriesPerPage; ++i) {
    const store::AuditEntry& entry = entries[entries.size() - 1 - i];  // newest first
    const SubjectWords subject =
        subject_words(plan, entry.subject, language,
                      entry.action.starts_with("note") ? period_of(entry) : std::string{});
    View item{View::type::object};
    templates::put(item, "when", dated_instant_text(entry.at, zone, language));
    templates::put(item, "by", entry.by);
    templates::put(
        item, "action",
        std::string{
            find_label(language, label_key("action_", entry.action)).value_or(entry.action)});
    templates::put(item, "subject", subject.text);
    templates::put(item, "subject_link",
                   subject.occurrence && occurrence.empty()
                       ? View{occurrence_history_path(plan, entry.subject)}
                       : View{false});
    templates::put(item, "change", page::text_or_false(change_words(entry, zone, language)));
    templates::append(items, std::move(item));
  }
  View view = page::plan_heading_view(snapshot, language);
  templates::put(view, "items", std::move(items));
  templates::put(
      view, "filtered",
      occurrence.empty() ? View{false} : View{subject_words(plan, occurrence, language).text});
  templates::put(view, "all_link", history_path(plan));
  const std::string query = occurrence.empty() ? history_path(plan) + "?"
                                               : occurrence_history_path(plan, occurrence) + "&";
  templates::put(view, "newer",
                 page > 1 ? View{query + "page=" + std::to_string(page - 1)} : View{false});
  templates::put(view, "older",
                 page < pages ? View{query + "page=" + std::to_string(page + 1)} : View{false});
  templates::put(view, "paged", pages > 1);
  templates::put(view, "page_text",
                 language == Language::english
                     ? "page " + std::to_string(page) + " of " + std::to_string(pages)
                     : std::to_string(page) + " / " + std::to_string(pages) + " ページ");
  templates::put(view, "count", std::to_string(entries.size()));
  return page::render_page(
      "history.html.mustache", view,
      std::string{page::label(language, "history_title")} + " — " + plan.initiative, context);
}

}  // namespace torikumi::http
