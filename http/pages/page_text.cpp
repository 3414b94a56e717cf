#include "http/pages/page_text.hpp"

#include <date/tz.h>

#include <array>
#include <sstream>

#include "engine/text/html.hpp"

namespace torikumi::http::page {

namespace {

constexpr std::array<const char*, 7> kWeekdaysJa{"日", "月", "火", "水", "木", "金", "土"};
constexpr std::array<const char*, 7> kWeekdaysEn{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonthsEn{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr const char* kStyle = R"CSS(
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f6f7f9;--card:#fff;--accent:#1f5fbf;
--done:#2e7d32;--overdue:#c62828;--planned:#1f5fbf;--skipped:#8a8f99;--scheduled:#6a3fb5}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",system-ui,sans-serif;
color:var(--ink);background:var(--bg);line-height:1.55;font-size:16px}
a{color:var(--accent)}
header.bar{display:flex;justify-content:space-between;align-items:center;gap:.5rem;flex-wrap:wrap;
padding:.6rem 1rem;background:#23304a;color:#fff}
header.bar a{color:#fff;text-decoration:none}
header.bar .brand{font-weight:700;letter-spacing:.05em}
header.bar nav a{margin-left:.8rem;font-size:.9rem;opacity:.9}
header.bar nav a[aria-current]{font-weight:700;text-decoration:underline;opacity:1}
header.bar nav .who{margin-left:.8rem;font-size:.85rem}
header.bar form.inline{display:inline;margin-left:.5rem}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.4rem 0 .6rem;border-left:4px solid var(--accent);padding-left:.5rem}
h3{font-size:1rem;margin:.8rem 0 .4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
.org{color:var(--muted);font-size:.9rem;margin:0}
.meta{color:var(--muted);font-size:.85rem}
.periods{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.6rem;margin:.6rem 0}
.period{border:1px solid var(--line);border-radius:6px;padding:.5rem .6rem;background:#fbfcfd}
.period .name{font-weight:700}
.bar-track{height:10px;background:#e6e9ef;border-radius:5px;overflow:hidden;margin:.3rem 0}
.bar-fill{height:100%;background:var(--done)}
.count{font-size:.9rem}
.overdue-count{color:var(--overdue);font-weight:700}
ul.plain{list-style:none;padding:0;margin:.3rem 0}
ul.plain li{padding:.25rem 0;border-bottom:1px dashed var(--line)}
ul.plain li:last-child{border-bottom:0}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;color:#fff;margin-right:.3rem;
vertical-align:1px;white-space:nowrap}
.tag.planned{background:var(--planned)}.tag.scheduled{background:var(--scheduled)}.tag.done{background:var(--done)}
.tag.skipped,.tag.cancelled{background:var(--skipped)}.tag.overdue{background:var(--overdue)}
.links a{margin-right:.8rem;font-size:.9rem;white-space:nowrap}
table.sheet{width:100%;border-collapse:collapse;background:var(--card);font-size:.95rem}
table.sheet th,table.sheet td{border:1px solid var(--line);padding:.45rem .5rem;vertical-align:top;text-align:left}
table.sheet th{background:#eef1f6;width:9.5em;font-weight:600}
.tick{font-size:1.1rem;margin-right:.3rem}
.tick.done{color:var(--done)}
.when{color:var(--muted);font-size:.85rem;margin-left:.3rem}
.owner{color:var(--muted);font-size:.8rem;margin-left:.3rem}
details.edit{display:inline-block;margin:.15rem .3rem .15rem 0;vertical-align:top}
details.edit summary{cursor:pointer;font-size:.8rem;color:var(--accent)}
details.edit[open]{display:block;border:1px solid var(--line);border-radius:6px;padding:.4rem .5rem;background:#fbfcfd}
form.action{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:.25rem 0}
form.action input,form.action select,form.action textarea{font:inherit;font-size:.9rem;padding:.2rem .35rem;
border:1px solid var(--line);border-radius:4px;max-width:100%}
form.action textarea{width:100%;min-height:3.2em}
button{font:inherit;font-size:.85rem;padding:.2rem .7rem;border-radius:4px;border:1px solid var(--accent);
background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
.notice{border-left:4px solid var(--overdue);padding:.5rem .8rem;background:#fff}
code.secret{display:block;word-break:break-all;background:#eef1f6;padding:.4rem;border-radius:4px}
.chips{margin:.15rem 0 0 1.6rem}
.timeline{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.4rem}
.timeline svg{display:block;min-width:640px;width:100%;height:auto}
.kpi .value{font-size:1.1rem;font-weight:700}
.sdg{display:inline-block;background:#dd1367;color:#fff;border-radius:4px;padding:.1rem .5rem;font-weight:700}
.legend span{margin-right:.8rem;font-size:.85rem}
@media (max-width:600px){main{padding:.6rem}table.sheet th{width:auto;display:block;border-bottom:0}
table.sheet td{display:block}table.sheet tr{display:block;margin-bottom:.4rem}h1{font-size:1.2rem}}
@media print{header.bar{display:none}body{background:#fff}}
)CSS";

}  // namespace

std::string day_text(date::sys_days day, Language language) {
  const date::year_month_day ymd{day};
  const date::weekday weekday{day};
  std::ostringstream out;
  if (language == Language::english) {
    out << kWeekdaysEn[weekday.c_encoding()] << ' ' << static_cast<unsigned>(ymd.day()) << ' '
        << kMonthsEn[static_cast<unsigned>(ymd.month()) - 1];
  } else {
    out << static_cast<unsigned>(ymd.month()) << "月" << static_cast<unsigned>(ymd.day()) << "日("
        << kWeekdaysJa[weekday.c_encoding()] << ")";
  }
  return out.str();
}

std::string instant_text(date::sys_seconds instant, const std::string& time_zone, Language language) {
  date::local_seconds local;
  try {
    local = date::make_zoned(time_zone, instant).get_local_time();
  } catch (const std::exception&) {
    local = date::local_seconds{instant.time_since_epoch()};
  }
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss time{local - day};
  std::ostringstream out;
  out << day_text(date::sys_days{day.time_since_epoch()}, language) << ' ' << time.hours().count() << ':'
      << (time.minutes().count() < 10 ? "0" : "") << time.minutes().count();
  return out.str();
}

std::string status_text(OccurrenceStatus status, bool overdue, Language language) {
  if (overdue) return words(language, "期限超過", "overdue");
  switch (status) {
    case OccurrenceStatus::planned: return words(language, "予定", "planned");
    case OccurrenceStatus::scheduled: return words(language, "日程確定", "scheduled");
    case OccurrenceStatus::done: return words(language, "完了", "done");
    case OccurrenceStatus::skipped: return words(language, "見送り", "skipped");
    case OccurrenceStatus::cancelled: return words(language, "中止", "cancelled");
  }
  return {};
}

std::string_view status_class(OccurrenceStatus status, bool overdue) {
  if (overdue) return "overdue";
  return to_string(status);
}

std::string period_heading(const PeriodDefinition& period, Language language) {
  const unsigned first = static_cast<unsigned>(period.first_month);
  const unsigned last = static_cast<unsigned>(period.last_month);
  if (language == Language::english)
    return period.name + " (" + kMonthsEn[first - 1] + "–" + kMonthsEn[last - 1] + ")";
  return period.name + " (" + std::to_string(first) + "–" + std::to_string(last) + "月)";
}

std::string frame(std::string_view title, std::string_view body, const PageContext& context) {
  const bool english = context.language == Language::english;
  std::string out;
  out.reserve(body.size() + 6000);
  out += "<!doctype html>\n<html lang=\"";
  out += english ? "en" : "ja";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape_html(title);
  out += " — torikumi</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<header class=\"bar\"><a class=\"brand\" href=\"/\">torikumi ";
  out += words(context.language, "取組ダッシュボード", "initiatives dashboard");
  out += "</a><nav><a href=\"?lang=ja\"";
  if (!english) out += " aria-current=\"true\"";
  out += ">日本語</a><a href=\"?lang=en\"";
  if (english) out += " aria-current=\"true\"";
  out += ">English</a>";
  if (context.visitor) {
    out += "<span class=\"who\"> ";
    out += escape_html(context.visitor->label);
    out += "</span><form class=\"inline\" method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"csrf\" "
           "value=\"";
    out += escape_html(context.visitor->csrf_token);
    out += "\"><button class=\"secondary\">";
    out += words(context.language, "サインアウト", "Sign out");
    out += "</button></form>";
  } else {
    out += "<a href=\"/signin\">";
    out += words(context.language, "サインイン", "Sign in");
    out += "</a>";
  }
  out += "</nav></header>\n<main>\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace torikumi::http::page
