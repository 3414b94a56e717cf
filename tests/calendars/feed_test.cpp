#include "calendars/feed.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "calendars/feed_reader.hpp"
#include "engine/calendar/time_text.hpp"
#include "engine/plan/plan_json.hpp"
#include "engine/progress/progress_marks.hpp"

using namespace date;
using std::chrono::hours;
using std::chrono::minutes;
using namespace torikumi;
using namespace torikumi::calendars;
using nlohmann::json;

namespace {

Plan read_plan(const json& document) {
  auto plan = read_plan_document(document);
  if (!plan)
    for (const auto& diagnostic : plan.error()) MESSAGE(diagnostic.to_string());
  REQUIRE(plan.ok());
  return std::move(plan.value());
}

json higashi_document() {
  std::ifstream file{std::string{TORIKUMI_SOURCE_DIR} + "/examples/higashi/plan.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

// A small plan: one meeting task (its `when` given), an owner, the default periods.
json meeting_plan(const std::string& id, const std::string& when, const json& rule,
                  const std::string& zone = "Asia/Tokyo") {
  return {{"id", id},
          {"organisation", {{"name", "東区役所"}}},
          {"initiative", "取組"},
          {"time_zone", zone},
          {"meeting_rule", rule},
          {"tasks", json::array({{{"id", "meeting"},
                                  {"title", "定例会議"},
                                  {"when", when},
                                  {"kind", "meeting"},
                                  {"owner", "企画総務課"}}})}};
}

// A plan, its expansion over one fiscal year and its occurrence states; the expansion points
// into the plan, so neither moves.
struct Fixture {
  explicit Fixture(Plan plan_in, int fiscal_year = 2026)
      : plan(std::move(plan_in)), expansion(expand(plan, fiscal_year)) {}
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;

  static Expansion expand(const Plan& plan, int fiscal_year) {
    auto expansion = expand_plan(plan, year{fiscal_year});
    REQUIRE(expansion.ok());
    return std::move(expansion.value());
  }

  std::string feed(const FeedOptions& options = {}) const {
    const auto text = render_plan_feed({&plan, &expansion, &states}, options);
    REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
    return text.value();
  }
  ParsedFeed parsed(const FeedOptions& options = {}) const {
    auto feed_read = read_feed(feed(options));
    REQUIRE_MESSAGE(feed_read.ok(), (feed_read.ok() ? "" : feed_read.error().message));
    return std::move(feed_read.value());
  }
  std::vector<FeedInstance> instances(const FeedOptions& options = {}) const {
    auto expanded =
        expand_feed(feed(options), expansion.fiscal_year.first_day(), expansion.fiscal_year.end());
    REQUIRE_MESSAGE(expanded.ok(), (expanded.ok() ? "" : expanded.error().message));
    return std::move(expanded.value());
  }
  const Occurrence& occurrence(const std::string& id) const {
    const auto found = std::find_if(expansion.occurrences.begin(), expansion.occurrences.end(),
                                    [&](const Occurrence& o) { return o.id == id; });
    REQUIRE(found != expansion.occurrences.end());
    return *found;
  }

  Plan plan;
  Expansion expansion;
  OccurrenceStates states;
};

std::string instant_text(sys_seconds instant) { return format_rfc3339(instant, PlanZone{}); }

// An instance as one comparable line: when, and what it says.
std::string describe(const FeedInstance& instance) {
  if (instance.start)
    return instant_text(*instance.start) + ".." + instant_text(*instance.end) + " " +
           instance.summary;
  return format_iso_date(*instance.start_day) + ".." + format_iso_date(*instance.end_day) + " " +
         instance.summary;
}

// What a calendar should show for each occurrence the engine expanded: meetings at their
// instants, windows and spans as all-day ranges (end exclusive), deadlines on their due day.
std::vector<std::string> expected_instances(const Fixture& fixture,
                                            const OccurrenceStates& states = {}) {
  std::vector<std::string> lines;
  for (const Occurrence& occurrence : fixture.expansion.occurrences) {
    const auto state = states.find(occurrence.id);
    const bool done = state != states.end() && state->second.status == OccurrenceStatus::done;
    if (state != states.end() && state->second.status == OccurrenceStatus::skipped) continue;
    std::string summary = (done ? "✓ " : "") + occurrence.task->title;
    if (occurrence.scheduled_start) {
      lines.push_back(instant_text(*occurrence.scheduled_start) + ".." +
                      instant_text(*occurrence.scheduled_end) + " " + summary);
    } else if (occurrence.task->kind == TaskKind::deliverable) {
      lines.push_back(format_iso_date(occurrence.due) + ".." +
                      format_iso_date(occurrence.due + days{1}) + " " + (done ? "✓ " : "") +
                      "締切: " + occurrence.task->title);
    } else {
      lines.push_back(format_iso_date(occurrence.start) + ".." +
                      format_iso_date(occurrence.due + days{1}) + " " + summary);
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> described(const std::vector<FeedInstance>& instances) {
  std::vector<std::string> lines;
  for (const FeedInstance& instance : instances) lines.push_back(describe(instance));
  std::sort(lines.begin(), lines.end());
  return lines;
}

const FeedComponent* find_uid(const std::vector<FeedComponent>& components,
                              const std::string& uid) {
  for (const FeedComponent& component : components)
    if (component.uid == uid && !component.recurrence_id) return &component;
  return nullptr;
}

std::vector<const FeedComponent*> overrides_of(const ParsedFeed& feed, const std::string& uid) {
  std::vector<const FeedComponent*> overrides;
  for (const FeedComponent& event : feed.events)
    if (event.uid == uid && event.recurrence_id) overrides.push_back(&event);
  return overrides;
}

sys_seconds tokyo(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return sys_seconds{sys_days{year{y} / m / d}} + hours{hour - 9} + minutes{minute};
}

}  // namespace

TEST_CASE("the example feed expanded by libical shows every occurrence the engine expanded") {
  const Fixture fixture{read_plan(higashi_document())};
  const auto instances = fixture.instances();
  CHECK(described(instances) == expected_instances(fixture));
  CHECK(instances.size() == fixture.expansion.occurrences.size());
}

TEST_CASE("the bimonthly meeting series is one recurring event with no overrides") {
  const Fixture fixture{read_plan(higashi_document())};
  const ParsedFeed feed = fixture.parsed();
  const FeedComponent* series =
      find_uid(feed.events, "higashi-kyosei/multi-agency-meeting@torikumi");
  REQUIRE(series != nullptr);
  CHECK(series->rrule == "FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE");
  CHECK(series->start_tzid == "Asia/Tokyo");
  CHECK(series->start == tokyo(2026, 4, 8, 14));
  CHECK(series->end == tokyo(2026, 4, 8, 15, 30));
  CHECK(series->summary == "多機関協働担当を中心とした会議の開催");
  CHECK(series->location == "東区役所 3階 会議室");
  CHECK(series->status == "CONFIRMED");
  CHECK(series->alarm_triggers == std::vector<std::string>{"-P1D"});
  CHECK(series->categories ==
        std::vector<std::string>{"前期", "中期", "後期", "会議", "多機関協働担当"});
  CHECK(series->description ==
        "多機関協働担当を中心とした会議の開催\n取組: 地域共生社会の実現に向けた取組の推進\n"
        "取組の内容: 重層的支援体制整備事業の推進\n期: 前期・中期・後期\n担当: 多機関協働担当");
  CHECK(overrides_of(feed, series->uid).empty());
  // Nothing else in the feed recurs, and no meeting is left as an event of its own.
  for (const FeedComponent& event : feed.events) {
    if (&event == series) continue;
    CHECK(event.rrule.empty());
    CHECK_FALSE(event.start.has_value());
  }
}

TEST_CASE("the calendar names itself and carries its zone and refresh interval") {
  const Fixture fixture{read_plan(higashi_document())};
  FeedOptions options;
  options.product_id = "-//torikumi//test//JA";
  const ParsedFeed feed = fixture.parsed(options);
  const auto value = [&](std::string_view name) {
    return feed.property(name) ? *feed.property(name) : "(none)";
  };
  CHECK(value("PRODID") == "-//torikumi//test//JA");
  CHECK(value("VERSION") == "2.0");
  CHECK(value("CALSCALE") == "GREGORIAN");
  CHECK(value("METHOD") == "PUBLISH");
  CHECK(value("NAME") == "東区役所 地域共生社会の実現に向けた取組の推進（令和8年度）");
  CHECK(value("X-WR-CALNAME") == value("NAME"));
  CHECK(value("DESCRIPTION") ==
        "東区役所 東保健福祉総合センター「地域共生社会の実現に向けた取組の推進」令和8年度"
        "（2026-04-01〜2027-03-31）の日程。torikumi が計画 higashi-kyosei から作成。");
  CHECK(value("X-WR-TIMEZONE") == "Asia/Tokyo");
  CHECK(value("REFRESH-INTERVAL") == "PT12H");
  CHECK(value("X-PUBLISHED-TTL") == "PT12H");
  CHECK(feed.time_zones == std::vector<std::string>{"Asia/Tokyo"});
}

TEST_CASE("the VTIMEZONE for Asia/Tokyo is a single standard block") {
  const Fixture fixture{read_plan(higashi_document())};
  const std::string text = fixture.feed();
  CHECK(text.find(
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:"
            "VTIMEZONE\r\n") != std::string::npos);
}

TEST_CASE("windows spans and deadlines are transparent all-day events with a to-do twin") {
  const Fixture fixture{read_plan(higashi_document())};
  const ParsedFeed feed = fixture.parsed();

  const FeedComponent* span = find_uid(feed.events, "higashi-kyosei/support-plan/fy2026@torikumi");
  REQUIRE(span != nullptr);
  CHECK(span->start_day == sys_days{year{2026} / 4 / 1});
  CHECK(span->end_day == sys_days{year{2027} / 4 / 1});
  CHECK(span->transparency == "TRANSPARENT");
  CHECK(span->alarm_triggers.empty());
  const FeedComponent* span_todo =
      find_uid(feed.todos, "higashi-kyosei/support-plan/fy2026/todo@torikumi");
  REQUIRE(span_todo != nullptr);
  CHECK(span_todo->start_day == sys_days{year{2026} / 4 / 1});
  CHECK(span_todo->due_day == sys_days{year{2027} / 3 / 31});
  CHECK(span_todo->status == "NEEDS-ACTION");
  CHECK(span_todo->percent_complete == 0);

  const FeedComponent* deadline =
      find_uid(feed.events, "higashi-kyosei/platform-setup/fy2026@torikumi");
  REQUIRE(deadline != nullptr);
  CHECK(deadline->summary.starts_with("締切: 区内小中学校からの相談事案について、"));
  CHECK(deadline->start_day == sys_days{year{2026} / 6 / 30});
  CHECK(deadline->end_day == sys_days{year{2026} / 7 / 1});
  CHECK(deadline->transparency == "TRANSPARENT");
  CHECK(deadline->categories == std::vector<std::string>{"前期", "締切", "学校連携担当"});
  const FeedComponent* deadline_todo =
      find_uid(feed.todos, "higashi-kyosei/platform-setup/fy2026/todo@torikumi");
  REQUIRE(deadline_todo != nullptr);
  CHECK(deadline_todo->start_day == sys_days{year{2026} / 4 / 1});
  CHECK(deadline_todo->due_day == sys_days{year{2026} / 6 / 30});

  // Every untimed occurrence has exactly one twin.
  CHECK(feed.todos.size() == fixture.expansion.occurrences.size() - 6);
}

TEST_CASE("no-todos leaves out every VTODO") {
  const Fixture fixture{read_plan(higashi_document())};
  FeedOptions options;
  options.todos = TodoTwins::omit;
  const ParsedFeed feed = fixture.parsed(options);
  CHECK(feed.todos.empty());
  CHECK(feed.events.size() ==
        fixture.expansion.occurrences.size() - 5);  // six meetings are one series
}

TEST_CASE("every line is at most 75 octets of valid UTF-8 ending in CRLF") {
  json document = higashi_document();
  document["tasks"][0]["title"] =
      "多機関協働担当を中心とした会議の開催、区内小中学校からの相談事案について区役所組織間で共有し"
      "支援の検討を行う場の整備と運営";
  document["meeting_rule"]["place"] =
      "東区役所 3階 大会議室（東保健福祉総合センター棟）、駐車場なし; 公共交通機関でお越しください";
  const Fixture fixture{read_plan(document)};
  const std::string text = fixture.feed();
  std::size_t begin = 0;
  std::size_t lines = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos;
       end = text.find("\r\n", begin)) {
    const std::string line = text.substr(begin, end - begin);
    CHECK_MESSAGE(line.size() <= 75, line);
    CHECK(line.find('\r') == std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
    CHECK_FALSE(line.empty());
    std::size_t i = 0;
    while (i < line.size()) {
      const auto lead = static_cast<unsigned char>(line[i]);
      const std::size_t length = lead < 0x80           ? 1
                                 : (lead >> 5) == 0x6  ? 2
                                 : (lead >> 4) == 0xE  ? 3
                                 : (lead >> 3) == 0x1E ? 4
                                                       : 0;
      REQUIRE_MESSAGE(length != 0, line);
      REQUIRE_MESSAGE(i + length <= line.size(), line);
      for (std::size_t k = 1; k < length; ++k)
        REQUIRE((static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80);
      i += length;
    }
    begin = end + 2;
    ++lines;
  }
  CHECK(begin == text.size());
  CHECK(lines > 100);
}

TEST_CASE("commas semicolons backslashes and newlines are escaped and read back intact") {
  json document =
      meeting_plan("p", "（4、6月）", {{"week", 2}, {"weekday", "wednesday"}, {"start", "10:00"}});
  document["tasks"][0]["title"] = "会議, 準備; 資料\\共有";
  document["meeting_rule"]["place"] = "東区役所\n3階, 会議室";
  const Fixture fixture{read_plan(document)};
  const std::string text = fixture.feed();
  CHECK(text.find("SUMMARY:会議\\, 準備\\; 資料\\\\共有\r\n") != std::string::npos);
  CHECK(text.find("LOCATION:東区役所\\n3階\\, 会議室\r\n") != std::string::npos);
  const ParsedFeed feed = fixture.parsed();
  REQUIRE(feed.events.size() == 1);
  CHECK(feed.events[0].summary == "会議, 準備; 資料\\共有");
  CHECK(feed.events[0].location == "東区役所\n3階, 会議室");
  CHECK(feed.events[0].description.starts_with("会議, 準備; 資料\\共有\n取組: 取組\n"));
}

TEST_CASE("the same state gives the same bytes and DTSTAMP follows the last change") {
  const Fixture fixture{read_plan(higashi_document())};
  const std::string first = fixture.feed();
  CHECK(fixture.feed() == first);
  const Fixture again{read_plan(higashi_document())};
  CHECK(again.feed() == first);
  // With no change recorded: midnight in Tokyo of the fiscal year's first day.
  CHECK(first.find("DTSTAMP:20260331T150000Z\r\n") != std::string::npos);
  CHECK(first.find("LAST-MODIFIED:20260331T150000Z\r\n") != std::string::npos);

  Fixture changed{read_plan(higashi_document())};
  OccurrenceState state;
  state.sequence = 1;
  state.last_modified = tokyo(2026, 5, 1, 9);
  changed.states.emplace("higashi-kyosei/support-plan/fy2026", state);
  const ParsedFeed feed = changed.parsed();
  const FeedComponent* span = find_uid(feed.events, "higashi-kyosei/support-plan/fy2026@torikumi");
  REQUIRE(span != nullptr);
  CHECK(span->dtstamp == tokyo(2026, 5, 1, 9));
  CHECK(span->last_modified == tokyo(2026, 5, 1, 9));
  CHECK(span->sequence == 1);
  const FeedComponent* other =
      find_uid(feed.events, "higashi-kyosei/platform-setup/fy2026@torikumi");
  REQUIRE(other != nullptr);
  CHECK(other->dtstamp == tokyo(2026, 5, 1, 9));
  CHECK(other->last_modified == tokyo(2026, 5, 1, 9));
  CHECK(other->sequence == 0);

  FeedOptions options;
  options.last_modified = tokyo(2026, 6, 1, 12);
  CHECK(find_uid(changed.parsed(options).events, "higashi-kyosei/platform-setup/fy2026@torikumi")
            ->dtstamp == tokyo(2026, 6, 1, 12));
}

TEST_CASE(
    "a done meeting is an override with a check mark and a done deadline's to-do is completed") {
  Fixture fixture{read_plan(higashi_document())};
  OccurrenceState meeting_done;
  meeting_done.status = OccurrenceStatus::done;
  meeting_done.sequence = 2;
  fixture.states.emplace("higashi-kyosei/multi-agency-meeting/2026-06", meeting_done);
  OccurrenceState deadline_done;
  deadline_done.status = OccurrenceStatus::done;
  deadline_done.completed_at = tokyo(2026, 6, 20, 17);
  deadline_done.percent_complete = 100;
  fixture.states.emplace("higashi-kyosei/platform-setup/fy2026", deadline_done);

  const ParsedFeed feed = fixture.parsed();
  const std::string uid = "higashi-kyosei/multi-agency-meeting@torikumi";
  const auto overrides = overrides_of(feed, uid);
  REQUIRE(overrides.size() == 1);
  CHECK(overrides[0]->recurrence_id == tokyo(2026, 6, 10, 14));
  CHECK(overrides[0]->start == tokyo(2026, 6, 10, 14));
  CHECK(overrides[0]->summary == "✓ 多機関協働担当を中心とした会議の開催");
  CHECK(overrides[0]->alarm_triggers.empty());
  CHECK(overrides[0]->sequence == 2);
  CHECK(overrides[0]->description.find("状況: 完了 ✓") != std::string::npos);
  CHECK(find_uid(feed.events, uid)->sequence == 2);

  const FeedComponent* todo =
      find_uid(feed.todos, "higashi-kyosei/platform-setup/fy2026/todo@torikumi");
  REQUIRE(todo != nullptr);
  CHECK(todo->status == "COMPLETED");
  CHECK(todo->completed == tokyo(2026, 6, 20, 17));
  CHECK(todo->percent_complete == 100);
  CHECK(todo->summary.starts_with("✓ 締切: "));

  CHECK(described(fixture.instances()) == expected_instances(fixture, fixture.states));
}

TEST_CASE("a meeting given a place of its own is an override at that place") {
  Fixture fixture{read_plan(higashi_document())};
  OccurrenceState moved;
  moved.place = "東区役所 大会議室";
  moved.sequence = 1;
  fixture.states.emplace("higashi-kyosei/multi-agency-meeting/2026-10", moved);

  const ParsedFeed feed = fixture.parsed();
  const std::string uid = "higashi-kyosei/multi-agency-meeting@torikumi";
  const auto overrides = overrides_of(feed, uid);
  REQUIRE(overrides.size() == 1);
  CHECK(overrides[0]->recurrence_id == tokyo(2026, 10, 14, 14));
  CHECK(overrides[0]->location == "東区役所 大会議室");
  CHECK(overrides[0]->sequence == 1);
  CHECK(find_uid(feed.events, uid)->location == "東区役所 3階 会議室");
}

TEST_CASE("a cancelled meeting stays with STATUS CANCELLED and a skipped one becomes an EXDATE") {
  Fixture fixture{read_plan(higashi_document())};
  OccurrenceState cancelled;
  cancelled.status = OccurrenceStatus::cancelled;
  cancelled.note = "台風のため中止";
  fixture.states.emplace("higashi-kyosei/multi-agency-meeting/2026-08", cancelled);
  OccurrenceState skipped;
  skipped.status = OccurrenceStatus::skipped;
  fixture.states.emplace("higashi-kyosei/multi-agency-meeting/2026-12", skipped);
  fixture.states.emplace("higashi-kyosei/platform-support/fy2026", skipped);

  const ParsedFeed feed = fixture.parsed();
  const std::string uid = "higashi-kyosei/multi-agency-meeting@torikumi";
  const FeedComponent* series = find_uid(feed.events, uid);
  REQUIRE(series != nullptr);
  CHECK(series->exdates == std::vector<sys_seconds>{tokyo(2026, 12, 9, 14)});
  const auto overrides = overrides_of(feed, uid);
  REQUIRE(overrides.size() == 1);
  CHECK(overrides[0]->recurrence_id == tokyo(2026, 8, 12, 14));
  CHECK(overrides[0]->status == "CANCELLED");
  CHECK(overrides[0]->description.find("状況: 中止\nメモ: 台風のため中止") != std::string::npos);
  CHECK(find_uid(feed.events, "higashi-kyosei/platform-support/fy2026@torikumi") == nullptr);
  CHECK(find_uid(feed.todos, "higashi-kyosei/platform-support/fy2026/todo@torikumi") == nullptr);

  const auto instances = fixture.instances();
  CHECK(described(instances) == expected_instances(fixture, fixture.states));
  const auto august = std::find_if(instances.begin(), instances.end(), [](const FeedInstance& i) {
    return i.start == tokyo(2026, 8, 12, 14);
  });
  REQUIRE(august != instances.end());
  CHECK(august->status == "CANCELLED");
}

TEST_CASE("meetings moved off holidays are RECURRENCE-ID overrides of a monthly rule") {
  // The second Monday is 成人の日 in January and スポーツの日 in October.
  const Fixture fixture{read_plan(meeting_plan("monday", "毎月",
                                               {{"week", 2},
                                                {"weekday", "monday"},
                                                {"start", "10:00"},
                                                {"duration_minutes", 60},
                                                {"place", "第1会議室"}}))};
  const ParsedFeed feed = fixture.parsed();
  const FeedComponent* series = find_uid(feed.events, "monday/meeting@torikumi");
  REQUIRE(series != nullptr);
  CHECK(series->rrule == "FREQ=MONTHLY;COUNT=12;BYDAY=2MO");
  const auto overrides = overrides_of(feed, series->uid);
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[0]->recurrence_id == tokyo(2026, 10, 12, 10));
  CHECK(overrides[0]->start == tokyo(2026, 10, 13, 10));
  CHECK(overrides[0]->end == tokyo(2026, 10, 13, 11));
  CHECK(overrides[0]->alarm_triggers == std::vector<std::string>{"-P1D"});
  CHECK(overrides[1]->recurrence_id == tokyo(2027, 1, 11, 10));
  CHECK(overrides[1]->start == tokyo(2027, 1, 12, 10));
  CHECK(described(fixture.instances()) == expected_instances(fixture));
}

TEST_CASE("an unevenly spaced series is one event per occurrence") {
  const Fixture fixture{read_plan(meeting_plan(
      "uneven", "（4、5、7月）", {{"week", 1}, {"weekday", "friday"}, {"start", "15:00"}}))};
  const ParsedFeed feed = fixture.parsed();
  REQUIRE(feed.events.size() == 3);
  CHECK(feed.events[0].uid == "uneven/meeting/2026-04@torikumi");
  CHECK(feed.events[1].uid == "uneven/meeting/2026-05@torikumi");
  CHECK(feed.events[2].uid == "uneven/meeting/2026-07@torikumi");
  for (const FeedComponent& event : feed.events) CHECK(event.rrule.empty());
  CHECK(described(fixture.instances()) == expected_instances(fixture));
}

TEST_CASE("filters keep one owner one kind or one period") {
  const Fixture fixture{read_plan(higashi_document())};
  FeedOptions by_owner;
  by_owner.filter.owner = "多機関協働担当";
  const ParsedFeed owner_feed = fixture.parsed(by_owner);
  REQUIRE(owner_feed.events.size() == 1);
  CHECK(owner_feed.events[0].rrule == "FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE");
  CHECK(owner_feed.todos.empty());
  CHECK(*owner_feed.property("X-WR-CALNAME") ==
        "東区役所 地域共生社会の実現に向けた取組の推進（令和8年度） 担当: 多機関協働担当");

  FeedOptions by_kind;
  by_kind.filter.kind = TaskKind::deliverable;
  const ParsedFeed kind_feed = fixture.parsed(by_kind);
  CHECK(kind_feed.events.size() == 3);
  for (const FeedComponent& event : kind_feed.events) CHECK(event.summary.starts_with("締切: "));

  // 前期 keeps the April and June meetings (still one rule) and the spans that overlap it.
  FeedOptions by_period;
  by_period.filter.period = "前期";
  const ParsedFeed period_feed = fixture.parsed(by_period);
  const FeedComponent* meetings =
      find_uid(period_feed.events, "higashi-kyosei/multi-agency-meeting@torikumi");
  REQUIRE(meetings != nullptr);
  CHECK(meetings->rrule == "FREQ=MONTHLY;COUNT=2;INTERVAL=2;BYDAY=2WE");
  CHECK(find_uid(period_feed.events, "higashi-kyosei/support-plan/fy2026@torikumi") != nullptr);
  CHECK(find_uid(period_feed.events, "higashi-kyosei/community-resources/fy2026@torikumi") ==
        nullptr);
  CHECK(find_uid(period_feed.events, "higashi-kyosei/annual-review/fy2026@torikumi") == nullptr);

  by_period.filter.period = "夏期";
  const auto refused =
      render_plan_feed({&fixture.plan, &fixture.expansion, &fixture.states}, by_period);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "filter.period: unknown period \"夏期\", expected one of 前期, 中期, 後期");
}

TEST_CASE("a base URL links every event to its dashboard page") {
  const Fixture fixture{read_plan(higashi_document())};
  FeedOptions options;
  options.base_url = "https://torikumi.example.jp/";
  const ParsedFeed feed = fixture.parsed(options);
  const FeedComponent* series =
      find_uid(feed.events, "higashi-kyosei/multi-agency-meeting@torikumi");
  REQUIRE(series != nullptr);
  CHECK(series->url ==
        "https://torikumi.example.jp/plans/higashi-kyosei/series/multi-agency-meeting");
  CHECK(series->description.ends_with(
      "\nhttps://torikumi.example.jp/plans/higashi-kyosei/series/multi-agency-meeting"));
  const FeedComponent* span = find_uid(feed.events, "higashi-kyosei/support-plan/fy2026@torikumi");
  REQUIRE(span != nullptr);
  CHECK(span->url == "https://torikumi.example.jp/occurrences/higashi-kyosei/support-plan/fy2026");
  CHECK(fixture.parsed().events.front().url.empty());
}

TEST_CASE("the meeting alarm is a day before by default and can be left out") {
  const Fixture fixture{read_plan(higashi_document())};
  FeedOptions options;
  options.meeting_alarm = minutes{30};
  CHECK(find_uid(fixture.parsed(options).events, "higashi-kyosei/multi-agency-meeting@torikumi")
            ->alarm_triggers == std::vector<std::string>{"-PT30M"});
  options.meeting_alarm.reset();
  CHECK(fixture.feed(options).find("BEGIN:VALARM") == std::string::npos);
}

TEST_CASE("an organisation feed combines its plans with unique UIDs") {
  const Fixture higashi{read_plan(higashi_document())};
  const Fixture other{read_plan(meeting_plan(
      "higashi-kodomo", "（5、9月）", {{"week", 1}, {"weekday", "thursday"}, {"start", "13:30"}}))};
  const std::vector<PlanFeedSource> plans{{&higashi.plan, &higashi.expansion, &higashi.states},
                                          {&other.plan, &other.expansion, nullptr}};
  const auto text = render_organisation_feed("東区役所", plans, FeedOptions{});
  REQUIRE(text.ok());
  const auto feed = read_feed(*text);
  REQUIRE(feed.ok());
  CHECK(*feed->property("X-WR-CALNAME") == "東区役所（令和8年度）");
  CHECK(feed->time_zones == std::vector<std::string>{"Asia/Tokyo"});
  std::set<std::string> uids;
  for (const FeedComponent& event : feed->events) CHECK(uids.insert(event.uid).second);
  CHECK(uids.contains("higashi-kyosei/multi-agency-meeting@torikumi"));
  CHECK(uids.contains("higashi-kodomo/meeting@torikumi"));
  const auto instances =
      expand_feed(*text, sys_days{year{2026} / 4 / 1}, sys_days{year{2027} / 4 / 1});
  REQUIRE(instances.ok());
  CHECK(instances->size() == higashi.expansion.occurrences.size() + 2);
}

// The Higashi example, and a second plan of the ward whose one meeting convenes
// こども家庭センター alone.
struct AgencyPlans {
  AgencyPlans() : higashi(read_plan(higashi_document())), kodomo(read_plan(kodomo_document())) {}
  static json kodomo_document() {
    json document = meeting_plan("higashi-kodomo", "（5、9月）",
                                 {{"week", 1}, {"weekday", "thursday"}, {"start", "13:30"}});
    document["tasks"][0]["participants"] = json::parse(R"([{"agency": "こども家庭センター"}])");
    return document;
  }
  std::vector<PlanFeedSource> sources() const {
    return {{&higashi.plan, &higashi.expansion, &higashi.states},
            {&kodomo.plan, &kodomo.expansion, &kodomo.states}};
  }
  std::string agency_feed(std::string_view agency) const {
    const auto text = render_agency_feed(agency, sources(), FeedOptions{});
    REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
    return *text;
  }
  Fixture higashi;
  Fixture kodomo;
};

ParsedFeed parsed_text(const std::string& text) {
  auto feed = read_feed(text);
  REQUIRE_MESSAGE(feed.ok(), (feed.ok() ? "" : feed.error().message));
  return std::move(*feed);
}

// What a client offers a reply for, or an invitation carries: never in a feed.
void check_no_itip(const std::string& text) {
  CHECK(text.find("ATTENDEE") == std::string::npos);
  CHECK(text.find("ORGANIZER") == std::string::npos);
  CHECK(text.find("METHOD:REQUEST") == std::string::npos);
  CHECK(text.find("METHOD:PUBLISH\r\n") != std::string::npos);
}

TEST_CASE("an agency's feed holds the meetings it takes part in, as the plan's feed writes them") {
  const AgencyPlans plans;
  const std::string text = plans.agency_feed("堺市社会福祉協議会東区事務所");
  check_no_itip(text);
  const ParsedFeed feed = parsed_text(text);
  const auto value = [&](std::string_view name) {
    return feed.property(name) ? *feed.property(name) : "(none)";
  };
  CHECK(value("METHOD") == "PUBLISH");
  CHECK(value("X-WR-CALNAME") == "堺市社会福祉協議会東区事務所の会議");
  CHECK(value("NAME") == "堺市社会福祉協議会東区事務所の会議");
  CHECK(value("X-WR-CALDESC") ==
        "堺市社会福祉協議会東区事務所が参加する会議の日程。torikumi が作成。");
  CHECK(value("X-WR-TIMEZONE") == "Asia/Tokyo");
  CHECK(feed.time_zones == std::vector<std::string>{"Asia/Tokyo"});
  // The Higashi plan's bimonthly meetings (the plan names the council, 任意), nothing else: no
  // window, no deadline, no to-do, and not the other plan's meeting, which does not invite it.
  REQUIRE(feed.events.size() == 1);
  CHECK(feed.todos.empty());
  const FeedComponent& series = feed.events.front();
  const ParsedFeed plan_feed = plans.higashi.parsed();
  const FeedComponent* in_plan =
      find_uid(plan_feed.events, "higashi-kyosei/multi-agency-meeting@torikumi");
  REQUIRE(in_plan != nullptr);
  CHECK(series.uid == in_plan->uid);
  CHECK(series.rrule == in_plan->rrule);
  CHECK(series.rrule == "FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE");
  CHECK(series.start == in_plan->start);
  CHECK(series.end == in_plan->end);
  CHECK(series.start_tzid == "Asia/Tokyo");
  CHECK(series.summary == in_plan->summary);
  CHECK(series.description == in_plan->description);
  CHECK(series.location == in_plan->location);
  CHECK(series.sequence == in_plan->sequence);
  CHECK(series.last_modified == in_plan->last_modified);
  CHECK(series.dtstamp == in_plan->dtstamp);
  CHECK(series.alarm_triggers == in_plan->alarm_triggers);

  // Read by libical and expanded: every meeting occurrence of the plan, at its time.
  const auto instances =
      expand_feed(text, sys_days{year{2026} / 4 / 1}, sys_days{year{2027} / 4 / 1});
  REQUIRE(instances.ok());
  std::vector<std::string> shown;
  for (const FeedInstance& instance : *instances) shown.push_back(describe(instance));
  std::vector<std::string> meetings;
  for (const Occurrence& occurrence : plans.higashi.expansion.occurrences)
    if (occurrence.task->kind == TaskKind::meeting)
      meetings.push_back(instant_text(*occurrence.scheduled_start) + ".." +
                         instant_text(*occurrence.scheduled_end) + " " + occurrence.task->title);
  CHECK(meetings.size() == 6);
  CHECK(shown == meetings);
}

TEST_CASE("an agency invited to meetings of two plans gets both; one invited to none gets none") {
  const AgencyPlans plans;
  const ParsedFeed both = parsed_text(plans.agency_feed("こども家庭センター"));
  std::vector<std::string> uids;
  for (const FeedComponent& event : both.events) uids.push_back(event.uid);
  CHECK(uids == std::vector<std::string>{"higashi-kyosei/multi-agency-meeting@torikumi",
                                         "higashi-kodomo/meeting@torikumi"});
  CHECK(*both.property("X-WR-CALNAME") == "こども家庭センターの会議");

  // 学校連携担当 owns tasks of the plan but takes part in no meeting: a calendar without events.
  const std::string text = plans.agency_feed("学校連携担当");
  check_no_itip(text);
  const ParsedFeed none = parsed_text(text);
  CHECK(none.events.empty());
  CHECK(none.todos.empty());
  CHECK(none.time_zones.empty());
  CHECK(*none.property("X-WR-CALNAME") == "学校連携担当の会議");
  CHECK(*none.property("X-WR-TIMEZONE") == "Asia/Tokyo");
  CHECK(parsed_text(plans.agency_feed("どこにもない機関")).events.empty());
}

TEST_CASE("an agency's feed follows its meetings' changes and nothing else's") {
  AgencyPlans plans;
  const std::string before = plans.agency_feed("東区地域包括支援センター");
  const std::string plan_before = plans.higashi.feed();
  // A change to what the feed does not show (a span done) changes none of its bytes, though it
  // moves the plan feed's DTSTAMP.
  OccurrenceState span_done;
  span_done.status = OccurrenceStatus::done;
  span_done.sequence = 1;
  span_done.last_modified = tokyo(2026, 5, 1, 9);
  plans.higashi.states.emplace("higashi-kyosei/support-plan/fy2026", span_done);
  CHECK(plans.agency_feed("東区地域包括支援センター") == before);
  CHECK(plans.higashi.feed() != plan_before);

  // A meeting cancelled: an override with STATUS:CANCELLED and its SEQUENCE, the series' raised,
  // DTSTAMP the change's, as in the plan's feed.
  OccurrenceState cancelled;
  cancelled.status = OccurrenceStatus::cancelled;
  cancelled.sequence = 2;
  cancelled.last_modified = tokyo(2026, 7, 1, 10);
  plans.higashi.states.emplace("higashi-kyosei/multi-agency-meeting/2026-08", cancelled);
  const std::string after = plans.agency_feed("東区地域包括支援センター");
  check_no_itip(after);
  const ParsedFeed feed = parsed_text(after);
  const std::string uid = "higashi-kyosei/multi-agency-meeting@torikumi";
  const auto overrides = overrides_of(feed, uid);
  REQUIRE(overrides.size() == 1);
  CHECK(overrides[0]->recurrence_id == tokyo(2026, 8, 12, 14));
  CHECK(overrides[0]->status == "CANCELLED");
  CHECK(overrides[0]->sequence == 2);
  CHECK(overrides[0]->last_modified == tokyo(2026, 7, 1, 10));
  CHECK(find_uid(feed.events, uid)->sequence == 2);
  CHECK(find_uid(feed.events, uid)->dtstamp == tokyo(2026, 7, 1, 10));
  const ParsedFeed plan_feed = plans.higashi.parsed();
  CHECK(overrides_of(plan_feed, uid).front()->sequence == overrides[0]->sequence);
  CHECK(overrides_of(plan_feed, uid).front()->status == overrides[0]->status);
}

TEST_CASE(
    "an agency added to one meeting sees that one; an agency dropped from it no longer does") {
  AgencyPlans plans;
  OccurrenceState changed;
  using Kind = ParticipantChange::Kind;
  changed.participant_changes = {
      {.kind = Kind::add, .agency = "学校連携担当", .role = ParticipantRole::optional},
      {.kind = Kind::drop,
       .agency = "東区地域包括支援センター",
       .role = ParticipantRole::required}};
  plans.higashi.states.emplace("higashi-kyosei/multi-agency-meeting/2026-08", changed);
  const auto shown = [&](std::string_view agency) {
    const std::string text = plans.agency_feed(agency);
    check_no_itip(text);
    const auto instances =
        expand_feed(text, sys_days{year{2026} / 4 / 1}, sys_days{year{2027} / 4 / 1});
    REQUIRE(instances.ok());
    std::vector<sys_seconds> starts;
    for (const FeedInstance& instance : *instances) starts.push_back(*instance.start);
    return starts;
  };
  // 学校連携担当 takes part in no standing meeting: the August one alone.
  CHECK(shown("学校連携担当") == std::vector<sys_seconds>{tokyo(2026, 8, 12, 14)});
  // The centre keeps the five others.
  CHECK(shown("東区地域包括支援センター") ==
        std::vector<sys_seconds>{tokyo(2026, 4, 8, 14), tokyo(2026, 6, 10, 14),
                                 tokyo(2026, 10, 14, 14), tokyo(2026, 12, 9, 14),
                                 tokyo(2027, 2, 10, 14)});
  // The rest see all six, and こども家庭センター the other plan's in May and September too, in
  // the same bytes as without the changes: who is invited is no part of a feed.
  CHECK(shown("こども家庭センター").size() == 8);
  const std::string others = plans.agency_feed("こども家庭センター");
  plans.higashi.states.clear();
  CHECK(plans.agency_feed("こども家庭センター") == others);
  CHECK(shown("学校連携担当").empty());
  CHECK(shown("東区地域包括支援センター").size() == 6);
}

TEST_CASE("a person's feed holds the meetings of the agencies they are in, named after them") {
  const AgencyPlans plans;
  const std::vector<std::string> agencies{"東区地域包括支援センター", "こども家庭センター"};
  const auto text = render_person_feed("中村 美咲", agencies, plans.sources(), FeedOptions{});
  REQUIRE(text.ok());
  check_no_itip(*text);
  const ParsedFeed feed = parsed_text(*text);
  CHECK(*feed.property("X-WR-CALNAME") == "中村 美咲の会議");
  CHECK(*feed.property("X-WR-CALDESC") ==
        "中村 美咲が所属する機関（東区地域包括支援センター、こども家庭センター）が参加する会議の日"
        "程。torikumi が作成。");
  std::vector<std::string> uids;
  for (const FeedComponent& event : feed.events) uids.push_back(event.uid);
  CHECK(uids == std::vector<std::string>{"higashi-kyosei/multi-agency-meeting@torikumi",
                                         "higashi-kodomo/meeting@torikumi"});

  const auto former = render_person_feed("大野 健", {}, plans.sources(), FeedOptions{});
  REQUIRE(former.ok());
  const ParsedFeed empty = parsed_text(*former);
  CHECK(empty.events.empty());
  CHECK(*empty.property("X-WR-CALNAME") == "大野 健の会議");
  CHECK(*empty.property("X-WR-CALDESC") ==
        "大野 健が今所属する機関はありません。torikumi が作成。");
}

TEST_CASE("a plan in a zone with daylight saving time keeps its local meeting times") {
  const Fixture fixture{read_plan(
      meeting_plan("ny", "毎月", {{"week", 2}, {"weekday", "wednesday"}, {"start", "14:00"}},
                   "America/New_York"))};
  const ParsedFeed feed = fixture.parsed();
  CHECK(feed.time_zones == std::vector<std::string>{"America/New_York"});
  CHECK(*feed.property("X-WR-TIMEZONE") == "America/New_York");
  const std::string text = fixture.feed();
  CHECK(text.find("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-"
                  "0500\r\nTZNAME:EST\r\n") != std::string::npos);
  // libical turns each local 14:00 into an instant with the feed's own VTIMEZONE: 18:00Z in
  // summer, 19:00Z in winter, as the engine has them.
  const auto instances = fixture.instances();
  CHECK(described(instances) == expected_instances(fixture));
  REQUIRE(instances.size() == 12);
  CHECK(instant_text(*instances.front().start) == "2026-04-08T18:00:00+00:00");
  CHECK(instant_text(*instances[7].start) == "2026-11-11T19:00:00+00:00");
}

TEST_CASE("states from the plan's progress lines mark months done") {
  json document = higashi_document();
  document["progress"] = json::array({{{"period", "前期"},
                                       {"text", "多機関協働担当を中心とした会議の開催"},
                                       {"months", json::array({4, 6})},
                                       {"task", "multi-agency-meeting-zenki"}}});
  const Fixture fixture{read_plan(document)};
  const OccurrenceStates states = states_from_progress(
      fixture.plan, fixture.expansion, mark_progress(fixture.plan, fixture.expansion));
  REQUIRE(states.contains("higashi-kyosei/multi-agency-meeting/2026-04"));
  CHECK(states.at("higashi-kyosei/multi-agency-meeting/2026-04").status == OccurrenceStatus::done);
  CHECK(states.at("higashi-kyosei/multi-agency-meeting/2026-04").completed_at ==
        tokyo(2026, 4, 8, 15, 30));
  CHECK(states.contains("higashi-kyosei/multi-agency-meeting/2026-06"));
  CHECK_FALSE(states.contains("higashi-kyosei/multi-agency-meeting/2026-08"));
}

TEST_CASE("a recurring event without an end is expanded only to the end of the range") {
  const std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:m\r\n"
      "DTSTART:20260401T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:m\r\nRECURRENCE-ID:20260405T000000Z\r\nDTSTART:20260401T123000Z\r\n"
      "SUMMARY:moved into the range\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto instances =
      expand_feed(text, sys_days{year{2026} / 4 / 1}, sys_days{year{2026} / 4 / 2});
  REQUIRE_MESSAGE(instances.ok(), instances.error().message);
  // The day's 1440 minutes, and the instance of 5 April, which its override moves into the day.
  CHECK(instances->size() == 24 * 60 + 1);
  CHECK(instances->back().start ==
        sys_seconds{sys_days{year{2026} / 4 / 1}} + std::chrono::minutes{24 * 60 - 1});

  const auto every_second = expand_feed(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:s\r\n"
      "DTSTART:20260401T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      sys_days{year{2026} / 4 / 1}, sys_days{year{2027} / 4 / 1});
  REQUIRE_FALSE(every_second.ok());
  CHECK(every_second.error().message ==
        "feed: s: RRULE FREQ=SECONDLY has more than 100000 instances before 2027-04-01");
}

TEST_CASE("reading text that is not a calendar is an error") {
  const auto feed = read_feed("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n");
  REQUIRE_FALSE(feed.ok());
  CHECK(feed.error().message == "feed: expected one VCALENDAR, got VEVENT");
}

TEST_CASE("reading a component libical has no name for is an error, not a crash") {
  const std::string text = "BEGIN:VCALENDNDAR\r\nEND:VCALENDNDAR\r\n";
  const auto feed = read_feed(text);
  REQUIRE_FALSE(feed.ok());
  CHECK(feed.error().message == "feed: expected one VCALENDAR, got an unknown component");
  const auto instances =
      expand_feed(text, sys_days{year{2026} / 4 / 1}, sys_days{year{2027} / 4 / 1});
  REQUIRE_FALSE(instances.ok());
  CHECK(instances.error().message == "feed: expected one VCALENDAR, got an unknown component");
}

TEST_CASE(
    "a confidential type's meetings are CLASS:CONFIDENTIAL in every feed; others say nothing") {
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  json document = meeting_plan("shien", "（4、6月）",
                               {{"week", 2}, {"weekday", "tuesday"}, {"start", "10:00"}});
  const Fixture regular{read_plan(document)};
  CHECK(count(regular.feed(), "CLASS:") == 0);

  document["tasks"][0]["meeting_type"] = "支援会議";
  const Fixture support{read_plan(document)};
  const std::string text = support.feed();
  // Every event the meeting makes is marked: the series, and an occurrence moved off it.
  CHECK(count(text, "BEGIN:VEVENT") == 1);
  CHECK(count(text, "CLASS:CONFIDENTIAL\r\n") == 1);
  Fixture moved{read_plan(document)};
  OccurrenceState state;
  state.place = "別室";
  state.sequence = 1;
  moved.states.emplace("shien/meeting/2026-06", state);
  const std::string with_override = moved.feed();
  CHECK(count(with_override, "BEGIN:VEVENT") == 2);
  CHECK(count(with_override, "CLASS:CONFIDENTIAL\r\n") == 2);
}

TEST_CASE("a meeting's actions are in their owners' feeds and the plan's, named generically") {
  const Fixture higashi{read_plan(higashi_document())};
  const std::string meeting = "higashi-kyosei/multi-agency-meeting/2026-04";
  const auto action = [&](std::int64_t id, std::string owner, sys_days due, bool restricted,
                          std::optional<sys_seconds> done_at) {
    return MeetingAction{
        .id = id,
        .occurrence = meeting,
        .item = restricted ? std::optional<std::int64_t>{7} : std::nullopt,
        .what = "山田太郎さん（仮名）の件で関係機関に照会する",
        .owner = std::move(owner),
        .due = due,
        .visibility = restricted ? ItemVisibility::named_agencies : ItemVisibility::participants,
        .agencies = {},
        .done_at = done_at,
        .done_by = {},
        .created_at = sys_days{year{2026} / 4 / 8} + hours{6},
        .created_by = "token:1",
        .revision = done_at ? 1u : 0u,
        .changed_at = done_at.value_or(sys_days{year{2026} / 4 / 8} + hours{6})};
  };
  const std::vector<MeetingAction> actions{
      action(1, "堺市社会福祉協議会東区事務所", sys_days{year{2026} / 5 / 29}, true, std::nullopt),
      action(2, "東区地域包括支援センター", sys_days{year{2026} / 9 / 30}, false,
             sys_days{year{2026} / 6 / 1} + hours{1})};
  const PlanFeedSource source{&higashi.plan, &higashi.expansion, &higashi.states, &actions};

  const auto agency = render_agency_feed("堺市社会福祉協議会東区事務所",
                                         std::span<const PlanFeedSource>{&source, 1}, {});
  REQUIRE(agency.ok());
  CHECK(agency->find("山田") == std::string::npos);
  CHECK(agency->find("照会") == std::string::npos);
  const ParsedFeed owned = parsed_text(*agency);
  const FeedComponent* event = find_uid(owned.events, "action-1@torikumi");
  REQUIRE(event != nullptr);
  CHECK(find_uid(owned.events, "action-2@torikumi") == nullptr);  // another agency's
  CHECK(event->summary ==
        "宿題（堺市社会福祉協議会東区事務所）: 多機関協働担当を中心とした会議の開催");
  CHECK(event->start_day == sys_days{year{2026} / 5 / 29});
  CHECK(event->end_day == sys_days{year{2026} / 5 / 30});
  CHECK(event->transparency == "TRANSPARENT");
  CHECK(event->url.empty());  // no base URL given
  CHECK(event->description.find("担当機関: 堺市社会福祉協議会東区事務所") != std::string::npos);
  CHECK(event->description.find("期限: 2026-05-29") != std::string::npos);
  CHECK(agency->find("CLASS:CONFIDENTIAL") != std::string::npos);  // raised from a case item
  const FeedComponent* todo = find_uid(owned.todos, "action-1/todo@torikumi");
  REQUIRE(todo != nullptr);
  CHECK(todo->status == "NEEDS-ACTION");
  CHECK(todo->due_day == sys_days{year{2026} / 5 / 29});

  FeedOptions linked;
  linked.base_url = "https://torikumi.example.jp/";
  const auto plan_feed = render_plan_feed(source, linked);
  REQUIRE(plan_feed.ok());
  CHECK(plan_feed->find("照会") == std::string::npos);
  const ParsedFeed all = parsed_text(*plan_feed);
  const FeedComponent* done = find_uid(all.events, "action-2@torikumi");
  REQUIRE(done != nullptr);
  CHECK(done->summary ==
        "✓ 宿題（東区地域包括支援センター）: 多機関協働担当を中心とした会議の開催");
  CHECK(done->url == "https://torikumi.example.jp/meetings/" + meeting);
  CHECK(done->sequence == 1);
  CHECK(find_uid(all.todos, "action-2/todo@torikumi")->status == "COMPLETED");
  CHECK(find_uid(all.events, "action-1@torikumi") != nullptr);
  // Filtered by period: only those due in it; by owner (担当) or kind: none.
  FeedOptions first_term;
  first_term.filter.period = "前期";
  const ParsedFeed first = parsed_text(render_plan_feed(source, first_term).value());
  CHECK(find_uid(first.events, "action-1@torikumi") != nullptr);
  CHECK(find_uid(first.events, "action-2@torikumi") == nullptr);
  FeedOptions meetings_only;
  meetings_only.filter.kind = TaskKind::meeting;
  CHECK(render_plan_feed(source, meetings_only).value().find("action-") == std::string::npos);
}
