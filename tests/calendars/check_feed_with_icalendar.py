#!/usr/bin/env python3
"""Reads torikumi's iCalendar feeds with an implementation that shares nothing with libical:
python3-icalendar parses them and python3-recurring-ical-events expands their recurrences over
the fiscal year. The instances must be `torikumi expand --json`'s occurrences: the same dates,
times, zone offsets and titles. Also checks the content lines (75 octets, UTF-8, CRLF), the
calendar's properties, the to-do twins, and that each VTIMEZONE gives the offsets the tz
database gives.

    check_feed_with_icalendar.py TORIKUMI PLAN...
"""

import datetime
import json
import os
import subprocess
import sys

import icalendar
import recurring_ical_events

FISCAL_YEAR = "2026"
FIRST_DAY = datetime.date(2026, 4, 1)
END = datetime.date(2027, 4, 1)  # exclusive


def run(torikumi, *args):
    environment = dict(os.environ, TORIKUMI_NOW="2026-04-01")
    result = subprocess.run([torikumi, *args], capture_output=True, env=environment)
    if result.returncode != 0:
        raise SystemExit(f"torikumi {' '.join(args)}: exit {result.returncode}\n{result.stderr.decode()}")
    return result.stdout


def check_lines(feed, problems):
    if not feed.endswith(b"\r\n"):
        problems.append("the feed does not end in CRLF")
    lines = feed.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, 1):
        if len(line) > 75:
            problems.append(f"line {number} has {len(line)} octets: {line!r}")
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {number} has a bare CR or LF: {line!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"line {number} is not UTF-8 ({error}): {line!r}")
    return len(lines)


def without_done_mark(summary):
    return summary[2:] if summary.startswith("✓ ") else summary


def expected_event(occurrence):
    if occurrence["scheduled_start"]:
        return f'{occurrence["scheduled_start"]}..{occurrence["scheduled_end"]} {occurrence["title"]}'
    due = datetime.date.fromisoformat(occurrence["due"])
    after_due = (due + datetime.timedelta(days=1)).isoformat()
    if occurrence["kind"] == "deliverable":
        return f'{occurrence["due"]}..{after_due} 締切: {occurrence["title"]}'
    return f'{occurrence["start"]}..{after_due} {occurrence["title"]}'


def actual_event(event):
    start = event["DTSTART"].dt
    end = event["DTEND"].dt
    return f"{start.isoformat()}..{end.isoformat()} {without_done_mark(str(event['SUMMARY']))}"


def expected_todo(occurrence):
    title = occurrence["title"]
    if occurrence["kind"] == "deliverable":
        title = "締切: " + title
    start = occurrence["start"] if occurrence["start"] != occurrence["due"] else "-"
    return f'{start}..{occurrence["due"]} {title}'


def actual_todo(todo):
    start = todo["DTSTART"].dt.isoformat() if "DTSTART" in todo else "-"
    return f"{start}..{todo['DUE'].dt.isoformat()} {without_done_mark(str(todo['SUMMARY']))}"


def compare(what, expected, actual, problems):
    expected, actual = sorted(expected), sorted(actual)
    if expected == actual:
        return
    for line in expected:
        if line not in actual:
            problems.append(f"{what}: missing {line}")
    for line in actual:
        if line not in expected:
            problems.append(f"{what}: unexpected {line}")


def check_plan(torikumi, plan_path):
    problems = []
    feed = run(torikumi, "ics", plan_path, "--fy", FISCAL_YEAR)
    occurrences = json.loads(run(torikumi, "expand", plan_path, "--fy", FISCAL_YEAR, "--json"))
    plan = json.load(open(plan_path, encoding="utf-8"))
    zone = plan.get("time_zone", "Asia/Tokyo")

    line_count = check_lines(feed, problems)
    calendar = icalendar.Calendar.from_ical(feed)

    wanted = {"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH", "X-WR-TIMEZONE": zone,
              "REFRESH-INTERVAL": None, "X-PUBLISHED-TTL": None, "PRODID": None, "NAME": None,
              "X-WR-CALNAME": None, "DESCRIPTION": None}
    for name, value in wanted.items():
        if name not in calendar:
            problems.append(f"the calendar has no {name}")
        elif value is not None and str(calendar[name]) != value:
            problems.append(f"the calendar's {name} is {calendar[name]!r}, expected {value!r}")
    if str(calendar.get("NAME")) != str(calendar.get("X-WR-CALNAME")):
        problems.append("NAME and X-WR-CALNAME differ")

    events = recurring_ical_events.of(calendar).between(FIRST_DAY, END)
    compare("events", [expected_event(o) for o in occurrences], [actual_event(e) for e in events], problems)

    untimed = [o for o in occurrences if not o["scheduled_start"]]
    todos = [c for c in calendar.walk("VTODO")]
    compare("to-dos", [expected_todo(o) for o in untimed], [actual_todo(t) for t in todos], problems)

    # The feed's own VTIMEZONE must give each meeting the offset the tz database gives it.
    time_zones = {str(c["TZID"]): c.to_tz() for c in calendar.walk("VTIMEZONE")}
    if list(time_zones) != [zone]:
        problems.append(f"VTIMEZONEs {list(time_zones)}, expected [{zone!r}]")
    timed = [e for e in events if isinstance(e["DTSTART"].dt, datetime.datetime)]
    for event in timed:
        start = event["DTSTART"].dt
        from_feed = time_zones[zone].localize(start.replace(tzinfo=None)).utcoffset()
        if from_feed != start.utcoffset():
            problems.append(f"{start.isoformat()}: the feed's VTIMEZONE gives {from_feed}")

    keys = [(str(c["UID"]), str(c.get("RECURRENCE-ID").dt if "RECURRENCE-ID" in c else "")) for c in calendar.walk("VEVENT")]
    if len(keys) != len(set(keys)):
        problems.append("two VEVENTs share a UID and RECURRENCE-ID")

    recurring = [c for c in calendar.walk("VEVENT") if "RRULE" in c]
    overrides = [c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" in c]
    print(f"{os.path.basename(plan_path)}: {line_count} lines, {len(events)} event instances "
          f"({len(recurring)} recurring, {len(overrides)} overrides, {len(timed)} timed), {len(todos)} to-dos, "
          f"{len(occurrences)} occurrences: {'ok' if not problems else 'FAILED'}")
    for problem in problems:
        print("  " + problem)
    return not problems


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    torikumi = sys.argv[1]
    results = [check_plan(torikumi, path) for path in sys.argv[2:]]
    print(f"icalendar {icalendar.__version__}, recurring-ical-events: {sum(results)} of {len(results)} feeds agree")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
