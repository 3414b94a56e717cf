#!/usr/bin/env python3
"""Reads the iMIP messages torikumi builds with Python's email package, another implementation
than GMime, and checks them against what they were built from (tests/mail/write_imip_samples.cpp):
the MIME tree (mixed > alternative of plain, html, calendar, then the .ics attachment), the
method parameter, the decoded subject and names, the bodies, the calendar byte for byte, CRLF
line ends and line lengths.

usage: check_imip_with_python_email.py WRITE_IMIP_SAMPLES"""

import email
import email.header
import email.policy
import email.utils
import json
import pathlib
import subprocess
import sys
import tempfile

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def crlf(text):
    return text.replace('\r\n', '\n').replace('\n', '\r\n')


def mailboxes(raw_values):
    """The (name, address) pairs of address headers, names decoded as RFC 2047 §6.2 says: the
    space between two encoded-words is not text. Python's policy.default puts one there
    (python/cpython#128110), so names are read with the older, compliant decoder."""
    return [(str(email.header.make_header(email.header.decode_header(name))), address)
            for name, address in email.utils.getaddresses(raw_values)]


def check_sample(eml, expected):
    name = eml.stem
    raw = eml.read_bytes()
    lines = raw.split(b'\r\n')
    check(b'\n' not in raw.replace(b'\r\n', b''), f'{name}: a line feed without CR')
    check(b'\r' not in raw.replace(b'\r\n', b''), f'{name}: a CR without line feed')
    check(raw.endswith(b'\r\n'), f'{name}: does not end with CRLF')
    check(all(len(line) <= 998 for line in lines), f'{name}: a line over 998 octets')
    check(all(len(line) <= 78 for line in lines), f'{name}: a line over 78 octets')
    check(all(byte < 0x80 for byte in raw), f'{name}: 8-bit bytes in a 7-bit message')

    message = email.message_from_bytes(raw, policy=email.policy.default)
    check(not message.defects, f'{name}: defects {message.defects}')
    check(message['MIME-Version'] == '1.0', f'{name}: MIME-Version {message["MIME-Version"]}')
    check(str(message['Subject']) == expected['subject'],
          f'{name}: subject {str(message["Subject"])!r} != {expected["subject"]!r}')
    legacy = email.message_from_bytes(raw, policy=email.policy.compat32)
    sender = mailboxes(legacy.get_all('From'))
    check(sender == [(expected['from']['name'], expected['from']['address'])], f'{name}: From {sender}')
    recipients = mailboxes(legacy.get_all('To'))
    check(recipients == [(r['name'], r['address']) for r in expected['to']],
          f'{name}: To {recipients}')
    if expected['reply_to']:
        reply_to = mailboxes(legacy.get_all('Reply-To'))
        check(reply_to == [(expected['reply_to']['name'], expected['reply_to']['address'])],
              f'{name}: Reply-To {reply_to}')
    else:
        check(message['Reply-To'] is None, f'{name}: a Reply-To')
    check(message['Message-ID'] == '<' + expected['message_id'] + '>',
          f'{name}: Message-ID {message["Message-ID"]}')
    check(message['Date'].datetime.isoformat() == '2026-05-11T23:00:00+00:00',
          f'{name}: Date {message["Date"]}')

    check(message.get_content_type() == 'multipart/mixed', f'{name}: top {message.get_content_type()}')
    children = list(message.iter_parts())
    check([part.get_content_type() for part in children] == ['multipart/alternative', 'application/ics'],
          f'{name}: children {[part.get_content_type() for part in children]}')
    if len(children) != 2:
        return
    alternative, attachment = children
    parts = list(alternative.iter_parts())
    check([part.get_content_type() for part in parts] == ['text/plain', 'text/html', 'text/calendar'],
          f'{name}: alternatives {[part.get_content_type() for part in parts]}')
    if len(parts) != 3:
        return
    plain, html, calendar = parts
    for part, key in ((plain, 'text_body'), (html, 'html_body')):
        check(part.get_content_charset() == 'utf-8', f'{name}: {key} charset {part.get_content_charset()}')
        check(part.get_payload(decode=True) == crlf(expected[key]).encode(),
              f'{name}: {key} decodes to {part.get_payload(decode=True)!r}')
    check(calendar.get_param('method') == expected['method'],
          f'{name}: method parameter {calendar.get_param("method")}')
    check(calendar.get_content_charset() == 'utf-8', f'{name}: calendar charset')
    check(calendar.get_content_disposition() is None, f'{name}: inline calendar has a disposition')
    check(calendar.get_payload(decode=True) == expected['calendar'].encode(),
          f'{name}: the inline calendar differs')
    check(attachment.get_content_disposition() == 'attachment', f'{name}: attachment disposition')
    check(attachment.get_filename() == expected['attachment_file_name'],
          f'{name}: file name {attachment.get_filename()}')
    check(attachment.get_param('name') == expected['attachment_file_name'], f'{name}: name parameter')
    check(attachment.get_payload(decode=True) == expected['calendar'].encode(),
          f'{name}: the attached calendar differs')


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([sys.argv[1], directory], check=True)
        samples = sorted(pathlib.Path(directory).glob('*.eml'))
        check(len(samples) == 3, f'{len(samples)} samples written, expected 3')
        for eml in samples:
            check_sample(eml, json.loads(eml.with_suffix('.json').read_text(encoding='utf-8')))
    for failure in failures:
        print('FAIL', failure)
    print(f'{len(samples)} messages read with Python email {sys.version.split()[0]}: '
          f'{len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
