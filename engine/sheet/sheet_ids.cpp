#include "engine/sheet/sheet_ids.hpp"

#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "engine/base/fnv_hash.hpp"
#include "engine/sheet/sheet_fields.hpp"
#include "engine/text/romanisation.hpp"

namespace torikumi {

namespace {

std::string joined_within(const std::vector<std::string>& words, std::size_t length) {
  std::string id;
  for (const std::string& word : words) {
    if (id.empty()) {
      id = word.substr(0, length);
      continue;
    }
    if (id.size() + 1 + word.size() > length) break;
    id += "-" + word;
  }
  return id;
}

// `wanted`, or wanted-2, -3, ... when `taken` has it; the id returned is added to `taken`.
std::string free_id(const std::string& wanted, std::set<std::string>& taken) {
  if (taken.insert(wanted).second) return wanted;
  for (int suffix = 2;; ++suffix) {
    std::string next = wanted + "-" + std::to_string(suffix);
    if (taken.insert(next).second) return next;
  }
}

// What keep_ids did, by the ids the imported items had: each kept item's stored counterpart,
// and every id that changed (old → new; ids are unique, so each old one names one item).
template <typename Item>
struct KeptIds {
  std::map<std::string, const Item*> counterparts;
  std::map<std::string, std::string> renamed;
};

// Gives each item of `imported` the id of the first unused item of `stored` with the same key,
// then the items left an id no kept one has.
template <typename Item, typename KeyOf>
KeptIds<Item> keep_ids(std::vector<Item>& imported, const std::vector<Item>& stored, KeyOf key_of) {
  std::map<decltype(key_of(Item{})), std::deque<const Item*>> unused;
  for (const Item& item : stored) unused[key_of(item)].push_back(&item);
  KeptIds<Item> kept;
  std::set<std::string> taken;
  for (const Item& item : imported) {
    const auto found = unused.find(key_of(item));
    if (found == unused.end() || found->second.empty()) continue;
    kept.counterparts[item.id] = found->second.front();
    taken.insert(found->second.front()->id);
    found->second.pop_front();
  }
  for (const Item& item : imported) {
    const auto counterpart = kept.counterparts.find(item.id);
    const std::string id =
        counterpart != kept.counterparts.end() ? counterpart->second->id : free_id(item.id, taken);
    if (id != item.id) kept.renamed[item.id] = id;
  }
  for (Item& item : imported)
    if (const auto it = kept.renamed.find(item.id); it != kept.renamed.end()) item.id = it->second;
  return kept;
}

void follow(std::string& id, const std::map<std::string, std::string>& renamed) {
  if (const auto it = renamed.find(id); it != renamed.end()) id = it->second;
}

}  // namespace

std::string readable_id(std::string_view text) {
  return joined_within(romanised_words(text), kReadableIdLength);
}

std::string readable_plan_id(const Plan& plan) {
  const std::vector<std::string> organisation = romanised_words(plan.organisation.name);
  const std::string initiative = readable_id(plan.initiative);
  if (organisation.empty()) return initiative.empty() ? "plan" : initiative;
  const std::string first = organisation.front().substr(0, kReadableIdLength);
  return initiative.empty() ? first : first + "-" + initiative;
}

std::string legacy_plan_id(const Plan& plan) {
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x",
                fnv1a_32(text_key(plan.organisation.name + "\n" + plan.initiative)));
  return std::string("plan-") + hex;
}

void keep_stored_ids(Plan& imported, const Plan& stored) {
  imported.id = stored.id;
  const auto measures = keep_ids(imported.measures, stored.measures,
                                 [](const Measure& measure) { return text_key(measure.title); });
  keep_ids(imported.kpis, stored.kpis, [](const Kpi& kpi) { return text_key(kpi.name); });
  // A series goes with the first of its rows that is kept.
  std::map<std::string, std::string> series;
  std::map<std::string, std::string> series_of;  // an imported task's id → its series
  for (const Task& task : imported.tasks) series_of[task.id] = task.series;
  const auto tasks = keep_ids(imported.tasks, stored.tasks, [](const Task& task) {
    return std::make_tuple(task.kind, text_key(task.title), task.period);
  });
  for (const auto& [id, counterpart] : tasks.counterparts)
    if (!series_of[id].empty() && !counterpart->series.empty())
      series.emplace(series_of[id], counterpart->series);
  // A kept task is the same kind as its counterpart (kind is part of the match), so a meeting's
  // participants, type and meeting rule stay on a meeting. What an edit on the dashboard or through
  // the API set where the sheet says nothing (an owner, a meeting rule) stays too: a sheet taken
  // again must not undo them.
  std::map<std::string, const Task*> kept_tasks;  // a kept task's id (the stored one) → stored
  for (const auto& [id, counterpart] : tasks.counterparts)
    kept_tasks[counterpart->id] = counterpart;
  for (Task& task : imported.tasks) {
    follow(task.series, series);
    follow(task.measure, measures.renamed);
    const auto kept = kept_tasks.find(task.id);
    if (kept == kept_tasks.end()) continue;
    const Task& before = *kept->second;
    if (task.participants.empty()) task.participants = before.participants;
    if (task.meeting_type.empty()) task.meeting_type = before.meeting_type;
    if (task.owner.empty()) task.owner = before.owner;
    if (!task.meeting_rule) task.meeting_rule = before.meeting_rule;
  }
  if (imported.participants.empty()) imported.participants = stored.participants;
  if (imported.meeting_types.empty()) imported.meeting_types = stored.meeting_types;
  if (!imported.meeting_rule) imported.meeting_rule = stored.meeting_rule;
  for (ProgressLine& line : imported.progress) follow(line.task, tasks.renamed);
}

}  // namespace torikumi
