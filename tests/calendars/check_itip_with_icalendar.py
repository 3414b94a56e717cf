#!/usr/bin/env python3
"""Reads torikumi's iTIP invitations with an implementation that shares nothing with libical:
python3-icalendar parses them and python3-recurring-ical-events expands the series. Each
calendar itip_samples writes must have the METHOD, UID, SEQUENCE, ORGANIZER, ATTENDEE
parameters, RECURRENCE-ID, CLASS and instants this script expects, and content lines of at
most 75 octets that are whole UTF-8 characters, ending in CRLF.

    check_itip_with_icalendar.py ITIP_SAMPLES
"""

import datetime
import os
import subprocess
import sys
import tempfile

import icalendar
import recurring_ical_events

UTC = datetime.timezone.utc
UID = "higashi/kyosei@invitations.ward.example.jp"
SUMMARY = "東区多機関協働推進会議（定例会議）令和8年度のご案内：地域包括支援センター・相談支援事業所"
ORGANIZER = "mailto:jimukyoku@ward.example.jp"
EVERYONE = [
    ("mailto:houkatsu@example.org", "地域包括支援センター東", "REQ-PARTICIPANT", "NEEDS-ACTION", "TRUE"),
    ("mailto:tanaka@example.org", "田中 太郎", "OPT-PARTICIPANT", "ACCEPTED", "FALSE"),
    ("mailto:kacho@ward.example.jp", "福祉課長", "CHAIR", "ACCEPTED", "TRUE"),
]


