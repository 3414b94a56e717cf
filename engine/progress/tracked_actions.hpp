#pragma once

// Actions (宿題, engine/meetings/action.hpp) as tracked items of a plan: the day a meeting
// occurrence is held, which an action may not be due before; and the open actions its meeting's
// earlier occurrences raised, which its agenda lists until they are done. Pure.

#include <date/date.h>

#include <span>
#include <vector>

#include "engine/meetings/action.hpp"
#include "engine/progress/expansion.hpp"

namespace torikumi {

// The local day a meeting occurrence is held: its scheduled start's, else its window's first.
date::sys_days meeting_day(const Expansion& expansion, const Occurrence& occurrence);

// The open actions raised by earlier occurrences (by start) of `meeting`'s activity (its series,
// else its task: activity_id), by due day then as raised. REQUIRES: actions and meeting come
// from this expansion's plan and year.
std::vector<const MeetingAction*> open_actions_before(const Expansion& expansion,
                                                      std::span<const MeetingAction> actions,
                                                      const Occurrence& meeting);

}  // namespace torikumi
