#pragma once

// The dashboard's pages, server-rendered HTML: Japanese by default, English on request, laid out
// for a phone first. Every piece of plan text goes through escape_html. Pure: the snapshots and
// today in, a page out.

#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

#include "http/plan_catalog.hpp"

namespace torikumi::http {

enum class Language { japanese, english };

// The page's language: ?lang=en|ja when given, else the `lang` cookie in a Cookie header, else
// Japanese. Anything else than "en" means Japanese.
Language choose_language(std::string_view lang_parameter, std::string_view cookie_header);

struct PageContext {
  Language language = Language::japanese;
  date::sys_seconds now;  // decides today, overdue and what is next, in each plan's zone
};

// GET /: every plan with each period's progress (done / planned, overdue), the next meetings and
// the items overdue.
std::string render_overview_page(const std::vector<SnapshotPointer>& plans, const PageContext& context);

// GET /plans/<id>: the plan laid out like the sheet — issues, measures, the schedule by period
// with ticks, each period's progress and notes, KPI against target, SDG goal — with a
// fiscal-year timeline.
std::string render_plan_page(const PlanSnapshot& snapshot, const PageContext& context);

// A small page for a dashboard path that names nothing (404), in the page's language.
std::string render_missing_page(std::string_view message, const PageContext& context);

// The fiscal-year timeline: one row per dated task, one column per month, each occurrence a bar
// over its window (a meeting a dot on its day) coloured by status, today a line. Inline SVG.
std::string render_timeline_svg(const PlanSnapshot& snapshot, const PageContext& context);

}  // namespace torikumi::http