def utc(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


def check_lines(name, data, problems):
    if not data.endswith(b"\r\n"):
        problems.append(f"{name}: does not end in CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            problems.append(f"{name}:{number}: {len(line)} octets")
        if b"\r" in line or b"\n" in line:
            problems.append(f"{name}:{number}: a bare CR or LF")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"{name}:{number}: not whole UTF-8 characters ({error})")


def expect(problems, name, what, actual, expected):
    if actual != expected:
        problems.append(f"{name}: {what} is {actual!r}, expected {expected!r}")


def attendees(event):
    found = event.get("ATTENDEE", [])
    if not isinstance(found, list):
        found = [found]
    return [(str(a), str(a.params.get("CN")), a.params.get("ROLE"), a.params.get("PARTSTAT"),
             a.params.get("RSVP")) for a in found]


def instant(value):
    return value.dt.astimezone(UTC)


def check_common(name, calendar, method, problems):
    expect(problems, name, "METHOD", str(calendar.get("METHOD")), method)
    expect(problems, name, "VERSION", str(calendar.get("VERSION")), "2.0")
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    expect(problems, name, "VTIMEZONEs", zones, ["Asia/Tokyo"])
    events = calendar.walk("VEVENT")
    for event in events:
        expect(problems, name, "ORGANIZER", str(event.get("ORGANIZER")), ORGANIZER)
        expect(problems, name, "ORGANIZER CN", str(event["ORGANIZER"].params.get("CN")),
               "東区役所 福祉課, 事務局")
    return events


def check(directory):
    problems = []
    calendars = {}
    for name in ["request-single", "request-series", "cancel-series", "cancel-occurrence",
                 "cancel-attendee", "decline-counter"]:
        with open(os.path.join(directory, name + ".ics"), "rb") as file:
            data = file.read()
        check_lines(name, data, problems)
        calendars[name] = icalendar.Calendar.from_ical(data)

    name = "request-single"
    events = check_common(name, calendars[name], "REQUEST", problems)
    expect(problems, name, "VEVENTs", len(events), 1)
    event = events[0]
    expect(problems, name, "UID", str(event["UID"]), "higashi/meeting/2026-06@invitations.ward.example.jp")
    expect(problems, name, "SEQUENCE", int(event["SEQUENCE"]), 0)
    expect(problems, name, "SUMMARY", str(event["SUMMARY"]), SUMMARY)
    expect(problems, name, "LOCATION", str(event["LOCATION"]), "東区役所 3階 第1会議室; 本館")
    expect(problems, name, "DESCRIPTION", str(event["DESCRIPTION"]),
           "日時: 第2水曜日 14:00〜15:30\nhttps://torikumi.example.jp/m/abc")
    expect(problems, name, "CLASS", str(event["CLASS"]), "PUBLIC")
    expect(problems, name, "DTSTART TZID", event["DTSTART"].params.get("TZID"), "Asia/Tokyo")
    expect(problems, name, "DTSTART", instant(event["DTSTART"]), utc(2026, 6, 10, 5))
    expect(problems, name, "DTEND", instant(event["DTEND"]), utc(2026, 6, 10, 6, 30))
    expect(problems, name, "ATTENDEEs", attendees(event), EVERYONE)

    name = "request-series"
    events = check_common(name, calendars[name], "REQUEST", problems)
    expect(problems, name, "VEVENTs", len(events), 2)
    master = events[0]
    expect(problems, name, "SEQUENCE", int(master["SEQUENCE"]), 3)
    expect(problems, name, "CLASS", str(master["CLASS"]), "CONFIDENTIAL")
    expect(problems, name, "RRULE", master["RRULE"].to_ical().decode(),
           "FREQ=MONTHLY;COUNT=3;INTERVAL=2;BYDAY=2WE")
    expect(problems, name, "override RECURRENCE-ID", instant(events[1]["RECURRENCE-ID"]),
           utc(2026, 8, 12, 5))
    expect(problems, name, "override RECURRENCE-ID TZID",
           events[1]["RECURRENCE-ID"].params.get("TZID"), "Asia/Tokyo")
    expect(problems, name, "override ATTENDEEs", attendees(events[1]), EVERYONE)
    shown = recurring_ical_events.of(calendars[name]).between(
        datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))
    expect(problems, name, "instances",
           sorted((event["DTSTART"].dt.astimezone(UTC), str(event["LOCATION"])) for event in shown),
           [(utc(2026, 6, 10, 5), "東区役所 3階 第1会議室; 本館"),
            (utc(2026, 8, 13, 1), "東区役所 別館 大会議室")])

    name = "cancel-series"
    events = check_common(name, calendars[name], "CANCEL", problems)
    expect(problems, name, "VEVENTs", len(events), 1)
    expect(problems, name, "UID", str(events[0]["UID"]), UID)
    expect(problems, name, "STATUS", str(events[0]["STATUS"]), "CANCELLED")
    expect(problems, name, "RECURRENCE-ID", events[0].get("RECURRENCE-ID"), None)
    expect(problems, name, "ATTENDEEs", attendees(events[0]), EVERYONE)

    name = "cancel-occurrence"
    events = check_common(name, calendars[name], "CANCEL", problems)
    expect(problems, name, "VEVENTs", len(events), 1)
    expect(problems, name, "RECURRENCE-ID", instant(events[0]["RECURRENCE-ID"]), utc(2026, 8, 12, 5))
    expect(problems, name, "DTSTART", instant(events[0]["DTSTART"]), utc(2026, 8, 13, 1))
    expect(problems, name, "STATUS", str(events[0]["STATUS"]), "CANCELLED")
    expect(problems, name, "SEQUENCE", int(events[0]["SEQUENCE"]), 3)

    name = "cancel-attendee"
    events = check_common(name, calendars[name], "CANCEL", problems)
    expect(problems, name, "ATTENDEEs", attendees(events[0]), [EVERYONE[1]])
    expect(problems, name, "STATUS", str(events[0]["STATUS"]), "CANCELLED")

    name = "decline-counter"
    events = check_common(name, calendars[name], "DECLINECOUNTER", problems)
    expect(problems, name, "UID", str(events[0]["UID"]), UID)
    expect(problems, name, "RECURRENCE-ID", instant(events[0]["RECURRENCE-ID"]), utc(2026, 6, 10, 5))
    expect(problems, name, "COMMENT", str(events[0]["COMMENT"]), "その日は会議室が使えません")
    expect(problems, name, "ATTENDEEs", attendees(events[0]), [EVERYONE[1]])
    return problems


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([sys.argv[1], directory], check=True)
        problems = check(directory)
    for problem in problems:
        print(problem)
    if problems:
        raise SystemExit(f"{len(problems)} problems")
    print("6 invitations read by python-icalendar", icalendar.__version__, "as written")


if __name__ == "__main__":
    main()
