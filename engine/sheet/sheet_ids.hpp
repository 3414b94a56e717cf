#pragma once

// The ids of what a sheet holds, read from its text (docs/sheet-format.md, Ids): the title's
// words in Latin letters, short enough to type and say (kunai-shochugakko-homon), never a hash
// nor a position; and, when a plan is imported again over one already stored, the ids the
// stored plan gave the same things, so that what was recorded against them stays attached, and
// what the stored plan holds that no sheet says (participants).

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/plan/plan.hpp"

namespace torikumi {

// The most characters an id read from a title has before a suffix (-2, -1 for a period).
inline constexpr std::size_t kReadableIdLength = 28;

// The title's first words (romanised_words), joined by "-", as many as fit in
// kReadableIdLength (a first word longer than that is cut); empty when the text has no words.
//   区内小中学校の訪問による各校の状況把握 → kunai-shochugakko-homon
// REQUIRES: load_romaniser() succeeded.
std::string readable_id(std::string_view text);

// A plan's id from its organisation's first word and its initiative: higashi-chiiki-kyosei-shakai
// for 東区役所 and 地域共生社会の実現に向けた取組の推進; "plan" when neither has a word.
std::string readable_plan_id(const Plan& plan);

// The id sheets were given before ids were readable: plan- and eight hex digits hashed from the
// organisation's name and the initiative (plan-2853493a), to find a plan stored under it.
std::string legacy_plan_id(const Plan& plan);

// Gives `imported` the ids `stored` has for the same things: the plan's own id; a task's when
// the kind, the title (as text_key reads it) and the period are the same, in order when several
// are; its series with it; a measure's and a KPI's by title and name. A task, measure or KPI
// that is new keeps its readable id, with -2, -3 when a kept one has it. Progress lines and
// tasks' measures follow the ids they name. What the sheet does not say stays as stored too (an
// edit on the dashboard or through the API set it): the plan's participants and meeting rule, and
// each kept task's participants, owner and meeting rule, unless `imported` has its own.
void keep_stored_ids(Plan& imported, const Plan& stored);

}  // namespace torikumi
