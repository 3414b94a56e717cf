#!/usr/bin/env python3
"""Reads the invitation items torikumi composes (mail/invitation_mail.hpp) with implementations
that share nothing with it: the payload with Python's json (strict UTF-8), its raw message with
Python's email package, the calendar part with python3-icalendar, the HTML body with
html.parser. Each sample write_invitation_samples writes is checked against what it was made
from (NAME.expected.json): the payload's fields, the MIME tree, Reply-To rsvp+TOKEN@, METHOD,
UID, SEQUENCE, ORGANIZER and the recipient as ATTENDEE, the answer link in the text body
(where the notice asks for an answer), and lang attributes and no scripts in the HTML.

usage: check_invitation_with_python.py WRITE_INVITATION_SAMPLES"""

import datetime
import email
import email.policy
import email.utils
import html.parser
import json
import pathlib
import subprocess
import sys
import tempfile

import icalendar

failures = []

PAYLOAD_KEYS = {'type', 'id', 'timestamp', 'language', 'plan', 'occurrence', 'invitation', 'from',
                'reply_to', 'recipients', 'subject', 'text', 'html', 'calendar', 'message', 'links'}


def check(condition, what):
    if not condition:
        failures.append(what)


class HtmlReader(html.parser.HTMLParser):
    """The tags of a document: each start tag's name and attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def addresses(message, header):
    return email.utils.getaddresses(message.get_all(header) or [])


def check_payload(name, data, expected):
    try:
        payload = json.loads(data.decode('utf-8', errors='strict'))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        failures.append(f'{name}: the payload is not UTF-8 JSON: {error}')
        return None
    check(set(payload) == PAYLOAD_KEYS, f'{name}: payload keys {sorted(payload)}')
    for key in ('type', 'id', 'language', 'reply_to', 'subject'):
        check(payload.get(key) == expected[key], f'{name}: {key} {payload.get(key)!r}')
    check(datetime.datetime.fromisoformat(payload['timestamp']).utcoffset() ==
          datetime.timedelta(hours=9), f'{name}: timestamp {payload["timestamp"]}')
    invitation = payload['invitation']
    check(invitation['uid'] == expected['uid'], f'{name}: invitation.uid {invitation["uid"]}')
    check(invitation['sequence'] == expected['sequence'], f'{name}: invitation.sequence')
    check(invitation['method'] == expected['method'], f'{name}: invitation.method')
    check((invitation['recurrence_id'] is not None) == expected['recurrence_id'],
          f'{name}: invitation.recurrence_id {invitation["recurrence_id"]}')
    check(payload['from'] == expected['from'], f'{name}: from {payload["from"]}')
    check(payload['recipients'] == [expected['to']], f'{name}: recipients {payload["recipients"]}')
    check(payload['occurrence']['title'] == expected['title'], f'{name}: occurrence.title')
    start = datetime.datetime.fromisoformat(payload['occurrence']['start'])
    end = datetime.datetime.fromisoformat(payload['occurrence']['end'])
    check(start < end, f'{name}: occurrence from {start} to {end}')
    check(payload['links'] == {'answer': expected['answer_link'], 'meeting': expected['meeting_page']},
          f'{name}: links {payload["links"]}')
    method = expected['method']
    check(payload['calendar']['method'] == method, f'{name}: calendar.method')
    check(payload['calendar']['content_type'] == f'text/calendar; method={method}; charset=UTF-8',
          f'{name}: calendar.content_type {payload["calendar"]["content_type"]}')
    check(payload['message']['format'] == 'rfc5322', f'{name}: message.format')
    return payload


def check_calendar(name, data, expected):
    calendar = icalendar.Calendar.from_ical(data)
    check(str(calendar.get('METHOD')) == expected['method'], f'{name}: METHOD {calendar.get("METHOD")}')
    events = calendar.walk('VEVENT')
    check(len(events) >= 1, f'{name}: no VEVENT')
    recipient = 'mailto:' + expected['to']['email']
    for event in events:
        check(str(event.get('UID')) == expected['uid'], f'{name}: UID {event.get("UID")}')
        check(int(event.get('SEQUENCE', 0)) == expected['sequence'],
              f'{name}: SEQUENCE {event.get("SEQUENCE")}')
        check(str(event.get('ORGANIZER')) == 'mailto:' + expected['from']['email'],
              f'{name}: ORGANIZER {event.get("ORGANIZER")}')
        attendees = event.get('ATTENDEE')
        attendees = attendees if isinstance(attendees, list) else [attendees]
        check(recipient in [str(attendee) for attendee in attendees],
              f'{name}: {recipient} is no ATTENDEE')
        check(('RECURRENCE-ID' in event) == expected['recurrence_id'],
              f'{name}: RECURRENCE-ID {event.get("RECURRENCE-ID")}')


def check_html(name, text, expected):
    reader = HtmlReader()
    reader.feed(text)
    reader.close()
    tags = [tag for tag, _ in reader.tags]
    check(text.startswith('<!DOCTYPE html>'), f'{name}: html without a doctype')
    check('script' not in tags, f'{name}: a script in the HTML')
    check(reader.tags[0] == ('html', {'lang': expected['language']}), f'{name}: {reader.tags[0]}')
    languages = [attributes.get('lang') for tag, attributes in reader.tags if tag == 'div']
    other = 'en' if expected['language'] == 'ja' else 'ja'
    check(languages == [expected['language'], other], f'{name}: sections in {languages}')
    links = [attributes.get('href') for tag, attributes in reader.tags if tag == 'a']
    check((expected['answer_link'] in links) == expected['answer_shown'], f'{name}: links {links}')
    check(all(link.startswith('https://') for link in links), f'{name}: links {links}')


def check_message(name, payload, expected):
    raw = payload['message']['raw']
    check(raw.isascii(), f'{name}: 8-bit bytes in the raw message')
    message = email.message_from_bytes(raw.encode('ascii', errors='replace'),
                                       policy=email.policy.default)
    check(not message.defects, f'{name}: defects {message.defects}')
    check(str(message['Subject']) == expected['subject'], f'{name}: Subject {message["Subject"]}')
    legacy = email.message_from_bytes(raw.encode('ascii', errors='replace'),
                                      policy=email.policy.compat32)
    check([address for _, address in addresses(legacy, 'Reply-To')] == [expected['reply_to']],
          f'{name}: Reply-To {addresses(legacy, "Reply-To")}')
    check([address for _, address in addresses(legacy, 'To')] == [expected['to']['email']],
          f'{name}: To {addresses(legacy, "To")}')
    check([address for _, address in addresses(legacy, 'From')] == [expected['from']['email']],
          f'{name}: From {addresses(legacy, "From")}')
    check(message['Message-ID'] == '<' + expected['message_id'] + '>',
          f'{name}: Message-ID {message["Message-ID"]}')

    children = list(message.iter_parts())
    check([part.get_content_type() for part in children] == ['multipart/alternative', 'application/ics'],
          f'{name}: children {[part.get_content_type() for part in children]}')
    if len(children) != 2:
        return
    parts = list(children[0].iter_parts())
    check([part.get_content_type() for part in parts] == ['text/plain', 'text/html', 'text/calendar'],
          f'{name}: alternatives {[part.get_content_type() for part in parts]}')
    if len(parts) != 3:
        return
    plain, rich, calendar = parts

    text = plain.get_payload(decode=True).decode('utf-8')
    check(text.replace('\r\n', '\n') == payload['text'], f'{name}: the text body differs from the payload')
    check((expected['answer_link'] in text) == expected['answer_shown'],
          f'{name}: the answer link in the text body: {expected["answer_link"] in text}')
    check(expected['title'] in text, f'{name}: no title in the text body')
    document = rich.get_payload(decode=True).decode('utf-8')
    check(document.replace('\r\n', '\n') == payload['html'], f'{name}: the HTML body differs from the payload')
    check_html(name, document, expected)

    check(calendar.get_param('method') == expected['method'],
          f'{name}: method parameter {calendar.get_param("method")}')
    data = calendar.get_payload(decode=True)
    check(data == payload['calendar']['text'].encode('utf-8'), f'{name}: the calendar part differs from the payload')
    check(children[1].get_payload(decode=True) == data, f'{name}: the attachment differs')
    check_calendar(name, data, expected)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([sys.argv[1], directory], check=True)
        samples = sorted(pathlib.Path(directory).glob('*.expected.json'))
        check(len(samples) == 5, f'{len(samples)} samples written, expected 5')
        for path in samples:
            name = path.name.removesuffix('.expected.json')
            expected = json.loads(path.read_text(encoding='utf-8'))
            payload = check_payload(name, (path.parent / (name + '.payload.json')).read_bytes(), expected)
            if payload is not None:
                check_message(name, payload, expected)
    for failure in failures:
        print('FAIL', failure)
    print(f'{len(samples)} invitations read with Python {sys.version.split()[0]} (email, json, '
          f'icalendar {icalendar.__version__}): {len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
